/**
 * Concurrency probes over real HTTP (127.0.0.1, ephemeral ports) against every mock SP with a
 * SCIM surface: requests released together by last-byte sync (duplicate creates, lost group
 * members, racing replaces and reads, DELETE against PATCH, one If-Match version used twenty
 * times) and a mixed burst over ten connections; afterwards the SP lists no id or userName twice.
 * Each failure names the probe, the SP and the answers by status.
 * @see RFC 7644 §3.3 (uniqueness), §3.5.2 (PATCH), §3.6 (DELETE), §3.14 (ETags), §3.4.2.4 (paging)
 */
import { afterAll, assert, beforeAll, describe, expect, test } from 'vitest';
import { USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import { startMockSp, type RunningMockSp } from '#mock-sps';
import { APPS } from '#registry';
import {
  ScimWire,
  answered,
  duplicates,
  examples,
  freshUserName,
  groupBody,
  histogram,
  idOf,
  inWords,
  listAllUsers,
  patchBody,
  statusOf,
  userBody,
  userNameQuery,
  type Answer,
  type Call,
  type Reply,
} from './concurrency-support.js';

const SCIM_APPS = APPS.filter((app) => app.sp.scim !== undefined);
/** Every answer of the mixed burst must arrive within this long. */
const ANSWER_MS = 1_000;
/** The mixed burst stops sending after this long, so that a stalled SP fails the probe, not the test's timeout. */
const BURST_BUDGET_MS = 10_000;

const times = <T>(count: number, make: (n: number) => T): T[] =>
  Array.from({ length: count }, (_, n) => make(n));
const is =
  (...statuses: number[]) =>
  (answer: Answer) =>
    statuses.includes(statusOf(answer) ?? -1);
const not =
  (...statuses: number[]) =>
  (answer: Answer) =>
    !is(...statuses)(answer);
const isUniqueness = (answer: Answer): boolean =>
  answered(answer) &&
  answer.status === 409 &&
  isJsonObject(answer.body) &&
  answer.body.scimType === 'uniqueness';
const user = (id: string): string => `/Users/${encodeURIComponent(id)}`;
const replace = (path: string, value: unknown): JsonObject => patchBody({ op: 'replace', path, value });

/** The assertion message: every violation of one probe on one SP. */
const report = (probe: string, sp: string, violations: readonly string[]): string =>
  [`${probe} on ${sp}: ${violations.length} violation(s)`, ...violations.map((v) => `  - ${v}`)].join('\n');

/** One line naming `found`, the first ten of them, or none when there are none. */
const atMostTen = (what: string, found: readonly string[]): string[] =>
  found.length === 0
    ? []
    : [`${found.length} ${what}: ${found.slice(0, 10).join(', ')}${found.length > 10 ? ', …' : ''}`];

/** A resource's top-level attribute read without regard to case (RFC 7643 §2.1). */
function attribute(resource: unknown, name: string): unknown {
  if (!isJsonObject(resource)) return undefined;
  const key = Object.keys(resource).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : resource[key];
}

describe.each(SCIM_APPS.map((app) => [app.id, app] as const))('%s', (sp, app) => {
  let running: RunningMockSp;
  let wire: ScimWire;
  const createUser = async (what: string): Promise<{ id: string; userName: string }> => {
    const userName = freshUserName(what);
    return {
      id: idOf(await wire.must({ method: 'POST', path: '/Users', body: userBody(userName) }, 201)),
      userName,
    };
  };

  beforeAll(async () => {
    running = await startMockSp(app.sp);
    wire = new ScimWire(running.scimBaseUrl!, running.sp.token);
  });
  afterAll(async () => {
    wire.close();
    await running.close();
  });

  test('gives exactly one of 50 concurrent creates of one userName a 201, the others 409 uniqueness', async () => {
    const violations: string[] = [];
    for (let round = 1; round <= 3; round++) {
      const userName = freshUserName(`dup${round}`);
      const answers = await wire.together(
        times(50, (): Call => ({ method: 'POST', path: '/Users', body: userBody(userName) })),
      );
      const created = answers.filter(is(201)).length;
      const others = answers.filter((a) => !is(201)(a) && !isUniqueness(a));
      const label = `round ${round} (userName '${userName}', answers ${histogram(answers)})`;
      if (created !== 1)
        violations.push(`${label}: ${created} creates answered 201; exactly one may (RFC 7644 §3.3)`);
      if (others.length > 0)
        violations.push(
          `${label}: ${others.length} answered neither 201 nor 409 scimType "uniqueness" (RFC 7644 §3.3, §3.12): ${examples(others, () => true)}`,
        );
      const found = await wire.send({ method: 'GET', path: `/Users${userNameQuery(userName)}` });
      const total = answered(found) && isJsonObject(found.body) ? found.body.totalResults : undefined;
      if (total !== 1)
        violations.push(
          `${label}: GET /Users?filter=userName eq "${userName}" afterwards found ${String(total)} users (${inWords(found)}); exactly one holds a userName (RFC 7644 §3.3)`,
        );
    }
    expect(violations.length, report('probe 1 (duplicate create)', sp, violations)).toBe(0);
  });

  // Only where the app serves /Groups (scim.groups in its profile).
  if (app.sp.scim?.groups === true)
    test('keeps every member of 20 concurrent PATCH adds to one group', async () => {
      const group = idOf(
        await wire.must(
          { method: 'POST', path: '/Groups', body: groupBody(`conc-${freshUserName('group')}`) },
          201,
        ),
      );
      const members = await Promise.all(times(20, (n) => createUser(`member${n}`)));
      const path = `/Groups/${encodeURIComponent(group)}`;
      const answers = await wire.together(
        members.map(({ id }): Call => ({
          method: 'PATCH',
          path,
          body: patchBody({ op: 'add', path: 'members', value: [{ value: id }] }),
        })),
      );
      const violations: string[] = [];
      const label = `PATCH adds to group ${group} answered ${histogram(answers)}`;
      if (!answers.every(is(200, 204)))
        violations.push(
          `${label}: each add must answer 200 or 204 (RFC 7644 §3.5.2); ${examples(answers, not(200, 204))}`,
        );
      const read = await wire.send({ method: 'GET', path });
      const listed = attribute(answered(read) ? read.body : undefined, 'members');
      const held = new Set(
        (Array.isArray(listed) ? listed : []).flatMap((m) => {
          const value = attribute(m, 'value');
          return typeof value === 'string' ? [value] : [];
        }),
      );
      const lost = members.filter(({ id }) => !held.has(id)).map(({ id }) => id);
      if (statusOf(read) !== 200)
        violations.push(`${label}; GET ${path} afterwards answered ${inWords(read)}`);
      else if (lost.length > 0)
        violations.push(
          `${label}; GET ${path} lists ${held.size} members, ${lost.length} of the 20 added are lost: ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? '…' : ''} (a PATCH add applies to the group as it is, RFC 7644 §3.5.2)`,
        );
      expect(violations.length, report('probe 2 (lost group member)', sp, violations)).toBe(0);
    });

  test('serves complete users while 30 PATCH replaces race, keeping one of the sent values', async () => {
    const { id, userName } = await createUser('replace');
    // The attribute raced: displayName, or title where the SP does not keep displayName (Profit.co, PCO-05).
    let name = 'displayName';
    for (const candidate of ['displayName', 'title']) {
      name = candidate;
      await wire.must({ method: 'PATCH', path: user(id), body: replace(candidate, 'Control value') }, 200);
      const kept = attribute((await wire.must({ method: 'GET', path: user(id) }, 200)).body, candidate);
      if (kept === 'Control value') break;
    }
    const sent = times(30, (n) => `Racer ${n}`);
    const calls = sent.flatMap((value): Call[] => [
      { method: 'PATCH', path: user(id), body: replace(name, value) },
      { method: 'GET', path: user(id) },
    ]);
    const answers = await wire.together(calls);
    const patches = answers.filter((_, i) => calls[i]!.method === 'PATCH');
    const reads = answers.filter((_, i) => calls[i]!.method === 'GET');
    const violations: string[] = [];
    if (!patches.every(is(200, 204)))
      violations.push(
        `the 30 PATCH replaces of ${name} answered ${histogram(patches)}; each must be 2xx (RFC 7644 §3.5.2): ${examples(patches, not(200, 204))}`,
      );
    const incomplete = reads.flatMap((read, n) => {
      if (!answered(read) || read.status !== 200) return [`GET ${n + 1}: ${inWords(read)}`];
      const schemas = attribute(read.body, 'schemas');
      const problems = [
        ...(Array.isArray(schemas) && schemas.includes(USER_SCHEMA)
          ? []
          : [`schemas ${JSON.stringify(schemas)}`]),
        ...(attribute(read.body, 'id') === id ? [] : [`id ${JSON.stringify(attribute(read.body, 'id'))}`]),
        ...(attribute(read.body, 'userName') === userName
          ? []
          : [`userName ${JSON.stringify(attribute(read.body, 'userName'))}`]),
        ...(['Control value', ...sent].includes(String(attribute(read.body, name)))
          ? []
          : [
              `${name} ${JSON.stringify(attribute(read.body, name))}, neither the value before nor a sent one`,
            ]),
      ];
      return problems.length > 0 ? [`GET ${n + 1}: ${problems.join(', ')}`] : [];
    });
    if (incomplete.length > 0)
      violations.push(
        `${incomplete.length} of 30 concurrent GETs (${histogram(reads)}) saw no complete, valid user: ${incomplete.slice(0, 5).join('; ')}`,
      );
    const final = await wire.send({ method: 'GET', path: user(id) });
    const value = attribute(answered(final) ? final.body : undefined, name);
    if (statusOf(final) !== 200 || typeof value !== 'string' || !sent.includes(value))
      violations.push(
        `after the race GET ${user(id)} answered ${inWords(final)} with ${name} ${JSON.stringify(value)}; it must be one of the 30 values sent (PATCH answers ${histogram(patches)})`,
      );
    expect(violations.length, report(`probe 3 (racing replace of ${name})`, sp, violations)).toBe(0);
  });

  // Only where the app deletes users (scim.deleteUsers in its profile; Profit.co answers 405).
  if (app.sp.scim?.deleteUsers === true)
    test('answers 20 DELETEs racing 20 PATCHes of one user with 204 or 404 and 200 or 404, then 404', async () => {
      const control = await createUser('delete-control');
      const deleted = await wire.send({ method: 'DELETE', path: user(control.id) });
      if (statusOf(deleted) !== 204) throw new Error(`setup: DELETE of a user answered ${inWords(deleted)}`);
      const { id, userName } = await createUser('delete');
      // PATCH first, so that a PATCH lands before the first DELETE and the answers change mid-burst.
      const calls = times(40, (n): Call =>
        n % 2 === 0
          ? { method: 'PATCH', path: user(id), body: replace('active', false) }
          : { method: 'DELETE', path: user(id) },
      );
      const answers = await wire.together(calls);
      const deletes = answers.filter((_, i) => calls[i]!.method === 'DELETE');
      const patches = answers.filter((_, i) => calls[i]!.method === 'PATCH');
      const label = `DELETEs answered ${histogram(deletes)}, PATCHes ${histogram(patches)}`;
      const violations: string[] = [];
      if (!deletes.every(is(204, 404)))
        violations.push(
          `${label}: each DELETE must be 204 or 404 (RFC 7644 §3.6): ${examples(deletes, not(204, 404))}`,
        );
      if (deletes.filter(is(204)).length !== 1)
        violations.push(
          `${label}: ${deletes.filter(is(204)).length} DELETEs answered 204; one user is deleted once`,
        );
      if (!patches.every(is(200, 404)))
        violations.push(
          `${label}: each PATCH must be 200 or 404 (RFC 7644 §3.5.2, §3.6): ${examples(patches, not(200, 404))}`,
        );
      const after = await wire.send({ method: 'GET', path: user(id) });
      if (statusOf(after) !== 404)
        violations.push(
          `${label}; GET ${user(id)} afterwards answered ${inWords(after)}, not 404 (RFC 7644 §3.6)`,
        );
      const found = await wire.send({ method: 'GET', path: `/Users${userNameQuery(userName)}` });
      const total = answered(found) && isJsonObject(found.body) ? found.body.totalResults : undefined;
      if (total !== 0)
        violations.push(
          `${label}; a filter on the deleted userName afterwards found ${String(total)} (${inWords(found)})`,
        );
      expect(violations.length, report('probe 4 (DELETE against PATCH)', sp, violations)).toBe(0);
    });

  // Only where the app supports ETags (scim.features.etag, advertised as etag.supported).
  if (app.sp.scim?.features.etag === true)
    test('lets exactly one of 20 PATCHes with one If-Match version through, the rest 412', async () => {
      const config = await wire.must({ method: 'GET', path: '/ServiceProviderConfig' }, 200);
      expect(
        attribute(attribute(config.body, 'etag'), 'supported'),
        'etag.supported in /ServiceProviderConfig',
      ).toBe(true);
      const { id } = await createUser('etag');
      const read = await wire.must({ method: 'GET', path: user(id) }, 200);
      const version = read.headers.etag ?? attribute(attribute(read.body, 'meta'), 'version');
      if (typeof version !== 'string' || version === '')
        assert.fail(
          report('probe 5 (If-Match)', sp, [
            `etag.supported is true, yet GET ${user(id)} carries neither an ETag header nor meta.version (RFC 7644 §3.14)`,
          ]),
        );
      const sent = times(20, (n) => `Versioned ${n}`);
      const answers = await wire.together(
        sent.map((value): Call => ({
          method: 'PATCH',
          path: user(id),
          headers: { 'if-match': version },
          body: replace('title', value),
        })),
      );
      const violations: string[] = [];
      const label = `20 PATCHes with If-Match ${version} answered ${histogram(answers)}`;
      const winners = answers.flatMap((answer, n) => (is(200, 204)(answer) ? [sent[n]!] : []));
      if (winners.length !== 1)
        violations.push(`${label}: ${winners.length} succeeded; exactly one may (RFC 7644 §3.14)`);
      const others = answers.filter(not(200, 204, 412));
      if (others.length > 0)
        violations.push(
          `${label}: ${others.length} answered neither 2xx nor 412; a PATCH whose If-Match is stale must answer 412 Precondition Failed (RFC 7644 §3.14): ${examples(others, () => true)}`,
        );
      const final = await wire.send({ method: 'GET', path: user(id) });
      const title = attribute(answered(final) ? final.body : undefined, 'title');
      if (winners.length === 1 && title !== winners[0])
        violations.push(
          `${label}; GET afterwards shows title ${JSON.stringify(title)}, not the winner's ${JSON.stringify(winners[0])}`,
        );
      expect(violations.length, report('probe 5 (If-Match)', sp, violations)).toBe(0);
    });

  test('answers a mixed burst of 500 requests over 10 connections within 1 s each, without a 5xx', async () => {
    const pool = await Promise.all(times(100, (n) => createUser(`pool${n}`)));
    const calls = times(500, (n): Call => {
      const k = Math.floor(n / 5);
      const target = pool[(k * 7) % pool.length]!;
      switch (n % 5) {
        case 0:
          return { method: 'POST', path: '/Users', body: userBody(freshUserName(`burst${k}`)) };
        case 1:
          return { method: 'GET', path: `/Users${userNameQuery(target.userName)}` };
        case 2:
          return { method: 'GET', path: user(target.id) };
        case 3:
          return { method: 'PATCH', path: user(target.id), body: replace('title', `Burst ${k}`) };
        default:
          return { method: 'DELETE', path: user(pool[k]!.id) };
      }
    });
    const answers: Answer[] = [];
    let next = 0;
    const started = performance.now();
    // Ten workers, each one request at a time on the pool's ten keep-alive connections.
    await Promise.all(
      times(10, async () => {
        while (next < calls.length && performance.now() - started < BURST_BUDGET_MS) {
          const n = next++;
          answers[n] = await wire.send(calls[n]!);
        }
      }),
    );
    const violations: string[] = [];
    const label = `answers ${histogram(answers)}`;
    if (next < calls.length)
      violations.push(
        `${label}: the burst was not through within ${BURST_BUDGET_MS} ms; ${calls.length - next} of ${calls.length} requests were never sent`,
      );
    const failed = answers.flatMap((answer, n) =>
      answered(answer) ? [] : [`${calls[n]!.method}: ${answer.error}`],
    );
    if (failed.length > 0)
      violations.push(`${label}: ${failed.length} got no answer: ${failed.slice(0, 3).join('; ')}`);
    const errors = answers.flatMap((answer, n) =>
      answered(answer) && answer.status >= 500
        ? [`${calls[n]!.method} ${calls[n]!.path}: ${inWords(answer)}`]
        : [],
    );
    if (errors.length > 0)
      violations.push(`${label}: ${errors.length} answered 5xx: ${errors.slice(0, 3).join('; ')}`);
    const slow = answers
      .filter((answer): answer is Reply => answered(answer) && answer.ms > ANSWER_MS)
      .map((answer) => Math.round(answer.ms));
    if (slow.length > 0)
      violations.push(`${label}: ${slow.length} took over ${ANSWER_MS} ms (slowest ${Math.max(...slow)} ms)`);
    expect(violations.length, report('probe 6 (mixed burst)', sp, violations)).toBe(0);
  }, 30_000);

  test('lists no id and no userName twice after the probes', async () => {
    const { users, problems } = await listAllUsers(wire);
    const ids = users.map((u) => String(attribute(u, 'id')));
    // userName is caseExact false: two users differing only in case are one userName (RFC 7643 §4.1.1).
    const userNames = users.map((u) => String(attribute(u, 'userName')).toLowerCase());
    const stored = new Set(running.sp.state().users.map((u) => u.id));
    const violations = [
      ...problems,
      ...atMostTen('ids listed more than once', duplicates(ids)),
      ...atMostTen('userNames held by more than one user (compared without case)', duplicates(userNames)),
      ...(stored.size === new Set(ids).size && ids.every((i) => stored.has(i))
        ? []
        : [`the list (${new Set(ids).size} ids) is not the store (${stored.size} users)`]),
    ];
    expect(violations.length, report('consistency after the probes', sp, violations)).toBe(0);
  });
});
