/**
 * SAML faults of the SP's sessions: Single Logout that verifies nothing or ends nothing (the
 * `slo` seam), and a session that outlives its user's deactivation by provisioning (the
 * `session` seam). Part of SAML_CORE_FAULTS (faults.ts).
 * @see docs/decisions/0012-faults-wrap.md, docs/decisions/0021-single-logout-and-deprovisioning.md
 */
import { decodePost, decodeRedirect, parseLogoutMessage } from '#harness/saml';
import { defineSpFaults } from '../fault.js';

/** The checks that fail while a fault is on, by name. */
const checks = (...ids: string[]): string[] => ids;

export const SESSION_FAULTS = defineSpFaults([
  {
    id: 'slo-unverified',
    area: 'saml',
    bug: 'acts on a LogoutRequest without verifying its signature, so any page a user visits can sign them out (Profiles §4.4.4.1)',
    cites: ['SAML-SLO-SIGNED'],
    caughtBy: checks('saml-security/slo-unsigned-refused', 'saml-security/slo-forged-refused'),
    on: ['salesforce'],
    apply: {
      slo: (strict) => ({
        ...strict,
        receive: (arrival) => {
          const field = arrival.form?.get('SAMLRequest') ?? arrival.form?.get('SAMLResponse');
          const xml =
            arrival.method === 'GET' ? decodeRedirect(arrival.rawQuery).xml : decodePost(field ?? '');
          const relayState = arrival.form?.get('RelayState') ?? undefined;
          return {
            binding: arrival.method === 'GET' ? 'redirect' : 'post',
            message: parseLogoutMessage(xml),
            ...(relayState === undefined ? {} : { relayState }),
          };
        },
      }),
    },
  },
  {
    id: 'slo-ends-nothing',
    area: 'saml',
    bug: 'answers a LogoutRequest with Success but keeps the session, so signing out at the IdP leaves the user signed in here (Core §3.7.3.2)',
    cites: ['SAML-SLO'],
    caughtBy: checks('saml-security/slo-ends-session', 'sso/slo-idp-initiated'),
    on: ['salesforce'],
    apply: { slo: (strict) => ({ ...strict, ends: () => [] }) },
  },
  {
    id: 'slo-local-only',
    area: 'saml',
    bug: 'signs the user out locally but never tells the IdP, whose session signs them straight back in (Profiles §4.4.3.1)',
    cites: ['IDP-SLO-01'],
    caughtBy: checks('sso/slo-sp-initiated'),
    on: ['salesforce'],
    apply: { slo: (strict) => ({ ...strict, tellsIdp: false }) },
  },
  {
    id: 'session-outlives-deactivation',
    area: 'saml',
    bug: 'keeps the sessions of a user deactivated by provisioning, who stays signed in until the session expires',
    cites: ['SAML-SESSION-DEPROVISIONED'],
    caughtBy: checks('saml-security/deprovisioned-session-ends'),
    on: ['interact', 'salesforce', 'profitco', 'sparkpost'],
    apply: { session: () => () => true },
  },
  {
    id: 'inactive-user-signs-in',
    area: 'saml',
    bug: 'ignores the active flag provisioning sets: a deactivated user signs in whenever an assertion for them arrives, and keeps the session',
    cites: ['SAML-SESSION-DEPROVISIONED'],
    caughtBy: checks('saml-security/deprovisioned-login-refused', 'saml-security/deprovisioned-session-ends'),
    on: ['interact', 'salesforce', 'profitco', 'sparkpost'],
    apply: {
      acs: (strict) => ({ ...strict, 'inactive-user': () => undefined }),
      session: () => () => true,
    },
  },
]);
