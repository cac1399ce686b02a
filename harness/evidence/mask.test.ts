import { expect, test } from 'vitest';
import { maskBody, maskEvidence, maskHeaders, maskJsonSecrets, maskUrl, mentionsSecret } from './mask.js';

const MASK = '***';
const headerLines = (headers: Record<string, string>): string =>
  Object.entries(maskHeaders(headers))
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');

test('masks session cookies and keeps their attributes', () => {
  expect(
    headerLines({
      'set-cookie': 'idp_session=abc123; Path=/; HttpOnly, other=x; Expires=Thu, 01 Jan 2026 00:00:00 GMT',
      location: '/home',
    }),
  ).toBe(
    `set-cookie: idp_session=${MASK}; Path=/; HttpOnly, other=${MASK}; Expires=Thu, 01 Jan 2026 00:00:00 GMT\nlocation: /home`,
  );
});

test('keeps a masked Authorization as recorded and masks one that is not', () => {
  expect(headerLines({ authorization: 'Bearer ***wxyz' })).toBe('authorization: Bearer ***wxyz');
  expect(headerLines({ Authorization: 'Basic dXNlcjpwYXNz', cookie: 'a=b; sid=0123456789' })).toBe(
    `Authorization: Basic ***\ncookie: a=***; sid=***`,
  );
});

test('masks passwords, CSRF tokens and OAuth codes in forms, URLs and JSON', () => {
  expect(maskBody('csrf=tok&email=ada%40example.com&password=s3cret%21', true)).toBe(
    `csrf=${MASK}&email=ada%40example.com&password=${MASK}`,
  );
  expect(maskUrl('https://app.example.com/cb?code=xyz&state=1')).toBe(
    `https://app.example.com/cb?code=${MASK}&state=1`,
  );
  expect(maskBody('{"userName":"ada","password":"p\\"w","name":{"givenName":"Ada"}}', false)).toBe(
    `{"userName":"ada","password":"${MASK}","name":{"givenName":"Ada"}}`,
  );
});

test('leaves SAML messages and ordinary fields alone', () => {
  const form = 'SAMLResponse=PHNhbWw%2B&RelayState=%2Fhome';
  expect(maskBody(form, true)).toBe(form);
  expect(maskUrl('https://idp.example.com/sso?SAMLRequest=abc&RelayState=x')).toBe(
    'https://idp.example.com/sso?SAMLRequest=abc&RelayState=x',
  );
});

test('a secret the run handed out is masked wherever it appears, keeping its last four characters', () => {
  const token = 'tok-0123456789abcdef';
  const masked = maskEvidence(
    {
      kind: 'http',
      exchange: {
        request: { method: 'GET', url: `https://sp.test/scim/Users?echo=${token}`, headers: {} },
        response: { status: 401, headers: {}, body: `{"detail":"token ${token} expired"}` },
        durationMs: 1,
      },
    },
    [token],
  );
  expect(JSON.stringify(masked)).not.toContain(token);
  expect(JSON.stringify(masked)).toContain('***cdef');
});

test('masks credential members at any depth, and the value of a PATCH operation on one', () => {
  expect(
    maskJsonSecrets({
      userName: 'alice',
      password: 'p1',
      nested: [{ clientSecret: 's', title: 't' }],
      Operations: [
        { op: 'replace', path: 'password', value: 'p2' },
        { op: 'replace', path: 'urn:x:User:Password', value: 'p3' },
        { op: 'replace', path: 'title', value: 'Boss' },
      ],
    }),
  ).toEqual({
    userName: 'alice',
    password: '***',
    nested: [{ clientSecret: '***', title: 't' }],
    Operations: [
      { op: 'replace', path: 'password', value: '***' },
      { op: 'replace', path: 'urn:x:User:Password', value: '***' },
      { op: 'replace', path: 'title', value: 'Boss' },
    ],
  });
  expect(mentionsSecret('{"userName":"alice"}')).toBe(false);
  expect(mentionsSecret('{"password":"x"}')).toBe(true);
});
