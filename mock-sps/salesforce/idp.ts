import type { AttributeMapping, OAuthClientSettings, CatalogEntry } from '#harness/idp';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness/scim';

/**
 * The guide's "Salesforce User Attributes" table (SF-02…SF-09). `Id` is the SP's and is not sent.
 * **assumed**: the profile entitlement travels as `entitlements[type eq "profile"].value` (the guide
 * writes `entitlements[primary=true].Entitlement`); one address and one phone (SF-06) are the
 * directory's work ones. Rows that name or identify the user, the required entitlement and `active`
 * cannot be excluded; the others can (IDP-IDM-09).
 */
const SALESFORCE_MAPPINGS: readonly AttributeMapping[] = [
  // SF-02: the username is the user's email.
  { scim: 'userName', source: { property: 'email' }, optional: false },
  { scim: 'name.givenName', source: { property: 'firstname' }, optional: false },
  { scim: 'name.familyName', source: { property: 'lastname' }, optional: false },
  { scim: 'displayName', source: { property: 'displayname' }, optional: true },
  // SF-05: created with nickName null, never overwritten.
  { scim: 'nickName', source: { constant: null }, optional: true, createOnly: true },
  // SF-03: "Required": created with the profile Standard User, never overwritten.
  {
    scim: 'entitlements[type eq "profile"].value',
    source: { constant: 'Standard User' },
    optional: false,
    createOnly: true,
  },
  { scim: 'password', source: { property: 'password' }, optional: true },
  { scim: 'emails[type eq "work"].value', source: { property: 'email' }, optional: false },
  // SF-08: active = !suspended && !passwordExpired.
  { scim: 'active', source: { derived: 'active' }, optional: false },
  { scim: 'userType', source: { property: 'employeeType' }, optional: true },
  { scim: 'title', source: { property: 'jobTitle' }, optional: true },
  // SF-05: English only: en_US at creation, never updated.
  { scim: 'locale', source: { constant: 'en_US' }, optional: true, createOnly: true },
  { scim: 'preferredLanguage', source: { constant: 'en_US' }, optional: true, createOnly: true },
  // SF-06: one address.
  ...(['streetAddress', 'locality', 'region', 'postalCode', 'country'] as const).map((sub) => ({
    scim: `addresses[type eq "work"].${sub}`,
    source: { property: sub, from: 'address' as const },
    optional: true,
  })),
  // SF-06: one phone number.
  {
    scim: 'phoneNumbers[type eq "work"].value',
    source: { property: 'number', from: 'phone' },
    optional: true,
  },
  // SF-09: the enterprise extension.
  { scim: `${ENTERPRISE}:employeeNumber`, source: { property: 'employeeIdentifier' }, optional: true },
  { scim: `${ENTERPRISE}:department`, source: { property: 'department' }, optional: true },
  { scim: `${ENTERPRISE}:organization`, source: { property: 'company' }, optional: true },
];

/** The SSO tab of both connectors: the org's SAML settings do not depend on the environment. */
const SALESFORCE_SSO: CatalogEntry['sso'] = {
  // Guide "To configure JumpCloud": IdP Entity ID `JumpCloud` (Salesforce's Issuer field says the same).
  idpEntityId: 'JumpCloud',
  // SF-14: `https://saml.salesforce.com` without a custom domain; `https://<domain>.my.salesforce.com` with one.
  spEntityId: 'https://saml.salesforce.com',
  // SF-15 default identity type "Assertion contains User's salesforce.com username" in the NameID;
  // the username is the user's email (SF-02).
  nameId: { source: { property: 'email' } },
  // SF-18: standard JIT attributes with the `User.` prefix; ProfileId takes a profile name (SF-03).
  attributes: [
    { name: 'User.Username', source: { property: 'email' }, jitRequired: true },
    { name: 'User.Email', source: { property: 'email' }, jitRequired: true },
    { name: 'User.LastName', source: { property: 'lastname' }, jitRequired: true },
    { name: 'User.FirstName', source: { property: 'firstname' }, jitRequired: true },
    { name: 'User.ProfileId', source: { constant: 'Standard User' }, jitRequired: true },
    // SF-18: must match the subject when present, so it carries the same email as the NameID.
    { name: 'User.FederationIdentifier', source: { property: 'email' }, jitRequired: true },
  ],
  // SF-14: requests are signed with the SP's "JumpCloud SAML" certificate, and the same certificate
  // (uploaded once as the SP certificate) is the assertion-decryption certificate.
  signedRequests: true,
  encryptToSpCertificate: true,
};

/**
 * SF-01: JumpCloud's connected app (**assumed** client id and callback; the guide shows neither).
 * The consent runs on the org's My Domain login: production `<domain>.my.salesforce.com`, a Sandbox
 * `<domain>--<sandbox>.sandbox.my.salesforce.com` (Salesforce's own hosts; the form field names are
 * its login page's).
 */
const SALESFORCE_OAUTH = {
  clientId: '3MVG9JumpCloudIdentityManagement',
  redirectUri: 'https://console.jumpcloud.com/oauth/salesforce/callback',
  scope: 'api refresh_token',
  authorizePath: '/services/oauth2/authorize',
  tokenPath: '/services/oauth2/token',
  signInFields: { username: 'username', password: 'pw' },
  consent: { field: 'decision', allow: 'allow', deny: 'deny' },
  loginHosts: {
    production: '{domain}.my.salesforce.com',
    sandbox: '{domain}--{sandbox}.sandbox.my.salesforce.com',
  },
  hostPattern: /^(?<domain>[a-z0-9-]+?)(?:--(?<sandbox>[a-z0-9-]+)\.sandbox)?\.my\.salesforce\.com$/i,
} as const;

export const salesforceOAuth: OAuthClientSettings = { ...SALESFORCE_OAUTH, environment: 'production' };
export const salesforceSandboxOAuth: OAuthClientSettings = { ...SALESFORCE_OAUTH, environment: 'sandbox' };

/**
 * Salesforce: SCIM authorised through an OAuth consent (SF-01) with the guide's attribute table,
 * groups (SF-12), SAML with signed AuthnRequests and encrypted assertions (SF-14) and standard JIT
 * attributes (SF-18).
 */
export const salesforceCatalog: CatalogEntry = {
  id: 'salesforce',
  displayName: 'Salesforce',
  provisioning: true,
  // SF-01: "Sign in to your Salesforce admin account … click Allow": no pasted token.
  scimAuth: 'oauth',
  groups: true, // SF-12
  // SF-13: Salesforce keeps its users, deactivated; the connection test deactivates its test user.
  deleteUsers: false,
  oauth: salesforceOAuth,
  mappings: SALESFORCE_MAPPINGS,
  sso: SALESFORCE_SSO,
};

/** SF-01: "If you are using a Sandbox version of Salesforce, you must use the Salesforce Sandbox connector". */
export const salesforceSandboxCatalog: CatalogEntry = {
  ...salesforceCatalog,
  id: 'salesforce-sandbox',
  displayName: 'Salesforce Sandbox',
  oauth: salesforceSandboxOAuth,
};
