import type { CatalogEntry } from '#harness/idp';

/**
 * SparkPost: SAML configured from the uploaded IdP metadata (SPK-01), and SCIM users with the
 * guide's "Sparkpost User Attributes" table (SPK-04), no groups.
 */
export const sparkpostCatalog: CatalogEntry = {
  id: 'sparkpost',
  displayName: 'SparkPost',
  provisioning: true,
  groups: false, // SPK-04
  // **assumed**: the guide is silent on deletion; a user deleted in the directory is deleted.
  deleteUsers: true,
  // SPK-05: "Users that are suspended in the application will not be created in JumpCloud."
  importSkipsInactive: true,
  // SPK-04: the table's rows. **assumed** required: userName, emails, active; optional (SPK-06:
  // the admin may exclude them): name.givenName and name.familyName.
  mappings: [
    { scim: 'userName', source: { property: 'username' }, optional: false },
    { scim: 'emails[type eq "work"].value', source: { property: 'email' }, optional: false },
    { scim: 'active', source: { derived: 'active' }, optional: false },
    { scim: 'name.givenName', source: { property: 'firstname' }, optional: true },
    { scim: 'name.familyName', source: { property: 'lastname' }, optional: true },
  ],
  sso: {
    // The guide names no SP Entity ID, ACS URL or attributes. **assumed**: NameID = the user's
    // email, format unspecified, no attribute rows.
    nameId: { source: { property: 'email' } },
  },
};
