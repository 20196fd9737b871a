/*
 * The report's stylesheet, inlined into report.html so that the file stands alone.
 */
export const REPORT_STYLE = `
body { font-family: Helvetica, Arial, sans-serif; margin: 24px 32px; color: #263238; max-width: 1280px; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #cfd8dc; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 0 0 6px; font-family: monospace; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { padding: 3px 10px; text-align: left; border-bottom: 1px solid #eceff1; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.bar { width: 160px; } td.bar span { display: block; height: 10px; background: #64b5f6; }
table.summary th { color: #546e7a; font-weight: normal; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
.charts svg { border: 1px solid #eceff1; }
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
