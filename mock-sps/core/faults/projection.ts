/**
 * Faults of the attributes and excludedAttributes parameters: ignored on lists or on writes,
 * sub-attribute and URN paths misread, and `id` (returned "always") dropped.
 * @see RFC 7644 §3.4.2.5, §3.9
 */
import { isJsonObject, type JsonObject } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { isListing, resourceOf, withJsonBody, withListParams, withQuery } from './requests.js';

type Param = 'attributes' | 'excludedAttributes';

/** Middleware that changes the projection parameters of requests `applies` picks. */
function rewritesProjection(
  applies: (method: string, listing: boolean) => boolean,
  change: (params: JsonObject) => void,
): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      const target = resourceOf(context);
      const method = request.method.toUpperCase();
      const listing = isListing(request, context);
      if (!target || !applies(method, listing)) return next(request);
      const search = listing && method === 'POST';
      return next(search ? withListParams(request, context, change) : withQuery(request, context, change));
    },
  };
}

const dropping =
  (...names: Param[]) =>
  (params: JsonObject): void => {
    for (const name of names) delete params[name];
  };

/** Each resource an answer carries (itself, or its list's Resources) passed through `change` when `when` holds for the request's projection. */
function rewritesResources(
  when: (params: URLSearchParams) => boolean,
  change: (resource: JsonObject) => JsonObject,
): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      const response = next(request);
      if (!resourceOf(context) || !when(context.url.searchParams)) return response;
      return withJsonBody(response, (body) =>
        Array.isArray(body.Resources)
          ? { ...body, Resources: body.Resources.map((r) => (isJsonObject(r) ? change(r) : r)) }
          : change(body),
      );
    },
  };
}

const withoutId = ({ id: _id, ...rest }: JsonObject): JsonObject => rest;

const isWrite = (method: string) => method === 'POST' || method === 'PUT' || method === 'PATCH';

/** The SP core's faults of the projection parameters. */
export const PROJECTION_FAULTS = defineSpFaults([
  {
    id: 'attributes-ignored-on-list',
    area: 'scim',
    bug: 'applies attributes on a read by id but not on a list (RFC 7644 §3.4.2.5)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/attributes-on-list'],
    apply: rewritesProjection((_m, listing) => listing, dropping('attributes')),
  },
  {
    id: 'excluded-attributes-ignored-on-list',
    area: 'scim',
    bug: 'applies excludedAttributes on a read by id but not on a list (RFC 7644 §3.4.2.5)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/excluded-attributes-on-list'],
    apply: rewritesProjection((_m, listing) => listing, dropping('excludedAttributes')),
  },
  {
    id: 'sub-attribute-returns-parent',
    area: 'scim',
    bug: 'answers attributes=name.givenName with the whole name (RFC 7644 §3.4.2.5, §3.10)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/attributes-sub-attribute'],
    apply: rewritesProjection(
      () => true,
      (params) => {
        if (typeof params.attributes === 'string')
          params.attributes = params.attributes.replace(/(^|,)\s*(\w+)\.\w+/g, '$1$2');
      },
    ),
  },
  {
    id: 'urn-attributes-ignored',
    area: 'scim',
    bug: 'ignores the URN-qualified paths in attributes (RFC 7644 §3.10)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/attributes-extension-urn'],
    apply: rewritesProjection(
      () => true,
      (params) => {
        if (typeof params.attributes !== 'string') return;
        const kept = params.attributes.split(',').filter((path) => !path.trim().startsWith('urn:'));
        if (kept.length > 0) params.attributes = kept.join(',');
        else delete params.attributes;
      },
    ),
  },
  {
    id: 'attributes-drop-id',
    area: 'scim',
    bug: 'leaves id out when attributes does not name it (RFC 7643 §3.1: returned always)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/attributes-keeps-id'],
    apply: rewritesResources((params) => {
      const attributes = params.get('attributes');
      return attributes !== null && !/(^|,)\s*id\s*(,|$)/i.test(attributes);
    }, withoutId),
  },
  {
    id: 'excluded-attributes-removes-id',
    area: 'scim',
    bug: 'lets excludedAttributes=id remove id (RFC 7644 §3.4.2.5: no effect on returned always)',
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: ['scim-protocol/excluded-attributes-keeps-always'],
    apply: rewritesResources(
      (params) => /(^|,)\s*id\s*(,|$)/i.test(params.get('excludedAttributes') ?? ''),
      withoutId,
    ),
  },
  ...(['POST', 'PUT', 'PATCH'] as const).map((method) => ({
    id: `${method.toLowerCase() as 'post' | 'put' | 'patch'}-ignores-attributes` as const,
    area: 'scim' as const,
    bug: `answers a ${method} with the whole resource whatever attributes asks (RFC 7644 §3.9)`,
    cites: ['SCIM-LIST-ATTRIBUTES'],
    caughtBy: [`scim-protocol/attributes-on-${method.toLowerCase()}`],
    apply: rewritesProjection(
      (m, listing) => m === method && isWrite(m) && !listing,
      dropping('attributes', 'excludedAttributes'),
    ),
  })),
]);
