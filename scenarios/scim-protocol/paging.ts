/**
 * Paging a list: startIndex and count as RFC 7644 §3.4.2.4 reads them, and the ListResponse
 * fields that tell a client where it is (§3.4.2). An IdP reconciling a directory walks every
 * page; a server that pages wrong makes it miss users or see them twice.
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { createUser } from '../support.js';
import { idsOf, listPage, prefixOf, scope, seedGroups, seedUsers, type ListPage } from './list-support.js';

const PAGING = 'RFC 7644 §3.4.2.4';

/** GET `collection` with `query` plus the paging parameters, as a ListResponse. */
async function page(
  ctx: ScenarioContext,
  collection: '/Users' | '/Groups',
  query: Record<string, string>,
  paging: { startIndex?: number; count?: number },
): Promise<ListPage> {
  return listPage(ctx, await ctx.scim.get(collection, { query: { ...query, ...paging } }), PAGING);
}

/** Users seeded under a prefix, and the query that lists them (all users where the server does not filter). */
async function seeded(ctx: ScenarioContext, count: number) {
  const prefix = prefixOf(ctx, 'pg');
  const ids = await seedUsers(ctx, prefix, count);
  return { ids, ...(await scope(ctx, 'userName', prefix)) };
}

const noResources = (listed: ListPage): boolean => listed.resources.length === 0;

/**
 * Walks every page of `collection` with count=2, the way an IdP reconciles; fails unless each
 * of `ids` turns up exactly once. Not applicable to a whole list too long to walk.
 */
async function walk(
  ctx: ScenarioContext,
  collection: '/Users' | '/Groups',
  ids: string[],
  query: Record<string, string>,
): Promise<void> {
  const seen: unknown[] = [];
  let startIndex = 1;
  for (let pages = 0; ; pages++) {
    const listed = await page(ctx, collection, query, { startIndex, count: 2 });
    const total = listed.body.totalResults;
    if (pages === 0 && typeof total === 'number' && total > 400)
      ctx.notApplicable(`${collection} holds ${total} resources, too many to walk two at a time`);
    seen.push(...idsOf(listed));
    startIndex += listed.resources.length;
    if (listed.resources.length === 0 || typeof total !== 'number' || startIndex > total || pages > 250)
      break;
  }
  const counts = ids.map((id) => seen.filter((seenId) => seenId === id).length);
  ctx.expect(
    counts.every((n) => n === 1),
    `Walking ${collection} two at a time (startIndex 1, 3, 5, … by the resources each page returned) saw the ${ids.length} resources created ${counts.join(', ')} times; each must turn up exactly once (${PAGING}: startIndex is the 1-based index of the first result). An IdP reconciling page by page would miss or duplicate them`,
  );
}

export const pagingScenarios = [
  defineScenario({
    id: 'scim-protocol/pagination-start-index',
    title: 'startIndex is 1-based and count limits the page',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    async run(ctx: ScenarioContext) {
      // No filter, so the check also runs where only `eq` filters are supported.
      for (let n = 0; n < 3; n++) await createUser(ctx);
      const firstThree = (await page(ctx, '/Users', {}, { startIndex: 1, count: 3 })).resources;
      ctx.expect(
        firstThree.length === 3,
        `startIndex=1&count=3 returned ${firstThree.length} users while at least 3 exist (RFC 7644 §3.4.2.4)`,
      );
      const { body, resources: second } = await page(ctx, '/Users', {}, { startIndex: 2, count: 1 });
      ctx.expect(
        second.length === 1 && second[0]!.id === firstThree[1]!.id,
        `startIndex=2&count=1 returned ${second[0]?.id === firstThree[0]!.id ? 'the first' : 'another'} resource, not the second of the list: startIndex is 1-based (RFC 7644 §3.4.2.4)`,
      );
      ctx.expect(
        typeof body.totalResults === 'number' && body.totalResults >= 3,
        `totalResults must count every resource (≥ 3), found ${JSON.stringify(body.totalResults)} (RFC 7644 §3.4.2)`,
      );
      ctx.expect(
        body.startIndex === 2,
        `The ListResponse startIndex must echo 2, found ${JSON.stringify(body.startIndex)} (RFC 7644 §3.4.2)`,
      );
      ctx.expect(
        body.itemsPerPage === 1,
        `itemsPerPage must be the number of resources returned (1), found ${JSON.stringify(body.itemsPerPage)} (RFC 7644 §3.4.2)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-start-index-below-one',
    title: 'a startIndex below 1 reads as 1',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    impact: {
      severity: 'warning',
      consequence: 'IdPs start at 1; a client that starts at 0 gets an error or a shifted page',
    },
    async run(ctx: ScenarioContext) {
      const { query } = await seeded(ctx, 3);
      const first = idsOf(await page(ctx, '/Users', query, { startIndex: 1, count: 2 }));
      for (const startIndex of [0, -3]) {
        const listed = await page(ctx, '/Users', query, { startIndex, count: 2 });
        ctx.expect(
          JSON.stringify(idsOf(listed)) === JSON.stringify(first),
          `startIndex=${startIndex} returned [${idsOf(listed).join(', ')}], not the first page [${first.join(', ')}]: "A value less than 1 SHALL be interpreted as 1" (${PAGING})`,
        );
      }
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-start-index-past-end',
    title: 'a startIndex past the last result returns no resources and the true totalResults',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4, §3.4.2',
    impact: {
      severity: 'warning',
      consequence:
        'IdPs stop at totalResults; a client that pages until a page comes back empty loops or sees the last resources twice',
    },
    async run(ctx: ScenarioContext) {
      const { query } = await seeded(ctx, 2);
      const total = (await page(ctx, '/Users', query, { count: 1 })).body.totalResults;
      ctx.expect(typeof total === 'number', `totalResults must be a number, found ${JSON.stringify(total)}`);
      const past = await page(ctx, '/Users', query, { startIndex: total + 1, count: 5 });
      ctx.expect(
        noResources(past),
        `startIndex=${total + 1}, one past totalResults ${total}, returned ${past.resources.length} resources; there are none from there (${PAGING}). A client walking pages until one comes back empty never stops, or sees the last resources again`,
      );
      ctx.expect(
        past.body.totalResults === total,
        `Past the end totalResults changed from ${total} to ${JSON.stringify(past.body.totalResults)}; it counts every match whatever the page (RFC 7644 §3.4.2)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-count-zero',
    title: 'count=0 returns no resources, only totalResults',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    impact: {
      severity: 'warning',
      consequence: 'a client asking only how many resources match gets every resource instead',
    },
    async run(ctx: ScenarioContext) {
      const { query, scoped } = await seeded(ctx, 2);
      const listed = await page(ctx, '/Users', query, { count: 0 });
      const total = listed.body.totalResults;
      ctx.expect(
        noResources(listed),
        `count=0 returned ${listed.resources.length} resources: "A value of "0" indicates that no resource results are to be returned except for "totalResults"" (${PAGING})`,
      );
      ctx.expect(
        typeof total === 'number' && (scoped ? total === 2 : total >= 2),
        `count=0 must still report totalResults (${scoped ? '2' : '≥ 2'}), found ${JSON.stringify(total)} (${PAGING})`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-count-negative',
    title: 'a negative count reads as 0',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    impact: {
      severity: 'note',
      consequence:
        'no IdP sends a negative count; a client that computes one gets resources it did not ask for',
    },
    async run(ctx: ScenarioContext) {
      const { query } = await seeded(ctx, 2);
      const listed = await page(ctx, '/Users', query, { count: -1 });
      ctx.expect(
        noResources(listed),
        `count=-1 returned ${listed.resources.length} resources: "A negative value SHALL be interpreted as "0"", which returns none (${PAGING})`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-count-limit',
    title: 'a page holds no more resources than count',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    async run(ctx: ScenarioContext) {
      const { query } = await seeded(ctx, 3);
      const listed = await page(ctx, '/Users', query, { count: 2 });
      ctx.expect(
        listed.resources.length === 2,
        `count=2 over at least 3 matches returned ${listed.resources.length} resources: "the service provider MUST NOT return more results than specified" (${PAGING}), and a server that returns fewer while more match makes a client stop early`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-items-per-page',
    title: 'itemsPerPage is the number of resources on the page, the last short page included',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2',
    impact: {
      severity: 'warning',
      consequence:
        'a client that advances startIndex by itemsPerPage steps past the end; IdPs count the resources instead',
    },
    async run(ctx: ScenarioContext) {
      const { query, scoped } = await seeded(ctx, 3);
      if (!scoped)
        ctx.notApplicable('needs a filter to know which page is the last; filter is not advertised');
      for (const startIndex of [1, 3]) {
        const listed = await page(ctx, '/Users', query, { startIndex, count: 2 });
        ctx.expect(
          listed.body.itemsPerPage === listed.resources.length && listed.body.startIndex === startIndex,
          `startIndex=${startIndex}&count=2 over 3 matches answered itemsPerPage ${JSON.stringify(listed.body.itemsPerPage)} and startIndex ${JSON.stringify(listed.body.startIndex)} with ${listed.resources.length} resources: itemsPerPage is "the number of resources returned in a list response page" and startIndex "the 1-based index of the first result in the current set", both REQUIRED on a partial page (RFC 7644 §3.4.2)`,
        );
      }
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-total-results',
    title: 'totalResults counts every match, not the page',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2',
    async run(ctx: ScenarioContext) {
      const { query, scoped } = await seeded(ctx, 5);
      const total = (await page(ctx, '/Users', query, { count: 2 })).body.totalResults;
      ctx.expect(
        typeof total === 'number' && (scoped ? total === 5 : total >= 5),
        `With count=2 over ${scoped ? '5' : 'at least 5'} matches totalResults was ${JSON.stringify(total)}: it is "the total number of results returned by the list or query operation", not the page size (RFC 7644 §3.4.2). A client sizing its walk by it stops after the first page`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-walk-users',
    title: 'walking /Users two at a time sees every user exactly once',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    async run(ctx: ScenarioContext) {
      const { ids, query } = await seeded(ctx, 5);
      await walk(ctx, '/Users', ids, query);
    },
  }),
  defineScenario({
    id: 'scim-protocol/paging-walk-groups',
    title: 'walking /Groups two at a time sees every group exactly once',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    requires: { groups: true },
    async run(ctx: ScenarioContext) {
      const prefix = prefixOf(ctx, 'pg');
      const ids = await seedGroups(ctx, prefix, 5);
      await walk(ctx, '/Groups', ids, (await scope(ctx, 'displayName', prefix)).query);
    },
  }),
];
