/**
 * The endpoints below the base path that belong to no resource type: a search from the root
 * over every type, and the optional /Me and /Bulk this SP does not offer.
 * @see RFC 7644 §3.2, §3.4.3, §3.7, §3.11
 */
import { ScimError, type JsonObject } from '#harness/scim';
import type { ListQuery } from './list-query.js';
import { pagedList, type ResourceEndpoint } from './resource-endpoint.js';
import { sortByKey } from './sort.js';

/** A search from the root: the matches of every resource type, in one order, paged. @see RFC 7644 §3.4.3 */
export function rootSearch(endpoints: readonly ResourceEndpoint[], query: ListQuery): JsonObject {
  const matched = endpoints.flatMap((endpoint) => endpoint.matched(query));
  return pagedList(query.sortBy === undefined ? matched : sortByKey(matched, query.sortOrder), query);
}

/** The /Me alias: this SP's tokens stand for no user, so it does not offer it. @see RFC 7644 §3.11 */
export function meNotImplemented(): never {
  throw new ScimError(
    501,
    undefined,
    'This service provider does not support the /Me alias: its bearer tokens are not tied to a user (RFC 7644 §3.11)',
  );
}

/** POST /Bulk where /ServiceProviderConfig says bulk.supported false. @see RFC 7644 §3.7, §3.12 */
export function bulkNotImplemented(): never {
  throw new ScimError(
    501,
    undefined,
    'This service provider does not support bulk operations (bulk.supported is false in /ServiceProviderConfig); send each operation on its own',
  );
}
