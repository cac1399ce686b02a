/**
 * What the listing-shape checks share: reading a ListResponse, seeding resources under one
 * prefix, and scoping a list to them where the server filters.
 */
import type { ScenarioContext } from '#harness/runner';
import { GROUP_SCHEMA, isJsonObject, type JsonObject, type ScimResponse } from '#harness/scim';
import { CREATE_GROUP_CHECK, createUser, expectStatus, removeLater } from '../support.js';

export interface ListPage {
  body: JsonObject;
  /** `Resources`, or none when the server left it out. */
  resources: JsonObject[];
}

/** The ListResponse a list or search answered with; fails unless it is one. @see RFC 7644 §3.4.2 */
export function listPage(ctx: ScenarioContext, response: ScimResponse, rule = 'RFC 7644 §3.4.2'): ListPage {
  expectStatus(ctx, response, 200, rule);
  const body = response.body;
  ctx.expect(
    isJsonObject(body) && Array.isArray(body.Resources ?? []),
    `Expected a ListResponse (${rule}), got ${response.text.slice(0, 200)}`,
  );
  return { body, resources: ((body.Resources as unknown[] | undefined) ?? []).filter(isJsonObject) };
}

export const quote = JSON.stringify;

/** A lower-case prefix unique to the check, for the resources it seeds. */
export const prefixOf = (ctx: ScenarioContext, tag: string): string => ctx.unique(tag).toLowerCase();

/**
 * The query that lists only the resources whose `attribute` starts with `prefix`, where the
 * server advertises filtering and takes `sw`; else none (the whole collection), with `scoped`
 * false. A server without `sw` is judged for that by the filter checks, not here.
 */
export async function scope(
  ctx: ScenarioContext,
  attribute: 'userName' | 'displayName',
  prefix: string,
): Promise<{ query: Record<string, string>; scoped: boolean }> {
  const query = { filter: `${attribute} sw ${quote(prefix)}` };
  if (!ctx.target.capabilities.advertised.filter) return { query: {}, scoped: false };
  const collection = attribute === 'userName' ? '/Users' : '/Groups';
  const probe = await ctx.scim.get(collection, { query: { ...query, count: 1 } });
  return probe.status === 200 ? { query, scoped: true } : { query: {}, scoped: false };
}

/** Creates `count` users named `<prefix>-<n>@example.com` (n from 1), with `extra(n)` merged in; their ids in order. */
export async function seedUsers(
  ctx: ScenarioContext,
  prefix: string,
  count: number,
  extra: (n: number) => JsonObject = () => ({}),
): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++)
    ids.push((await createUser(ctx, { userName: `${prefix}-${n}@example.com`, ...extra(n) })).id);
  return ids;
}

/** Creates `count` groups named `<prefix>-<n>`; their ids. Blocked by the group lifecycle check when a create fails. */
export async function seedGroups(ctx: ScenarioContext, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const response = await ctx.scim.post('/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: `${prefix}-${n}`,
    });
    const id = removeLater(ctx, response, '/Groups');
    ctx.require(
      (response.status === 200 || response.status === 201) && id !== undefined,
      CREATE_GROUP_CHECK,
      `creating test group ${prefix}-${n} answered ${response.status}`,
    );
    ids.push(id);
  }
  return ids;
}

/** The ids of a page's resources. */
export const idsOf = (page: ListPage): unknown[] => page.resources.map((resource) => resource.id);
