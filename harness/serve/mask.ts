/**
 * What the request log may show of a request or an answer: credentials and session cookies
 * never, SAML messages and SCIM bodies in full (their signatures are public), HTML pages not at
 * all (their forms carry session tokens). Which names hold a secret, and how query strings and forms
 * are masked, is the reports' rule (harness/evidence/mask.ts); the log's headers show less.
 */
import { MASK, maskJsonSecrets, maskParameters, maskUrl } from '#harness/evidence';
import { clip } from '#harness/http';

export { MASK, maskUrl };

/** The most of a body the log keeps. */
const BODY_LIMIT = 16_384;

/** Headers that carry credentials or sessions, shown as their scheme or cookie names only. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'x-csrf-token']);

/** `Bearer ***`: the scheme stays, the credential goes. */
function maskCredential(value: string): string {
  const scheme = /^(\S+)\s+\S/.exec(value)?.[1];
  return scheme === undefined ? MASK : `${scheme} ${MASK}`;
}

/** `a=***; b=***`: which cookies were sent, never their values. */
function maskCookie(value: string): string {
  return value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => `${part.split('=')[0]}=${MASK}`)
    .join('; ');
}

/** `name=***; Path=/; HttpOnly`: the cookie's name and attributes, never its value. */
function maskSetCookie(value: string): string {
  const [first = '', ...attributes] = value.split(';');
  return [`${first.split('=')[0]!.trim()}=${MASK}`, ...attributes.map((part) => part.trim())].join('; ');
}

/** Headers as the log shows them (names in lower case). */
export function maskHeaders(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (CREDENTIAL_HEADERS.has(key)) shown[key] = maskCredential(value);
    else if (key === 'cookie') shown[key] = maskCookie(value);
    else if (key === 'set-cookie') shown[key] = value.split(/\n/).map(maskSetCookie).join('\n');
    else if (key === 'location') shown[key] = maskUrl(value);
    else shown[key] = value;
  }
  return shown;
}

/**
 * A body as the log shows it, by its content type: JSON with secret members masked, forms with
 * secret fields masked, XML and text as sent, HTML and anything else left out (undefined).
 */
export function maskBody(body: string | undefined, contentType: string | undefined): string | undefined {
  if (body === undefined || body === '') return undefined;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  let shown: string | undefined;
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      shown = JSON.stringify(maskJsonSecrets(JSON.parse(body)), null, 2);
    } catch {
      shown = body;
    }
  } else if (type === 'application/x-www-form-urlencoded') shown = maskParameters(body);
  else if (type.endsWith('/xml') || type.endsWith('+xml')) shown = body;
  else if (type === 'text/plain') shown = body;
  if (shown === undefined) return undefined;
  // Cut with a copy: a slice of the body would keep the whole body alive for as long as the entry.
  return clip(shown, BODY_LIMIT);
}
