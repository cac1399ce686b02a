/**
 * Serves a mock SP over real HTTP with express 5.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express, { type Request, type Response } from 'express';
import { DEFAULT_BODY_LIMIT } from '../core/http.js';
import { MockSp, type MockSpOptions } from '../core/mock-sp.js';
import type { SpProfile } from '../core/profile.js';

/** Reads the raw body up to `limit + 1` bytes, so the core can answer 413 itself. */
function readBody(req: Request, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      // Keep the first limit + 1 bytes, cutting inside a chunk if need be: dropping the chunk
      // that crosses the limit would hand the core a short (even empty) body and no 413.
      const room = limit + 1 - size;
      if (room > 0) chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
      size += chunk.length;
    });
    req.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An express application that hands every request to `sp`. */
export function expressApp(sp: MockSp, bodyLimit = DEFAULT_BODY_LIMIT): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req: Request, res: Response) => {
    readBody(req, bodyLimit)
      .then(
        async (body) => {
          const headers: Record<string, string> = {};
          for (const [key, value] of Object.entries(req.headers)) {
            if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
          }
          const response = await sp.handleAsync({
            method: req.method,
            url: req.originalUrl,
            headers,
            ...(body === undefined ? {} : { body }),
          });
          res.status(response.status).set(response.headers);
          res.end(response.body);
        },
        () => {
          res.status(400).end();
        },
      )
      .catch(() => {
        if (!res.headersSent) res.status(500).end();
      });
  });
  return app;
}

export interface RunningMockSp {
  sp: MockSp;
  /** e.g. http://127.0.0.1:53211 */
  origin: string;
  /** The SCIM base URL, when the SP has SCIM. */
  scimBaseUrl: string | undefined;
  close(): Promise<void>;
}

/** Starts a mock SP on 127.0.0.1 on an ephemeral port. */
export async function startMockSp(
  profile: SpProfile,
  options: Omit<MockSpOptions, 'origin'> = {},
): Promise<RunningMockSp> {
  // The SP needs its origin (for meta.location) before it exists, so listen first.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const sp = new MockSp(profile, { ...options, origin });
  server.on('request', expressApp(sp, options.bodyLimit));
  return {
    sp,
    origin,
    scimBaseUrl: sp.scimBaseUrl,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
