/**
 * Properties of every SCIM mock SP and of the XML entry point, checked on generated input
 * (fast-check, fixed seeds): whatever a client sends, the answer is never a 5xx, a refusal is a
 * SCIM Error whose status is the HTTP status, and a refused write changes nothing; whatever text
 * reaches parseXml, it returns a document or throws a SamlError, never anything else.
 * In-process (`MockSp.handle`), so thousands of requests take seconds; the corpora in this folder
 * send their requests over HTTP.
 * @see RFC 7644 §3.12 (errors), §3.4.2.2 (filters), §3.5.2 (PATCH)
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ERROR_SCHEMA, GROUP_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA, type JsonObject } from '#harness/scim';
import { SamlError, parseXml } from '#harness/saml';
import { MockSp } from '#mock-sps';
import { APPS } from '#registry';

const SCIM_APPS = APPS.filter((app) => app.sp.scim !== undefined);
const RUNS = 300;

/** A mock SP with one user and (where the app has groups) one group, and how to call it. */
function seeded(profile: (typeof SCIM_APPS)[number]['sp']) {
  let n = 0;
  const sp = new MockSp(profile, { newId: () => `id-${++n}` });
  const base = `${sp.origin}${profile.scim!.basePath}`;
  const send = (method: string, path: string, body?: string) =>
    sp.handle({
      method,
      url: `${base}${path}`,
      headers: { authorization: `Bearer ${sp.token}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body }),
    });
  const created = send(
    'POST',
    '/Users',
    JSON.stringify({
      schemas: [USER_SCHEMA],
      userName: 'fuzz@example.com',
      emails: [{ value: 'fuzz@example.com' }],
    }),
  );
  const userId = (JSON.parse(created.body ?? '{}') as JsonObject)['id'] as string;
  const group = profile.scim!.groups
    ? send('POST', '/Groups', JSON.stringify({ schemas: [GROUP_SCHEMA], displayName: 'Fuzzers' }))
    : undefined;
  const groupId = group ? ((JSON.parse(group.body ?? '{}') as JsonObject)['id'] as string) : undefined;
  return { sp, send, userId, groupId };
}

/** What is wrong with an answer, or undefined: a 5xx, or a refusal that is not a SCIM Error of its status. */
function problem(response: { status: number; body?: string }): string | undefined {
  if (response.status >= 500) return `answered ${response.status}: ${response.body ?? ''}`;
  if (response.status < 400) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(response.body ?? '');
  } catch {
    return `answered ${response.status} with a body that is not JSON: ${response.body ?? ''}`;
  }
  const error = body as JsonObject;
  const schemas = error['schemas'];
  if (
    !Array.isArray(schemas) ||
    !schemas.includes(ERROR_SCHEMA) ||
    error['status'] !== String(response.status)
  )
    return `answered ${response.status} with ${response.body ?? ''}, not a SCIM Error of that status`;
  return undefined;
}

const state = (sp: MockSp): string => JSON.stringify(sp.state());

/** JSON values of any shape, some deeply nested, with the keys SCIM and JavaScript treat specially. */
const keys = fc.oneof(
  fc.constantFrom(
    'schemas',
    'userName',
    'name',
    'givenName',
    'emails',
    'value',
    'primary',
    'members',
    'displayName',
    'active',
    'Operations',
    'op',
    'path',
    '__proto__',
    'constructor',
    'prototype',
    USER_SCHEMA,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ),
  fc.string({ maxLength: 12 }),
);
const { value: anyJson } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, -1, 1e308, '', 'x', USER_SCHEMA, GROUP_SCHEMA, PATCH_OP_SCHEMA),
    fc.string(),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keys, tie('value'), { maxKeys: 5, noNullPrototype: true }),
  ),
}));
/** A body: mostly a SCIM-looking object with generated members, sometimes any JSON, sometimes not JSON. */
const body = fc.oneof(
  fc
    .record({ extra: fc.dictionary(keys, anyJson, { maxKeys: 6 }) })
    .map(({ extra }) =>
      JSON.stringify({ schemas: [USER_SCHEMA], userName: 'someone@example.com', ...extra }),
    ),
  fc
    .record({ operations: fc.array(fc.dictionary(keys, anyJson, { maxKeys: 4 }), { maxLength: 4 }) })
    .map(({ operations }) => JSON.stringify({ schemas: [PATCH_OP_SCHEMA], Operations: operations })),
  anyJson.map((value) => JSON.stringify(value) ?? 'null'),
  fc.string({ maxLength: 200 }),
);
const filterWord = fc.constantFrom(
  'userName',
  'emails',
  'emails.value',
  'name.givenName',
  'meta.lastModified',
  'members',
  'eq',
  'ne',
  'co',
  'sw',
  'gt',
  'pr',
  'and',
  'or',
  'not',
  '(',
  ')',
  '[',
  ']',
  '"x"',
  '"',
  'true',
  'null',
  '1',
  '2026-12-01T00:00:00Z',
  '__proto__',
);
/** Filters from SCIM's own words in any order, and arbitrary text. */
const filter = fc.oneof(
  fc.array(filterWord, { minLength: 1, maxLength: 12 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 60 }),
);

describe.each(SCIM_APPS.map((app) => [app.id, app.sp] as const))('%s', (_id, profile) => {
  test('answers any body to any write without a 5xx, refusals as SCIM Errors, refused writes changing nothing', () => {
    const { sp, send, userId, groupId } = seeded(profile);
    const targets = [
      ['POST', '/Users'],
      ['PUT', `/Users/${userId}`],
      ['PATCH', `/Users/${userId}`],
      ...(groupId ? [['POST', '/Groups'] as const, ['PATCH', `/Groups/${groupId}`] as const] : []),
      ['POST', '/Users/.search'],
    ] as const;
    const statuses = new Set<number>();
    fc.assert(
      fc.property(fc.constantFrom(...targets), body, ([method, path], text) => {
        const before = state(sp);
        const response = send(method, path, text);
        statuses.add(Math.floor(response.status / 100));
        const wrong = problem(response);
        if (wrong) throw new Error(`${method} ${path} with ${text.slice(0, 300)}: ${wrong}`);
        if (response.status >= 400 && method !== 'POST' && !path.endsWith('.search'))
          expect(state(sp), `${method} ${path} was refused but changed the SP`).toBe(before);
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
    // The generated bodies reach both sides: some are taken, most refused.
    expect([...statuses].sort()).toEqual([2, 4]);
  });

  test('answers any filter without a 5xx: a list, or a 400 SCIM Error', () => {
    const { send } = seeded(profile);
    const statuses = new Set<number>();
    fc.assert(
      fc.property(filter, (text) => {
        const response = send('GET', `/Users?filter=${encodeURIComponent(text)}`);
        statuses.add(response.status);
        const wrong = problem(response);
        if (wrong) throw new Error(`filter '${text}': ${wrong}`);
        expect([200, 400]).toContain(response.status);
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
    expect([...statuses].sort()).toEqual([200, 400]);
  });
});

describe('parseXml', () => {
  const sample =
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_1" Version="2.0">' +
    '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_2"><saml:Subject>' +
    '<saml:NameID>a@example.com</saml:NameID></saml:Subject></saml:Assertion></samlp:Response>';
  /** The sample with a few characters inserted, deleted or replaced. */
  const mutated = fc
    .array(
      fc.record({
        at: fc.nat({ max: sample.length }),
        cut: fc.nat({ max: 3 }),
        insert: fc.oneof(
          fc.constantFrom('<', '>', '/', '"', '&', '<!DOCTYPE a>', ']]>', '<?x?>', '\u0000'),
          fc.string({ maxLength: 4 }),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .map((edits) =>
      edits.reduce((text, { at, cut, insert }) => text.slice(0, at) + insert + text.slice(at + cut), sample),
    );

  test('returns a document or throws a SamlError, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string({ maxLength: 200 })), (text) => {
        try {
          expect(parseXml(text).documentElement).toBeTruthy();
        } catch (error) {
          if (!(error instanceof SamlError))
            throw new Error(`parseXml threw ${String(error)} for ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 2_000, seed: 20261207 },
    );
  });
});
