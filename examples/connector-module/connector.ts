/**
 * A SCIM connector written from scratch against the public contract (`Connector`;
 * docs/decisions/0022-connector-contract.md): everything the contract leaves to the connector
 * — lookup before create, take-over, one replace per changed attribute, deactivation, group
 * take-over and membership diffs split over requests — and, in transport.ts, retries and token
 * refresh.
 * @see IDP-IDM-01, IDP-IDM-03…07, IDP-IDM-12, IDP-IDM-13, IDP-IDM-14
 */
import { ConnectorError, changedAttributes, mapUser } from 'sso-harness';
import type { Connector, ConnectorContext } from 'sso-harness';
import { MAX_ATTEMPTS, backoff, retryAfterMs, scimClient } from './transport.js';

type Json = Record<string, unknown>;
type ScimClient = ConnectorContext['scim'];
type ScimResponse = Awaited<ReturnType<ScimClient['get']>>;

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

const patchBody = (operations: Json[]): Json => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: operations,
});
const replace = (path: string, value: unknown): Json => ({ op: 'replace', path, value });

/** Throws unless the SP answered one of `expected`, with its error `detail` (the admin's fix: SF-07). */
export function ok(response: ScimResponse, what: string, expected: readonly number[]): void {
  if (expected.includes(response.status)) return;
  const detail = (response.body as Json | undefined)?.detail;
  throw new ConnectorError(`${what} answered ${response.status}${detail ? `: ${String(detail)}` : ''}`);
}

/** The id of the resource the SP answered with. */
export function idOf(response: ScimResponse, what: string): string {
  const id = (response.body as Json | undefined)?.id;
  if (typeof id !== 'string' || id === '') throw new ConnectorError(`${what} answered without an id`);
  return id;
}

/** The first resource whose `attribute` equals `value`, quoted as a JSON string (RFC 7644 §3.4.2.2). */
async function findOne(scim: ScimClient, path: string, attribute: string, value: string) {
  const found = await scim.get(path, { query: { filter: `${attribute} eq ${JSON.stringify(value)}` } });
  ok(found, `Looking up ${value}`, [200]);
  const first = ((found.body as Json).Resources as Json[] | undefined)?.[0];
  return typeof first?.id === 'string' ? (first as Json & { id: string }) : undefined;
}

/** Member references for a group body or a PATCH value. */
const refs = (ids: readonly string[]): Json[] => ids.map((value) => ({ value }));
const memberOp = (op: 'add' | 'remove', ids: readonly string[]): Json => ({
  op,
  path: 'members',
  value: refs(ids),
});

/** `ids` in runs of at most `max` (all in one when max is null); none when empty. */
function runs(ids: readonly string[], max: number | null): string[][] {
  const size = max ?? Math.max(ids.length, 1);
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Member operations packed into requests naming at most `max` members in all (IDP-IDM-14). */
function packed(operations: readonly Json[], max: number | null): Json[][] {
  const requests: Json[][] = [];
  let size = Infinity;
  for (const operation of operations) {
    const members = (operation.value as unknown[]).length;
    if (max === null ? requests.length === 0 : size + members > max) {
      requests.push([]);
      size = 0;
    }
    requests.at(-1)!.push(operation);
    size += members;
  }
  return requests;
}

/** One replace per changed attribute (IDP-IDM-13); an extension's attributes get URN-qualified paths. */
function replaceOps(resource: Json, keys: readonly string[]): Json[] {
  return keys.flatMap((key) => {
    const value = resource[key];
    if (!key.startsWith('urn:') || typeof value !== 'object' || value === null) return [replace(key, value)];
    return Object.entries(value).map(([name, inner]) => replace(`${key}:${name}`, inner));
  });
}

/** Whether the SP's value holds all of `wanted`; attribute names are case-insensitive (RFC 7643 §2.1). */
function holds(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted))
    return Array.isArray(actual) && wanted.every((item) => actual.some((other) => holds(other, item)));
  if (typeof wanted !== 'object' || wanted === null) return actual === wanted;
  if (typeof actual !== 'object' || actual === null) return false;
  const entries = Object.entries(actual);
  const at = (name: string) => entries.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  return Object.entries(wanted).every(([key, value]) => holds(at(key), value));
}

async function update(scim: ScimClient, spId: string, operations: Json[]): Promise<void> {
  ok(await scim.patch(`/Users/${spId}`, patchBody(operations)), `Updating ${spId}`, [200, 204]);
}

/**
 * IDP-IDM-12: a create answered 5xx, or never answered, may have been stored all the same,
 * so the user is looked up before it is sent again: a retry never makes a second user.
 */
async function createUser(ctx: ConnectorContext, scim: ScimClient, resource: Json): Promise<string> {
  const userName = String(resource.userName);
  let last = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    let asked: number | undefined; // the wait a 503 asked for (Retry-After)
    try {
      const created = await scim.post('/Users', resource);
      if (created.status === 201) return idOf(created, `Creating ${userName}`);
      if (created.status < 500) ok(created, `Creating ${userName}`, [201]); // a 4xx will not heal: throws
      last = `answered ${created.status}`;
      asked = retryAfterMs(created.headers['retry-after'], ctx.now());
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      last = String(error); // the client throws only when no answer came (a timeout, a reset)
    }
    await ctx.sleep(Math.max(backoff(attempt), asked ?? 0));
    const stored = await findOne(scim, '/Users', 'userName', userName);
    if (stored) return stored.id;
  }
  throw new ConnectorError(`Creating ${userName} failed ${MAX_ATTEMPTS} times (last: ${last})`);
}

/** What `run --connector` loads (the CLI takes `export default` or `export const connector`). */
export const connector: Connector = {
  name: 'example-connector',

  // IDP-IDM-01: a test user (and group), then removed; deactivated where the SP takes no DELETE.
  async testConnection(ctx, options) {
    const scim = scimClient(ctx);
    const suffix = ctx.now().toString(36);
    const userName = `example.test.${suffix}@example.com`;
    const name = { givenName: 'Example', familyName: 'Test' };
    const emails = [{ value: userName, type: 'work', primary: true }];
    const user = await scim.post('/Users', { schemas: [USER_SCHEMA], userName, name, emails, active: true });
    ok(user, 'Creating the test user', [201]);
    const userId = idOf(user, 'Creating the test user');
    if (options.groups) {
      const members = [{ value: userId }];
      const displayName = `Example Test ${suffix}`;
      const group = await scim.post('/Groups', { schemas: [GROUP_SCHEMA], displayName, members });
      ok(group, 'Creating the test group', [201]);
      const groupId = idOf(group, 'Creating the test group');
      ok(await scim.delete(`/Groups/${groupId}`), 'Deleting the test group', [204]);
    }
    if (options.deleteUsers) ok(await scim.delete(`/Users/${userId}`), 'Deleting the test user', [204]);
    else await update(scim, userId, [replace('active', false)]);
  },

  async provisionUser(ctx, user, link) {
    const scim = scimClient(ctx);
    // mapUser and changedAttributes are helpers, not obligations: they apply the app's attribute
    // table (create-only rows, excluded optional rows, value paths, URN extension paths).
    // The user is active unless the table derives otherwise (SF-08).
    const forCreate = link.spId === undefined;
    const mapped = mapUser(user, ctx.mappings, { excluded: ctx.excluded, forCreate });
    const resource: Json = { active: true, ...mapped };
    if (link.spId !== undefined) {
      // A row no longer sent (create-only, excluded) is left as the SP has it: a replace needs a value.
      const changed = changedAttributes(link.lastSent, resource).filter((key) => key in resource);
      if (changed.length > 0) await update(scim, link.spId, replaceOps(resource, changed));
      return { spId: link.spId, lastSent: resource };
    }
    // IDP-IDM-03: look the user up (userName eq) before creating it; take one that exists over,
    // replacing what differs.
    const existing = await findOne(scim, '/Users', 'userName', String(resource.userName));
    if (existing === undefined) return { spId: await createUser(ctx, scim, resource), lastSent: resource };
    const differing = Object.keys(resource).filter(
      (key) => key !== 'schemas' && !holds(existing[key], resource[key]),
    );
    if (differing.length > 0) await update(scim, existing.id, replaceOps(resource, differing));
    return { spId: existing.id, lastSent: resource };
  },

  // IDP-IDM-05: a replace of active with the JSON Boolean false (RFC 7643 §2.3.2), never "false".
  async deprovisionUser(ctx, _user, spId) {
    await update(scimClient(ctx), spId, [replace('active', false)]);
  },

  // A user already gone (404) is as deleted as it gets.
  async deleteUser(ctx, user, spId) {
    ok(await scimClient(ctx).delete(`/Users/${spId}`), `Deleting ${user.username}`, [204, 404]);
  },

  async syncGroup(ctx, group, memberSpIds, link) {
    const scim = scimClient(ctx);
    const what = `Syncing group ${group.name}`;
    // IDP-IDM-14: at most ctx.maxMembersPerRequest members a request (the app's figure), so a
    // large group never passes the SP's body limit and is refused 413.
    const max = ctx.maxMembersPerRequest;
    // IDP-IDM-07: take over an SP group of the same displayName instead of creating a second one.
    const spId = link.spId ?? (await findOne(scim, '/Groups', 'displayName', group.name))?.id;
    if (spId === undefined) {
      const [first = [], ...rest] = runs(memberSpIds, max);
      const body = { schemas: [GROUP_SCHEMA], displayName: group.name, members: refs(first) };
      const created = await scim.post('/Groups', body);
      ok(created, what, [201]);
      const id = idOf(created, what);
      for (const run of rest)
        ok(await scim.patch(`/Groups/${id}`, patchBody([memberOp('add', run)])), what, [200, 204]);
      return { spId: id, lastMembers: [...memberSpIds] };
    }
    // IDP-IDM-13: membership as a diff — add the whole current list (the SP takes it idempotently)
    // and remove the members gone since the last sync; the name goes in the first request.
    const gone = (link.lastMembers ?? []).filter((id) => !memberSpIds.includes(id));
    const requests = packed(
      [
        ...runs(memberSpIds, max).map((run) => memberOp('add', run)),
        ...runs(gone, max).map((run) => memberOp('remove', run)),
      ],
      max,
    );
    requests[0] = [replace('displayName', group.name), ...(requests[0] ?? [])];
    for (const operations of requests)
      ok(await scim.patch(`/Groups/${spId}`, patchBody(operations)), what, [200, 204]);
    return { spId, lastMembers: [...memberSpIds] };
  },

  async deleteGroup(ctx, group, spId) {
    ok(await scimClient(ctx).delete(`/Groups/${spId}`), `Deleting group ${group.name}`, [204, 404]);
  },
};
