/**
 * The attributes and excludedAttributes parameters on every operation that returns a resource:
 * a read, a list, and the answers to POST, PUT and PATCH. `id` and the other attributes
 * returned "always" come back whatever is asked.
 * @see RFC 7644 §3.4.2.5, §3.9; RFC 7643 §2.4 (returned)
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import { createUser, expectStatus } from '../support.js';
import { listPage, quote } from './list-support.js';
import { probeSchemas } from './schema-probe.js';

const PROJECTION = 'RFC 7644 §3.4.2.5';
const EMPLOYEE_NUMBER = `${ENTERPRISE_USER_SCHEMA}:employeeNumber`;
const writeImpact = {
  severity: 'note',
  consequence:
    'the client gets the whole resource back instead of the attributes it asked for; nothing it sent is lost',
} as const;

/** GET /Users/{id} with `query`, as the resource it answered. */
async function read(ctx: ScenarioContext, id: string, query: Record<string, string>): Promise<JsonObject> {
  const response = await ctx.scim.get(`/Users/${id}`, { query });
  expectStatus(ctx, response, 200, PROJECTION);
  ctx.expect(isJsonObject(response.body), `GET /Users/${id} answered no JSON object`);
  return response.body;
}

/** The one user a list filtered on its userName returned with `query`. */
async function listed(
  ctx: ScenarioContext,
  userName: unknown,
  query: Record<string, string>,
): Promise<JsonObject> {
  const page = listPage(
    ctx,
    await ctx.scim.get('/Users', { query: { filter: `userName eq ${quote(userName)}`, ...query } }),
    PROJECTION,
  );
  ctx.expect(
    page.resources.length === 1,
    `filter userName eq ${quote(userName)} returned ${page.resources.length} users`,
  );
  return page.resources[0]!;
}

/** Fails unless `resource` (answered to `what`) holds exactly what attributes=userName asks: id and userName, no name or emails. */
function expectOnlyUserName(ctx: ScenarioContext, resource: JsonObject, what: string, rule: string): void {
  const extra = ['name', 'emails', 'displayName', 'active'].filter((name) => resource[name] !== undefined);
  ctx.expect(
    typeof resource.id === 'string' && typeof resource.userName === 'string' && extra.length === 0,
    `${what} with attributes=userName answered ${resource.id === undefined ? 'without id' : typeof resource.userName !== 'string' ? 'without userName' : `with ${extra.join(', ')} too`}: "the default list of attributes SHALL be overridden, and each resource returned MUST contain the minimum set of resource attributes and any attributes or sub-attributes explicitly requested" (${rule})`,
  );
}

/** A check that attributes=userName shapes the answer to one write (RFC 7644 §3.9 applies it to "any operation that returns a resource"). */
function writeCheck(method: 'POST' | 'PUT' | 'PATCH') {
  return defineScenario({
    id: `scim-protocol/attributes-on-${method.toLowerCase()}`,
    title: `attributes=userName shapes the resource a ${method} answers with`,
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: 'RFC 7644 §3.9',
    impact: writeImpact,
    async run(ctx: ScenarioContext) {
      const query = { attributes: 'userName' };
      let response;
      if (method === 'POST') {
        const userName = `${ctx.unique('u').toLowerCase()}@example.com`;
        response = await ctx.scim.post(
          '/Users',
          {
            schemas: [USER_SCHEMA],
            userName,
            name: { givenName: 'A', familyName: 'B' },
            emails: [{ value: userName, type: 'work' }],
          },
          { query },
        );
        const id = isJsonObject(response.body) ? response.body.id : undefined;
        if (typeof id === 'string')
          ctx.defer(async () => void (await ctx.scim.delete(`/Users/${encodeURIComponent(id)}`)));
        expectStatus(ctx, response, 201, 'RFC 7644 §3.3');
      } else {
        const { id, sent } = await createUser(ctx);
        response =
          method === 'PUT'
            ? await ctx.scim.put(`/Users/${id}`, { ...sent, title: 'Projected' }, { query })
            : await ctx.scim.patch(
                `/Users/${id}`,
                {
                  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
                  Operations: [{ op: 'replace', path: 'title', value: 'Projected' }],
                },
                { query },
              );
        // RFC 7644 §3.5.2 lets a PATCH answer 204 with no resource at all.
        if (method === 'PATCH' && response.status === 204)
          ctx.notApplicable('the PATCH answered 204 No Content, with no resource to shape');
        expectStatus(ctx, response, 200, method === 'PUT' ? 'RFC 7644 §3.5.1' : 'RFC 7644 §3.5.2');
      }
      ctx.expect(isJsonObject(response.body), `${method} answered no resource`);
      expectOnlyUserName(ctx, response.body, `${method} /Users`, 'RFC 7644 §3.9');
    },
  });
}

export const projectionScenarios = [
  defineScenario({
    id: 'scim-protocol/attributes-param',
    title: 'attributes=userName returns userName and id only (plus always-returned)',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: PROJECTION,
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
    clause: PROJECTION,
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
    id: 'scim-protocol/attributes-on-list',
    title: 'attributes=userName shapes every resource of a list',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: PROJECTION,
    async run(ctx: ScenarioContext) {
      const { sent } = await createUser(ctx);
      expectOnlyUserName(
        ctx,
        await listed(ctx, sent.userName, { attributes: 'userName' }),
        'GET /Users?filter=…',
        PROJECTION,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/excluded-attributes-on-list',
    title: 'excludedAttributes=emails leaves emails out of every resource of a list',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: PROJECTION,
    async run(ctx: ScenarioContext) {
      const { sent } = await createUser(ctx);
      const found = await listed(ctx, sent.userName, { excludedAttributes: 'emails' });
      ctx.expect(
        found.emails === undefined && typeof found.userName === 'string',
        `GET /Users?filter=…&excludedAttributes=emails ${found.emails === undefined ? 'dropped userName' : 'still returned emails'}: excluded attributes are left out of each resource, the others stay (${PROJECTION})`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/attributes-sub-attribute',
    title: 'attributes=name.givenName returns that sub-attribute, not the whole name',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: `${PROJECTION}, §3.10`,
    impact: { severity: 'note', consequence: 'the client gets more of name than it asked for' },
    async run(ctx: ScenarioContext) {
      const { id, body } = await createUser(ctx);
      if (!isJsonObject(body.name) || body.name.familyName === undefined)
        ctx.notApplicable('the server did not keep name.familyName');
      const found = await read(ctx, id, { attributes: 'name.givenName' });
      const name = isJsonObject(found.name) ? found.name : {};
      ctx.expect(
        typeof name.givenName === 'string' && name.familyName === undefined && found.id === id,
        `attributes=name.givenName answered name ${JSON.stringify(found.name)}: a sub-attribute path returns that sub-attribute only ("any attributes or sub-attributes explicitly requested", ${PROJECTION}; attribute notation §3.10)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/attributes-extension-urn',
    title: 'attributes takes an extension attribute by its full URN path',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: `${PROJECTION}, §3.10`,
    impact: {
      severity: 'warning',
      consequence:
        'the IdPs this tool models do not ask for attributes; a client asking for one extension attribute does not get it alone',
    },
    async run(ctx: ScenarioContext) {
      const user = (await probeSchemas(ctx)).type('User');
      if (!user?.attributes.some((attribute) => attribute.path === EMPLOYEE_NUMBER))
        ctx.notApplicable('the User resource type has no enterprise extension employeeNumber');
      const { id } = await createUser(ctx, {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        [ENTERPRISE_USER_SCHEMA]: { employeeNumber: '42', costCenter: 'CC-1' },
      });
      const full = await read(ctx, id, {});
      if (!isJsonObject(full[ENTERPRISE_USER_SCHEMA]))
        ctx.notApplicable('the server did not keep the enterprise extension');
      const found = await read(ctx, id, { attributes: EMPLOYEE_NUMBER });
      const extension = found[ENTERPRISE_USER_SCHEMA];
      ctx.expect(
        isJsonObject(extension) &&
          extension.employeeNumber === '42' &&
          extension.costCenter === undefined &&
          found.name === undefined,
        `attributes=${EMPLOYEE_NUMBER} answered ${JSON.stringify({ name: found.name, [ENTERPRISE_USER_SCHEMA]: extension })}; expected the extension with employeeNumber alone (${PROJECTION}; a URN-qualified path, §3.10)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/attributes-keeps-id',
    title: 'attributes that does not name id still returns id (returned "always")',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: `${PROJECTION}; RFC 7643 §3.1`,
    async run(ctx: ScenarioContext) {
      const { id, sent } = await createUser(ctx);
      for (const found of [
        await read(ctx, id, { attributes: 'displayName' }),
        await listed(ctx, sent.userName, { attributes: 'displayName' }),
      ])
        ctx.expect(
          found.id === id,
          `attributes=displayName answered without id: id is returned "always" (RFC 7643 §3.1), and "each resource returned MUST contain the minimum set of resource attributes" (${PROJECTION}). A client cannot tell which resource it got`,
        );
    },
  }),
  defineScenario({
    id: 'scim-protocol/excluded-attributes-keeps-always',
    title: 'excludedAttributes cannot remove id (returned "always")',
    requirements: ['SCIM-LIST-ATTRIBUTES'],
    level: 'MUST',
    clause: `${PROJECTION}; RFC 7643 §3.1`,
    async run(ctx: ScenarioContext) {
      const { id } = await createUser(ctx);
      const found = await read(ctx, id, { excludedAttributes: 'id,userName' });
      ctx.expect(
        found.id === id,
        `excludedAttributes=id,userName answered without id: excludedAttributes "SHALL have no effect on attributes whose schema "returned" setting is "always"" (${PROJECTION}; id is returned always, RFC 7643 §3.1)`,
      );
    },
  }),
  writeCheck('POST'),
  writeCheck('PUT'),
  writeCheck('PATCH'),
];
