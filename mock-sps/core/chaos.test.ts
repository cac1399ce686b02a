import { setupServer } from 'msw/node';
import { describe, expect, test } from 'vitest';
import { USER_SCHEMA, validateMessage, type JsonObject } from '#harness/scim';
import { startMockSp } from '../adapters/express.js';
import { inProcessFetch } from '../adapters/in-process.js';
import { mswHandlers } from '../adapters/msw.js';
import { interactProfile } from '../interact/profile.js';
import { salesforceProfile } from '../salesforce/profile.js';
import { Chaos, type ChaosOptions } from './chaos.js';
import { parseChaos, type ChaosKind, type ChaosProfile } from './chaos-spec.js';
import type { CoreResponse } from './http.js';
import { INSPECTION_PATH, MockSp } from './mock-sp.js';
import type { SpProfile } from './profile.js';
import { BASE, ORIGIN, SCIM_HEADERS, TOKEN } from './scim/test-support.js';

const alice = JSON.stringify({ schemas: [USER_SCHEMA], userName: 'alice@example.com' });

/** A Chaos whose sleeps are recorded, not waited, on a clock that ticks a millisecond a reading. */
function chaosOf(spec: string, options: Partial<ChaosOptions> = {}) {
  const waits: number[] = [];
  let clock = 1_000;
  const chaos = new Chaos(parseChaos(spec), {
    seed: 7,
    sleep: async (ms) => void waits.push(ms),
    now: () => clock++,
    ...options,
  });
  return { chaos, waits };
}

/** `chaos` in front of a handler that answers 200 and counts what reached it, on base path /scim. */
function wrapped(chaos: Chaos) {
  const reached: string[] = [];
  const handle = chaos.wrap(
    async (request): Promise<CoreResponse> => {
      reached.push(`${request.method} ${request.url}`);
      return { status: 200, headers: {} };
    },
    { basePath: '/scim' },
  );
  const send = (method = 'GET', path = '/Users') => handle({ method, url: `/scim${path}`, headers: {} });
  return { send, reached };
}

/** A mock SP of `profile` with `spec`'s chaos in front, and an in-process fetch to it. */
function chaosSp(spec: string, profile: SpProfile = interactProfile) {
  const { chaos, waits } = chaosOf(spec);
  const sp = new MockSp(profile, { token: TOKEN, chaos });
  return { sp, chaos, waits, fetch: inProcessFetch([sp]) };
}

describe('Chaos', () => {
  test('makes the same decisions for the same seed, and others for another seed', async () => {
    const run = async (seed: number) => {
      const { chaos, waits } = chaosOf('hostile', { seed });
      const { send } = wrapped(chaos);
      const statuses: number[] = [];
      for (let i = 0; i < 500; i++) statuses.push((await send(i % 3 ? 'GET' : 'POST')).status);
      return { statuses, waits, log: chaos.log };
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    const other = await run(8);
    expect(other.statuses).not.toEqual(first.statuses);
    expect(other.waits).not.toEqual(first.waits);
  });

  test('follows a seed item over the run seed', async () => {
    const decisions = async (chaos: Chaos) => {
      const { send } = wrapped(chaos);
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) statuses.push((await send()).status);
      return statuses;
    };
    const own = chaosOf('429=50%,seed=3', { seed: 1 }).chaos;
    expect(own.seed).toBe(3);
    expect(await decisions(own)).toEqual(await decisions(chaosOf('429=50%', { seed: 3 }).chaos));
  });

  test('meets each rate and the latency range over 20,000 requests', async () => {
    const spec = '429=5%,500=2%,502=1%,503=2%,504=3%,drop=1%,timeout-after-commit=4%,latency=20-200ms';
    const { chaos, waits } = chaosOf(spec);
    const { send, reached } = wrapped(chaos);
    const n = 20_000;
    for (let i = 0; i < n; i++) await send('POST');
    const rates = parseChaos(spec).rates;
    for (const [kind, percent] of Object.entries(rates)) {
      const p = percent / 100;
      const observed = chaos.counts[(/^\d/.test(kind) ? Number(kind) : kind) as ChaosKind] / n;
      // Five standard deviations of a binomial share.
      expect(Math.abs(observed - p), kind).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
    const injected = Object.values(chaos.counts).reduce((a, b) => a + b, 0);
    expect(chaos.requests).toBe(n);
    // A request timed out after commit reached the SP; the others injected did not.
    expect(reached).toHaveLength(n - injected + chaos.counts['timeout-after-commit']);
    expect(waits).toHaveLength(n);
    expect(Math.min(...waits)).toBe(20);
    expect(Math.max(...waits)).toBe(200);
    const mean = waits.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 110)).toBeLessThan(3);
  });

  test('times out writes only after commit: a read is served', async () => {
    const { chaos } = chaosOf('timeout-after-commit=100%');
    const { send, reached } = wrapped(chaos);
    expect(await send('GET')).toEqual({ status: 200, headers: {} });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) expect((await send(method)).dropped).toBe(true);
    expect(reached).toHaveLength(5);
    expect(chaos.counts['timeout-after-commit']).toBe(4);
    expect(chaos.log.map((event) => event.spStatus)).toEqual([200, 200, 200, 200]);
  });

  test('sends Retry-After on 429 and 503 only, picked in its range, with a SCIM error body', async () => {
    const { chaos } = chaosOf('429=25%,500=25%,503=25%,504=25%,retry-after=1-3s');
    const { send, reached } = wrapped(chaos);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const response = await send('GET', `/Users?startIndex=${i}`);
      const event = chaos.log.at(-1)!;
      expect(event).toMatchObject({ kind: response.status, method: 'GET', path: `/Users?startIndex=${i}` });
      expect(response.headers['content-type']).toBe('application/scim+json');
      const body = JSON.parse(response.body!) as JsonObject;
      expect(body.status).toBe(String(response.status));
      expect(validateMessage('Error', body)).toEqual([]);
      const retryAfter = response.headers['retry-after'];
      if (response.status === 429 || response.status === 503) {
        expect(retryAfter).toMatch(/^[123]$/);
        expect(event.retryAfterMs).toBe(Number(retryAfter) * 1000);
        seen.add(retryAfter!);
      } else {
        expect(retryAfter).toBeUndefined();
        expect(event).not.toHaveProperty('retryAfterMs');
      }
    }
    expect([...seen].sort()).toEqual(['1', '2', '3']);
    expect(reached).toEqual([]);
  });

  test('never sleeps without latency, and logs when it acted', async () => {
    const { chaos, waits } = chaosOf('default');
    const { send } = wrapped(chaos);
    for (let i = 0; i < 1000; i++) await send('POST');
    expect(waits).toEqual([]);
    const times = chaos.log.map((event) => event.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(1_000);
  });

  test('keeps the most recent events in a bounded log, and counts them all', async () => {
    const { chaos } = chaosOf('drop=100%', { logLimit: 10 });
    const { send } = wrapped(chaos);
    for (let i = 0; i < 25; i++) await send('GET', `/Users/${i}`);
    expect(chaos.log.map((event) => event.path)).toEqual(
      Array.from({ length: 10 }, (_, i) => `/Users/${i + 15}`),
    );
    expect(chaos.counts).toMatchObject({ drop: 25, 429: 0, 'timeout-after-commit': 0 });
    expect(chaos.requests).toBe(25);
  });

  test('passes requests outside the base path through unseen', async () => {
    const { chaos } = chaosOf('drop=100%');
    const reached: string[] = [];
    const handle = chaos.wrap(
      async (request): Promise<CoreResponse> => {
        reached.push(request.url);
        return { status: 200, headers: {} };
      },
      { basePath: '/scim/' },
    );
    const outside = ['/scimmy/Users', '/saml/metadata', `${INSPECTION_PATH}/state`];
    for (const url of outside)
      expect(await handle({ method: 'GET', url, headers: {} })).toEqual({ status: 200, headers: {} });
    expect(chaos.requests).toBe(0);
    expect((await handle({ method: 'GET', url: 'https://sp.test/scim', headers: {} })).dropped).toBe(true);
    expect(reached).toEqual(outside);
    expect(chaos.requests).toBe(1);
  });

  test('passes everything through while disarmed, drawing nothing, and acts once armed', async () => {
    const { chaos } = chaosOf('429=100%', { armed: false });
    const { send, reached } = wrapped(chaos);
    expect(chaos.armed).toBe(false);
    expect((await send()).status).toBe(200);
    expect(chaos.requests).toBe(0);
    chaos.arm();
    expect((await send()).status).toBe(429);
    chaos.disarm();
    expect((await send()).status).toBe(200);
    expect(reached).toHaveLength(2);
    expect(chaos.requests).toBe(1);
  });

  test('limits the rate per second of the clock, asking to come back when the window ends', async () => {
    let now = 10_000;
    const chaos = new Chaos(parseChaos('rate-limit=3/s'), { seed: 1, now: () => now });
    const { send, reached } = wrapped(chaos);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    now += 400;
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(chaos.log.at(-1)).toMatchObject({ kind: 429, limited: true, retryAfterMs: 1000 });
    now += 600;
    expect((await send()).status).toBe(200);
    expect(reached).toHaveLength(4);
  });

  test('refuses misuse: a second SP, a bad hand-built profile, a fractional seed', () => {
    const { chaos } = chaosOf('none');
    wrapped(chaos);
    expect(() => wrapped(chaos)).toThrow(/make one per SP/);
    const bad: ChaosProfile = { rates: { 429: 80, drop: 30 } };
    expect(() => new Chaos(bad, { seed: 1 })).toThrow(TypeError);
    expect(() => new Chaos({ rates: {}, latencyMs: { min: 5, max: 1 } }, { seed: 1 })).toThrow(TypeError);
    expect(() => new Chaos({ rates: {} }, { seed: 1.5 })).toThrow(TypeError);
  });
});

describe('MockSp with chaos', () => {
  test('a timeout after commit stores the user, though the fetch rejects like a reset connection', async () => {
    const { sp, chaos, fetch } = chaosSp('timeout-after-commit=100%');
    const sent = fetch(`${ORIGIN}${BASE}/Users`, { method: 'POST', headers: SCIM_HEADERS, body: alice });
    await expect(sent).rejects.toThrow(TypeError);
    await expect(sent).rejects.toMatchObject({ message: 'fetch failed', cause: { code: 'ECONNRESET' } });
    expect(sp.state().users.map((user) => user.resource.userName)).toEqual(['alice@example.com']);
    expect(sp.requests()).toMatchObject([{ method: 'POST', path: '/Users', status: 201 }]);
    expect(chaos.log).toMatchObject([
      { kind: 'timeout-after-commit', method: 'POST', path: '/Users', spStatus: 201 },
    ]);
  });

  test('a drop stores nothing, and shows in the SP log with status 0', async () => {
    const { sp, fetch } = chaosSp('drop=100%');
    await expect(
      fetch(`${ORIGIN}${BASE}/Users`, { method: 'POST', headers: SCIM_HEADERS, body: alice }),
    ).rejects.toThrow(TypeError);
    expect(sp.state().users).toEqual([]);
    expect(sp.requests()).toMatchObject([{ method: 'POST', path: '/Users', status: 0 }]);
  });

  test('an injected status is answered instead of the SP, and logged as the SP log shows it', async () => {
    const { sp, fetch } = chaosSp('503=100%,retry-after=4s');
    const response = await fetch(`${ORIGIN}${BASE}/Users?count=1`, { method: 'GET', headers: SCIM_HEADERS });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('4');
    await fetch(`${ORIGIN}${BASE}/Users`, { method: 'POST', headers: SCIM_HEADERS, body: alice });
    expect(sp.state().users).toEqual([]);
    expect(sp.requests()).toMatchObject([
      { method: 'GET', path: '/Users', query: { count: '1' }, status: 503 },
      { method: 'POST', path: '/Users', status: 503 },
    ]);
  });

  test('never touches the SAML endpoints or the inspection API', async () => {
    const { sp, chaos, fetch } = chaosSp('drop=100%', salesforceProfile);
    expect((await fetch(`${sp.origin}/saml/metadata`, { method: 'GET' })).status).toBe(200);
    const inspecting = { method: 'GET', headers: { authorization: `Bearer ${sp.inspectionToken}` } };
    expect((await fetch(`${sp.origin}${INSPECTION_PATH}/state`, inspecting)).status).toBe(200);
    expect((await fetch(`${sp.origin}${INSPECTION_PATH}/requests`, inspecting)).status).toBe(200);
    expect(chaos.requests).toBe(0);
    await expect(fetch(`${sp.scimBaseUrl}/Users`, { method: 'GET', headers: SCIM_HEADERS })).rejects.toThrow(
      TypeError,
    );
    expect(chaos.requests).toBe(1);
  });

  test('over msw, a drop is a network error', async () => {
    const { sp } = chaosSp('drop=100%');
    const server = setupServer(...mswHandlers(sp));
    server.listen({ onUnhandledRequest: 'error' });
    try {
      await expect(
        fetch(`${ORIGIN}${BASE}/Users`, { method: 'POST', headers: SCIM_HEADERS, body: alice }),
      ).rejects.toThrow(TypeError);
    } finally {
      server.close();
    }
    expect(sp.state().users).toEqual([]);
  });

  test('over HTTP, a drop or a timeout after commit closes the socket without an answer', async () => {
    const [dropping, committing] = await Promise.all([
      startMockSp(interactProfile, { token: TOKEN, chaos: chaosOf('drop=100%').chaos }),
      startMockSp(interactProfile, { token: TOKEN, chaos: chaosOf('timeout-after-commit=100%').chaos }),
    ]);
    try {
      for (const running of [dropping, committing])
        await expect(
          fetch(`${running.scimBaseUrl}/Users`, { method: 'POST', headers: SCIM_HEADERS, body: alice }),
        ).rejects.toThrow(TypeError);
      expect(dropping.sp.state().users).toEqual([]);
      expect(committing.sp.state().users.map((user) => user.resource.userName)).toEqual([
        'alice@example.com',
      ]);
      const inspected = await fetch(`${dropping.origin}${INSPECTION_PATH}/requests`, {
        headers: { authorization: `Bearer ${dropping.sp.inspectionToken}` },
      });
      expect(await inspected.json()).toMatchObject([{ method: 'POST', path: '/Users', status: 0 }]);
    } finally {
      await Promise.all([dropping.close(), committing.close()]);
    }
  });
});
