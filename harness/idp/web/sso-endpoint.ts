/**
 * The SSO endpoints: SP-initiated at `/saml2/<slug>` (both bindings; the request kept
 * across the login) and IdP-initiated from a console tile; both end in access control
 * and a Response posted to the ACS by an auto-submit form.
 * @see IDP-SSO-03, IDP-SSO-04, IDP-SSO-05, IDP-SSO-08
 */
import type { CoreRequest, CoreResponse } from '#harness/http';
import { encodePost } from '#harness/saml';
import type { Application } from '../application.js';
import { IdpError } from '../errors.js';
import type { RegisteredAcs } from '../sso-settings.js';
import type { IssuedResponse } from '../sso.js';
import {
  SsoRefusal,
  acceptAuthnRequest,
  type AcceptedAuthnRequest,
  type IncomingAuthnRequest,
} from './authn-request-checks.js';
import type { Flow, WebContext } from './context.js';
import * as pages from './pages.js';
import type { Session } from './sessions.js';

/** Where and how to answer: the ACS, the RelayState, and the request answered (SP-initiated). */
interface Target {
  acs: RegisteredAcs;
  relayState: string | undefined;
  request?: { id: string; issuer: string };
  requestXml?: string;
}

function disabled(app: Application): SsoRefusal {
  return new SsoRefusal('sso-disabled', `SSO is deactivated for ${app.name} (IDP-SSO-08)`);
}

function incoming(request: CoreRequest): IncomingAuthnRequest {
  if (request.method.toUpperCase() === 'GET') {
    // The Redirect signature covers the query exactly as sent: keep it raw.
    const question = request.url.indexOf('?');
    return {
      binding: 'redirect',
      rawQuery: question < 0 ? '' : request.url.slice(question + 1).split('#')[0]!,
    };
  }
  const form = new URLSearchParams(request.body ?? '');
  return { binding: 'post', samlRequest: form.get('SAMLRequest'), relayState: form.get('RelayState') };
}

/** `GET|POST /saml2/<slug>`: an AuthnRequest, or (GET `?pending=`) one kept across the login. */
export async function spInitiated(
  ctx: WebContext,
  request: CoreRequest,
  url: URL,
  slug: string,
): Promise<CoreResponse> {
  const app = ctx.idp.applicationBySlug(slug);
  if (!app) return ctx.notFound();
  if (!ctx.idp.steps.ssoEnabled(app)) return ctx.refuse('sp-initiated', app, disabled(app));
  const session = ctx.session(request);
  const pendingId = url.searchParams.get('pending');
  if (request.method.toUpperCase() === 'GET' && !url.searchParams.has('SAMLRequest') && pendingId !== null) {
    const pending =
      session?.userId === undefined ? undefined : ctx.sessions.takePending(session, pendingId, slug);
    if (!session || !pending) {
      const message =
        'The sign-in request expired or belongs to another browser session: start again from the application';
      return ctx.refuse('sp-initiated', app, new SsoRefusal('malformed', message));
    }
    return answer(ctx, 'sp-initiated', app, session, pending);
  }
  let accepted: AcceptedAuthnRequest;
  try {
    accepted = acceptAuthnRequest(app, incoming(request), ctx.ssoUrl(app));
  } catch (error) {
    if (error instanceof SsoRefusal) return ctx.refuse('sp-initiated', app, error);
    throw error;
  }
  if (session?.userId === undefined) {
    const waiting = session ?? ctx.sessions.create();
    const { request: parsed, acs, relayState } = accepted;
    const id = ctx.sessions.addPending(waiting, { slug, request: parsed, acs, relayState });
    const back = ctx.path(`/saml2/${encodeURIComponent(slug)}?pending=${encodeURIComponent(id)}`);
    return ctx.redirect(ctx.path(`/login?return=${encodeURIComponent(back)}`), session ? undefined : waiting);
  }
  return answer(ctx, 'sp-initiated', app, session, { ...accepted, requestXml: accepted.xml });
}

/** `POST /console/launch/<slug>`: a console tile; the Response is unsolicited (no InResponseTo). */
export async function idpInitiated(
  ctx: WebContext,
  request: CoreRequest,
  slug: string,
): Promise<CoreResponse> {
  const session = ctx.session(request);
  if (session?.userId === undefined) return ctx.toLogin(ctx.path('/console'));
  const app = ctx.idp.applicationBySlug(slug);
  const form = new URLSearchParams(request.body ?? '');
  if (!ctx.sessions.csrfMatches(session, form.get('csrf'))) {
    const message = 'The launch form does not carry this session’s token: reload the console and try again';
    return ctx.refuse('idp-initiated', app, new SsoRefusal('csrf', message), 403);
  }
  if (!app) return ctx.notFound();
  if (!ctx.idp.steps.ssoEnabled(app)) return ctx.refuse('idp-initiated', app, disabled(app));
  const acs = app.sso.acs();
  if (app.sso.missing().length > 0 || !acs) {
    const message = `${app.name} is missing its ${app.sso.missing().join(' and ')}`;
    return ctx.refuse('idp-initiated', app, new SsoRefusal('not-configured', message));
  }
  return answer(ctx, 'idp-initiated', app, session, { acs, relayState: app.sso.settings.relayState });
}

/** Access control (IDP-SSO-03), then the Response in an auto-submit form to the ACS. */
async function answer(
  ctx: WebContext,
  flow: Flow,
  app: Application,
  session: Session,
  target: Target,
): Promise<CoreResponse> {
  const user = ctx.idp.directory.users.get(session.userId!);
  if (!user) return ctx.toLogin(ctx.path('/console'));
  const inResponseTo = ctx.idp.steps.inResponseTo(target.request?.id, ctx.newId);
  const { requestXml } = target;
  const base = {
    flow,
    application: app.name,
    slug: app.sso.slug,
    user: user.email,
    ...(inResponseTo ? { requestId: inResponseTo } : {}),
    ...(requestXml ? { requestXml } : {}),
  };
  if (!ctx.idp.authorizedForSso(app, user.id)) {
    const detail = `${user.email} is not an active member of a group bound to ${app.name} (IDP-SSO-03)`;
    ctx.log.record({ ...base, outcome: 'denied', reason: 'access-denied', detail });
    return ctx.page(
      403,
      (nonce) => pages.accessDeniedPage({ nonce, application: app.name, user: user.email }),
      {
        'x-sso-refusal': 'access-denied',
      },
    );
  }
  // A request kept across the login is checked again against the configuration as it is now.
  if (target.request && target.request.issuer !== app.sso.settings.spEntityId) {
    const message = `The SP Entity ID of ${app.name} changed while the user signed in`;
    return ctx.refuse(flow, app, new SsoRefusal('unknown-issuer', message, requestXml));
  }
  if (!app.sso.settings.acsUrls.some((acs) => acs.url === target.acs.url)) {
    const message = `${target.acs.url} is no longer registered for ${app.name}`;
    return ctx.refuse(flow, app, new SsoRefusal('acs-not-registered', message, requestXml));
  }
  let issued: IssuedResponse;
  try {
    issued = await app.sso.issue(user, {
      acs: target.acs,
      ...(inResponseTo === undefined ? {} : { inResponseTo }),
      now: ctx.now(),
      key: await ctx.keys(),
      sessionIndex: session.sessionIndex,
      newId: ctx.newId,
    });
  } catch (error) {
    if (error instanceof IdpError)
      return ctx.refuse(flow, app, new SsoRefusal('name-id-missing', error.message, requestXml));
    throw error;
  }
  session.participants.set(app.sso.slug, { nameId: issued.nameId, sessionIndex: session.sessionIndex });
  ctx.log.record({
    ...base,
    outcome: 'issued',
    detail: `Response to ${issued.acsUrl}${inResponseTo ? ` in response to ${inResponseTo}` : ' (unsolicited)'}`,
    responseId: issued.responseId,
    assertionId: issued.assertionId,
    responseXml: issued.xml,
  });
  const samlResponse = encodePost(issued.xml);
  const { relayState } = target;
  return ctx.page(
    200,
    (nonce) => pages.postResponsePage({ nonce, acsUrl: issued.acsUrl, samlResponse, relayState }),
    {},
    new URL(issued.acsUrl).origin,
  );
}
