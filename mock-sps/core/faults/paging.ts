/**
 * Faults of a list's shape: paging (startIndex, count and the ListResponse fields), POST
 * .search, and sorting.
 * @see RFC 7644 §3.4.2, §3.4.2.3, §3.4.2.4, §3.4.3
 */
import { isJsonObject, scimErrors, type JsonObject } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { CoreRequest, CoreResponse } from '../http.js';
import type { ScimMiddleware, ScimNext, ScimRequestContext } from '../scim/fault-seams.js';
import { isListing, jsonOf, withJsonBody, withListParams } from './requests.js';

/** A list parameter as a number, or undefined when absent or not one. */
function numberOf(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) ? value : undefined;
}

/** The list parameters of a list or search request (its query, or its SearchRequest body). */
function paramsOf(request: CoreRequest, context: ScimRequestContext): JsonObject {
  let params: JsonObject = {};
  withListParams(request, context, (read) => void (params = { ...read }));
  return params;
}

/** Middleware that rewrites the list parameters of every list and search. */
function rewritesParams(change: (params: JsonObject) => void): { around: ScimMiddleware } {
  return { around: (request, next, context) => next(withListParams(request, context, change)) };
}

/** Middleware that rewrites the ListResponse of every list and search, knowing its parameters. */
export function rewritesList(
  change: (list: JsonObject, params: JsonObject, retry: (params: JsonObject) => CoreResponse) => JsonObject,
): { around: ScimMiddleware } {
  return {
    around(request, next: ScimNext, context) {
      const response = next(request);
      if (!isListing(request, context) || response.status !== 200) return response;
      const params = paramsOf(request, context);
      const retry = (changed: JsonObject) =>
        next(withListParams(request, context, (current) => Object.assign(current, changed)));
      return withJsonBody(response, (list) => change(list, params, retry));
    },
  };
}

const resourcesOf = (list: JsonObject): JsonObject[] =>
  Array.isArray(list.Resources) ? list.Resources.filter(isJsonObject) : [];

/** The SP core's faults of paging and search. */
export const PAGING_FAULTS = defineSpFaults([
  {
    id: 'start-index-below-one-400',
    area: 'scim',
    bug: 'refuses startIndex=0 with 400 instead of reading it as 1 (RFC 7644 §3.4.2.4)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-start-index-below-one'],
    apply: {
      around(request, next, context) {
        const start = numberOf(paramsOf(request, context).startIndex);
        if (isListing(request, context) && start !== undefined && start < 1)
          return context.refuse(scimErrors.invalidValue(`startIndex must be 1 or more (found ${start})`));
        return next(request);
      },
    },
  },
  {
    id: 'start-index-past-end-clamped',
    area: 'scim',
    bug: 'answers a startIndex past the end with the last resource instead of none (RFC 7644 §3.4.2.4)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-start-index-past-end'],
    apply: rewritesList((list, _params, retry) => {
      const total = list.totalResults;
      if (resourcesOf(list).length > 0 || typeof total !== 'number' || total === 0) return list;
      return (jsonOf(retry({ startIndex: total }).body) as JsonObject | undefined) ?? list;
    }),
  },
  {
    id: 'count-zero-returns-all',
    area: 'scim',
    bug: 'reads count=0 as "no limit" and returns every resource (RFC 7644 §3.4.2.4)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-count-zero'],
    apply: rewritesParams((params) => {
      if (numberOf(params.count) === 0) delete params.count;
    }),
  },
  {
    id: 'negative-count-ignored',
    area: 'scim',
    bug: 'ignores a negative count and returns a full page instead of none (RFC 7644 §3.4.2.4)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-count-negative'],
    apply: rewritesParams((params) => {
      const count = numberOf(params.count);
      if (count !== undefined && count < 0) delete params.count;
    }),
  },
  {
    id: 'ignore-count',
    area: 'scim',
    bug: 'ignores count and returns every match on one page (RFC 7644 §3.4.2.4: MUST NOT return more)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-count-limit'],
    apply: rewritesParams((params) => void delete params.count),
  },
  {
    id: 'items-per-page-is-count',
    area: 'scim',
    bug: 'reports the count asked for as itemsPerPage, even on a short last page (RFC 7644 §3.4.2)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-items-per-page'],
    apply: rewritesList((list, params) => {
      const count = numberOf(params.count);
      return count === undefined ? list : { ...list, itemsPerPage: count };
    }),
  },
  {
    id: 'total-results-is-page-size',
    area: 'scim',
    bug: 'reports the page size as totalResults instead of the number of matches (RFC 7644 §3.4.2)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-total-results'],
    apply: rewritesList((list) => ({ ...list, totalResults: resourcesOf(list).length })),
  },
  {
    id: 'start-index-as-page-number',
    area: 'scim',
    bug: 'reads startIndex as a page number, so startIndex=3&count=2 starts at the fifth resource (RFC 7644 §3.4.2.4)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/paging-walk-users', 'scim-protocol/paging-walk-groups'],
    apply: rewritesParams((params) => {
      const start = numberOf(params.startIndex);
      const count = numberOf(params.count);
      if (start !== undefined && start > 1 && count !== undefined && count > 0)
        params.startIndex = (start - 1) * count + 1;
    }),
  },
]);
