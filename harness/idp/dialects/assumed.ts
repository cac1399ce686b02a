/**
 * Every item of the dialect profiles that no published page states: what it assumes, which
 * profile field it sets, and what evidence there is. A profile lists the ids of its items in
 * `assumed`; nothing is assumed anywhere else.
 * @see docs/decisions/0014-idp-dialects.md
 */
import type { DialectId } from './types.js';

/** One assumed item. */
export interface AssumedItem {
  id: string;
  /** The dialects whose profile it sets. */
  dialects: readonly DialectId[];
  /** The profile field it sets (a path into DialectProfile). */
  field: string;
  /** What it assumes. */
  assumes: string;
  /** What points to it, short of a statement. */
  evidence?: string;
}

const ENTRA: readonly DialectId[] = ['entra', 'entra-aadOptscim062020'];
const OKTA: readonly DialectId[] = ['okta', 'okta-aiw'];

/** Every assumed item across the dialects. */
export const ASSUMED_ITEMS = [
  // JumpCloud: its SCIM client's wire is not published (IDP-IDM-13).
  {
    id: 'jumpcloud-wire',
    dialects: ['jumpcloud'],
    field: 'lookup, update, active, groups',
    assumes:
      'lookup userName eq; one lowercase replace per changed top-level attribute; active as a JSON boolean; the displayName replace, every current member as an add and removals in the value-list form, in one PATCH per sync',
    evidence: 'IDP-IDM-13 (the wire as observed; public evidence is partial)',
  },
  {
    id: 'jumpcloud-member-chunks',
    dialects: ['jumpcloud'],
    field: 'groups.maxMembersPerRequest',
    assumes:
      "at most 100 members a request (the reference connector's default, MEMBERS_PER_REQUEST): a bigger group is created with the first 100 and the rest follow as PATCH adds of 100; a sync packs its adds and removals into PATCHes of at most 100 members, the displayName replace in the first",
    evidence:
      "JumpCloud publishes no figure; 100 is Okta's documented default and the most AWS IAM Identity Center takes in one request (IDP-IDM-14)",
  },
  {
    id: 'jumpcloud-test-connection',
    dialects: ['jumpcloud'],
    field: 'testConnection',
    assumes: 'a test user (and group) is created and deleted, or deactivated where the app keeps users',
    evidence: 'IDP-IDM-01',
  },
  {
    id: 'jumpcloud-retry',
    dialects: ['jumpcloud'],
    field: 'retry.request, create.attempts',
    assumes:
      '5 attempts per request, 1 s doubling, waits up to 2 min; 3 creates with a lookup before each resend',
    evidence: 'IDP-IDM-12; JumpCloud publishes no figures',
  },
  // Microsoft Entra ID
  {
    id: 'entra-matching-attribute',
    dialects: ENTRA,
    field: 'testConnection.query, lookup.query',
    assumes:
      'the matching attribute is userName (the default mapping; an admin may choose another); with groups on, test connection also reads /Groups by displayName',
    evidence: 'the tutorial: Entra fetches "a random user and group" to check the endpoint and credentials',
  },
  {
    id: 'entra-add-for-new',
    dialects: ENTRA,
    field: 'update.addForNew',
    assumes: 'an attribute without a value before is sent with add, one that had one with replace',
    evidence:
      'the compatibility page shows add for "a single-value string attribute" and replace for changes',
  },
  {
    id: 'entra-string-booleans',
    dialects: ['entra'],
    field: 'patch.booleans',
    assumes:
      'every boolean in a PATCH value is "True"/"False", reactivation included (the page shows disable only)',
  },
  {
    id: 'entra-reactivate',
    dialects: ENTRA,
    field: 'active.reactivate',
    assumes: 'reactivation is a replace of active (true) among the update ops, not a request of its own',
  },
  {
    id: 'entra-externalid',
    dialects: ENTRA,
    field: 'create.externalId, groups.externalId',
    assumes:
      "the directory's object id stands in for mailNickname (users) and objectId (groups) when the table maps no externalId",
  },
  {
    id: 'entra-manager',
    dialects: ENTRA,
    field: 'manager',
    assumes:
      'manager is sent as a bare id string at urn:…:enterprise:2.0:User:manager, in both modes (the flag does not list it)',
    evidence:
      'github.com/Captain-P-Goldfish/SCIM-SDK issues #541 ("Add", bare string) and #686 ("add", bare string); the tutorial shows an older form',
  },
  {
    id: 'entra-rename',
    dialects: ENTRA,
    field: 'groups.rename',
    assumes: 'a rename is its own PATCH, sent only when the name changed, before any member change',
  },
  {
    id: 'entra-member-chunks',
    dialects: ENTRA,
    field: 'groups.maxMembersPerRequest',
    assumes:
      'no published number of members per PATCH: all changed members go in one request, adds before removals',
    evidence:
      'the gallery checklist asks SPs to "support updating multiple group memberships with a single PATCH" and names no limit; the tutorial, the compatibility page, how-provisioning-works and known-issues give no figure either',
  },
  {
    id: 'entra-request-retry',
    dialects: ENTRA,
    field: 'retry.request',
    assumes: 'per-request retry figures are not published; the harness defaults stand in',
    evidence: 'Microsoft Q&A: the backoff is exponential and its intervals are not documented',
  },
  {
    id: 'entra-escrow-inline',
    dialects: ENTRA,
    field: 'retry.escrow',
    assumes:
      'the escrow schedule is waited out per operation (with an injected sleep), rather than across sync cycles',
  },
  {
    id: 'entra-quarantine-count',
    dialects: ENTRA,
    field: 'retry.quarantine',
    assumes:
      'failures and successes are counted per connector and SCIM base URL, reference failures like any other',
  },
  {
    id: 'entra-flag-bundle',
    dialects: ['entra-aadOptscim062020'],
    field: 'update.bundleReplaces',
    assumes:
      'replaces are bundled only when there are two or more plain paths; filter paths and adds go first, the bundle last',
    evidence: 'the compatibility page sample (one filter-path op, then one bundle)',
  },
  // Okta
  {
    id: 'okta-test-connection',
    dialects: OKTA,
    field: 'testConnection',
    assumes: '"Test API Credentials" is GET /Users?count=2&startIndex=1 expecting a 200 ListResponse',
    evidence: "Okta's published Runscope spec test (its first step) and a vendor's Okta endpoint reference",
  },
  {
    id: 'okta-group-lookup',
    dialects: OKTA,
    field: 'groups.lookup',
    assumes: 'Group Push looks a group up by displayName eq before creating it',
  },
  {
    id: 'okta-put-merge',
    dialects: OKTA,
    field: 'update',
    assumes:
      'the PUT body is the GET result with each changed top-level attribute written over it (singular complex ones merged)',
  },
  {
    id: 'okta-reactivate',
    dialects: ['okta'],
    field: 'active.reactivate',
    assumes: 'activation is the deactivation PATCH with active true, sent before any profile PUT',
  },
  {
    id: 'okta-rename',
    dialects: ['okta'],
    field: 'groups.rename',
    assumes: 'the path-less name PATCH is a request of its own, sent before the membership PATCH',
  },
  {
    id: 'okta-manager',
    dialects: OKTA,
    field: 'manager',
    assumes: 'manager is sent as the RFC 7643 complex {value}',
  },
  {
    id: 'okta-no-password',
    dialects: OKTA,
    field: 'create.extras',
    assumes: 'password sync is off, so the create sends no password',
  },
  {
    id: 'okta-member-chunks',
    dialects: ['okta'],
    field: 'groups.maxMembersPerRequest',
    assumes:
      "the figure is the documented default, 100 (an ISV may set its integration's between 100 and 1000); a removal op and each member of an add op count as one change each, and the separate rename request counts none",
    evidence:
      'the OIN submission guide: "the maximum number of Group membership changes to submit inside a single PATCH operation … between 100 and 1000. The default is 100"',
  },
  {
    id: 'okta-retry',
    dialects: OKTA,
    field: 'retry',
    assumes:
      'no published retry figures: the harness defaults per request; a failed operation waits for an admin to retry it (no escrow, no quarantine)',
  },
  {
    id: 'okta-aiw-put-bodies',
    dialects: ['okta-aiw'],
    field: 'active, groups.membership, groups.rename',
    assumes:
      'the AIW PUTs are the GET result with active changed (users) and {schemas, id, displayName, members} (groups), name and members in one PUT',
  },
] as const satisfies readonly AssumedItem[];

/** The id of an assumed item. */
export type AssumedId = (typeof ASSUMED_ITEMS)[number]['id'];

/** The assumed items a dialect's profile lists. */
export function assumedItems(ids: readonly AssumedId[]): AssumedItem[] {
  return ids.map((id) => ASSUMED_ITEMS.find((item) => item.id === id)!);
}
