/**
 * What the PATCH, characteristics and IdP-value families share: PatchOp bodies, reads of the
 * resource a write changed, multi-valued values, and the comparison of two representations.
 * @see RFC 7644 §3.5.2
 */
import type { ScenarioContext } from '#harness/runner';
import { PATCH_OP_SCHEMA, isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { createUser, expectStatus } from '../support.js';
import { probeSchemas } from './schema-probe.js';

/** The Enterprise User extension's URN. @see RFC 7643 §4.3 */
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A PatchOp request body holding `operations`. @see RFC 7644 §3.5.2 */
export const patchOp = (...Operations: JsonObject[]): JsonObject => ({
  schemas: [PATCH_OP_SCHEMA],
  Operations,
});

/** A successful PATCH: 200 with the resource or 204. @see RFC 7644 §3.5.2 */
export const PATCHED = [200, 204] as const;

/** The body of a GET of `path` (an empty object when it is not one). */
export async function read(ctx: ScenarioContext, path: string): Promise<JsonObject> {
  const response = await ctx.scim.get(path);
  return isJsonObject(response.body) ? response.body : {};
}

/** Sends a PATCH, expects it to succeed and returns the resource a GET shows next. */
export async function patched(
  ctx: ScenarioContext,
  path: string,
  rule: string,
  ...operations: JsonObject[]
): Promise<JsonObject> {
  expectStatus(ctx, await ctx.scim.patch(path, patchOp(...operations)), PATCHED, rule);
  return read(ctx, path);
}

/** The object values of a multi-valued attribute (`emails`, `members`). */
export function valuesOf(body: unknown, attribute: string): JsonObject[] {
  const values = isJsonObject(body) ? body[attribute] : undefined;
  return Array.isArray(values) ? values.filter(isJsonObject) : [];
}

/** The `value` sub-attributes of a multi-valued attribute, as strings. */
export function valueStrings(body: unknown, attribute: string): string[] {
  return valuesOf(body, attribute).flatMap((item) => (typeof item.value === 'string' ? [item.value] : []));
}

/** A unique address to add as a user's second email. */
export const anotherEmail = (ctx: ScenarioContext, prefix: string): string =>
  `${ctx.unique(prefix).toLowerCase()}@example.org`;

/** Skips the check unless the server's User schema has the attribute (`name.givenName`, a URN-qualified one). */
export async function requireUserAttribute(ctx: ScenarioContext, path: string): Promise<void> {
  const user = (await probeSchemas(ctx)).type('User');
  const found = user?.attributes.some((attribute) => attribute.path.toLowerCase() === path.toLowerCase());
  if (!found) ctx.notApplicable(`the server's User schema has no ${path}`);
}

/** A JSON value with object keys sorted and array items in a canonical order, for an order-blind comparison. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(canonical).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (!isJsonObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

/** The attribute paths (one level into complex ones) at which two representations differ. */
export function differences(a: JsonObject, b: JsonObject, prefix = ''): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.flatMap((key) => {
    const [left, right] = [a[key], b[key]];
    if (JSON.stringify(canonical(left)) === JSON.stringify(canonical(right))) return [];
    if (prefix === '' && isJsonObject(left) && isJsonObject(right))
      return differences(left, right, `${key}.`);
    return [`${prefix}${key} (${JSON.stringify(left) ?? 'absent'} ≠ ${JSON.stringify(right) ?? 'absent'})`];
  });
}

/**
 * Compares what a write answered with a GET of the same resource made right after.
 * @see RFC 7644 §3.3, §3.5.1, §3.5.2
 */
export async function expectAnswerIsStored(
  ctx: ScenarioContext,
  write: ScimResponse,
  path: string,
  what: string,
): Promise<void> {
  if (write.status === 204) ctx.notApplicable(`${what} answered 204 without a body, as the RFC allows`);
  ctx.expect(isJsonObject(write.body), `${what} answered ${write.status} without a resource body`, [
    { kind: 'http', exchange: write.exchange },
  ]);
  const later = await ctx.scim.get(path);
  const stored = isJsonObject(later.body) ? later.body : {};
  const diff = differences(write.body, stored);
  ctx.expect(
    diff.length === 0,
    `${what} answered a resource that differs from a GET of it made right after, at ${diff.join('; ')}; the answer must be the resource as stored (RFC 7644 §3.3, §3.5.1, §3.5.2), and an IdP that records the answer keeps values the server does not hold`,
    [
      { kind: 'http', exchange: write.exchange },
      { kind: 'http', exchange: later.exchange },
    ],
  );
}

/**
 * Judges a write meant to set `active` to `wanted`: applied (a GET shows the boolean), or refused
 * with 400 when `refusal` is undefined; a refusal otherwise fails with `refusal` as an error. A 2xx
 * that leaves a user active is critical (the user keeps access); a string stored where the schema
 * says boolean is an error.
 * @see RFC 7643 §2.3.2, §4.1.1; RFC 7644 §3.5.2
 */
export async function expectActive(
  ctx: ScenarioContext,
  id: string,
  response: ScimResponse,
  wanted: boolean,
  what: string,
  refusal?: string,
): Promise<void> {
  const evidence = [{ kind: 'http' as const, exchange: response.exchange }];
  if (response.status === 400) {
    if (refusal === undefined) return;
    ctx.failAt({ level: 'MUST', security: false }, `${what} was refused with 400: ${refusal}`, evidence);
  }
  expectStatus(ctx, response, PATCHED, `${what}: applied (200/204) or refused (400), RFC 7644 §3.5.2`);
  const later = await ctx.scim.get(`/Users/${id}`);
  const active = isJsonObject(later.body) ? later.body.active : undefined;
  evidence.push({ kind: 'http', exchange: later.exchange });
  ctx.expect(
    typeof active !== 'string',
    `After ${what} (answered ${response.status}), GET shows active as the string ${JSON.stringify(active)}; active is a boolean (RFC 7643 §4.1.1, §2.3.2), and an IdP or SP reading it as truthy treats the user as active`,
    evidence,
  );
  if (active === wanted) return;
  const message = `${what} was answered ${response.status} but GET shows active ${JSON.stringify(active)}, not ${wanted}: the change silently did not take effect`;
  if (!wanted)
    ctx.failAt({ level: 'MUST', security: true }, `${message}, so the user keeps access`, evidence);
  ctx.fail(`${message}, so the user stays locked out`, evidence);
}

/** A user's emails: the primary work one (its userName) and a home one. */
export function homeAndWork(ctx: ScenarioContext): JsonObject[] {
  return [
    { value: `${ctx.unique('w').toLowerCase()}@example.com`, type: 'work', primary: true },
    { value: anotherEmail(ctx, 'home'), type: 'home' },
  ];
}

/**
 * Creates a user with a primary work email and a home one; not applicable when the server does
 * not keep both with their types (a server may store one email only).
 */
export async function createUserWithHomeEmail(
  ctx: ScenarioContext,
  extra: JsonObject = {},
): Promise<{ id: string; emails: JsonObject[] }> {
  const emails = homeAndWork(ctx);
  const { id } = await createUser(ctx, { ...extra, emails });
  const types = valuesOf(await read(ctx, `/Users/${id}`), 'emails').map((email) => email.type);
  if (!types.includes('home') || !types.includes('work'))
    ctx.notApplicable('the server does not keep a second email with its type (work and home)');
  return { id, emails };
}
