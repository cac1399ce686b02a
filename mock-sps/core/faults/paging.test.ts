import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import { seedTeam, setupSp } from '../scim/test-support.js';
import { PAGING_FAULTS } from './paging.js';
import { SORTING_FAULTS } from './sorting.js';

const FAULTS = [...PAGING_FAULTS, ...SORTING_FAULTS];
type Fault = (typeof FAULTS)[number]['id'];

/** An Interact mock with `faults`, holding users id-1 (alice), id-2 (bob) and group id-3. */
function setup(...faults: Fault[]) {
  const { sp, send } = setupSp({ faults });
  seedTeam(sp);
  const list = (query: string) => send('GET', `/Users?${query}`).json;
  const ids = (query: string) => (list(query).Resources as JsonObject[] | undefined)?.map((r) => r.id);
  const user = (body: JsonObject) => send('POST', '/Users', { schemas: [USER_SCHEMA], ...body });
  return { send, list, ids, user };
}
type Setup = ReturnType<typeof setup>;

/** For each fault: the strict SP and the faulty one, put through the same requests. */
const effects: Record<Fault, (strict: Setup, faulty: Setup) => void> = {
  'start-index-below-one-400': (strict, faulty) => {
    expect(strict.ids('startIndex=0&count=1')).toEqual(['id-1']);
    expect(faulty.list('startIndex=0&count=1')).toMatchObject({ status: '400', scimType: 'invalidValue' });
  },
  'start-index-past-end-clamped': (strict, faulty) => {
    expect(strict.list('startIndex=3')).toMatchObject({ totalResults: 2, Resources: [] });
    expect(faulty.ids('startIndex=3')).toEqual(['id-2']);
  },
  'count-zero-returns-all': (strict, faulty) => {
    expect(strict.ids('count=0')).toEqual([]);
    expect(faulty.ids('count=0')).toEqual(['id-1', 'id-2']);
  },
  'negative-count-ignored': (strict, faulty) => {
    expect(strict.ids('count=-1')).toEqual([]);
    expect(faulty.ids('count=-1')).toEqual(['id-1', 'id-2']);
  },
  'ignore-count': (strict, faulty) => {
    expect(strict.ids('count=1')).toEqual(['id-1']);
    expect(faulty.ids('count=1')).toEqual(['id-1', 'id-2']);
  },
  'items-per-page-is-count': (strict, faulty) => {
    expect(strict.list('startIndex=2&count=5').itemsPerPage).toBe(1);
    expect(faulty.list('startIndex=2&count=5').itemsPerPage).toBe(5);
  },
  'total-results-is-page-size': (strict, faulty) => {
    expect(strict.list('count=1').totalResults).toBe(2);
    expect(faulty.list('count=1').totalResults).toBe(1);
  },
  'start-index-as-page-number': (strict, faulty) => {
    for (const { user } of [strict, faulty]) user({ userName: 'carol' });
    expect(strict.ids('startIndex=2&count=2')).toEqual(['id-2', 'id-4']);
    expect(faulty.ids('startIndex=2&count=2')).toEqual(['id-4']);
  },
  'sort-default-descending': (strict, faulty) => {
    expect(strict.ids('sortBy=userName')).toEqual(['id-1', 'id-2']);
    expect(faulty.ids('sortBy=userName')).toEqual(['id-2', 'id-1']);
  },
  'sort-case-sensitive': (strict, faulty) => {
    for (const { user } of [strict, faulty]) user({ userName: 'Carol' });
    expect(strict.ids('sortBy=userName')).toEqual(['id-1', 'id-2', 'id-4']);
    expect(faulty.ids('sortBy=userName')).toEqual(['id-4', 'id-1', 'id-2']);
  },
  'sort-missing-first': (strict, faulty) => {
    for (const { user } of [strict, faulty]) user({ userName: 'carol', title: 'CTO' });
    expect(strict.ids('sortBy=title')).toEqual(['id-4', 'id-1', 'id-2']);
    expect(faulty.ids('sortBy=title')).toEqual(['id-1', 'id-2', 'id-4']);
  },
  'sort-missing-last-always': (strict, faulty) => {
    for (const { user } of [strict, faulty]) user({ userName: 'carol', title: 'CTO' });
    expect(strict.ids('sortBy=title&sortOrder=descending')).toEqual(['id-1', 'id-2', 'id-4']);
    expect(faulty.ids('sortBy=title&sortOrder=descending')).toEqual(['id-4', 'id-1', 'id-2']);
  },
  'sort-multi-valued-first-value': (strict, faulty) => {
    for (const { user } of [strict, faulty]) {
      user({
        userName: 'x',
        emails: [{ value: 'c@example.com' }, { value: 'a@example.com', primary: true }],
      });
      user({ userName: 'y', emails: [{ value: 'b@example.com' }] });
    }
    const sorted = 'filter=emails%20pr&sortBy=emails.value';
    expect(strict.ids(sorted)).toEqual(['id-4', 'id-5']);
    expect(faulty.ids(sorted)).toEqual(['id-5', 'id-4']);
  },
  'sort-ignores-extension-path': (strict, faulty) => {
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    for (const { user } of [strict, faulty])
      for (const [userName, employeeNumber] of [
        ['x', '2'],
        ['y', '1'],
      ])
        user({ userName, schemas: [USER_SCHEMA, enterprise], [enterprise]: { employeeNumber } });
    const sorted = `filter=userName%20sw%20%22%22&sortBy=${enterprise}:employeeNumber`;
    expect(strict.ids(sorted)?.slice(0, 2)).toEqual(['id-5', 'id-4']);
    expect(faulty.ids(sorted)?.slice(0, 2)).toEqual(['id-1', 'id-2']);
  },
};

test.each(FAULTS.map((fault) => [fault.id, fault.bug] as const))('with %s, the SP %s', (fault) => {
  effects[fault](setup(), setup(fault));
});
