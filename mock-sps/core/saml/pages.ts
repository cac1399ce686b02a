/**
 * The pages a browser sees at the SP: who is signed in and with what, why a
 * login was refused, the Test login's result (OUT-03) and the sign-in page
 * (INT-02, SF-17). Every value is escaped by the `html` tag.
 */
import type { CoreResponse } from '../http.js';
import { html, page, type Html } from './html.js';
import type { LoginRefusal } from './refusals.js';
import type { SamlUser } from './users.js';

/** A signed-in session, as the inspection API and the result page show it. */
export interface SamlSession {
  /** The session cookie's value. */
  id: string;
  userId: string;
  userName: string;
  nameId: string;
  nameIdFormat?: string;
  attributes: Record<string, string[]>;
  sessionIndex?: string;
  issuer: string;
  /** ISO time the session opened. */
  at: string;
  relayState?: string;
  /** Whether this login created the user (JIT). */
  created: boolean;
}

function attributeRows(attributes: Record<string, string[]>): Html {
  const rows = Object.entries(attributes).map(
    ([name, values]) =>
      html`<tr>
        <th scope="row">${name}</th>
        <td>${values.join(', ')}</td>
      </tr>`,
  );
  return rows.length > 0
    ? html`<table id="attributes">
        <tbody>
          ${rows}
        </tbody>
      </table>`
    : html`<p id="attributes">No attributes.</p>`;
}

/** GET /saml/result with a session: the NameID, the attributes and the verdict. */
export function resultPage(appName: string, session: SamlSession): CoreResponse {
  return page(
    200,
    `${appName}: signed in`,
    html`<p id="verdict" data-outcome="success">
        Signed in as
        <strong id="user">${session.userName}</strong
        >${session.created ? ' (account created just in time)' : ''}.
      </p>
      <dl>
        <dt>NameID</dt>
        <dd id="name-id">${session.nameId}</dd>
        <dt>NameID format</dt>
        <dd id="name-id-format">${session.nameIdFormat ?? '(none)'}</dd>
        <dt>Issuer</dt>
        <dd id="issuer">${session.issuer}</dd>
        <dt>SessionIndex</dt>
        <dd id="session-index">${session.sessionIndex ?? '(none)'}</dd>
        <dt>RelayState</dt>
        <dd id="relay-state">${session.relayState ?? '(none)'}</dd>
      </dl>
      ${attributeRows(session.attributes)}`,
  );
}

/** GET /saml/result without a session. */
export function notSignedInPage(appName: string, signInPath: string): CoreResponse {
  return page(
    401,
    `${appName}: not signed in`,
    html`<p id="verdict" data-outcome="none">No session. <a href="${signInPath}">Sign in</a>.</p>`,
  );
}

/** 403: the login was refused; names the reason, in the SP's words where it has them (SF-19). */
export function refusedPage(
  appName: string,
  reason: LoginRefusal,
  reasonName: string | undefined,
  message: string,
): CoreResponse {
  return page(
    403,
    `${appName}: login refused`,
    html`<p id="verdict" data-outcome="refused" data-reason="${reason}">
        Login refused: <strong id="reason">${reasonName ?? reason}</strong>.
      </p>
      <p id="message">${message}</p>`,
  );
}

/** OUT-03: the Test login shows the email taken from the assertion and whether an SP user has it. */
export function testResultPage(appName: string, email: string, match: SamlUser | undefined): CoreResponse {
  const verdict = match
    ? html`<p id="match" data-match="true">
        It matches the login email of the ${appName} user ${match.userName}.
      </p>`
    : html`<p id="match" data-match="false">No ${appName} user has this login email.</p>`;
  return page(
    200,
    `${appName}: SSO test succeeded`,
    html`<p id="verdict" data-outcome="test">User email: <strong id="email">${email}</strong></p>
      ${verdict}`,
  );
}

/** The sign-in page: the IdP button (INT-02) and, unless disabled (SF-17), the password form. */
export function signInPage(
  appName: string,
  options: { button?: { name: string; href: string }; loginForm: boolean; formAction: string },
): CoreResponse {
  const button = options.button
    ? html`<p><a id="sso-button" href="${options.button.href}">Log in with ${options.button.name}</a></p>`
    : html``;
  const form = options.loginForm
    ? html`<form id="login-form" method="post" action="${options.formAction}">
        <label>Username <input name="username" /></label
        ><label>Password <input type="password" name="password" /></label
        ><button type="submit">Log in</button>
      </form>`
    : html``;
  return page(200, `${appName}: sign in`, html`${button}${form}`);
}

/** A plain message page. */
export function messagePage(status: number, title: string, message: string): CoreResponse {
  return page(status, title, html`<p id="message">${message}</p>`);
}
