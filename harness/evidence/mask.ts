/**
 * No report carries a usable credential. Every exchange a result keeps passes through here:
 * bearer and basic credentials keep their scheme and last four characters, cookies their names
 * only, API-key headers nothing; password, CSRF and OAuth fields in forms, URLs and JSON bodies
 * nothing; and every secret the run handed out (a SCIM token) is masked wherever it appears,
 * in bodies, URLs and messages too, since a server may echo one back.
 */
import type { Evidence, HttpExchange } from './evidence.js';

/** Request and response headers whose whole value is a credential. */
const KEY_HEADERS = new Set(['x-api-key', 'api-key', 'x-auth-token', 'x-csrf-token', 'x-xsrf-token']);

/** What replaces a credential field's value. */
export const MASK = '***';

/**
 * Names of query parameters, form fields and JSON members that hold a credential: passwords,
 * secrets, tokens, OAuth codes, API and SCIM keys, CSRF tokens, sessions. SAMLRequest and
 * SAMLResponse are not: a SAML message is evidence, and its signature is public.
 */
const SECRET_NAME =
  /pass(word|wd)?|secret|token|^code$|api_?key|scim_?key|csrf|session|^sid$|assertion_?key/i;

/** Whether a parameter, field or member named `name` holds a credential. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !/^saml(request|response)$/i.test(name);
}

/** Whether `text` may hold a credential by name (a cheap test before parsing it to mask). */
export function mentionsSecret(text: string): boolean {
  return SECRET_NAME.test(text);
}

/**
 * A parsed JSON value with every member that holds a credential masked, at any depth, and the
 * `value` of a PATCH operation whose `path` names one (`{"op":"replace","path":"password",…}`).
 */
export function maskJsonSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJsonSecrets);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const onSecret = typeof object.path === 'string' && isSecretName(object.path.split(/[:.]/).pop()!);
  return Object.fromEntries(
    Object.entries(object).map(([name, member]) => [
      name,
      isSecretName(name) || (onSecret && name.toLowerCase() === 'value') ? MASK : maskJsonSecrets(member),
    ]),
  );
}

/** A JSON member whose value is a string: its name and value, as written. */
const JSON_STRING_MEMBER = /("((?:[^"\\]|\\.)*)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** A query string or form body with the values of credential fields masked. */
export function maskParameters(text: string): string {
  return text.replace(/(^|[?&])([^=&#?]+)=([^&#]*)/g, (all, lead: string, name: string, value: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name.replace(/\+/g, ' '));
    } catch {
      // A malformed escape: judge the name as written.
    }
    return isSecretName(decoded) && value !== '' && value !== MASK ? `${lead}${name}=${MASK}` : all;
  });
}

/** A URL with the values of credential query parameters masked. */
export function maskUrl(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at) + maskParameters(url.slice(at));
}

/** A body with credentials masked: JSON members and, for a form, its fields. */
export function maskBody(body: string, form: boolean): string {
  const text = body.replace(JSON_STRING_MEMBER, (all, lead: string, name: string) =>
    isSecretName(name) ? `${lead}"${MASK}"` : all,
  );
  return form ? maskParameters(text) : text;
}

/** Whether `headers` say the body is an HTML form submission. */
const isForm = (headers: Record<string, string>): boolean =>
  Object.entries(headers).some(
    ([name, value]) =>
      name.toLowerCase() === 'content-type' && value.includes('application/x-www-form-urlencoded'),
  );

/** Secrets shorter than this are not searched for in text: a short string would mask common words. */
const SHORTEST_SECRET = 8;

/** `secret` as reports show it: its last four characters, as a reader can tell tokens apart by. */
export function maskedSecret(secret: string): string {
  return `***${secret.slice(-4)}`;
}

/** `headers` with every credential masked. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'authorization' || lower === 'proxy-authorization') {
      const [scheme = '', secret = ''] = value.split(/\s+/, 2);
      // A bearer token keeps its last four characters; Basic's would be the password's last three.
      masked[name] = /^\*\*\*|^\[masked\]$/.test(secret)
        ? value
        : `${scheme} ${scheme.toLowerCase() === 'basic' ? MASK : maskedSecret(secret)}`;
    } else if (lower === 'cookie') {
      masked[name] = value
        .split(/;\s*/)
        .map((pair) => `${pair.split('=', 1)[0]}=***`)
        .join('; ');
    } else if (lower === 'set-cookie') {
      // Several cookies may be folded into one value with ", " (Headers.forEach does so).
      masked[name] = value.replace(/(^|,\s*)([^=;,\s]+)=[^;,]*/g, '$1$2=***');
    } else if (KEY_HEADERS.has(lower)) {
      masked[name] = '***';
    } else masked[name] = value;
  }
  return masked;
}

/** `text` with each of `secrets` masked. */
export function maskText(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets)
    if (secret.length >= SHORTEST_SECRET) masked = masked.split(secret).join(maskedSecret(secret));
  return masked;
}

/** `exchange` with its credentials and `secrets` masked. */
export function maskExchange(exchange: HttpExchange, secrets: readonly string[] = []): HttpExchange {
  const text = (value: string): string => maskText(value, secrets);
  const { request, response } = exchange;
  return {
    ...exchange,
    request: {
      ...request,
      url: maskUrl(text(request.url)),
      headers: maskHeaders(request.headers),
      ...(request.body === undefined ? {} : { body: maskBody(text(request.body), isForm(request.headers)) }),
    },
    ...(response === undefined
      ? {}
      : {
          response: {
            ...response,
            headers: maskHeaders(response.headers),
            ...(response.body === undefined ? {} : { body: maskBody(text(response.body), false) }),
          },
        }),
    ...(exchange.error === undefined ? {} : { error: text(exchange.error) }),
  };
}

/** `evidence` with its credentials and `secrets` masked. */
export function maskEvidence(evidence: Evidence, secrets: readonly string[] = []): Evidence {
  switch (evidence.kind) {
    case 'http':
      return { ...evidence, exchange: maskExchange(evidence.exchange, secrets) };
    case 'saml':
      return evidence.answer === undefined
        ? evidence
        : { ...evidence, answer: maskExchange(evidence.answer, secrets) };
    case 'note':
      return { ...evidence, text: maskText(evidence.text, secrets) };
    case 'data':
      return secrets.some((secret) => JSON.stringify(evidence.data).includes(secret))
        ? { ...evidence, data: JSON.parse(maskText(JSON.stringify(evidence.data), secrets)) as unknown }
        : evidence;
  }
}
