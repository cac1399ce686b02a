/**
 * The SCIM wire format of the mock SP's answers and requests: errors as SCIM Error
 * responses, and request bodies read within the size limit and media types.
 * @see RFC 7644 §3.1, §3.12
 */
import { SCIM_CONTENT_TYPE, ScimError, scimErrors } from '#harness/scim';
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

/** The request's JSON body, within `limit` bytes and as SCIM or plain JSON; a ScimError otherwise. */
export function readJsonBody(request: CoreRequest, limit: number): unknown {
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
  if (type !== SCIM_CONTENT_TYPE && type !== 'application/json') {
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
