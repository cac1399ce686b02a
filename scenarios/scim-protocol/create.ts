import { defineScenario } from '#harness/runner';
import { isJsonObject, validateResource, userSchema } from '#harness/scim';
import type { ScenarioContext } from '#harness/runner';
import { createUser, expectScimError, expectStatus, newUserBody, removeLater } from '../support.js';

export const createScenarios = [
  defineScenario({
    id: 'scim-protocol/create-user-201',
    title: 'POST /Users answers 201 Created with the new resource',
    requirements: ['SCIM-CREATE'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const sent = newUserBody(ctx);
      const response = await ctx.scim.post('/Users', sent);
      removeLater(ctx, response, '/Users');
      expectStatus(ctx, response, 201, 'RFC 7644 §3.3: "the server SHALL return … 201 (Created)"');
      ctx.expect(
        isJsonObject(response.body) && response.body.userName === sent.userName,
        'The 201 body must be the created User with the userName sent (RFC 7644 §3.3)',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/create-user-location',
    title: 'a 201 carries a Location header equal to meta.location',
    requirements: ['SCIM-CREATE'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.post('/Users', newUserBody(ctx));
      const body = isJsonObject(response.body) ? response.body : {};
      if (typeof body.id === 'string') {
        const id = body.id;
        ctx.defer(async () => void (await ctx.scim.delete(`/Users/${id}`)));
      }
      expectStatus(ctx, response, 201, 'RFC 7644 §3.3');
      const location = response.headers.location;
      ctx.expect(
        location !== undefined && location !== '',
        'The 201 response has no Location header (RFC 7644 §3.1: "SHALL" be set to the resource\'s URI)',
      );
      const meta = isJsonObject(body.meta) ? body.meta : {};
      ctx.expect(
        location === meta.location,
        `Location '${location}' differs from meta.location '${String(meta.location)}' (RFC 7644 §3.1)`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/create-user-meta',
    title: 'a created User carries id and meta (resourceType, created, lastModified, location, version)',
    requirements: ['SCIM-CREATE'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { body } = await createUser(ctx);
      const issues = validateResource(body, userSchema, {
        direction: 'response',
        unknownAttributes: 'ignore',
      });
      ctx.expect(
        issues.length === 0,
        `The created User is not a valid response per RFC 7643: ${issues.map((i) => i.message).join('; ')}`,
      );
      const meta = isJsonObject(body.meta) ? body.meta : {};
      for (const key of ['resourceType', 'created', 'lastModified', 'location']) {
        ctx.expect(
          typeof meta[key] === 'string' && meta[key] !== '',
          `meta.${key} is missing from the created User (RFC 7643 §3.1)`,
        );
      }
      ctx.expect(
        meta.resourceType === 'User',
        `meta.resourceType must be "User", found ${JSON.stringify(meta.resourceType)}`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/create-duplicate-409',
    title: 'creating a second user with a taken userName answers 409 uniqueness',
    requirements: ['SCIM-UNIQUENESS'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const { sent } = await createUser(ctx);
      const again = await ctx.scim.post('/Users', {
        ...newUserBody(ctx),
        userName: String(sent.userName).toUpperCase(),
      });
      removeLater(ctx, again, '/Users');
      expectScimError(
        ctx,
        again,
        409,
        'uniqueness',
        'RFC 7644 §3.3: a duplicate userName (caseExact false) MUST answer 409 uniqueness',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/create-invalid-400',
    title: 'a User without userName is refused with 400 and nothing is created',
    requirements: ['SCIM-BAD-INPUT'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const before = await ctx.scim.get('/Users', { query: { count: 0 } });
      const response = await ctx.scim.post('/Users', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        displayName: 'No userName',
      });
      removeLater(ctx, response, '/Users');
      expectStatus(ctx, response, 400, 'RFC 7643 §4.1: userName is REQUIRED');
      const after = await ctx.scim.get('/Users', { query: { count: 0 } });
      const total = (r: typeof before) => (isJsonObject(r.body) ? r.body.totalResults : undefined);
      ctx.expect(
        total(before) === total(after),
        `totalResults changed from ${String(total(before))} to ${String(total(after))} after a refused create`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/malformed-json-400',
    title: 'a malformed JSON body answers 400 invalidSyntax',
    requirements: ['SCIM-BAD-INPUT', 'SCIM-ERRORS'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.post(
        '/Users',
        '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": ',
      );
      expectScimError(ctx, response, 400, 'invalidSyntax', 'RFC 7644 §3.12: unparsable request');
    },
  }),
];
