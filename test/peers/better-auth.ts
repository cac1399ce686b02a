/**
 * better-auth peer: a `betterAuth` instance with the `@better-auth/scim`
 * plugin on the in-memory adapter, served by express through `toNodeHandler`.
 *
 * The installed plugin authenticates SCIM clients with code-defined
 * connections and static bearer credentials (`connections[].credentials`), so
 * no user, session, organization or token-generation endpoint is needed.
 * @see RFC 7644 §2
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { toNodeHandler } from 'better-auth/node';
import { scim } from '@better-auth/scim';
import { listenOnLoopback, type PeerServer } from './index.js';

/** Where better-auth mounts its routes; the plugin serves SCIM at `${AUTH_BASE_PATH}/scim/v2`. */
const AUTH_BASE_PATH = '/api/auth';

/** Starts a better-auth SCIM peer at `http://127.0.0.1:PORT/api/auth/scim/v2` with a random bearer token. */
export async function startBetterAuthScim(): Promise<PeerServer> {
  const token = randomBytes(24).toString('base64url');
  // The memory adapter reads `db[model]` and logs + throws for a missing table, so every table is created below.
  const db: Record<string, unknown[]> = {};
  // Listen first: better-auth wants its absolute base URL up front, and that includes the port.
  const loopback = await listenOnLoopback();

  const auth = betterAuth({
    baseURL: `${loopback.origin}${AUTH_BASE_PATH}`,
    basePath: AUTH_BASE_PATH,
    secret: randomBytes(32).toString('hex'),
    database: memoryAdapter(db),
    logger: { disabled: true },
    telemetry: { enabled: false },
    // Peers are driven by a test suite that sends far more requests than a login form.
    rateLimit: { enabled: false },
    plugins: [
      scim({
        connections: [
          { id: 'sso-harness', credentials: [{ type: 'bearer', id: 'sso-harness-token', token }] },
        ],
      }),
    ],
  });

  const context = await auth.$context;
  for (const table of Object.values(context.tables)) db[table.modelName] ??= [];

  const app = express();
  app.disable('x-powered-by');
  // No body parser in front: better-auth reads the raw request stream itself.
  app.all(`${AUTH_BASE_PATH}/*splat`, toNodeHandler(auth));
  loopback.server.on('request', app);

  return {
    name: 'better-auth-scim',
    baseUrl: `${loopback.origin}${AUTH_BASE_PATH}/scim/v2`,
    token,
    close: loopback.close,
  };
}
