/**
 * The dashboard's script, inlined in the page under its nonce: it polls `/api/state`, builds each
 * part with DOM APIs (text through `textContent` only, links only for http(s) URLs), and sends the
 * buttons' POSTs with the page's CSRF token in the `x-sso-harness-csrf` header.
 */
export const DASHBOARD_SCRIPT = String.raw`
'use strict';
(function () {
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute('content');
  var POLL_MS = 1500;
  var MASK = '\u2022\u2022\u2022\u2022';
  var after = 0;
  var catalogue = null;
  var cards = new Map();
  var seen = new Map();
  var statusLine = document.getElementById('status');
  var consoleUrl = '';
  var notice = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') node.textContent = String(value);
      else if (key === 'className') node.className = value;
      else if (key.slice(0, 2) === 'on') node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.append(child);
    });
    return node;
  }
  function link(url, label) {
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return el('span', { text: label || url || '' });
    return el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: label || url });
  }
  function copy(get) {
    return el('button', {
      type: 'button',
      text: 'Copy',
      onclick: function () {
        if (navigator.clipboard) navigator.clipboard.writeText(get()).then(function () { setStatus('Copied'); });
      },
    });
  }
  function pair(term, value) {
    return [el('dt', { text: term }), el('dd', null, Array.isArray(value) ? value : [value])];
  }
  function time(iso) {
    var date = new Date(iso);
    return isNaN(date.getTime()) ? String(iso) : date.toLocaleTimeString(undefined, { hour12: false });
  }
  /** Shows a notice for a few seconds (an action's outcome), or the live status. */
  function setStatus(text, error) {
    notice = { text: text, error: !!error, until: Date.now() + 5000 };
    showStatus();
  }
  function showStatus() {
    var live = notice && Date.now() < notice.until ? notice : { text: 'Live \u00b7 updated ' + new Date().toLocaleTimeString(), error: false };
    statusLine.textContent = live.text;
    statusLine.className = live.error ? 'error' : '';
  }
  /** Runs render(data) only when data changed since the last call for key. */
  function changed(key, data, render) {
    var text = JSON.stringify(data);
    if (seen.get(key) === text) return;
    seen.set(key, text);
    render(data);
  }
  function rows(tbody, list, columns, empty, row) {
    tbody.replaceChildren();
    if (list.length === 0) {
      tbody.append(el('tr', null, [el('td', { className: 'empty', colspan: columns, text: empty })]));
      return;
    }
    list.forEach(function (item) { tbody.append(row(item)); });
  }
  function td(text, className) {
    return el('td', { text: text === undefined || text === null ? '' : String(text), className: className });
  }
  function table(headers, attrs) {
    var body = el('tbody');
    var node = el('table', attrs, [el('thead', null, [el('tr', null, headers.map(function (h) { return el('th', { text: h }); }))]), body]);
    return { node: node, body: body };
  }

  async function post(path, body) {
    var response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sso-harness-csrf': csrf },
      body: JSON.stringify(body || {}),
    });
    var answer = await response.json().catch(function () { return {}; });
    if (!response.ok) throw new Error(answer.error || 'the server answered ' + response.status);
    return answer;
  }
  function act(button, path, body, done) {
    button.disabled = true;
    post(path, body)
      .then(function (view) {
        renderSp(view);
        setStatus(done);
      }, function (error) {
        setStatus(error.message, true);
      })
      .finally(function () { button.disabled = false; });
  }

  function renderIdp(idp) {
    consoleUrl = idp.consoleUrl;
    changed('idp-static', [idp.baseUrl, idp.password, idp.users, idp.applications], function () {
      document.getElementById('idp-urls').replaceChildren.apply(
        document.getElementById('idp-urls'),
        [].concat(
          pair('Base URL', link(idp.baseUrl)),
          pair('Login page', link(idp.loginUrl)),
          pair('User console', [link(idp.consoleUrl), ' (IdP-initiated sign-in: one tile per app)'])
        )
      );
      document.getElementById('demo-password').textContent = idp.password;
      rows(document.querySelector('#demo-users tbody'), idp.users, 2, 'No users', function (user) {
        return el('tr', null, [td(user.email), td(user.name)]);
      });
      rows(document.querySelector('#idp-apps tbody'), idp.applications, 3, 'No applications', function (app) {
        return el('tr', null, [
          el('td', null, [app.name, el('br'), el('span', { className: 'hint', text: app.entityId })]),
          el('td', null, [el('code', { text: app.ssoUrl })]),
          el('td', { className: 'nowrap' }, [link(app.metadataUrl, 'metadata'), ' ', link(app.certificateUrl, 'certificate')]),
        ]);
      });
    });
    changed('idp-events', idp.events, function (events) {
      rows(document.querySelector('#idp-events tbody'), events.slice(0, 8), 4, 'No sign-ins yet', function (event) {
        var good = event.outcome === 'issued' || event.outcome === 'success';
        var what = event.flow + (event.application ? ' \u00b7 ' + event.application : '');
        return el('tr', null, [
          td(time(event.timestamp), 'nowrap'),
          el('td', null, [what, ' ', el('span', { className: good ? 'ok' : 'bad', text: event.outcome })]),
          td(event.user || ''),
          td(event.reason ? event.reason + ': ' + event.detail : event.detail),
        ]);
      });
    });
  }

  function buildCard(view) {
    var faults = (catalogue && catalogue[view.id]) || [];
    var byId = new Map(faults.map(function (fault) { return [fault.id, fault]; }));
    var faultTag = el('span', { className: 'tag bad', hidden: true });
    var chaosTag = el('span', { className: 'tag warn', hidden: true });
    var urls = el('dl');
    var token = { value: '', shown: false };
    var tokenCode = el('code', { 'data-token': view.id, text: MASK });
    var tokenNote = el('span', { className: 'hint' });
    var showButton = el('button', {
      type: 'button', text: 'Show',
      onclick: function () {
        token.shown = !token.shown;
        tokenCode.textContent = token.shown ? token.value : MASK;
        showButton.textContent = token.shown ? 'Hide' : 'Show';
      },
    });
    var newTokenButton = el('button', { type: 'button', text: 'New token', hidden: true });
    newTokenButton.addEventListener('click', function () {
      act(newTokenButton, '/api/sp/' + encodeURIComponent(view.id) + '/token', {}, 'New access token for ' + view.name);
    });
    var links = el('div', { className: 'row links' });
    var resetButton = el('button', { type: 'button', className: 'danger', 'data-action': 'reset', text: 'Reset SP' });
    resetButton.addEventListener('click', function () {
      act(resetButton, '/api/sp/' + encodeURIComponent(view.id) + '/reset', {}, view.name + ' reset');
    });
    var generation = el('span', { className: 'hint' });
    var select = el('select', { 'aria-label': 'Fault of ' + view.name, 'data-fault-select': view.id });
    ['scim', 'saml'].forEach(function (area) {
      var group = el('optgroup', { label: area.toUpperCase() + ' faults' });
      faults.filter(function (fault) { return fault.area === area; }).forEach(function (fault) {
        group.append(el('option', { value: fault.id, text: fault.id, title: fault.bug }));
      });
      if (group.children.length > 0) select.append(group);
    });
    var bug = el('p', { className: 'hint' });
    function describe() {
      var fault = byId.get(select.value);
      bug.textContent = fault ? fault.bug + ' (' + fault.cites.join(', ') + ')' : '';
    }
    select.addEventListener('change', describe);
    describe();
    var onButton = el('button', { type: 'button', text: 'Turn on', 'data-action': 'fault-on' });
    onButton.addEventListener('click', function () {
      act(onButton, '/api/sp/' + encodeURIComponent(view.id) + '/fault', { id: select.value, on: true }, select.value + ' on for ' + view.name);
    });
    var faultsOn = el('ul', { className: 'faults-on' });
    var chaosInput = el('input', { type: 'text', list: 'chaos-presets', size: 28, 'aria-label': 'Chaos of ' + view.name, 'data-chaos-spec': view.id });
    var chaosState = el('span', { className: 'hint' });
    var armButton = el('button', { type: 'button', text: 'Arm', 'data-action': 'chaos-arm' });
    var disarmButton = el('button', { type: 'button', text: 'Disarm', 'data-action': 'chaos-disarm' });
    armButton.addEventListener('click', function () {
      act(armButton, '/api/sp/' + encodeURIComponent(view.id) + '/chaos', { spec: chaosInput.value, armed: true }, 'Chaos armed on ' + view.name);
    });
    disarmButton.addEventListener('click', function () {
      act(disarmButton, '/api/sp/' + encodeURIComponent(view.id) + '/chaos', { armed: false }, 'Chaos disarmed on ' + view.name);
    });
    var chaosRow = el('div', { className: 'row' }, [el('span', { text: 'Chaos' }), chaosInput, armButton, disarmButton, chaosState]);
    var usersTitle = el('h3');
    var users = table(['userName', 'Name', 'Email', 'Active'], { 'data-users': view.id });
    var groupsTitle = el('h3');
    var groups = table(['Group', 'Members'], { 'data-groups': view.id });
    var logins = table(['Time', 'Outcome', 'User', 'Reason'], { 'data-logins': view.id });
    var root = el('section', { className: 'card', id: 'sp-' + view.id, 'data-sp': view.id }, [
      el('h2', null, [el('span', { text: view.name }), el('span', { className: 'tag', text: view.id }), faultTag, chaosTag]),
      urls,
      links,
      el('h3', { text: 'Controls' }),
      el('div', { className: 'row' }, [resetButton, generation]),
      faults.length === 0 ? null : el('div', { className: 'row' }, [el('span', { text: 'Fault' }), select, onButton]),
      faults.length === 0 ? null : bug,
      faultsOn,
      faults.length === 0 ? null : el('p', { className: 'hint', text: 'Turning a fault on or off builds the SP again: its users, groups and logins start empty; its token and URLs stay.' }),
      view.chaos ? chaosRow : null,
      el('div', { className: 'scroll' }, [usersTitle, users.node]),
      view.scim ? el('div', { className: 'scroll' }, [groupsTitle, groups.node]) : null,
      view.saml ? el('h3', { text: 'Login history' }) : null,
      view.saml ? el('div', { className: 'scroll' }, [logins.node]) : null,
    ]);
    if (view.chaos) chaosInput.value = view.chaos.spec;

    function update(view) {
      changed('urls:' + view.id, [view.scim, view.saml, view.inspection], function () {
        var parts = [];
        if (view.scim) {
          var credential = view.scim.credential;
          token.value = credential.token || '';
          tokenCode.textContent = token.shown ? token.value : MASK;
          var tokenParts = [tokenCode, ' ', showButton, ' ', copy(function () { return token.value; })];
          if (credential.kind === 'oauth') {
            newTokenButton.hidden = false;
            tokenNote.textContent = credential.problem ? credential.problem :
              'OAuth access token (SF-01), expires ' + time(credential.expiresAt);
            tokenNote.className = credential.problem ? 'bad' : 'hint';
            tokenParts.push(' ', newTokenButton, ' ', tokenNote);
          }
          parts = parts.concat(
            pair('SCIM base URL', [el('code', { text: view.scim.baseUrl }), ' ', copy(function () { return view.scim.baseUrl; })]),
            pair('Bearer token', tokenParts)
          );
        }
        if (view.saml) {
          parts = parts.concat(
            pair('SP metadata', link(view.saml.metadataUrl)),
            pair('SP Entity ID', el('code', { text: view.saml.entityId })),
            pair('ACS URL', el('code', { text: view.saml.acsUrl }))
          );
          if (view.saml.idp) {
            parts = parts.concat(
              pair('IdP SSO URL', el('code', { text: view.saml.idp.ssoUrl })),
              pair('IdP metadata', link(view.saml.idp.metadataUrl))
            );
          }
        }
        parts = parts.concat(
          pair('Inspection API', [el('code', { text: view.inspection.url + '/state' }), ' ',
            copy(function () { return view.inspection.token; }), ' ',
            el('span', { className: 'hint', text: 'copies its bearer token' })])
        );
        urls.replaceChildren.apply(urls, parts);
        links.replaceChildren();
        if (view.saml) {
          links.append(el('span', { text: 'Sign in:' }));
          if (view.saml.loginUrl) links.append(link(view.saml.loginUrl, 'at ' + view.name + ' (SP-initiated)'));
          if (view.saml.idpInitiated) links.append(link(consoleUrl, 'from the IdP console (IdP-initiated)'));
          links.append(link(view.saml.resultUrl, 'session at ' + view.name));
        }
      });
      generation.textContent = view.generation > 1 ? 'built ' + view.generation + ' times (reset or fault switch)' : '';
      faultTag.hidden = view.faultsOn.length === 0;
      faultTag.textContent = view.faultsOn.length + (view.faultsOn.length === 1 ? ' fault on' : ' faults on');
      changed('faults:' + view.id, view.faultsOn, function (on) {
        faultsOn.replaceChildren();
        on.forEach(function (id) {
          var off = el('button', { type: 'button', text: 'Turn off', 'data-action': 'fault-off' });
          off.addEventListener('click', function () {
            act(off, '/api/sp/' + encodeURIComponent(view.id) + '/fault', { id: id, on: false }, id + ' off for ' + view.name);
          });
          var fault = byId.get(id);
          faultsOn.append(el('li', { 'data-fault-on': id }, [el('code', { text: id }), ' ', el('span', { className: 'hint', text: fault ? fault.bug : '' }), ' ', off]));
        });
      });
      if (view.chaos) {
        chaosTag.hidden = !view.chaos.armed;
        chaosTag.textContent = 'chaos armed';
        var counts = Object.keys(view.chaos.counts).filter(function (kind) { return view.chaos.counts[kind] > 0; })
          .map(function (kind) { return kind + ' \u00d7' + view.chaos.counts[kind]; });
        chaosState.textContent = view.chaos.armed
          ? 'armed: ' + view.chaos.spec + ' \u00b7 ' + view.chaos.requests + ' SCIM requests' + (counts.length ? ' \u00b7 ' + counts.join(', ') : '')
          : 'off (Arm puts it in front of the SCIM endpoints)';
      }
      usersTitle.textContent = 'Users (' + view.usersTotal + ')';
      changed('users:' + view.id, view.users, function (list) {
        rows(users.body, list.slice().reverse(), 4, 'No users yet', function (user) {
          return el('tr', null, [td(user.userName), td(user.name || ''), td(user.email || ''), td(user.active ? 'yes' : 'no', user.active ? 'ok' : 'bad')]);
        });
      });
      groupsTitle.textContent = 'Groups (' + view.groupsTotal + ')';
      changed('groups:' + view.id, view.groups, function (list) {
        rows(groups.body, list.slice().reverse(), 2, 'No groups yet', function (group) {
          return el('tr', null, [td(group.displayName), td(group.members)]);
        });
      });
      changed('logins:' + view.id, view.logins, function (list) {
        rows(logins.body, list, 4, 'No logins yet', function (login) {
          var ok = login.outcome === 'success';
          var reason = ok ? (login.test ? 'test login' : login.created ? 'user created (JIT)' : '') : (login.reasonName || login.reason || '') + (login.message ? ': ' + login.message : '');
          return el('tr', { 'data-outcome': login.outcome }, [td(time(login.at), 'nowrap'), td(login.outcome, ok ? 'ok' : 'bad'), td(login.user || login.nameId || ''), td(reason)]);
        });
      });
    }
    return { root: root, update: update };
  }

  function renderSp(view) {
    var card = cards.get(view.id);
    if (!card) {
      card = buildCard(view);
      cards.set(view.id, card);
      document.getElementById('sps').append(card.root);
    }
    card.update(view);
  }

  function details(row, entry) {
    var next = row.nextElementSibling;
    if (next && next.classList.contains('details')) {
      next.remove();
      return;
    }
    function text(part) {
      return Object.keys(part.headers).map(function (name) { return name + ': ' + part.headers[name]; }).join('\n') +
        (part.body ? '\n\n' + part.body : '');
    }
    row.after(el('tr', { className: 'details' }, [el('td', { colspan: 6 }, [
      el('strong', { text: 'Request' }),
      el('pre', { text: entry.method + ' ' + entry.path + '\n' + text(entry.request) }),
      el('strong', { text: 'Response' }),
      el('pre', { text: (entry.status === 0 ? 'connection dropped' : String(entry.status)) + (entry.chaos ? ' (chaos: ' + entry.chaos + ')' : '') + '\n' + text(entry.response) }),
    ])]));
  }

  function renderLog(entries) {
    var tbody = document.querySelector('#log-table tbody');
    entries.forEach(function (entry) {
      var failed = entry.status === 0 || entry.status >= 400;
      var row = el('tr', { 'data-seq': entry.seq }, [
        td(time(entry.at), 'nowrap'), td(entry.site, 'nowrap'), td(entry.method),
        el('td', { title: entry.path }, [el('code', { text: entry.path.length > 90 ? entry.path.slice(0, 90) + '\u2026' : entry.path })]),
        td((entry.status === 0 ? 'dropped' : entry.status) + (entry.chaos ? ' (chaos)' : ''), failed ? 'bad nowrap' : 'ok nowrap'),
        td(entry.ms),
      ]);
      row.addEventListener('click', function () { details(row, entry); });
      tbody.prepend(row);
    });
    while (tbody.rows.length > 500) tbody.deleteRow(-1);
  }

  async function load() {
    var answer = await fetch('/api/faults', { cache: 'no-store' });
    if (!answer.ok) throw new Error('the server answered ' + answer.status);
    var body = await answer.json();
    catalogue = body.faults;
    var list = el('datalist', { id: 'chaos-presets' });
    Object.keys(body.chaosPresets).forEach(function (name) {
      list.append(el('option', { value: name, label: body.chaosPresets[name] || 'no chaos' }));
    });
    document.body.append(list);
  }

  async function poll() {
    try {
      if (!catalogue) await load();
      var response = await fetch('/api/state?after=' + after, { cache: 'no-store' });
      if (!response.ok) throw new Error('the server answered ' + response.status);
      var state = await response.json();
      renderIdp(state.idp);
      state.sps.forEach(renderSp);
      renderLog(state.log.entries);
      after = Math.max(after, state.log.last);
      showStatus();
      document.body.setAttribute('data-loaded', 'true');
    } catch (error) {
      statusLine.textContent = 'Cannot reach the server (' + error.message + '); retrying';
      statusLine.className = 'error';
    }
    setTimeout(poll, POLL_MS);
  }
  poll();
})();
`;
