/**
 * JumpCloud's SCIM dialect: the wire the reference connector sends (reference-connector.ts), as
 * data. JumpCloud does not publish its client's requests; IDP-IDM-13 records them as observed.
 * @see IDP-IDM-01, -03…-07, -12, -13
 */
import { GROUP_SCHEMA } from '#harness/scim';
import { MEMBERS_PER_REQUEST } from '../connector-context.js';
import { RETRY_POLICY } from '../retry.js';
import type { DialectProfile } from './types.js';

export const JUMPCLOUD: DialectProfile = {
  id: 'jumpcloud',
  idp: 'JumpCloud',
  differences: [
    'test connection creates a test user (and group), then deletes or deactivates it',
    'updates: PATCH, one lowercase replace per changed top-level attribute',
    'every group sync: one PATCH with the displayName, every member as an add, and removals as a value list',
    'groups of more than 100 members: created with 100, the rest (and big syncs) in PATCHes of at most 100 members',
  ],
  sources: {
    guide: {
      title:
        'JumpCloud developer docs, "User provisioning with SCIM and HRIS" (JumpCloud as the SCIM client)',
      url: 'https://docs.jumpcloud.com/new/guides/user-provisioning-with-scim-and-hris/index.html',
    },
  },
  assumed: ['jumpcloud-wire', 'jumpcloud-member-chunks', 'jumpcloud-test-connection', 'jumpcloud-retry'],
  patch: { ops: { add: 'add', replace: 'replace', remove: 'remove' }, booleans: 'json' },
  testConnection: {
    kind: 'create-and-remove',
    userName: 'jumpcloud.test.{suffix}@example.com',
    givenName: 'JumpCloud',
    familyName: 'Test',
    groupName: 'JumpCloud Test {suffix}',
  },
  lookup: { query: [['filter', 'userName eq {value}']], notFound: [] },
  create: { extras: {}, schemas: [], externalId: 'none', nameFormatted: false, attempts: 3 },
  update: { method: 'PATCH', paths: 'attribute', addForNew: false, bundleReplaces: false },
  active: { deactivate: { method: 'PATCH', form: 'path' }, reactivate: 'with-update' },
  deleteUser: 'delete',
  manager: 'as-mapped',
  groups: {
    lookup: { query: [['filter', 'displayName eq {value}']], notFound: [] },
    createExtras: {},
    createSchemas: [GROUP_SCHEMA],
    externalId: false,
    createMembers: 'inline',
    membership: 'patch',
    memberRef: { display: false, nullRef: false },
    remove: 'value-list',
    resendAllMembers: true,
    // The reference connector's default (IDP-IDM-14); JumpCloud publishes no figure.
    maxMembersPerRequest: MEMBERS_PER_REQUEST,
    order: 'adds-first',
    rename: { when: 'every-sync', form: 'path', request: 'with-membership' },
  },
  imports: { count: 100 },
  retry: { request: RETRY_POLICY, escrow: null, quarantine: null },
  nonStandard: [],
};
