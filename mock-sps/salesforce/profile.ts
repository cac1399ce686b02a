import type { LoginRefusal, SamlProfile, SpProfile } from '#mock-sps';
import { SALESFORCE_SP_FAULTS } from './faults.js';
import { salesforceQuirks } from './quirks.js';

const SIGNATURE_INVALID = 'Signature Invalid';
const ASSERTION_INVALID = 'Assertion Invalid';
const SUBJECT_CONFIRMATION_ERROR = 'Subject Confirmation Error';

/**
 * SF-19: Salesforce's login-history names for each refusal reason. Reasons the
 * list does not name map to the nearest one (the time window to Assertion Expired;
 * InResponseTo, which lives in SubjectConfirmationData, to Subject Confirmation Error).
 */
export const SALESFORCE_REFUSAL_NAMES = {
  expired: 'Assertion Expired',
  'not-yet-valid': 'Assertion Expired',
  'audience-mismatch': 'Audience Invalid',
  'issuer-mismatch': 'Issuer Mismatched',
  'unknown-issuer': 'Issuer Mismatched',
  'recipient-mismatch': 'Recipient Mismatched',
  'destination-mismatch': 'Recipient Mismatched',
  replay: 'Replay Detected',
  'signature-missing': SIGNATURE_INVALID,
  'signature-invalid': SIGNATURE_INVALID,
  'signature-multiple': SIGNATURE_INVALID,
  'signature-wrapping': SIGNATURE_INVALID,
  'untrusted-certificate': SIGNATURE_INVALID,
  'weak-algorithm': SIGNATURE_INVALID,
  'digest-invalid': SIGNATURE_INVALID,
  'assertion-unsigned': SIGNATURE_INVALID,
  // SF-16: the placeholder certificate cannot verify the IdP's signature.
  'placeholder-certificate': SIGNATURE_INVALID,
  'subject-missing': SUBJECT_CONFIRMATION_ERROR,
  'name-id-missing': SUBJECT_CONFIRMATION_ERROR,
  'subject-confirmation-missing': SUBJECT_CONFIRMATION_ERROR,
  'in-response-to-mismatch': SUBJECT_CONFIRMATION_ERROR,
  unsolicited: SUBJECT_CONFIRMATION_ERROR,
  'too-large': ASSERTION_INVALID,
  'too-deep': ASSERTION_INVALID,
  doctype: ASSERTION_INVALID,
  'not-well-formed': ASSERTION_INVALID,
  'multiple-roots': ASSERTION_INVALID,
  'wrong-root': ASSERTION_INVALID,
  'assertion-missing': ASSERTION_INVALID,
  'assertion-multiple': ASSERTION_INVALID,
  'status-not-success': ASSERTION_INVALID,
  'authn-statement-missing': ASSERTION_INVALID,
  'decryption-failed': ASSERTION_INVALID,
  malformed: ASSERTION_INVALID,
} as const satisfies Partial<Record<LoginRefusal, string>>;

/**
 * Salesforce: SCIM 2.0 authorised through an OAuth consent, and SAML with signed requests and
 * encrypted assertions. As SCIM needs (SF-11), JIT is off and the NameID is the Salesforce username.
 * @see README.md (the app's quirks and the guide sections behind them)
 */
export const salesforceProfile = {
  id: 'salesforce',
  name: 'Salesforce',
  requirementPrefix: 'SF',
  scim: {
    // SF-01: `https://<domain>.my.salesforce.com/services/scim/v2` (**assumed** My Domain `acme`).
    host: 'acme.my.salesforce.com',
    basePath: '/services/scim/v2',
    // SF-01: a Sandbox is its own org on `<domain>--<sandbox>.sandbox.my.salesforce.com`, with its own
    // login and sessions (**assumed** Sandbox name `sandbox`).
    regions: {
      production: '{tenant}.my.salesforce.com',
      sandbox: '{tenant}--sandbox.sandbox.my.salesforce.com',
    },
    // SF-12: groups with displayName.
    groups: true,
    // SF-13: Salesforce keeps its users and deactivates them; it never deletes one, so the IdP's test
    // connection deactivates its test user. The core still answers DELETE (it reads no flag), which the
    // generic protocol checks use.
    deleteUsers: false,
    // **assumed**: Salesforce's ServiceProviderConfig is not in the guide; the core's defaults.
    features: { filterMaxResults: 200, sort: true, etag: true, changePassword: false },
    // **assumed**: the org's API event log keeps request bodies, as the provisioning checks read them.
    requestBodyLogging: true,
    storedAs: [],
    // SF-10, SF-11: the Federation ID, the JIT profile and how the user came to exist are the org's own
    // fields, set by its admin (Data Loader) or JIT, never by SCIM; SF-04: an email awaiting confirmation.
    localAttributes: ['federationId', 'profileId', 'samlSource', 'pendingEmail'],
    ignoredAttributes: ['password'],
    // SF-01…SF-10: OAuth, username rules, creation defaults, pending emails, one address, picklists.
    quirks: salesforceQuirks,
  },
  faults: SALESFORCE_SP_FAULTS,
  saml: {
    // SF-14: the org's My Domain.
    host: 'acme.my.salesforce.com',
    // SF-14: `https://saml.salesforce.com` without a custom domain (the IdP catalogue's default);
    // `{origin}` gives `https://<domain>.my.salesforce.com` for an org with one.
    entityId: 'https://saml.salesforce.com',
    // SF-14: the ACS is the org's login URL, `https://<domain>.my.salesforce.com?sc=…` (**assumed** value).
    acsPath: '/?sc=0LE5g000000JCSAML',
    // SF-14: SP-initiated requests over HTTP-POST, signed with the request-signing certificate.
    spInitiated: { binding: 'post' },
    idpInitiated: true,
    signAuthnRequests: true,
    // SF-14: assertions encrypted to the assertion-decryption certificate; **assumed** a plain one is refused.
    encryptAssertions: true,
    requireEncryptedAssertion: true,
    // **assumed** after Salesforce's SAML docs: a signed Response or a signed Assertion.
    requireSigned: 'either',
    // **assumed** after Salesforce's SAML docs: three minutes of clock skew.
    clockSkewSeconds: 180,
    // SF-15: "Assertion contains the User's Salesforce username", in the NameID (the SCIM setup's choice).
    identity: { source: { from: 'nameId' }, matches: 'userName', caseInsensitive: true },
    // SF-11: JIT is off when SCIM manages users.
    users: 'must-exist',
    // SF-14, SF-16: Issuer and IdP Login URL typed in; the certificate first uploaded is a placeholder.
    // "Identity Provider Single Logout URL" is Salesforce's own SSO setting (not in the guide).
    idpConfig: {
      methods: ['manual'],
      manual: { required: ['entityId', 'ssoUrl'], optional: ['name', 'certificate', 'sloUrl'] },
    },
    ssoEnabledFlag: false,
    testLogin: false,
    // SF-16: every assertion is refused until the placeholder certificate is replaced.
    placeholderCertificate: true,
    // SF-17: "JumpCloud" on the My Domain login page, the login form deselected.
    signIn: { loginButton: true, autoLogin: false, loginForm: false },
    // SF-14: the IdP login URL `<idp-base>/saml2/salesforce` by default.
    defaultIdpSsoPath: '/saml2/salesforce',
    refusalNames: SALESFORCE_REFUSAL_NAMES,
    // **assumed**: the JumpCloud guide is silent; Salesforce's help ("Single Logout") documents
    // front-channel SAML SLO, SP- and IdP-initiated, for an org that uses an external IdP.
    singleLogout: true,
  },
} as const satisfies SpProfile;

/** SF-18: standard JIT, with the Federation ID in an attribute (the guide's JIT settings). */
const jitSaml = {
  ...salesforceProfile.saml,
  // SF-15: "Assertion contains the Federation ID", here in the NameID (Salesforce's default location; the
  // guide's alternative is an attribute element, `{ from: 'attribute', name: 'FederationIdentifier' }`).
  // The guide makes "Make Federation ID case-insensitive" an optional checkbox: off here (requirement SF-15 says on by default; the guide wins).
  identity: { source: { from: 'nameId' }, matches: 'federationId', caseInsensitive: false },
  users: 'jit',
  jit: {
    attributePrefix: 'User.',
    fields: {
      userName: 'Username',
      email: 'Email',
      firstName: 'FirstName',
      lastName: 'LastName',
      profileId: 'ProfileId',
      federationId: 'FederationIdentifier',
    },
    required: ['LastName', 'ProfileId', 'Username'],
    mustMatchSubject: ['FederationIdentifier'],
    requirement: 'SF-18',
  },
} as const satisfies SamlProfile;

/** Salesforce with JIT provisioning on instead of SCIM (SF-11, SF-15, SF-18). */
export const salesforceJitProfile = { ...salesforceProfile, saml: jitSaml } as const satisfies SpProfile;
