/**
 * Serves the reference IdP's web side over real HTTP with express 5 (the pattern of
 * mock-sps/adapters/express.ts): the adapter only collects the raw body; the core
 * parses forms, cookies and queries itself.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type express from 'express';
import { expressFor } from '#harness/http';
import { DEFAULT_BODY_LIMIT } from '#harness/http';
import type { ReferenceIdp } from '../reference-idp.js';
import { IdpWeb, type IdpWebOptions } from './idp-web.js';

/** An express application that hands every request to `web`. */
export function expressIdp(web: IdpWeb, bodyLimit = DEFAULT_BODY_LIMIT): express.Express {
  return expressFor((request) => web.handle(request), bodyLimit);
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
