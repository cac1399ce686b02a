/**
 * IdP faults of SAML single sign-on: who may sign in, the application's SSO URL, and the
 * Response the IdP issues.
 * @see IDP-SSO-01, -03…08; SAML 2.0 Profiles §4.1.4.2
 */
import { defineIdpFaults } from '../fault-seams.js';

/** An hour either side, where the IdP's window is NotBefore −5 min / NotOnOrAfter +5 min. */
const ONE_HOUR = 3600;

/** Faults of SAML single sign-on. */
export const SSO_FAULTS = defineIdpFaults([
  {
    id: 'sso-ignore-access-control',
    area: 'idp',
    bug: 'issues assertions to users outside every bound group',
    cites: ['IDP-SSO-03'],
    caughtBy: ['sso/unauthorized-denied'],
    apply: {
      steps: (strict) => ({ ...strict, mayUseSso: (idp, _app, userId) => idp.directory.users.has(userId) }),
    },
  },
  {
    id: 'sso-ignore-deactivation',
    area: 'idp',
    bug: 'keeps signing users in to an application whose SSO is deactivated',
    cites: ['IDP-SSO-08'],
    caughtBy: ['sso/deactivated'],
    apply: { steps: (strict) => ({ ...strict, ssoEnabled: () => true }) },
  },
  {
    id: 'sso-unsolicited-in-response-to',
    area: 'idp',
    bug: 'puts an InResponseTo on IdP-initiated Responses, which must be unsolicited',
    cites: ['IDP-SSO-04'],
    caughtBy: ['sso/idp-initiated'],
    apply: {
      steps: (strict) => ({
        ...strict,
        inResponseTo: (requestId, newId) => strict.inResponseTo(requestId, newId) ?? newId(),
      }),
    },
  },
  {
    id: 'sso-drop-in-response-to',
    area: 'idp',
    bug: 'answers an AuthnRequest without InResponseTo',
    cites: ['IDP-SSO-05'],
    caughtBy: ['sso/sp-initiated'],
    apply: { steps: (strict) => ({ ...strict, inResponseTo: () => undefined }) },
  },
  {
    id: 'sso-keep-deleted-app',
    area: 'idp',
    bug: 'keeps serving the SSO URL of a deleted application',
    cites: ['IDP-SSO-08'],
    caughtBy: ['sso/delete-application'],
    apply: { steps: (strict) => ({ ...strict, deleteApplication: async () => undefined }) },
  },
  {
    id: 'sso-mutable-slug',
    area: 'idp',
    bug: 'lets the SSO URL slug be edited after creation',
    cites: ['IDP-SSO-01'],
    caughtBy: ['sso/idp-urls'],
    apply: { steps: (strict) => ({ ...strict, changeSlug: (_app, _current, wanted) => wanted }) },
  },
  {
    id: 'slo-skip-participants',
    area: 'idp',
    bug: 'signs the user out of the IdP only, sending no LogoutRequest to the applications they signed in to',
    cites: ['IDP-SLO-01'],
    caughtBy: ['sso/slo-idp-initiated'],
    apply: { steps: (strict) => ({ ...strict, logoutParticipants: () => [] }) },
  },
  {
    id: 'slo-keep-idp-session',
    area: 'idp',
    bug: "answers an application's LogoutRequest with Success but keeps the IdP session",
    cites: ['IDP-SLO-01'],
    caughtBy: ['sso/slo-sp-initiated'],
    apply: { steps: (strict) => ({ ...strict, spLogoutEndsSession: false }) },
  },
  {
    id: 'sso-long-validity',
    area: 'idp',
    bug: 'issues assertions valid for an hour instead of NotBefore −5 min / NotOnOrAfter +5 min',
    cites: ['IDP-SSO-07'],
    caughtBy: ['sso/assertion-shape'],
    apply: {
      steps: (strict) => ({
        ...strict,
        buildResponse: (input, signing, encryptTo) =>
          strict.buildResponse(
            { ...input, lifetimeSeconds: ONE_HOUR, notBeforeSkewSeconds: ONE_HOUR },
            signing,
            encryptTo,
          ),
      }),
    },
  },
  {
    id: 'sso-drop-jit-attributes',
    area: 'idp',
    bug: 'leaves the JIT-required attributes out of the assertion',
    cites: ['IDP-SSO-06', 'OUT-05', 'SF-18'],
    caughtBy: ['sso/salesforce-jit-attributes', 'sso/outreach-jit'],
    apply: {
      steps: (strict) => ({
        ...strict,
        attributeStatement: (rows, user) =>
          strict.attributeStatement(
            rows.filter((row) => !row.jitRequired),
            user,
          ),
      }),
    },
  },
  {
    id: 'sso-skip-encryption',
    area: 'idp',
    bug: 'sends the assertion in clear although the app has an encryption certificate',
    cites: ['IDP-SSO-06', 'SF-14'],
    caughtBy: ['sso/salesforce-signed-post-encrypted'],
    apply: {
      steps: (strict) => ({
        ...strict,
        buildResponse: (input, signing) => strict.buildResponse(input, signing),
      }),
    },
  },
]);
