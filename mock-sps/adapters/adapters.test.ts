import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import { INSPECTION_PATH, MockSp } from '../core/mock-sp.js';
import { BASE, ORIGIN, SCIM_HEADERS as headers, TOKEN } from '../core/scim/test-support.js';
import { interactProfile } from '../interact/profile.js';
import { expressApp, startMockSp } from './express.js';
import { inProcessFetch } from './in-process.js';
import { mswHandlers } from './msw.js';

const alice = { schemas: [USER_SCHEMA], userName: 'alice@example.com' };
const byUserName = `filter=${encodeURIComponent('userName eq "ALICE@example.com"')}`;

/** Creates alice, lists her by a filter, then deletes her, through `fetchFn` against `baseUrl`. */
async function roundTrip(fetchFn: (input: string, init: RequestInit) => Promise<Response>, baseUrl: string) {
  const created = await fetchFn(`${baseUrl}/Users`, { method: 'POST', headers, body: JSON.stringify(alice) });
  const createdBody = (await created.json()) as JsonObject;
  expect(created.status).toBe(201);
  expect(created.headers.get('content-type')).toBe('application/scim+json');
  expect(created.headers.get('etag')).toBe('W/"1"');
  expect(created.headers.get('location')).toBe(`${baseUrl}/Users/${String(createdBody.id)}`);

  const listed = await fetchFn(`${baseUrl}/Users?${byUserName}`, { method: 'GET', headers });
  expect(listed.status).toBe(200);
  expect(await listed.json()).toMatchObject({ totalResults: 1, Resources: [{ id: createdBody.id }] });

  const deleted = await fetchFn(`${baseUrl}/Users/${String(createdBody.id)}`, { method: 'DELETE', headers });
  expect(deleted.status).toBe(204);
  expect(await deleted.text()).toBe('');
}

test('startMockSp serves the SP over HTTP on 127.0.0.1 and closes cleanly', async () => {
  const running = await startMockSp(interactProfile, { token: TOKEN });
  try {
    expect(running.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(running.scimBaseUrl).toBe(`${running.origin}${BASE}`);
    expect(running.sp.origin).toBe(running.origin);
    await roundTrip((input, init) => fetch(input, init), running.scimBaseUrl!);

    const unauthorised = await fetch(`${running.scimBaseUrl}/Users`);
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get('www-authenticate')).toMatch(/^Bearer/);
  } finally {
    await running.close();
  }
  await expect(fetch(`${running.scimBaseUrl}/Users`, { headers })).rejects.toThrow(TypeError);
});

test("expressApp mounts a mock SP in the user's own express server with the same answers", async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('request', expressApp(new MockSp(interactProfile, { token: TOKEN, origin })));
  try {
    await roundTrip((input, init) => fetch(input, init), `${origin}${BASE}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('startMockSp serves the inspection API read-only over HTTP', async () => {
  const running = await startMockSp(interactProfile, { token: TOKEN });
  try {
    running.sp.seedUser({ userName: 'alice@example.com' }, { timezone: 'UTC' });
    await fetch(`${running.scimBaseUrl}/Users?count=1`, { headers });

    const inspecting = { headers: { authorization: `Bearer ${running.sp.inspectionToken}` } };
    expect((await fetch(`${running.origin}${INSPECTION_PATH}/state`)).status).toBe(401);
    const state = await fetch(`${running.origin}${INSPECTION_PATH}/state`, inspecting);
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({
      users: [{ resource: { userName: 'alice@example.com' }, local: { timezone: 'UTC' } }],
      groups: [],
    });

    const requests = await fetch(`${running.origin}${INSPECTION_PATH}/requests`, inspecting);
    expect(await requests.json()).toMatchObject([{ method: 'GET', path: '/Users', query: { count: '1' } }]);

    const post = await fetch(`${running.origin}${INSPECTION_PATH}/state`, {
      ...inspecting,
      method: 'POST',
      body: '{}',
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  } finally {
    await running.close();
  }
});

test('startMockSp answers a body over its limit with 413, however the body arrives', async () => {
  const running = await startMockSp(interactProfile, { token: TOKEN, bodyLimit: 1000 });
  try {
    // 400 '€' are 1200 bytes of UTF-8 in fewer than 1000 characters.
    for (const title of ['x'.repeat(1001), 'x'.repeat(5000), 'x'.repeat(200_000), '€'.repeat(400)]) {
      const body = JSON.stringify({ ...alice, title });
      const res = await fetch(`${running.scimBaseUrl}/Users`, { method: 'POST', headers, body });
      expect(res.status, `${title.length} × ${title[0]}`).toBe(413);
      expect(await res.json()).toMatchObject({ status: '413' });
    }
    expect(running.sp.state().users).toEqual([]);
  } finally {
    await running.close();
  }
});

test('mswHandlers intercept fetch to the SP origin', async () => {
  const sp = new MockSp(interactProfile, { token: TOKEN });
  const server = setupServer(...mswHandlers(sp));
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await roundTrip((input, init) => fetch(input, init), `${ORIGIN}${BASE}`);
    const config = await fetch(`${ORIGIN}${BASE}/ServiceProviderConfig`);
    expect(await config.json()).toMatchObject({ patch: { supported: true } });
    expect(sp.requests().map((entry) => entry.method)).toEqual(['POST', 'GET', 'DELETE', 'GET']);
  } finally {
    server.close();
  }
});

test('inProcessFetch answers requests to the SP origin without a socket', async () => {
  const sp = new MockSp(interactProfile, { token: TOKEN });
  const fetchFn = inProcessFetch([sp]);

  await roundTrip(fetchFn, sp.scimBaseUrl!);
  const search = await fetchFn(`${sp.scimBaseUrl}/Users/.search`, {
    method: 'POST',
    headers: new Headers(headers),
    body: new Blob([JSON.stringify({ filter: 'userName pr' })]),
  });
  expect(await search.json()).toMatchObject({ totalResults: 0 });
});

test('inProcessFetch rejects a request to an unknown origin with a TypeError, as fetch does', async () => {
  const fetchFn = inProcessFetch([new MockSp(interactProfile)]);

  await expect(fetchFn('https://unknown.example/api/v2/scim/v2/Users', {})).rejects.toThrow(TypeError);
  await expect(fetchFn('https://unknown.example/', {})).rejects.toThrow('fetch failed');
});
