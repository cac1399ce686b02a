import { expect, test } from 'vitest';
import { ERROR_SCHEMA, GROUP_SCHEMA, USER_SCHEMA, validateMessage, type JsonObject } from '#harness/scim';
import { startMockSp } from '../../adapters/express.js';
import { interactProfile } from '../../interact/profile.js';
import { DEFAULT_BODY_LIMIT } from '../http.js';
import { MockSp } from '../mock-sp.js';
import type { SpProfile } from '../profile.js';
import { SCIM_HEADERS as headers, TOKEN, sendTo } from './test-support.js';

/** Interact with another documented request limit. */
const limitedTo = (maxPayloadSize: number): SpProfile => ({
  ...interactProfile,
  scim: { ...interactProfile.scim!, maxPayloadSize },
});

/** A group body of `count` members with 36-character ids: about 48 bytes a member. */
const groupOf = (count: number): JsonObject => ({
  schemas: [GROUP_SCHEMA],
  displayName: 'Everyone',
  members: Array.from({ length: count }, (_, n) => ({
    value: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  })),
});

const advertised = (sp: MockSp): unknown =>
  (sendTo(sp, { method: 'GET', path: '/ServiceProviderConfig' }).json.bulk as JsonObject).maxPayloadSize;

test('answers a body over its limit 413 with a SCIM Error naming the size, the limit and where it is advertised', () => {
  const sp = new MockSp(interactProfile, { token: TOKEN, bodyLimit: 4096 });
  const body = JSON.stringify(groupOf(100));
  const res = sendTo(sp, { method: 'POST', path: '/Groups', body });
  expect(res.status).toBe(413);
  expect(res.headers['content-type']).toBe('application/scim+json');
  expect(res.json).toEqual({
    schemas: [ERROR_SCHEMA],
    status: '413',
    detail: `The request body is ${Buffer.byteLength(body)} bytes; this SP accepts at most 4096 bytes per request, as its /ServiceProviderConfig says (bulk.maxPayloadSize): send less in each request, a large group's members in several PATCH add operations`,
  });
  // RFC 7644 §3.12 defines no scimType for 413.
  expect(validateMessage('Error', res.json)).toEqual([]);
  expect(sp.state().groups).toEqual([]);
  expect(sp.requests().at(-1)).toMatchObject({ method: 'POST', path: '/Groups', status: 413 });
});

test('advertises its limit as bulk.maxPayloadSize: 1 MiB, the profile’s, or the option’s', () => {
  expect(advertised(new MockSp(interactProfile, { token: TOKEN }))).toBe(DEFAULT_BODY_LIMIT);
  expect(advertised(new MockSp(limitedTo(16_384), { token: TOKEN }))).toBe(16_384);
  expect(advertised(new MockSp(limitedTo(16_384), { token: TOKEN, bodyLimit: 2048 }))).toBe(2048);
  const sp = new MockSp(limitedTo(16_384), { token: TOKEN });
  expect(sp.bodyLimit).toBe(16_384);
  expect(sendTo(sp, { method: 'POST', path: '/Groups', body: groupOf(400) }).status).toBe(413);
  expect(sendTo(sp, { method: 'POST', path: '/Groups', body: groupOf(300) }).status).not.toBe(413);
});

test('refuses a limit that is not a whole number of bytes from 1', () => {
  for (const bad of [0, -5, 1.5])
    expect(() => new MockSp(interactProfile, { bodyLimit: bad })).toThrow(
      /bodyLimit is a whole number of bytes/,
    );
});

test('over HTTP, names the size the client sent though the server kept only what it needed', async () => {
  const running = await startMockSp(limitedTo(16_384), { token: TOKEN });
  try {
    const body = JSON.stringify(groupOf(40_000));
    expect(Buffer.byteLength(body)).toBeGreaterThan(1_900_000);
    const res = await fetch(`${running.scimBaseUrl}/Groups`, { method: 'POST', headers, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      schemas: [ERROR_SCHEMA],
      status: '413',
      detail: expect.stringContaining(
        `The request body is ${Buffer.byteLength(body)} bytes; this SP accepts at most 16384 bytes`,
      ),
    });
    expect(running.sp.state().groups).toEqual([]);
  } finally {
    await running.close();
  }
});

test('over HTTP, takes a body up to a documented limit above 1 MiB', async () => {
  const running = await startMockSp(limitedTo(4 * 1_048_576), { token: TOKEN });
  try {
    const user = { schemas: [USER_SCHEMA], userName: 'alice@example.com', title: 'x'.repeat(1_500_000) };
    const res = await fetch(`${running.scimBaseUrl}/Users`, {
      method: 'POST',
      headers,
      body: JSON.stringify(user),
    });
    expect(res.status).toBe(201);
  } finally {
    await running.close();
  }
});
