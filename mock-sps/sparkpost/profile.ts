import type { SpProfile } from '#mock-sps';
import { SPARKPOST_SP_FAULTS } from './faults.js';
import { SPARKPOST_REGIONS, sparkpostQuirks } from './quirks.js';

/**
 * SparkPost: SAML by uploaded metadata, and SCIM 2.0 users without groups.
 * @see README.md (the app's quirks and the guide sections behind them)
 */
export const sparkpostProfile = {
  id: 'sparkpost',
  name: 'SparkPost',
  requirementPrefix: 'SPK',
  scim: {
    // SPK-03: US, EU and enterprise (`<tenant>.api.e.sparkpost.com`) hosts, one path.
    host: SPARKPOST_REGIONS.us,
    regions: SPARKPOST_REGIONS,
    basePath: '/api/v1/users/scim/v2',
    // SPK-04: no groups; /Groups answers 404.
    groups: false,
    // **assumed**: users can be deleted (the guide is silent; the catalogue deletes them).
    deleteUsers: true,
    // **assumed**: the guide says nothing of the SCIM features; the core's full set.
    features: { filterMaxResults: 200, sort: true, etag: true, changePassword: false },
    // **assumed**: no request-body log among the admin's options.
    requestBodyLogging: false,
    storedAs: [],
    // SPK-04: first and last name are SparkPost's own fields; SPK-05: its suspension status.
    localAttributes: ['firstName', 'lastName', 'suspended'],
    // **assumed**: other SCIM attributes are kept as sent (the guide lists only what JumpCloud sends).
    ignoredAttributes: ['password'],
    quirks: sparkpostQuirks,
  },
  faults: SPARKPOST_SP_FAULTS,
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
