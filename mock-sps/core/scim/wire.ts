/**
 * The SCIM wire format of the mock SP's answers and requests: errors as SCIM Error
 * responses, and request bodies read within the size limit and media types.
 * @see RFC 7644 §3.1, §3.12
 */
import { randomUUID } from 'node:crypto';
import {
  SCIM_CONTENT_TYPE,
  ScimError,
  isJsonObject,
  listResponse,
  scimErrors,
  type JsonObject,
} from '#harness';
import type { CoreRequest, CoreResponse } from '../http.js';

/** The media type the SP answers with (`json-content-type` answers plain JSON). */
export function contentTypeOf(faults: ReadonlySet<string>): string {
  return faults.has('json-content-type') ? 'application/json' : SCIM_CONTENT_TYPE;
}

/**
 * Any error as the SP answers it: a SCIM Error body (a non-ScimError is a 500 naming it),
 * with the error-format faults applied; app hooks answer their refusals through it too.
 */
export function scimErrorResponse(error: unknown, faults: ReadonlySet<string>): CoreResponse {
  const scimError =
    error instanceof ScimError
      ? error
      : new ScimError(
          500,
          undefined,
          `Internal error in the mock SP: ${error instanceof Error ? error.message : String(error)}`,
        );
  if (faults.has('plain-error-bodies')) {
    const plain = JSON.stringify({ error: scimError.message });
    return { status: scimError.status, headers: { 'content-type': 'application/json' }, body: plain };
  }
  const body: JsonObject = { ...scimError.toBody() };
  if (faults.has('numeric-error-status')) body.status = scimError.status;
  const headers: Record<string, string> = { 'content-type': contentTypeOf(faults) };
  if (scimError.status === 401) headers['www-authenticate'] = 'Bearer realm="SCIM"';
  return { status: scimError.status, headers, body: JSON.stringify(body) };
}

/** The request's JSON body, within `limit` bytes and as SCIM or plain JSON; a ScimError otherwise. */
export function readJsonBody(request: CoreRequest, limit: number, faults: ReadonlySet<string>): unknown {
  const text = request.body ?? '';
  // The limit is in bytes, as bulk.maxPayloadSize advertises it; text.length counts UTF-16 units.
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limit) {
    throw new ScimError(
      413,
      undefined,
      `The request body is ${size} bytes; this SP accepts at most ${limit}`,
    );
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const plainRefused = type === 'application/json' && faults.has('reject-plain-json');
  if ((type !== SCIM_CONTENT_TYPE && type !== 'application/json') || plainRefused) {
    throw new ScimError(
      415,
      undefined,
      `Content-Type must be ${SCIM_CONTENT_TYPE} (found '${type || 'none'}')`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw scimErrors.invalidSyntax(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * A /Groups that seems to work but stores nothing: what an app without SCIM groups answers
 * under a fault that serves them (Profit.co `serves-groups`, SparkPost `accepts-group-calls`).
 */
export function acceptedGroupCall(request: CoreRequest): CoreResponse {
  const method = request.method.toUpperCase();
  const json = (status: number, body: unknown): CoreResponse => ({
    status,
    headers: { 'content-type': SCIM_CONTENT_TYPE },
    body: JSON.stringify(body),
  });
  if (method === 'DELETE') return { status: 204, headers: {} };
  if (method === 'GET') return json(200, listResponse([], { totalResults: 0, startIndex: 1 }));
  let sent: unknown;
  try {
    sent = JSON.parse(request.body ?? '{}');
  } catch {
    sent = {};
  }
  const group = { ...(isJsonObject(sent) ? sent : {}), id: randomUUID(), meta: { resourceType: 'Group' } };
  return json(method === 'POST' ? 201 : 200, group);
}
