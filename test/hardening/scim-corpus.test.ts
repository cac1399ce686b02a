/**
 * A bad-input corpus sent over real HTTP (127.0.0.1, ephemeral ports) to every mock SP with a
 * SCIM surface: hostile JSON, content types, unicode, prototype keys, filters, PATCH, paging,
 * authentication, paths and methods. Every request is judged and the failures reported together:
 * the SP answers within a second, never with a 5xx, refuses with a SCIM Error whose status is the
 * HTTP status, changes nothing when it refuses a write, and still serves GET /Users afterwards.
 * @see RFC 7644 §3.12 (errors), §3.4.2 (filters, paging, attributes), §3.4.3 (search), §3.5.2 (PATCH)
 */
import { createHash } from 'node:crypto';
import { closeAgent, sendRaw, type Answer } from './raw-http.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ERROR_SCHEMA } from '#harness/scim';
import { INSPECTION_PATH, startMockSp, type MockSp, type RunningMockSp } from '#mock-sps';
import { APPS } from '#registry';
import { BODY_CASES, LARGE_BODY_CASES } from './scim-corpus-bodies.js';
import { REQUEST_CASES } from './scim-corpus-requests.js';
import {
  ANSWER_MS,
  BASE,
  CLIENT_TIMEOUT_MS,
  GROUP,
  TOKEN,
  USER,
  groupJson,
  json,
  userJson,
  type Case,
} from './scim-corpus-support.js';

const CORPUS: readonly Case[] = [...BODY_CASES, ...REQUEST_CASES, ...LARGE_BODY_CASES];

// The client (raw-http.ts) sends a path as written and any method, with this corpus's timeout.
const sendTo = (
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) => sendRaw(origin, method, path, headers, body, CLIENT_TIMEOUT_MS);

/** A valid SCIM request's headers with `overrides` applied (`null` removes one) and the token filled in. */
function headersFor(overrides: Case['headers'], token: string, body?: string): Record<string, string> {
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json', ...overrides };
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== null) sent[name] = value.replaceAll(TOKEN, token);
  if (body !== undefined) sent['content-length'] = String(Buffer.byteLength(body));
  return sent;
}

// The judgement.

/** Each stored user and group: its id and a hash of its JSON, one line each, sorted. */
function snapshot(sp: MockSp): string {
  try {
    const { users, groups } = sp.state();
    const line = (type: string, resource: { id: string }) =>
      `${type}/${resource.id} ${createHash('sha256').update(json(resource)).digest('hex').slice(0, 16)}`;
    return [...users.map((r) => line('Users', r)), ...groups.map((r) => line('Groups', r))].sort().join('\n');
  } catch (error) {
    return `the state could not be read: ${String(error)}`;
  }
}

/** What is wrong with a refusal's body, if anything: it must be a SCIM Error. @see RFC 7644 §3.12 */
function errorBodyProblem(answer: Answer): string | undefined {
  const type = String(answer.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const excerpt = JSON.stringify(answer.body.slice(0, 80));
  if (type !== 'application/scim+json' && type !== 'application/json')
    return `content-type '${type || 'none'}' is not application/scim+json (body ${excerpt})`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return `the body is not JSON (${excerpt})`;
  }
  const error = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const problems: string[] = [];
  if (!Array.isArray(error.schemas) || !error.schemas.includes(ERROR_SCHEMA))
    problems.push(`schemas ${JSON.stringify(error.schemas)} lacks ${ERROR_SCHEMA}`);
  if (error.status !== String(answer.status))
    problems.push(`status ${JSON.stringify(error.status)} is not "${answer.status}"`);
  return problems.length > 0 ? `${problems.join(', ')} (body ${excerpt})` : undefined;
}

interface Failure {
  label: string;
  status: string;
  ms: string;
  problem: string;
}

const table = (failures: readonly Failure[]): string =>
  [
    `${failures.length} of ${CORPUS.length} requests failed (status, ms, case, what is wrong):`,
    ...failures.map((f) => `  ${f.status.padEnd(4)} ${f.ms.padStart(5)}  ${f.label}  —  ${f.problem}`),
  ].join('\n');

const SCIM_APPS = APPS.filter((app) => app.sp.scim !== undefined);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

afterAll(closeAgent);

test('has a corpus of a few hundred requests for every SP with a SCIM surface', () => {
  expect(SCIM_APPS.map((app) => app.id)).toEqual(
    expect.arrayContaining(['interact', 'profitco', 'salesforce', 'sparkpost']),
  );
  expect(CORPUS.length).toBeGreaterThan(300);
});

describe.each(SCIM_APPS.map((app) => [app.id, app] as const))('%s', (_id, app) => {
  let running: RunningMockSp;
  let basePath: string;
  const ids = { user: '', group: 'no-groups-here' };
  const send = (method: string, path: string, body?: string, headers?: Case['headers']) =>
    sendTo(running.origin, method, path, headersFor(headers, running.sp.token, body), body);

  beforeAll(async () => {
    running = await startMockSp(app.sp);
    basePath = new URL(running.scimBaseUrl!).pathname;
    const seed = async (type: string, body: string): Promise<string> => {
      const answer = await send('POST', `${basePath}/${type}`, body);
      expect(answer.status, answer.body).toBe(201);
      return (JSON.parse(answer.body) as { id: string }).id;
    };
    ids.user = await seed('Users', userJson());
    const second = await seed('Users', userJson());
    if (app.sp.scim?.groups)
      ids.group = await seed(
        'Groups',
        groupJson({ displayName: 'Corpus', members: [{ value: ids.user }, { value: second }] }),
      );
  });
  afterAll(() => running.close());

  test('answers the corpus within a second, without a 5xx, with SCIM Errors, changing nothing it refuses', async () => {
    const fill = (text: string): string =>
      text.replaceAll(USER, ids.user).replaceAll(GROUP, ids.group).replaceAll(BASE, basePath);
    const failures: Failure[] = [];

    for (const one of CORPUS) {
      const path = fill(one.outside ? one.path : `${basePath}${one.path}`);
      const body = one.body === undefined ? undefined : fill(one.body);
      // Out of the timed request: the SP runs in this process, so its state is read directly.
      const before = MUTATING.has(one.method) ? snapshot(running.sp) : undefined;
      let answer: Answer;
      try {
        answer = await send(one.method, path, body, one.headers);
      } catch (error) {
        failures.push({ label: one.label, status: '-', ms: '-', problem: `no answer: ${String(error)}` });
        continue;
      }
      const problems: string[] = [];
      if (answer.status >= 500) problems.push(`answered ${answer.status}`);
      if (answer.ms > ANSWER_MS) problems.push(`took over ${ANSWER_MS} ms`);
      // A HEAD answer has no body; the inspection API is the SP's own, not SCIM.
      const refusal = answer.status < 200 || answer.status > 299;
      if (refusal && one.method !== 'HEAD' && !path.startsWith(INSPECTION_PATH)) {
        const problem = errorBodyProblem(answer);
        if (problem) problems.push(problem);
      }
      if (
        before !== undefined &&
        answer.status >= 400 &&
        answer.status < 500 &&
        snapshot(running.sp) !== before
      )
        problems.push('refused, yet the stored users or groups changed');
      if (problems.length > 0) {
        const ms = String(Math.round(answer.ms));
        failures.push({ label: one.label, status: String(answer.status), ms, problem: problems.join('; ') });
      }
      // What the SP created goes again, so that its state, and each snapshot of it, stays small.
      if (one.method === 'POST' && answer.status === 201 && !one.outside) {
        const created = (JSON.parse(answer.body) as { id?: unknown }).id;
        const type = one.path.startsWith('/Groups') ? 'Groups' : 'Users';
        if (typeof created === 'string')
          await send('DELETE', `${basePath}/${type}/${encodeURIComponent(created)}`);
      }
    }

    const after = await send('GET', `${basePath}/Users?count=1`).catch((error: unknown) => String(error));
    if (typeof after === 'string' || after.status !== 200) {
      const status = typeof after === 'string' ? '-' : String(after.status);
      failures.push({
        label: 'GET /Users after the corpus',
        status,
        ms: '-',
        problem: 'the SP no longer answers',
      });
    }
    if (Object.hasOwn(Object.prototype, 'polluted') || Object.hasOwn(Object.prototype, 'isAdmin'))
      failures.push({
        label: 'Object.prototype after the corpus',
        status: '-',
        ms: '-',
        problem: 'polluted',
      });

    expect(failures.length, table(failures)).toBe(0);
  }, 300_000);
});
