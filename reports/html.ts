/**
 * report.html: one self-contained static page (inline CSS and script, no network, locked down by
 * a Content-Security-Policy), readable from `file://`. The markup is a fixed template; what the
 * page shows is prepared in Node (html-page.ts) and travels as JSON in `<script
 * type="application/json" id="run-data">`; the page's script lays it out with DOM APIs.
 * @see docs/decisions/0026-report-page.md
 */

import { reportPage } from './html-page.js';
import { PAGE_SCRIPT } from './html-script.js';
import { PAGE_STYLE } from './html-style.js';
import type { RunReport } from './model.js';
import type { Reporter } from './reporter.js';

/**
 * Serialises the run for a `<script>` element: every `<` becomes `\u003c`, so
 * neither `</script>` nor `<!--` in the data can end or bend the element.
 * JSON.parse reads the escape back as `<`.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

// Inline style and script only; no fetches, frames, fonts or remote images.
const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

const SELECT = (id: string, label: string, options: readonly [string, string][]): string =>
  `<label>${label} <select id="${id}"><option value="">all</option>${options
    .map(([value, text]) => `<option value="${value}">${text}</option>`)
    .join('')}</select></label>`;

const FILTERS = [
  SELECT('filter-status', 'Status', [
    ['failed', 'failed'],
    ['blocked', 'blocked or skipped'],
    ['passed', 'passed'],
    ['not-applicable', 'not applicable'],
  ]),
  SELECT('filter-severity', 'Severity', [
    ['critical', 'critical'],
    ['error', 'error'],
    ['warning', 'warning'],
    ['note', 'note'],
  ]),
  SELECT('filter-target', 'Target', []),
  SELECT('filter-suite', 'Suite', []),
  '<label>Search <input id="filter-text" type="search" placeholder="check, requirement, message"></label>',
  '<button id="filter-clear" type="button">Show all</button>',
].join('\n');

/** Renders report.html. */
export function renderHtml(report: RunReport): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>sso-harness conformance report</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1 id="verdict">sso-harness conformance report</h1>
<p class="detail" id="verdict-detail"></p>
<p class="meta" id="meta"></p>
<noscript><p>This page needs JavaScript to render; the same data is in report.json.</p></noscript>
<ul class="counts" id="counts"></ul>
</header>
<main>
<section id="overview">
<h2>Targets × suites</h2>
<p class="hint">Each cell counts its checks and takes the colour of its worst outcome; click one to list its results.</p>
<div class="scroll" id="matrix"></div>
<figure id="chart"></figure>
</section>
<section id="dialects"></section>
<section id="list">
<h2>Results</h2>
<div class="filters" role="search">
${FILTERS}
</div>
<p class="shown" id="shown"></p>
<div id="results"></div>
</section>
</main>
<script type="application/json" id="run-data">${scriptJson(reportPage(report))}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The report.html writer. */
export const htmlReporter: Reporter = { name: 'html', fileName: 'report.html', render: renderHtml };
