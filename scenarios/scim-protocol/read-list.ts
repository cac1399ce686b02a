import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { createUser, expectScimError, expectStatus } from '../support.js';
import { resources } from './filter-support.js';

export const readListScenarios = [
  defineScenario({
    id: 'scim-protocol/get-user-by-id',
    title: 'GET /Users/{id} returns the user',
    requirements: ['SCIM-READ'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      const response = await ctx.scim.get(`/Users/${id}`);
      expectStatus(ctx, response, 200, 'RFC 7644 §3.4.1');
      ctx.expect(
        isJsonObject(response.body) && response.body.id === id && response.body.userName === sent.userName,
        'GET /Users/{id} did not return the user just created',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/get-unknown-404',
    title: 'GET of an unknown id answers 404 as a SCIM error',
    requirements: ['SCIM-READ', 'SCIM-ERRORS'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Users/00000000-0000-4000-8000-000000000000-missing');
      expectScimError(ctx, response, 404, undefined, 'RFC 7644 §3.12: resource not found');
    },
  }),
  defineScenario({
    id: 'scim-protocol/pagination-start-index',
    title: 'startIndex is 1-based and count limits the page',
    requirements: ['SCIM-LIST-PAGINATION'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      // No filter, so the check also runs where only `eq` filters are supported.
      for (let n = 0; n < 3; n++) await createUser(ctx);
      const firstThree = resources(ctx, await ctx.scim.get('/Users', { query: { startIndex: 1, count: 3 } }));
      ctx.expect(
        firstThree.length === 3,
        `startIndex=1&count=3 returned ${firstThree.length} users while at least 3 exist (RFC 7644 §3.4.2.4)`,
      );
      const page = await ctx.scim.get('/Users', { query: { startIndex: 2, count: 1 } });
      const second = resources(ctx, page);
      const body = page.body as JsonObject;
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
    id: 'scim-protocol/attributes-param',
    title: 'attributes=userName returns userName and id only (plus always-returned)',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.get(`/Users/${id}`, { query: { attributes: 'userName' } });
      expectStatus(ctx, response, 200, 'RFC 7644 §3.4.2.5');
      const body = response.body as JsonObject;
      ctx.expect(
        typeof body.userName === 'string' && body.id === id,
        'attributes=userName dropped userName or id',
      );
      ctx.expect(
        body.name === undefined && body.emails === undefined,
        'attributes=userName still returned name/emails (RFC 7644 §3.4.2.5: only the listed attributes and those returned "always")',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/excluded-attributes-param',
    title: 'excludedAttributes=emails leaves emails out',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const response = await ctx.scim.get(`/Users/${id}`, { query: { excludedAttributes: 'emails' } });
      expectStatus(ctx, response, 200, 'RFC 7644 §3.4.2.5');
      const body = response.body as JsonObject;
      ctx.expect(
        body.emails === undefined && typeof body.userName === 'string',
        'excludedAttributes=emails still returned emails, or dropped userName (RFC 7644 §3.4.2.5)',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/sort',
    title: 'sortBy=userName&sortOrder=descending orders the list',
    requirements: ['SCIM-LIST-SORT'],
    level: 'MUST',
    requires: { advertised: 'sort' },
    async run(ctx: ScenarioContext) {
      for (let n = 0; n < 3; n++) await createUser(ctx);
      const found = resources(
        ctx,
        await ctx.scim.get('/Users', { query: { sortBy: 'userName', sortOrder: 'descending', count: 50 } }),
      );
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
];
