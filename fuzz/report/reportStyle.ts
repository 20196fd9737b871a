/*
 * The report's stylesheet, inlined into report.html so that the file stands alone.
 */
export const REPORT_STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px 32px; color: #263238; max-width: 1280px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #cfd8dc; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 12px 0 6px; color: #37474f; }
section.finding h3 { font-size: 15px; margin: 0 0 6px; font-family: monospace; color: #263238; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid #eceff1; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.bar { width: 160px; } td.bar span { display: block; height: 10px; background: #64b5f6; }
table.summary th { color: #546e7a; font-weight: normal; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
figure.chart { margin: 0; border: 1px solid #eceff1; padding: 6px; position: relative; min-height: 120px; display: flex; flex-direction: column; }
figure.chart figcaption { order: 2; padding: 2px 8px; }
figure.chart .u-title { font-size: 14px; text-align: left; padding-left: 8px; }
figure.chart .u-legend { font-size: 12px; }
.chart-tooltip { position: absolute; z-index: 10; pointer-events: none; background: rgba(255, 255, 255, 0.95); border: 1px solid #90a4ae; border-radius: 4px; padding: 4px 8px; font-size: 12px; white-space: nowrap; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.15); }
.chart-tooltip .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
p.live { background: #e8f5e9; border: 1px solid #a5d6a7; padding: 4px 10px; font-size: 13px; display: inline-block; }
.note { color: #607d8b; font-size: 13px; }
section.bug { margin: 16px 0; }
h3.bug-title { font-family: Helvetica, Arial, sans-serif; font-size: 15px; color: #b71c1c; }
table.bugs td.mono { font-family: monospace; font-size: 12px; }
p.never code { display: inline-block; background: #f5f7f8; padding: 1px 5px; margin: 2px; font-size: 12px; }
.tables { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
section.finding { border: 1px solid #ffcdd2; border-left: 4px solid #e53935; padding: 10px 16px; margin: 12px 0; }
p.meta { color: #607d8b; font-size: 13px; }
pre { background: #f5f7f8; padding: 8px 12px; font-size: 13px; overflow-x: auto; }
pre.diff { background: #fff8e1; }
pre.program span.fail { background: #ffcdd2; font-weight: bold; display: inline-block; width: 100%; }
pre.program span.comment { color: #78909c; }
p.warn { color: #c62828; }
p.note { color: #607d8b; }
.heap { overflow-x: auto; }
`;
