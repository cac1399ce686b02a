/**
 * The SCIM wire format of the mock SP's answers and requests: errors as SCIM Error
 * responses, and request bodies read within the size limit and media types.
 * @see RFC 7644 §3.1, §3.12
 */
import { SCIM_CONTENT_TYPE, ScimError, checkJsonDepth, scimErrors } from '#harness/scim';
import type { CoreRequest, CoreResponse } from '../http.js';

/**
 * Any error as the SP answers it: a SCIM Error body (a non-ScimError is a 500 naming it);
 * app hooks answer their refusals through it too.
 */
export function scimErrorResponse(error: unknown): CoreResponse {
  const scimError =
    error instanceof ScimError
      ? error
      : new ScimError(
          500,
          undefined,
          `Internal error in the mock SP: ${error instanceof Error ? error.message : String(error)}`,
        );
  const headers: Record<string, string> = { 'content-type': SCIM_CONTENT_TYPE };
  if (scimError.status === 401) headers['www-authenticate'] = 'Bearer realm="SCIM"';
  return { status: scimError.status, headers, body: JSON.stringify(scimError.toBody()) };
}

/**
 * The 413 of a body over `limit` bytes: a SCIM Error without a scimType (RFC 7644 §3.12 has none
 * for it; §3.7.4 answers a bulk over maxPayloadSize the same way), naming the size, the limit and
 * where the SP advertises it. `size` is the body's full size when known: an HTTP adapter keeps
 * only the first `limit + 1` bytes, and its Content-Length says how many there were.
 * @see RFC 7644 §3.12, §3.7.4; RFC 7643 §5 (bulk.maxPayloadSize)
 */
function payloadTooLarge(limit: number, size: number | undefined): ScimError {
  const body = size === undefined ? `over ${limit} bytes` : `${size} bytes`;
  return new ScimError(
    413,
    undefined,
    `The request body is ${body}; this SP accepts at most ${limit} bytes per request, as its /ServiceProviderConfig says (bulk.maxPayloadSize): send less in each request, a large group's members in several PATCH add operations`,
  );
}

/** The request's JSON body, within `limit` bytes and as SCIM or plain JSON; a ScimError otherwise. */
export function readJsonBody(request: CoreRequest, limit: number): unknown {
  const text = request.body ?? '';
  // The limit is in bytes, as bulk.maxPayloadSize advertises it; text.length counts UTF-16 units.
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limit) {
    const declared = Number(request.headers['content-length']);
    // limit + 1 bytes without a Content-Length is what an HTTP adapter keeps of any larger body.
    const full =
      Number.isSafeInteger(declared) && declared >= size ? declared : size === limit + 1 ? undefined : size;
    throw payloadTooLarge(limit, full);
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== SCIM_CONTENT_TYPE && type !== 'application/json') {
    throw new ScimError(
      415,
      undefined,
      `Content-Type must be ${SCIM_CONTENT_TYPE} (found '${type || 'none'}')`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    throw scimErrors.invalidSyntax(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  // Before any walk of the body: the walks that follow recurse.
  checkJsonDepth(body);
  return body;
}
