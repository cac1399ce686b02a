/**
 * Front-channel Single Logout at the mock SP (`/saml/slo`), as SAML 2.0 Profiles §4.4 describes it
 * for a session participant: a LogoutRequest from the IdP (either binding, signed by the IdP's key)
 * ends the principal's sessions here and is answered with a signed LogoutResponse; a logout started
 * here ends the local session first and sends the IdP a signed LogoutRequest, whose LogoutResponse
 * comes back to the same endpoint. The SP's own messages go by HTTP-Redirect.
 * @see SAML 2.0 Profiles §4.4.3, §4.4.4; Core §3.7.3.2; docs/decisions/0021-single-logout-and-deprovisioning.md
 */
import {
  SamlError,
  STATUS_SUCCESS,
  buildLogoutRequest,
  buildLogoutResponse,
  redirectUrl,
  receiveSloMessage,
  sloArrivalOf,
  type KeyPair,
  type ParsedLogoutRequest,
  type ReceivedSloMessage,
  type SloArrival,
} from '#harness/saml';
import type { CoreRequest, CoreResponse } from '../http.js';
import { clearedCookie } from './http-form.js';
import type { IdpSettings } from './idp-settings.js';
import { messagePage, type SamlSession } from './pages.js';

/** How long the SP waits for the IdP's LogoutResponse (**assumed**, as for an AuthnRequest). */
const LOGOUT_LIFETIME_MS = 10 * 60_000;

/** The steps a Single Logout fault replaces (fault-seams.ts `slo`). */
export interface SloSteps {
  /** Reads an SLO message and verifies the IdP's signature on it (SamlError when it does not hold). */
  receive(arrival: SloArrival, trusted: readonly string[]): ReceivedSloMessage;
  /** The sessions, of those held, that a LogoutRequest ends (Core §3.7.3.2: by NameID and SessionIndex). */
  ends(request: ParsedLogoutRequest, sessions: readonly SamlSession[]): SamlSession[];
  /** Whether a logout started at the SP is sent on to the IdP (Profiles §4.4.3.1). */
  tellsIdp: boolean;
}

export const STRICT_SLO_STEPS: SloSteps = {
  receive: (arrival, trusted) => receiveSloMessage(arrival, trusted),
  ends: (request, sessions) =>
    sessions.filter(
      (session) =>
        session.nameId === request.nameId.value &&
        (request.sessionIndexes.length === 0 ||
          (session.sessionIndex !== undefined && request.sessionIndexes.includes(session.sessionIndex))),
    ),
  tellsIdp: true,
};

/** What Single Logout reads and changes of the SP. */
export interface SloContext {
  appName: string;
  entityId: string;
  /** This endpoint's absolute URL (the Destination messages to it carry). */
  sloUrl: string;
  idp: IdpSettings | undefined;
  now: Date;
  key: () => Promise<KeyPair>;
  steps: SloSteps;
  sessions: Map<string, SamlSession>;
  /** LogoutRequests sent to the IdP and not yet answered: ID → expiry (ms). */
  outstanding: Map<string, number>;
  cookie: { name: string; origin: string };
}

/** `GET|POST /saml/slo`: a LogoutRequest from the IdP, or the LogoutResponse to one the SP sent. */
export async function receiveLogout(ctx: SloContext, request: CoreRequest): Promise<CoreResponse> {
  const idp = ctx.idp;
  if (!idp?.sloUrl)
    return messagePage(
      409,
      'Single Logout is not set up',
      `${ctx.appName} has no identity provider Single Logout URL: configure the identity provider first`,
    );
  let received: ReceivedSloMessage;
  try {
    received = ctx.steps.receive(sloArrivalOf(request), idp.certificates);
    const { issuer, destination } = received.message;
    if (idp.entityId !== undefined && issuer !== idp.entityId)
      throw new SamlError(
        'issuer-mismatch',
        `The Issuer '${issuer}' is not the identity provider '${idp.entityId}'`,
      );
    // Every message here is signed (unsigned ones are refused), and a signed one names where it goes.
    if (destination === undefined)
      throw new SamlError(
        'destination-mismatch',
        `The signed ${received.message.kind} has no Destination; it must name ${ctx.sloUrl} (Bindings §3.4.5.2, §3.5.5.2)`,
      );
    if (destination !== ctx.sloUrl)
      throw new SamlError('destination-mismatch', `The Destination '${destination}' is not ${ctx.sloUrl}`);
  } catch (error) {
    if (!(error instanceof SamlError)) throw error;
    return messagePage(403, 'Logout refused', `${ctx.appName} refused the logout message: ${error.message}`);
  }
  const { message } = received;
  if (message.kind === 'LogoutResponse') {
    const expires =
      message.inResponseTo === undefined ? undefined : ctx.outstanding.get(message.inResponseTo);
    if (expires === undefined || expires <= ctx.now.getTime())
      return messagePage(
        400,
        'Logout refused',
        `The LogoutResponse answers no logout ${ctx.appName} is waiting for`,
      );
    ctx.outstanding.delete(message.inResponseTo!);
    return message.status === STATUS_SUCCESS
      ? signedOut(ctx, 'You are signed out here and at the identity provider.')
      : signedOut(ctx, `You are signed out here; the identity provider answered ${message.status}.`);
  }
  if (message.notOnOrAfter !== undefined && Date.parse(message.notOnOrAfter) <= ctx.now.getTime())
    return messagePage(403, 'Logout refused', `The LogoutRequest expired at ${message.notOnOrAfter}`);
  const ended = ctx.steps.ends(message, [...ctx.sessions.values()]);
  for (const session of ended) ctx.sessions.delete(session.id);
  const { xml } = buildLogoutResponse({
    issuer: ctx.entityId,
    destination: idp.sloUrl,
    inResponseTo: message.id,
    // Success either way: the principal has no session here any more (Core §3.7.3.2).
    status: STATUS_SUCCESS,
    now: ctx.now,
  });
  // The sessions end on the server; the cookie stays, as the front channel may be another browser.
  return toIdp(ctx, idp.sloUrl, 'SAMLResponse', xml, received.relayState, false);
}

/**
 * `GET /saml/logout` with Single Logout: the local session ends, and the IdP gets a signed
 * LogoutRequest for it (Profiles §4.4.3.1). Undefined when the SP has no IdP SLO URL or no session.
 */
export async function startLogout(
  ctx: SloContext,
  session: SamlSession | undefined,
): Promise<CoreResponse | undefined> {
  const sloUrl = ctx.idp?.sloUrl;
  if (!sloUrl || !session || !ctx.steps.tellsIdp) return undefined;
  ctx.sessions.delete(session.id);
  const { xml, id } = buildLogoutRequest({
    issuer: ctx.entityId,
    destination: sloUrl,
    nameId: { value: session.nameId, ...(session.nameIdFormat ? { format: session.nameIdFormat } : {}) },
    ...(session.sessionIndex === undefined ? {} : { sessionIndex: session.sessionIndex }),
    now: ctx.now,
  });
  ctx.outstanding.set(id, ctx.now.getTime() + LOGOUT_LIFETIME_MS);
  return toIdp(ctx, sloUrl, 'SAMLRequest', xml, undefined, true);
}

async function toIdp(
  ctx: SloContext,
  url: string,
  kind: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  relayState: string | undefined,
  clearCookie: boolean,
): Promise<CoreResponse> {
  const location = redirectUrl(url, kind, xml, {
    sign: { key: await ctx.key() },
    ...(relayState === undefined ? {} : { relayState }),
  });
  return {
    status: 302,
    headers: {
      location,
      ...(clearCookie ? { 'set-cookie': clearedCookie(ctx.cookie.name, ctx.cookie.origin) } : {}),
      'cache-control': 'no-store',
    },
  };
}

function signedOut(ctx: SloContext, message: string): CoreResponse {
  const page = messagePage(200, `${ctx.appName}: signed out`, message);
  return {
    ...page,
    headers: { ...page.headers, 'set-cookie': clearedCookie(ctx.cookie.name, ctx.cookie.origin) },
  };
}
