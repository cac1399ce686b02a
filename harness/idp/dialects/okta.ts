/**
 * Okta's SCIM 2.0 dialect for an OIN (catalogue) integration: PUT for profile updates, PATCH
 * for activation, deactivation and groups, never a user DELETE.
 * @see IDP-IDM-13
 */
import { GROUP_SCHEMA } from '#harness/scim';
import { RETRY_POLICY } from '../retry.js';
import type { DialectProfile, DialectSource } from './types.js';

/** The pages the Okta facts come from; `okta-aiw` cites the same. */
export const OKTA_SOURCES: Readonly<Record<string, DialectSource>> = {
  reference: {
    title: 'Okta and SCIM Version 2.0 (SCIM 2.0 protocol reference)',
    url: 'https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20',
  },
  prepare: {
    title: 'Build your SCIM API service',
    url: 'https://developer.okta.com/docs/guides/scim-provisioning-integration-prepare/main/',
  },
  connect: {
    title: 'Connect your SCIM API service to Okta',
    url: 'https://developer.okta.com/docs/guides/scim-provisioning-integration-connect/main/',
  },
  submission: {
    title:
      'Submit an SCIM integration to the OIN: "How many Group membership changes are allowed in a custom PATCH operation?"',
    url: 'https://developer.okta.com/docs/guides/submit-app/scim/main/',
  },
  specTest: {
    title: 'Okta SCIM 2.0 Spec Test (Runscope), step "Test API Credentials"',
    url: 'https://developer.okta.com/standards/SCIM/SCIMFiles/Okta-SCIM-20-SPEC-Test.json',
  },
};

export const OKTA: DialectProfile = {
  id: 'okta',
  idp: 'Okta (OIN integration)',
  differences: [
    'test connection: GET /Users?count=2&startIndex=1',
    'lookup: GET /Users?filter=userName eq "…"&startIndex=1&count=100; a 404 means none',
    'create sends externalId (the Okta user id) and groups: []',
    'profile updates: GET /Users/{id}, then PUT the whole user',
    'activation and deactivation: PATCH path-less replace {active}; users are never deleted',
    'groups: POST with members: [], then PATCH; a path-less rename {id, displayName} before every membership PATCH',
    'member removal: one op per member, path members[value eq "<id>"], before the add carrying display',
    'at most 100 membership changes per PATCH (the default of the per-integration figure), more in further PATCHes',
    'import pages: count=100',
  ],
  sources: OKTA_SOURCES,
  assumed: [
    'okta-test-connection',
    'okta-group-lookup',
    'okta-put-merge',
    'okta-reactivate',
    'okta-rename',
    'okta-manager',
    'okta-no-password',
    'okta-member-chunks',
    'okta-retry',
  ],
  patch: { ops: { add: 'add', replace: 'replace', remove: 'remove' }, booleans: 'json' },
  testConnection: {
    kind: 'query',
    query: [
      ['count', '2'],
      ['startIndex', '1'],
    ],
    emptyList: false,
    groupQuery: null,
  },
  // reference, "Determine if the User already exists": the 200 empty list or a 404.
  lookup: {
    query: [
      ['filter', 'userName eq {value}'],
      ['startIndex', '1'],
      ['count', '100'],
    ],
    notFound: [404],
  },
  // reference, "Create the User".
  create: {
    extras: { groups: [] },
    schemas: [],
    externalId: 'directory-id',
    nameFormatted: false,
    attempts: 1,
  },
  // reference, "Update a specific User (PUT)": "all updates … using a PUT", after a GET.
  update: { method: 'PUT' },
  // reference, "Update a specific User (PATCH)": activating and deactivating.
  active: {
    deactivate: { method: 'PATCH', form: 'value-object' },
    reactivate: { method: 'PATCH', form: 'value-object' },
  },
  // reference, "Delete Users": "Okta doesn't perform DELETE operations on User objects".
  deleteUser: 'deactivate',
  manager: 'object',
  groups: {
    lookup: { query: [['filter', 'displayName eq {value}']], notFound: [404] },
    // reference, "Create Groups".
    createExtras: {},
    createSchemas: [GROUP_SCHEMA],
    externalId: false,
    createMembers: 'empty',
    // reference, "Update specific Group membership" and "Update a specific Group name".
    membership: 'patch',
    memberRef: { display: true, nullRef: false },
    remove: 'filter-path',
    resendAllMembers: false,
    // submission: "the maximum number of Group membership changes to submit inside a single PATCH
    // operation … Enter a numerical value between 100 and 1000. The default is 100."
    maxMembersPerRequest: 100,
    order: 'removes-first',
    rename: { when: 'every-sync', form: 'value-object', request: 'separate' },
  },
  // reference, "Retrieve Users": count=100, startIndex+100.
  imports: { count: 100 },
  retry: { request: RETRY_POLICY, escrow: null, quarantine: null },
  nonStandard: [],
};
