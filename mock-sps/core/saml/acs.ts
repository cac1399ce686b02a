/**
 * The ACS decision, its named steps (acs-steps.ts) run in order: setup state (SF-16), the
 * SAML checks, then the SP's own rules — OUT-04, NameID format (PCO-01), identity (SF-15),
 * users and JIT (INT-03, OUT-05, SF-18).
 * @see SAML 2.0 Profiles §4.1.4.3; docs/conformance.md "SAML 2.0"
 */
import {
  runResponseSteps,
  type KeyPair,
  type ReplayCache,
  type ResponsePolicy,
  type ValidatedLogin,
} from '#harness/saml';
import type { AcsRuleContext, AcsSteps } from './acs-steps.js';
import type { IdpSettings } from './idp-settings.js';
import { resolveUser, subjectOf } from './identity.js';
import { LoginRefused } from './refusals.js';
import { findUser, type SamlUser, type SamlUserDirectory } from './users.js';

/** An AuthnRequest the SP sent and has not seen answered. */
export interface OutstandingRequest {
  /** Epoch ms after which an answer is no longer accepted. */
  expires: number;
  /** Sent by the Test button (OUT-03). */
  test: boolean;
}

/** The most SP-initiated AuthnRequests the SP keeps waiting for an answer. */
export const MAX_OUTSTANDING = 10_000;

/** How long an AuthnRequest may be answered (**assumed**: 10 minutes, as node-saml's default). */
const REQUEST_LIFETIME = 10 * 60_000;

/**
 * Keeps the AuthnRequest `id` waiting for its answer. Anyone may start logins: past
 * MAX_OUTSTANDING the expired go, then the oldest, so a flood of login starts costs the SP a
 * bounded map (decision 0036).
 */
export function keepWaiting(
  outstanding: Map<string, OutstandingRequest>,
  id: string,
  test: boolean,
  now: number,
): void {
  outstanding.set(id, { expires: now + REQUEST_LIFETIME, test });
  if (outstanding.size <= MAX_OUTSTANDING) return;
  for (const [waiting, { expires }] of outstanding) if (expires <= now) outstanding.delete(waiting);
  for (const waiting of outstanding.keys()) {
    if (outstanding.size <= MAX_OUTSTANDING) break;
    outstanding.delete(waiting);
  }
}

/** What the ACS reads of the SP. */
export interface AcsContext extends AcsRuleContext {
  /** The steps it runs: strict, or with a fault's replacements. */
  steps: AcsSteps;
  now: () => Date;
  entityId: string;
  acsUrl: string;
  idp: IdpSettings | undefined;
  outstanding: Map<string, OutstandingRequest>;
  replayCache: ReplayCache;
  decryptionKey: () => Promise<KeyPair>;
  users: SamlUserDirectory;
}

export type AcsOutcome =
  | { kind: 'login'; login: ValidatedLogin; subject: string; user: SamlUser; created: boolean }
  /** OUT-03: a Test login shows the email from the assertion and signs nobody in. */
  | { kind: 'test'; login: ValidatedLogin; subject: string; match: SamlUser | undefined };

/** The validateResponse policy for this SP now. */
function policyOf(ctx: AcsContext, idp: IdpSettings, decryptionKey: KeyPair | undefined): ResponsePolicy {
  const now = ctx.now().getTime();
  const live = new Set<string>();
  for (const [id, request] of ctx.outstanding) {
    if (request.expires > now) live.add(id);
    else ctx.outstanding.delete(id);
  }
  return {
    // SPK-01 by hand: no IdP Entity ID was asked for, so there is no Issuer to compare (as passport-saml
    // without idpIssuer). Documented SP behaviour, not a fault: the settings show it.
    ...(idp.entityId === undefined ? {} : { idpEntityId: idp.entityId }),
    trusted: idp.certificates,
    spEntityId: ctx.entityId,
    acsUrl: ctx.acsUrl,
    requireSigned: ctx.saml.requireSigned,
    clockSkewSeconds: ctx.saml.clockSkewSeconds ?? 60,
    now: ctx.now,
    outstandingRequests: live,
    allowUnsolicited: ctx.saml.idpInitiated,
    replayCache: ctx.replayCache,
    ...(decryptionKey ? { decryptionKey } : {}),
    requireEncryptedAssertion: ctx.saml.requireEncryptedAssertion,
  };
}

/**
 * Decides a posted SAMLResponse. Throws SamlError (a SAML check) or
 * LoginRefused (an SP rule) with the reason.
 */
export async function consume(ctx: AcsContext, samlResponse: string): Promise<AcsOutcome> {
  const idp = ctx.idp;
  if (!idp) {
    throw new LoginRefused('idp-not-configured', `${ctx.appName} has no identity provider configured yet`);
  }
  const { steps } = ctx;
  steps['placeholder-certificate'](ctx, idp);
  const xml = steps.decode(samlResponse);
  const decryptionKey = ctx.saml.encryptAssertions ? await ctx.decryptionKey() : undefined;
  const login = await runResponseSteps(steps.response, xml, policyOf(ctx, idp, decryptionKey));
  try {
    return decide(ctx, login);
  } catch (error) {
    if (error instanceof LoginRefused) error.nameId = login.nameId;
    throw error;
  }
}

/** The SP's own rules, once the Response is valid. */
function decide(ctx: AcsContext, login: ValidatedLogin): AcsOutcome {
  const answered = login.inResponseTo === undefined ? undefined : ctx.outstanding.get(login.inResponseTo);
  if (login.inResponseTo !== undefined) ctx.outstanding.delete(login.inResponseTo);
  const subject = subjectOf(login, ctx.saml);
  const identity = ctx.saml.identity;
  if (answered?.test) {
    return { kind: 'test', login, subject, match: findUser(ctx.users, identity.matches, subject, true) };
  }
  if (!ctx.steps['sso-enabled'](ctx)) {
    throw new LoginRefused(
      'sso-disabled',
      `SSO is not Enabled in ${ctx.appName} yet: only the Test login works until an admin checks Enable (OUT-04)`,
    );
  }
  ctx.steps['name-id-format'](ctx, login);
  return { kind: 'login', login, subject, ...resolveUser(login, subject, ctx.saml, ctx.users, ctx.steps) };
}
