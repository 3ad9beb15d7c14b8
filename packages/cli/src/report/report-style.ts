/** The report's stylesheet (inline: the page loads nothing from the network). */
export const REPORT_CSS = `
:root { --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f8fafc; --card: #ffffff; --accent: #2563eb; --warn: #b45309; --ok: #047857; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 24px 48px; }
header h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
header .sub { color: var(--muted); margin: 0; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; vertical-align: middle; margin-left: 8px; }
.badge.complete { background: #d1fae5; color: var(--ok); }
.badge.interrupted, .badge.running { background: #fef3c7; color: var(--warn); }
.badge.failed { background: #fde2e1; color: #b91c1c; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin-top: 18px; }
section h2 { font-size: 17px; margin: 0 0 12px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-top: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 16px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.05em; }
.card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .note { color: var(--muted); font-size: 12px; }
.sheet { display: grid; grid-template-columns: auto 1fr; gap: 10px; align-items: stretch; }
.rowlabels { display: grid; grid-template-rows: repeat(3, 1fr); font-size: 13px; color: var(--muted); text-align: right; }
.rowlabels div { display: flex; align-items: center; justify-content: flex-end; }
.sheet-view { width: 100%; background-size: 100% 100%; background-repeat: no-repeat; border-radius: 6px; }
.slider { display: flex; align-items: center; gap: 12px; margin: 6px 0 12px; color: var(--muted); font-size: 14px; }
.slider input { flex: 1; }
.evolution { display: grid; grid-template-columns: 84px minmax(0, 560px); gap: 6px 10px; align-items: center; font-size: 13px; color: var(--muted); }
.strip { width: 100%; background-size: 100% auto; background-position: 0 50%; background-repeat: no-repeat; border-radius: 4px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 12px; }
svg.chart { width: 100%; height: auto; background: #fff; }
svg .grid { stroke: #eef0f3; }
svg .axis { stroke: #9ca3af; }
svg .tick, svg .legend { font-size: 11px; fill: #6b7280; }
svg .axis-label { font-size: 11px; fill: #6b7280; }
svg .chart-title { font-size: 13px; font-weight: 600; fill: #374151; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); font-size: 14px; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
td.num { text-align: right; }
th.num { text-align: right; }
.callout { padding: 10px 14px; border-radius: 8px; font-size: 14px; margin-top: 12px; }
.callout.warn { background: #fffbeb; border: 1px solid #fde68a; color: var(--warn); }
.callout.ok { background: #ecfdf5; border: 1px solid #a7f3d0; color: var(--ok); }
.caption { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
.config { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 24px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: #f3f4f6; padding: 12px; border-radius: 8px; overflow: auto; }
details summary { cursor: pointer; color: var(--accent); margin-top: 10px; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; text-align: center; }
`;
