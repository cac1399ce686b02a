/**
 * The hostile-input corpora's HTTP client: node:http sends a path, a query and a body exactly as
 * built (fetch would resolve `..` and refuse TRACE), any method, and times the whole answer.
 */
import { Agent, request as httpRequest } from 'node:http';

/** What came back, and how long it took. */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** From the request's start to the answer's last byte. */
  ms: number;
}

/** A body as one string or buffer, or as parts written one after the other. */
export type Body = string | Buffer | readonly (string | Buffer)[];

const agent = new Agent({ keepAlive: true });
/** Closes the kept-alive connections (after the corpus). */
export const closeAgent = (): void => agent.destroy();

/** Sends one request to `origin` and collects the whole answer, or rejects after `timeoutMs`. */
export function sendRaw(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: Body | undefined,
  timeoutMs: number,
): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise<Answer>((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest({ agent, hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        });
      });
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else {
      for (const part of body) req.write(part);
      req.end();
    }
  });
}
