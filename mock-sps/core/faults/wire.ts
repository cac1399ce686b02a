/**
 * Faults of the SCIM wire format: what the SP's answers look like (media type, error bodies,
 * statuses, headers, meta), what it serves, and which requests it lets in. The response-shape
 * faults come first in the catalogue, so their middleware is outermost and sees every answer,
 * the errors other faults' middleware gives included.
 */
import {
  ERROR_SCHEMA,
  SCIM_CONTENT_TYPE,
  ScimError,
  isJsonObject,
  listResponse,
  scimErrors,
  type JsonObject,
} from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { CoreResponse } from '../http.js';
import { DISCOVERY, droppingHeader, itemOf, jsonOf, resourceOf, targetOf, withJsonBody } from './requests.js';

/** A response's SCIM Error body, if it carries one. @see RFC 7644 §3.12 */
function errorBodyOf(response: CoreResponse): JsonObject | undefined {
  const body = jsonOf(response.body);
  return isJsonObject(body) && Array.isArray(body.schemas) && body.schemas.includes(ERROR_SCHEMA)
    ? body
    : undefined;
}

/** A User or Group representation without its meta; any other JSON as it is. */
function withoutMeta(value: unknown): unknown {
  if (!isJsonObject(value) || !isJsonObject(value.meta)) return value;
  if (value.meta.resourceType !== 'User' && value.meta.resourceType !== 'Group') return value;
  const { meta: _meta, ...rest } = value;
  return rest;
}

/** Whether the request creates a User or a Group (POST on the collection). */
const isCreate = (method: string, id: string | undefined): boolean =>
  method.toUpperCase() === 'POST' && id === undefined;

/** The SP core's faults of the wire format, response-shape faults first. */
export const WIRE_FAULTS = defineSpFaults([
  {
    id: 'json-content-type',
    area: 'scim',
    bug: 'answers with application/json instead of application/scim+json (RFC 7644 §3.1)',
    cites: ['SCIM-MEDIA-TYPE'],
    caughtBy: ['scim-protocol/media-type'],
    apply: {
      around(request, next) {
        const response = next(request);
        if (response.headers['content-type'] !== SCIM_CONTENT_TYPE) return response;
        return { ...response, headers: { ...response.headers, 'content-type': 'application/json' } };
      },
    },
  },
  {
    id: 'plain-error-bodies',
    area: 'scim',
    bug: 'answers errors with {"error": "…"} instead of a SCIM Error body (RFC 7644 §3.12)',
    cites: ['SCIM-ERRORS'],
    caughtBy: [
      'scim-protocol/malformed-json-400',
      'scim-protocol/error-body-shape',
      'scim-protocol/auth-error-body',
    ],
    apply: {
      around(request, next) {
        const response = next(request);
        const error = errorBodyOf(response);
        if (!error) return response;
        const { 'www-authenticate': _challenge, ...headers } = response.headers;
        return {
          status: response.status,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ error: error.detail }),
        };
      },
    },
  },
  {
    id: 'numeric-error-status',
    area: 'scim',
    bug: 'sends the error status as a JSON number instead of a string (RFC 7644 §3.12)',
    cites: ['SCIM-ERRORS'],
    caughtBy: ['scim-protocol/error-body-shape', 'scim-protocol/get-unknown-404'],
    apply: {
      around(request, next) {
        const response = next(request);
        if (!errorBodyOf(response)) return response;
        return withJsonBody(response, (body) => ({ ...body, status: response.status }));
      },
    },
  },
  {
    id: 'missing-meta',
    area: 'scim',
    bug: 'returns resources without meta (RFC 7643 §3.1)',
    cites: ['SCIM-CREATE'],
    caughtBy: ['scim-protocol/create-user-meta'],
    apply: {
      around: (request, next) =>
        withJsonBody(next(request), (body) => {
          const bare = withoutMeta(body) as JsonObject;
          return Array.isArray(bare.Resources)
            ? { ...bare, Resources: bare.Resources.map(withoutMeta) }
            : bare;
        }),
    },
  },
  {
    id: 'get-returns-list',
    area: 'scim',
    bug: 'answers GET /Users/{id} with a ListResponse instead of the resource (RFC 7644 §3.4.1)',
    cites: ['SCIM-READ'],
    caughtBy: ['scim-protocol/get-user-by-id'],
    apply: {
      around(request, next, context) {
        const response = next(request);
        if (
          request.method.toUpperCase() !== 'GET' ||
          itemOf(context) === undefined ||
          response.status !== 200
        )
          return response;
        return withJsonBody(response, (body) => listResponse([body]));
      },
    },
  },
  {
    id: 'create-returns-200',
    area: 'scim',
    bug: 'answers a successful POST with 200 instead of 201 Created (RFC 7644 §3.3)',
    cites: ['SCIM-CREATE'],
    caughtBy: ['scim-protocol/create-user-201', 'scim-protocol/group-lifecycle'],
    apply: {
      around(request, next, context) {
        const response = next(request);
        const created = isCreate(request.method, resourceOf(context)?.id) && response.status === 201;
        return created ? { ...response, status: 200 } : response;
      },
    },
  },
  {
    id: 'missing-location',
    area: 'scim',
    bug: 'omits the Location header on 201 Created (RFC 7644 §3.3)',
    cites: ['SCIM-CREATE'],
    caughtBy: ['scim-protocol/create-user-location'],
    apply: {
      around(request, next, context) {
        const response = next(request);
        const target = resourceOf(context);
        if (!target || !isCreate(request.method, target.id)) return response;
        const { location: _location, ...headers } = response.headers;
        return { ...response, headers };
      },
    },
  },
  {
    id: 'delete-returns-200',
    area: 'scim',
    bug: 'answers DELETE with 200 and a body instead of 204 No Content (RFC 7644 §3.6)',
    cites: ['SCIM-DELETE'],
    caughtBy: ['scim-protocol/delete-204', 'scim-protocol/group-lifecycle'],
    apply: {
      around(request, next, context) {
        const response = next(request);
        const id = itemOf(context);
        if (request.method.toUpperCase() !== 'DELETE' || id === undefined || response.status !== 204)
          return response;
        const body = JSON.stringify({ deleted: id });
        return { status: 200, headers: { ...response.headers, 'content-type': SCIM_CONTENT_TYPE }, body };
      },
    },
  },
  {
    id: 'no-discovery',
    area: 'scim',
    bug: 'answers 404 on /ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7644 §4)',
    cites: ['SCIM-DISCOVERY'],
    caughtBy: [
      'scim-protocol/service-provider-config',
      'scim-protocol/resource-types',
      'scim-protocol/schemas',
    ],
    apply: {
      around: (request, next, context) =>
        DISCOVERY.includes(targetOf(context.path).collection)
          ? context.refuse(scimErrors.notFound(`No SCIM endpoint at ${context.path}`))
          : next(request),
    },
  },
  {
    id: 'reject-plain-json',
    area: 'scim',
    bug: 'refuses requests sent as application/json with 415 (RFC 7644 §8.1 says accept it)',
    cites: ['SCIM-MEDIA-TYPE'],
    caughtBy: ['scim-protocol/plain-json-accepted'],
    apply: {
      steps: (strict) => ({
        ...strict,
        readBody(request) {
          const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
          if (type === 'application/json')
            throw new ScimError(
              415,
              undefined,
              `Content-Type must be ${SCIM_CONTENT_TYPE} (found '${type}')`,
            );
          return strict.readBody(request);
        },
      }),
    },
  },
  {
    id: 'accept-any-token',
    area: 'scim',
    bug: 'accepts any bearer token, or none (RFC 7644 §2)',
    cites: ['SCIM-AUTH'],
    caughtBy: [
      'scim-protocol/auth-missing-token-401',
      'scim-protocol/auth-wrong-token-401',
      'provisioning/interact-base-url',
      'provisioning/interact-inactive-integration',
      'provisioning/interact-token-rotation',
      'provisioning/idm-token-change',
      'provisioning/connect-wrong-token-refused',
    ],
    apply: { steps: (strict) => ({ ...strict, authenticate: () => undefined }) },
  },
  {
    id: 'no-auth-challenge',
    area: 'scim',
    bug: 'answers 401 without a WWW-Authenticate header (RFC 9110 §15.5.2, RFC 6750 §3)',
    cites: ['SCIM-AUTH'],
    caughtBy: ['scim-protocol/auth-www-authenticate'],
    apply: droppingHeader(401, 'www-authenticate'),
  },
]);
