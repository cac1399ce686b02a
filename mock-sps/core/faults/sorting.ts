/**
 * Faults of sorting: each reorders the page the strict service sorted, the way a server that
 * sorts wrong would have ordered it.
 * @see RFC 7644 §3.4.2.3
 */
import { isJsonObject, parseAttrPath, readPath, USER_SCHEMA, type JsonObject } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import { rewritesList } from './paging.js';
import { withListParams } from './requests.js';

type Order = 'ascending' | 'descending';

/** Middleware that reorders the page of every sorted list with `reorder`, given its sortBy and sortOrder. */
function reordersPage(reorder: (resources: JsonObject[], sortBy: string, order: Order) => JsonObject[]) {
  return rewritesList((list, params) => {
    if (typeof params.sortBy !== 'string' || !Array.isArray(list.Resources)) return list;
    const order = params.sortOrder === 'descending' ? 'descending' : 'ascending';
    return { ...list, Resources: reorder(list.Resources.filter(isJsonObject), params.sortBy, order) };
  });
}

/** Whether a resource has no value under `sortBy`. */
const lacks = (resource: JsonObject, sortBy: string): boolean => {
  const value = readPath(resource, parseAttrPath(sortBy), USER_SCHEMA);
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
};

/** `resources` with those lacking `sortBy` moved to the front or the back, the rest in their order. */
function movingMissing(resources: JsonObject[], sortBy: string, to: 'front' | 'back'): JsonObject[] {
  const missing = resources.filter((resource) => lacks(resource, sortBy));
  const present = resources.filter((resource) => !lacks(resource, sortBy));
  return to === 'front' ? [...missing, ...present] : [...present, ...missing];
}

/** `resources` sorted by `key` in `order` (ties and missing keys as they were). */
function sortedBy(resources: JsonObject[], key: (r: JsonObject) => string | undefined, order: Order) {
  const sign = order === 'ascending' ? 1 : -1;
  return [...resources].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x === undefined || y === undefined || x === y ? 0 : (x < y ? -1 : 1) * sign;
  });
}

/** The SP core's faults of sorting. */
export const SORTING_FAULTS = defineSpFaults([
  {
    id: 'sort-default-descending',
    area: 'scim',
    bug: 'sorts descending when sortBy comes without sortOrder (RFC 7644 §3.4.2.3: default ascending)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort-ascending-default'],
    apply: {
      around: (request, next, context) =>
        next(
          withListParams(request, context, (params) => {
            if (params.sortBy && !params.sortOrder) params.sortOrder = 'descending';
          }),
        ),
    },
  },
  {
    id: 'sort-case-sensitive',
    area: 'scim',
    bug: 'sorts userName case-sensitively, "B" before "a" (RFC 7644 §3.4.2.3, caseExact false)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort-case-insensitive'],
    apply: reordersPage((resources, sortBy, order) =>
      sortBy.toLowerCase() === 'username'
        ? sortedBy(resources, (r) => (typeof r.userName === 'string' ? r.userName : undefined), order)
        : resources,
    ),
  },
  {
    id: 'sort-missing-first',
    area: 'scim',
    bug: 'puts resources without the sortBy attribute first in ascending order (RFC 7644 §3.4.2.3: last)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort-missing-value-ascending'],
    apply: reordersPage((resources, sortBy, order) =>
      order === 'ascending' ? movingMissing(resources, sortBy, 'front') : resources,
    ),
  },
  {
    id: 'sort-missing-last-always',
    area: 'scim',
    bug: 'puts resources without the sortBy attribute last in descending order too (RFC 7644 §3.4.2.3: first)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort-missing-value-descending'],
    apply: reordersPage((resources, sortBy, order) =>
      order === 'descending' ? movingMissing(resources, sortBy, 'back') : resources,
    ),
  },
  {
    id: 'sort-multi-valued-first-value',
    area: 'scim',
    bug: 'sorts by the first value of a multi-valued attribute, not its primary one (RFC 7644 §3.4.2.3)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort-multi-valued-primary'],
    apply: reordersPage((resources, sortBy, order) => {
      const path = parseAttrPath(sortBy);
      const first = (resource: JsonObject): string | undefined => {
        const values = readPath(resource, path, USER_SCHEMA);
        return Array.isArray(values) && typeof values[0] === 'string' ? values[0].toLowerCase() : undefined;
      };
      return path.subAttr === undefined ? resources : sortedBy(resources, first, order);
    }),
  },
  {
    id: 'sort-ignores-extension-path',
    area: 'scim',
    bug: 'ignores a sortBy that names an extension attribute by its URN (RFC 7644 §3.4.2.3, §3.10)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort-extension-attribute'],
    apply: {
      around: (request, next, context) =>
        next(
          withListParams(request, context, (params) => {
            if (typeof params.sortBy === 'string' && params.sortBy.startsWith('urn:')) delete params.sortBy;
          }),
        ),
    },
  },
]);
