import { expect, test } from 'vitest';
import { USER_SCHEMA } from '#harness/scim';
import { setupSp } from './scim/test-support.js';

const carol = { schemas: [USER_SCHEMA], userName: 'carol@example.com' };

test('answers the next requests 429 with Retry-After, logs them, then serves again', () => {
  const { sp, send } = setupSp();
  sp.transient.failNext(2, { status: 429, retryAfter: 7 });
  for (let i = 0; i < 2; i++) {
    const res = send('GET', '/Users');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json).toMatchObject({ status: '429', detail: expect.stringMatching(/retry later/) });
  }
  expect(send('GET', '/Users').status).toBe(200);
  expect(sp.requests().map((r) => r.status)).toEqual([429, 429, 200]);
  expect(sp.transient.answered.map((a) => a.status)).toEqual([429, 429]);
  expect(sp.transient.pending).toBe(0);
});

test('sends a Date as an HTTP-date Retry-After and answers 503 by default', () => {
  const { sp, send } = setupSp();
  sp.transient.failNext(1, { retryAfter: new Date('2024-05-01T12:00:30Z') });
  const res = send('GET', '/Users');
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('Wed, 01 May 2024 12:00:30 GMT');
});

test('stores a create due to time out, but answers it 504', () => {
  const { sp, send } = setupSp();
  sp.transient.timeOutNextCreate();
  expect(send('POST', '/Users', carol).status).toBe(504);
  expect(sp.state().users.map((u) => u.resource.userName)).toEqual(['carol@example.com']);
  expect(sp.transient.answered).toMatchObject([
    { method: 'POST', path: '/Users', status: 504, processed: true },
  ]);
  expect(send('POST', '/Users', { ...carol, userName: 'dan@example.com' }).status).toBe(201);
});

test('refuses nonsense schedules and can be cleared', () => {
  const { sp, send } = setupSp();
  expect(() => sp.transient.failNext(0)).toThrow(TypeError);
  expect(() => sp.transient.failNext(1, { status: 418 as 429 })).toThrow(/answers 429, 500, 502, 503, 504/);
  sp.transient.failNext(3);
  sp.transient.timeOutNextCreate();
  sp.transient.clear();
  expect(send('GET', '/Users').status).toBe(200);
});

test('with rate-limit-without-retry-after, the 429 says nothing about when to retry', () => {
  const { sp, send } = setupSp({ faults: ['rate-limit-without-retry-after'] });
  sp.transient.failNext(1, { status: 429, retryAfter: 7 });
  const res = send('GET', '/Users');
  expect(res.status).toBe(429);
  expect(res.headers).not.toHaveProperty('retry-after');
});

test('with wrong-total-results, totalResults counts the page only', () => {
  for (const [faults, total] of [
    [[], 2],
    [['wrong-total-results' as const], 1],
  ] as const) {
    const { sp, send } = setupSp({ faults: [...faults] });
    sp.seedUser({ userName: 'alice@example.com' });
    sp.seedUser({ userName: 'bob@example.com' });
    expect(send('GET', '/Users?startIndex=1&count=1').json.totalResults).toBe(total);
  }
});
