import type { CatalogEntry } from './types.js';

/**
 * SparkPost: SAML configured from the uploaded IdP metadata (SPK-01). SCIM (SPK-02…06) comes
 * later: `provisioning` is false until its mappings are in.
 */
export const sparkpostCatalog: CatalogEntry = {
  id: 'sparkpost',
  displayName: 'SparkPost',
  provisioning: false, // SCIM mappings not in yet
  groups: false, // SPK-04
  deleteUsers: true, // to confirm with the SCIM mappings
  mappings: [],
  sso: {
    // The guide names no SP Entity ID, ACS URL or attributes. **assumed**: NameID = the user's
    // email, format unspecified, no attribute rows.
    nameId: { source: { property: 'email' } },
  },
};
