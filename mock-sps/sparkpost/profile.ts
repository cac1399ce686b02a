import type { SpProfile } from '../core/profile.js';

/**
 * SparkPost: SAML by uploaded metadata. The SCIM side comes later.
 * @see ../../../shared/seeds/004_bb83cc9b3a31d78d.txt
 */
export const sparkpostProfile = {
  id: 'sparkpost',
  name: 'SparkPost',
  requirementPrefix: 'SPK',
  saml: {
    // SPK-03: the US API host.
    host: 'api.sparkpost.com',
    // **assumed** after SparkPost's public SSO docs: Entity ID is the API origin, ACS its "callback URL".
    entityId: '{origin}',
    acsPath: '/api/v1/users/saml/consume',
    // **assumed** SP-initiated over HTTP-Redirect, unsigned.
    spInitiated: { binding: 'redirect' },
    idpInitiated: true,
    signAuthnRequests: false,
    encryptAssertions: false,
    requireEncryptedAssertion: false,
    // **assumed**: the IdP signs the assertion (JumpCloud's default).
    requireSigned: 'assertion',
    // **assumed**: the NameID is the user's email.
    identity: { source: { from: 'nameId' }, matches: 'email', caseInsensitive: true },
    // **assumed**: SSO users must have been invited (or provisioned) first.
    users: 'must-exist',
    // SPK-01: metadata XML upload; without it name + certificate + SAML endpoint by hand (no Entity ID
    // field, so a hand-configured SP does not compare the Issuer).
    idpConfig: {
      methods: ['metadata-upload', 'manual'],
      manual: { required: ['name', 'certificate', 'ssoUrl'], optional: [] },
    },
    ssoEnabledFlag: false,
    testLogin: false,
    placeholderCertificate: false,
    signIn: { loginButton: false, autoLogin: false, loginForm: true },
  },
} as const satisfies SpProfile;
