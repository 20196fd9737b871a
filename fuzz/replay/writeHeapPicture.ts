/*
 * `pymem replay FINDING --dot FILE`: the heap at the failing step as Graphviz DOT in FILE and, beside
 * it, the SVG Graphviz lays out from that same text (FILE's name with .svg) — the layout the replay
 * page and the report show, rendered by Graphviz compiled to WebAssembly (views/graphvizSvg.ts), so no
 * `dot` binary is needed to look at it.
 */
import { writeOutputFile } from '../../io/writeOutputFile.js';
import { heapDot } from '../../views/heapDot.js';
import { dotToSvgFile } from '../../views/graphvizSvg.js';
import type { HeapPicture } from '../../views/heapPicture.js';

/** `heap.dot` → `heap.svg`; any other name gets `.svg` appended. */
export function svgFileFor(dotFile: string): string {
  return dotFile.endsWith('.dot') ? `${dotFile.slice(0, -4)}.svg` : `${dotFile}.svg`;
}

/** Writes the DOT and the SVG; returns the SVG's file name. */
export async function writeHeapPicture(heap: HeapPicture, dotFile: string): Promise<string> {
  const dot = heapDot(heap);
  const svgFile = svgFileFor(dotFile);
  writeOutputFile(dotFile, dot, `--dot ${dotFile}`);
  writeOutputFile(svgFile, await dotToSvgFile(dot), `--dot ${dotFile} (its SVG)`);
  return svgFile;
}
