/*
 * A heap picture as Graphviz DOT: one cluster per generation (roots, generations 0–2, permanent,
 * untracked, objects only the implementation still holds, objects the step freed), references as edges
 * (weak ones dashed), the objects the invariant names in red, those the implementation disagrees about
 * outlined in orange, and — on the replay page — the objects the step created in green, changed in
 * yellow, freed as grey ghosts. Graphviz lays it out (graphvizSvg.ts renders it with Graphviz compiled
 * to WebAssembly, so no `dot` binary is needed); `pymem replay --dot` writes this text beside the SVG.
 *
 * Legible at 40 objects: left to right, the names in one column, each object one compact box whose
 * first line is its type and id; the details (refcount, flags, what the implementation says) follow in
 * smaller type, the implementation's in red. Every node and cluster carries an `id` and a `class`, so
 * the page can find them and a test can check them.
 */
import { GROUPS, type HeapNode, type HeapPicture } from './heapPicture.js';
import { escapeHtml } from './htmlText.js';

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

const COLOURS = {
  highlighted: { border: '#c62828', fill: '#ffebee' },
  differs: { border: '#ef6c00', fill: '#fff3e0' },
  new: { border: '#2e7d32', fill: '#e8f5e9' },
  changed: { border: '#455a64', fill: '#fffde7' },
  freed: { border: '#9e9e9e', fill: '#f5f5f5' },
  plain: { border: '#455a64', fill: '#ffffff' },
};
const IMPLEMENTATION_RED = '#c62828';
const DETAIL_GREY = '#455a64';

/** The cluster's id in DOT, the SVG and the page: `g-generation-0`, `g-roots`, … */
export const clusterId = (group: string) => `g-${group.replace(/[^a-z0-9]+/gi, '-')}`;

function nodeClasses(n: HeapNode): string {
  return ['heap-node', n.group === 'roots' ? 'root' : 'object', n.highlighted ? 'highlighted' : '', n.differs ? 'differs' : '', n.change ?? ''].filter(Boolean).join(' ');
}

function nodeLabel(n: HeapNode): string {
  const lines = n.details.map((d) => {
    const colour = d.startsWith('engine') || d.startsWith('the model') ? IMPLEMENTATION_RED : DETAIL_GREY;
    return `<br/><font point-size="9" color="${colour}">${escapeHtml(d)}</font>`;
  });
  return `<<b>${escapeHtml(n.title)}</b>${lines.join('')}>`;
}

function nodeStatement(n: HeapNode): string {
  const id = `id=${quote(`heap-${n.key.replace(/[^a-z0-9]+/gi, '-')}`)}, class=${quote(nodeClasses(n))}`;
  if (n.group === 'roots') return `${quote(n.key)} [label=${nodeLabel(n)}, shape=plaintext, ${id}];`;
  const colours = n.highlighted ? COLOURS.highlighted : n.differs ? COLOURS.differs : n.change ? COLOURS[n.change] : COLOURS.plain;
  const width = n.highlighted || n.differs ? 2.2 : n.change === 'new' ? 1.6 : 1;
  const style = n.change === 'freed' ? 'rounded,filled,dashed' : 'rounded,filled';
  return `${quote(n.key)} [label=${nodeLabel(n)}, style=${quote(style)}, color=${quote(colours.border)}, fillcolor=${quote(colours.fill)}, penwidth=${width}, ${id}];`;
}

export function heapDot(picture: HeapPicture): string {
  const lines = [
    'digraph heap {',
    '  rankdir=LR; newrank=true; nodesep=0.18; ranksep=0.5; pad=0.2;',
    `  label=${quote(picture.caption)}; labelloc=t; labeljust=l; fontname="Helvetica"; fontsize=12;`,
    '  node [shape=box, fontname="Helvetica", fontsize=11, margin="0.08,0.04", height=0.3];',
    '  edge [fontname="Helvetica", fontsize=9, color="#546e7a", fontcolor="#546e7a", arrowsize=0.6];',
  ];
  GROUPS.forEach((group, g) => {
    const nodes = picture.nodes.filter((n) => n.group === group);
    if (nodes.length === 0) return;
    const title = group === 'roots' ? 'names and roots' : `${group} (${nodes.length})`;
    lines.push(`  subgraph cluster_${g} {`,
      `    label=${quote(title)}; style="rounded,dashed"; color="#90a4ae"; fontcolor="#546e7a"; fontsize=10; id=${quote(clusterId(group))}; class="heap-cluster";`);
    for (const n of nodes) lines.push(`    ${nodeStatement(n)}`);
    lines.push('  }');
  });
  for (const e of picture.edges) {
    const attributes = [e.label ? `label=${quote(e.label)}` : '', e.weak ? 'style=dashed' : ''].filter(Boolean).join(', ');
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${attributes ? ` [${attributes}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
