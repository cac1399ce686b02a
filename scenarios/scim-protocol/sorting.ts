/**
 * Sorting a list with sortBy and sortOrder, only where /ServiceProviderConfig advertises
 * sort: RFC 7644 §3.4.2.3 makes it optional, and a server that does not offer it may ignore
 * the parameters.
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import { createUser } from '../support.js';
import { listPage, prefixOf, scope, seedUsers } from './list-support.js';
import { probeSchemas } from './schema-probe.js';

const SORTING = 'RFC 7644 §3.4.2.3';
const EMPLOYEE_NUMBER = `${ENTERPRISE_USER_SCHEMA}:employeeNumber`;
const impact = {
  severity: 'warning',
  consequence:
    'no IdP this tool models sorts; an admin console or report that pages a sorted list shows it out of order',
} as const;

/** Not applicable unless the server advertises sort. */
function requireSort(ctx: ScenarioContext): void {
  if (!ctx.target.capabilities.advertised.sort)
    ctx.notApplicable(`sort is not advertised in /ServiceProviderConfig; sorting is optional (${SORTING})`);
}

/**
 * The order in which a sorted list of the users under `prefix` puts `ids`. Not applicable when
 * the server refuses to sort by the attribute (the RFC does not make every attribute sortable)
 * or does not show them all on one page.
 */
async function sortedOrder(
  ctx: ScenarioContext,
  prefix: string,
  ids: string[],
  sort: { sortBy: string; sortOrder?: 'ascending' | 'descending' },
): Promise<string[]> {
  const response = await ctx.scim.get('/Users', {
    query: { ...(await scope(ctx, 'userName', prefix)).query, ...sort, count: 200 },
  });
  if (response.status === 400 && sort.sortBy !== 'userName')
    ctx.notApplicable(`the server does not sort by ${sort.sortBy} (400)`);
  const listed = listPage(ctx, response, SORTING).resources.map((resource) => String(resource.id));
  const order = listed.filter((id) => ids.includes(id));
  if (order.length < ids.length)
    ctx.notApplicable('the sorted list does not show every seeded user on one page');
  return order;
}

/** Fails unless `order` is `expected`, saying which users were wanted where. */
function expectOrder(
  ctx: ScenarioContext,
  order: string[],
  expected: string[],
  labels: Record<string, string>,
  rule: string,
): void {
  const show = (ids: string[]) => ids.map((id) => labels[id] ?? id).join(', ');
  ctx.expect(
    order.join() === expected.join(),
    `The sorted list put the users in the order [${show(order)}]; expected [${show(expected)}]: ${rule} (${SORTING})`,
  );
}

export const sortingScenarios = [
  defineScenario({
    id: 'scim-protocol/sort',
    title: 'sortBy=userName&sortOrder=descending orders the list',
    requirements: ['SCIM-LIST-SORT'],
    level: 'MUST',
    clause: SORTING,
    requires: { advertised: 'sort' },
    async run(ctx: ScenarioContext) {
      for (let n = 0; n < 3; n++) await createUser(ctx);
      const found = listPage(
        ctx,
        await ctx.scim.get('/Users', { query: { sortBy: 'userName', sortOrder: 'descending', count: 50 } }),
      ).resources;
      // userName is caseExact false, so the order is case-insensitive (RFC 7644 §3.4.2.3).
      const names = found.map((r) => String(r.userName).toLowerCase());
      const outOfOrder = names.findIndex((name, i) => i > 0 && names[i - 1]! < name);
      ctx.expect(found.length >= 3, `sortBy returned ${found.length} users while at least 3 exist`);
      ctx.expect(
        outOfOrder < 0,
        `sortBy=userName descending put '${names[outOfOrder - 1]}' before '${names[outOfOrder]}' (RFC 7644 §3.4.2.3)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/sort-ascending-default',
    title: 'sortBy without sortOrder sorts ascending',
    requirements: ['SCIM-LIST-SORT'],
    level: 'MUST',
    clause: SORTING,
    impact,
    async run(ctx: ScenarioContext) {
      requireSort(ctx);
      const prefix = prefixOf(ctx, 'srt');
      const ids = await seedUsers(ctx, prefix, 3, (n) => ({
        userName: `${prefix}-${'bca'[n - 1]}@example.com`,
      }));
      const order = await sortedOrder(ctx, prefix, ids, { sortBy: 'userName' });
      expectOrder(
        ctx,
        order,
        [ids[2]!, ids[0]!, ids[1]!],
        { [ids[0]!]: 'b', [ids[1]!]: 'c', [ids[2]!]: 'a' },
        '"If a value for "sortBy" is provided and no "sortOrder" is specified, "sortOrder" SHALL default to ascending"',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/sort-case-insensitive',
    title: 'sorting by userName (caseExact false) ignores case',
    requirements: ['SCIM-LIST-SORT'],
    level: 'MUST',
    clause: SORTING,
    impact,
    async run(ctx: ScenarioContext) {
      requireSort(ctx);
      const prefix = prefixOf(ctx, 'srt');
      const ids = await seedUsers(ctx, prefix, 3, (n) => ({
        userName: `${prefix}-${['B', 'a', 'C'][n - 1]}@example.com`,
      }));
      const order = await sortedOrder(ctx, prefix, ids, { sortBy: 'userName', sortOrder: 'ascending' });
      expectOrder(
        ctx,
        order,
        [ids[1]!, ids[0]!, ids[2]!],
        { [ids[0]!]: 'B', [ids[1]!]: 'a', [ids[2]!]: 'C' },
        '"for case-insensitive attributes, sort the result using case-insensitive Unicode alphabetic sort order", and userName is caseExact false (RFC 7643 §4.1.1)',
      );
    },
  }),
  ...(['ascending', 'descending'] as const).map((sortOrder) =>
    defineScenario({
      id: `scim-protocol/sort-missing-value-${sortOrder}`,
      title: `resources without the sortBy attribute come ${sortOrder === 'ascending' ? 'last' : 'first'} when ${sortOrder}`,
      requirements: ['SCIM-LIST-SORT'],
      level: 'MUST',
      clause: SORTING,
      impact: {
        severity: 'note',
        consequence: 'where users without a title land in a sorted list; nothing an IdP reads',
      },
      async run(ctx: ScenarioContext) {
        requireSort(ctx);
        const prefix = prefixOf(ctx, 'srt');
        const ids = await seedUsers(ctx, prefix, 3, (n) =>
          n === 2 ? {} : { title: n === 1 ? 'Alpha' : 'Beta' },
        );
        const order = await sortedOrder(ctx, prefix, ids, { sortBy: 'title', sortOrder });
        const titled = sortOrder === 'ascending' ? [ids[0]!, ids[2]!] : [ids[2]!, ids[0]!];
        const expected = sortOrder === 'ascending' ? [...titled, ids[1]!] : [ids[1]!, ...titled];
        expectOrder(
          ctx,
          order,
          expected,
          { [ids[0]!]: 'Alpha', [ids[1]!]: '(no title)', [ids[2]!]: 'Beta' },
          '"if there is no data for the specified "sortBy" value, they are sorted via the "sortOrder" parameter, i.e., they are ordered last if ascending and first if descending"',
        );
      },
    }),
  ),
  defineScenario({
    id: 'scim-protocol/sort-multi-valued-primary',
    title: 'sorting by a multi-valued attribute uses its primary value',
    requirements: ['SCIM-LIST-SORT'],
    level: 'MUST',
    clause: SORTING,
    impact,
    async run(ctx: ScenarioContext) {
      requireSort(ctx);
      const prefix = prefixOf(ctx, 'srt');
      const email = (tag: string, primary: boolean): JsonObject => ({
        value: `${prefix}-${tag}@example.com`,
        type: primary ? 'work' : 'home',
        primary,
      });
      const one = await createUser(ctx, {
        userName: `${prefix}-1@example.com`,
        emails: [email('c', false), email('a', true)],
      });
      const two = await createUser(ctx, { userName: `${prefix}-2@example.com`, emails: [email('b', true)] });
      const kept = Array.isArray(one.body.emails) ? one.body.emails.filter(isJsonObject).length : 0;
      if (kept < 2) ctx.notApplicable('the server did not keep two emails on one user');
      const order = await sortedOrder(ctx, prefix, [one.id, two.id], { sortBy: 'emails.value' });
      expectOrder(
        ctx,
        order,
        [one.id, two.id],
        { [one.id]: 'primary a, first c', [two.id]: 'only b' },
        '"if it\'s a multi-valued attribute, resources are sorted by the value of the primary attribute … if any, or else the first value in the list"',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/sort-extension-attribute',
    title: 'sortBy takes an extension attribute by its full URN path',
    requirements: ['SCIM-LIST-SORT'],
    level: 'MUST',
    clause: `${SORTING}, §3.10`,
    impact,
    async run(ctx: ScenarioContext) {
      requireSort(ctx);
      const user = (await probeSchemas(ctx)).type('User');
      if (!user?.attributes.some((attribute) => attribute.path === EMPLOYEE_NUMBER))
        ctx.notApplicable('the User resource type has no enterprise extension employeeNumber');
      const prefix = prefixOf(ctx, 'srt');
      const ids = await seedUsers(ctx, prefix, 3, (n) => ({
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: String(4 - n) },
      }));
      const shown = (await ctx.scim.get(`/Users/${ids[0]}`)).body;
      const extension = isJsonObject(shown) ? shown[ENTERPRISE_USER_SCHEMA] : undefined;
      if (!isJsonObject(extension) || extension.employeeNumber !== '3')
        ctx.notApplicable('the server did not keep the employeeNumber it was sent');
      const order = await sortedOrder(ctx, prefix, ids, { sortBy: EMPLOYEE_NUMBER });
      expectOrder(
        ctx,
        order,
        [...ids].reverse(),
        { [ids[0]!]: '3', [ids[1]!]: '2', [ids[2]!]: '1' },
        `sortBy=${EMPLOYEE_NUMBER} names the attribute in standard attribute notation (RFC 7644 §3.10), so it sorts by employeeNumber`,
      );
    },
  }),
];
