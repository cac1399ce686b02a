/**
 * The corpus's hostile bodies: malformed JSON, deep nesting, content types, unicode edge cases,
 * prototype keys and very large bodies.
 */
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA } from '#harness/scim';
import {
  SEARCH_SCHEMA,
  USER,
  GROUP,
  c,
  tagged,
  nextSerial,
  newUser,
  json,
  userJson,
  RAW,
  withRaw,
  op,
  searchOf,
  groupJson,
  q,
  times,
  thousands,
  type Case,
} from './scim-corpus-support.js';

function malformedJson(): Case[] {
  const valid = userJson();
  const posts: [string, string][] = [
    ['empty body', ''],
    ['whitespace only', ' \n\t '],
    ['a lone {', '{'],
    ['truncated mid-string', valid.slice(0, valid.length / 2)],
    ['truncated before the last }', valid.slice(0, -1)],
    ['trailing garbage', `${valid} garbage`],
    ['two objects', `${valid}${valid}`],
    ['a byte order mark', `\ufeff${userJson()}`],
    ['NaN', withRaw(newUser({ active: RAW }), 'NaN')],
    ['Infinity', withRaw(newUser({ active: RAW }), 'Infinity')],
    ['-Infinity', withRaw(newUser({ title: RAW }), '-Infinity')],
    ['a number 1e999999', withRaw(newUser({ title: RAW }), '1e999999')],
    ['a number of 100,000 digits', withRaw(newUser({ title: RAW }), '9'.repeat(100_000))],
    ['a number -1e-999999', withRaw(newUser({ title: RAW }), '-1e-999999')],
    ['duplicate userName keys', userJson().replace('{', `{"userName":"dup.${nextSerial()}@example.com",`)],
    ['duplicate schemas keys', userJson().replace('{', '{"schemas":["urn:nope"],')],
    ['single quotes', `{'schemas':['${USER_SCHEMA}'],'userName':'single@example.com'}`],
    ['a trailing comma', userJson().replace(/}$/, ',}')],
    ['a comment', `/* hi */${userJson()}`],
    ['an unescaped control character', withRaw(newUser({ title: RAW }), '"a\u0001b\nc"')],
    ['an invalid escape', withRaw(newUser({ title: RAW }), '"\\x41\\u12"')],
    ['null', 'null'],
    ['an array', `[${userJson()}]`],
    ['a string', '"userName"'],
    ['a number', '42'],
    ['true', 'true'],
    ['schemas a string', userJson({ schemas: USER_SCHEMA })],
    ['userName an object', userJson({ userName: { value: 'x' } })],
    ['userName null', userJson({ userName: null })],
  ];
  const patch = op('replace', 'title', 'x');
  const patches: [string, string][] = [
    ['truncated', patch.slice(0, 30)],
    ['trailing garbage', `${patch}]]`],
    ['NaN value', patch.replace('"x"', 'NaN')],
    ['a byte order mark', `\ufeff${patch}`],
    ['an array', `[${patch}]`],
  ];
  return tagged('json', [
    ...posts.map(([label, body]) => c(`POST /Users, ${label}`, 'POST /Users', body)),
    ...patches.map(([label, body]) => c(`PATCH /Users/{id}, ${label}`, `PATCH /Users/${USER}`, body)),
    c('PUT /Users/{id}, truncated', `PUT /Users/${USER}`, valid.slice(0, 40)),
    c('PUT /Users/{id}, null', `PUT /Users/${USER}`, 'null'),
    c('POST /Groups, truncated', 'POST /Groups', `{"schemas":["${GROUP_SCHEMA}"],"displayName":"x`),
    c('POST /Groups, members a string', 'POST /Groups', groupJson({ displayName: 'M', members: 'all' })),
    c('POST /Users/.search, truncated', 'POST /Users/.search', '{"schemas":['),
    c('POST /Users/.search, an array', 'POST /Users/.search', '[]'),
    c('POST /.search, trailing garbage', 'POST /.search', `${searchOf({ filter: 'userName pr' })}x`),
  ]);
}

function deepNesting(): Case[] {
  const shapes: [string, (depth: number) => string][] = [
    ['arrays', (depth) => '['.repeat(depth) + ']'.repeat(depth)],
    ['objects', (depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)],
  ];
  const places: [where: string, request: string, template: unknown][] = [
    ['name.givenName', 'POST /Users', newUser({ name: { givenName: RAW } })],
    ['an unknown attribute', 'POST /Users', newUser({ nickNameOfTheDeep: RAW })],
    ['the enterprise extension', 'POST /Users', newUser({ [ENTERPRISE]: { department: RAW } })],
    ['group members', 'POST /Groups', { schemas: [GROUP_SCHEMA], displayName: 'Deep', members: [RAW] }],
    ['a /.search body', 'POST /Users/.search', { schemas: [SEARCH_SCHEMA], attributes: RAW }],
    ['a PATCH value', `PATCH /Users/${USER}`, JSON.parse(op('replace', 'title', RAW))],
  ];
  return tagged(
    'json',
    [1_000, 10_000, 100_000].flatMap((depth) =>
      shapes.flatMap(([shape, make]) => {
        const deep = make(depth);
        return places.map(([where, request, template]) =>
          c(`${shape} nested ${thousands(depth)} deep in ${where}`, request, withRaw(template, deep)),
        );
      }),
    ),
  );
}

function contentTypes(): Case[] {
  const types: [string, string | null][] = [
    ['missing', null],
    ['empty', ''],
    ['text/plain', 'text/plain'],
    ['multipart/form-data', 'multipart/form-data; boundary=corpus'],
    ['x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['application/xml', 'application/xml'],
    ['*/*', '*/*'],
    ['application/json', 'application/json'],
    ['application/json; charset=utf-8', 'application/json; charset=utf-8'],
    ['application/scim+json; charset=UTF-8', 'application/scim+json; charset=UTF-8'],
    ['application/scim+json;charset="utf-8"', 'application/scim+json;charset="utf-8"'],
    ['application/scim+json; charset=latin1', 'application/scim+json; charset=latin1'],
    ['application/scim+json; charset=utf-16', 'application/scim+json; charset=utf-16'],
    ['APPLICATION/SCIM+JSON', 'APPLICATION/SCIM+JSON'],
    ['application/scim+json with a bad parameter', 'application/scim+json; ;;='],
    ['application/scim+jsonx', 'application/scim+jsonx'],
  ];
  const multipart = '--corpus\r\nContent-Disposition: form-data; name="userName"\r\n\r\nx\r\n--corpus--\r\n';
  return tagged('content-type', [
    ...types.map(([label, type]) =>
      c(`POST /Users, ${label}`, 'POST /Users', userJson(), { 'content-type': type }),
    ),
    ...types.slice(0, 6).map(([label, type]) =>
      c(`PATCH /Users/{id}, ${label}`, `PATCH /Users/${USER}`, op('replace', 'title', 'ct'), {
        'content-type': type,
      }),
    ),
    c('POST /Users, a multipart body', 'POST /Users', multipart, {
      'content-type': 'multipart/form-data; boundary=corpus',
    }),
    c('POST /Users, an XML body', 'POST /Users', '<User><userName>x</userName></User>', {
      'content-type': 'application/xml',
    }),
    c('GET /Users, Accept application/xml', 'GET /Users', undefined, { accept: 'application/xml' }),
  ]);
}

function unicode(): Case[] {
  // JSON.stringify writes lone surrogates as \ud800 escapes and NUL as \u0000.
  const strings: [string, string][] = [
    ['a lone high surrogate', '\ud800'],
    ['a lone low surrogate', '\udc00'],
    ['reversed surrogates', '\udc00\ud800'],
    ['NUL', 'a\u0000b'],
    ['an RTL override', '\u202egnp.exe'],
    ['RTL and LTR marks', '\u200fa\u200eb'],
    ['1,000 combining marks', `e${'\u0301'.repeat(1_000)}`],
    ['emoji', '👩‍👩‍👧‍👦🏳️‍🌈'],
    ['noncharacters', '\uffff\ufffe'],
    ['a zero-width joiner only', '\u200d'],
  ];
  return tagged('unicode', [
    ...strings.flatMap(([label, text], n) => [
      c(`userName with ${label}`, 'POST /Users', userJson({ userName: `${text}${n}@example.com` })),
      c(`displayName with ${label}`, 'POST /Users', userJson({ displayName: text })),
      c(`group displayName with ${label}`, 'POST /Groups', groupJson({ displayName: `${text}${n}` })),
      c(`PATCH displayName with ${label}`, `PATCH /Users/${USER}`, op('replace', 'displayName', text)),
      // A filter's string is JSON: the escapes travel as text, \ud800 as six characters.
      c(`filter value with ${label}`, `GET /Users?filter=${q(`userName eq ${json(text)}`)}`),
      c(
        `/.search filter with ${label}`,
        'POST /Users/.search',
        searchOf({ filter: `displayName co ${json(text)}` }),
      ),
    ]),
    c('filter with a percent-encoded lone surrogate', 'GET /Users?filter=userName%20eq%20%22%ED%A0%80%22'),
    c('filter with an invalid UTF-8 byte', 'GET /Users?filter=userName%20eq%20%22%FF%22'),
    c('filter with an overlong slash', 'GET /Users?filter=userName%20eq%20%22%C0%AF%22'),
    c('filter with a percent-encoded NUL', 'GET /Users?filter=userName%20eq%20%22%00%22'),
    c('id with invalid UTF-8', 'GET /Users/%FF%FE'),
  ]);
}

function prototypeKeys(): Case[] {
  // Raw JSON text: in an object literal, __proto__ would set the prototype instead of a key.
  const hostile =
    '{"polluted":true,"isAdmin":true,"userName":"proto@example.com","prototype":{"polluted":true}}';
  return tagged(
    'prototype',
    ['__proto__', 'constructor', 'prototype'].flatMap((key) => [
      c(`top-level ${key}`, 'POST /Users', userJson().replace(/}$/, `,"${key}":${hostile}}`)),
      c(
        `${key} in name`,
        'POST /Users',
        withRaw(newUser({ name: RAW }), `{"givenName":"P","${key}":${hostile}}`),
      ),
      c(
        `${key} in the enterprise extension`,
        'POST /Users',
        withRaw(newUser({ [ENTERPRISE]: RAW }), `{"${key}":${hostile}}`),
      ),
      c(
        `${key} in an email`,
        'POST /Users',
        withRaw(newUser({ emails: RAW }), `[{"value":"p@example.com","${key}":${hostile}}]`),
      ),
      c(
        `${key} in a group`,
        'POST /Groups',
        withRaw({ schemas: [GROUP_SCHEMA], displayName: `p-${key}`, x: RAW }, hostile).replace(
          '"x"',
          `"${key}"`,
        ),
      ),
      c(`PATCH path ${key}`, `PATCH /Users/${USER}`, op('add', key, { polluted: true })),
      c(`PATCH path ${key}.polluted`, `PATCH /Users/${USER}`, op('replace', `${key}.polluted`, true)),
      c(`PATCH path name.${key}.polluted`, `PATCH /Users/${USER}`, op('add', `name.${key}.polluted`, true)),
      c(
        `PATCH path emails[${key} eq 1].value`,
        `PATCH /Users/${USER}`,
        op('replace', `emails[${key} eq 1].value`, 'x'),
      ),
      c(`PATCH remove ${key}`, `PATCH /Users/${USER}`, op('remove', key)),
      c(
        `PATCH value with ${key}`,
        `PATCH /Users/${USER}`,
        withRaw(JSON.parse(op('add', undefined, RAW)), `{"${key}":${hostile}}`),
      ),
      c(
        `PATCH value of name with ${key}`,
        `PATCH /Users/${USER}`,
        withRaw(JSON.parse(op('replace', 'name', RAW)), `{"${key}":${hostile}}`),
      ),
      c(`PATCH group path ${key}.polluted`, `PATCH /Groups/${GROUP}`, op('add', `${key}.polluted`, true)),
      c(
        `group member ${key}`,
        'POST /Groups',
        groupJson({ displayName: `m-${key}`, members: [{ value: key }] }),
      ),
      c(`filter ${key} eq`, `GET /Users?filter=${q(`${key} eq "x"`)}`),
      c(`filter ${key} pr`, `GET /Users?filter=${q(`${key} pr`)}`),
      c(`filter name.${key}.polluted`, `GET /Users?filter=${q(`name.${key}.polluted eq true`)}`),
      c(`filter emails[${key} pr]`, `GET /Users?filter=${q(`emails[${key} pr]`)}`),
      c(`attributes=${key}`, `GET /Users?attributes=${key}`),
      c(`sortBy=${key}`, `GET /Users?sortBy=${key}`),
      c(`GET /Users/${key}`, `GET /Users/${key}`),
      c(`PUT /Users/${key}`, `PUT /Users/${key}`, userJson()),
      c(`PATCH /Users/${key}`, `PATCH /Users/${key}`, op('replace', 'title', 'x')),
      c(`DELETE /Users/${key}`, `DELETE /Users/${key}`),
      c(`GET /${key}`, `GET /${key}`),
    ]),
  );
}

function largeBodies(): Case[] {
  const posts: [string, string][] = [
    ['a 500,000-character userName', userJson({ userName: `${'a'.repeat(500_000)}@example.com` })],
    ['a 900,000-character title', userJson({ title: 'x'.repeat(900_000) })],
    ['a 1,500,000-character title (over the body limit)', userJson({ title: 'x'.repeat(1_500_000) })],
    ['50,000 keys', userJson(Object.fromEntries(times(50_000, (n) => [`k${n}`, n])))],
    ['50,000 keys in name', userJson({ name: Object.fromEntries(times(50_000, (n) => [`k${n}`, 'v'])) })],
    ['20,000 emails', userJson({ emails: times(20_000, (n) => ({ value: `e${n}@example.com` })) })],
  ];
  return tagged(
    'json',
    posts.map(([label, body]) => c(`POST /Users, ${label}`, 'POST /Users', body)),
  );
}

/** Every body case. */
export const BODY_CASES = [
  ...malformedJson(),
  ...deepNesting(),
  ...contentTypes(),
  ...unicode(),
  ...prototypeKeys(),
];

/** Last: valid bodies so large that the SPs keep them; sent after everything else. */
export const LARGE_BODY_CASES = largeBodies();
