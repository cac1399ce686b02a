/**
 * Okta's SCIM 2.0 dialect for a custom app made with the App Integration Wizard (AIW): every
 * update of a user or a group is a PUT, activation and deactivation included.
 * @see IDP-IDM-13
 */
import { OKTA } from './okta.js';
import type { DialectProfile } from './types.js';

export const OKTA_AIW: DialectProfile = {
  ...OKTA,
  id: 'okta-aiw',
  idp: 'Okta (App Integration Wizard app)',
  differences: [
    'test connection: GET /Users?count=2&startIndex=1',
    'lookup: GET /Users?filter=userName eq "…"&startIndex=1&count=100; a 404 means none',
    'create sends externalId (the Okta user id) and groups: []',
    'every user update, activation and deactivation: GET /Users/{id}, then PUT the whole user; never DELETE',
    'groups: POST with members: [], then a PUT of the whole group (name and members) on every change',
    'import pages: count=100',
  ],
  assumed: [
    'okta-test-connection',
    'okta-group-lookup',
    'okta-put-merge',
    'okta-manager',
    'okta-no-password',
    'okta-retry',
    'okta-aiw-put-bodies',
  ],
  // reference: "For any custom app integrations created using the AIW, all SCIM operations that
  // update a User object, including these operations, are always sent through a PUT".
  active: { deactivate: { method: 'PUT' }, reactivate: 'with-update' },
  // reference: group name and membership updates of AIW apps are sent through a PUT.
  groups: {
    ...OKTA.groups,
    membership: 'put',
    // A PUT carries the whole group; the OIN figure is for PATCH (submission), so none applies.
    maxMembersPerRequest: null,
    rename: { when: 'every-sync', form: 'value-object', request: 'with-membership' },
  },
};
