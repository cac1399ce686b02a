import { expect, test } from 'vitest';
import { USER_SCHEMA, type JsonObject } from '#harness/scim';
import { patchOp, seedTeam, setupSp } from '../scim/test-support.js';
import { CHARACTERISTIC_FAULTS } from './characteristics.js';

type Fault = (typeof CHARACTERISTIC_FAULTS)[number]['id'];

/** An Interact mock holding id-1 (alice, two emails), id-2 (bob) and group id-3 with alice. */
function setup(...faults: Fault[]) {
  const { sp, send, members } = setupSp({ faults });
  seedTeam(sp);
  const emails = [
    { value: 'alice@example.com', type: 'work', primary: true },
    { value: 'alice@home.example', type: 'home' },
  ];
  send('PATCH', '/Users/id-1', patchOp({ op: 'add', path: 'emails', value: emails }));
  const user = () => send('GET', '/Users/id-1').json;
  return { sp, send, user, members: () => members('id-3') };
}
type Setup = ReturnType<typeof setup>;
const emailsOf = (user: JsonObject) => user.emails as JsonObject[];

/** Sends `body` to `path` on both SPs; the strict one answers `strict`, the faulty one `faulty`. */
function statuses(s: Setup, f: Setup, path: string, body: unknown, strict: number, faulty: number) {
  expect(s.send('PATCH', path, body).status).toBe(strict);
  expect(f.send('PATCH', path, body).status).toBe(faulty);
}

const effects: Record<Fault, (strict: Setup, faulty: Setup) => void> = {
  'capitalised-op-ignored': (strict, faulty) => {
    const body = patchOp({ op: 'Replace', path: 'active', value: false });
    statuses(strict, faulty, '/Users/id-1', body, 200, 200);
    expect(strict.user().active).toBe(false);
    expect(faulty.user().active).not.toBe(false);
  },
  'case-sensitive-attribute-path': (strict, faulty) => {
    statuses(strict, faulty, '/Users/id-1', patchOp({ op: 'replace', path: 'Title', value: 'X' }), 200, 200);
    expect(strict.user().title).toBe('X');
    expect(faulty.user()).not.toHaveProperty('title');
  },
  'pathless-extension-object-ignored': (strict, faulty) => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    statuses(
      strict,
      faulty,
      '/Users/id-1',
      patchOp({ op: 'replace', value: { [urn]: { department: 'R&D' } } }),
      200,
      200,
    );
    expect(strict.user()[urn]).toEqual({ department: 'R&D' });
    expect(faulty.user()).not.toHaveProperty(urn);
  },
  'multi-valued-add-replaces': (strict, faulty) => {
    const add = patchOp({ op: 'add', path: 'members', value: [{ value: 'id-2' }] });
    statuses(strict, faulty, '/Groups/id-3', add, 200, 200);
    expect(strict.members()).toEqual(['id-1', 'id-2']);
    expect(faulty.members()).toEqual(['id-2']);
  },
  'email-add-duplicates': (strict, faulty) => {
    const add = patchOp({
      op: 'add',
      path: 'emails',
      value: [{ value: 'alice@home.example', type: 'home' }],
    });
    statuses(strict, faulty, '/Users/id-1', add, 200, 200);
    expect(emailsOf(strict.user())).toHaveLength(2);
    expect(emailsOf(faulty.user()).length).toBeGreaterThan(2);
  },
  'remove-filter-removes-all': (strict, faulty) => {
    statuses(
      strict,
      faulty,
      '/Users/id-1',
      patchOp({ op: 'remove', path: 'emails[type eq "home"]' }),
      200,
      200,
    );
    expect(emailsOf(strict.user()).map((e) => e.type)).toEqual(['work']);
    expect(faulty.user()).not.toHaveProperty('emails');
  },
  'replace-filter-ignored': (strict, faulty) => {
    const body = patchOp({ op: 'replace', path: 'emails[type eq "home"].value', value: 'a@b.example' });
    statuses(strict, faulty, '/Users/id-1', body, 200, 200);
    expect(emailsOf(strict.user())[1]!.value).toBe('a@b.example');
    expect(emailsOf(faulty.user())[1]!.value).toBe('alice@home.example');
  },
  'remove-without-path-ignored': (strict, faulty) => {
    statuses(strict, faulty, '/Users/id-1', patchOp({ op: 'remove' }), 400, 200);
  },
  'primary-not-cleared': (strict, faulty) => {
    const add = patchOp({
      op: 'add',
      path: 'emails',
      value: [{ value: 'n@example.org', type: 'other', primary: true }],
    });
    statuses(strict, faulty, '/Users/id-1', add, 200, 200);
    const primaries = (s: Setup) => emailsOf(s.user()).filter((e) => e.primary === true).length;
    expect(primaries(strict)).toBe(1);
    expect(primaries(faulty)).toBe(2);
  },
  'patch-answers-partial': (strict, faulty) => {
    const body = patchOp({ op: 'replace', path: 'title', value: 'X' });
    expect(strict.send('PATCH', '/Users/id-1', body).json.userName).toBe('alice@example.com');
    expect(faulty.send('PATCH', '/Users/id-1', body).json).not.toHaveProperty('userName');
  },
  'patch-204-with-attributes': (strict, faulty) => {
    statuses(
      strict,
      faulty,
      '/Users/id-1?attributes=userName',
      patchOp({ op: 'replace', path: 'title', value: 'X' }),
      200,
      204,
    );
  },
  'write-answers-previous-state': (strict, faulty) => {
    const body = patchOp({ op: 'replace', path: 'title', value: 'X' });
    expect(strict.send('PATCH', '/Users/id-1', body).json.title).toBe('X');
    expect(faulty.send('PATCH', '/Users/id-1', body).json).not.toHaveProperty('title');
    expect(faulty.user().title).toBe('X');
  },
  'create-answer-without-version': (strict, faulty) => {
    const carol = { schemas: [USER_SCHEMA], userName: 'carol@example.com' };
    expect(strict.send('POST', '/Users', carol).json.meta).toHaveProperty('version');
    expect(faulty.send('POST', '/Users', carol).json.meta).not.toHaveProperty('version');
  },
  'put-answers-sent-readonly': (strict, faulty) => {
    const body = { schemas: [USER_SCHEMA], userName: 'alice@example.com', id: 'moved' };
    expect(strict.send('PUT', '/Users/id-1', body).json.id).toBe('id-1');
    expect(faulty.send('PUT', '/Users/id-1', body).json.id).toBe('moved');
  },
  'readonly-patch-ignored': (strict, faulty) => {
    statuses(strict, faulty, '/Users/id-1', patchOp({ op: 'replace', path: 'id', value: 'x' }), 400, 200);
  },
  'immutable-patch-ignored': (strict, faulty) => {
    const body = patchOp({ op: 'replace', path: 'members[value eq "id-1"].value', value: 'id-2' });
    statuses(strict, faulty, '/Groups/id-3', body, 400, 200);
  },
  'required-remove-ignored': (strict, faulty) => {
    statuses(strict, faulty, '/Users/id-1', patchOp({ op: 'remove', path: 'userName' }), 400, 200);
  },
  'password-returned': (strict, faulty) => {
    const dave = { schemas: [USER_SCHEMA], userName: 'dave@example.com', password: 'Secret-1!' };
    expect(strict.send('POST', '/Users', dave).json).not.toHaveProperty('password');
    expect(faulty.send('POST', '/Users', dave).json.password).toBe('Secret-1!');
    expect(faulty.send('GET', '/Users/id-4').json.password).toBe('Secret-1!');
  },
};

test.each(CHARACTERISTIC_FAULTS.map((fault) => [fault.id, fault.bug] as const))(
  'with %s, the SP %s',
  (fault) => {
    effects[fault](setup(), setup(fault));
  },
);
