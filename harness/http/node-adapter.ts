/**
 * The one bridge from Node's HTTP server (and express 5 on top of it) to a
 * CoreRequest handler: the mock SPs, the reference IdP's web side and plain
 * loopback servers all use it.
 */
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type Express from 'express';
import type { Request, Response } from 'express';
import { DEFAULT_BODY_LIMIT, type CoreRequest, type CoreResponse } from './core.js';

export type CoreHandler = (request: CoreRequest) => CoreResponse | Promise<CoreResponse>;

/**
 * Reads the raw body, keeping the first `limit + 1` bytes (cutting inside a chunk if
 * need be), so the handler sees that the limit was crossed and can answer 413 itself.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      const room = limit + 1 - size;
      if (room > 0) chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
      size += chunk.length;
    });
    request.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A CoreRequest from a Node request: header names lower-cased, repeated headers joined. */
export function coreRequest(request: IncomingMessage, url: string, body: string | undefined): CoreRequest {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return { method: request.method ?? 'GET', url, headers, ...(body === undefined ? {} : { body }) };
}

/**
 * express (CommonJS), loaded when the first server starts: a run in-process, and every thread of
 * one, serves nothing over HTTP, and loading express costs about a tenth of a second.
 */
const express = (): typeof Express =>
  (loaded ??= createRequire(import.meta.url)('express') as typeof Express);
let loaded: typeof Express | undefined;

/** An express application that hands every request to `handle`; it never parses bodies itself. */
export function expressFor(handle: CoreHandler, bodyLimit = DEFAULT_BODY_LIMIT): Express.Express {
  const app = express()();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req: Request, res: Response) => {
    readBody(req, bodyLimit)
      .then(async (body) => {
        const response = await handle(coreRequest(req, req.originalUrl, body));
        if (response.dropped) {
          // Closed without a byte of answer: the client sees a reset connection.
          res.socket?.destroy();
          return;
        }
        res.status(response.status).set(response.headers);
        res.end(response.body);
      })
      .catch(() => {
        if (!res.headersSent) res.status(500);
        res.end();
      });
  });
  return app;
}
