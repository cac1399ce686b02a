/**
 * HTTP-Redirect binding: DEFLATE + base64 + URL-encoding of a SAML message in a
 * query string, with the detached signature over the raw query octets. Decoding
 * keeps the raw encoded values, because the signature covers them exactly as
 * sent (re-encoding could change case or escapes and break — or fake — it).
 * @see SAML 2.0 Bindings §3.4.4 (DEFLATE encoding), §3.4.4.1 (signature)
 */
import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { KeyPair } from './keys.js';
import { base64ToPem, pemToBase64 } from './keys.js';
import { HASH_NAME, SIGNATURE_URI, type SigningAlgorithm } from './sign.js';
import { DEFAULT_XML_LIMITS, SamlError, parseXml, type XmlLimits } from './xml.js';

// The POST binding; the contract lists it beside this one, so importers of this module keep working.
export { decodePost, encodePost } from './post-binding.js';

/** Which message a Redirect query carries. @see SAML 2.0 Bindings §3.4.4.1 */
export type RedirectKind = 'SAMLRequest' | 'SAMLResponse';

/** Options of {@link encodeRedirect}. @see SAML 2.0 Bindings §3.4.3, §3.4.4.1 */
export interface EncodeRedirectOptions {
  /** RelayState to carry (SAML Bindings §3.4.3: at most 80 bytes; not enforced, so tests can exceed it). */
  relayState?: string;
  /** Sign the query (Signature + SigAlg parameters); algorithm defaults to 'rsa-sha256'. */
  sign?: { key: KeyPair; algorithm?: SigningAlgorithm };
}

/**
 * A decoded Redirect query; the signature, when present, still needs {@link verifyRedirectSignature}.
 * @see SAML 2.0 Bindings §3.4.4.1
 */
export interface DecodedRedirect {
  kind: RedirectKind;
  /** The inflated message, already checked by parseXml. */
  xml: string;
  relayState?: string;
  /** SigAlg URI, decoded. */
  sigAlg?: string;
  /** Signature bytes, decoded. */
  signature?: Buffer;
  /** `SAMLRequest=…&RelayState=…&SigAlg=…` rebuilt from the raw (still URL-encoded) values, in that order. */
  signedOctets?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALGORITHM_OF_URI: ReadonlyMap<string, SigningAlgorithm> = new Map(
  Object.entries(SIGNATURE_URI).map(([name, uri]) => [uri, name as SigningAlgorithm]),
);

/**
 * HTTP-Redirect binding (SAML bindings §3.4.4.1): DEFLATE + base64 + URL-encode; the detached signature covers the raw
 * `SAMLRequest=…&RelayState=…&SigAlg=…` string exactly as it appears in the query. Returns the query without '?'.
 * @see SAML 2.0 Bindings §3.4.4, §3.4.4.1
 */
export function encodeRedirect(kind: RedirectKind, xml: string, options: EncodeRedirectOptions = {}): string {
  if (kind !== 'SAMLRequest' && kind !== 'SAMLResponse') {
    throw new TypeError(
      `encodeRedirect: kind must be 'SAMLRequest' or 'SAMLResponse', got '${String(kind)}'`,
    );
  }
  const message = deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
  let query = `${kind}=${encodeURIComponent(message)}`;
  if (options.relayState !== undefined) query += `&RelayState=${encodeURIComponent(options.relayState)}`;
  if (!options.sign) return query;

  const algorithm = options.sign.algorithm ?? 'rsa-sha256';
  if (!(algorithm in SIGNATURE_URI)) {
    throw new TypeError(
      `encodeRedirect: algorithm must be one of ${Object.keys(SIGNATURE_URI).join(', ')}, got '${algorithm}'`,
    );
  }
  query += `&SigAlg=${encodeURIComponent(SIGNATURE_URI[algorithm])}`;
  const signature = sign(HASH_NAME[algorithm], Buffer.from(query, 'utf8'), options.sign.key.privateKey);
  return `${query}&Signature=${encodeURIComponent(signature.toString('base64'))}`;
}

/**
 * The URL that carries `xml` to `endpoint` by HTTP-Redirect: {@link encodeRedirect}'s query
 * appended to the endpoint's own (an endpoint URL may already hold a query).
 * @see SAML 2.0 Bindings §3.4.4
 */
export function redirectUrl(
  endpoint: string,
  kind: RedirectKind,
  xml: string,
  options: EncodeRedirectOptions = {},
): string {
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${encodeRedirect(kind, xml, options)}`;
}

/**
 * Decodes a raw query string (inflate bounded by limits.maxBytes: a DEFLATE bomb is SamlError('too-large')).
 * A leading '?' is ignored; the message is checked with parseXml before it is returned.
 * @see SAML 2.0 Bindings §3.4.4, §3.4.4.1; docs/conformance.md "SAML 2.0" (DEFLATE bomb)
 */
export function decodeRedirect(rawQuery: string, limits?: XmlLimits): DecodedRedirect {
  const maxBytes = limits?.maxBytes ?? DEFAULT_XML_LIMITS.maxBytes;
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  // Compressed, base64'd and escaped, a message within the limit is far shorter than the limit.
  if (query.length > maxBytes) {
    throw new SamlError(
      'too-large',
      `Redirect query is ${query.length} characters, over the limit of ${maxBytes}`,
    );
  }
  const raw = rawParameters(query);
  const request = raw.get('SAMLRequest');
  const response = raw.get('SAMLResponse');
  if ((request === undefined) === (response === undefined)) {
    throw new SamlError(
      'malformed',
      'Redirect query must carry exactly one of SAMLRequest or SAMLResponse (SAML Bindings §3.4.4.1)',
    );
  }
  const kind: RedirectKind = request !== undefined ? 'SAMLRequest' : 'SAMLResponse';
  const rawMessage = (request ?? response) as string;
  const rawRelayState = raw.get('RelayState');
  const rawSigAlg = raw.get('SigAlg');
  const rawSignature = raw.get('Signature');
  if ((rawSigAlg === undefined) !== (rawSignature === undefined)) {
    throw new SamlError(
      'malformed',
      `Redirect query has ${rawSigAlg === undefined ? 'Signature without SigAlg' : 'SigAlg without Signature'}; ` +
        'a signed query carries both (SAML Bindings §3.4.4.1)',
    );
  }

  const xml = inflate(base64Parameter(kind, rawMessage), maxBytes);
  parseXml(xml, limits);
  const decoded: DecodedRedirect = { kind, xml };
  if (rawRelayState !== undefined) decoded.relayState = formDecode('RelayState', rawRelayState);
  if (rawSigAlg !== undefined && rawSignature !== undefined) {
    decoded.sigAlg = formDecode('SigAlg', rawSigAlg);
    decoded.signature = base64Parameter('Signature', rawSignature);
    decoded.signedOctets =
      `${kind}=${rawMessage}` +
      (rawRelayState === undefined ? '' : `&RelayState=${rawRelayState}`) +
      `&SigAlg=${rawSigAlg}`;
  }
  return decoded;
}

/**
 * Verifies the detached Redirect signature over `signedOctets` with the pinned certificates; throws SamlError.
 * @see SAML 2.0 Bindings §3.4.4.1
 */
export function verifyRedirectSignature(
  decoded: DecodedRedirect,
  trusted: readonly string[],
  options: { allowSha1?: boolean } = {},
): void {
  const { sigAlg, signature, signedOctets } = decoded;
  if (sigAlg === undefined || signature === undefined || signedOctets === undefined) {
    throw new SamlError(
      'signature-missing',
      `The Redirect ${decoded.kind} is not signed: the query has no SigAlg and Signature (SAML Bindings §3.4.4.1)`,
    );
  }
  const algorithm = ALGORITHM_OF_URI.get(sigAlg);
  if (!algorithm) {
    throw new SamlError(
      'signature-invalid',
      `SigAlg '${sigAlg}' is not supported; sign with ${SIGNATURE_URI['rsa-sha256']}`,
    );
  }
  if (algorithm === 'rsa-sha1' && options.allowSha1 !== true) {
    throw new SamlError(
      'weak-algorithm',
      `SigAlg is RSA-SHA1; this endpoint requires ${SIGNATURE_URI['rsa-sha256']}`,
    );
  }
  if (trusted.length === 0) {
    throw new SamlError(
      'untrusted-certificate',
      'No certificate is pinned for this signer, so its signature cannot be trusted',
    );
  }
  const octets = Buffer.from(signedOctets, 'utf8');
  if (
    trusted.some((certificate, index) =>
      verify(HASH_NAME[algorithm], octets, publicKeyOf(certificate, index), signature),
    )
  ) {
    return;
  }
  throw new SamlError(
    'signature-invalid',
    `The Redirect ${decoded.kind} signature does not verify with any of the ${trusted.length} pinned certificate(s) ` +
      'over the raw SAMLRequest/SAMLResponse, RelayState and SigAlg query values (SAML Bindings §3.4.4.1)',
  );
}

/** Raw (still encoded) values by decoded name; a repeated parameter is refused, it makes the signed octets ambiguous. */
function rawParameters(query: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = formDecode('parameter name', equals < 0 ? part : part.slice(0, equals));
    if (parameters.has(name)) {
      throw new SamlError(
        'malformed',
        `Redirect query repeats the ${name} parameter; each appears at most once`,
      );
    }
    parameters.set(name, equals < 0 ? '' : part.slice(equals + 1));
  }
  return parameters;
}

/** application/x-www-form-urlencoded value decoding ('+' is a space). */
function formDecode(what: string, raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new SamlError('malformed', `Redirect query ${what} is not valid URL encoding`);
  }
}

/** Base64 values: a bare '+' is kept as '+', since some senders leave it unescaped and base64 never holds a space. */
function base64Parameter(name: string, raw: string): Buffer {
  let text: string;
  try {
    text = decodeURIComponent(raw).replace(/\s+/g, '');
  } catch {
    throw new SamlError('malformed', `Redirect query ${name} is not valid URL encoding`);
  }
  if (text === '' || !BASE64.test(text))
    throw new SamlError('malformed', `Redirect query ${name} is not base64`);
  return Buffer.from(text, 'base64');
}

function inflate(compressed: Buffer, maxBytes: number): string {
  try {
    return inflateRawSync(compressed, { maxOutputLength: maxBytes }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new SamlError(
        'too-large',
        `Redirect message inflates to more than ${maxBytes} bytes (a DEFLATE bomb, or raise limits.maxBytes)`,
      );
    }
    throw new SamlError(
      'malformed',
      `Redirect message is not raw DEFLATE data (${error instanceof Error ? error.message : String(error)}); ` +
        'SAML Bindings §3.4.4.1 uses DEFLATE without a zlib header',
    );
  }
}

function publicKeyOf(certificate: string, index: number): KeyObject {
  try {
    return createPublicKey(base64ToPem(pemToBase64(certificate)));
  } catch (error) {
    throw new SamlError(
      'untrusted-certificate',
      `Pinned certificate #${index + 1} cannot be read (${error instanceof Error ? error.message : String(error)}); ` +
        'fix the certificate configured for this signer',
    );
  }
}
