import { describe, expect, test } from 'vitest';
import type { ScimError, ScimType } from '../errors.js';
import type { AttrPath } from '../schemas/types.js';
import { expectScimError, scimErrorOf } from '../test-support.js';
import type { CompareOperator, CompareValue, Filter } from './ast.js';
import { parseAttrPath, parseFilter, parsePatchPath } from './parse.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const at = (attr: string, subAttr?: string, uri?: string): AttrPath => ({
  attr,
  ...(subAttr === undefined ? {} : { subAttr }),
  ...(uri === undefined ? {} : { uri }),
});
const cmp = (op: CompareOperator, path: AttrPath, value: CompareValue): Filter => ({ op, path, value });
const pr = (path: AttrPath): Filter => ({ op: 'pr', path });
const and = (left: Filter, right: Filter): Filter => ({ op: 'and', left, right });
const or = (left: Filter, right: Filter): Filter => ({ op: 'or', left, right });
const not = (filter: Filter): Filter => ({ op: 'not', filter });
const valuePath = (path: AttrPath, filter: Filter): Filter => ({ op: 'valuePath', path, filter });

/** Runs `run`; checks the 400 `scimType` error it throws: `fragment`, the 1-based position and the caret under it. */
function expectError(run: () => unknown, scimType: ScimType, position: number, fragment: string): ScimError {
  const error = expectScimError(run, 400, scimType, fragment);
  expect(error.message).toContain(` at position ${position} in `);
  // Short inputs are shown whole after two spaces, with the caret under the character.
  const caret = error.message.split('\n').at(-1)!;
  if (position <= 41) expect(caret).toBe(`${' '.repeat(position + 1)}^`);
  return error;
}

// The example filters of RFC 7644 §3.4.2.2, in the order the RFC lists them.
const RFC_EXAMPLES: [string, Filter][] = [
  ['userName eq "bjensen"', cmp('eq', at('userName'), 'bjensen')],
  [`name.familyName co "O'Malley"`, cmp('co', at('name', 'familyName'), "O'Malley")],
  ['userName sw "J"', cmp('sw', at('userName'), 'J')],
  [`${CORE}:userName sw "J"`, cmp('sw', at('userName', undefined, CORE), 'J')],
  ['title pr', pr(at('title'))],
  [
    'meta.lastModified gt "2011-05-13T04:42:34Z"',
    cmp('gt', at('meta', 'lastModified'), '2011-05-13T04:42:34Z'),
  ],
  [
    'meta.lastModified ge "2011-05-13T04:42:34Z"',
    cmp('ge', at('meta', 'lastModified'), '2011-05-13T04:42:34Z'),
  ],
  [
    'meta.lastModified lt "2011-05-13T04:42:34Z"',
    cmp('lt', at('meta', 'lastModified'), '2011-05-13T04:42:34Z'),
  ],
  [
    'meta.lastModified le "2011-05-13T04:42:34Z"',
    cmp('le', at('meta', 'lastModified'), '2011-05-13T04:42:34Z'),
  ],
  ['title pr and userType eq "Employee"', and(pr(at('title')), cmp('eq', at('userType'), 'Employee'))],
  ['title pr or userType eq "Intern"', or(pr(at('title')), cmp('eq', at('userType'), 'Intern'))],
  [`schemas eq "${ENTERPRISE}"`, cmp('eq', at('schemas'), ENTERPRISE)],
  [
    'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    and(
      cmp('eq', at('userType'), 'Employee'),
      or(cmp('co', at('emails'), 'example.com'), cmp('co', at('emails', 'value'), 'example.org')),
    ),
  ],
  [
    'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    and(
      cmp('ne', at('userType'), 'Employee'),
      not(or(cmp('co', at('emails'), 'example.com'), cmp('co', at('emails', 'value'), 'example.org'))),
    ),
  ],
  [
    'userType eq "Employee" and (emails.type eq "work")',
    and(cmp('eq', at('userType'), 'Employee'), cmp('eq', at('emails', 'type'), 'work')),
  ],
  [
    'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    and(
      cmp('eq', at('userType'), 'Employee'),
      valuePath(at('emails'), and(cmp('eq', at('type'), 'work'), cmp('co', at('value'), '@example.com'))),
    ),
  ],
  [
    'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    or(
      valuePath(at('emails'), and(cmp('eq', at('type'), 'work'), cmp('co', at('value'), '@example.com'))),
      valuePath(at('ims'), and(cmp('eq', at('type'), 'xmpp'), cmp('co', at('value'), '@foo.com'))),
    ),
  ],
];

describe('parseFilter', () => {
  test.each(RFC_EXAMPLES)('parses the RFC 7644 example %s', (text, tree) => {
    expect(parseFilter(text)).toStrictEqual(tree);
  });

  test.each<[string, Filter]>([
    ['a pr or b pr and c pr', or(pr(at('a')), and(pr(at('b')), pr(at('c'))))],
    ['a pr and b pr or c pr', or(and(pr(at('a')), pr(at('b'))), pr(at('c')))],
    ['a pr and b pr and c pr', and(and(pr(at('a')), pr(at('b'))), pr(at('c')))],
    ['a pr or b pr or c pr', or(or(pr(at('a')), pr(at('b'))), pr(at('c')))],
    ['a pr and (b pr and c pr)', and(pr(at('a')), and(pr(at('b')), pr(at('c'))))],
    ['not (a pr) and b pr', and(not(pr(at('a'))), pr(at('b')))],
    ['not(a pr)', not(pr(at('a')))],
    ['not (not (a pr))', not(not(pr(at('a'))))],
    ['((a pr))', pr(at('a'))],
  ])('gives %s the precedence not > and > or, left-associative', (text, tree) => {
    expect(parseFilter(text)).toStrictEqual(tree);
  });

  test('reads operators and logical words case-insensitively', () => {
    expect(parseFilter('userName EQ "x" AnD title Pr OR NOT (id Ne "y")')).toStrictEqual(
      or(and(cmp('eq', at('userName'), 'x'), pr(at('title'))), not(cmp('ne', at('id'), 'y'))),
    );
  });

  test.each<[string, CompareValue]>([
    ['"a\\"b\\\\c\\/d"', 'a"b\\c/d'],
    ['"\\u00e9\\u00C9\\n\\t\\b\\f\\r"', 'éÉ\n\t\b\f\r'],
    ['""', ''],
    ['"(a) [b] and or"', '(a) [b] and or'],
    ['42', 42],
    ['-1.5', -1.5],
    ['2e3', 2000],
    ['1.5E-2', 0.015],
    ['0', 0],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('reads the JSON value %s', (text, value) => {
    expect(parseFilter(`x eq ${text}`)).toStrictEqual(cmp('eq', at('x'), value));
  });

  test.each<[string, AttrPath]>([
    ['members.$ref', at('members', '$ref')],
    ['x-custom_Attr2', at('x-custom_Attr2')],
    [`${ENTERPRISE}:employeeNumber`, at('employeeNumber', undefined, ENTERPRISE)],
    [`${ENTERPRISE}:manager.value`, at('manager', 'value', ENTERPRISE)],
    [`${CORE}:name.familyName`, at('name', 'familyName', CORE)],
  ])('reads the attribute path %s', (text, path) => {
    expect(parseFilter(`${text} pr`)).toStrictEqual(pr(path));
    expect(parseAttrPath(text)).toStrictEqual(path);
  });

  test('tolerates extra whitespace between tokens', () => {
    expect(parseFilter('  ( userName   eq\t"x" )  and  emails[ type eq "work" ]  ')).toStrictEqual(
      and(cmp('eq', at('userName'), 'x'), valuePath(at('emails'), cmp('eq', at('type'), 'work'))),
    );
  });

  test('reads a logical word followed by an operator as an attribute name', () => {
    expect(parseFilter('not eq "x" and or pr')).toStrictEqual(and(cmp('eq', at('not'), 'x'), pr(at('or'))));
  });

  test.each<[string, number, string]>([
    ['', 1, 'The filter is empty'],
    ['   ', 1, 'The filter is empty'],
    [
      'userName eq',
      12,
      "Expected a comparison value (a JSON string, number, true, false or null) after 'eq'",
    ],
    ['userName eq "bjensen', 13, `Unterminated string`],
    ['userName eqq "x"', 10, "Unknown operator 'eqq' after 'userName'"],
    ['userName', 9, "Expected an operator (eq, ne, co, sw, ew, gt, lt, ge, le or pr) after 'userName'"],
    ['title pr "x"', 10, "'pr' takes no value"],
    ['title pr 5', 10, "'pr' takes no value"],
    ['userName eq "a" foo', 17, "Expected 'and', 'or' or the end of the filter but found 'foo'"],
    ['(title pr', 10, "Missing ')' for the '(' at character 1"],
    ['emails[type eq "work"', 22, "Missing ']' for the '[' at character 7"],
    ['emails[type eq "work" and x[y pr]]', 28, 'Value filters cannot be nested'],
    ['not title pr', 5, "Expected '(' after 'not'"],
    ['title pr and', 13, "Expected an attribute path, '(' or 'not (' after 'and'"],
    ['title pr or or userName pr', 13, "after 'or' but found 'or'"],
    ['()', 2, "Expected an attribute path, '(' or 'not (' after '('"],
    ['userName eq bjensen', 13, `quote strings ("bjensen")`],
    ['active eq True', 11, "'True' is not a JSON literal; write it in lowercase ('true')"],
    ['1userName pr', 1, "Invalid attribute name '1userName'"],
    ['name.given.family pr', 11, 'more than one sub-attribute'],
    ['name. pr', 6, 'Missing attribute name'],
    [':userName pr', 1, 'is not a schema URI'],
    ['title pr)', 9, "Unexpected ')' with no matching '('"],
    ['userName eq "a\\qb"', 15, "Invalid escape '\\q'"],
    ['userName eq "\\u12G4"', 14, 'expected four hex digits'],
    ['userName eq "a\tb"', 15, 'Unescaped control character U+0009'],
    ['userName eq 1e400', 13, 'The number 1e400 is out of range'],
    ['emails[type eq "work"].value eq "x"', 23, 'allowed only in PATCH paths'],
  ])('rejects %j with invalidFilter at position %i', (text, position, fragment) => {
    expectError(() => parseFilter(text), 'invalidFilter', position, fragment);
  });

  test('quotes the filter and says what was expected', () => {
    expect(scimErrorOf(() => parseFilter('userName eq')).message).toBe(
      "Expected a comparison value (a JSON string, number, true, false or null) after 'eq' but found the end of the input " +
        "at position 12 in filter 'userName eq':\n  userName eq\n             ^",
    );
  });

  test('refuses nesting deep enough to exhaust the stack', () => {
    const text = `${'('.repeat(150)}a pr${')'.repeat(150)}`;
    const error = expectError(
      () => parseFilter(text),
      'invalidFilter',
      101,
      'Nesting deeper than 100 levels',
    );
    // Long inputs are shown as a window of 40 characters either side of the position.
    expect(error.message.split('\n').slice(-2)).toStrictEqual([
      `  …${text.slice(60, 140)}…`,
      `${' '.repeat(43)}^`,
    ]);
  });

  test('throws TypeError when given something other than a string', () => {
    expect(() => parseFilter(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('parsePatchPath', () => {
  test.each([
    ['userName', { path: at('userName') }],
    ['name.familyName', { path: at('name', 'familyName') }],
    [`${ENTERPRISE}:manager`, { path: at('manager', undefined, ENTERPRISE) }],
    ['members[value eq "2819c223"]', { path: at('members'), filter: cmp('eq', at('value'), '2819c223') }],
    [
      'emails[type eq "work" and primary eq true].value',
      {
        path: at('emails'),
        filter: and(cmp('eq', at('type'), 'work'), cmp('eq', at('primary'), true)),
        subAttr: 'value',
      },
    ],
  ])('parses %s', (text, expected) => {
    expect(parsePatchPath(text)).toStrictEqual(expected);
  });

  test.each<[string, number, string]>([
    ['', 1, 'The path is empty'],
    ['emails[type eq "work"', 22, "Missing ']'"],
    ['emails[type eq "work"].', 24, "Expected a sub-attribute name after '].'"],
    [
      'emails[type eq]',
      15,
      "Expected a comparison value (a JSON string, number, true, false or null) after 'eq'",
    ],
    ['members[value eq "x"] .display', 23, "Expected '.subAttribute' or the end of the path"],
    ['userName eq "x"', 10, "Expected '[' or the end of the path but found 'eq'"],
    ['emails[type eq "work"][value pr]', 23, "Expected '.subAttribute' or the end of the path but found '['"],
    ['"userName"', 1, 'Expected an attribute path but found the string "userName"'],
  ])('rejects %j with invalidPath at position %i', (text, position, fragment) => {
    expectError(() => parsePatchPath(text), 'invalidPath', position, fragment);
  });
});

describe('parseAttrPath', () => {
  test.each<[string, number, string]>([
    ['', 1, 'The attribute path is empty'],
    ['emails[type eq "x"]', 7, "Expected the end of the attribute path but found '['"],
    ['name givenName', 6, "Expected the end of the attribute path but found 'givenName'"],
    ['name.', 6, 'Missing attribute name'],
    ['name..givenName', 6, 'more than one sub-attribute'],
  ])('rejects %j with invalidPath at position %i', (text, position, fragment) => {
    expectError(() => parseAttrPath(text), 'invalidPath', position, fragment);
  });
});
