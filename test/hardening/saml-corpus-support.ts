/**
 * The SAML bad-input corpus's vocabulary: one request as data (`Case`), the encoders its builders
 * share (base64, DEFLATE, forms, Redirect queries), the loopback client that sends it, and the
 * failure table (saml-corpus.test.ts sends it and judges the answers).
 */
import { setFlagsFromString } from 'node:v8';
import { sendRaw, type Answer } from './raw-http.js';
import { runInNewContext } from 'node:vm';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

/** Every answer must arrive within ANSWER_MS; the client gives up at CLIENT_TIMEOUT_MS. */
export const ANSWER_MS = 1_000;
export const CLIENT_TIMEOUT_MS = 5_000;
/** How much the process's resident set may grow over the whole corpus. */
export const RSS_LIMIT_MB = 200;

/** The text an internal entity holds; expanded twice in a row it would read MARK + MARK. */
export const MARK = 'CorpusEntityMarker';
/** What no answer may ever contain: file content, an expanded entity, reflected markup. */
export const FORBIDDEN_IN_ANSWERS: readonly { text: string; meaning: string }[] = [
  { text: 'root:x:0:0', meaning: '/etc/passwd content' },
  { text: 'daemon:x:', meaning: '/etc/passwd content' },
  { text: `${MARK}${MARK}`, meaning: 'an expanded entity' },
  { text: 'QzQz'.repeat(25_001), meaning: 'an expanded quadratic-blowup entity' },
  { text: '<script>corpus', meaning: 'reflected markup' },
  { text: '"x-corpus-injected":', meaning: 'an injected header' },
];

/** Whether a refusal is required, or acceptance is allowed (then it must be a whole, real success). */
export type Expect = 'refused' | 'any';

/** A request body: text, bytes, or parts sent one after the other (a big part is built once). */
export type Body = string | Buffer | readonly (string | Buffer)[];

const lengthOf = (body: Body): number =>
  typeof body === 'string' || Buffer.isBuffer(body)
    ? Buffer.byteLength(body)
    : body.reduce((sum, part) => sum + Buffer.byteLength(part), 0);

const paddings = new Map<number, Buffer>();
/** `size` bytes of 'p', allocated once per size and shared by every case that sends it. */
export function padding(size: number): Buffer {
  let made = paddings.get(size);
  if (!made) paddings.set(size, (made = Buffer.alloc(size, 'p')));
  return made;
}

/** One request of the corpus. */
export interface Case {
  readonly label: string;
  readonly method: string;
  /** A raw query appended to the endpoint URL (after its own query, if any). */
  readonly query?: string;
  /** An origin-relative path sent instead of the endpoint's own. */
  readonly path?: string;
  readonly body?: Body;
  /** Over the defaults (a form content type on a body); `null` leaves a header out. */
  readonly headers?: Readonly<Record<string, string | null>>;
  /** @default 'refused' */
  readonly expect?: Expect;
  /** When the case is accepted, the one signed in must be this user (else someone was impersonated). */
  readonly onlyAs?: string;
}

/** A hostile XML document (or raw bytes where the encoding is the point). */
export interface Doc {
  readonly label: string;
  readonly xml: string | Buffer;
}

export const tagged = (tag: string, cases: readonly Case[]): Case[] =>
  cases.map((one) => ({ ...one, label: `${tag}: ${one.label}` }));
export const times = <T>(count: number, make: (n: number) => T): T[] =>
  Array.from({ length: count }, (_, n) => make(n));

// Encoders.

export const bytes = (xml: string | Buffer): Buffer => (typeof xml === 'string' ? Buffer.from(xml) : xml);
export const b64 = (xml: string | Buffer): string => bytes(xml).toString('base64');
export const deflated = (xml: string | Buffer): string => deflateRawSync(bytes(xml)).toString('base64');
export const zlibbed = (xml: string | Buffer): string => deflateSync(bytes(xml)).toString('base64');
export const gzipped = (xml: string | Buffer): string => gzipSync(bytes(xml)).toString('base64');
export const q = encodeURIComponent;
/** An application/x-www-form-urlencoded body of the fields, in order (repeats kept). */
export const form = (...fields: readonly [string, string][]): string =>
  fields.map(([name, value]) => `${q(name)}=${q(value)}`).join('&');

/** A POST of a form (or any body) to the endpoint. */
export function post(label: string, body: Body, extra: Partial<Case> = {}): Case {
  return { label, method: 'POST', body, ...extra };
}
/** A GET of the endpoint with a raw query. */
export function get(label: string, query: string, extra: Partial<Case> = {}): Case {
  return { label, method: 'GET', query, ...extra };
}

// The client: raw-http.ts, with this corpus's timeout.

export type { Answer } from './raw-http.js';
export { closeAgent } from './raw-http.js';

/** Sends a request to `origin` and collects the whole answer, or rejects after CLIENT_TIMEOUT_MS. */
export function send(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Body,
): Promise<Answer> {
  return sendRaw(origin, method, path, headers, body, CLIENT_TIMEOUT_MS);
}

/** The request line's path and the headers of `one`, sent to the endpoint at `endpoint` (path and query). */
export function requestOf(
  one: Case,
  endpoint: string,
  cookie?: string,
): { path: string; headers: Record<string, string> } {
  const base = one.path ?? endpoint;
  const path = one.query === undefined ? base : `${base}${base.includes('?') ? '&' : '?'}${one.query}`;
  const defaults: Record<string, string | null> = {
    ...(one.body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    ...(cookie === undefined ? {} : { cookie }),
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...defaults, ...one.headers }))
    if (value !== null) headers[name] = value;
  if (one.body !== undefined) headers['content-length'] = String(lengthOf(one.body));
  return { path, headers };
}

/** The values of the Set-Cookie headers of an answer. */
export function setCookies(answer: Answer): string[] {
  const value = answer.headers['set-cookie'];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Whether the answer sets the cookie `name` to a non-empty value. */
export function setsCookie(answer: Answer, name: string): boolean {
  return setCookies(answer).some((cookie) => {
    const pair = cookie.split(';')[0] ?? '';
    return pair.startsWith(`${name}=`) && pair.length > name.length + 1;
  });
}

/** What an answer must never hold (file content, entity expansion, reflected markup), named. */
export function forbiddenIn(answer: Answer): string | undefined {
  const text = `${JSON.stringify(answer.headers)}\n${answer.body}`;
  return FORBIDDEN_IN_ANSWERS.find((forbidden) => text.includes(forbidden.text))?.meaning;
}

// The report.

export interface Failure {
  label: string;
  status: string;
  ms: string;
  problem: string;
}

/** One endpoint's failures as a table: status, ms, case, what is wrong. */
export const table = (endpoint: string, sent: number, failures: readonly Failure[]): string =>
  [
    `${endpoint}: ${failures.length} of ${sent} requests failed (status, ms, case, what is wrong):`,
    ...failures.map((f) => `  ${f.status.padEnd(4)} ${f.ms.padStart(5)}  ${f.label}  —  ${f.problem}`),
  ].join('\n');

/** Resident set size in MB, now. */
export const rssMb = (): number => process.memoryUsage().rss / 1_048_576;
/** The largest resident set size the process has had, in MB. */
export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1_024;

/**
 * Resident set size in MB after a full garbage collection: what the process holds, not the garbage
 * a burst of 200 KB documents (tens of MB of DOM each) left for the collector. The flag only makes
 * `gc` reachable from a new context in this worker.
 */
export function settledRssMb(): number {
  collectGarbage();
  return rssMb();
}

/** The JavaScript heap in use, in MB, after a full garbage collection: what the servers keep. */
export function settledHeapMb(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1_048_576;
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}
