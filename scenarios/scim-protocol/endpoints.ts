/**
 * The endpoints around the resources: POST .search on a collection and at the root, the
 * Location of a created resource, the /Me alias and /Bulk where it is not offered.
 * @see RFC 7644 §3.1, §3.3, §3.4.3, §3.7, §3.11
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type ScimResponse } from '#harness/scim';
import { createGroup, createUser, expectStatus } from '../support.js';
import { listPage, quote } from './list-support.js';

const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

/** Not applicable when the server answers that it offers no .search there: RFC 7644 §3.4.3 gives it to clients as a MAY and no /ServiceProviderConfig flag advertises it. */
function requireSearch(ctx: ScenarioContext, response: ScimResponse, where: string): void {
  if ([404, 405, 501].includes(response.status))
    ctx.notApplicable(
      `the server does not offer POST ${where} (${response.status}); RFC 7644 §3.4.3 makes .search a client option that no /ServiceProviderConfig flag advertises`,
    );
}

/** A POST …/.search check at `where` finding a user by userName. */
function searchCheck(id: string, where: '/Users/.search' | '/.search', title: string) {
  return defineScenario({
    id,
    title,
    requirements: ['SCIM-LIST-FILTER'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.3',
    async run(ctx: ScenarioContext) {
      const { id: userId, sent } = await createUser(ctx);
      await createUser(ctx);
      const response = await ctx.scim.post(where, {
        schemas: [SEARCH_REQUEST],
        filter: `userName eq ${quote(sent.userName)}`,
        startIndex: 1,
        count: 10,
      });
      requireSearch(ctx, response, where);
      const found = listPage(ctx, response, 'RFC 7644 §3.4.3').resources.map((r) => r.id);
      ctx.expect(
        found.length === 1 && found[0] === userId,
        `POST ${where} with filter userName eq ${quote(sent.userName)} returned [${found.join(', ')}]; expected exactly the user created: the SearchRequest's parameters are those of a GET query (RFC 7644 §3.4.3). A client searching by POST gets the wrong users`,
      );
    },
  });
}

/** A check that the Location of a created User or Group names it. */
function locationCheck(kind: 'user' | 'group') {
  return defineScenario({
    id: `scim-protocol/location-fetch-${kind}`,
    title: `GET on the Location of a created ${kind} returns that ${kind}`,
    requirements: ['SCIM-CREATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.3, §3.1',
    ...(kind === 'group' ? { requires: { groups: true } } : {}),
    async run(ctx: ScenarioContext) {
      const created = kind === 'user' ? await createUser(ctx) : await createGroup(ctx);
      const last = ctx.exchanges.at(-1)?.response?.headers.location;
      ctx.require(
        last !== undefined,
        'scim-protocol/create-user-location',
        'the create answered no Location header',
      );
      const meta = isJsonObject(created.body.meta) ? created.body.meta.location : undefined;
      for (const [what, url] of [
        ['Location header', last],
        ['meta.location', meta],
      ] as const) {
        if (typeof url !== 'string') continue;
        const response = await ctx.scim.get(url);
        expectStatus(ctx, response, 200, `RFC 7644 §3.3: the ${what} is the created resource's URI`);
        ctx.expect(
          isJsonObject(response.body) && response.body.id === created.id,
          `GET ${url} (the ${what} of the created ${kind}) did not return it: "The URI of the created resource SHALL include, in the HTTP "Location" header and … "meta.location"" (RFC 7644 §3.3). A client following it reaches the wrong place`,
        );
      }
    },
  });
}

export const endpointScenarios = [
  searchCheck(
    'scim-protocol/search-post-users',
    '/Users/.search',
    'POST /Users/.search finds what the SearchRequest filter selects',
  ),
  searchCheck(
    'scim-protocol/search-post-root',
    '/.search',
    'POST /.search at the root finds what the SearchRequest filter selects',
  ),
  locationCheck('user'),
  locationCheck('group'),
  defineScenario({
    id: 'scim-protocol/me-alias',
    title: '/Me answers 501 where not supported, or the resource with its Location',
    requirements: ['SCIM-READ'],
    level: 'SHOULD',
    clause: 'RFC 7644 §3.11',
    impact: {
      severity: 'note',
      consequence: 'no IdP provisions through /Me; a client learns nothing clear about whether it exists',
    },
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Me');
      const location = response.headers.location;
      if (response.status === 501) return;
      if ([401, 403, 404].includes(response.status)) {
        ctx.note = `/Me answered ${response.status}: with a token tied to no user the RFC does not say what to answer; 501 is what it asks of a server without /Me`;
        return;
      }
      ctx.expect(
        (response.status === 308 || (response.status >= 200 && response.status < 300)) &&
          location !== undefined,
        `GET /Me answered ${response.status}${location === undefined ? ' without a Location header' : ''}: "A service provider that does NOT support this feature SHOULD respond with HTTP status code 501"; one that redirects answers 308, and one that answers directly MUST give "the permanent location of the aliased resource" in Location (RFC 7644 §3.11)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/bulk-unsupported',
    title: 'POST /Bulk is refused, not faked, where bulk.supported is false',
    requirements: ['SCIM-DISCOVERY'],
    level: 'SHOULD',
    clause: 'RFC 7644 §3.7, §3.12; RFC 7643 §5',
    async run(ctx: ScenarioContext) {
      const config = (await ctx.scim.get('/ServiceProviderConfig')).body;
      const bulk = isJsonObject(config) && isJsonObject(config.bulk) ? config.bulk : undefined;
      if (bulk?.supported !== false)
        ctx.notApplicable('/ServiceProviderConfig does not say bulk.supported false');
      const missing = `/Users/${ctx.unique('missing')}`;
      const response = await ctx.scim.post('/Bulk', {
        schemas: [BULK_REQUEST],
        Operations: [{ method: 'DELETE', path: missing, bulkId: 'b1' }],
      });
      if (response.status !== 501 && response.status >= 400 && response.status < 500)
        ctx.note = `POST /Bulk answered ${response.status}; RFC 7644 §3.12 names 501 for an operation the server does not support`;
      ctx.expect(
        response.status === 501 || (response.status >= 400 && response.status < 500),
        `POST /Bulk answered ${response.status} while /ServiceProviderConfig says bulk.supported false: an unsupported operation answers 501 Not Implemented (RFC 7644 §3.12), so a client knows to send each operation on its own instead of believing a bulk went through`,
      );
    },
  }),
];
