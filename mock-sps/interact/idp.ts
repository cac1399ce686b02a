import type { CatalogEntry } from '#harness/idp';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness/scim';

/**
 * Interact Software, as the guide's "Interact User Attributes" table maps it (INT-04).
 * `department` and `organization` travel in the enterprise extension, their standard
 * home; `location` has no SCIM attribute and is not sent (docs/decisions/0003-interact-mapping.md).
 */
export const interactCatalog: CatalogEntry = {
  id: 'interact',
  displayName: 'Interact Software',
  provisioning: true,
  groups: true,
  deleteUsers: true,
  sso: {
    // INT-02/INT-03: the SP imports the IdP metadata from its URL; users must already exist, so no JIT
    // rows. The guide's defaults carry YOUR_SUBDOMAIN in the SP Entity ID and ACS URL, which the admin
    // replaces: no defaults here. **assumed**: NameID = the user's email, format unspecified.
    nameId: { source: { property: 'email' } },
  },
  mappings: [
    { scim: 'userName', source: { property: 'username' }, optional: false },
    { scim: 'active', source: { derived: 'active' }, optional: false },
    { scim: 'userType', source: { property: 'employeeType' }, optional: true },
    { scim: 'emails[type eq "work"].value', source: { property: 'email' }, optional: false },
    { scim: 'externalId', source: { property: 'employeeIdentifier' }, optional: true },
    { scim: 'name.givenName', source: { property: 'firstname' }, optional: false },
    { scim: 'name.familyName', source: { property: 'lastname' }, optional: false },
    { scim: 'title', source: { property: 'jobTitle' }, optional: true },
    { scim: 'preferredLanguage', source: { property: 'preferredLanguage' }, optional: true },
    { scim: 'locale', source: { property: 'locale' }, optional: true },
    {
      scim: 'phoneNumbers[type eq "work"].value',
      source: { property: 'number', from: 'phone' },
      optional: true,
    },
    { scim: `${ENTERPRISE}:department`, source: { property: 'department' }, optional: true },
    { scim: `${ENTERPRISE}:organization`, source: { property: 'company' }, optional: true },
    { scim: 'password', source: { property: 'password' }, optional: true },
    {
      scim: 'addresses[type eq "work"].streetAddress',
      source: { property: 'streetAddress', from: 'address' },
      optional: true,
    },
    {
      scim: 'addresses[type eq "work"].locality',
      source: { property: 'locality', from: 'address' },
      optional: true,
    },
    {
      scim: 'addresses[type eq "work"].region',
      source: { property: 'region', from: 'address' },
      optional: true,
    },
  ],
};
