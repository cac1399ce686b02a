/**
 * The corpus for an SP's other SAML pages: the login start and the Test login (RelayState in the
 * query, odd parameters, methods, paths), the metadata, the result page and logout with forged
 * cookies, and the password form. None may sign anyone in or out.
 * @see SAML 2.0 Bindings §3.4.3 (RelayState: at most 80 bytes); Profiles §4.1.3
 */
import { SAML_PATHS } from '#mock-sps';
import { form, get, post, q, tagged, times, type Case } from './saml-corpus-support.js';

/** RelayState values a login start may take or refuse, as raw query values. */
const RELAY_STATES: readonly [string, string, 'any' | 'refused'][] = [
  ['empty', '', 'any'],
  ['80 bytes', 'r'.repeat(80), 'any'],
  ['81 bytes (over Bindings §3.4.3)', 'r'.repeat(81), 'refused'],
  ['80 bytes of 4-byte characters (320 bytes)', q('😀'.repeat(80)), 'refused'],
  ['10 KB', 'r'.repeat(10_000), 'refused'],
  ['15 KB', 'r'.repeat(15_000), 'refused'],
  ['20 KB (over 16 KiB)', 'r'.repeat(20_000), 'refused'],
  ['control characters', q('\u0001\u0007\u001b[31m\u007f'), 'any'],
  ['a NUL', '%00', 'any'],
  ['CRLF and a header', q('/x\r\nx-corpus-injected: 1\r\n'), 'any'],
  ['markup', q('"><script>corpus()</script>'), 'any'],
  ['a javascript: URL', q('javascript:alert(1)'), 'any'],
  ['another origin', q('https://evil.test/'), 'any'],
  ['a lone surrogate', '%ED%A0%80', 'any'],
  ['invalid percent-encoding', '%ZZ%', 'any'],
  ['+ and %20', 'a+b%20c', 'any'],
];

/** The cases for the login start at `path`. */
function loginStart(tag: string, path: string): Case[] {
  return tagged(tag, [
    get('no RelayState', '', { path, expect: 'any' }),
    ...RELAY_STATES.map(([label, value, expect]) =>
      get(`RelayState ${label}`, `RelayState=${value}`, { path, expect }),
    ),
    get('RelayState twice', 'RelayState=a&RelayState=b', { path, expect: 'any' }),
    get('a SAMLRequest parameter', `SAMLRequest=${q('garbage')}`, { path, expect: 'any' }),
    get('a SAMLResponse parameter', `SAMLResponse=${q('garbage')}`, { path, expect: 'any' }),
    get('1,000 parameters', times(1_000, (n) => `p${n}=${n}`).join('&'), { path, expect: 'any' }),
    post('POST', form(['RelayState', 'x']), { path }),
    { label: 'PUT', method: 'PUT', path },
    { label: 'HEAD', method: 'HEAD', path },
    get('a trailing slash', '', { path: `${path}/` }),
    get('in upper case', '', { path: path.toUpperCase() }),
    get('with an encoded NUL', '', { path: `${path}%00` }),
    get('through ..', '', { path: path.replace('/saml/', '/saml/x/../'), expect: 'any' }),
    get('through encoded dots', '', { path: path.replace('/saml/', '/saml/%2e%2e/saml/'), expect: 'any' }),
  ]);
}

/** Every case for the SP's other SAML pages; `testLogin` when the SP has the Test button. */
export function pageCases(testLogin: boolean): Case[] {
  const forged = { cookie: 'corpus_session=forged; interact_session=forged; salesforce_session=forged' };
  return [
    ...loginStart('login', SAML_PATHS.login),
    ...(testLogin ? loginStart('test login', SAML_PATHS.testLogin) : []),
    ...tagged('metadata', [
      get('junk parameters', `x=1&SAMLRequest=${q('garbage')}`, { path: SAML_PATHS.metadata, expect: 'any' }),
      post('POST', form(['x', '1']), { path: SAML_PATHS.metadata }),
    ]),
    ...tagged('result', [
      get('a forged session cookie', '', { path: SAML_PATHS.result, headers: forged }),
      get('a 10 KB cookie', '', { path: SAML_PATHS.result, headers: { cookie: `x=${'c'.repeat(10_000)}` } }),
      get('1,000 cookies', '', {
        path: SAML_PATHS.result,
        headers: { cookie: times(1_000, (n) => `c${n}=${n}`).join('; ') },
      }),
    ]),
    ...tagged('logout', [
      get('a forged session cookie', '', { path: SAML_PATHS.logout, headers: forged, expect: 'any' }),
      get('no cookie', '', { path: SAML_PATHS.logout, expect: 'any' }),
      post('POST', '', { path: SAML_PATHS.logout }),
    ]),
    ...tagged('sign-in', [
      get('junk parameters', 'x=1', { path: SAML_PATHS.signIn, expect: 'any' }),
      post('a password login', form(['username', 'corpus.member@example.com'], ['password', 'x']), {
        path: SAML_PATHS.signIn,
      }),
      post('a 900 KB form', form(['username', 'u'.repeat(900_000)]), { path: SAML_PATHS.signIn }),
      post('a SAMLResponse', form(['SAMLResponse', 'x']), { path: SAML_PATHS.signIn }),
    ]),
    ...tagged('unknown', [
      get('an unknown SAML page', '', { path: '/saml/nope' }),
      get('a SAML page 10 KB long', '', { path: `/saml/${'a'.repeat(10_000)}` }),
    ]),
  ];
}
