import { describe, expect, it } from 'vitest';
import { parseFilter, parsePatchPath } from './filter/parse.js';
import { checkJsonDepth, jsonDepth, REQUEST_LIMITS } from './limits.js';
import { PATCH_OP_SCHEMA, parsePatchRequest } from './patch/patch-op.js';
import { parseAttributeList } from './projection.js';
import { scimErrorOf } from './test-support.js';

/** `[[[…]]]` nested `levels` deep, parsed. */
const nested = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

const terms = (count: number, operator: string): string =>
  Array.from({ length: count }, (_, i) => `userName eq "u${i}"`).join(` ${operator} `);

describe('jsonDepth', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(jsonDepth('text')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ name: { givenName: 'A' }, emails: [{ value: 'a' }] })).toBe(3);
    expect(jsonDepth(nested(64))).toBe(64);
  });

  it('walks 100,000 levels without recursion, and stops early when asked', () => {
    const deep = nested(100_000);
    expect(jsonDepth(deep)).toBe(100_000);
    expect(jsonDepth(deep, 64)).toBe(65);
  });
});

describe('the request limits', () => {
  it('refuses a body nested deeper than jsonDepth with invalidSyntax naming the limit', () => {
    expect(() => checkJsonDepth(nested(REQUEST_LIMITS.jsonDepth))).not.toThrow();
    const error = scimErrorOf(() =>
      checkJsonDepth({ name: { givenName: nested(REQUEST_LIMITS.jsonDepth) } }),
    );
    expect([error.status, error.scimType]).toEqual([400, 'invalidSyntax']);
    expect(error.message).toContain(`more than ${REQUEST_LIMITS.jsonDepth} levels`);
  });

  it('reads a filter of filterTerms comparisons and refuses one more with invalidFilter', () => {
    expect(() => parseFilter(terms(REQUEST_LIMITS.filterTerms, 'or'))).not.toThrow();
    for (const operator of ['or', 'and']) {
      const error = scimErrorOf(() => parseFilter(terms(REQUEST_LIMITS.filterTerms + 1, operator)));
      expect([error.status, error.scimType]).toEqual([400, 'invalidFilter']);
      expect(error.message).toContain(`more than ${REQUEST_LIMITS.filterTerms} comparisons`);
    }
    // 40,000 terms: refused at the first one over, not after building and walking them all.
    expect(scimErrorOf(() => parseFilter(terms(40_000, 'or'))).scimType).toBe('invalidFilter');
  });

  it('counts the comparisons of a PATCH path filter too (invalidPath)', () => {
    const many = Array.from({ length: REQUEST_LIMITS.filterTerms + 1 }, (_, i) => `value eq "m${i}"`);
    const error = scimErrorOf(() => parsePatchPath(`members[${many.join(' or ')}]`));
    expect([error.status, error.scimType]).toEqual([400, 'invalidPath']);
  });

  it('refuses nesting deeper than filterDepth', () => {
    const depth = REQUEST_LIMITS.filterDepth + 1;
    const error = scimErrorOf(() => parseFilter(`${'('.repeat(depth)}title pr${')'.repeat(depth)}`));
    expect(error.scimType).toBe('invalidFilter');
  });

  it('refuses a PATCH of more than patchOperations operations, naming the limit', () => {
    const body = (count: number) => ({
      schemas: [PATCH_OP_SCHEMA],
      Operations: Array.from({ length: count }, (_, i) => ({ op: 'replace', path: 'title', value: `t${i}` })),
    });
    expect(parsePatchRequest(body(REQUEST_LIMITS.patchOperations))).toHaveLength(
      REQUEST_LIMITS.patchOperations,
    );
    const error = scimErrorOf(() => parsePatchRequest(body(REQUEST_LIMITS.patchOperations + 1)));
    expect([error.status, error.scimType]).toEqual([400, 'invalidValue']);
    expect(error.message).toContain(
      `has ${REQUEST_LIMITS.patchOperations + 1} operations; this SP takes at most ${REQUEST_LIMITS.patchOperations}`,
    );
  });

  it('refuses more than attributeNames names in attributes or excludedAttributes', () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `name${i}`).join(',');
    expect(parseAttributeList(names(REQUEST_LIMITS.attributeNames))).toHaveLength(
      REQUEST_LIMITS.attributeNames,
    );
    const error = scimErrorOf(() => parseAttributeList(names(5_000), 'excludedAttributes'));
    expect([error.status, error.scimType]).toEqual([400, 'invalidValue']);
    expect(error.message).toContain('The excludedAttributes parameter has 5000 names');
  });
});
