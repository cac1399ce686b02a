/**
 * Single Logout at the reference IdP (`/saml2/<slug>/slo`, both bindings in, HTTP-Redirect out):
 * a LogoutRequest from an application, signed with its SP certificate, ends the IdP session; the
 * IdP then sends each other participant that takes Single Logout a signed LogoutRequest, one after
 * the other through the browser, and answers the initiator last with a signed LogoutResponse.
 * Signing out at the user console runs the same round without an initiator.
 * @see SAML 2.0 Profiles §4.4.3.2–4.4.3.4, §4.4.4; Core §3.7.3.2; IDP-SLO-01 (**assumed**)
 */
import type { CoreRequest, CoreResponse } from '#harness/http';
import {
  SamlError,
  STATUS_SUCCESS,
  buildLogoutRequest,
  buildLogoutResponse,
  redirectUrl,
  receiveSloMessage,
  sloArrivalOf,
  type ReceivedSloMessage,
} from '#harness/saml';
import type { Application } from '../application.js';
import { SsoRefusal } from './authn-request-checks.js';
import type { WebContext } from './context.js';
import type { LogoutRun, Session } from './sessions.js';

const STATUS_PARTIAL = 'urn:oasis:names:tc:SAML:2.0:status:PartialLogout';
const STATUS_REQUESTER = 'urn:oasis:names:tc:SAML:2.0:status:Requester';

/** The IdP's SingleLogoutService URL for `app`. */
export function sloUrlOf(ctx: WebContext, app: Application): string {
  return `${ctx.ssoUrl(app)}/slo`;
}

/** `GET|POST /saml2/<slug>/slo`: an application's LogoutRequest, or its LogoutResponse to the IdP's. */
export async function singleLogout(
  ctx: WebContext,
  request: CoreRequest,
  slug: string,
): Promise<CoreResponse> {
  const app = ctx.idp.applicationBySlug(slug);
  if (!app) return ctx.notFound();
  const { spCertificatePem, spEntityId, spSloUrl } = app.sso.settings;
  if (!spCertificatePem || !spSloUrl) {
    const missing = !spCertificatePem ? 'SP certificate (to verify its messages)' : 'Single Logout URL';
    return ctx.refuse('logout', app, new SsoRefusal('not-configured', `${app.name} has no ${missing}`));
  }
  let received: ReceivedSloMessage;
  try {
    received = receiveSloMessage(sloArrivalOf(request), [spCertificatePem]);
    const { issuer, destination } = received.message;
    if (issuer !== spEntityId)
      throw new SamlError('unknown-issuer', `The Issuer '${issuer}' is not ${app.name}'s SP Entity ID`);
    if (destination !== undefined && destination !== sloUrlOf(ctx, app))
      throw new SamlError(
        'destination-mismatch',
        `The Destination '${destination}' is not ${sloUrlOf(ctx, app)}`,
      );
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    return ctx.refuse('logout', app, new SsoRefusal(error.reason, error.message), 403);
  }
  const session = ctx.session(request);
  const { message, relayState } = received;
  if (message.kind === 'LogoutResponse') {
    const current = session?.logout?.current;
    if (!session?.logout || current?.slug !== slug || current.requestId !== message.inResponseTo) {
      const detail = `${app.name}'s LogoutResponse answers no logout this session is waiting for`;
      return ctx.refuse('logout', app, new SsoRefusal('in-response-to-mismatch', detail));
    }
    if (message.status !== STATUS_SUCCESS) session.logout.failed.push(slug);
    session.logout.current = undefined;
    ctx.log.record({
      flow: 'logout',
      outcome: 'success',
      application: app.name,
      slug,
      detail: `${app.name} answered ${message.status}`,
    });
    return next(ctx, session);
  }
  const participant = session?.participants.get(slug);
  if (!session || session.userId === undefined || participant?.nameId.value !== message.nameId.value) {
    // Nothing of this principal is signed in here through that application: nothing to end.
    const detail = `${app.name} asked to end a session the IdP does not hold for ${message.nameId.value}`;
    ctx.log.record({ flow: 'logout', outcome: 'refused', application: app.name, slug, detail });
    return answer(ctx, spSloUrl, app, message.id, session ? STATUS_REQUESTER : STATUS_SUCCESS, relayState);
  }
  session.participants.delete(slug);
  return begin(ctx, session, {
    slug,
    requestId: message.id,
    ...(relayState === undefined ? {} : { relayState }),
  });
}

/**
 * Ends `session` at every participant that takes Single Logout, then at the IdP; with an
 * initiator, answers it last (Profiles §4.4.3.4).
 */
export function begin(
  ctx: WebContext,
  session: Session,
  initiator?: LogoutRun['initiator'],
): Promise<CoreResponse> {
  const queue = ctx.idp.steps
    .logoutParticipants([...session.participants.keys()])
    .filter((slug) => ctx.idp.applicationBySlug(slug)?.sso.settings.spSloUrl !== undefined);
  session.logout = { queue, failed: [], ...(initiator ? { initiator } : {}) };
  return next(ctx, session);
}

async function next(ctx: WebContext, session: Session): Promise<CoreResponse> {
  const run = session.logout!;
  for (let slug = run.queue.shift(); slug !== undefined; slug = run.queue.shift()) {
    const app = ctx.idp.applicationBySlug(slug);
    const participant = session.participants.get(slug);
    const url = app?.sso.settings.spSloUrl;
    if (!app || !participant || !url) continue;
    const { xml, id } = buildLogoutRequest({
      issuer: app.sso.settings.idpEntityId,
      destination: url,
      nameId: participant.nameId,
      sessionIndex: participant.sessionIndex,
      now: ctx.now(),
      id: ctx.newId(),
    });
    run.current = { slug, requestId: id };
    session.participants.delete(slug);
    ctx.log.record({
      flow: 'logout',
      outcome: 'success',
      application: app.name,
      slug,
      detail: `LogoutRequest ${id} sent to ${url}`,
    });
    return redirectTo(ctx, url, 'SAMLRequest', xml);
  }
  // Every participant is done: the IdP session ends, and the initiator (if any) gets its answer.
  if (!run.initiator || ctx.idp.steps.spLogoutEndsSession) ctx.sessions.delete(session);
  session.logout = undefined;
  ctx.log.record({ flow: 'logout', outcome: 'success', detail: 'signed out' });
  const initiator = run.initiator && ctx.idp.applicationBySlug(run.initiator.slug);
  const initiatorUrl = initiator?.sso.settings.spSloUrl;
  if (run.initiator && initiator && initiatorUrl) {
    const status = run.failed.length > 0 ? STATUS_PARTIAL : STATUS_SUCCESS;
    const response = await answer(
      ctx,
      initiatorUrl,
      initiator,
      run.initiator.requestId,
      status,
      run.initiator.relayState,
    );
    if (ctx.idp.steps.spLogoutEndsSession) response.headers['set-cookie'] = ctx.cookie(undefined);
    return response;
  }
  const response = ctx.redirect(ctx.path('/login'));
  response.headers['set-cookie'] = ctx.cookie(undefined);
  return response;
}

async function answer(
  ctx: WebContext,
  url: string,
  app: Application,
  inResponseTo: string,
  status: string,
  relayState: string | undefined,
): Promise<CoreResponse> {
  const { xml } = buildLogoutResponse({
    issuer: app.sso.settings.idpEntityId,
    destination: url,
    inResponseTo,
    status,
    now: ctx.now(),
    id: ctx.newId(),
  });
  return redirectTo(ctx, url, 'SAMLResponse', xml, relayState);
}

async function redirectTo(
  ctx: WebContext,
  url: string,
  kind: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  relayState?: string,
): Promise<CoreResponse> {
  const location = redirectUrl(url, kind, xml, {
    sign: { key: await ctx.keys() },
    ...(relayState === undefined ? {} : { relayState }),
  });
  return { status: 302, headers: { location, 'cache-control': 'no-store' } };
}
