import type { CatalogEntry } from '#harness/idp';

/**
 * Outreach: SAML only, with JIT provisioning (OUT-05, OUT-06); no SCIM, so no mappings.
 * The SP Entity ID and ACS URL derive from the customer's Outreach ID (OUT-01): no defaults.
 */
export const outreachCatalog: CatalogEntry = {
  id: 'outreach',
  displayName: 'Outreach',
  provisioning: false, // OUT-06: no SCIM
  groups: false,
  deleteUsers: false,
  mappings: [],
  sso: {
    // OUT-03: the test login shows the user email taken from the assertion.
    nameId: { source: { property: 'email' } },
    // OUT-05 (**assumed** names): JIT-required rows, on by default; toggled off, or their
    // source changed, but never renamed or removed (guide "Using JIT Provisioning", IDP-SSO-06).
    attributes: [
      { name: 'email', source: { property: 'email' }, jitRequired: true },
      { name: 'first_name', source: { property: 'firstname' }, jitRequired: true },
      { name: 'last_name', source: { property: 'lastname' }, jitRequired: true },
    ],
  },
};
