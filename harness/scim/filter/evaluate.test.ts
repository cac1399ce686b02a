import { describe, expect, test } from 'vitest';
import type { JsonObject } from '../attribute-access.js';
import { ScimError } from '../errors.js';
import type { AttributeDefinition } from '../schemas/types.js';
import { attr, contextOf, expectScimError, scimErrorOf } from '../test-support.js';
import type { Filter } from './ast.js';
import { matchesFilter, matchesValue, type FilterContext } from './evaluate.js';
import { parseFilter } from './parse.js';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const multiValuedValue = (name: string): AttributeDefinition =>
  attr(name, 'complex', {
    multiValued: true,
    subAttributes: [attr('value', 'string'), attr('type', 'string'), attr('primary', 'boolean')],
  });
const emails = multiValuedValue('emails');
const certificates = attr('x509Certificates', 'complex', {
  multiValued: true,
  subAttributes: [attr('value', 'binary', { caseExact: true })],
});

// A small stand-in for the RFC 7643 User schema; loginCount is a test-only integer.
const SCHEMAS: Record<string, AttributeDefinition[]> = {
  [CORE]: [
    attr('id', 'string', { caseExact: true, mutability: 'readOnly', uniqueness: 'server' }),
    attr('externalId', 'string', { caseExact: true }),
    attr('userName', 'string', { required: true, uniqueness: 'server' }),
    attr('name', 'complex', {
      subAttributes: [attr('givenName', 'string'), attr('familyName', 'string')],
    }),
    attr('title', 'string'),
    attr('userType', 'string'),
    attr('active', 'boolean'),
    attr('loginCount', 'integer'),
    emails,
    multiValuedValue('ims'),
    certificates,
    attr('meta', 'complex', { subAttributes: [attr('lastModified', 'dateTime')] }),
  ],
  [ENTERPRISE]: [attr('employeeNumber', 'string')],
};

const ctx: FilterContext = contextOf(CORE, SCHEMAS);

const CERTIFICATE = 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx';
const bjensen: JsonObject = {
  schemas: [CORE, ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'bjensen',
  userName: 'bjensen',
  name: { givenName: 'Barbara', familyName: 'Jensen' },
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  loginCount: 12,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'babs@jabber.example.org', type: 'xmpp' }],
  x509Certificates: [{ value: CERTIFICATE }],
  meta: { lastModified: '2011-05-13T04:42:34Z' },
  [ENTERPRISE]: { employeeNumber: '701984' },
};
const jsmith: JsonObject = {
  schemas: [CORE],
  id: '7a1b9f7e-0c0e-4b3c-9d6e-2b4f1c8d9e10',
  userName: 'JSmith',
  name: { givenName: 'John', familyName: 'Smith' },
  userType: 'Intern',
  active: false,
  loginCount: 3,
  emails: [{ value: 'john@example.org', type: 'work' }],
  ims: [{ value: 'jsmith@foo.com', type: 'xmpp' }],
  meta: { lastModified: '2012-01-01T00:00:00+01:00' },
};
const momalley: JsonObject = {
  schemas: [CORE],
  id: 'c0ffee00-0000-4000-8000-000000000003',
  userName: 'momalley',
  name: { givenName: 'Maureen', familyName: "O'Malley" },
  title: '',
  userType: 'Contractor',
  emails: [{ value: 'mo@example.net', type: 'home' }],
  meta: { lastModified: '2010-12-31T23:59:59Z' },
};
const USERS = [bjensen, jsmith, momalley];

const matching = (text: string): unknown[] =>
  USERS.filter((user) => matchesFilter(user, parseFilter(text), ctx)).map((user) => user.userName);

describe('matchesFilter', () => {
  test.each([
    ['userName eq "bjensen"', ['bjensen']],
    [`name.familyName co "O'Malley"`, ['momalley']],
    ['userName sw "J"', ['JSmith']],
    [`${CORE}:userName sw "J"`, ['JSmith']],
    ['title pr', ['bjensen']],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', ['JSmith']],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', ['bjensen', 'JSmith']],
    ['meta.lastModified lt "2011-05-13T04:42:34Z"', ['momalley']],
    ['meta.lastModified le "2011-05-13T04:42:34Z"', ['bjensen', 'momalley']],
    ['title pr and userType eq "Employee"', ['bjensen']],
    ['title pr or userType eq "Intern"', ['bjensen', 'JSmith']],
    [`schemas eq "${ENTERPRISE}"`, ['bjensen']],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', ['bjensen']],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      ['momalley'],
    ],
    ['userType eq "Employee" and (emails.type eq "work")', ['bjensen']],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', ['bjensen']],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      ['bjensen', 'JSmith'],
    ],
  ])('evaluates the RFC 7644 example %s', (text, expected) => {
    expect(matching(text)).toStrictEqual(expected);
  });

  test.each([
    ['USERNAME EQ "BJENSEN"', ['bjensen']],
    ['userName eq "jsmith"', ['JSmith']],
    ['userName gt "BJENSEN"', ['JSmith', 'momalley']],
    ['id eq "2819C223-7F76-453A-919D-413861904646"', []],
    ['id eq "2819c223-7f76-453a-919d-413861904646"', ['bjensen']],
    ['externalId eq "BJENSEN"', []],
    ['externalId sw "bjen"', ['bjensen']],
    [`${CORE.toUpperCase()}:USERNAME eq "bjensen"`, ['bjensen']],
    [`${ENTERPRISE.toLowerCase()}:EMPLOYEENUMBER eq "701984"`, ['bjensen']],
    ['EMAILS[TYPE EQ "WORK"]', ['bjensen', 'JSmith']],
    ['emails[value eq "BJENSEN@EXAMPLE.COM"]', ['bjensen']],
    [`x509Certificates[value eq "${CERTIFICATE}"]`, ['bjensen']],
    [`x509Certificates[value eq "${CERTIFICATE.toLowerCase()}"]`, []],
    ['nickName eq "x"', []],
  ])('applies the case rules of RFC 7643 §2.1–§2.2 to %s', (text, expected) => {
    expect(matching(text)).toStrictEqual(expected);
  });

  test.each([
    ['title eq null', ['JSmith']],
    ['title ne null', ['bjensen', 'momalley']],
    ['title eq ""', ['momalley']],
    ['title ne "Tour Guide"', ['JSmith', 'momalley']],
    ['nickName ne "x"', ['bjensen', 'JSmith', 'momalley']],
    ['active eq true', ['bjensen']],
    ['active ne true', ['JSmith', 'momalley']],
    ['active eq false', ['JSmith']],
    ['loginCount gt 5', ['bjensen']],
    ['loginCount le 3', ['JSmith']],
    ['loginCount eq 12.0', ['bjensen']],
    ['emails.type ne "work"', ['bjensen', 'momalley']],
    ['not (emails.type eq "work")', ['momalley']],
    ['emails ew ".net"', ['momalley']],
    ['emails pr', ['bjensen', 'JSmith', 'momalley']],
    ['ims pr', ['bjensen', 'JSmith']],
    ['emails[primary eq true]', ['bjensen']],
    ['name[givenName sw "M"]', ['momalley']],
    ['meta.lastModified eq "2011-05-13T06:42:34+02:00"', ['bjensen']],
    ['meta.lastModified eq "2011-05-13T04:42:34.000Z"', ['bjensen']],
    ['meta.lastModified sw "2011"', ['bjensen']],
    ['meta.lastModified gt "2011-05-13T04:42:33.9999Z"', ['bjensen', 'JSmith']],
    ['meta.lastModified eq "2011-05-13T04:42:34"', ['bjensen']],
    [`${ENTERPRISE}:employeeNumber pr`, ['bjensen']],
    [`${ENTERPRISE}:employeeNumber ne "701984"`, ['JSmith', 'momalley']],
  ])('evaluates %s', (text, expected) => {
    expect(matching(text)).toStrictEqual(expected);
  });

  test.each<[JsonObject, boolean]>([
    [{ name: {} }, false],
    [{ name: { givenName: '' } }, false],
    [{ name: { givenName: 'B' } }, true],
    [{ emails: [] }, false],
    [{ emails: [{}, { value: null }] }, false],
    [{ emails: [{ value: 'a@example.com' }] }, true],
  ])('treats %j as present only when it holds a non-empty value', (resource, present) => {
    const attr = Object.keys(resource)[0]!;
    expect(matchesFilter(resource, parseFilter(`${attr} pr`), ctx)).toBe(present);
  });

  test.each([
    ['active gt true', "'gt' orders values and cannot compare with true"],
    ['active lt "x"', 'Boolean and Binary attributes with gt, ge, lt or le SHALL fail'],
    ['x509Certificates.value ge "MII"', "'ge' is not supported on the binary attribute"],
    ['x509Certificates gt "MII"', "'gt' is not supported on the binary attribute"],
    ['title le null', "'le' orders values and cannot compare with null"],
    ['active eq "true"', 'compares the boolean attribute with the string "true"'],
    ['loginCount eq "12"', 'compares the integer attribute with the string "12"'],
    ['userName eq 1', 'compares the string attribute with the number 1'],
    ['loginCount co "1"', "'co' is not supported on the integer attribute"],
    ['x509Certificates.value co "MII"', "'co' is not supported on the binary attribute"],
    ['title co 5', "'co' matches part of a string and needs a string value, not 5"],
    ['meta.lastModified gt "yesterday"', 'needs an xsd:dateTime value'],
    ['name eq "Barbara"', "'name' is a complex attribute without a 'value' sub-attribute"],
    ['emails[name.givenName eq "x"]', "name one of its sub-attributes alone, not 'name.givenName'"],
    [`emails[${CORE}:type eq "work"]`, 'name one of its sub-attributes alone'],
  ])('rejects %s with invalidFilter', (text, fragment) => {
    expectScimError(() => matchesFilter(bjensen, parseFilter(text), ctx), 400, 'invalidFilter', fragment);
  });

  test('rejects an unsupported comparison whatever the data, even when an earlier branch decides', () => {
    const filter = parseFilter('title pr or active gt true');
    expect(() => matchesFilter(bjensen, filter, ctx)).toThrow(ScimError);
    expect(() => matchesFilter({}, filter, ctx)).toThrow(ScimError);
  });

  test('compares attributes without a definition by their JSON type', () => {
    const resource = { nickName: 'Babs', score: 2.5, flags: [true], tags: ['Blue', 'green'] };
    const unknown: FilterContext = { coreSchema: CORE, resolve: () => undefined };
    const matches = (text: string) => matchesFilter(resource, parseFilter(text), unknown);
    expect(matches('nickName eq "BABS"')).toBe(true);
    expect(matches('score gt 2')).toBe(true);
    expect(matches('score eq "2.5"')).toBe(false);
    expect(matches('flags eq true')).toBe(true);
    expect(matches('tags eq "blue"')).toBe(true);
    expect(matches('tags[value sw "GR"]')).toBe(true);
  });
});

describe('matchesValue', () => {
  test('tests one element of a complex multi-valued attribute against sub-attribute names', () => {
    const work = { value: 'bjensen@example.com', type: 'work', primary: true };
    expect(matchesValue(work, parseFilter('TYPE eq "WORK" and value ew "example.com"'), emails)).toBe(true);
    expect(matchesValue(work, parseFilter('type eq "home" or not (primary eq true)'), emails)).toBe(false);
  });

  test('reaches the values of a simple multi-valued attribute through the name value', () => {
    const tags = attr('tags', 'string', { multiValued: true });
    const exactTags = attr('tags', 'string', { multiValued: true, caseExact: true });
    expect(matchesValue('Blue', parseFilter('value eq "blue"'), tags)).toBe(true);
    expect(matchesValue('Blue', parseFilter('value eq "blue"'), exactTags)).toBe(false);
    expect(matchesValue('Blue', parseFilter('other eq "Blue"'), tags)).toBe(false);
  });

  test('honours caseExact of the sub-attribute', () => {
    const certificate = { value: 'AbC=' };
    expect(matchesValue(certificate, parseFilter('value eq "abc="'), certificates)).toBe(false);
    expect(matchesValue(certificate, parseFilter('value eq "AbC="'), certificates)).toBe(true);
  });

  test('compares case-insensitively when the attribute is unknown', () => {
    expect(matchesValue({ type: 'Work' }, parseFilter('type eq "work"'), undefined)).toBe(true);
  });

  test('rejects a nested value filter with invalidFilter', () => {
    const nested: Filter = {
      op: 'valuePath',
      path: { attr: 'type' },
      filter: { op: 'pr', path: { attr: 'value' } },
    };
    const error = scimErrorOf(() => matchesValue({ type: 'work' }, nested, emails));
    expect(error.scimType).toBe('invalidFilter');
    expect(error.message).toContain('Value filters cannot be nested');
  });
});
