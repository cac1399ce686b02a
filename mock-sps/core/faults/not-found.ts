/**
 * Faults in what the SP answers for a resource it no longer has, or never had: a deleted user
 * still answering, a soft delete that leaks through PATCH or lists, an upserting PUT, an
 * idempotent DELETE and an unhandled lookup miss. Each is caught by a check in
 * scenarios/scim-protocol/not-found.ts (or, for a delete that does not take, delete-204).
 * @see RFC 7644 §3.5.1, §3.6, §3.12
 */
import { isJsonObject, scimErrors, type JsonObject } from '#harness/scim';
import type { CoreRequest, CoreResponse } from '../http.js';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware, ScimNext, ScimRequestContext } from '../scim/fault-seams.js';
import { isListing, itemOf, jsonOf, patchBody, withJsonBody } from './requests.js';

const NO_CONTENT: CoreResponse = { status: 204, headers: {}, body: '' };

/** Middleware that answers `method` on one resource with `instead(request)` where the strict SP answered 404. */
function onNotFound(
  method: string,
  type: 'User' | 'Group' | undefined,
  instead: (request: CoreRequest, context: ScimRequestContext, next: ScimNext) => CoreResponse,
): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      const response = next(request);
      if (request.method.toUpperCase() !== method || itemOf(context, type) === undefined) return response;
      return response.status === 404 ? instead(request, context, next) : response;
    },
  };
}

/** A ListResponse body without the resources whose id is in `hidden`, its counts lowered to match. */
function withoutResources(body: JsonObject, hidden: ReadonlySet<string>): JsonObject {
  const resources = Array.isArray(body.Resources) ? body.Resources : [];
  const kept = resources.filter((resource) => !(isJsonObject(resource) && hidden.has(String(resource.id))));
  const dropped = resources.length - kept.length;
  if (dropped === 0) return body;
  return {
    ...body,
    Resources: kept,
    ...(typeof body.totalResults === 'number' ? { totalResults: body.totalResults - dropped } : {}),
    ...(typeof body.itemsPerPage === 'number' ? { itemsPerPage: kept.length } : {}),
  };
}

/**
 * A soft delete: DELETE /Users/{id} flags the user deleted and keeps it, answering 204; GET of a
 * flagged user answers 404, as does anything else aimed at it. `leak` is what the SP forgot to
 * guard: a PATCH that reaches the flagged row (answering 200 and clearing the flag), or the list
 * query, which does not leave flagged users out.
 */
function softDelete(leak: 'patch' | 'list'): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      const deleted = context.state(`soft-deleted-users:${leak}`, () => new Set<string>());
      const id = itemOf(context, 'User');
      if (id === undefined) {
        if (leak === 'list' || !isListing(request, context, 'User')) return next(request);
        return withJsonBody(next(request), (body) => withoutResources(body, deleted));
      }
      const method = request.method.toUpperCase();
      if (!deleted.has(id)) {
        if (method !== 'DELETE' || context.read('User', id) === undefined) return next(request);
        deleted.add(id);
        return NO_CONTENT;
      }
      if (method === 'PATCH' && leak === 'patch') {
        deleted.delete(id);
        return next(request);
      }
      return context.refuse(scimErrors.notFound(`User '${id}' not found`));
    },
  };
}

/** The SP core's faults of answering for deleted and unknown resources. */
export const NOT_FOUND_FAULTS = defineSpFaults([
  {
    id: 'delete-deactivates',
    area: 'scim',
    bug: 'answers 204 to DELETE /Users/{id} but only deactivates the user, which GET still returns (RFC 7644 §3.6: 404 after a delete)',
    cites: ['SCIM-DELETE'],
    caughtBy: ['scim-protocol/delete-204'],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'User');
        if (request.method.toUpperCase() !== 'DELETE' || id === undefined) return next(request);
        const path = `/Users/${encodeURIComponent(id)}`;
        const deactivated = next(
          context.internal('PATCH', path, patchBody([{ op: 'replace', path: 'active', value: false }])),
        );
        return deactivated.status === 200 ? NO_CONTENT : next(request);
      },
    },
  },
  {
    id: 'deleted-user-patch-resurrects',
    area: 'scim',
    bug: 'deletes users softly and hides them from GET, but a PATCH of a deleted user answers 200 and brings it back (RFC 7644 §3.6)',
    cites: ['SCIM-DELETE', 'SCIM-PATCH'],
    caughtBy: ['scim-protocol/deleted-user-patch-404'],
    apply: softDelete('patch'),
  },
  {
    id: 'deleted-users-listed',
    area: 'scim',
    bug: 'deletes users softly: GET of a deleted user answers 404, but lists and filters still return it (RFC 7644 §3.6: omitted from future query results)',
    cites: ['SCIM-DELETE', 'SCIM-LIST-FILTER'],
    caughtBy: ['scim-protocol/deleted-user-omitted-from-list'],
    apply: softDelete('list'),
  },
  {
    id: 'patch-unknown-succeeds',
    area: 'scim',
    bug: 'answers PATCH of a user or group it does not hold with 204, an update of no rows, instead of 404 (RFC 7644 §3.6, §3.12)',
    cites: ['SCIM-PATCH', 'SCIM-DELETE'],
    caughtBy: [
      'scim-protocol/deleted-user-patch-404',
      'scim-protocol/deleted-group-patch-404',
      'scim-protocol/unknown-user-patch-404',
    ],
    apply: onNotFound('PATCH', undefined, () => NO_CONTENT),
  },
  {
    id: 'put-upserts',
    area: 'scim',
    bug: 'creates a user when PUT names an id it does not hold, instead of answering 404 (RFC 7644 §3.5.1: PUT MUST NOT create)',
    cites: ['SCIM-PUT', 'SCIM-DELETE'],
    caughtBy: ['scim-protocol/deleted-user-put-404', 'scim-protocol/unknown-user-put-404'],
    apply: onNotFound('PUT', 'User', (request, context, next) =>
      next(context.internal('POST', '/Users', jsonOf(request.body))),
    ),
  },
  {
    id: 'delete-unknown-204',
    area: 'scim',
    bug: 'answers DELETE of a user or group it does not hold with 204, taking DELETE as idempotent, instead of 404 (RFC 7644 §3.6, §3.12)',
    cites: ['SCIM-DELETE'],
    caughtBy: ['scim-protocol/deleted-user-delete-404', 'scim-protocol/unknown-user-delete-404'],
    apply: onNotFound('DELETE', undefined, () => NO_CONTENT),
  },
  {
    id: 'unknown-group-500',
    area: 'scim',
    bug: 'answers GET /Groups/{id} of a group it does not hold with 500, an unhandled lookup miss, instead of 404 (RFC 7644 §3.12)',
    cites: ['SCIM-READ'],
    caughtBy: ['scim-protocol/unknown-group-get-404'],
    apply: onNotFound('GET', 'Group', (_request, context) =>
      context.refuse(new TypeError("Cannot read properties of undefined (reading 'displayName')")),
    ),
  },
]);
