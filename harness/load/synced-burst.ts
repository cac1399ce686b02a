/**
 * A burst whose requests reach the server together: each request is sent on its own connection
 * but for the last byte of its body, and once every one is on the wire, the last bytes go out in
 * one loop (the "last-byte sync" of race-condition testing). The server then completes them within
 * a fraction of a millisecond of each other, where requests sent whole would trickle in one
 * handshake or one event-loop turn apart, and a check-then-insert window would seldom see two.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { SCIM_CONTENT_TYPE } from '#harness/scim';

/** An answer: its status, its text and the text parsed as JSON (undefined when it is not JSON). */
export interface Reply {
  status: number;
  text: string;
  body: unknown;
}

/** An answer, or why none came. */
export type Answer = Reply | { error: string };

/** Where the burst goes and how long each request may take. */
export interface BurstTarget {
  /** The SCIM base URL. */
  scimUrl: string;
  token: string;
  timeoutMs: number;
}

/** How long the server gets to read the requests' heads before the last bytes are sent. */
const SETTLE_MS = 50;

const parse = (text: string): unknown => {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** One request held back by its last byte: `ready` once the rest is on the wire, `answer` at the end. */
interface Held {
  request: ClientRequest;
  last: Buffer;
  ready: Promise<void>;
  answer: Promise<Answer>;
}

function hold(target: BurstTarget, agent: HttpAgent, method: string, path: string, body: string): Held {
  const url = new URL(`${target.scimUrl}${path}`);
  const bytes = Buffer.from(body);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const request = send(url, {
    method,
    agent,
    timeout: target.timeoutMs,
    headers: {
      authorization: `Bearer ${target.token}`,
      accept: SCIM_CONTENT_TYPE,
      'content-type': SCIM_CONTENT_TYPE,
      'content-length': String(bytes.length),
    },
  });
  let ready!: () => void;
  const readied = new Promise<void>((resolve) => (ready = resolve));
  const answer = new Promise<Answer>((resolve) => {
    request.on('timeout', () => request.destroy(new Error(`no answer within ${target.timeoutMs} ms`)));
    request.on('error', (error) => {
      ready();
      resolve({ error: `${method} ${url.href} failed: ${error.message}` });
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => resolve({ error: `${method} ${url.href}: ${error.message}` }));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, text, body: parse(text) });
      });
    });
  });
  // The write's callback runs once the head and all but the last byte have left for the server.
  request.write(bytes.subarray(0, -1), () => ready());
  return { request, last: bytes.subarray(-1), ready: readied, answer };
}

/**
 * Sends `bodies` as `method path` requests that complete together (see the module comment), each
 * on its own connection; resolves to each one's answer, in order, never rejecting.
 */
export async function syncedBurst(
  target: BurstTarget,
  method: 'POST' | 'PATCH',
  path: string,
  bodies: readonly string[],
): Promise<Answer[]> {
  const secure = target.scimUrl.startsWith('https:');
  const agent = secure
    ? new HttpsAgent({ keepAlive: false, maxSockets: bodies.length })
    : new HttpAgent({ keepAlive: false, maxSockets: bodies.length });
  try {
    const held = bodies.map((body) => hold(target, agent, method, path, body));
    await Promise.all(held.map((each) => each.ready));
    await new Promise((settled) => setTimeout(settled, SETTLE_MS));
    for (const each of held) each.request.end(each.last);
    return await Promise.all(held.map((each) => each.answer));
  } finally {
    agent.destroy();
  }
}
