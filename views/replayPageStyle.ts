/*
 * The replay page's stylesheet, inlined so that the page is one file. Colours say the same thing
 * everywhere: red — the failure and the objects it names; orange — the two sides disagree; green —
 * created by this step; yellow — changed by this step; grey — freed, or the teardown.
 */
export const REPLAY_PAGE_STYLE = `
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; margin: 0; color: #263238; font-size: 14px; }
header { padding: 12px 20px 8px; border-bottom: 1px solid #cfd8dc; }
header h1 { font-size: 18px; margin: 0 0 4px; font-family: monospace; }
header p { margin: 2px 0; }
.verdict { font-weight: bold; }
.verdict.reproduced { color: #c62828; }
.failure { color: #b71c1c; }
.keys { color: #607d8b; font-size: 12px; }
kbd { border: 1px solid #b0bec5; border-radius: 3px; padding: 0 4px; font-size: 11px; background: #fafafa; }
#stepper { position: sticky; top: 0; z-index: 5; background: #ffffff; padding: 8px 20px; border-bottom: 1px solid #eceff1; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
#stepper button { font-size: 13px; padding: 3px 10px; cursor: pointer; }
#step-counter { font-weight: bold; min-width: 120px; font-variant-numeric: tabular-nums; }
#timeline { display: flex; gap: 2px; flex-wrap: wrap; align-items: center; }
#timeline .tick { width: 12px; height: 18px; border-radius: 2px; background: #cfd8dc; cursor: pointer; border: 2px solid transparent; }
#timeline .tick.teardown { background: #eceff1; }
#timeline .tick.changed { background: #90caf9; }
#timeline .tick.differs { background: #ffb74d; }
#timeline .tick.failing { background: #e53935; }
#timeline .tick.current { border-color: #263238; }
main { display: grid; grid-template-columns: minmax(220px, 300px) 1fr; gap: 0; }
#program { border-right: 1px solid #eceff1; padding: 10px 0; font-family: monospace; font-size: 13px; position: sticky; top: 48px; align-self: start; max-height: calc(100vh - 60px); overflow: auto; }
#program .header { color: #78909c; padding: 1px 12px; white-space: pre; }
#program .stmt { padding: 1px 12px; white-space: pre; cursor: pointer; border-left: 4px solid transparent; }
#program .stmt:hover { background: #f5f7f8; }
#program .stmt .n { color: #90a4ae; display: inline-block; width: 3.2em; }
#program .stmt.teardown { color: #78909c; }
#program .stmt.failing { border-left-color: #e53935; background: #ffebee; }
#program .stmt.differs { border-left-color: #ffb74d; }
#program .stmt.current { background: #e3f2fd; font-weight: bold; }
#program .stmt.not-run { color: #b0bec5; }
#program h3 { font-family: Helvetica, Arial, sans-serif; font-size: 12px; color: #607d8b; margin: 10px 12px 4px; text-transform: uppercase; }
#content { padding: 10px 20px 40px; min-width: 0; }
section { margin: 0 0 16px; }
section h2 { font-size: 15px; margin: 0 0 6px; color: #37474f; }
h3 { font-size: 13px; margin: 10px 0 4px; color: #546e7a; }
#statement { font-family: monospace; font-size: 16px; padding: 8px 12px; background: #f5f7f8; border-left: 4px solid #90a4ae; }
#statement.failing { background: #ffebee; border-left-color: #e53935; }
#statement .where { font-family: Helvetica, Arial, sans-serif; font-size: 12px; color: #607d8b; display: block; margin-bottom: 2px; }
#divergence { border: 2px solid #e53935; background: #fff5f5; padding: 8px 12px; }
#divergence.hidden, .hidden { display: none; }
#divergence h2 { color: #c62828; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 2px 8px; text-align: left; border-bottom: 1px solid #eceff1; vertical-align: top; }
th { color: #546e7a; font-weight: normal; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
#divergence td.mono { word-break: break-all; max-width: 40em; }
p.failure { overflow-wrap: anywhere; }
td.mono, .mono { font-family: monospace; }
td.differs, tr.differs > td.differs { background: #ffe0b2; font-weight: bold; }
tr.new > td:first-child { box-shadow: inset 4px 0 #43a047; }
tr.changed > td:first-child { box-shadow: inset 4px 0 #fbc02d; }
tr.highlighted > td { background: #ffebee; }
#changes ul { margin: 0; padding-left: 0; list-style: none; }
#changes li { padding: 1px 0; }
.side { display: inline-block; min-width: 104px; font-size: 11px; padding: 0 6px; border-radius: 8px; margin-right: 6px; text-align: center; color: #ffffff; }
.side.both { background: #78909c; }
.side.model { background: #1565c0; }
.side.implementation { background: #ef6c00; }
.side.allocator { background: #6a1b9a; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.columns > div { min-width: 0; }
#heap-picture { border: 1px solid #eceff1; overflow: auto; max-height: 80vh; background: #ffffff; }
#heap-picture svg { display: block; }
#heap-picture.fit svg { width: 100%; height: auto; }
.toolbar { font-size: 12px; color: #607d8b; margin-bottom: 4px; }
.toolbar button { font-size: 12px; }
.legend span { display: inline-block; padding: 0 6px; margin-right: 4px; border: 2px solid; border-radius: 4px; font-size: 11px; }
.arena { margin: 4px 0 10px; }
.arena .title { font-family: monospace; font-size: 12px; color: #37474f; }
.pools { display: flex; flex-wrap: wrap; gap: 2px; margin-top: 2px; }
.pool { width: 16px; height: 16px; border: 1px solid #90a4ae; border-radius: 2px; cursor: pointer; background: #ffffff; }
.pool.used { background: #64b5f6; }
.pool.full { background: #1565c0; }
.pool.empty { background: #cfd8dc; }
.pool.unused { background: #ffffff; border-style: dashed; cursor: default; }
.pool.touched { outline: 2px solid #6a1b9a; }
.pool.selected { outline: 2px solid #263238; }
.pool.wrong { outline: 3px solid #e53935; }
.pool-detail { border: 1px solid #e1bee7; padding: 6px 10px; margin: 6px 0; }
.pool-detail.wrong { border: 2px solid #e53935; }
.pool-detail h3 { font-size: 13px; margin: 0 0 4px; font-family: monospace; }
.blocks { display: flex; flex-wrap: wrap; gap: 1px; margin: 4px 0; }
.block { width: 18px; height: 18px; font-size: 10px; line-height: 16px; text-align: center; border: 1px solid #b0bec5; color: #37474f; }
.block.allocated { background: #1e88e5; border-color: #1565c0; color: #ffffff; }
.block.free { background: #c8e6c9; border-color: #43a047; }
.block.unused { background: #ffffff; border-style: dotted; }
.block.expected { outline: 3px solid #2e7d32; outline-offset: 0; z-index: 1; }
.block.returned { outline: 3px solid #e53935; outline-offset: 0; z-index: 1; }
.free-list { font-family: monospace; font-size: 12px; margin: 2px 0; }
.free-list .entry.expected { color: #2e7d32; font-weight: bold; }
.free-list .entry.returned { color: #c62828; font-weight: bold; }
.note { color: #607d8b; font-size: 12px; }
.empty-note { color: #90a4ae; font-style: italic; }
`;
