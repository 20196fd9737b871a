/*
 * A heap picture as Graphviz DOT: one cluster per generation, references as edges (weak ones dashed),
 * the objects the invariant names in red, those the implementation disagrees about outlined in orange.
 * `dot -Tsvg` renders it; pymem renders its own SVG as well (heapSvg.ts) so no Graphviz is needed.
 */
import { GROUPS, type HeapPicture } from './heapPicture.js';

const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function heapDot(picture: HeapPicture): string {
  const lines = [
    'digraph heap {',
    '  rankdir=LR;',
    `  label=${quote(picture.caption)}; labelloc=t; fontname="Helvetica";`,
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  GROUPS.forEach((group, g) => {
    const nodes = picture.nodes.filter((n) => n.group === group);
    if (nodes.length === 0) return;
    lines.push(`  subgraph cluster_${g} {`, `    label=${quote(group)}; style="rounded,dashed"; color="#888888";`);
    for (const n of nodes) {
      const label = [n.title, ...n.details].join('\\n');
      const style = n.highlighted ? ', color="#c62828", fillcolor="#ffebee", penwidth=2'
        : n.differs ? ', color="#ef6c00", penwidth=2' : group === 'roots' ? ', shape=plaintext, style=""' : '';
      lines.push(`    ${quote(n.key)} [label=${quote(label).replace(/\\\\n/g, '\\n')}${style}];`);
    }
    lines.push('  }');
  });
  for (const e of picture.edges) {
    const attributes = [e.label ? `label=${quote(e.label)}` : '', e.weak ? 'style=dashed' : ''].filter(Boolean).join(', ');
    lines.push(`  ${quote(e.from)} -> ${quote(e.to)}${attributes ? ` [${attributes}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
