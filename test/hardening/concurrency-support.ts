/**
 * The wire for concurrency.test.ts: SCIM requests over real HTTP to one mock SP, sent one at a
 * time on a small keep-alive pool, or released together by last-byte sync, and the helpers that
 * judge and describe what came back.
 * @see RFC 7644 §3.3 (create), §3.5.2 (PATCH), §3.6 (DELETE), §3.14 (versioning)
 */
import { Agent, request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import {
  GROUP_SCHEMA,
  PATCH_OP_SCHEMA,
  SCIM_CONTENT_TYPE,
  USER_SCHEMA,
  isJsonObject,
  type JsonObject,
} from '#harness/scim';

/** A request below the SCIM base path: `path` starts with `/`, `body` is sent as JSON text. */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: JsonObject;
  headers?: Readonly<Record<string, string>>;
}

/** An answer: status, headers (lower-case names), text, the text parsed as JSON, and how long it took. */
export interface Reply {
  status: number;
  headers: Readonly<Record<string, string>>;
  text: string;
  body: unknown;
  /** For a released request, from its last byte to the answer's last byte; else from its start. */
  ms: number;
}

/** An answer, or why none came. */
export type Answer = Reply | { error: string };

export const answered = (answer: Answer): answer is Reply => !('error' in answer);
export const statusOf = (answer: Answer): number | undefined =>
  answered(answer) ? answer.status : undefined;

/** A request that got no answer within this long failed. */
const CLIENT_TIMEOUT_MS = 5_000;
/** How long the server gets to read the held requests' heads before the last bytes go out (as harness/load). */
const SETTLE_MS = 50;

const parse = (text: string): unknown => {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Decodes a chunked HTTP/1.1 body (RFC 9112 §7.1); trailers are ignored. */
function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = raw.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = Number.parseInt(raw.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** The answer in the bytes a `connection: close` request got back, or why they are no answer. */
function parseResponse(raw: Buffer, ms: number, what: string): Answer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0)
    return { error: `${what}: the connection closed after ${raw.length} bytes, before a response head` };
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN);
  if (!Number.isInteger(status))
    return { error: `${what}: no HTTP status line (${JSON.stringify(statusLine)})` };
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let content = raw.subarray(end + 4);
  if (/\bchunked\b/i.test(headers['transfer-encoding'] ?? '')) content = unchunk(content);
  else if (headers['content-length'] !== undefined)
    content = content.subarray(0, Number(headers['content-length']));
  const text = content.toString('utf8');
  return { status, headers, text, body: parse(text), ms };
}

/** One request held back by its last byte, on its own connection. */
interface Held {
  ready: Promise<void>;
  release(): void;
  answer: Promise<Answer>;
}

/** One mock SP's SCIM service as the probes reach it. */
export class ScimWire {
  readonly #agent: Agent;
  readonly #origin: URL;

  /**
   * @param scimBaseUrl the SP's SCIM base URL on 127.0.0.1
   * @param connections how many keep-alive connections `send` shares @default 10
   */
  constructor(
    scimBaseUrl: string,
    readonly token: string,
    connections = 10,
  ) {
    this.#origin = new URL(scimBaseUrl);
    this.#agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  get basePath(): string {
    return this.#origin.pathname;
  }

  #headers(call: Call, text: string | undefined): Record<string, string> {
    return {
      host: this.#origin.host,
      authorization: `Bearer ${this.token}`,
      accept: SCIM_CONTENT_TYPE,
      ...(text === undefined
        ? {}
        : { 'content-type': SCIM_CONTENT_TYPE, 'content-length': String(Buffer.byteLength(text)) }),
      ...call.headers,
    };
  }

  /** Sends `call` on the keep-alive pool; never rejects. */
  send(call: Call): Promise<Answer> {
    const text = call.body === undefined ? undefined : JSON.stringify(call.body);
    const what = `${call.method} ${call.path}`;
    return new Promise<Answer>((resolve) => {
      const started = performance.now();
      const request = httpRequest(
        {
          agent: this.#agent,
          hostname: this.#origin.hostname,
          port: this.#origin.port,
          method: call.method,
          path: `${this.basePath}${call.path}`,
          headers: this.#headers(call, text),
          timeout: CLIENT_TIMEOUT_MS,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => resolve({ error: `${what}: ${error.message}` }));
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const headers: Record<string, string> = {};
            for (const [name, value] of Object.entries(response.headers))
              if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
            const ms = performance.now() - started;
            resolve({ status: response.statusCode ?? 0, headers, text: body, body: parse(body), ms });
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${CLIENT_TIMEOUT_MS} ms`)));
      request.on('error', (error) => resolve({ error: `${what}: ${error.message}` }));
      request.end(text);
    });
  }

  /** Sends `call` and returns its answer when it is `expected`; otherwise throws, saying what came. */
  async must(call: Call, expected: number): Promise<Reply> {
    const answer = await this.send(call);
    if (answered(answer) && answer.status === expected) return answer;
    const found = answered(answer) ? `${answer.status} ${answer.text.slice(0, 300)}` : answer.error;
    throw new Error(`setup: ${call.method} ${call.path} should answer ${expected}, found ${found}`);
  }

  /**
   * Sends `calls` so that they complete together: each on its own connection, all but its last
   * byte written first (the head's final newline for a request without a body), then every last
   * byte in one loop, as harness/load's synced burst does. Resolves to the answers in order.
   */
  async together(calls: readonly Call[]): Promise<Answer[]> {
    const held = calls.map((call) => this.#hold(call));
    await Promise.all(held.map((each) => each.ready));
    await new Promise((settled) => setTimeout(settled, SETTLE_MS));
    for (const each of held) each.release();
    return Promise.all(held.map((each) => each.answer));
  }

  #hold(call: Call): Held {
    const text = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers = { ...this.#headers(call, text), connection: 'close' };
    const head = [
      `${call.method} ${this.basePath}${call.path} HTTP/1.1`,
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    ].join('\r\n');
    const bytes = Buffer.from(`${head}\r\n\r\n${text ?? ''}`, 'utf8');
    const what = `${call.method} ${call.path}`;
    const socket: Socket = connect({ host: this.#origin.hostname, port: Number(this.#origin.port) });
    socket.setNoDelay(true);
    let released = performance.now();
    let ready!: () => void;
    const readied = new Promise<void>((resolve) => (ready = resolve));
    const answer = new Promise<Answer>((resolve) => {
      const chunks: Buffer[] = [];
      const timer = setTimeout(
        () => socket.destroy(new Error(`no answer within ${CLIENT_TIMEOUT_MS} ms`)),
        CLIENT_TIMEOUT_MS,
      );
      socket.on('connect', () => socket.write(bytes.subarray(0, -1), () => ready()));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', (error) => {
        clearTimeout(timer);
        ready();
        resolve({ error: `${what}: ${error.message}` });
      });
      socket.on('end', () => {
        clearTimeout(timer);
        resolve(parseResponse(Buffer.concat(chunks), performance.now() - released, what));
        socket.destroy();
      });
    });
    const release = () => {
      released = performance.now();
      if (!socket.destroyed) socket.write(bytes.subarray(-1));
    };
    return { ready: readied, release, answer };
  }

  close(): void {
    this.#agent.destroy();
  }
}

// Bodies. @see RFC 7643 §4.1, §4.2; RFC 7644 §3.5.2

/** A User every SCIM mock SP takes: an email-shaped userName without special characters. */
export function userBody(userName: string): JsonObject {
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: 'Race', familyName: 'Probe' },
    displayName: 'Race Probe',
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
  };
}

export const groupBody = (displayName: string): JsonObject => ({
  schemas: [GROUP_SCHEMA],
  displayName,
  members: [],
});

export const patchBody = (...operations: JsonObject[]): JsonObject => ({
  schemas: [PATCH_OP_SCHEMA],
  Operations: operations,
});

/** The query string that finds one userName. @see RFC 7644 §3.4.2.2 */
export const userNameQuery = (userName: string): string =>
  `?filter=${encodeURIComponent(`userName eq "${userName.replace(/["\\]/g, (c) => `\\${c}`)}"`)}`;

let serial = 0;
const run = Date.now().toString(36);
/** A userName no earlier run or probe used. */
export const freshUserName = (what: string): string => `conc.${what}.${run}.${++serial}@example.com`;

/** The `id` of a created or read resource. */
export function idOf(answer: Reply): string {
  if (isJsonObject(answer.body) && typeof answer.body.id === 'string') return answer.body.id;
  throw new Error(`no id in ${answer.status} ${answer.text.slice(0, 200)}`);
}

// Describing what came back.

/** Answers by status, `no answer` for none: `201 ×1, 409 ×49`. */
export function histogram(answers: readonly Answer[]): string {
  const counts = new Map<string, number>();
  for (const answer of answers) {
    const key = answered(answer) ? String(answer.status) : 'no answer';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${status} ×${count}`)
    .join(', ');
}

/** One answer in a line: the status with scimType and detail, or why there was none. */
export function inWords(answer: Answer): string {
  if (!answered(answer)) return `no answer (${answer.error})`;
  const body = isJsonObject(answer.body) ? answer.body : {};
  const scimType = typeof body.scimType === 'string' ? ` scimType ${body.scimType}` : '';
  const detail = typeof body.detail === 'string' ? ` "${body.detail.slice(0, 160)}"` : '';
  return `${answer.status}${scimType}${detail}`;
}

/** The first few distinct answers of `answers` that `bad` picks, in words. */
export function examples(answers: readonly Answer[], bad: (answer: Answer) => boolean): string {
  const seen = [...new Set(answers.filter(bad).map(inWords))];
  return seen.slice(0, 3).join('; ') + (seen.length > 3 ? ` (+${seen.length - 3} more kinds)` : '');
}

/** Every user the SP lists, page by page (count `pageSize`); with what was wrong in the paging. */
export async function listAllUsers(
  wire: ScimWire,
  pageSize = 100,
): Promise<{ users: JsonObject[]; problems: string[] }> {
  const users: JsonObject[] = [];
  const problems: string[] = [];
  for (let startIndex = 1, pages = 0; pages < 1_000; pages++) {
    const answer = await wire.send({
      method: 'GET',
      path: `/Users?startIndex=${startIndex}&count=${pageSize}`,
    });
    if (!answered(answer) || answer.status !== 200 || !isJsonObject(answer.body)) {
      problems.push(`GET /Users?startIndex=${startIndex} answered ${inWords(answer)}`);
      break;
    }
    const page = Array.isArray(answer.body.Resources) ? answer.body.Resources.filter(isJsonObject) : [];
    const total = answer.body.totalResults;
    users.push(...page);
    if (typeof total !== 'number') {
      problems.push(`GET /Users?startIndex=${startIndex} has no numeric totalResults`);
      break;
    }
    if (page.length === 0 || users.length >= total) {
      if (users.length !== total)
        problems.push(`the pages held ${users.length} users, totalResults says ${total}`);
      break;
    }
    startIndex += page.length;
  }
  return { users, problems };
}

/** Values held by more than one entry, with how many: `a@x ×2`. */
export function duplicates(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([value, count]) => `${value} ×${count}`);
}
