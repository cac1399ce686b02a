/**
 * Attributes returned "never" (a User's password) are in no response: the create's answer, a
 * read, a list, an update's answer.
 * @see RFC 7643 §2.2 (returned), §4.1.1 (password)
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { findKey, isJsonObject, type ScimResponse } from '#harness/scim';
import { newUserBody, removeLater } from '../support.js';
import { patchOp } from './patch-support.js';
import { probeSchemas } from './schema-probe.js';

/** The User attributes the server's schema declares returned "never" (password in RFC 7643). */
async function neverReturned(ctx: ScenarioContext): Promise<string[]> {
  const user = (await probeSchemas(ctx)).type('User');
  const never = (user?.attributes ?? []).filter(
    (attribute) =>
      attribute.core && attribute.parent === undefined && attribute.definition.returned === 'never',
  );
  if (!never.some((attribute) => attribute.path.toLowerCase() === 'password'))
    ctx.notApplicable("the server's User schema has no password returned never");
  return never.map((attribute) => attribute.path);
}

/** A user created with a password; not applicable when the server refuses passwords. */
async function userWithPassword(
  ctx: ScenarioContext,
): Promise<{ id: string; userName: string; created: ScimResponse }> {
  const sent = newUserBody(ctx, { password: `Pw-${ctx.unique('p')}!9a` });
  const created = await ctx.scim.post('/Users', sent);
  const id = removeLater(ctx, created, '/Users');
  if (id === undefined) ctx.notApplicable(`the server refuses a user with a password (${created.status})`);
  return { id, userName: String(sent.userName), created };
}

/** Fails when a resource in `response` holds one of `never`. */
function expectNone(ctx: ScenarioContext, response: ScimResponse, never: readonly string[], where: string) {
  const body = response.body;
  const resources = isJsonObject(body) && Array.isArray(body.Resources) ? body.Resources : [body];
  const shown = resources.flatMap((resource) =>
    isJsonObject(resource) ? never.filter((name) => findKey(resource, name) !== undefined) : [],
  );
  ctx.expect(
    shown.length === 0,
    `${where} returned ${shown.join(', ')}, whose schema says returned "never" (RFC 7643 §2.2: "never returned"; §4.1.1: the password "SHALL NOT be returned by a service provider in any form"); the secret leaks to every client and log that sees the answer`,
    [{ kind: 'http', exchange: response.exchange }],
  );
}

const places: {
  id: string;
  title: string;
  answer: (ctx: ScenarioContext) => Promise<[ScimResponse, string]>;
}[] = [
  {
    id: 'create',
    title: 'the answer to a create',
    answer: async (ctx) => [(await userWithPassword(ctx)).created, 'POST /Users'],
  },
  {
    id: 'read',
    title: 'a read',
    answer: async (ctx) => {
      const { id } = await userWithPassword(ctx);
      return [
        await ctx.scim.get(`/Users/${id}`, { query: { attributes: 'userName,password' } }),
        'GET /Users/{id}',
      ];
    },
  },
  {
    id: 'list',
    title: 'a list',
    answer: async (ctx) => {
      const { userName } = await userWithPassword(ctx);
      const filter = `userName eq "${userName}"`;
      return [await ctx.scim.get('/Users', { query: { filter } }), 'GET /Users?filter=userName eq …'];
    },
  },
  {
    id: 'update',
    title: 'the answer to an update',
    answer: async (ctx) => {
      const { id } = await userWithPassword(ctx);
      const op = { op: 'replace', path: 'title', value: 'Updated' };
      return [await ctx.scim.patch(`/Users/${id}`, patchOp(op)), 'PATCH /Users/{id}'];
    },
  },
];

export const returnedScenarios = places.map(({ id, title, answer }) =>
  defineScenario({
    id: `scim-protocol/returned-never-${id}`,
    title: `a password is never in ${title}`,
    requirements: ['SCIM-RETURNED'],
    level: 'MUST',
    clause: 'RFC 7643 §2.2, §4.1.1',
    security: true,
    async run(ctx: ScenarioContext) {
      const never = await neverReturned(ctx);
      const [response, where] = await answer(ctx);
      expectNone(ctx, response, never, where);
    },
  }),
);
