import { describe, expect, it } from 'vitest';
import type { ScimType } from '../errors.js';
import { expectScimError, scimErrorOf } from '../test-support.js';
import { PATCH_OP_SCHEMA, parsePatchRequest } from './patch-op.js';

const body = (...operations: unknown[]): unknown => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations });

describe('parsePatchRequest', () => {
  it('returns the operations of the RFC 7644 §3.5.2.1 example', () => {
    const value = [{ display: 'Babs Jensen', value: '2819c223-7f76-453a-919d-413861904646' }];
    expect(parsePatchRequest(body({ op: 'add', path: 'members', value }))).toEqual([
      { op: 'add', path: 'members', value },
    ]);
  });

  it.each(['Add', 'ADD', 'Replace', 'Remove'])('accepts the op name %s case-insensitively', (op) => {
    const [operation] = parsePatchRequest(body({ op, path: 'displayName', value: 'x' }));
    expect(operation?.op).toBe(op.toLowerCase());
  });

  it('accepts the Entra ID body with capitalised ops and member names in any case', () => {
    const parsed = parsePatchRequest({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'active', value: false },
        { Op: 'Add', Path: 'members', Value: [{ value: 'a1' }] },
      ],
    });
    expect(parsed).toEqual([
      { op: 'replace', path: 'active', value: false },
      { op: 'add', path: 'members', value: [{ value: 'a1' }] },
    ]);
  });

  it('keeps a remove without value and an add without path', () => {
    expect(
      parsePatchRequest(body({ op: 'remove', path: 'title' }, { op: 'add', value: { title: 'x' } })),
    ).toEqual([
      { op: 'remove', path: 'title' },
      { op: 'add', value: { title: 'x' } },
    ]);
  });

  it.each<[title: string, request: unknown, scimType: ScimType, message: RegExp]>([
    ['a body that is not an object', [], 'invalidSyntax', /must be a JSON object/],
    ['a missing schemas', { Operations: [{ op: 'add', value: {} }] }, 'invalidSyntax', /"schemas"/],
    ['a wrong schema', { schemas: ['urn:x'], Operations: [] }, 'invalidSyntax', /"schemas"/],
    ['an empty Operations', { schemas: [PATCH_OP_SCHEMA], Operations: [] }, 'invalidSyntax', /one or more/],
    [
      'an unknown top-level member',
      { schemas: [PATCH_OP_SCHEMA], Operations: [], x: 1 },
      'invalidSyntax',
      /'x'/,
    ],
    ['an operation that is not an object', body('add'), 'invalidSyntax', /Operation 1 .* must be an object/],
    ['a missing op', body({ path: 'title' }), 'invalidSyntax', /'op'.* found no 'op'/],
    ['an unknown op', body({ op: 'merge', value: {} }), 'invalidSyntax', /found the string "merge"/],
    ['an unknown operation member', body({ op: 'add', vaule: 1 }), 'invalidSyntax', /'vaule'/],
    [
      'a path that is not a string',
      body({ op: 'add', path: 3, value: 1 }),
      'invalidPath',
      /non-empty string/,
    ],
    [
      'a path that does not parse',
      body({ op: 'add', path: 'emails[type eq', value: 1 }),
      'invalidPath',
      /Invalid path/,
    ],
    ['an add without value', body({ op: 'add', path: 'title' }), 'invalidValue', /'value' for 'add' op/],
    ['an add with value null', body({ op: 'add', path: 'title', value: null }), 'invalidValue', /'value'/],
    [
      'a replace without value',
      body({ op: 'replace', path: 'title' }),
      'invalidValue',
      /'value' for 'replace'/,
    ],
  ])('rejects %s', (_title, request, scimType, message) => {
    expectScimError(() => parsePatchRequest(request), 400, scimType, message);
  });

  it('rejects a remove without path as noTarget, naming the operation', () => {
    const error = scimErrorOf(() =>
      parsePatchRequest(body({ op: 'add', path: 'title', value: 'x' }, { op: 'remove' })),
    );
    expect(error.scimType).toBe('noTarget');
    expect(error.message).toContain(
      "Missing required attribute 'path' for 'remove' op of operation 2 in PatchOp request body",
    );
  });

  it('accepts a replace with value null, which unassigns', () => {
    expect(parsePatchRequest(body({ op: 'replace', path: 'title', value: null }))).toEqual([
      { op: 'replace', path: 'title', value: null },
    ]);
  });
});
