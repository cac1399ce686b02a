/**
 * The dashboard page: one self-contained HTML document (inline style and script, allowed by a
 * per-response nonce; nothing fetched beyond its own origin's API). The markup is a fixed
 * skeleton; the script fills it from `/api/state` with DOM APIs (`textContent`, never markup
 * built from data).
 */
import { randomBytes } from 'node:crypto';
import type { CoreResponse } from '#harness/http';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';
import { DASHBOARD_STYLE } from './dashboard-style.js';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const SKELETON = `<header>
  <h1>sso-harness serve</h1>
  <p id="status" role="status">Loading…</p>
</header>
<main>
  <div id="top">
    <section id="idp" class="card" aria-labelledby="idp-title">
      <h2 id="idp-title">Reference IdP</h2>
      <dl id="idp-urls"></dl>
      <h3>Demo users</h3>
      <p class="hint">Sign in at the IdP as any of them with the password <code id="demo-password"></code>.</p>
      <table id="demo-users"><thead><tr><th>Email</th><th>Name</th></tr></thead><tbody></tbody></table>
      <h3>Applications</h3>
      <table id="idp-apps"><thead><tr><th>App (IdP Entity ID)</th><th>SSO URL</th><th>Downloads</th></tr></thead><tbody></tbody></table>
      <h3>Recent SSO events</h3>
      <table id="idp-events"><thead><tr><th>Time</th><th>Event</th><th>User</th><th>Detail</th></tr></thead><tbody></tbody></table>
    </section>
    <section id="log" class="card" aria-labelledby="log-title">
      <h2 id="log-title">Requests</h2>
      <p class="hint">Every request to the IdP and the SPs, newest first; click one for its headers and bodies. Credentials and cookies are masked.</p>
      <div class="scroll tall"><table id="log-table"><thead><tr><th>Time</th><th>To</th><th>Method</th><th>Path</th><th>Status</th><th>ms</th></tr></thead><tbody></tbody></table></div>
    </section>
  </div>
  <div id="sps"></div>
</main>`;

/** The page, with the CSRF token the API's POSTs must carry. */
export function dashboardPage(csrf: string): CoreResponse {
  const nonce = randomBytes(16).toString('base64url');
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${escapeAttribute(csrf)}">
<link rel="icon" href="data:,">
<title>sso-harness serve</title>
<style nonce="${nonce}">${DASHBOARD_STYLE}</style>
</head>
<body>
${SKELETON}
<script nonce="${nonce}">${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;
  return {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
    body,
  };
}
