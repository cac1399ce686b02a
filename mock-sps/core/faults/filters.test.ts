import { expect, test } from 'vitest';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA, type JsonObject } from '#harness/scim';
import type { ScimFault } from '../../registry.js';
import { seedTeam, setupSp } from '../scim/test-support.js';
import { FILTER_FAULTS } from './filters.js';

type FilterFault = (typeof FILTER_FAULTS)[number]['id'];

/** The ids a list answered with, or its status when it answered no list. */
type Outcome = string[] | number;

/**
 * An Interact mock with `faults`, holding users id-1 (alice), id-2 (bob) and group id-3, and
 * `seed` as user id-4 when given; created 2024-05-01T12:00:00Z.
 */
function outcome(filter: string, seed: JsonObject | undefined, ...faults: ScimFault[]): Outcome {
  const { sp, send } = setupSp({ faults });
  seedTeam(sp);
  if (seed)
    expect(send('POST', '/Users', { schemas: [USER_SCHEMA], userName: 'carol', ...seed }).status).toBe(201);
  const res = send('GET', `/Users?filter=${encodeURIComponent(filter)}`);
  return res.status === 200 ? (res.json.Resources as JsonObject[]).map((r) => String(r.id)) : res.status;
}

const alice = '"alice@example.com"';
const bob = '"bob@example.com"';

/** For each fault: a filter, the user it may need, and what the strict and the faulty SP answer. */
const effects: Record<FilterFault, { filter: string; seed?: JsonObject; strict: Outcome; faulty: Outcome }> =
  {
    'case-sensitive-string-filters': { filter: 'userName sw "ALICE"', strict: ['id-1'], faulty: [] },
    'case-insensitive-identifiers': {
      filter: 'externalId eq "EXT-C" or id eq "ID-1"',
      seed: { externalId: 'Ext-C' },
      strict: [],
      faulty: ['id-1', 'id-4'],
    },
    'datetime-compared-as-text': {
      filter: 'meta.created gt "2024-05-01T12:59:00+01:00"',
      strict: ['id-1', 'id-2'],
      faulty: [],
    },
    'pr-matches-empty-values': { filter: 'title pr', seed: { title: '' }, strict: [], faulty: ['id-4'] },
    'pr-always-true': { filter: 'title pr', strict: [], faulty: ['id-1', 'id-2'] },
    'boolean-filters-match-nothing': { filter: 'active ne false', strict: ['id-1', 'id-2'], faulty: [] },
    'boolean-ordering-accepted': { filter: 'active gt true', strict: 400, faulty: [] },
    'unknown-attribute-terms-ignored': { filter: 'zzNope eq "x"', strict: 400, faulty: ['id-1', 'id-2'] },
    'first-value-only': {
      filter: 'emails.value eq "b@example.net"',
      seed: { emails: [{ value: 'a@example.net' }, { value: 'b@example.net' }] },
      strict: ['id-4'],
      faulty: [],
    },
    'value-path-flattened': {
      filter: 'emails[type eq "work" and value eq "h@example.net"]',
      seed: {
        emails: [
          { value: 'w@example.net', type: 'work' },
          { value: 'h@example.net', type: 'home' },
        ],
      },
      strict: [],
      faulty: ['id-4'],
    },
    'extension-terms-ignored': {
      filter: `${ENTERPRISE_USER_SCHEMA}:employeeNumber eq "42"`,
      strict: [],
      faulty: ['id-1', 'id-2'],
    },
    'schema-qualified-names-unmatched': {
      filter: `${USER_SCHEMA}:userName eq ${bob}`,
      strict: ['id-2'],
      faulty: [],
    },
    'attribute-names-case-sensitive': { filter: `USERNAME eq ${bob}`, strict: ['id-2'], faulty: [] },
    'operators-case-sensitive': { filter: `userName EQ ${bob}`, strict: ['id-2'], faulty: 400 },
    'logic-left-to-right': {
      filter: `userName eq ${alice} or userName eq ${bob} and userName eq "nobody"`,
      strict: ['id-1'],
      faulty: [],
    },
    'grouping-ignored': {
      filter: `(userName eq ${alice} or userName eq ${bob}) and (userName eq ${bob} or userName eq "nobody")`,
      strict: ['id-2'],
      faulty: ['id-1', 'id-2'],
    },
    'not-ignored': { filter: `not (userName eq ${alice})`, strict: ['id-2'], faulty: ['id-1'] },
    'unterminated-string-closed': {
      filter: `userName eq ${bob.slice(0, -1)}`,
      strict: 400,
      faulty: ['id-2'],
    },
    'unknown-operator-as-eq': { filter: `userName regex ${bob}`, strict: 400, faulty: ['id-2'] },
    'unbalanced-parentheses-closed': { filter: `(userName eq ${bob}`, strict: 400, faulty: ['id-2'] },
    'dangling-logic-dropped': { filter: `userName eq ${bob} and`, strict: 400, faulty: ['id-2'] },
  };

test.each(FILTER_FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  const { filter, seed, strict, faulty } = effects[fault];
  expect(outcome(filter, seed)).toEqual(strict);
  expect(outcome(filter, seed, fault)).toEqual(faulty);
});
