import type { HtmlReportData } from './html-data.js';
import { HTML_SCRIPT } from './html-script.js';

const STYLE = `
:root{--ok:#2e7d32;--changed:#c77700;--failed:#c62828;--skipped:#0277bd;--unreachable:#6a1b9a;--rescued:#00897b;--ignored:#8d6e63;--bg:#fff;--fg:#1d1d1f;--mute:#6b6b70;--line:#e3e3e8}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:8px 24px;align-items:baseline}
header h1{font-size:18px;margin:0}header .meta{color:var(--mute)}
nav{position:sticky;top:0;background:#fafafa;border-bottom:1px solid var(--line);padding:6px 24px;z-index:2}nav a{margin-right:16px;color:#0b57d0;text-decoration:none}
main{padding:0 24px 48px}section{margin-top:24px}h2{font-size:16px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;background:#f6f6f8;position:sticky;top:33px}td.n,th.n{text-align:right}
.badge{display:inline-block;padding:0 6px;border-radius:8px;color:#fff;font-size:12px}
.s-ok{background:var(--ok)}.s-changed{background:var(--changed)}.s-failed{background:var(--failed)}.s-skipped{background:var(--skipped)}.s-unreachable{background:var(--unreachable)}.s-rescued{background:var(--rescued)}.s-ignored{background:var(--ignored)}
tr.bad td:first-child{border-left:3px solid var(--failed)}
pre{margin:4px 0;padding:6px 8px;background:#f6f6f8;border-radius:4px;overflow:auto;max-height:320px;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap}
.diff-add{color:#1b5e20}.diff-del{color:#b71c1c}
details{margin:2px 0}summary{cursor:pointer}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:24px}
.bar{display:inline-block;height:8px;background:#90a4ae;border-radius:2px;vertical-align:middle}
#gantt-wrap{position:relative;border:1px solid var(--line);height:560px;overflow:auto}#gantt-spacer{position:relative}
#gantt{position:sticky;top:0;left:0;display:block}#gantt-tip{position:fixed;pointer-events:none;background:#263238;color:#fff;padding:4px 8px;border-radius:4px;font-size:12px;display:none;z-index:5;max-width:480px;white-space:pre-wrap}
.legend span{margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:middle}
input[type=search]{padding:3px 8px;border:1px solid var(--line);border-radius:4px;min-width:240px}
.muted{color:var(--mute)}.more{margin-top:4px}
.scroll{max-height:460px;overflow:auto;border:1px solid var(--line)}.scroll th{top:0}.scroll pre{max-height:160px}
`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The whole report as one self-contained HTML document: inline CSS, the data as JSON in a script tag (with `<`
 * escaped so no value can close it), and an inline script that renders the sections and the Gantt chart. No
 * network, no external assets.
 */
export function renderHtmlReport(data: HtmlReportData): string {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  const title = `Spindle run: ${data.playbook.split('/').pop() ?? data.playbook}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body data-rendered="no">
<header><h1>${escapeHtml(title)}</h1><span class="meta" id="summary"></span></header>
<nav><a href="#recap">Recap</a><a href="#failures">Failures</a><a href="#time">Where the time went</a><a href="#changes">Changes</a><a href="#timeline">Timeline</a><a href="#tasks">Tasks</a></nav>
<main>
<section id="recap"><h2>Recap</h2><div id="recap-body" class="scroll"></div></section>
<section id="failures"><h2>Failures and unreachable hosts</h2><div id="failures-body" class="scroll"></div></section>
<section id="time"><h2>Where the time went</h2><div class="cols"><div id="slow-tasks"></div><div id="slow-hosts"></div></div></section>
<section id="changes"><h2>What changed</h2><div id="changes-body" class="scroll"></div></section>
<section id="timeline"><h2>Timeline</h2>
<p class="legend" id="legend"></p>
<p><input type="search" id="host-filter" placeholder="filter hosts (substring)"> <span class="muted" id="gantt-note"></span></p>
<div id="gantt-wrap"><div id="gantt-spacer"><canvas id="gantt"></canvas></div></div><div id="gantt-tip"></div></section>
<section id="tasks"><h2>Tasks</h2><div id="tasks-body" class="scroll"></div></section>
<section id="warnings-section"><div id="warnings-body"></div></section>
</main>
<script type="application/json" id="report-data">${json}</script>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
