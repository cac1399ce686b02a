/**
 * The fixed CSS and browser script of report.html. The script reads the run
 * from `<script type="application/json" id="run-data">` and builds the page
 * with DOM APIs only (createElement, textContent): run data is never parsed as
 * markup. It uses a small DOM subset (getElementById, createElement, append,
 * replaceChildren, textContent, className, hidden, value, open, setAttribute,
 * addEventListener) that html.test.ts drives with a stand-in document.
 */

/** The page's stylesheet. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --critical: #8b0000; --error: #cf222e; --warning: #9a6700; --note: #0969da; --passed: #1a7f37; --other: #59636e; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d;
  --critical: #ff6a69; --error: #f85149; --warning: #d29922; --note: #4493f8; --passed: #3fb950; --other: #9198a1; } }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.meta, .shown { color: var(--muted); font-size: .85rem; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; margin: 1rem 0; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: .5rem; padding: .35rem .75rem; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 1rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
select, input { font: inherit; padding: .2rem .4rem; }
.result { border: 1px solid var(--line); border-radius: .5rem; margin: .4rem 0; }
.result > summary { cursor: pointer; padding: .5rem .75rem; display: flex; gap: .6rem; align-items: baseline; flex-wrap: wrap; }
.result > div { padding: 0 .75rem .75rem; border-top: 1px solid var(--line); }
.badge { font-size: .75rem; font-weight: 600; text-transform: uppercase; border-radius: 1rem; padding: 0 .5rem;
  color: var(--bg); background: var(--other); }
.badge.critical { background: var(--critical); } .badge.error { background: var(--error); }
.badge.warning { background: var(--warning); } .badge.note { background: var(--note); }
.badge.passed { background: var(--passed); }
table.matrix { border-collapse: collapse; margin: .5rem 0 1.5rem; } table.matrix th, table.matrix td { border: 1px solid var(--muted); padding: .2rem .5rem; text-align: left; }
.sp { font-weight: 600; } .ids { color: var(--muted); font-size: .85rem; }
.message { white-space: pre-wrap; overflow-wrap: anywhere; }
.requirement { color: var(--muted); font-size: .9rem; border-left: 3px solid var(--muted); padding-left: .5rem; }
pre { background: color-mix(in srgb, var(--fg) 6%, transparent); padding: .5rem; overflow: auto; max-height: 30rem;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: .8rem; }
.verdict.pass { color: var(--passed); } .verdict.fail { color: var(--error); }
`;

/** The page's script (plain ES2019, no imports, no network). */
export const PAGE_SCRIPT = `
(function () {
  'use strict';
  var report = JSON.parse(document.getElementById('run-data').textContent);
  var strict = report.options.strict;
  var LEVEL_SEVERITY = { MUST: 'error', DOC: 'error', SHOULD: 'warning', MAY: 'note' };
  var ORDER = ['critical', 'error', 'warning', 'note', 'skipped', 'not-applicable', 'passed'];

  function h(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) { if (child !== null && child !== undefined) node.append(child); });
    return node;
  }
  function text(tag, className, value) { var node = h(tag, className); node.textContent = String(value); return node; }
  function severityOf(r) { return r.severity || (r.security ? 'critical' : LEVEL_SEVERITY[r.level]); }
  function outcomeOf(r) { return r.status === 'failed' ? severityOf(r) : r.status; }
  function failsRun(r) {
    var s = outcomeOf(r);
    return s === 'critical' || s === 'error' || (strict && s === 'warning');
  }

  var s = report.summary;
  var verdict = document.getElementById('verdict');
  verdict.textContent = s.exitCode === 0 ? '\\u2705 Passed \\u2014 exit code 0'
    : s.exitCode === 3 ? '\\u26a0\\ufe0f Nothing tested \\u2014 exit code 3: every check was not applicable'
    : '\\u274c Failed \\u2014 exit code 1';
  verdict.className = 'verdict ' + (s.exitCode === 0 ? 'pass' : 'fail');
  document.getElementById('meta').textContent = [report.tool.name + ' ' + report.tool.version,
    'schema ' + report.schemaVersion, 'started ' + report.startedAt, (report.durationMs / 1000).toFixed(2) + ' s',
    'seed ' + report.options.seed, 'strict: ' + (strict ? 'yes' : 'no'),
    'SPs: ' + report.targets.map(function (t) { return t.sp + ' (' + t.kind + ')'; }).join(', ')].join(' \\u00b7 ');
  document.getElementById('counts').replaceChildren(...[
    ['Passed', s.passed], ['Critical', s.critical], ['Errors', s.errors],
    ['Warnings' + (strict ? ' (fail: strict)' : ''), s.warnings], ['Notes', s.notes], ['Skipped', s.skipped],
    ['Not applicable', s.notApplicable], ['Total', s.total]
  ].map(function (c) { return text('li', '', c[0] + ': ' + c[1]); }));

  function pre(value) { return text('pre', '', value); }
  function headers(map) {
    return Object.keys(map).map(function (k) { return k + ': ' + map[k]; }).join('\\n');
  }
  function exchange(x) {
    var parts = [text('p', '', x.request.method + ' ' + x.request.url + ' (' + x.durationMs + ' ms)')];
    var request = headers(x.request.headers);
    if (x.request.body !== undefined) request += (request ? '\\n\\n' : '') + x.request.body;
    if (request) parts.push(pre(request));
    if (x.response) {
      parts.push(text('p', '', '\\u2192 ' + x.response.status));
      var response = headers(x.response.headers);
      if (x.response.body !== undefined) response += (response ? '\\n\\n' : '') + x.response.body;
      if (response) parts.push(pre(response));
    } else {
      parts.push(text('p', '', '\\u2192 no response: ' + (x.error || 'unknown error')));
    }
    return parts;
  }
  function evidence(e, i) {
    var body = [];
    if (e.kind === 'http') body = exchange(e.exchange);
    else if (e.kind === 'saml') body = [text('p', '', 'SAML message'), pre(e.xml)].concat(e.answer ? exchange(e.answer) : []);
    else if (e.kind === 'note') body = [text('p', 'message', e.text)];
    else body = [pre(JSON.stringify(e.data, null, 2))];
    var title = 'Evidence ' + (i + 1) + ' (' + e.kind + ')' + (e.label ? ': ' + e.label : '');
    return h('details', '', [text('summary', '', title), h('div', '', body)]);
  }
  function details(r) {
    var parts = [text('p', 'message', r.message),
      text('p', 'ids', 'Level ' + r.level + (r.security ? ' \\u00b7 security' : '') + ' \\u00b7 requirements: ' +
        (r.requirements.join(', ') || 'none') + (r.clause ? ' \\u00b7 ' + r.clause : '') + ' \\u00b7 suite ' + r.suite + ' \\u00b7 ' + r.durationMs + ' ms')];
    r.requirements.forEach(function (id) {
      var note = report.requirements && report.requirements[id];
      if (note) parts.push(text('p', 'requirement', id + ' (' + note.level + '): ' + note.text + ' \u2014 ' + note.source));
    });
    if (r.consequence) parts.push(text('p', 'message', 'Consequence: ' + r.consequence));
    if (r.reason) parts.push(text('p', 'message', 'Reason: ' + r.reason));
    return h('div', '', parts.concat(r.evidence.map(evidence)));
  }
  var items = report.results.map(function (r, index) { return { r: r, index: index, outcome: outcomeOf(r) }; })
    .sort(function (a, b) { return ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome) || a.index - b.index; })
    .map(function (item) {
      var r = item.r;
      var node = h('details', 'result', [h('summary', '', [text('span', 'badge ' + item.outcome, item.outcome),
        text('span', 'sp', r.sp + (r.dialect ? ' (' + r.dialect + ')' : '')), text('span', '', r.scenario + ' \\u2014 ' + r.title),
        text('span', 'ids', r.requirements.join(', ') + (failsRun(r) ? ' \\u00b7 fails the run' : ''))])]);
      var filled = false;
      node.addEventListener('toggle', function () {
        if (node.open && !filled) { filled = true; node.append(details(r)); }
      });
      return { r: r, outcome: item.outcome, node: node };
    });
  document.getElementById('results').replaceChildren(...items.map(function (item) { return item.node; }));

  // The compatibility matrix: per SP, each check run per IdP dialect against each dialect.
  var CELL = { passed: '\u2705 works', 'not-applicable': '\u2796', skipped: 'skipped' };
  var matrices = [];
  report.results.filter(function (r) { return r.dialect; }).forEach(function (r) {
    var m = matrices.filter(function (x) { return x.sp === r.sp; })[0];
    if (!m) { m = { sp: r.sp, dialects: [], rows: [] }; matrices.push(m); }
    if (m.dialects.indexOf(r.dialect) === -1) m.dialects.push(r.dialect);
    var row = m.rows.filter(function (x) { return x.scenario === r.scenario; })[0];
    if (!row) { row = { scenario: r.scenario, title: r.title, cells: {} }; m.rows.push(row); }
    row.cells[r.dialect] = r;
  });
  document.getElementById('matrix').replaceChildren(...matrices.map(function (m) {
    var rows = m.rows.filter(function (row) {
      return m.dialects.some(function (d) { return row.cells[d] && row.cells[d].status !== 'not-applicable'; });
    });
    var head = h('tr', '', [text('th', '', 'Step')].concat(m.dialects.map(function (d) { return text('th', '', d); })));
    var body = rows.map(function (row) {
      return h('tr', '', [text('td', '', row.title + ' (' + row.scenario + ')')].concat(m.dialects.map(function (d) {
        var r = row.cells[d];
        if (!r) return text('td', '', '');
        var cell = text('td', 'badge ' + outcomeOf(r), r.status === 'failed' ? outcomeOf(r) : CELL[r.status]);
        cell.title = r.message;
        return cell;
      })));
    });
    return h('div', '', [text('h2', '', 'Compatibility matrix \u2014 ' + m.sp),
      text('p', 'ids', 'Each lifecycle step as the IdP sends it, read back over SCIM; a failure is graded by what it costs the customer.'),
      h('table', 'matrix', [h('thead', '', [head]), h('tbody', '', body)])]);
  }));

  var sps = document.getElementById('filter-sp');
  report.targets.map(function (t) { return t.sp; }).concat(report.results.map(function (r) { return r.sp; }))
    .filter(function (sp, i, all) { return all.indexOf(sp) === i; })
    .forEach(function (sp) { var o = text('option', '', sp); o.setAttribute('value', sp); sps.append(o); });
  var filters = ['filter-status', 'filter-severity', 'filter-sp', 'filter-text'].map(function (id) {
    return document.getElementById(id);
  });
  function apply() {
    var status = filters[0].value, severity = filters[1].value, sp = filters[2].value;
    var needle = filters[3].value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var r = item.r;
      var hay = [r.scenario, r.title, r.message, r.requirements.join(' ')].join(' ').toLowerCase();
      var visible = (!status || r.status === status) && (!severity || (r.status === 'failed' && item.outcome === severity)) &&
        (!sp || r.sp === sp) && (!needle || hay.indexOf(needle) !== -1);
      item.node.hidden = !visible;
      if (visible) shown++;
    });
    document.getElementById('shown').textContent = 'Showing ' + shown + ' of ' + items.length + ' results';
  }
  filters.forEach(function (f) { f.addEventListener('input', apply); f.addEventListener('change', apply); });
  apply();
})();
`;
