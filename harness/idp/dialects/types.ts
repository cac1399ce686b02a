/**
 * An IdP dialect as data: what one IdP's SCIM client puts on the wire, operation by operation.
 * `dialectConnector` (harness/idp/dialect-connector.ts) reads these fields and never asks which
 * IdP it speaks; a difference between IdPs is a field here, never a branch there.
 * @see IDP-IDM-13; docs/decisions/0014-idp-dialects.md
 */
import type { JsonObject } from '#harness/scim';
import type { RetryPolicy } from '../retry.js';
import type { AssumedId } from './assumed.js';

/** The dialects, in the order they are listed. */
export type DialectId = 'jumpcloud' | 'entra' | 'entra-aadOptscim062020' | 'okta' | 'okta-aiw';

/** A published page a fact comes from. */
export interface DialectSource {
  title: string;
  url: string;
}

/**
 * Query parameters in the order the IdP sends them. In a value, `{value}` stands for the
 * quoted value looked for (`"jdoe@example.com"`), `{guid}` for a random GUID.
 */
export type QueryTemplate = readonly (readonly [name: string, value: string])[];

/** How PATCH operations are spelt. */
export interface PatchStyle {
  /** The `op` names sent: RFC 7644 §3.5.2 lowercase, or Entra's capitalised ones. */
  ops: { add: string; replace: string; remove: string };
  /** How a boolean travels in a PATCH value: JSON `true`/`false`, or the strings `"True"`/`"False"`. */
  booleans: 'json' | 'string';
}

/** IDP-IDM-01: what "test connection" sends. */
export type TestConnectionWire =
  | {
      /** Creates a test user (and a test group) and removes them again; `{suffix}` is a time stamp. */
      kind: 'create-and-remove';
      userName: string;
      givenName: string;
      familyName: string;
      groupName: string;
    }
  | {
      /** One read of /Users; passes on a 200 ListResponse (empty when `emptyList`). */
      kind: 'query';
      query: QueryTemplate;
      emptyList: boolean;
      /** The same read of /Groups when group management is on; null: none. */
      groupQuery: QueryTemplate | null;
    };

/** A filtered read for a resource the IdP may take over instead of creating (IDP-IDM-03, -07). */
export interface LookupWire {
  query: QueryTemplate;
  /** Statuses that mean "none found" besides a 200 with no resources (Okta accepts a 404). */
  notFound: readonly number[];
}

/** POST /Users. */
export interface CreateUserWire {
  /** Attributes added to every create body beyond the mapped ones (`meta`, `roles`, `groups`). */
  extras: JsonObject;
  /** Schema URNs always listed, even when no attribute of theirs is sent. */
  schemas: readonly string[];
  /** `externalId` when the app's table maps none: the directory's object id, or nothing. */
  externalId: 'directory-id' | 'none';
  /** Whether `name.formatted` ("given family") is added to the name sent. */
  nameFormatted: boolean;
  /** Creates sent in all after a 5xx or timeout; a lookup runs before each resend (IDP-IDM-12). */
  attempts: number;
}

/** How changed attributes of an existing user are sent. */
export type UpdateWire =
  | {
      method: 'PATCH';
      /** One op per changed top-level attribute, or per changed mapping-row path (`name.familyName`). */
      paths: 'attribute' | 'row';
      /** Whether an attribute that had no value before is sent with the `add` op (else `replace`). */
      addForNew: boolean;
      /** Whether two or more replaces of plain paths travel as one path-less op (`value: {path: v}`). */
      bundleReplaces: boolean;
    }
  | {
      /** GET /Users/{id}, then PUT that resource with the changed attributes written over it. */
      method: 'PUT';
    };

/** How `active` alone is changed. */
export type ActiveWire =
  | {
      method: 'PATCH';
      /** `{op, path: "active", value}`, or the path-less `{op, value: {active}}`. */
      form: 'path' | 'value-object';
    }
  | { method: 'PUT' };

/** IDP-IDM-05, -06: deactivation and reactivation. */
export interface ActiveWires {
  deactivate: ActiveWire;
  /** Reactivation on its own request, or `with-update`: one more changed attribute of the update. */
  reactivate: ActiveWire | 'with-update';
}

/** How a group's displayName change travels. */
export interface RenameWire {
  /** Sent on every membership sync, or only when the name changed. */
  when: 'every-sync' | 'on-change';
  /** `{path: "displayName", value}`, or Okta's path-less `{value: {id, displayName}}`. */
  form: 'path' | 'value-object';
  /** In the membership request, or a request of its own sent before it. */
  request: 'with-membership' | 'separate';
}

/** IDP-IDM-07: groups and their members. */
export interface GroupWire {
  /** The read before a create, to take over a group of the same name; null: none. */
  lookup: LookupWire | null;
  /** Attributes added to the create body (`meta`). */
  createExtras: JsonObject;
  /** Schema URNs of the create body. */
  createSchemas: readonly string[];
  /** Whether the create sends the directory group's id as `externalId`. */
  externalId: boolean;
  /** Members in the create body; or `members: []`, or no members key, with the members in an update. */
  createMembers: 'inline' | 'empty' | 'none';
  /** Member updates by PATCH ops, or by a PUT of the whole group. */
  membership: 'patch' | 'put';
  /** Each member reference: `display` (the member's userName) and a `"$ref": null`. */
  memberRef: { display: boolean; nullRef: boolean };
  /** Removal as `{path: "members", value: [{value}]}`, or one op per member `members[value eq "id"]`. */
  remove: 'value-list' | 'filter-path';
  /** Whether every sync sends all current members as adds (else only the new ones). */
  resendAllMembers: boolean;
  /** Most members per request; more are sent in further requests. null: no limit. */
  maxMembersPerRequest: number | null;
  /** Removes first (Okta's sample) or adds first. */
  order: 'adds-first' | 'removes-first';
  rename: RenameWire;
}

/**
 * Retries and when the IdP gives up: figures for each request, a schedule of later re-runs of a
 * failed operation (Entra's escrow), and the rule that stops provisioning altogether (quarantine).
 */
export interface RetryWire {
  /** Retries within one attempt (429, 5xx), as `withRetries` runs them. */
  request: RetryPolicy;
  /** Re-runs of a failed operation, waits counted from the first failure; null: none. */
  escrow: {
    /** Offsets of the first retries from the first failure, in ms. */
    offsetsMs: readonly number[];
    /** After those, one retry every `everyMs`… */
    everyMs: number;
    /** …until this long after the first failure; then the operation is given up. */
    giveUpAfterMs: number;
  } | null;
  /** When the IdP stops calling the SP at all; null: never. */
  quarantine: {
    /** Statuses that quarantine at once (invalid credentials). */
    immediately: readonly number[];
    /** Failures below this never quarantine… */
    minFailures: number;
    /** …at or above it, a failure share above this does… */
    failureShare: number;
    /** …as do more failures than this… */
    maxFailures: number;
    /** …and more than this in all, whatever the share. */
    absoluteFailures: number;
  } | null;
}

/**
 * A request form the IdP sends that RFC 7643/7644 do not define, which a server may refuse:
 * a refusal is then an incompatibility (graded by what it costs), not the server's error.
 */
export interface NonStandardWire {
  /** Whether a request body carries it. */
  carriedBy(body: string): boolean;
  /** What the request carries, with the clause it departs from. */
  what: string;
  /** How a server, or the IdP's admins, make the step work. */
  remedy: string;
}

/** One IdP's SCIM dialect. */
export interface DialectProfile {
  id: DialectId;
  /** The IdP, as its vendor names it. */
  idp: string;
  /** One line per way its wire differs from RFC 7644's plain reading, for `list dialects`. */
  differences: readonly string[];
  /** The pages the facts come from, by key; each field's comment names its key. */
  sources: Readonly<Record<string, DialectSource>>;
  /** The items of this profile that are assumed (details in assumed.ts). */
  assumed: readonly AssumedId[];
  patch: PatchStyle;
  testConnection: TestConnectionWire;
  /** The read before creating a user. */
  lookup: LookupWire;
  create: CreateUserWire;
  update: UpdateWire;
  active: ActiveWires;
  /** A user deleted in the directory: DELETE, or deactivated (the IdP never deletes). */
  deleteUser: 'delete' | 'deactivate';
  /** The enterprise extension's `manager`: as the table maps it, a bare id string, or `{value}`. */
  manager: 'as-mapped' | 'string' | 'object';
  groups: GroupWire;
  /** Paging of the IdP's own reads of the SP's users (import); null: the IdP does not import. */
  imports: { count: number } | null;
  retry: RetryWire;
  /** The request forms it sends that the RFCs do not define; none for a standard wire. */
  nonStandard: readonly NonStandardWire[];
}
