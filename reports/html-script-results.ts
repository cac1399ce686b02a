/**
 * The results list of report.html, as script: failures by severity, then blocked or skipped,
 * then passed, and the not-applicable checks in one closed group, by reason; each result opens
 * on its message, its requirements with their text and source, and its evidence (the first item
 * open). Filters narrow the list; `showResults` is what a matrix cell calls. Runs inside
 * PAGE_SCRIPT (html-script.ts), after the overview, whose `cells` it marks as selected.
 */

/** The results list's part of the page script. */
export const RESULTS_SCRIPT = `
  var OUTCOME_WORD = { 'not-applicable': 'not applicable' };
  var DOT = ' \\u00b7 ';

  function block(b) {
    if (b.kind === 'line') return text('p', 'line', b.text);
    if (b.kind === 'timeline') {
      return h('div', 'code timeline', [text('p', 'label', b.label), h('ol', 'timeline', b.events.map(function (e) {
        var li = h('li', e.outcome, [text('time', '', '+' + (e.offsetMs / 1000).toFixed(3) + ' s'), text('b', '', e.type),
          text('span', '', ' ' + e.outcome + (e.resource ? DOT + e.resource : '') + (e.detail ? ' \\u2014 ' + e.detail : ''))]);
        li.setAttribute('title', e.timestamp);
        return li;
      }))]);
    }
    var parts = [text('p', 'label', b.label), b.changed ? marked(b.xml, b.changed) : text('pre', '', b.kind === 'saml' ? b.xml : b.text)];
    if (b.raw !== undefined) {
      parts.push(h('details', 'raw', [text('summary', '', b.kind === 'saml' ? 'Raw value, as it travelled' : 'As recorded'),
        text('pre', '', b.raw)]));
    }
    return h('div', 'code ' + b.kind, parts);
  }
  // An attack message with the lines it changed marked (<mark>), the rest as plain text.
  function marked(xml, changed) {
    var pre = h('pre', 'diffed', []);
    var set = {};
    changed.forEach(function (n) { set[n] = true; });
    xml.split('\\n').forEach(function (line, n) {
      pre.appendChild(set[n] ? text('mark', 'changed', line) : document.createTextNode(line));
      pre.appendChild(document.createTextNode('\\n'));
    });
    return pre;
  }
  function evidence(e, i) {
    var node = h('details', 'evidence', [text('summary', '', e.title), h('div', '', e.blocks.map(block))]);
    node.open = i === 0;
    return node;
  }
  function requirementList(r) {
    if (r.requirements.length === 0) return null;
    return h('dl', 'requirements', [].concat.apply([], r.requirements.map(function (id) {
      var note = page.requirements[id];
      if (!note) return [text('dt', '', id), text('dd', '', 'Its text is not in this report.')];
      return [text('dt', '', id + ' (' + note.level + ')'), text('dd', '', note.text), text('dd', '', 'Source: ' + note.source)]
        .concat(note.assumed ? [text('dd', '', 'Assumed: ' + note.assumed)] : []);
    })));
  }
  function details(r) {
    var meta = ['Level ' + r.level, r.security ? 'security' : '', r.clause || '', 'suite ' + r.suite, r.durationMs + ' ms']
      .filter(Boolean).join(DOT);
    return h('div', '', [text('p', 'message', r.message), text('p', 'ids', meta), requirementList(r),
      r.consequence ? text('p', 'message', 'Consequence: ' + r.consequence) : null,
      r.reason && r.message.indexOf(r.reason) === -1 ? text('p', 'message', 'Reason: ' + r.reason) : null,
      r.blockedBy ? text('p', 'message', 'Not judged: ' + r.blockedBy + ' failed on this target first; its result has the cause.') : null]
      .concat((r.evidence || []).map(evidence)));
  }
  function card(r) {
    var ids = h('span', 'ids', []);
    r.requirements.forEach(function (id, i) {
      var note = page.requirements[id];
      var node = text('span', 'id', id);
      if (note) node.setAttribute('title', note.text + ' \\u2014 ' + note.source);
      add(ids, [i ? ', ' : null, node]);
    });
    var node = h('details', 'result tone-' + r.outcome, [h('summary', '', [text('span', 'badge', OUTCOME_WORD[r.outcome] || r.outcome),
      text('span', 'where', r.target + DOT + r.suite), text('span', 'title', r.scenario + ' \\u2014 ' + r.title),
      h('span', 'tail', [ids, r.failsRun ? text('span', 'fails', 'fails the run') : null])])]);
    attrs(node, { 'data-index': r.index, 'data-outcome': r.outcome, 'data-target': r.target, 'data-suite': r.suite,
      'data-scenario': r.scenario });
    var filled = false;
    node.addEventListener('toggle', function () {
      if (node.open && !filled) { filled = true; node.append(details(r)); }
    });
    return node;
  }

  var items = page.results.map(function (r) { return { r: r, node: card(r) }; });
  function nodesOf(test) { return items.filter(function (item) { return test(item.r); }).map(function (item) { return item.node; }); }
  function section(name, title, empty) {
    var heading = h('h3');
    var none = text('p', 'hint', empty);
    var node = attrs(h('section', 'group', [heading, none].concat(nodesOf(function (r) { return r.section === name; }))), { id: 'group-' + name });
    return { name: name, title: title, heading: heading, none: none, node: node };
  }
  var sections = [section('failed', 'Failures', 'No failures.'), section('blocked', 'Blocked or skipped', 'Nothing blocked or skipped.')];
  var passedTitle = h('summary');
  var passed = attrs(h('details', 'group', [passedTitle].concat(nodesOf(function (r) { return r.section === 'passed'; }))), { id: 'group-passed' });
  passed.open = true;
  var reasons = page.notApplicable.map(function (g, i) {
    var count = text('span', 'n', '');
    var node = h('details', 'reason', [h('summary', '', [text('span', '', g.reason + ' '), count])]
      .concat(nodesOf(function (r) { return r.group === i; })));
    return { group: g, count: count, node: node };
  });
  var naTitle = h('summary');
  var na = attrs(h('details', 'group na', [naTitle].concat(reasons.map(function (g) { return g.node; }))), { id: 'group-not-applicable' });
  $('results').replaceChildren(...sections.map(function (s) { return s.node; }).concat([passed, na]));

  var filters = { status: $('filter-status'), severity: $('filter-severity'), target: $('filter-target'),
    suite: $('filter-suite'), text: $('filter-text') };
  function option(select, value) { var node = text('option', '', value); node.setAttribute('value', value); select.append(node); }
  page.matrix.rows.forEach(function (row) { option(filters.target, row.target); });
  page.matrix.suites.forEach(function (suite) { option(filters.suite, suite); });

  function matches(r, f) {
    var hay = [r.target, r.scenario, r.title, r.message, r.requirements.join(' ')].join(' ').toLowerCase();
    return (!f.status || r.section === f.status) && (!f.severity || r.outcome === f.severity) &&
      (!f.target || r.target === f.target) && (!f.suite || r.suite === f.suite) && (!f.text || hay.indexOf(f.text) !== -1);
  }
  function counted(shown, all) { return all === shown ? String(all) : shown + ' of ' + all; }
  function apply() {
    var f = { status: filters.status.value, severity: filters.severity.value, target: filters.target.value,
      suite: filters.suite.value, text: filters.text.value.trim().toLowerCase() };
    var shown = {}, all = {}, total = 0;
    items.forEach(function (item) {
      var key = item.r.group === undefined ? item.r.section : 'group' + item.r.group;
      var visible = matches(item.r, f);
      item.node.hidden = !visible;
      all[key] = (all[key] || 0) + 1;
      shown[key] = (shown[key] || 0) + (visible ? 1 : 0);
      total += visible ? 1 : 0;
    });
    sections.forEach(function (s) {
      s.heading.textContent = s.title + ' (' + counted(shown[s.name] || 0, all[s.name] || 0) + ')';
      s.none.hidden = (shown[s.name] || 0) > 0;
    });
    passedTitle.textContent = 'Passed (' + counted(shown.passed || 0, all.passed || 0) + ')';
    passed.hidden = !shown.passed;
    var naShown = 0, naAll = 0, naReasons = 0;
    reasons.forEach(function (g, i) {
      var n = shown['group' + i] || 0;
      g.count.textContent = '\\u2014 ' + counted(n, g.group.count);
      g.node.hidden = n === 0;
      naShown += n; naAll += g.group.count; naReasons += n ? 1 : 0;
    });
    naTitle.textContent = 'Not applicable (' + counted(naShown, naAll) + ' checks, ' + plural(naReasons, 'reason') + ')';
    na.hidden = naShown === 0;
    cells.forEach(function (c) {
      var selected = (f.target || f.suite) && f.target === c.target && f.suite === c.suite;
      c.node.className = c.base + (selected ? ' selected' : '');
    });
    var where = [f.target, f.suite].filter(Boolean).join(' \\u00d7 ');
    $('shown').textContent = 'Showing ' + total + ' of ' + items.length + ' results' + (where ? ' \\u2014 ' + where : '');
    return total - naShown;
  }
  function reset(choice) {
    filters.status.value = '';
    filters.severity.value = '';
    filters.target.value = choice.target || '';
    filters.suite.value = choice.suite || '';
    filters.text.value = choice.text || '';
  }
  function showResults(choice) {
    reset(choice);
    // A cell with nothing but not-applicable checks opens their group.
    if (apply() === 0) na.open = true;
    var list = $('list');
    if (typeof list.scrollIntoView === 'function') list.scrollIntoView();
  }
  Object.keys(filters).forEach(function (key) {
    filters[key].addEventListener('input', apply);
    filters[key].addEventListener('change', apply);
  });
  $('filter-clear').addEventListener('click', function () { reset({}); apply(); });
  apply();
`;
