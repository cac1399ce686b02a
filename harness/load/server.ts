/**
 * The SCIM server under load, as the probes and the cleanup reach it: a client that records
 * nothing, a check before the load, and the bodies the load sends.
 * @see RFC 7644 §3.3, §3.4.2, §3.5.2
 */
import {
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  ScimClient,
  USER_SCHEMA,
  isJsonObject,
  probeUsers,
  type JsonObject,
} from '#harness/scim';
import { LoadError } from './errors.js';
import type { Reply } from './synced-burst.js';
import type { ResolvedLoadOptions } from './options.js';

/** A client for the server: no exchange is kept (the load makes thousands), every request timed out. */
export function loadClient(options: ResolvedLoadOptions): ScimClient {
  return new ScimClient({
    baseUrl: options.scimUrl,
    token: options.token,
    timeoutMs: options.timeoutMs,
    record: () => undefined,
  });
}

/** A minimal User with this userName. @see RFC 7643 §4.1 */
export function userBody(userName: string): JsonObject {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Load', familyName: 'Test' },
    displayName: 'Load Test',
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
  };
}

/** A Group with this displayName and no members. @see RFC 7643 §4.2 */
export function groupBody(displayName: string): JsonObject {
  return { schemas: [GROUP_SCHEMA], displayName, members: [] };
}

/** A PatchOp with these operations. @see RFC 7644 §3.5.2 */
export function patchBody(operations: JsonObject[]): JsonObject {
  return { schemas: [PATCH_OP_SCHEMA], Operations: operations };
}

/** The `filter` query value that finds one userName. @see RFC 7644 §3.4.2.2 */
export function userNameFilter(userName: string): string {
  return `userName eq "${userName.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** The id of a created resource in a 2xx answer, if it has one. */
export function createdId(response: { status: number; body: unknown }): string | undefined {
  const body = response.body;
  return response.status >= 200 && response.status < 300 && isJsonObject(body) && typeof body.id === 'string'
    ? body.id
    : undefined;
}

/** The status and, for a SCIM error, its scimType and detail: what a message about an answer shows. */
export function answerInWords(response: Reply): string {
  const body = isJsonObject(response.body) ? response.body : {};
  const scimType = typeof body.scimType === 'string' ? ` scimType ${body.scimType}` : '';
  const detail = typeof body.detail === 'string' ? ` (${body.detail.slice(0, 160)})` : '';
  return `${response.status}${scimType}${detail}`;
}

/**
 * One authenticated request before the load: an unreachable URL, a refused token or a page that
 * is not SCIM is a configuration problem, said in one line, not a report of failed requests.
 */
export async function preflight(client: ScimClient): Promise<void> {
  const { answer, failure } = await probeUsers(client);
  const where = `GET ${client.url('/Users')}`;
  if (answer === undefined)
    throw new LoadError(
      'LOAD_UNREACHABLE',
      `cannot reach the SCIM service (${failure}); check --scim-url and that the server is up`,
    );
  if (answer.status === 401 || answer.status === 403)
    throw new LoadError('LOAD_TOKEN', `${where} refused the token with ${answer.status}; check --token`);
  if (answer.status === 404 || !isJsonObject(answer.body))
    throw new LoadError(
      'LOAD_NOT_SCIM',
      `${where} answered ${answer.status}${isJsonObject(answer.body) ? '' : ' without a JSON body'}; --scim-url must be the SCIM base URL, the one /Users hangs off (e.g. https://host/scim/v2)`,
    );
  if (answer.status >= 300)
    throw new LoadError(
      'LOAD_NOT_SCIM',
      `${where} answered ${answerInWords(answer)}; the load needs a server that lists its users`,
    );
}
