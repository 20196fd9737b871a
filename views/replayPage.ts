/*
 * The replay page (`pymem replay FINDING --html OUT.html`): one self-contained HTML file that steps
 * through a finding's program — the statement, the model's and the implementation's state side by
 * side, what the step changed, the heap laid out by Graphviz, the allocator's arenas, pools and free
 * lists — with the first divergence highlighted. It opens from disk or from a CI artifact: the data is
 * a JSON block, the pictures are SVG already laid out (graphvizSvg.ts), the script (replayPageScript.ts)
 * only shows them; nothing is fetched.
 *
 * Pictures identical from one step to the next are stored once. A recording of more than
 * PLAIN_DATA_LIMIT bytes of JSON (a program of 40 objects and 60 steps makes 3–4 MB, mostly SVG) is
 * stored gzipped in base64, about a tenth of the size, and unpacked by the page with the browser's own
 * DecompressionStream; a small one stays plain JSON that anyone can read in the file.
 */
import { gzipSync } from 'node:zlib';
import { escapeHtml, scriptJson } from './htmlText.js';
import type { ReplayRecording } from './replayRecording.js';
import { REPLAY_PAGE_SCRIPT } from './replayPageScript.js';
import { REPLAY_PAGE_STYLE } from './replayPageStyle.js';


/** The page for a recording, with `pictures[k]` the SVG of step k's heap. */
/** Above this much JSON the page's data is gzipped (base64). */
export const PLAIN_DATA_LIMIT = 256 * 1024;

/** The data block: plain JSON, or gzipped JSON in base64 when it is large. */
function dataBlock(data: unknown): string {
  const json = JSON.stringify(data);
  if (json.length <= PLAIN_DATA_LIMIT) return `<script type="application/json" id="replay-data">${scriptJson(data)}</script>`;
  const packed = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  return `<script type="application/octet-stream" id="replay-data" data-encoding="gzip-base64">${packed}</script>`;
}

export function replayPageHtml(recording: ReplayRecording, pictures: string[]): string {
  const unique: string[] = [];
  const indexOf = new Map<string, number>();
  const steps = recording.steps.map((step, k) => {
    const svg = pictures[k] ?? '';
    let picture = indexOf.get(svg);
    if (picture === undefined) {
      picture = unique.push(svg) - 1;
      indexOf.set(svg, picture);
    }
    const { heap: _heap, ...rest } = step;
    return { ...rest, picture };
  });
  const data = { ...recording, steps, pictures: unique };
  const f = recording.failure;
  const failure = f
    ? `<p class="failure"><b>${escapeHtml(f.label)}</b> ${f.step > 0 ? `at step ${f.step}` : 'at teardown'}: ${escapeHtml(f.message)}</p>`
    : '<p>The program passes: no failure to show.</p>';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pymem replay ${escapeHtml(recording.title)}</title>
<style>${REPLAY_PAGE_STYLE}</style></head>
<body>
<header>
<h1>${escapeHtml(recording.title)}</h1>
<p><span class="verdict ${recording.verdict === 'reproduced' ? 'reproduced' : ''}" id="verdict">${escapeHtml(recording.verdict)}</span> · ${escapeHtml(recording.engine)}</p>
${failure}
<p class="keys"><kbd>←</kbd> <kbd>→</kbd> or <kbd>k</kbd> <kbd>j</kbd> step · <kbd>Home</kbd> <kbd>End</kbd> first and last · <kbd>d</kbd> the first divergence · click a statement, a tick or a pool</p>
</header>
<nav id="stepper">
<button id="first" title="first step (Home)">first</button><button id="previous" title="previous step (← or k)">◀</button>
<span id="step-counter"></span>
<button id="next" title="next step (→ or j)">▶</button><button id="last" title="last step (End)">last</button>
<button id="to-divergence" title="the first divergence (d)"${recording.firstDivergence === null ? ' disabled' : ''}>divergence</button>
<span id="timeline"></span>
</nav>
<main>
<aside id="program"></aside>
<div id="content">
<section id="statement"></section>
<section id="divergence" class="hidden"></section>
<section id="changes"><h2>What changed</h2><ul id="changes-list"></ul></section>
<section id="heap"><h2>The heap: the model's objects and references, by generation; what the engine says otherwise in red</h2>
<div class="toolbar"><button id="fit">fit / actual size</button>
<span class="legend"><span style="border-color:#c62828">named by the failure</span><span style="border-color:#ef6c00">the sides disagree</span><span style="border-color:#2e7d32">created</span><span style="border-color:#455a64;background:#fffde7">changed</span><span style="border-color:#9e9e9e;border-style:dashed">freed by this step</span> dashed arrow: weak reference</span></div>
<div id="heap-picture"></div></section>
<section id="sides"><h2>Side by side</h2>
<div id="objects"></div>
<div class="columns"><div><h3>trace line</h3><div id="trace"></div></div><div><h3>the model's collector and freelists</h3><div id="model-state"></div></div></div>
</section>
<section id="allocator" class="hidden"><h2>The allocator (the allocator model replays the engine's calls)</h2><div id="allocator-body"></div></section>
</div>
</main>
${dataBlock(data)}
<script>${REPLAY_PAGE_SCRIPT}</script>
</body></html>
`;
}
