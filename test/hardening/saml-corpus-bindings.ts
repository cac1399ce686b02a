/**
 * The two bindings an IdP's SSO URL and both sides' SLO endpoints take, around a legitimate
 * message: HTTP-Redirect (DEFLATE: raw, zlib-wrapped, gzip, invalid, a bomb; base64 and URL
 * encoding; SigAlg and Signature missing, odd, forged or repeated; RelayState) and HTTP-POST (the
 * field missing, empty, repeated, badly encoded; content types; sizes; RelayState).
 * @see SAML 2.0 Bindings §3.4.4, §3.4.4.1 (Redirect, its signature), §3.5.4 (POST)
 */
import { sign } from 'node:crypto';
import { SIGNATURE_URI, type KeyPair, type RedirectKind } from '#harness/saml';
import {
  b64,
  deflated,
  form,
  get,
  gzipped,
  padding,
  post,
  q,
  tagged,
  zlibbed,
  type Case,
  type Doc,
  type Expect,
} from './saml-corpus-support.js';

export interface RedirectOptions {
  /** @default 'SAMLRequest' */
  kind?: RedirectKind;
  relayState?: string;
  /** Signs the query (SigAlg, then Signature over the raw octets) when given. */
  key?: KeyPair;
  /** @default RSA-SHA256's URI; the hash follows (SHA-1 for RSA-SHA1, else SHA-256) */
  sigAlg?: string;
  /** How the message becomes the parameter's base64. @default raw DEFLATE */
  encode?: (message: string | Buffer) => string;
}

/**
 * A Redirect query (without '?') as `encodeRedirect` writes it, but from any bytes, any encoding
 * and any SigAlg. @see SAML 2.0 Bindings §3.4.4.1
 */
export function redirectQuery(message: string | Buffer, options: RedirectOptions = {}): string {
  let query = `${options.kind ?? 'SAMLRequest'}=${q((options.encode ?? deflated)(message))}`;
  if (options.relayState !== undefined) query += `&RelayState=${q(options.relayState)}`;
  if (!options.key) return query;
  const sigAlg = options.sigAlg ?? SIGNATURE_URI['rsa-sha256'];
  query += `&SigAlg=${q(sigAlg)}`;
  const hash = sigAlg === SIGNATURE_URI['rsa-sha1'] ? 'sha1' : 'sha256';
  const signature = sign(hash, Buffer.from(query), options.key.privateKey);
  return `${query}&Signature=${q(signature.toString('base64'))}`;
}

/** Built once: 8 MB of spaces inflating from ~8 KB, and 100,000 nested elements from ~1 KB. */
let bombs: { spaces: string; nesting: string } | undefined;
function deflateBombs(): { spaces: string; nesting: string } {
  bombs ??= {
    spaces: deflated(`<r>${' '.repeat(8_000_000)}</r>`),
    nesting: deflated(`${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`),
  };
  return bombs;
}

/** Every document through the Redirect binding, signed with `key` where the endpoint verifies. */
export function redirectDocCases(docs: readonly Doc[], key: KeyPair | undefined): Case[] {
  return tagged(
    'redirect xml',
    docs.map((doc) => get(doc.label, redirectQuery(doc.xml, { ...(key ? { key } : {}) }))),
  );
}

/** Every document through the POST binding, as the `name` field. */
export function postDocCases(docs: readonly Doc[], name: string): Case[] {
  return tagged(
    'post xml',
    docs.map((doc) => post(doc.label, form([name, b64(doc.xml)]))),
  );
}

export interface BindingTarget {
  /** A legitimate message this endpoint accepts (it is not spent by accepting it). */
  xml: string;
  kind: RedirectKind;
  /** The sender's key, when the endpoint verifies signatures. */
  key: KeyPair | undefined;
  strangerKey: KeyPair;
  /** What a signature that does not verify earns (refused where the endpoint checks signatures). */
  badSignature: Expect;
  /** What a 10 KB RelayState earns. */
  longRelayState: Expect;
}

/** The Redirect binding around a legitimate message. */
export function redirectBindingCases(target: BindingTarget): Case[] {
  const { xml, kind, key, strangerKey, badSignature } = target;
  const query = (options: RedirectOptions = {}): string =>
    redirectQuery(xml, { kind, ...(key ? { key } : {}), ...options });
  const legit = query();
  const [message = ''] = legit.split('&');
  const rest = legit.slice(message.length);
  const value = decodeURIComponent(message.slice(kind.length + 1));
  const { spaces, nesting } = deflateBombs();
  const unsigned = redirectQuery(xml, { kind });
  const any = (label: string, raw: string) => get(label, raw, { expect: 'any' });
  const withSignature = (label: string, raw: string) => get(label, raw, { expect: badSignature });
  const swapped = (replacement: string) => `${kind}=${replacement}${rest}`;
  return tagged('redirect', [
    get('not deflated, plain base64', query({ encode: b64 })),
    get('zlib-wrapped DEFLATE', query({ encode: zlibbed })),
    get('gzip', query({ encode: gzipped })),
    get('invalid DEFLATE', `${kind}=${q(b64('\u00ff\u00fe not deflate at all'))}`),
    get('truncated DEFLATE', query({ encode: (m) => deflated(m).slice(0, 40) })),
    get('a DEFLATE bomb (8 MB of spaces)', `${kind}=${q(spaces)}`),
    get('a DEFLATE bomb (100,000 nested elements)', `${kind}=${q(nesting)}`),
    get('empty', `${kind}=`),
    get('without =', kind),
    get('no message, a RelayState only', 'RelayState=x'),
    get('no query', ''),
    get('the message twice', `${legit}&${message}`),
    get(
      'SAMLRequest and SAMLResponse',
      `${legit}&${kind === 'SAMLRequest' ? 'SAMLResponse' : 'SAMLRequest'}=${message.split('=')[1] ?? ''}`,
    ),
    get(
      'RelayState twice',
      query({ relayState: 'a' }).replace('&RelayState=a', '&RelayState=a&RelayState=b'),
    ),
    get('invalid base64', `${kind}=!!!${rest}`),
    get('over-padded base64', swapped(q(`${value.replace(/=+$/, '')}===`))),
    get('URL-encoded twice', swapped(q(q(value)))),
    get('invalid percent-encoding', swapped(`%ZZ${q(value)}`)),
    get('a 20 KB query (over 16 KiB)', `${legit}&pad=${'p'.repeat(20_000)}`),
    any('stored (uncompressed) DEFLATE blocks', query({ encode: (m) => b64(deflatedStored(m)) })),
    any('base64 with spaces', swapped(q(value.replace(/.{4}/g, '$& ')))),
    any('a raw + in the base64', swapped(value.replace(/\//g, '%2F').replace(/=/g, '%3D'))),
    any('base64url alphabet', swapped(value.replace(/\+/g, '-').replace(/\//g, '_'))),
    get(
      'SigAlg without Signature',
      legit.replace(/&Signature=[^&]*/, '') + (key ? '' : `&SigAlg=${q(SIGNATURE_URI['rsa-sha256'])}`),
    ),
    get('Signature without SigAlg', key ? legit.replace(/&SigAlg=[^&]*/, '') : `${legit}&Signature=AAAA`),
    get(
      'Signature empty',
      key ? legit.replace(/&Signature=[^&]*/, '&Signature=') : `${legit}&SigAlg=x&Signature=`,
    ),
    get(
      'Signature not base64',
      key ? legit.replace(/&Signature=[^&]*/, '&Signature=!!!') : `${legit}&SigAlg=x&Signature=!!!`,
    ),
    get('SigAlg twice', `${legit}&SigAlg=${q(SIGNATURE_URI['rsa-sha256'])}`),
    get('Signature twice', `${legit}&Signature=AAAA`),
    withSignature('unsigned', unsigned),
    withSignature(
      'SigAlg an unknown URI',
      query({ key: key ?? strangerKey, sigAlg: 'urn:corpus:no-such-algorithm' }),
    ),
    withSignature('SigAlg empty', query({ key: key ?? strangerKey, sigAlg: '' })),
    withSignature('SigAlg 10 KB', query({ key: key ?? strangerKey, sigAlg: `urn:${'a'.repeat(10_000)}` })),
    withSignature(
      'signed with RSA-SHA1',
      query({ key: key ?? strangerKey, sigAlg: SIGNATURE_URI['rsa-sha1'] }),
    ),
    withSignature('signed by an unknown key', query({ key: strangerKey })),
    withSignature(
      'signed over another RelayState',
      query({ relayState: 'signed' }).replace('RelayState=signed', 'RelayState=changed'),
    ),
    withSignature(
      're-encoded in lower-case escapes',
      query({ relayState: '/a b?c' }).replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase()),
    ),
    withSignature(
      'a 10 KB Signature',
      `${unsigned}&SigAlg=${q(SIGNATURE_URI['rsa-sha256'])}&Signature=${q(b64('s'.repeat(7_500)))}`,
    ),
    any('the parameters in another order', legit.split('&').reverse().join('&')),
    get('RelayState 10 KB', query({ relayState: 'r'.repeat(10_000) }), { expect: target.longRelayState }),
    any('RelayState with control characters', query({ relayState: '\u0000\u0001\u001b[31m\u007f' })),
    any('RelayState with CRLF and a header', query({ relayState: '/x\r\nx-corpus-injected: 1\r\n\r\n' })),
    any('RelayState with markup', query({ relayState: '"><script>corpus()</script>' })),
    any('RelayState with a lone surrogate', query().replace(`${kind}=`, `RelayState=%ED%A0%80&${kind}=`)),
  ]);
}

/** DEFLATE with stored (uncompressed) blocks: valid, as a lazy encoder writes it. */
function deflatedStored(message: string | Buffer): Buffer {
  const data = typeof message === 'string' ? Buffer.from(message) : message;
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length || at === 0; at += 65_535) {
    const chunk = data.subarray(at, at + 65_535);
    const header = Buffer.alloc(5);
    header[0] = at + 65_535 >= data.length ? 1 : 0;
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(header, chunk);
    if (data.length === 0) break;
  }
  return Buffer.concat(blocks);
}

/** The POST binding around a legitimate, already signed (where needed) message. */
export function postBindingCases(target: { xml: string; name: string; longRelayState: Expect }): Case[] {
  const { xml, name } = target;
  const value = b64(xml);
  const field = (text: string, relayState?: string) =>
    relayState === undefined ? form([name, text]) : form([name, text], ['RelayState', relayState]);
  const any = (label: string, body: string, extra: Partial<Case> = {}) =>
    post(label, body, { expect: 'any', ...extra });
  const multipart = `--corpus\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n--corpus--\r\n`;
  return tagged('post', [
    post('no field', form(['RelayState', 'x'])),
    post('an empty body', ''),
    post('the field empty', field('')),
    post('the field whitespace', field(' \r\n ')),
    post('invalid base64', field(`!!${value}`)),
    post('over-padded base64', field(`${value.replace(/=+$/, '')}===`)),
    post('base64 of half the message', field(value.slice(0, value.length >> 1))),
    post('the XML itself, not base64', field(xml)),
    post('DEFLATE-compressed (the Redirect encoding)', field(deflated(xml))),
    post('zlib-wrapped', field(zlibbed(xml))),
    post('invalid percent-encoding', `${name}=%ZZ${q(value)}`),
    post('application/json', JSON.stringify({ [name]: value }), {
      headers: { 'content-type': 'application/json' },
    }),
    post('a 2 MB body (over 1 MiB)', [`${field(value)}&pad=`, padding(2_000_000)]),
    post('a 16 MB body', [`${field(value)}&pad=`, padding(16_000_000)]),
    post('100,000 fields, no message', 'a=1&'.repeat(100_000)),
    { label: 'PUT', method: 'PUT', body: field(value) },
    { label: 'DELETE', method: 'DELETE' },
    any('the field twice, garbage second', form([name, value], [name, 'x'])),
    any('the field twice, garbage first', form([name, 'x'], [name, value])),
    any('base64 with line breaks every 76', field(value.replace(/.{76}/g, '$&\r\n'))),
    any('+ sent unescaped', `${name}=${value}`),
    any('text/plain', field(value), { headers: { 'content-type': 'text/plain' } }),
    any('no content type', field(value), { headers: { 'content-type': null } }),
    any('multipart/form-data', multipart, {
      headers: { 'content-type': 'multipart/form-data; boundary=corpus' },
    }),
    any('100,000 fields before the message', `${'a=1&'.repeat(100_000)}${field(value)}`),
    post('RelayState 10 KB', field(value, 'r'.repeat(10_000)), { expect: target.longRelayState }),
    any('RelayState with control characters', field(value, '\u0000\u0001\u001b[31m\u007f')),
    any('RelayState with CRLF and a header', field(value, '/x\r\nx-corpus-injected: 1\r\n\r\n')),
    any('RelayState with markup', field(value, '"><script>corpus()</script>')),
    any('RelayState twice', form([name, value], ['RelayState', 'a'], ['RelayState', 'b'])),
  ]);
}
