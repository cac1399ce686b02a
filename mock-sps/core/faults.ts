/**
 * Named fault switches: each makes the SP base misbehave the way a real SCIM
 * server does when it has that bug. Every switch is caught by at least one check
 * (test/mock-sps/faults.test.ts asserts it), which is how the suite proves that
 * its checks can fail. Strict behaviour is the default; a fault is opt-in only.
 */
import { APP_SCIM_FAULTS } from '../app-faults.js';

/** The SP core's own switches; the apps' are in their folders (mock-sps/app-faults.ts). */
export const CORE_SCIM_FAULTS = {
  'case-sensitive-username-filter':
    'compares userName case-sensitively in filters (RFC 7643 §4.1.1 caseExact false)',
  'zero-based-start-index': 'treats startIndex as 0-based (RFC 7644 §3.4.2.4 says 1-based)',
  'numeric-error-status': 'sends the error status as a JSON number instead of a string (RFC 7644 §3.12)',
  'create-returns-200': 'answers a successful POST with 200 instead of 201 Created (RFC 7644 §3.3)',
  'missing-location': 'omits the Location header on 201 Created (RFC 7644 §3.3)',
  'ignore-member-remove-filter': 'ignores a remove with a members[value eq "…"] filter (RFC 7644 §3.5.2.2)',
  'non-atomic-patch': 'applies the operations before a failing one (RFC 7644 §3.5.2: all or nothing)',
  'deactivated-user-404': 'answers 404 for a user whose active is false',
  'invalid-filter-returns-all':
    'ignores a filter it cannot parse and returns every resource (RFC 7644 §3.4.2.2)',
  'accept-any-token': 'accepts any bearer token, or none (RFC 7644 §2)',
  'no-uniqueness-check':
    'creates a second user with a userName already taken (RFC 7644 §3.3: 409 uniqueness)',
  'ignore-if-match': 'ignores If-Match and applies a change to a stale version (RFC 7644 §3.14)',
  'member-add-duplicates':
    'adds a member again when the add is repeated (IDP-IDM-13: member adds must be idempotent)',
  'case-sensitive-patch-op': 'refuses "Replace" and other op names not in lower case (RFC 7644 §3.5.2)',
  'json-content-type': 'answers with application/json instead of application/scim+json (RFC 7644 §3.1)',
  'ignore-attributes-param': 'ignores the attributes query parameter (RFC 7644 §3.4.2.5)',
  'delete-returns-200': 'answers DELETE with 200 and a body instead of 204 No Content (RFC 7644 §3.6)',
  'no-discovery': 'answers 404 on /ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7644 §4)',
  'reject-plain-json': 'refuses requests sent as application/json with 415 (RFC 7644 §8.1 says accept it)',
  'missing-meta': 'returns resources without meta (RFC 7643 §3.1)',
  'no-required-check': 'creates a user without the required userName (RFC 7643 §4.1)',
  'plain-error-bodies': 'answers errors with {"error": "…"} instead of a SCIM Error body (RFC 7644 §3.12)',
  'ignore-filter': 'ignores the filter parameter and lists every resource (RFC 7644 §3.4.2.2)',
  'value-path-matches-all':
    'treats a value filter such as emails[type eq "work"] as always true (RFC 7644 §3.4.2.2)',
  'ignore-excluded-attributes': 'ignores the excludedAttributes query parameter (RFC 7644 §3.4.2.5)',
  'ignore-sort': 'ignores sortBy and sortOrder while advertising sort (RFC 7644 §3.4.2.3)',
  'put-not-applied': 'answers 200 to PUT but keeps the stored resource (RFC 7644 §3.5.1)',
  'pathless-patch-ignored': 'ignores PATCH operations that have no path (RFC 7644 §3.5.2)',
  'sub-attribute-replace-clears-parent':
    'replacing name.givenName drops the other sub-attributes of name (RFC 7644 §3.5.2.3)',
  'get-returns-list': 'answers GET /Users/{id} with a ListResponse instead of the resource (RFC 7644 §3.4.1)',
  'no-request-body-log': 'keeps no request bodies in its log although body logging is on (INT-01)',
  'drop-formatted-address': 'stores addresses.locality as sent instead of as addresses.formatted (INT-04)',
  'reset-unmanaged-attributes': 'clears attributes the IdP does not manage on every update (INT-05)',
} as const;

/** Every SP fault switch: the core's and each app's. */
export const SCIM_FAULTS = { ...CORE_SCIM_FAULTS, ...APP_SCIM_FAULTS } as const;

export type ScimFault = keyof typeof SCIM_FAULTS;

/** A switch of the SP core itself. */
export type CoreScimFault = keyof typeof CORE_SCIM_FAULTS;

export function isScimFault(name: string): name is ScimFault {
  return Object.hasOwn(SCIM_FAULTS, name);
}
