import type { CatalogEntry } from './types.js';

/**
 * Profit.co (OKR software): a custom SAML app (PCO-01). SCIM (PCO-02…07) comes later:
 * `provisioning` is false until its mappings are in.
 */
export const profitcoCatalog: CatalogEntry = {
  id: 'profitco',
  displayName: 'Profit.co',
  provisioning: false, // SCIM mappings not in yet
  groups: false, // PCO-04
  deleteUsers: false, // PCO-07 names deactivation only (to confirm with the SCIM mappings)
  mappings: [],
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
