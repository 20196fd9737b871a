/*
 * DOT to SVG with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz): the layout `dot -Tsvg`
 * would give, with no system binary, no network and no browser. The WebAssembly module is loaded once
 * per process (about 0.3 s) and each layout then takes milliseconds to a few tens of them.
 *
 * Why lay out in Node rather than in the page: the page then needs no WebAssembly at all (it opens
 * from a CI artifact, in any browser, with scripts that only show and hide), the SVG is the same one
 * `pymem replay --dot` writes, and a page costs the size of its pictures only — the module itself
 * (0.8 MB of base64) would be larger than the pictures of a typical shrunk finding put together.
 *
 * The SVG is trimmed for inlining (a third smaller): no XML prolog, doctype, comments or titles, the
 * page's font, coordinates in whole points. The `.svg` file `pymem replay --dot` writes is Graphviz's
 * own output.
 */
import { Graphviz } from '@hpcc-js/wasm-graphviz';

let graphviz: Promise<Graphviz> | null = null;

/** The SVG of a DOT graph, laid out by Graphviz's `dot`, ready to inline in HTML. */
export async function dotToSvg(dot: string): Promise<string> {
  const g = await (graphviz ??= Graphviz.load());
  return trimSvg(g.dot(dot));
}

/** The SVG as Graphviz writes it, for a `.svg` file of its own. */
export async function dotToSvgFile(dot: string): Promise<string> {
  const g = await (graphviz ??= Graphviz.load());
  return g.dot(dot);
}

export function trimSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*\?>\s*/g, '')
    .replace(/<!DOCTYPE[^>]*>\s*/g, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    // Titles name the DOT nodes (`o12`, `o1->o2`): nothing a reader needs, a tenth of the text.
    .replace(/<title>[^<]*<\/title>\n?/g, '')
    // Inline, the text takes the page's font; and whole points are precise enough on a screen.
    .replace(/ font-family="[^"]*"/g, '')
    .replace(/ xml:space="preserve"/g, '')
    .replace(/="([^"]*)"/g, (_, value: string) => `="${value.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n))))}"`)
    .trim();
}
