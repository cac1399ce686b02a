/**
 * Finds the SAML messages an HTTP exchange carried and decodes them for report.html: the
 * HTTP-POST binding's base64 form field (in a request body, or in the auto-submit form of a
 * response page) and the HTTP-Redirect binding's DEFLATE-compressed query parameter (in a request
 * URL or a Location header). Decoding runs here, in Node, when the report is written: the page
 * has no inflate without a library, and this way the decoding is unit-tested.
 * @see SAML 2.0 Bindings §3.4.4.1 (Redirect: DEFLATE, base64, URL-encoded), §3.5.4 (POST: base64)
 */
import { inflateRawSync } from 'node:zlib';
import type { HttpExchange } from './model.js';

/** A decoded message bigger than this is not inflated (a DEFLATE bomb stays a line of base64). */
export const DECODED_LIMIT = 1024 * 1024;

export type SamlParameter = 'SAMLRequest' | 'SAMLResponse';
export type SamlBinding = 'HTTP-Redirect' | 'HTTP-POST';

/** One SAML message found in an exchange. */
export interface FoundSaml {
  parameter: SamlParameter;
  binding: SamlBinding;
  /** Where in the exchange it was: `request URL`, `request body`, `Location header`, `response form`. */
  where: string;
  /** The parameter's value as it travelled (base64, URL-decoded). */
  value: string;
}

/** A message's XML, or why there is none; `note` says how the encoding departs from its binding. */
export type DecodedSaml = { xml: string; note?: string } | { error: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const PARAMETERS: readonly SamlParameter[] = ['SAMLRequest', 'SAMLResponse'];

function base64(value: string): Buffer | undefined {
  const text = value.replace(/\s+/g, '');
  return text !== '' && BASE64.test(text) ? Buffer.from(text, 'base64') : undefined;
}

function inflate(bytes: Buffer): string | undefined {
  try {
    return inflateRawSync(bytes, { maxOutputLength: DECODED_LIMIT }).toString('utf8');
  } catch {
    return undefined;
  }
}

const looksLikeXml = (text: string): boolean => text.trimStart().startsWith('<');

/**
 * The XML of a SAMLRequest / SAMLResponse value in `binding`. A message encoded as the other
 * binding encodes (a deflated POST, an uncompressed Redirect) is decoded all the same, with a note:
 * that difference may be what the check is about.
 */
export function decodeSamlValue(value: string, binding: SamlBinding): DecodedSaml {
  const bytes = base64(value);
  if (bytes === undefined) return { error: 'not base64' };
  const plain = bytes.length <= DECODED_LIMIT ? bytes.toString('utf8') : undefined;
  const inflated = inflate(bytes);
  if (binding === 'HTTP-Redirect') {
    if (inflated !== undefined && looksLikeXml(inflated)) return { xml: inflated };
    if (plain !== undefined && looksLikeXml(plain))
      return { xml: plain, note: 'not DEFLATE-compressed, as the Redirect binding requires' };
    return { error: 'does not inflate to XML' };
  }
  if (plain !== undefined && looksLikeXml(plain)) return { xml: plain };
  if (inflated !== undefined && looksLikeXml(inflated))
    return { xml: inflated, note: 'DEFLATE-compressed, which the POST binding does not do' };
  return { error: 'does not decode to XML' };
}

/** The SAML parameters of a query string or form body. */
function fromParameters(text: string, binding: SamlBinding, where: string): FoundSaml[] {
  let parameters: URLSearchParams;
  try {
    parameters = new URLSearchParams(text);
  } catch {
    return [];
  }
  return PARAMETERS.flatMap((parameter) =>
    parameters.getAll(parameter).map((value) => ({ parameter, binding, where, value })),
  );
}

function queryOf(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return '';
  const hash = url.indexOf('#', at);
  return url.slice(at + 1, hash === -1 ? undefined : hash);
}

/** Whether a body is an urlencoded form: its content type says so, or it is one line of name=value pairs. */
export function isFormBody(body: string, contentType: string | undefined): boolean {
  if (contentType !== undefined) return /application\/x-www-form-urlencoded/i.test(contentType);
  return /^[^\s=&]+=[^\s]*$/.test(body);
}

const HIDDEN_INPUT = /<input\b[^>]*>/gi;
const NAME = /\bname\s*=\s*["'](SAMLRequest|SAMLResponse)["']/i;
const VALUE = /\bvalue\s*=\s*["']([^"']*)["']/i;

/** The SAML fields of the auto-submit forms in an HTML page (the POST binding's carrier). */
function fromHtmlForms(html: string): FoundSaml[] {
  const found: FoundSaml[] = [];
  for (const [input] of html.matchAll(HIDDEN_INPUT)) {
    const name = NAME.exec(input)?.[1] as SamlParameter | undefined;
    const value = VALUE.exec(input)?.[1];
    if (name === undefined || value === undefined) continue;
    // Base64 holds no markup; only the entities a page may write for '+', '/' and '=' are undone.
    const text = value.replace(/&#(x?)([0-9a-f]+);/gi, (_, hex: string, code: string) =>
      String.fromCharCode(parseInt(code, hex ? 16 : 10)),
    );
    found.push({ parameter: name, binding: 'HTTP-POST', where: 'response form', value: text });
  }
  return found;
}

const header = (headers: Record<string, string>, name: string): string | undefined =>
  Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];

/** Every SAML message the exchange carried, in the order it travelled. */
export function samlMessagesOf(exchange: HttpExchange): FoundSaml[] {
  const { request, response } = exchange;
  const found = fromParameters(queryOf(request.url), 'HTTP-Redirect', 'request URL');
  const body = request.body;
  if (body !== undefined && isFormBody(body, header(request.headers, 'content-type')))
    found.push(...fromParameters(body, 'HTTP-POST', 'request body'));
  if (response) {
    const location = header(response.headers, 'location');
    if (location !== undefined)
      found.push(...fromParameters(queryOf(location), 'HTTP-Redirect', 'Location header'));
    if (response.body !== undefined && /<form\b/i.test(response.body))
      found.push(...fromHtmlForms(response.body));
  }
  return found;
}
