/**
 * Faults of meta: a resourceType that names the endpoint, and writes that answer with the
 * meta from before the change.
 * @see RFC 7643 §3.1
 */
import { isJsonObject, type JsonObject } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { itemOf, withJsonBody } from './requests.js';

/** Middleware that answers a `method` on one resource of `type` with the meta it had before. */
function keepsOldMeta(method: 'PUT' | 'PATCH', type: 'User' | 'Group'): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      const id = itemOf(context, type);
      if (request.method.toUpperCase() !== method || id === undefined) return next(request);
      const before = context.read(type, id)?.meta;
      const response = next(request);
      return response.status !== 200 || before === undefined
        ? response
        : withJsonBody(response, (body) => ({ ...body, meta: before }));
    },
  };
}

const plural = (resource: unknown): unknown =>
  isJsonObject(resource) && isJsonObject(resource.meta) && typeof resource.meta.resourceType === 'string'
    ? { ...resource, meta: { ...resource.meta, resourceType: `${resource.meta.resourceType}s` } }
    : resource;

/** The SP core's faults of meta. */
export const META_FAULTS = defineSpFaults([
  {
    id: 'meta-resource-type-endpoint-name',
    area: 'scim',
    bug: 'gives meta.resourceType as the endpoint name, "Users" and "Groups" (RFC 7643 §3.1)',
    cites: ['SCIM-CREATE'],
    caughtBy: ['scim-protocol/meta-resource-type-user', 'scim-protocol/meta-resource-type-group'],
    apply: {
      around: (request, next, context) => {
        const response = next(request);
        if (itemOf(context) === undefined) return response;
        return withJsonBody(response, (body) => plural(body) as JsonObject);
      },
    },
  },
  {
    id: 'put-keeps-old-meta',
    area: 'scim',
    bug: 'answers a PUT with the meta from before it, lastModified and version unchanged (RFC 7643 §3.1)',
    cites: ['SCIM-PUT'],
    caughtBy: ['scim-protocol/meta-updated-on-put'],
    apply: keepsOldMeta('PUT', 'User'),
  },
  {
    id: 'patch-keeps-old-meta',
    area: 'scim',
    bug: 'answers a PATCH of a user with the meta from before it (RFC 7643 §3.1)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/meta-updated-on-patch'],
    apply: keepsOldMeta('PATCH', 'User'),
  },
  {
    id: 'member-change-keeps-old-meta',
    area: 'scim',
    bug: 'answers a PATCH of a group’s members with the group’s meta from before it (RFC 7643 §3.1)',
    cites: ['SCIM-PATCH'],
    caughtBy: ['scim-protocol/meta-updated-on-membership'],
    apply: keepsOldMeta('PATCH', 'Group'),
  },
  {
    id: 'created-is-last-modified',
    area: 'scim',
    bug: "gives a user's meta.created as its lastModified, so created moves with every change (RFC 7643 §3.1)",
    cites: ['SCIM-PUT', 'SCIM-PATCH'],
    caughtBy: ['scim-protocol/meta-created-stable'],
    apply: {
      around: (request, next, context) => {
        const response = next(request);
        if (itemOf(context, 'User') === undefined) return response;
        return withJsonBody(response, (body) =>
          isJsonObject(body.meta)
            ? { ...body, meta: { ...body.meta, created: body.meta.lastModified } }
            : body,
        );
      },
    },
  },
]);
