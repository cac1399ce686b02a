import { describe, expect, it } from 'vitest';
import { ScimTransportError, type ScimResponse } from '#harness/scim';
import type { ConnectorContext } from './connector.js';
import { createResource, type ResourceCreate } from './create-resource.js';
import { RequestFailed } from './dialect-request.js';
import type { InsightsEvent } from './events.js';

type Answer = number | ScimTransportError;

/** A context whose SP answers each POST with the next of `answers`; a 201 carries id `new-1`. */
function sp(answers: Answer[]) {
  const posts: string[] = [];
  const events: Partial<InsightsEvent>[] = [];
  const post = async (path: string): Promise<ScimResponse> => {
    posts.push(path);
    const next = answers.shift() ?? 500;
    if (next instanceof ScimTransportError) throw next;
    const body = next === 201 ? { id: 'new-1' } : { detail: `status ${next}` };
    return { status: next, headers: {}, text: JSON.stringify(body), body } as ScimResponse;
  };
  const ctx = { scim: { post }, log: (event: Partial<InsightsEvent>) => events.push(event) };
  return { ctx: ctx as unknown as ConnectorContext, posts, events };
}

function plan(overrides: Partial<ResourceCreate> & { stored?: (string | undefined)[] }) {
  const lookups: number[] = [];
  const stored = overrides.stored ?? [];
  const create: ResourceCreate = {
    endpoint: '/Users',
    what: 'Creating ada@example.com',
    event: 'user_create_provision',
    subject: { type: 'user', id: 'u1', name: 'ada@example.com' },
    body: { userName: 'ada@example.com' },
    attempts: 3,
    lookUp: async () => {
      lookups.push(lookups.length);
      return stored.shift();
    },
    ...overrides,
  };
  return { create, lookups };
}

describe('createResource (IDP-IDM-12)', () => {
  it('returns the new id of a 201 without a lookup', async () => {
    const { ctx, posts, events } = sp([201]);
    const { create, lookups } = plan({});
    await expect(createResource(ctx, create)).resolves.toBe('new-1');
    expect(posts).toEqual(['/Users']);
    expect(lookups).toHaveLength(0);
    expect(events.map((e) => [e.outcome, e.detail])).toEqual([['success', 'created new-1']]);
  });

  it('looks a failed create up before sending it again, and takes what was stored', async () => {
    const { ctx, posts, events } = sp([503, new ScimTransportError('timed out')]);
    const waited: (number | undefined)[] = [];
    const { create, lookups } = plan({
      stored: [undefined, 'stored-7'],
      beforeLookUp: async (answer) => void waited.push(answer?.status),
    });
    await expect(createResource(ctx, create)).resolves.toBe('stored-7');
    expect(posts).toHaveLength(2);
    expect(lookups).toHaveLength(2);
    expect(waited).toEqual([503, undefined]);
    expect(events.at(-1)?.detail).toBe(
      'POST /Users failed: timed out, but the lookup found it stored as stored-7; not created again',
    );
  });

  it('sends a 4xx back at once, with its status for the quarantine rule', async () => {
    const { ctx, posts } = sp([409]);
    const { create, lookups } = plan({ endpoint: '/Groups', what: 'Creating group Staff' });
    const failure = await createResource(ctx, create).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RequestFailed);
    expect((failure as RequestFailed).status).toBe(409);
    expect((failure as Error).message).toBe('Creating group Staff answered 409: status 409');
    expect(posts).toEqual(['/Groups']);
    expect(lookups).toHaveLength(0);
  });

  it('gives up after its attempts, naming the last failure; one attempt is not looked up', async () => {
    const three = sp([500, 502, 503]);
    await expect(createResource(three.ctx, plan({}).create)).rejects.toThrow(
      'Creating ada@example.com failed 3 times (last: POST /Users answered 503)',
    );
    expect(three.posts).toHaveLength(3);
    expect(three.events.at(-1)).toMatchObject({
      outcome: 'failure',
      detail: 'POST /Users answered 503 (3 attempts)',
    });

    const one = sp([500]);
    const single = plan({ attempts: 1 });
    await expect(createResource(one.ctx, single.create)).rejects.toThrow(/failed 1 time \(last/);
    expect(single.lookups).toHaveLength(0);
  });
});
