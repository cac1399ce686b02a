import type { SpProfile } from '#mock-sps';
import { PROFITCO_SP_FAULTS } from './faults.js';
import { PROFITCO_REGIONS, profitcoQuirks } from './quirks.js';

/**
 * Profit.co (OKR software): a custom SAML app, and SCIM 2.0 users without groups.
 * @see README.md (the app's quirks and the guide sections behind them)
 */
export const profitcoProfile = {
  id: 'profitco',
  name: 'Profit.co',
  requirementPrefix: 'PCO',
  scim: {
    // PCO-02: the base URL depends on the account's region (US `api` host, EU `eu` host).
    host: PROFITCO_REGIONS.us,
    regions: PROFITCO_REGIONS,
    // **assumed** path: the guide shows the base URLs as placeholders only.
    basePath: '/scim/v2',
    // PCO-04: no group management; /Groups answers 404.
    groups: false,
    // PCO-07: deactivation only; JumpCloud's Profit.co connector notes that Profit.co does not
    // support deleting a user (the quirks answer DELETE with 405).
    deleteUsers: false,
    // **assumed**: the guide says nothing of the SCIM features; the core's full set.
    features: { filterMaxResults: 200, sort: true, etag: true, changePassword: false },
    // **assumed**: no request-body log among the admin's options.
    requestBodyLogging: false,
    storedAs: [],
    // PCO-06: the department the user is placed in, by id.
    localAttributes: ['departmentId'],
    // PCO-05: the quirks keep only givenName, familyName, email, active, title and department.
    ignoredAttributes: [],
    quirks: profitcoQuirks,
  },
  faults: PROFITCO_SP_FAULTS,
  saml: {
    // PCO-01/PCO-02: one origin with the SCIM side, the region's host (the guide's ACS URL is per
    // region too: "US region (or) EU region").
    host: PROFITCO_REGIONS.us,
    // PCO-01: SP Entity ID.
    entityId: 'urn:profit-prod:profit-prod-sso-auth',
    // **assumed** ACS path: the guide gives none.
    acsPath: '/saml/acs',
    // **assumed** no SP-initiated login: the SP is given no IdP sign-in URL (PCO-01) and the guide
    // logs in from the IdP's console (step 9–10).
    idpInitiated: true,
    signAuthnRequests: false,
    encryptAssertions: false,
    requireEncryptedAssertion: false,
    // PCO-01: the assertion must be signed (RSA-SHA256; SHA-1 is refused unless a fault allows it).
    requireSigned: 'assertion',
    // PCO-01: NameID = email with format emailAddress (the `username` attribute = email is sent too).
    nameId: { format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' },
    identity: { source: { from: 'nameId' }, matches: 'email', caseInsensitive: true },
    // **assumed**: SSO users come from provisioning (PCO-07); an unknown user is refused.
    users: 'must-exist',
    // PCO-01: the IdP Entity ID and X.509 certificate are pasted (Settings → Integration → SAML SSO).
    idpConfig: { methods: ['manual'], manual: { required: ['entityId', 'certificate'], optional: [] } },
    ssoEnabledFlag: false,
    testLogin: false,
    placeholderCertificate: false,
    signIn: { loginButton: false, autoLogin: false, loginForm: true },
  },
} as const satisfies SpProfile;
