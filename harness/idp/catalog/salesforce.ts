import type { CatalogEntry } from './types.js';

/**
 * Salesforce: SAML with signed AuthnRequests and encrypted assertions (SF-14), standard JIT
 * attributes (SF-18). SCIM (SF-01…SF-13) comes later: `provisioning` is false until its mappings are in.
 */
export const salesforceCatalog: CatalogEntry = {
  id: 'salesforce',
  displayName: 'Salesforce',
  provisioning: false, // SCIM mappings not in yet
  groups: true, // SF-12
  deleteUsers: false, // Salesforce users are deactivated, never deleted (to confirm with the SCIM mappings)
  mappings: [],
  sso: {
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
  },
};
