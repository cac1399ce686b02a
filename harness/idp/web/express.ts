/**
 * Serves the reference IdP's web side over real HTTP with express 5 (the pattern of
 * mock-sps/adapters/express.ts): the adapter only collects the raw body; the core
 * parses forms, cookies and queries itself.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import express, { type Request, type Response } from 'express';
import { DEFAULT_BODY_LIMIT } from '../../http/core.js';
import type { ReferenceIdp } from '../reference-idp.js';
import { IdpWeb, type IdpWebOptions } from './idp-web.js';

/** Reads the raw body up to `limit + 1` bytes, so the core can answer 413 itself. */
function readBody(req: Request, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      const room = limit + 1 - size;
      if (room > 0) chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
      size += chunk.length;
    });
    req.on('end', () => resolve(size === 0 ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** An express application that hands every request to `web`. */
export function expressIdp(web: IdpWeb, bodyLimit = DEFAULT_BODY_LIMIT): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req: Request, res: Response) => {
    readBody(req, bodyLimit)
      .then(async (body) => {
        const headers: Record<string, string> = {};
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        const response = await web.handle({
          method: req.method,
          url: req.originalUrl,
          headers,
          ...(body === undefined ? {} : { body }),
        });
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

/** An express application serving a new IdpWeb for `idp` (the contract's name for `expressIdp(new IdpWeb(…))`). */
export function createIdpWeb(idp: ReferenceIdp, options: IdpWebOptions): express.Express {
  return expressIdp(new IdpWeb(idp, options), options.bodyLimit);
}

/** An IdpWeb listening on 127.0.0.1; `close` stops it. */
export interface RunningIdpWeb {
  web: IdpWeb;
  /** e.g. http://127.0.0.1:53211 */
  origin: string;
  /** Equal to `origin`: the IdP is served at the root. */
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts the IdP's web side on 127.0.0.1 on an ephemeral port. */
export async function startIdpWeb(
  idp: ReferenceIdp,
  options: Omit<IdpWebOptions, 'baseUrl'> = {},
): Promise<RunningIdpWeb> {
  // The SSO URLs need the origin before the IdpWeb exists, so listen first.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const web = new IdpWeb(idp, { ...options, baseUrl: origin });
  server.on('request', expressIdp(web, options.bodyLimit));
  return {
    web,
    origin,
    baseUrl: origin,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
