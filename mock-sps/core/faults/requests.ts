/**
 * What the core's fault middleware reads and rewrites: the resource a path names, JSON
 * bodies, list parameters and PatchOp operations. Rewrites leave anything they cannot read
 * untouched, so the strict service still answers it with its own error.
 */
import {
  PATCH_OP_SCHEMA,
  isJsonObject,
  parsePatchRequest,
  type JsonObject,
  type PatchOperation,
} from '#harness/scim';
import type { CoreRequest, CoreResponse } from '../http.js';
import type { ScimMiddleware, ScimRequestContext } from '../scim/fault-seams.js';

/** The resource types a path can name, by their lower-cased endpoint. */
const TYPES: Readonly<Record<string, 'User' | 'Group'>> = { users: 'User', groups: 'Group' };

/** The endpoints of the discovery documents, lower-cased. @see RFC 7644 §4 */
export const DISCOVERY = ['serviceproviderconfig', 'resourcetypes', 'schemas'];

/** The collection (lower-cased) and the percent-decoded id a path below the base path names, as the service reads it. */
export function targetOf(path: string): { collection: string; id: string | undefined } {
  const [, collection = '', id] = (path.length > 1 ? path.replace(/\/$/, '') : path).split('/');
  return { collection: collection.toLowerCase(), id: id === undefined ? undefined : decoded(id) };
}

/** The User or Group endpoint a request is for: the collection (no id), `.search`, or one resource. */
export function resourceOf(
  context: ScimRequestContext,
): { type: 'User' | 'Group'; id: string | undefined } | undefined {
  const { collection, id } = targetOf(context.path);
  const type = TYPES[collection];
  return type === undefined ? undefined : { type, id };
}

/** Whether the request lists or searches resources of a type (`type` when given). */
export function isListing(
  request: CoreRequest,
  context: ScimRequestContext,
  type?: 'User' | 'Group',
): boolean {
  const target = resourceOf(context);
  if (!target || (type !== undefined && target.type !== type)) return false;
  const method = request.method.toUpperCase();
  return (method === 'GET' && target.id === undefined) || (method === 'POST' && target.id === '.search');
}

/** The id of the one resource of `type` a request is for, if it is for one. */
export function itemOf(context: ScimRequestContext, type?: 'User' | 'Group'): string | undefined {
  const target = resourceOf(context);
  if (!target || (type !== undefined && target.type !== type) || target.id === '.search') return undefined;
  return target.id;
}

/** A body's JSON, or undefined when it is none. */
export function jsonOf(text: string | undefined): unknown {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** `response` with its JSON object body passed through `change`; any other response as it is. */
export function withJsonBody(response: CoreResponse, change: (body: JsonObject) => JsonObject): CoreResponse {
  const body = jsonOf(response.body);
  return isJsonObject(body) ? { ...response, body: JSON.stringify(change(body)) } : response;
}

/** Middleware that drops `header` from every answer with `status`: a header the SP knows but leaves out. */
export function droppingHeader(status: number, header: string): { around: ScimMiddleware } {
  return {
    around(request, next) {
      const response = next(request);
      if (response.status !== status) return response;
      const { [header]: _dropped, ...headers } = response.headers;
      return { ...response, headers };
    },
  };
}

/**
 * A list or search request of `type` (any when absent) with its list parameters changed in
 * place by `change`: the query of a GET, the SearchRequest body of a POST …/.search.
 * @see RFC 7644 §3.4.2, §3.4.3
 */
export function withListParams(
  request: CoreRequest,
  context: ScimRequestContext,
  change: (params: JsonObject) => void,
  type?: 'User' | 'Group',
): CoreRequest {
  if (!isListing(request, context, type)) return request;
  if (request.method.toUpperCase() === 'GET') return withQuery(request, context, change);
  const body = jsonOf(request.body);
  if (!isJsonObject(body)) return request;
  change(body);
  return { ...request, body: JSON.stringify(body) };
}

/** `request` with its URL query parameters changed in place by `change`. */
export function withQuery(
  request: CoreRequest,
  context: ScimRequestContext,
  change: (params: JsonObject) => void,
): CoreRequest {
  const params: JsonObject = Object.fromEntries(context.url.searchParams);
  change(params);
  const url = new URL(context.url);
  url.search = new URLSearchParams(
    Object.entries(params).flatMap(([name, value]) =>
      value === undefined || value === null ? [] : [[name, String(value)]],
    ),
  ).toString();
  return { ...request, url: url.href };
}

/** A PatchOp request body holding `operations`. @see RFC 7644 §3.5.2 */
export function patchBody(operations: readonly PatchOperation[]): JsonObject {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations.map((operation) => ({ ...operation })) };
}

/** The operations of a PATCH request, or undefined when it is no PATCH or no valid PatchOp. */
export function operationsOf(request: CoreRequest): PatchOperation[] | undefined {
  if (request.method.toUpperCase() !== 'PATCH') return undefined;
  try {
    return parsePatchRequest(jsonOf(request.body));
  } catch {
    return undefined;
  }
}

/** An operation that changes nothing, for a PatchOp whose every operation a fault dropped (one needs at least one). */
const NO_CHANGE: PatchOperation = { op: 'add', value: {} };

/** A PATCH request with its operations rewritten by `change`; any other request as it is. */
export function withOperations(
  request: CoreRequest,
  change: (operations: PatchOperation[]) => PatchOperation[],
): CoreRequest {
  const operations = operationsOf(request);
  if (operations === undefined) return request;
  const changed = change(operations);
  return { ...request, body: JSON.stringify(patchBody(changed.length > 0 ? changed : [NO_CHANGE])) };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
