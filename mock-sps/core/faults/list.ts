/**
 * Faults of listing and reading: filters, paging, sorting, the attributes parameters, and
 * users that vanish once deactivated.
 * @see RFC 7644 §3.4
 */
import { ScimError, parseFilter, scimErrors, type Filter, type JsonObject } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { isListing, itemOf, resourceOf, withListParams, withQuery } from './requests.js';

/** `filter` with every `attr[…]` value filter made `attr pr`. */
function valuePathsAlwaysTrue(filter: Filter): Filter {
  switch (filter.op) {
    case 'valuePath':
      return { op: 'pr', path: filter.path };
    case 'and':
    case 'or':
      return {
        op: filter.op,
        left: valuePathsAlwaysTrue(filter.left),
        right: valuePathsAlwaysTrue(filter.right),
      };
    case 'not':
      return { op: 'not', filter: valuePathsAlwaysTrue(filter.filter) };
    default:
      return filter;
  }
}

/** How a fault drops one list parameter from every list and search. */
function ignoresParam(name: string): { around: ScimMiddleware } {
  return {
    around: (request, next, context) =>
      next(withListParams(request, context, (params) => delete params[name])),
  };
}

/** How a fault drops one projection parameter from every read, list and search of a resource. */
function ignoresProjection(name: 'attributes' | 'excludedAttributes'): { around: ScimMiddleware } {
  const drop = (params: JsonObject): void => void delete params[name];
  return {
    around(request, next, context) {
      if (!resourceOf(context)) return next(request);
      const search = isListing(request, context) && request.method.toUpperCase() === 'POST';
      return next(search ? withListParams(request, context, drop) : withQuery(request, context, drop));
    },
  };
}

/** The SP core's faults of lists, filters, paging, sorting and reads. */
export const LIST_FAULTS = defineSpFaults([
  {
    id: 'case-sensitive-username-filter',
    area: 'scim',
    bug: 'compares userName case-sensitively in filters (RFC 7643 §4.1.1 caseExact false)',
    cites: ['SCIM-LIST-FILTER', 'IDP-IDM-03'],
    caughtBy: ['scim-protocol/filter-username-case-insensitive', 'provisioning/takeover-existing-user'],
    apply: {
      steps: (strict) => ({
        ...strict,
        matches(resource, filter, schema) {
          const exact =
            filter.op !== 'eq' || filter.path.attr.toLowerCase() !== 'username'
              ? true
              : resource.userName === filter.value;
          return exact && strict.matches(resource, filter, schema);
        },
      }),
    },
  },
  {
    id: 'value-path-matches-all',
    area: 'scim',
    bug: 'treats a value filter such as emails[type eq "work"] as always true (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-operators'],
    apply: {
      steps: (strict) => ({
        ...strict,
        matches: (resource, filter, schema) => strict.matches(resource, valuePathsAlwaysTrue(filter), schema),
      }),
    },
  },
  {
    id: 'ignore-filter',
    area: 'scim',
    bug: 'ignores the filter parameter and lists every resource (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/filter-username-eq'],
    apply: ignoresParam('filter'),
  },
  {
    id: 'invalid-filter-returns-all',
    area: 'scim',
    bug: 'ignores a filter it cannot parse and returns every resource (RFC 7644 §3.4.2.2)',
    cites: ['SCIM-LIST-FILTER', 'SCIM-ERRORS'],
    caughtBy: ['scim-protocol/invalid-filter-400'],
    apply: {
      around: (request, next, context) =>
        next(
          withListParams(request, context, (params) => {
            if (typeof params.filter !== 'string' || params.filter === '') return;
            try {
              parseFilter(params.filter);
            } catch (error) {
              if (error instanceof ScimError && error.scimType === 'invalidFilter') delete params.filter;
            }
          }),
        ),
    },
  },
  {
    id: 'zero-based-start-index',
    area: 'scim',
    bug: 'treats startIndex as 0-based (RFC 7644 §3.4.2.4 says 1-based)',
    cites: ['SCIM-LIST-PAGINATION'],
    caughtBy: ['scim-protocol/pagination-start-index'],
    apply: {
      around: (request, next, context) =>
        next(
          withListParams(request, context, (params) => {
            const raw = params.startIndex;
            const start = raw === undefined || raw === null || raw === '' ? 1 : Number(raw);
            // The next one along: startIndex=1 reads as the second resource.
            if (Number.isInteger(start)) params.startIndex = start + 1;
          }),
        ),
    },
  },
  {
    id: 'ignore-sort',
    area: 'scim',
    bug: 'ignores sortBy and sortOrder while advertising sort (RFC 7644 §3.4.2.3)',
    cites: ['SCIM-LIST-SORT'],
    caughtBy: ['scim-protocol/sort'],
    apply: ignoresParam('sortBy'),
  },
  {
    id: 'ignore-attributes-param',
    area: 'scim',
    bug: 'ignores the attributes query parameter (RFC 7644 §3.4.2.5)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/attributes-param'],
    apply: ignoresProjection('attributes'),
  },
  {
    id: 'ignore-excluded-attributes',
    area: 'scim',
    bug: 'ignores the excludedAttributes query parameter (RFC 7644 §3.4.2.5)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/excluded-attributes-param'],
    apply: ignoresProjection('excludedAttributes'),
  },
  {
    id: 'deactivated-user-404',
    area: 'scim',
    bug: 'answers 404 for a user whose active is false',
    cites: ['SCIM-READ', 'IDP-IDM-05'],
    caughtBy: [
      'deactivation/delete-user-without-delete',
      'scim-protocol/patch-deactivate-readable',
      'deactivation/suspend',
      'deactivation/removed-from-all-groups',
    ],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'User');
        if (id !== undefined && context.read('User', id)?.active === false)
          return context.refuse(scimErrors.notFound(`User '${id}' not found`));
        // Lists leave them out as if the store had lost them.
        const hidden = 'not (active eq false)';
        return next(
          withListParams(
            request,
            context,
            (params) => {
              const { filter } = params;
              if (typeof filter === 'string' && filter !== '') params.filter = `(${filter}) and ${hidden}`;
              else if (filter === undefined || filter === null || filter === '') params.filter = hidden;
            },
            'User',
          ),
        );
      },
    },
  },
]);
