/**
 * Serves any CoreRequest handler over real HTTP on 127.0.0.1, on an ephemeral
 * port: used where a run is told to use sockets (`--transport http`) or where an
 * outside SP must reach the reference IdP.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BODY_LIMIT, type CoreRequest, type CoreResponse } from './core.js';

export interface ServedHandler {
  /** e.g. http://127.0.0.1:53211 */
  origin: string;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      // Keep one byte past the limit, so the handler can answer 413 itself.
      if (size <= limit) chunks.push(chunk.subarray(0, limit + 1 - size));
      size += chunk.length;
    });
    request.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Listens first, then builds the handler for the origin it got (handlers need their own origin for URLs). */
export async function serveHandler(
  create: (origin: string) => { handle(request: CoreRequest): CoreResponse | Promise<CoreResponse> },
  options: { host?: string; port?: number; bodyLimit?: number } = {},
): Promise<ServedHandler> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const origin = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  const handler = create(origin);
  server.on('request', (request, response) => {
    readBody(request, options.bodyLimit ?? DEFAULT_BODY_LIMIT)
      .then(async (body) => {
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(request.headers)) {
          if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        const answer = await handler.handle({
          method: request.method ?? 'GET',
          url: `${origin}${request.url ?? '/'}`,
          headers,
          ...(body === undefined ? {} : { body }),
        });
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
      })
      .catch(() => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('Internal error');
      });
  });
  return {
    origin,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
