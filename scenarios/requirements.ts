/**
 * The requirement catalogue: every ID of SPEC.md, and the SCIM protocol rows the
 * harness splits the SPEC's SCIM section into (docs/decisions/0002). Scenarios cite
 * these IDs; `sso-harness list --requirements` shows which checks cover each.
 */
import type { Scenario } from '#harness';
import { SAML_SECURITY_REQUIREMENTS } from './saml-security/vectors/index.js';

export interface Requirement {
  id: string;
  text: string;
}

export const REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'IDP-SSO-01',
    text: "IdP SSO URL is <idp-base>/saml2/<slug>; the slug defaults to the application's name, is chosen at creation,…",
  },
  {
    id: 'IDP-SSO-02',
    text: 'IdP metadata (EntityDescriptor, IDPSSODescriptor, signing certificate, SingleSignOnService for HTTP-Redirect…',
  },
  {
    id: 'IDP-SSO-03',
    text: 'Users are implicitly denied: only active members of a user group bound to the application get an assertion;…',
  },
  {
    id: 'IDP-SSO-04',
    text: 'IdP-initiated: the user console lists the tiles of authorized applications; launching one POSTs a signed,…',
  },
  {
    id: 'IDP-SSO-05',
    text: 'SP-initiated: AuthnRequest over HTTP-Redirect (DEFLATE, base64, optional detached signature) or HTTP-POST;…',
  },
  {
    id: 'IDP-SSO-06',
    text: 'Assertion per application config: NameID value and format, attribute statement from the mapping; JIT-required…',
  },
  {
    id: 'IDP-SSO-07',
    text: 'Conditions: NotBefore / NotOnOrAfter window, SubjectConfirmationData Recipient = ACS and NotOnOrAfter,…',
  },
  {
    id: 'IDP-SSO-08',
    text: 'Deactivating SSO stops both flows for that application; deleting the application removes it from the IdP and…',
  },
  {
    id: 'IDP-IDM-01',
    text: 'Activation takes a base URL and a token, tests the connection, and is refused (nothing saved as active) when…',
  },
  {
    id: 'IDP-IDM-02',
    text: 'The token of an active integration cannot be changed in place: deactivate, update, reactivate…',
  },
  {
    id: 'IDP-IDM-03',
    text: 'When a user becomes an active member of a bound group, the IdP looks the user up in the SP (userName eq),…',
  },
  {
    id: 'IDP-IDM-04',
    text: "Attribute changes in the directory are pushed to the SP, within each application's mapping and update rules.",
  },
  {
    id: 'IDP-IDM-05',
    text: 'Suspending a user, or removing the user from every bound group, sets active=false in the SP…',
  },
  { id: 'IDP-IDM-06', text: 'Unsuspending or re-binding a user sets active=true again.' },
  {
    id: 'IDP-IDM-07',
    text: 'Groups, when the app supports them and group management is enabled: empty groups are not created; an SP group…',
  },
  {
    id: 'IDP-IDM-08',
    text: "Manual import lists the SP's users (all pages), marks each New or Imported, offers a new-only view, imports…",
  },
  {
    id: 'IDP-IDM-09',
    text: 'Optional attribute mappings can be excluded and restored to defaults; excluded attributes are never sent; no…',
  },
  { id: 'IDP-IDM-10', text: 'Every action logs a Directory Insights event with outcome and detail:…' },
  {
    id: 'IDP-IDM-11',
    text: 'Deactivating the IdM connection stops all provisioning; SP state is left as-is.',
  },
  {
    id: 'IDP-IDM-12',
    text: 'assumed: 429 and 5xx are retried with backoff that honours Retry-After; a retry after a timed-out create…',
  },
  {
    id: 'IDP-IDM-13',
    text: 'assumed wire dialect (public evidence is partial; keep every item a profile setting): Authorization: Bearer…',
  },
  {
    id: 'OUT-01',
    text: 'The SP is identified by an Outreach ID; its ACS URL and SP Entity ID are derived from it and must equal the…',
  },
  {
    id: 'OUT-02',
    text: "The SP is configured with the IdP's sign-in URL, Issuer (IdP Entity ID) and certificate; an assertion from…",
  },
  {
    id: 'OUT-03',
    text: 'A "Test" login shows the user email taken from the assertion; it must match the Outreach user\'s login email.',
  },
  {
    id: 'OUT-04',
    text: 'SSO accepts real logins only after it is Enabled; before that only the test login works.',
  },
  {
    id: 'OUT-05',
    text: 'JIT provisioning: the first SSO of an unknown user creates the account from the JIT-required attributes…',
  },
  { id: 'OUT-06', text: 'IdP-initiated and SP-initiated logins both work. No SCIM.' },
  {
    id: 'INT-01',
    text: 'SCIM base https://<subdomain>/api/v2/scim/v2, bearer token generated in the SP (shown once), integration…',
  },
  {
    id: 'INT-02',
    text: 'SAML: the SP imports the IdP metadata from its URL; its EntityID must match the SP Entity ID at the IdP; a…',
  },
  {
    id: 'INT-03',
    text: 'SSO users must already exist in the People Directory (no JIT): SSO of an unknown user fails.',
  },
  {
    id: 'INT-04',
    text: 'User mapping: userName, active, userType (employeeType), emails, externalId (employeeIdentifier),…',
  },
  {
    id: 'INT-05',
    text: 'Attributes the IdP does not manage (timezone, manager, profileUrl, jobEndDate, bio, jobStartDate, DOB,…',
  },
  { id: 'INT-06', text: 'Groups: displayName; create, rename, delete, membership add/remove.' },
  {
    id: 'INT-07',
    text: 'Changing the token requires deactivating and reactivating the integration (see IDP-IDM-02).',
  },
  {
    id: 'SF-01',
    text: 'SCIM is authorised through an OAuth consent (admin signs in, allows access), not a pasted token; a Sandbox…',
  },
  {
    id: 'SF-02',
    text: "userName must be the user's email; usernames are unique across all orgs (assumed: the mock keeps a registry…",
  },
  {
    id: 'SF-03',
    text: 'Users are created with entitlement (profile) "Standard User"; a later change of entitlement in the SP is…',
  },
  {
    id: 'SF-04',
    text: 'The email of an existing user cannot be changed through provisioning (the SP requires the user to confirm…',
  },
  {
    id: 'SF-05',
    text: 'nickName is null at creation and never overwritten; locale and preferredLanguage are en_US at creation and…',
  },
  { id: 'SF-06', text: 'One address and one phone number at most.' },
  {
    id: 'SF-07',
    text: 'With country/state picklists enabled in the org, a user with address country/region fails to sync with a…',
  },
  { id: 'SF-08', text: 'active = not suspended and not password-expired.' },
  {
    id: 'SF-09',
    text: 'Enterprise extension: employeeNumber (employeeIdentifier), department, organization (company).',
  },
  { id: 'SF-10', text: 'SCIM never sets the Federation Identifier.' },
  {
    id: 'SF-11',
    text: 'JIT and SCIM are exclusive: with JIT enabled in the SP, identity management does not work as documented.',
  },
  { id: 'SF-12', text: 'Groups supported (displayName).' },
  {
    id: 'SF-13',
    text: 'Deleting the application at the IdP leaves provisioned users active in the SP, and they can no longer log in…',
  },
  {
    id: 'SF-14',
    text: "SAML: SP Entity ID https://saml.salesforce.com or https://<domain>.my.salesforce.com; ACS is the org's login…",
  },
  {
    id: 'SF-15',
    text: 'SAML identity type: Username, Federation ID or User ID, found in the NameID or in a named attribute; "Make…',
  },
  {
    id: 'SF-18',
    text: 'JIT (standard): attributes carry the User. prefix (User.Username, User.Email, User.LastName, User.FirstName,…',
  },
  {
    id: 'SF-19',
    text: "A refused login is recorded in a login history with Salesforce's reason names: Assertion Expired, Assertion…",
  },
  {
    id: 'SF-16',
    text: "Setup order: a placeholder IdP certificate is uploaded first; until it is replaced with the IdP's real…",
  },
  {
    id: 'SF-17',
    text: 'SSO for all users: with the login form disabled, users sign in only through the IdP.',
  },
  {
    id: 'PCO-01',
    text: 'SAML: SP Entity ID urn:profit-prod:profit-prod-sso-auth; NameID = email with format…',
  },
  {
    id: 'PCO-02',
    text: "SCIM base URL depends on region (US api host, EU eu host); the token is formed from the SP's API Key and SCIM…",
  },
  { id: 'PCO-03', text: 'The IdP\'s "Test Connection" must succeed before activation.' },
  {
    id: 'PCO-04',
    text: 'No group management: group management must be disabled; any /Groups call is refused.',
  },
  { id: 'PCO-05', text: 'Supported attributes: givenName, familyName, email, active, title, department.' },
  {
    id: 'PCO-06',
    text: 'Department: an existing department (enabled or disabled) is merged, never duplicated; a user is not placed in…',
  },
  {
    id: 'PCO-07',
    text: 'Create, update, deactivate (user suspended or removed from the bound group) and reactivate (assigned back).',
  },
  {
    id: 'SPK-01',
    text: 'SAML: the SP parses uploaded IdP metadata XML; without it, name + certificate + SAML endpoint are entered by…',
  },
  {
    id: 'SPK-02',
    text: 'SSO must be configured before a SCIM token can be generated; SCIM requires a premier or enterprise plan.',
  },
  {
    id: 'SPK-03',
    text: 'SCIM base URL by region: US api.sparkpost.com, EU api.eu.sparkpost.com, enterprise…',
  },
  {
    id: 'SPK-04',
    text: 'Attributes: userName, emails, active, name.givenName (stored firstName), name.familyName (stored lastName).…',
  },
  { id: 'SPK-05', text: 'Import: users suspended in the SP are not imported.' },
  { id: 'SPK-06', text: 'Optional attributes excluded by the admin are never sent (see IDP-IDM-09).' },
  {
    id: 'SCIM-DISCOVERY',
    text: '/ServiceProviderConfig, /ResourceTypes and /Schemas are served (RFC 7644 §4)',
  },
  {
    id: 'SCIM-MEDIA-TYPE',
    text: 'application/scim+json in and out; application/json accepted (RFC 7644 §3.1, §8.1)',
  },
  { id: 'SCIM-CREATE', text: 'create answers 201 with Location and meta (RFC 7644 §3.3)' },
  { id: 'SCIM-UNIQUENESS', text: 'a duplicate unique attribute answers 409 uniqueness (RFC 7644 §3.3)' },
  { id: 'SCIM-READ', text: 'GET by id; an unknown id answers 404 as a SCIM error (RFC 7644 §3.4.1)' },
  {
    id: 'SCIM-LIST-FILTER',
    text: 'filter with every operator, and/or/not, grouping, value paths, case rules (RFC 7644 §3.4.2.2)',
  },
  { id: 'SCIM-LIST-PAGINATION', text: '1-based startIndex and count (RFC 7644 §3.4.2.4)' },
  { id: 'SCIM-LIST-ATTRIBUTES', text: 'attributes / excludedAttributes (RFC 7644 §3.4.2.5)' },
  { id: 'SCIM-LIST-SORT', text: 'sortBy / sortOrder where advertised (RFC 7644 §3.4.2.3)' },
  { id: 'SCIM-PUT', text: 'PUT replaces the resource (RFC 7644 §3.5.1)' },
  {
    id: 'SCIM-PATCH',
    text: 'PATCH add/remove/replace with and without path, value filters, atomic (RFC 7644 §3.5.2)',
  },
  { id: 'SCIM-DELETE', text: 'DELETE answers 204 (RFC 7644 §3.6)' },
  { id: 'SCIM-ETAG', text: 'ETag / If-Match 412 where versioning is advertised (RFC 7644 §3.14)' },
  { id: 'SCIM-ERRORS', text: 'error bodies: schemas, status as a string, scimType, detail (RFC 7644 §3.12)' },
  { id: 'SCIM-AUTH', text: '401 for a missing or bad token (RFC 7644 §2)' },
  { id: 'SCIM-BAD-INPUT', text: 'bad input of every kind answered with a clear 4xx and nothing changed' },
  ...SAML_SECURITY_REQUIREMENTS,
];

/** Each requirement with the scenarios that cite it; unknown IDs cited by a scenario are reported too. */
export function requirementCoverage(scenarios: readonly Scenario[]): {
  covered: { requirement: Requirement; scenarios: string[] }[];
  unknown: { id: string; scenarios: string[] }[];
} {
  const citing = new Map<string, string[]>();
  for (const scenario of scenarios) {
    for (const id of scenario.requirements) citing.set(id, [...(citing.get(id) ?? []), scenario.id]);
  }
  const known = new Set(REQUIREMENTS.map((requirement) => requirement.id));
  return {
    covered: REQUIREMENTS.map((requirement) => ({
      requirement,
      scenarios: citing.get(requirement.id) ?? [],
    })),
    unknown: [...citing].filter(([id]) => !known.has(id)).map(([id, ids]) => ({ id, scenarios: ids })),
  };
}
