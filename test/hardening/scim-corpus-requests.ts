/**
 * The corpus's hostile requests: filters, PATCH, paging and attributes, authentication, paths and
 * methods.
 */
import { PATCH_OP_SCHEMA, USER_SCHEMA } from '#harness/scim';
import {
  USER,
  GROUP,
  BASE,
  TOKEN,
  c,
  outside,
  tagged,
  json,
  userJson,
  patchOf,
  op,
  searchOf,
  groupJson,
  q,
  times,
  thousands,
  type Case,
} from './scim-corpus-support.js';
import { INSPECTION_PATH } from '#mock-sps';

function filters(): Case[] {
  const bad: [string, string][] = [
    ['whitespace', '   '],
    ['a lone (', '('],
    ['a lone )', ')'],
    ['an unclosed (', '(userName eq "a"'],
    ['an extra )', 'userName eq "a")'],
    ['unbalanced quotes', 'userName eq "a'],
    ['a stray quote', 'userName eq a"'],
    ['an unknown operator', 'userName xx "a"'],
    ['==', 'userName == "a"'],
    ['an operator without value', 'userName eq'],
    ['a value without attribute', 'eq "a"'],
    ['an attribute alone', 'userName'],
    ['and alone', 'and'],
    ['or or', 'or or'],
    ['a trailing and', 'userName eq "a" and'],
    ['pr pr', 'userName pr pr'],
    ['not alone', 'not'],
    ['not without parentheses', 'not userName pr'],
    ['an unclosed not (', 'not ('],
    ['a not chain of 1,000', `${'not ('.repeat(1_000)}userName pr${')'.repeat(1_000)}`],
    ['1,000-deep parentheses', `${'('.repeat(1_000)}userName pr${')'.repeat(1_000)}`],
    ['a nested value path', 'emails[value[type eq "work"]]'],
    ['two value paths in a row', 'emails[type eq "work"][value pr]'],
    ['an unclosed value path', 'emails[type eq "work"'],
    ['value paths 200 deep', `${'emails['.repeat(200)}value pr${']'.repeat(200)}`],
    ['a 10,000-character attribute name', `${'a'.repeat(10_000)} eq "x"`],
    ['an attribute path of 1,000 parts', `${times(1_000, () => 'a').join('.')} eq "x"`],
    ['a schema URN without attribute', `${USER_SCHEMA}: eq "x"`],
    ['a date compared to a number', 'meta.lastModified gt 1'],
    ['a bad date', 'meta.lastModified gt "not-a-date"'],
    ['a boolean as a string', 'active eq "true"'],
    ['a number 1e999', 'userName eq 1e999'],
    ['a bare word value', 'userName eq tru'],
    ['null', 'userName eq null'],
    ['an empty sw', 'userName sw ""'],
    ['an invalid escape', 'userName eq "\\x41"'],
    ['a complex attribute compared', 'name eq "x"'],
  ];
  const terms = (count: number, joiner: string): string =>
    times(count, (n) => `id eq "${n}"`).join(` ${joiner} `);
  const search = (label: string, filter: unknown, type = 'Users'): Case =>
    c(`${label} (/.search)`, `POST /${type}/.search`, searchOf({ filter }));
  return tagged('filter', [
    c('empty', 'GET /Users?filter='),
    c('given twice', `GET /Users?filter=${q('userName pr')}&filter=${q('(')}`),
    ...bad.map(([label, filter]) => c(label, `GET /Users?filter=${q(filter)}`)),
    ...bad.slice(0, 12).map(([label, filter]) => c(`/Groups, ${label}`, `GET /Groups?filter=${q(filter)}`)),
    c('/Groups, a members value path', `GET /Groups?filter=${q('members[value eq "x" and not (value pr)]')}`),
    ...[10_000, 40_000].flatMap((count) =>
      ['and', 'or'].map((joiner) => search(`${thousands(count)} ${joiner} terms`, terms(count, joiner))),
    ),
    search('/Groups, 10,000 or terms', terms(10_000, 'or'), 'Groups'),
    search('10,000-deep parentheses', `${'('.repeat(10_000)}userName pr${')'.repeat(10_000)}`),
    search('a not chain of 10,000', `${'not ('.repeat(10_000)}userName pr${')'.repeat(10_000)}`),
    search('value paths 10,000 deep', `${'emails['.repeat(10_000)}value pr${']'.repeat(10_000)}`),
    search('a 100,000-character attribute name', `${'a'.repeat(100_000)} eq "x"`),
    search('a 500,000-character value', `userName co "${'a'.repeat(500_000)}"`),
    search('a number', 42),
    search('an object', { userName: 'x' }),
  ]);
}

function patches(): Case[] {
  const unknownIds = times(10_000, (n) => ({
    value: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  }));
  const user: [string, string][] = [
    ['missing Operations', json({ schemas: [PATCH_OP_SCHEMA] })],
    ['missing schemas', json({ Operations: [{ op: 'replace', path: 'title', value: 'x' }] })],
    [
      'a wrong schema',
      json({ schemas: [USER_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: 'x' }] }),
    ],
    ['Operations null', json({ schemas: [PATCH_OP_SCHEMA], Operations: null })],
    ['Operations an object', json({ schemas: [PATCH_OP_SCHEMA], Operations: { op: 'replace' } })],
    ['Operations empty', patchOf()],
    ['an operation null', patchOf(null)],
    ['an operation a number', patchOf(1)],
    ['an operation without op', patchOf({ path: 'title', value: 'x' })],
    ['an unknown op', op('frobnicate', 'title', 'x')],
    ['an empty op', op('', 'title', 'x')],
    ['op a number', patchOf({ op: 1, path: 'title', value: 'x' })],
    ['add without value', op('add', 'title')],
    ['remove without path', op('remove')],
    ['an empty path', op('replace', '', 'x')],
    ['path a number', patchOf({ op: 'replace', path: 7, value: 'x' })],
    ['path [', op('replace', '[', 'x')],
    ['an unclosed filter in the path', op('replace', 'emails[type eq "work"', 'x')],
    ['path name..givenName', op('replace', 'name..givenName', 'x')],
    ['a path below a simple attribute', op('replace', 'title.x.y', 'x')],
    ['path id', op('replace', 'id', 'stolen')],
    ['path meta.created', op('replace', 'meta.created', 'x')],
    ['remove schemas', op('remove', 'schemas')],
    ['an unknown URN path', op('add', 'urn:bad:schema:x', 'x')],
    ['a 10,000-character path', op('add', 'a'.repeat(10_000), 'x')],
    ['remove userName', op('remove', 'userName')],
    ['replace userName with a number', op('replace', 'userName', 5)],
    ['replace without path with a string', op('replace', undefined, 'x')],
    ['remove emails[type eq "work"]', op('remove', 'emails[type eq "work"]')],
    ['remove with an unclosed filter', op('remove', 'emails[value co "')],
    ['remove with a not filter', op('remove', 'emails[not (value pr)]')],
    [
      'remove with 1,000-deep parentheses',
      op('remove', `emails[${'('.repeat(1_000)}value pr${')'.repeat(1_000)}]`),
    ],
    [
      '10,000 operations',
      patchOf(...times(10_000, (n) => ({ op: 'replace', path: 'title', value: `t${n}` }))),
    ],
    ['10,000 unknown ops', patchOf(...times(10_000, () => ({ op: 'nope' })))],
  ];
  const group: [string, string][] = [
    ['missing Operations', json({ schemas: [PATCH_OP_SCHEMA] })],
    ['an unknown op', op('merge', 'members', [])],
    ['remove members[value eq "unknown"]', op('remove', 'members[value eq "unknown"]')],
    ['remove members[not (value pr)]', op('remove', 'members[not (value pr)]')],
    [
      'remove members by 10,000 or terms',
      op('remove', `members[${times(10_000, (n) => `value eq "${n}"`).join(' or ')}]`),
    ],
    ['add a member without value', op('add', 'members', [{ display: 'x' }])],
    ['members a string', op('add', 'members', 'everyone')],
    ['replace members with 10,000 unknown ids', op('replace', 'members', unknownIds)],
    ['add 10,000 unknown members', op('add', 'members', unknownIds)],
    [
      '10,000 operations',
      patchOf(...times(10_000, (n) => ({ op: 'add', path: 'members', value: [{ value: `m${n}` }] }))),
    ],
  ];
  return tagged('patch', [
    ...user.map(([label, body]) => c(`/Users/{id}, ${label}`, `PATCH /Users/${USER}`, body)),
    c('/Users/{id}, a stale If-Match', `PATCH /Users/${USER}`, op('replace', 'title', 'x'), {
      'if-match': 'W/"nope"',
    }),
    ...group.map(([label, body]) => c(`/Groups/{id}, ${label}`, `PATCH /Groups/${GROUP}`, body)),
    c(
      'PUT /Groups/{id} with 10,000 unknown members',
      `PUT /Groups/${GROUP}`,
      groupJson({ displayName: 'G', members: unknownIds }),
    ),
  ]);
}

function paging(): Case[] {
  const values = [
    '0',
    '-1',
    '-9999999999',
    '99999999999999999999',
    '0x10',
    '1e3',
    '1.5',
    '',
    'abc',
    '%201',
    'Infinity',
    'NaN',
  ];
  // 5,000 names of two characters (3,224 distinct, then again) fit in Node's 16 KiB request head;
  // the /.search cases send 5,000 long distinct names.
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const second = `${letters}0123456789`;
  const short = times(5_000, (n) => n % (letters.length * second.length))
    .map((k) => `${letters[Math.floor(k / second.length)]}${second[k % second.length]}`)
    .join(',');
  const long = times(5_000, (n) => `${USER_SCHEMA}:name.givenName${n}`);
  const searches: [string, Record<string, unknown>][] = [
    ['startIndex a string', { startIndex: '1' }],
    ['count -1', { count: -1 }],
    ['count 1e308', { count: 1e308 }],
    ['count a string', { count: 'abc' }],
    ['startIndex null', { startIndex: null }],
    ['startIndex 1.5', { startIndex: 1.5 }],
    ['attributes a string', { attributes: 'userName' }],
    ['sortBy a number', { sortBy: 3 }],
    ['sortOrder an object', { sortBy: 'userName', sortOrder: {} }],
    ['attributes with 5,000 names', { attributes: long }],
    ['excludedAttributes with 5,000 names', { excludedAttributes: long }],
  ];
  return tagged('paging', [
    ...values.flatMap((value) => [
      c(`startIndex=${value}`, `GET /Users?startIndex=${value}`),
      c(`count=${value}`, `GET /Users?count=${value}`),
    ]),
    c('startIndex=0&count=0', 'GET /Users?startIndex=0&count=0'),
    c('count=10000000', 'GET /Users?count=10000000'),
    c('count given twice', 'GET /Users?count=1&count=2'),
    c('/Groups count=-1&startIndex=0x10', 'GET /Groups?count=-1&startIndex=0x10'),
    c('attributes= with 5,000 names', `GET /Users?attributes=${short}`),
    c('excludedAttributes= with 5,000 names', `GET /Users?excludedAttributes=${short}`),
    c('/Groups attributes= with 5,000 names', `GET /Groups?attributes=${short}`),
    c('attributes= empty', 'GET /Users?attributes='),
    c('attributes=,,,', 'GET /Users?attributes=,,,'),
    c('attributes=name..givenName', 'GET /Users?attributes=name..givenName'),
    c('attributes with a filter', `GET /Users?attributes=${q('emails[type eq "work"]')}`),
    c('attributes and excludedAttributes', 'GET /Users?attributes=userName&excludedAttributes=userName'),
    c('sortBy unknown', 'GET /Users?sortBy=noSuchAttribute'),
    c('sortBy empty', 'GET /Users?sortBy='),
    c('sortBy a filter', `GET /Users?sortBy=${q('emails[type eq "work"')}`),
    c('sortBy a 10,000-character name', `GET /Users?sortBy=${'a'.repeat(10_000)}`),
    c('sortOrder sideways', 'GET /Users?sortBy=userName&sortOrder=sideways'),
    c('/Groups sortBy unknown', 'GET /Groups?sortBy=noSuchAttribute&sortOrder=descending'),
    ...searches.map(([label, fields]) => c(`/.search ${label}`, 'POST /Users/.search', searchOf(fields))),
    c('/.search without schemas', 'POST /Users/.search', json({ filter: 'userName pr' })),
  ]);
}

function authentication(): Case[] {
  const refused: [string, string | null][] = [
    ['no header', null],
    ['an empty header', ''],
    ['the Basic scheme', 'Basic dXNlcjpwYXNz'],
    ['the Token scheme', `Token ${TOKEN}`],
    ['Bearer alone', 'Bearer'],
    ['Bearer and a space', 'Bearer '],
    ['a wrong token', 'Bearer not-the-token'],
    ['the token with a suffix', `Bearer ${TOKEN}x`],
    ['the token and a second word', `Bearer ${TOKEN} extra`],
    ['the token with a tab inside', `Bearer ${TOKEN}\tx`],
    ['a token of 8,000 characters', `Bearer ${'t'.repeat(8_000)}`],
    ['the token twice', `Bearer ${TOKEN}, Bearer ${TOKEN}`],
  ];
  // Variants of the valid token, on a read only: a write would change the seeded user.
  const valid: [string, string][] = [
    ['a lower-case scheme', `bearer ${TOKEN}`],
    ['two spaces after Bearer', `Bearer  ${TOKEN}`],
    ['trailing whitespace', `Bearer ${TOKEN} \t`],
  ];
  return tagged('auth', [
    ...valid.map(([label, value]) =>
      c(`GET /Users, ${label}`, 'GET /Users', undefined, { authorization: value }),
    ),
    ...refused.flatMap(([label, value]) => {
      const headers = { authorization: value };
      return [
        c(`GET /Users, ${label}`, 'GET /Users', undefined, headers),
        c(`POST /Users, ${label}`, 'POST /Users', userJson(), headers),
        c(`DELETE /Users/{id}, ${label}`, `DELETE /Users/${USER}`, undefined, headers),
        c(
          `PATCH /Groups/{id}, ${label}`,
          `PATCH /Groups/${GROUP}`,
          op('replace', 'displayName', 'Owned'),
          headers,
        ),
      ];
    }),
  ]);
}

function pathsAndMethods(): Case[] {
  const unknownUser = '/Users/00000000-0000-4000-8000-00000000dead';
  const unknownGroup = '/Groups/no-such-group';
  return [
    ...tagged('path', [
      c('the base itself', 'GET '),
      c('the base with a slash', 'GET /'),
      c('unknown under the base', 'GET /Nope'),
      c('/Users/', 'GET /Users/'),
      c('/Users//', 'GET /Users//'),
      c('/Users/{id}/extra', `GET /Users/${USER}/extra`),
      c('/users in lower case', 'GET /users'),
      c('traversal /../../etc/passwd', 'GET /../../etc/passwd'),
      c('traversal /Users/../Groups', 'GET /Users/../Groups'),
      c('encoded traversal', 'GET /Users/..%2F..%2Fetc%2Fpasswd'),
      c('encoded dots', 'GET /Users/%2e%2e/%2e%2e/Groups'),
      c('an encoded slash after the id', `GET /Users/${USER}%2F..`),
      c('/Users%2F{id}', `GET /Users%2F${USER}`),
      c('a percent-encoded NUL', 'GET /Users/%00'),
      c('malformed percent-encoding', 'GET /Users/%ZZ'),
      c('a malformed query', 'GET /Users?filter=%ZZ'),
      c('an 8,000-character id', `GET /Users/${'a'.repeat(8_000)}`),
      c('a 20,000-character id (over Node’s 16 KiB request head)', `GET /Users/${'a'.repeat(20_000)}`),
      c('1,000 segments', `GET /Users${'/a'.repeat(1_000)}`),
      c('/Schemas/unknown', 'GET /Schemas/urn:nope'),
      c('/ResourceTypes/unknown', 'GET /ResourceTypes/Nope'),
      c('GET /Users/.search', 'GET /Users/.search'),
      c('POST /ServiceProviderConfig', 'POST /ServiceProviderConfig', '{}'),
      outside('outside the base, /', 'GET /'),
      outside('outside the base, unknown', 'GET /nope'),
      outside('outside the base, a sibling of the base', `GET ${BASE}-x/Users`),
      outside('outside the base, another SCIM base', 'GET /scimx/v2/Users'),
      outside('outside the base, POST /Users', 'POST /Users', userJson()),
      outside('outside the base, an unknown inspection path', `GET ${INSPECTION_PATH}/nope`),
    ]),
    ...tagged('method', [
      ...['/Users', '/Groups'].flatMap((collection) =>
        ['HEAD', 'OPTIONS', 'TRACE', 'DELETE', 'PUT', 'PATCH'].map((method) =>
          c(
            `${method} ${collection}`,
            `${method} ${collection}`,
            ['PUT', 'PATCH'].includes(method) ? userJson() : undefined,
          ),
        ),
      ),
      c('HEAD /Users/{id}', `HEAD /Users/${USER}`),
      c('OPTIONS /Users/{id}', `OPTIONS /Users/${USER}`),
      c('POST /Users/{id}', `POST /Users/${USER}`, userJson()),
      c('PROPFIND /Users', 'PROPFIND /Users'),
      c('GET an unknown user', `GET ${unknownUser}`),
      c('PUT an unknown user', `PUT ${unknownUser}`, userJson()),
      c('PATCH an unknown user', `PATCH ${unknownUser}`, op('replace', 'title', 'x')),
      c('DELETE an unknown user', `DELETE ${unknownUser}`),
      c('PUT an unknown group', `PUT ${unknownGroup}`, groupJson({ displayName: 'x' })),
      c('PATCH an unknown group', `PATCH ${unknownGroup}`, op('add', 'members', [{ value: USER }])),
      c('DELETE an unknown group', `DELETE ${unknownGroup}`),
    ]),
  ];
}

/** Every request case. */
export const REQUEST_CASES = [
  ...filters(),
  ...patches(),
  ...paging(),
  ...authentication(),
  ...pathsAndMethods(),
];
