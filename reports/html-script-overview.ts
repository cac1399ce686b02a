/**
 * The first screen of report.html, as script: the verdict and why, the counts, the target ×
 * suite matrix (a click lists a cell's results), the pass/fail chart per target as inline SVG,
 * and the IdP dialect × operation matrices. Runs inside PAGE_SCRIPT (html-script.ts), whose
 * helpers it uses; `showResults` comes from html-script-results.ts.
 */

/** The overview's part of the page script. */
export const OVERVIEW_SCRIPT = `
  // The verdict, what decides it, and the counts.
  var verdict = $('verdict');
  verdict.textContent = page.verdict.text;
  verdict.className = 'verdict ' + ['pass', 'fail', '', 'none'][page.verdict.exitCode];
  $('verdict-detail').textContent = page.verdict.detail;
  $('meta').textContent = page.meta;
  $('counts').replaceChildren(...page.counts.map(function (c) {
    return text('li', 'tone-' + c.tone + (c.value === 0 && c.tone !== 'total' ? ' zero' : ''), c.label + ': ' + c.value);
  }));

  // Targets x suites: each cell counts its results and takes the colour of its worst outcome.
  var COUNTED = [['passed', 'pass'], ['failed', 'fail'], ['blocked', 'blocked'], ['notApplicable', 'n/a']];
  var cells = [];
  function headline(c) {
    if (c.failed) return c.failed + ' failed';
    if (c.blocked) return c.blocked + ' blocked';
    if (c.passed) return c.passed + ' passed';
    return c.notApplicable ? 'not applicable' : 'not run';
  }
  function matrixCell(c, target, suite) {
    var where = target + ' \\u00d7 ' + (suite || 'all suites');
    var node = button('cell tone-' + c.tone, [text('span', 'head', headline(c))].concat(COUNTED.map(function (k) {
      return text('span', c[k[0]] ? '' : 'zero', k[1] + ' ' + c[k[0]]);
    })));
    attrs(node, { 'data-target': target, 'data-suite': suite, 'aria-label': where + ': ' + c.passed + ' passed, ' +
      c.failed + ' failed, ' + c.blocked + ' blocked or skipped, ' + c.notApplicable + ' not applicable' });
    if (c.tone === 'empty') node.setAttribute('disabled', '');
    else node.addEventListener('click', function () { showResults({ target: target, suite: suite }); });
    cells.push({ node: node, base: node.className, target: target, suite: suite });
    return h('td', suite ? '' : 'total', [node]);
  }
  var m = page.matrix;
  var head = h('tr', '', [text('th', '', 'Target')].concat(m.suites.map(function (suite) {
    return h('th', '', [button('', [suite], function () { showResults({ suite: suite }); })]);
  }), [text('th', '', 'All suites')]));
  var rows = m.rows.map(function (row) {
    return h('tr', '', [h('th', '', [button('', [row.target], function () { showResults({ target: row.target }); })])]
      .concat(row.cells.map(function (c, i) { return matrixCell(c, row.target, m.suites[i]); }), [matrixCell(row.total, row.target, '')]));
  });
  $('matrix').replaceChildren(h('table', 'matrix', [h('thead', '', [head]), h('tbody', '', rows)]));

  // Pass/fail per target: a stacked bar each (passed, failed, blocked), scaled to the largest.
  function svgTitle(value) { var node = svg('title'); node.textContent = value; return node; }
  function chart() {
    var longest = Math.max.apply(null, [8].concat(m.rows.map(function (row) { return row.target.length; })));
    var LABEL = Math.min(320, longest * 7 + 16), BAR = 420, ROW = 24, TOP = 28, width = LABEL + BAR + 250;
    var tested = function (t) { return t.passed + t.failed + t.blocked; };
    var most = Math.max.apply(null, [1].concat(m.rows.map(function (row) { return tested(row.total); })));
    var parts = [['passed', 'passed'], ['failed', 'failed'], ['blocked', 'blocked or skipped']];
    var KEY = Math.max(LABEL, 150);
    var legend = parts.map(function (p, i) {
      return svg('g', {}, [svg('rect', { x: KEY + i * 140, y: 4, width: 12, height: 12, 'class': 'bar-' + p[0] }),
        svgText({ x: KEY + i * 140 + 18, y: 14 }, p[1])]);
    });
    var bars = m.rows.map(function (row, i) {
      var t = row.total, y = TOP + i * ROW, x = LABEL;
      var segments = parts.map(function (p) {
        var w = (t[p[0]] / most) * BAR;
        var tone = p[0] === 'failed' ? ' tone-' + t.tone : '';
        var rect = svg('rect', { x: x, y: y + 3, width: w, height: ROW - 8, 'class': 'bar-' + p[0] + tone },
          [svgTitle(row.target + ': ' + t[p[0]] + ' ' + p[1])]);
        x += w;
        return rect;
      });
      var label = t.passed + ' passed \\u00b7 ' + t.failed + ' failed' + (t.blocked ? ' \\u00b7 ' + t.blocked + ' blocked' : '') +
        (t.notApplicable ? ' \\u00b7 ' + t.notApplicable + ' n/a' : '');
      return svg('g', { 'data-target': row.target }, [svgText({ x: LABEL - 8, y: y + ROW / 2 + 3, 'text-anchor': 'end' }, row.target),
        svg('rect', { x: LABEL, y: y + 3, width: BAR, height: ROW - 8, 'class': 'track' })].concat(segments,
        [svgText({ x: LABEL + BAR + 8, y: y + ROW / 2 + 3 }, label)]));
    });
    var height = TOP + m.rows.length * ROW + 4;
    return svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img',
      'aria-label': 'Passed, failed and blocked checks per target' }, [svgText({ x: 0, y: 14, 'font-weight': 600 }, 'Checks per target')].concat(legend, bars));
  }
  $('chart').replaceChildren(chart());

  // IdP dialects x operations: each lifecycle step as each dialect sends it, read back over SCIM.
  var DIALECT_CELL = { passed: '\\u2713 works', 'not-applicable': '\\u2013', skipped: 'skipped' };
  if (page.dialects.length === 0) $('dialects').hidden = true;
  else $('dialects').replaceChildren(...[text('h2', '', 'IdP dialects \\u00d7 operations'),
    text('p', 'hint', 'Each lifecycle step as the IdP dialect sends it, read back over SCIM; a failure is graded by what it costs the customer. Click a cell to list its result.')]
    .concat(page.dialects.map(function (d) {
      var head = h('tr', '', [text('th', '', d.sp + ': operation')].concat(d.dialects.map(function (name) { return text('th', '', name); })));
      var body = d.rows.map(function (row) {
        return h('tr', '', [text('th', 'operation', row.title + ' (' + row.scenario + ')')].concat(row.cells.map(function (c, i) {
          if (!c) return h('td');
          var outcome = c.status === 'failed' ? c.severity : c.status === 'skipped' ? 'blocked' : c.status;
          var target = d.sp + ' (' + d.dialects[i] + ')';
          var node = button('cell compact tone-' + outcome, [text('span', 'head', c.status === 'failed' ? c.severity : DIALECT_CELL[c.status])],
            function () { showResults({ target: target, text: row.scenario }); });
          attrs(node, { 'data-target': target, 'data-scenario': row.scenario });
          return h('td', '', [node]);
        })));
      });
      return h('div', 'scroll', [h('table', 'matrix', [h('thead', '', [head]), h('tbody', '', body)])]);
    })));
`;
