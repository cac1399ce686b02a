/**
 * Microsoft Entra ID's SCIM dialect in its default mode (the `scim` job without flags): the
 * non-compliant PATCH forms the compatibility page lists as still the default.
 * @see IDP-IDM-13
 */
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '#harness/scim';
import type { DialectProfile, DialectSource, NonStandardWire, RetryWire } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const ADSCIM_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

/** Microsoft's own Group schema URN in every group Entra creates (both modes). */
export const ADSCIM_GROUP_SCHEMA: NonStandardWire = {
  carriedBy: (body) => body.includes(ADSCIM_GROUP),
  what: `a group whose schemas list names ${ADSCIM_GROUP}, a schema the server does not serve (RFC 7643 §3: schemas names the schemas the resource uses)`,
  remedy:
    'accept and ignore schema URNs you do not serve in a request; Entra sends this one with every group it creates',
};

/** The pages the Entra facts come from; `entra-aadOptscim062020` cites the same. */
export const ENTRA_SOURCES: Readonly<Record<string, DialectSource>> = {
  tutorial: {
    title: 'Tutorial: Develop and plan provisioning for a SCIM endpoint in Microsoft Entra ID',
    url: 'https://learn.microsoft.com/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups',
  },
  compatibility: {
    title:
      'Known issues and resolutions with SCIM 2.0 protocol compliance of the Microsoft Entra user provisioning service',
    url: 'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-config-problem-scim-compatibility',
  },
  howItWorks: {
    title: 'How Application Provisioning works in Microsoft Entra ID',
    url: 'https://learn.microsoft.com/entra/identity/app-provisioning/how-provisioning-works',
  },
  quarantine: {
    title: 'Application provisioning in quarantine status',
    url: 'https://learn.microsoft.com/entra/identity/app-provisioning/application-provisioning-quarantine-status',
  },
};

/**
 * quarantine: escrow retries 6 h, 12 h and 24 h after the first failure, then every 24 h for 28
 * days; quarantine at once on invalid credentials, or from 5,000 failures when more than 40 % of
 * events failed or more than 40,000 did, and always above 60,000.
 */
export const ENTRA_RETRY: RetryWire = {
  request: { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 120_000, backoffFactor: 2 },
  escrow: { offsetsMs: [6 * HOUR, 12 * HOUR, 24 * HOUR], everyMs: DAY, giveUpAfterMs: 28 * DAY },
  quarantine: {
    immediately: [401],
    minFailures: 5_000,
    failureShare: 0.4,
    maxFailures: 40_000,
    absoluteFailures: 60_000,
  },
};

export const ENTRA: DialectProfile = {
  id: 'entra',
  idp: 'Microsoft Entra ID',
  differences: [
    'test connection: GET /Users?filter=userName eq "<random GUID>", expecting 200 and an empty list',
    'PATCH op names capitalised ("Add", "Replace", "Remove"); booleans as the strings "True"/"False"',
    'updates: one op per changed path (name.familyName, emails[type eq "work"].value), Add for a new value',
    'deactivation: PATCH Replace active "False"; DELETE only for users deleted in the directory',
    'groups created without members, then PATCH Add members with "$ref": null; removal as a value list',
    'manager: a bare id string at urn:…:enterprise:2.0:User:manager',
    'escrow retries at 6 h, 12 h, 24 h, then daily for 28 days; quarantine on invalid credentials or too many failures',
  ],
  sources: ENTRA_SOURCES,
  assumed: [
    'entra-matching-attribute',
    'entra-add-for-new',
    'entra-string-booleans',
    'entra-reactivate',
    'entra-externalid',
    'entra-manager',
    'entra-rename',
    'entra-member-chunks',
    'entra-request-retry',
    'entra-escrow-inline',
    'entra-quarantine-count',
  ],
  // compatibility: "op": "Replace", "value": "False" without the flag.
  patch: { ops: { add: 'Add', replace: 'Replace', remove: 'Remove' }, booleans: 'string' },
  // tutorial, "Getting started": a random GUID as the matching property; 200 with an empty ListResponse.
  testConnection: {
    kind: 'query',
    query: [['filter', 'userName eq {guid}']],
    emptyList: true,
    groupQuery: [
      ['excludedAttributes', 'members'],
      ['filter', 'displayName eq {guid}'],
    ],
  },
  // tutorial, "Get User by query"; howItWorks, cycles step 3.
  lookup: { query: [['filter', 'userName eq {value}']], notFound: [] },
  // tutorial, "Create User" request.
  create: {
    extras: { meta: { resourceType: 'User' }, roles: [] },
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    externalId: 'directory-id',
    nameFormatted: true,
    attempts: 1,
  },
  // tutorial, "Update User [Multi-valued properties]"; compatibility, "add a single-value string attribute".
  update: { method: 'PATCH', paths: 'row', addForNew: true, bundleReplaces: false },
  // compatibility, "Requests made to disable users".
  active: { deactivate: { method: 'PATCH', form: 'path' }, reactivate: 'with-update' },
  // howItWorks, incremental cycles 7–9: unassigned or disabled → update; hard-deleted → DELETE.
  deleteUser: 'delete',
  manager: 'string',
  groups: {
    // tutorial, "Get Group by displayName".
    lookup: {
      query: [
        ['excludedAttributes', 'members'],
        ['filter', 'displayName eq {value}'],
      ],
      notFound: [],
    },
    // tutorial, "Create Group": "Groups are created with an empty members list".
    createExtras: { meta: { resourceType: 'Group' } },
    createSchemas: [GROUP_SCHEMA, ADSCIM_GROUP],
    externalId: true,
    createMembers: 'none',
    membership: 'patch',
    // tutorial, "Update Group [Add Members]" / "[Remove Members]".
    memberRef: { display: false, nullRef: true },
    remove: 'value-list',
    resendAllMembers: false,
    maxMembersPerRequest: null,
    order: 'adds-first',
    // tutorial, "Update Group [Non-member attributes]".
    rename: { when: 'on-change', form: 'path', request: 'separate' },
  },
  imports: null,
  retry: ENTRA_RETRY,
  nonStandard: [
    {
      carriedBy: (body) => /"(?:value|active)":\s*"(?:True|False)"/.test(body),
      what: 'a Boolean sent as the string "True"/"False" (RFC 7643 §2.3.2: a Boolean is JSON true or false)',
      remedy:
        'accept "True"/"False" strings for Boolean attributes, or have admins append ?aadOptscim062020 to the Tenant URL, the feature flag Microsoft documents for sending JSON Booleans',
    },
    ADSCIM_GROUP_SCHEMA,
  ],
};
