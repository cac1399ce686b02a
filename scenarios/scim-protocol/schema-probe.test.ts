import { describe, expect, it } from 'vitest';
import { ScenarioContext, type Target } from '#harness/runner';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '#harness/scim';
import { probeSchemas } from './schema-probe.js';

const CUSTOM = 'urn:example:params:scim:schemas:extension:acme:2.0:User';

/** A context whose target answers discovery with `answers` (path → JSON body), 404 elsewhere. */
function contextAnswering(answers: Record<string, unknown>): ScenarioContext {
  const target = { sp: 'external', kind: 'external', transport: 'http' } as unknown as Target;
  const instance = {
    scimBaseUrl: 'https://scim.test/v2',
    token: 't',
    inspect: undefined,
    close: async () => undefined,
    fetch: async (input: string | URL | Request) => {
      const path = new URL(String(input)).pathname.replace('/v2', '');
      const body = answers[path];
      return body === undefined
        ? new Response('{}', { status: 404 })
        : new Response(JSON.stringify(body), {
            status: 200,
            headers: { 'content-type': 'application/scim+json' },
          });
    },
  };
  return new ScenarioContext(target, instance, 'scim-protocol/probe', 1);
}

describe('probeSchemas', () => {
  it('reads the served resource types and schemas, custom extensions included, with RFC 7643 defaults', async () => {
    const ctx = contextAnswering({
      '/ResourceTypes': {
        Resources: [
          {
            name: 'User',
            endpoint: '/Users',
            schema: USER_SCHEMA,
            schemaExtensions: [{ schema: CUSTOM, required: false }],
          },
        ],
      },
      '/Schemas': [
        {
          id: USER_SCHEMA,
          attributes: [
            { name: 'userName', type: 'string', uniqueness: 'server' },
            {
              name: 'emails',
              type: 'complex',
              multiValued: true,
              subAttributes: [{ name: 'value', type: 'string' }],
            },
          ],
        },
        { id: CUSTOM, attributes: [{ name: 'badge', type: 'integer', mutability: 'immutable' }] },
      ],
    });
    const probed = await probeSchemas(ctx);
    expect(probed.served).toBe(true);
    const user = probed.type('user')!;
    expect(user.attributes.map((a) => a.path)).toEqual([
      'userName',
      'emails',
      'emails.value',
      `${CUSTOM}:badge`,
    ]);
    expect(user.attributes[0]!.definition).toMatchObject({
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'server',
    });
    expect(user.attributes.at(-1)).toMatchObject({
      core: false,
      definition: { type: 'integer', mutability: 'immutable' },
    });
    expect(ctx.exchanges).toEqual([]);
  });

  it('stands in RFC 7643 User, Enterprise User and Group when discovery does not answer', async () => {
    const probed = await probeSchemas(contextAnswering({}));
    expect(probed.served).toBe(false);
    expect(probed.types.map((type) => type.name)).toEqual(['User', 'Group']);
    expect(probed.type('User')!.attributes.map((a) => a.path)).toContain(
      `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
    );
  });
});
