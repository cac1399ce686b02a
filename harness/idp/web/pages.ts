/**
 * The IdP's pages: login form, user console, the POST-binding auto-submit form,
 * refusal and access-denied pages. Every value goes through `html`, so nothing a
 * user, an admin or an SP supplies is ever markup.
 */
import { html, page, type SafeHtml } from './html.js';

/** One application tile of the user console: a form posting to its launch URL. */
export interface Tile {
  slug: string;
  label: string;
  action: string;
}

/** The login form (email, password, csrf, return). */
export function loginPage(options: {
  nonce: string;
  action: string;
  csrf: string;
  returnTo: string;
  email?: string;
  error?: string;
}): string {
  return page({
    title: 'Sign in',
    nonce: options.nonce,
    body: html`<h1>Sign in to the User Console</h1>
      ${options.error === undefined ? '' : html`<p class="error" role="alert" data-error>${options.error}</p>`}
      <form method="post" action="${options.action}" id="login">
        <input type="hidden" name="csrf" value="${options.csrf}" />
        <input type="hidden" name="return" value="${options.returnTo}" />
        <label
          >Email
          <input type="email" name="email" autocomplete="username" required value="${options.email ?? ''}"
        /></label>
        <label
          >Password <input type="password" name="password" autocomplete="current-password" required
        /></label>
        <button type="submit">Sign in</button>
      </form>`,
  });
}

/** The user console: the user's tiles (IDP-SSO-04) and the sign-out form. */
export function consolePage(options: {
  nonce: string;
  user: string;
  csrf: string;
  tiles: readonly Tile[];
  logoutAction: string;
}): string {
  const tiles: SafeHtml[] = options.tiles.map(
    (tile) =>
      html`<form class="tile" method="post" action="${tile.action}" data-slug="${tile.slug}">
        <input type="hidden" name="csrf" value="${options.csrf}" />
        <button type="submit">${tile.label}</button>
      </form>`,
  );
  return page({
    title: 'User Console',
    nonce: options.nonce,
    body: html`<h1>Applications</h1>
      <p>Signed in as <span data-user>${options.user}</span></p>
      <section id="tiles">
        ${tiles.length === 0 ? html`<p data-empty>No applications are available to you.</p>` : tiles}
      </section>
      <form method="post" action="${options.logoutAction}" id="logout">
        <input type="hidden" name="csrf" value="${options.csrf}" />
        <button type="submit">Sign out</button>
      </form>`,
  });
}

/** SAML HTTP-POST binding: an auto-submitting form carrying SAMLResponse (+ RelayState) to the ACS. */
export function postResponsePage(options: {
  nonce: string;
  acsUrl: string;
  samlResponse: string;
  relayState: string | undefined;
}): string {
  return page({
    title: 'Signing you in…',
    nonce: options.nonce,
    autoSubmit: true,
    body: html`<form method="post" action="${options.acsUrl}" id="saml-post">
      <input type="hidden" name="SAMLResponse" value="${options.samlResponse}" />
      ${options.relayState === undefined ? '' : html`<input type="hidden" name="RelayState" value="${options.relayState}" />`}
      <noscript
        ><p>JavaScript is off: continue to the application.</p>
        <button type="submit">Continue</button></noscript
      >
    </form>`,
  });
}

/** A refused SSO request (400): the reason, machine-readable in `data-reason`, and the message. */
export function refusalPage(options: { nonce: string; reason: string; message: string }): string {
  return page({
    title: 'Single sign-on request refused',
    nonce: options.nonce,
    body: html`<h1>Single sign-on request refused</h1>
      <p>Reason: <code data-reason="${options.reason}">${options.reason}</code></p>
      <p data-message>${options.message}</p>`,
  });
}

/** IDP-SSO-03: the user is not authorized for the application; no assertion. */
export function accessDeniedPage(options: { nonce: string; application: string; user: string }): string {
  return page({
    title: 'Access denied',
    nonce: options.nonce,
    body: html`<h1>Access denied</h1>
      <p data-reason="access-denied">
        ${options.user} is not authorized to use ${options.application}. Ask your administrator to add you to
        a user group bound to it.
      </p>`,
  });
}

/** A plain page: not found, method not allowed, too large. */
export function messagePage(options: { nonce: string; title: string; message: string }): string {
  return page({
    title: options.title,
    nonce: options.nonce,
    body: html`<h1>${options.title}</h1>
      <p>${options.message}</p>`,
  });
}
