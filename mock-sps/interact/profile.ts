import type { SpProfile } from '#mock-sps';
import { INTERACT_SP_FAULTS } from './faults.js';

/**
 * Interact Software: SAML and SCIM 2.0 with groups.
 * @see README.md (the app's quirks and the guide sections behind them)
 */
export const interactProfile = {
  id: 'interact',
  name: 'Interact Software',
  requirementPrefix: 'INT',
  scim: {
    // INT-01: https://<subdomain>/api/v2/scim/v2
    host: 'acme.interactgo.com',
    basePath: '/api/v2/scim/v2',
    // INT-06: groups with displayName; create, rename, delete, membership.
    groups: true,
    deleteUsers: true,
    features: { filterMaxResults: 200, sort: true, etag: true, changePassword: false },
    // INT-01: "Log Request Body in SCIM Service", recommended by the guide.
    requestBodyLogging: true,
    // INT-04: addresses.locality arrives but is stored as addresses.formatted.
    storedAs: [{ attribute: 'addresses', from: 'locality', to: 'formatted', requirement: 'INT-04' }],
    // INT-05: attributes JumpCloud does not manage keep their SP-side values.
    localAttributes: [
      'timezone',
      'manager',
      'profileUrl',
      'jobEndDate',
      'bio',
      'jobStartDate',
      'DOB',
      'initials',
      'facebookID',
      'linkedInId',
      'twitterTag',
      'instagramTag',
      'passwordReset',
      'ims',
    ],
    ignoredAttributes: ['password'],
  },
  faults: INTERACT_SP_FAULTS,
  saml: {
    host: 'acme.interactgo.com',
    // INT-02: the EntityID shown under Service Provider Details (**assumed** shape), and its ACS.
    entityId: '{origin}/saml/metadata',
    acsPath: '/saml/acs',
    // **assumed**: the app URL redirects to the IdP with an unsigned HTTP-Redirect AuthnRequest.
    spInitiated: { binding: 'redirect' },
    idpInitiated: true,
    signAuthnRequests: false,
    encryptAssertions: false,
    requireEncryptedAssertion: false,
    // **assumed**: the IdP signs the assertion (JumpCloud's default).
    requireSigned: 'assertion',
    // INT-03 **assumed**: the NameID is the user's email (the IdP catalogue's default), found among the
    // People Directory emails (provisioned as emails[type eq "work"]).
    identity: { source: { from: 'nameId' }, matches: 'email', caseInsensitive: true },
    // INT-03: SSO users must already exist; an unknown user's SSO fails.
    users: 'must-exist',
    // INT-02: the IdP is imported from its metadata URL only.
    idpConfig: { methods: ['metadata-url'], manual: { required: [], optional: [] } },
    ssoEnabledFlag: false,
    testLogin: false,
    placeholderCertificate: false,
    // INT-02: a login button with the IdP's configured name; optional default provider with auto-login.
    signIn: { loginButton: true, autoLogin: true, loginForm: true },
  },
} as const satisfies SpProfile;
