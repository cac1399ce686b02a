import { describe, expect, test } from 'vitest';
import type { Filter } from './ast.js';
import { parseFilter } from './parse.js';
import { printAttrPath, printFilter } from './print.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const pr = (attr: string): Filter => ({ op: 'pr', path: { attr } });

describe('printFilter', () => {
  test.each([
    ['userName EQ "bjensen"', 'userName eq "bjensen"'],
    ['  title   pr  AND userType Eq "Employee" ', 'title pr and userType eq "Employee"'],
    ['((a pr))', 'a pr'],
    ['(a pr and b pr) or c pr', 'a pr and b pr or c pr'],
    ['a pr and (b pr or c pr)', 'a pr and (b pr or c pr)'],
    ['(a pr or b pr) and c pr', '(a pr or b pr) and c pr'],
    ['(a pr or b pr) or c pr', 'a pr or b pr or c pr'],
    ['a pr or (b pr or c pr)', 'a pr or (b pr or c pr)'],
    ['a pr and (b pr and c pr)', 'a pr and (b pr and c pr)'],
    ['not(a pr)', 'not (a pr)'],
    ['not ((a pr or b pr)) and c pr', 'not (a pr or b pr) and c pr'],
    ['emails[(type eq "work")] and x pr', 'emails[type eq "work"] and x pr'],
    ['EMAILS[type eq "work" OR (primary eq true)]', 'EMAILS[type eq "work" or primary eq true]'],
    [`${ENTERPRISE}:employeeNumber eq "701984"`, `${ENTERPRISE}:employeeNumber eq "701984"`],
  ])('prints %s canonically as %s', (text, canonical) => {
    expect(printFilter(parseFilter(text))).toBe(canonical);
  });

  test.each<[Filter, string]>([
    [{ op: 'eq', path: { attr: 'x' }, value: 'a"b\\c\n\u0001' }, 'x eq "a\\"b\\\\c\\n\\u0001"'],
    [{ op: 'eq', path: { attr: 'x' }, value: "O'Malley" }, `x eq "O'Malley"`],
    [{ op: 'gt', path: { attr: 'x' }, value: 1e21 }, 'x gt 1e+21'],
    [{ op: 'lt', path: { attr: 'x' }, value: -0 }, 'x lt -0'],
    [{ op: 'ge', path: { attr: 'x' }, value: 0.1 }, 'x ge 0.1'],
    [{ op: 'eq', path: { attr: 'x' }, value: null }, 'x eq null'],
    [{ op: 'ne', path: { attr: 'x' }, value: false }, 'x ne false'],
  ])('prints the value in %j as JSON', (filter, text) => {
    expect(printFilter(filter)).toBe(text);
    expect(parseFilter(text)).toStrictEqual(filter);
  });

  test('parenthesises a right operand of the same operator to keep the tree', () => {
    const tree: Filter = { op: 'and', left: pr('a'), right: { op: 'and', left: pr('b'), right: pr('c') } };
    expect(printFilter(tree)).toBe('a pr and (b pr and c pr)');
    expect(parseFilter(printFilter(tree))).toStrictEqual(tree);
  });

  test('throws TypeError for a number JSON cannot carry', () => {
    expect(() => printFilter({ op: 'eq', path: { attr: 'x' }, value: Number.NaN })).toThrow(TypeError);
  });
});

describe('printAttrPath', () => {
  test.each([
    [{ attr: 'userName' }, 'userName'],
    [{ attr: 'name', subAttr: 'givenName' }, 'name.givenName'],
    [{ uri: ENTERPRISE, attr: 'manager', subAttr: '$ref' }, `${ENTERPRISE}:manager.$ref`],
  ])('prints %j as %s', (path, text) => {
    expect(printAttrPath(path)).toBe(text);
  });
});
