/**
 * The user's side of the IdP: the login form (email + password, CSRF-protected, the
 * session id rotated on success), the user console with the tiles of the apps the user
 * may launch, and logout.
 * @see IDP-SSO-03, IDP-SSO-04
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CoreRequest, CoreResponse } from '#harness/http';
import type { DirectoryUser } from '../directory.js';
import { SsoRefusal } from './authn-request-checks.js';
import type { WebContext } from './context.js';
import { begin } from './single-logout.js';
import * as pages from './pages.js';

interface LoginError {
  status: number;
  message: string;
  email?: string;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The directory user with this email and password (DirectoryUserFields.password); none without a password. */
function verifyPassword(ctx: WebContext, email: string, password: string): DirectoryUser | undefined {
  const wanted = email.toLowerCase();
  const user = [...ctx.idp.directory.users.values()].find(
    (candidate) => candidate.email.toLowerCase() === wanted,
  );
  // Digests compared in constant time, and the same work for an unknown email.
  const ok = timingSafeEqual(digest(user?.password ?? randomBytes(16).toString('hex')), digest(password));
  return user?.password !== undefined && user.password !== '' && ok ? user : undefined;
}

/** `GET /login?return=…`: the form (a signed-in user goes straight back). */
export function loginForm(
  ctx: WebContext,
  request: CoreRequest,
  returnParam: string | null,
  error?: LoginError,
): CoreResponse {
  const returnTo = ctx.safeReturn(returnParam);
  const existing = ctx.session(request);
  if (existing?.userId !== undefined && !error) return ctx.redirect(returnTo);
  const session = existing ?? ctx.sessions.create();
  const render = (nonce: string): string =>
    pages.loginPage({
      nonce,
      action: ctx.path('/login'),
      csrf: session.csrf,
      returnTo,
      ...(error ? { error: error.message, ...(error.email ? { email: error.email } : {}) } : {}),
    });
  return ctx.page(
    error?.status ?? 200,
    render,
    existing === session ? {} : { 'set-cookie': ctx.cookie(session) },
  );
}

/** `POST /login` (email, password, csrf, return): a new session id on success, the form again otherwise. */
export function login(ctx: WebContext, request: CoreRequest): CoreResponse {
  const form = new URLSearchParams(request.body ?? '');
  const returnParam = form.get('return');
  const session = ctx.session(request);
  if (!session || !ctx.sessions.csrfMatches(session, form.get('csrf')))
    return loginForm(ctx, request, returnParam, {
      status: 400,
      message: 'The sign-in form expired; sign in again.',
    });
  const email = (form.get('email') ?? '').trim();
  const user = verifyPassword(ctx, email, form.get('password') ?? '');
  if (!user) {
    ctx.log.record({ flow: 'login', outcome: 'failure', user: email, detail: 'wrong email or password' });
    return loginForm(ctx, request, returnParam, {
      status: 401,
      message: 'Incorrect email or password.',
      email,
    });
  }
  const signedIn = ctx.sessions.signIn(session, user.id);
  ctx.log.record({ flow: 'login', outcome: 'success', user: user.email, detail: 'signed in' });
  return ctx.redirect(ctx.safeReturn(returnParam), signedIn);
}

/** `GET /console`: tiles of the apps whose SSO is enabled and configured and that the user is authorized for. */
export function userConsole(ctx: WebContext, request: CoreRequest): CoreResponse {
  const session = ctx.session(request);
  const user = session?.userId === undefined ? undefined : ctx.idp.directory.users.get(session.userId);
  if (!session || !user) return ctx.toLogin(ctx.path('/console'));
  const tiles = [...ctx.idp.applications.values()]
    .filter(
      (app) =>
        ctx.idp.steps.ssoEnabled(app) &&
        app.sso.missing().length === 0 &&
        ctx.idp.authorizedForSso(app, user.id),
    )
    .map((app) => ({
      slug: app.sso.slug,
      label: app.name,
      action: ctx.path(`/console/launch/${encodeURIComponent(app.sso.slug)}`),
    }));
  const logoutAction = ctx.path('/logout');
  return ctx.page(200, (nonce) =>
    pages.consolePage({ nonce, user: user.email, csrf: session.csrf, tiles, logoutAction }),
  );
}

/** `POST /logout` (csrf): forgets the session and clears the cookie. */
export async function logout(ctx: WebContext, request: CoreRequest): Promise<CoreResponse> {
  const session = ctx.session(request);
  const form = new URLSearchParams(request.body ?? '');
  if (session && !ctx.sessions.csrfMatches(session, form.get('csrf'))) {
    const refusal = new SsoRefusal('csrf', 'The sign-out form does not carry this session’s token');
    return ctx.refuse('idp-initiated', undefined, refusal, 403);
  }
  // Single Logout: the participants that take it are signed out first (IDP-SLO-01).
  if (session?.userId !== undefined && session.participants.size > 0) return begin(ctx, session);
  if (session) {
    ctx.sessions.delete(session);
    ctx.log.record({ flow: 'logout', outcome: 'success', detail: 'signed out' });
  }
  const response = ctx.redirect(ctx.path('/login'));
  response.headers['set-cookie'] = ctx.cookie(undefined);
  return response;
}
