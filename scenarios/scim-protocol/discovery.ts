import { defineScenario } from '#harness/runner';
import { SCIM_CONTENT_TYPE, isJsonObject, validateMessage } from '#harness/scim';
import type { ScenarioContext } from '#harness/runner';
import { expectStatus, removeLater } from '../support.js';

/** The entries of a /ResourceTypes or /Schemas answer: a ListResponse, or (as some servers send) a bare array. */
function discoveryList(body: unknown): unknown[] {
  if (isJsonObject(body) && Array.isArray(body.Resources)) return body.Resources;
  return Array.isArray(body) ? body : [];
}

export const discoveryScenarios = [
  defineScenario({
    id: 'scim-protocol/service-provider-config',
    title: 'GET /ServiceProviderConfig returns a valid configuration',
    requirements: ['SCIM-DISCOVERY'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/ServiceProviderConfig');
      expectStatus(ctx, response, 200, 'RFC 7644 §4');
      const issues = validateMessage('ServiceProviderConfig', response.body);
      ctx.expect(
        issues.length === 0,
        `The ServiceProviderConfig is not valid per RFC 7643 §5: ${issues.map((i) => i.message).join('; ')}`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/resource-types',
    title: 'GET /ResourceTypes lists User with its schema',
    requirements: ['SCIM-DISCOVERY'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/ResourceTypes');
      expectStatus(ctx, response, 200, 'RFC 7644 §4');
      const list = discoveryList(response.body);
      const user = list.find((item) => isJsonObject(item) && item.name === 'User');
      ctx.expect(isJsonObject(user), 'No ResourceType named "User" in /ResourceTypes (RFC 7643 §6)');
      ctx.expect(
        user.schema === 'urn:ietf:params:scim:schemas:core:2.0:User',
        `The User ResourceType must name schema urn:ietf:params:scim:schemas:core:2.0:User, found ${JSON.stringify(user.schema)}`,
      );
      for (const item of list) {
        const issues = validateMessage('ResourceType', item);
        ctx.expect(
          issues.length === 0,
          `A ResourceType is not valid per RFC 7643 §6: ${issues.map((i) => i.message).join('; ')}`,
        );
      }
    },
  }),
  defineScenario({
    id: 'scim-protocol/schemas',
    title: 'GET /Schemas serves the User schema definition',
    requirements: ['SCIM-DISCOVERY'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Schemas');
      expectStatus(ctx, response, 200, 'RFC 7644 §4');
      const list = discoveryList(response.body);
      const user = list.find(
        (item) => isJsonObject(item) && item.id === 'urn:ietf:params:scim:schemas:core:2.0:User',
      );
      ctx.expect(
        isJsonObject(user) && Array.isArray(user.attributes),
        'No schema with id urn:ietf:params:scim:schemas:core:2.0:User and attributes in /Schemas (RFC 7643 §7)',
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/media-type',
    title: 'responses carry Content-Type application/scim+json',
    requirements: ['SCIM-MEDIA-TYPE'],
    level: 'MUST',
    async run(ctx: ScenarioContext) {
      const response = await ctx.scim.get('/Users', { query: { count: 1 } });
      expectStatus(ctx, response, 200, 'RFC 7644 §3.4.2');
      const type = (response.headers['content-type'] ?? '').split(';')[0]!.trim();
      ctx.expect(
        type === SCIM_CONTENT_TYPE,
        `Content-Type must be ${SCIM_CONTENT_TYPE} (RFC 7644 §3.1 "MUST"), found '${type || 'none'}'`,
      );
    },
  }),
  defineScenario({
    id: 'scim-protocol/plain-json-accepted',
    title: 'a request sent as application/json is accepted',
    requirements: ['SCIM-MEDIA-TYPE'],
    level: 'SHOULD',
    async run(ctx: ScenarioContext) {
      const userName = `${ctx.unique('json').toLowerCase()}@example.com`;
      const response = await ctx.scim.post(
        '/Users',
        { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName },
        { headers: { 'content-type': 'application/json' } },
      );
      removeLater(ctx, response, '/Users');
      expectStatus(ctx, response, 201, 'RFC 7644 §8.1: servers SHOULD accept application/json');
    },
  }),
];
