import type { SpProfile } from '../core/profile.js';

/**
 * Interact Software: SAML and SCIM 2.0 with groups.
 * @see ../../../shared/seeds/001_8ecc1c35575b3cdb.txt
 */
export const interactProfile = {
  id: 'interact',
  name: 'Interact Software',
  requirementPrefix: 'INT',
  scim: {
    // INT-01: https://<subdomain>/api/v2/scim/v2
    host: 'acme.interactgo.com',
    basePath: '/api/v2/scim/v2',
    // INT-06: groups with displayName; create, rename, delete, membership.
    groups: true,
    deleteUsers: true,
    features: { filterMaxResults: 200, sort: true, etag: true, changePassword: false },
    // INT-01: "Log Request Body in SCIM Service", recommended by the guide.
    requestBodyLogging: true,
    // INT-04: addresses.locality arrives but is stored as addresses.formatted.
    storedAs: [{ attribute: 'addresses', from: 'locality', to: 'formatted', requirement: 'INT-04' }],
    // INT-05: attributes JumpCloud does not manage keep their SP-side values.
    localAttributes: [
      'timezone',
      'manager',
      'profileUrl',
      'jobEndDate',
      'bio',
      'jobStartDate',
      'DOB',
      'initials',
      'facebookID',
      'linkedInId',
      'twitterTag',
      'instagramTag',
      'passwordReset',
      'ims',
    ],
    ignoredAttributes: ['password'],
  },
} as const satisfies SpProfile;
