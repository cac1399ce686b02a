/**
 * The corpus for an SP's Assertion Consumer Service (HTTP-POST binding): the hostile documents as
 * SAMLResponse, and the binding and its encodings around a legitimately signed Response (base64,
 * form fields, content types, methods, sizes, RelayState); saml-corpus-responses.ts has the
 * SAML-level garbage. A case that may be accepted is built from a fresh Response, as an accepted
 * one is spent.
 * @see SAML 2.0 Bindings §3.5.4
 */
import type { SpKit } from './saml-corpus-env.js';
import {
  b64,
  deflated,
  form,
  gzipped,
  padding,
  post,
  q,
  tagged,
  zlibbed,
  type Body,
  type Case,
  type Doc,
} from './saml-corpus-support.js';

/** A form with the SAMLResponse (and RelayState) fields. */
export const field = (samlResponse: string, relayState?: string): string =>
  relayState === undefined
    ? form(['SAMLResponse', samlResponse])
    : form(['SAMLResponse', samlResponse], ['RelayState', relayState]);

/** The documents, each as the SAMLResponse of a form. */
export function acsDocCases(docs: readonly Doc[]): Case[] {
  return tagged(
    'xml',
    docs.map((doc) => post(doc.label, field(b64(doc.xml)))),
  );
}

/** The HTTP-POST binding around a legitimate Response: base64, fields, content types, methods, sizes. */
export async function acsBindingCases(kit: SpKit, acsPath: string): Promise<Case[]> {
  const base = b64(await kit.legit());
  const half = base.slice(0, Math.floor(base.length / 2));
  /** A case that may be accepted, from a fresh Response (an accepted one is spent). */
  const any = async (label: string, body: (value: string) => string | Buffer, extra: Partial<Case> = {}) =>
    post(label, body(b64(await kit.legit())), { expect: 'any', onlyAs: kit.member, ...extra });
  const big = (size: number) => [`${field(base)}&padding=`, padding(size)];
  const refused = (label: string, body: Body, extra: Partial<Case> = {}) =>
    post(label, body, { onlyAs: kit.member, ...extra });
  const xml = await kit.legit();
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
  const multipart = (value: string): string =>
    `--corpus\r\nContent-Disposition: form-data; name="SAMLResponse"\r\n\r\n${value}\r\n--corpus--\r\n`;
  return tagged('binding', [
    refused('no SAMLResponse field', form(['RelayState', 'x'])),
    refused('an empty body', ''),
    refused('a body of one &', '&'),
    refused('SAMLResponse empty', field('')),
    refused('SAMLResponse whitespace', field(' \r\n\t ')),
    refused('SAMLResponse "===="', field('====')),
    refused('SAMLResponse without =', 'SAMLResponse'),
    refused('invalid base64 characters', field(`!!${base}`)),
    refused('a * inside the base64', field(`${half}*${base.slice(half.length)}`)),
    refused('over-padded base64', field(`${base.replace(/=+$/, '')}===`)),
    refused('data after the padding', field(`${b64('ab')}${base}`)),
    refused('base64 one character short', field(base.slice(0, -5))),
    refused('base64 of half the message', field(half)),
    refused('base64 twice', field(b64(base))),
    refused('percent-encoded twice', `SAMLResponse=${q(q(base))}`),
    refused('invalid percent-encoding', `SAMLResponse=%ZZ${q(base)}`),
    refused('a NUL inside the field', `SAMLResponse=${q(half)}%00${q(base.slice(half.length))}`),
    refused('the XML itself, not base64', field(xml)),
    refused('DEFLATE-compressed (the Redirect encoding)', field(deflated(xml))),
    refused('zlib-wrapped', field(zlibbed(xml))),
    refused('gzip', field(gzipped(xml))),
    refused('UTF-16 with a BOM', field(b64(utf16))),
    refused('a 400 KB SAMLResponse (over 256 KiB decoded)', field(b64('A'.repeat(400_000)))),
    refused('a 2 MB body (over the 1 MiB limit)', big(2_000_000)),
    refused('a 16 MB body', big(16_000_000)),
    refused('100,000 fields and no SAMLResponse', 'a=1&'.repeat(100_000)),
    refused('samlresponse in lower case', form(['samlresponse', base])),
    refused('SAMLRequest instead of SAMLResponse', form(['SAMLRequest', base])),
    refused('SAMLArt (the artifact binding)', form(['SAMLart', b64('AAQAA'.repeat(8))])),
    refused('SAMLResponse in the query, the body empty', '', { query: `SAMLResponse=${q(base)}` }),
    refused('text/plain', field(base), { headers: { 'content-type': 'text/plain' } }),
    refused('application/json', JSON.stringify({ SAMLResponse: base }), {
      headers: { 'content-type': 'application/json' },
    }),
    refused('application/xml, the XML as the body', xml, { headers: { 'content-type': 'application/xml' } }),
    refused('a gzip Content-Encoding', Buffer.from(gzipped(field(base)), 'base64'), {
      headers: { 'content-encoding': 'gzip' },
    }),
    refused('RelayState 10 KB with a garbage message', field('garbage', 'r'.repeat(10_000))),
    { label: 'GET with SAMLResponse in the query', method: 'GET', query: `SAMLResponse=${q(base)}` },
    ...['PUT', 'PATCH', 'DELETE', 'OPTIONS'].map((method) => ({
      label: method,
      method,
      body: field(base),
    })),
    { label: 'HEAD', method: 'HEAD' },
    { label: 'TRACE', method: 'TRACE' },
    refused('the ACS path with a trailing slash', field(base), { path: acsPath.replace(/(\?|$)/, '/$1') }),
    refused('the ACS path in upper case', field(base), { path: acsPath.toUpperCase() }),
    refused('the ACS path with an encoded slash', field(base), {
      path: acsPath.replace(/\/([^/?]*)(\?|$)/, '%2F$1$2'),
    }),
    refused('the ACS path after //', field(base), { path: `/${acsPath}` }),
    await any('base64 with line breaks every 76', (v) => field(v.replace(/.{76}/g, '$&\r\n'))),
    await any('base64 with spaces every 4', (v) => field(v.replace(/.{4}/g, '$& '))),
    await any('base64 without padding', (v) => field(v.replace(/=+$/, ''))),
    await any('base64url alphabet', (v) => field(v.replace(/\+/g, '-').replace(/\//g, '_'))),
    await any('+ sent unescaped', (v) => `SAMLResponse=${v}`),
    await any('SAMLResponse twice, the same', (v) => form(['SAMLResponse', v], ['SAMLResponse', v])),
    await any('SAMLResponse twice, garbage second', (v) => form(['SAMLResponse', v], ['SAMLResponse', 'x'])),
    await any('SAMLResponse twice, garbage first', (v) => form(['SAMLResponse', 'x'], ['SAMLResponse', v])),
    await any('100,000 fields before SAMLResponse', (v) => `${'a=1&'.repeat(100_000)}${field(v)}`),
    await any('RelayState 10 KB', (v) => field(v, 'r'.repeat(10_000))),
    await any('RelayState 900 KB', (v) => field(v, 'r'.repeat(900_000))),
    await any('RelayState with control characters', (v) => field(v, '\u0000\u0001\u0007\b\u001b[31m\u007f')),
    await any('RelayState with CRLF and a header', (v) => field(v, '/x\r\nx-corpus-injected: 1\r\n\r\n')),
    await any('RelayState with markup', (v) => field(v, '"><script>corpus()</script>')),
    await any('RelayState with a lone surrogate', (v) => `${field(v)}&RelayState=%ED%A0%80`),
    await any('RelayState twice', (v) => form(['SAMLResponse', v], ['RelayState', 'a'], ['RelayState', 'b'])),
    await any('no content type', (v) => field(v), { headers: { 'content-type': null } }),
    await any('a charset on the form type', (v) => field(v), {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' },
    }),
    await any('the form type in upper case', (v) => field(v), {
      headers: { 'content-type': 'APPLICATION/X-WWW-FORM-URLENCODED' },
    }),
    await any('multipart/form-data', (v) => multipart(v), {
      headers: { 'content-type': 'multipart/form-data; boundary=corpus' },
    }),
    await any('an extra query parameter on the ACS', (v) => field(v), { query: 'corpus=1' }),
  ]);
}
