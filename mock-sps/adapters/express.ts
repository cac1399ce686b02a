/**
 * Serves a mock SP over real HTTP: on its own port through Node's HTTP server (startMockSp), or
 * as an express 5 application to mount in the user's own (expressApp).
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import type express from 'express';
import { answerClientErrors, expressFor, nodeListener } from '#harness/http';
import { ScimError } from '#harness/scim';
import { scimErrorResponse } from '../core/scim/wire.js';
import { DEFAULT_BODY_LIMIT } from '../core/http.js';
import { MockSp, type MockSpOptions } from '../core/mock-sp.js';
import type { SpProfile } from '../core/profile.js';

/**
 * An express application that hands every request to `sp`. It reads up to `bodyLimit` bytes of a
 * body (one more, so the SP sees that its limit was crossed and answers 413 itself).
 * @param bodyLimit @default the larger of the SP's SCIM limit and DEFAULT_BODY_LIMIT (its SAML endpoints')
 */
export function expressApp(
  sp: MockSp,
  bodyLimit = Math.max(sp.bodyLimit, DEFAULT_BODY_LIMIT),
): express.Express {
  return expressFor((request) => sp.handleAsync(request), bodyLimit);
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
  // What Node refuses before express runs is answered as the SP answers: a SCIM Error.
  answerClientErrors(server, (status, detail) => scimErrorResponse(new ScimError(status, undefined, detail)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const sp = new MockSp(profile, { ...options, origin });
  // Served by Node directly rather than through expressApp: the same answers, at about twice
  // the requests per second (decision 0035).
  server.on(
    'request',
    nodeListener(
      (request) => sp.handleAsync(request),
      options.bodyLimit ?? Math.max(sp.bodyLimit, DEFAULT_BODY_LIMIT),
    ),
  );
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
