import type { CatalogEntry } from '#harness/idp';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness/scim';

/**
 * Profit.co (OKR software): a custom SAML app (PCO-01) and SCIM users with the guide's six
 * supported attributes (PCO-05), no groups (PCO-04) and no deletion (PCO-07).
 */
export const profitcoCatalog: CatalogEntry = {
  id: 'profitco',
  displayName: 'Profit.co',
  provisioning: true,
  groups: false, // PCO-04: group management must stay disabled
  // PCO-07 names deactivation only (JumpCloud's Profit.co connector: "Profit.co does not support
  // deletion of a user"): the connection test deactivates its test user (IDP-IDM-01).
  deleteUsers: false,
  // PCO-05: given name, family name, email address, active status, job title, department. The guide
  // names no SCIM paths: **assumed** the standard ones, the email as userName too (the SAML side
  // signs users in by email, PCO-01), department in the enterprise extension (PCO-06). **assumed**
  // optional: title and department; the rest identify or name the user.
  mappings: [
    { scim: 'userName', source: { property: 'email' }, optional: false },
    { scim: 'emails[type eq "work"].value', source: { property: 'email' }, optional: false },
    { scim: 'name.givenName', source: { property: 'firstname' }, optional: false },
    { scim: 'name.familyName', source: { property: 'lastname' }, optional: false },
    { scim: 'active', source: { derived: 'active' }, optional: false },
    { scim: 'title', source: { property: 'jobTitle' }, optional: true },
    { scim: `${ENTERPRISE}:department`, source: { property: 'department' }, optional: true },
  ],
  sso: {
    // PCO-01, guide step 6.
    spEntityId: 'urn:profit-prod:profit-prod-sso-auth',
    nameId: {
      source: { property: 'email' },
      format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    },
    algorithm: 'rsa-sha256',
    signAssertion: true,
    signResponse: false,
    // A custom app's row, not a JIT-required one: the admin may rename or remove it.
    attributes: [{ name: 'username', source: { property: 'email' } }],
  },
};
