/**
 * Uniqueness under concurrency: creates of one userName sent together give one user.
 * @see RFC 7644 §3.3
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type ScimResponse } from '#harness/scim';
import { CREATE_USER_CHECK, describeResponse, newUserBody, removeLater } from '../support.js';

/** How many creates of one userName the check sends at once: enough to overlap, few enough for any server. */
const CONCURRENT_CREATES = 20;

const created = (response: ScimResponse): boolean => response.status === 200 || response.status === 201;

/**
 * A 409 with scimType uniqueness (RFC 7644 §3.12), or a 429 or 503: a create turned away for load
 * created nothing, and whether a duplicate got in is judged by the read-back, not by that answer.
 */
const refusedAsTaken = (response: ScimResponse): boolean =>
  response.status === 429 ||
  response.status === 503 ||
  (response.status === 409 && isJsonObject(response.body) && response.body.scimType === 'uniqueness');

export const concurrentCreateScenarios = [
  defineScenario({
    id: 'scim-protocol/concurrent-create-one-201',
    title: 'concurrent creates of one userName give exactly one 201, the rest 409 uniqueness',
    requirements: ['SCIM-UNIQUENESS'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const userName = `${ctx.unique('race').toLowerCase()}@example.com`;
      const responses = await Promise.all(
        Array.from({ length: CONCURRENT_CREATES }, () =>
          ctx.scim.post('/Users', newUserBody(ctx, { userName })),
        ),
      );
      for (const response of responses) removeLater(ctx, response, '/Users');
      const wins = responses.filter(created);
      ctx.require(
        wins.length > 0,
        CREATE_USER_CHECK,
        `none of ${CONCURRENT_CREATES} concurrent creates of '${userName}' succeeded; ${describeResponse(responses[0]!)}`,
      );
      ctx.expect(
        wins.length === 1,
        `${wins.length} of ${CONCURRENT_CREATES} concurrent POST /Users of userName '${userName}' answered ${wins[0]!.status}: the server created ${wins.length} users with one userName (RFC 7644 §3.3: a taken userName MUST answer 409 uniqueness, however close together the creates come)`,
        wins.slice(0, 3).map((response) => ({ kind: 'http' as const, exchange: response.exchange })),
      );
      const other = responses.find((response) => !created(response) && !refusedAsTaken(response));
      ctx.expect(
        other === undefined,
        `The creates that lost the race must answer 409 with scimType "uniqueness" (RFC 7644 §3.3, §3.12); ${other ? describeResponse(other) : ''}`,
        other ? [{ kind: 'http', exchange: other.exchange }] : [],
      );
      // Filtering is optional (RFC 7644 §3.4.2.2): without it the answers above are the evidence.
      if (!ctx.target.capabilities.advertised.filter) return;
      const found = await ctx.scim.get('/Users', { query: { filter: `userName eq "${userName}"` } });
      const total = isJsonObject(found.body) ? found.body.totalResults : undefined;
      ctx.expect(
        total === 1,
        `After the race, filter userName eq "${userName}" must find exactly one user, found totalResults ${JSON.stringify(total)} (RFC 7644 §3.3)`,
        [{ kind: 'http', exchange: found.exchange }],
      );
    },
  }),
];
