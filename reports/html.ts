/**
 * report.html: one self-contained static page (inline CSS and script, no
 * network, locked down by a Content-Security-Policy). The markup is a fixed
 * template; the run travels as JSON in `<script type="application/json"
 * id="run-data">` and the page's script renders it with DOM APIs.
 */

import { PAGE_SCRIPT, PAGE_STYLE } from './html-assets.js';
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
<p class="meta" id="meta"></p>
<noscript><p>This page needs JavaScript to render; the same data is in report.json.</p></noscript>
<ul class="counts" id="counts"></ul>
</header>
<main>
<section id="matrix"></section>
<div class="filters" role="search">
<label>Status <select id="filter-status"><option value="">all</option><option value="failed">failed</option><option value="passed">passed</option><option value="skipped">skipped</option><option value="not-applicable">not applicable</option></select></label>
<label>Severity <select id="filter-severity"><option value="">all</option><option value="critical">critical</option><option value="error">error</option><option value="warning">warning</option><option value="note">note</option></select></label>
<label>SP <select id="filter-sp"><option value="">all</option></select></label>
<label>Search <input id="filter-text" type="search" placeholder="scenario, requirement, message"></label>
</div>
<p class="shown" id="shown"></p>
<section id="results"></section>
</main>
<script type="application/json" id="run-data">${scriptJson(report)}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The report.html writer. */
export const htmlReporter: Reporter = { name: 'html', fileName: 'report.html', render: renderHtml };
