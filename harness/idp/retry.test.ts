import { createConnectorContext } from './connector-context.js';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '#harness/scim';
import { interactCatalog } from '../../mock-sps/interact/idp.js';
import type { ConnectorContext } from './connector.js';
import type { DirectoryUser } from './directory.js';
import { applyIdpFaults, resolveIdpFaults, type IdpFault } from './faults/index.js';
import { referenceConnector } from './reference-connector.js';
import { RETRY_POLICY, retryAfterMs, withRetries } from './retry.js';

const NOW = Date.parse('2024-05-01T12:00:00.000Z');

/** A fetch answering `statuses` in turn (then 200), recording each call's method. */
function scripted(statuses: (number | Error)[], headers: Record<string, string> = {}) {
  const calls: string[] = [];
  const fetch: FetchLike = async (_input, init) => {
    calls.push(init.method ?? 'GET');
    const next = statuses.shift() ?? 200;
    if (next instanceof Error) throw next;
    return new Response(next === 204 ? null : '{}', { status: next, headers });
  };
  return { fetch, calls };
}

function retrying(fetch: FetchLike, faults: IdpFault[] = []) {
  const sleeps: number[] = [];
  const { steps, policies } = applyIdpFaults(resolveIdpFaults(faults));
  const wrapped = withRetries(fetch, {
    sleep: async (ms) => void sleeps.push(ms),
    now: () => NOW,
    policy: policies.retry,
    steps,
  });
  return { fetch: wrapped, sleeps };
}

describe('withRetries', () => {
  it('retries a 429 after the seconds its Retry-After asks for', async () => {
    const sp = scripted([429, 429], { 'retry-after': '7' });
    const { fetch, sleeps } = retrying(sp.fetch);
    expect((await fetch('https://sp.test/Users', { method: 'GET' })).status).toBe(200);
    expect(sleeps).toEqual([7_000, 7_000]);
  });

  it('reads a Retry-After HTTP date against the clock', async () => {
    const at = new Date(NOW + 30_000).toUTCString();
    const sp = scripted([503], { 'retry-after': at });
    const { fetch, sleeps } = retrying(sp.fetch);
    expect((await fetch('https://sp.test/Users/1', { method: 'GET' })).status).toBe(200);
    expect(sleeps).toEqual([30_000]);
    expect(retryAfterMs(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(retryAfterMs('soon', NOW)).toBeUndefined();
  });

  it('backs off exponentially on 5xx and gives up after the bounded attempts, returning the last answer', async () => {
    const sp = scripted(Array(20).fill(502));
    const { fetch, sleeps } = retrying(sp.fetch);
    expect((await fetch('https://sp.test/Users/1', { method: 'PATCH' })).status).toBe(502);
    expect(sp.calls).toHaveLength(RETRY_POLICY.maxAttempts);
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never re-sends a create after a 5xx or a transport failure, but does after a 429', async () => {
    const failing = scripted([504]);
    expect((await retrying(failing.fetch).fetch('https://sp.test/Users', { method: 'POST' })).status).toBe(
      504,
    );
    expect(failing.calls).toEqual(['POST']);
    const dropped = scripted([new TypeError('fetch failed')]);
    await expect(retrying(dropped.fetch).fetch('https://sp.test/Users', { method: 'POST' })).rejects.toThrow(
      'fetch failed',
    );
    const limited = scripted([429]);
    expect((await retrying(limited.fetch).fetch('https://sp.test/Users', { method: 'POST' })).status).toBe(
      200,
    );
    expect(limited.calls).toEqual(['POST', 'POST']);
  });

  it('retries a read after a transport failure', async () => {
    const sp = scripted([new TypeError('fetch failed')]);
    expect((await retrying(sp.fetch).fetch('https://sp.test/Users', { method: 'GET' })).status).toBe(200);
  });

  it('returns the answer when Retry-After asks for a longer wait than the policy allows', async () => {
    const sp = scripted([429], { 'retry-after': String(RETRY_POLICY.maxDelayMs / 1_000 + 1) });
    const { fetch, sleeps } = retrying(sp.fetch);
    expect((await fetch('https://sp.test/Users', { method: 'GET' })).status).toBe(429);
    expect(sleeps).toEqual([]);
  });

  it('leaves 4xx other than 429, and 501, alone', async () => {
    for (const status of [400, 404, 409, 501]) {
      const sp = scripted([status]);
      expect((await retrying(sp.fetch).fetch('https://sp.test/Users', { method: 'GET' })).status).toBe(
        status,
      );
      expect(sp.calls).toHaveLength(1);
    }
  });

  it('breaks each rule under its fault switch', async () => {
    const once = scripted([429]);
    expect(
      (await retrying(once.fetch, ['no-retry']).fetch('https://sp.test/x', { method: 'GET' })).status,
    ).toBe(429);
    const ignored = scripted([429, 429], { 'retry-after': '7' });
    const ignoring = retrying(ignored.fetch, ['ignore-retry-after']);
    await ignoring.fetch('https://sp.test/x', { method: 'GET' });
    expect(ignoring.sleeps).toEqual([1_000, 2_000]);
    const flat = retrying(scripted([503, 503, 503]).fetch, ['no-backoff']);
    await flat.fetch('https://sp.test/x', { method: 'GET' });
    expect(flat.sleeps).toEqual([1_000, 1_000, 1_000]);
    const blind = scripted([504]);
    await retrying(blind.fetch, ['retry-create-without-lookup']).fetch('https://sp.test/Users', {
      method: 'POST',
    });
    expect(blind.calls).toEqual(['POST', 'POST']);
  });
});

/** A SCIM server that stores creates and answers the first `failCreates` of them with 504 (or drops them). */
function flakyScim(failCreates: number, mode: 'timeout-after-store' | 'drop' | 'fail') {
  const users: { id: string; userName: string }[] = [];
  const log: string[] = [];
  const fetch: FetchLike = async (input, init) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    log.push(`${method} ${url.pathname}${url.search ? ' filter' : ''}`);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/scim+json' } });
    if (method === 'GET') {
      const filter = url.searchParams.get('filter') ?? '';
      const found = users.filter((user) => filter.includes(`"${user.userName}"`));
      return json(200, { totalResults: found.length, Resources: found });
    }
    if (method === 'POST') {
      const body = JSON.parse(String(init.body)) as { userName: string };
      if (failCreates > 0) {
        failCreates--;
        if (mode === 'drop') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
        if (mode === 'fail') return json(503, { status: '503', detail: 'unavailable' });
        users.push({ id: `id-${users.length + 1}`, userName: body.userName });
        return json(504, { status: '504', detail: 'gateway timeout' });
      }
      if (users.some((user) => user.userName === body.userName)) return json(409, { status: '409' });
      users.push({ id: `id-${users.length + 1}`, userName: body.userName });
      return json(201, users.at(-1));
    }
    return json(200, {});
  };
  return { fetch, users, log };
}

const user: DirectoryUser = {
  id: 'u1',
  username: 'ada@example.com',
  email: 'ada@example.com',
  firstname: 'Ada',
  lastname: 'Lovelace',
  suspended: false,
  passwordExpired: false,
};

function contextFor(fetch: FetchLike): ConnectorContext & { events: string[] } {
  const events: string[] = [];
  const ctx = createConnectorContext({
    application: 'interact',
    baseUrl: 'https://sp.test/scim',
    credentials: 'token',
    fetch,
    mappings: interactCatalog.mappings,
    log: (event) => void events.push(`${event.event_type}:${event.outcome}:${event.detail}`),
    sleep: () => Promise.resolve(),
  });
  return Object.assign(ctx, { events });
}

describe('the reference connector after a failed create', () => {
  it('looks a create that timed out after the SP stored it up, and takes it over instead of re-sending it', async () => {
    const sp = flakyScim(1, 'timeout-after-store');
    const ctx = contextFor(sp.fetch);
    const link = await referenceConnector.provisionUser(ctx, user, {});
    expect(link.spId).toBe('id-1');
    expect(sp.users).toHaveLength(1);
    expect(sp.log).toEqual(['GET /scim/Users filter', 'POST /scim/Users', 'GET /scim/Users filter']);
    expect(ctx.events.at(-1)).toMatch(
      /^user_create_provision:success:POST \/Users answered 504, but the lookup/,
    );
  });

  it('creates again when the lookup after a dropped or failed create finds nothing', async () => {
    for (const mode of ['drop', 'fail'] as const) {
      const sp = flakyScim(1, mode);
      const link = await referenceConnector.provisionUser(contextFor(sp.fetch), user, {});
      expect(link.spId).toBe('id-1');
      expect(sp.log.filter((line) => line.startsWith('POST'))).toHaveLength(2);
    }
  });

  it('gives up after a bounded number of creates, saying so', async () => {
    const sp = flakyScim(10, 'fail');
    const ctx = contextFor(sp.fetch);
    await expect(referenceConnector.provisionUser(ctx, user, {})).rejects.toThrow(
      /Creating ada@example.com failed 3 times \(last: POST \/Users answered 503\)/,
    );
    expect(ctx.events.at(-1)).toMatch(/^user_create_provision:failure:/);
  });
});
