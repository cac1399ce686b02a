/**
 * Third-party SCIM servers ("peers") started in-process on loopback, so the
 * `scim-protocol` suite can be pointed at SCIM implementations nobody here wrote.
 *
 * The peer modules are loaded with dynamic `import()` so this barrel still loads
 * when a peer's npm packages are absent; see {@link loadPeer}.
 */
import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { REQUIRE_PEERS_ENV } from '../support/tools.js';

// ── Types ────────────────────────────────────────────────────────────────────

/** A running peer SCIM server. @see RFC 7644 §3 */
export interface PeerServer {
  /** Which implementation this is. */
  name: 'scimmy' | 'better-auth-scim';
  /** SCIM base URL, e.g. http://127.0.0.1:PORT/scim/v2 — /Users, /Groups, /ServiceProviderConfig hang off it. */
  baseUrl: string;
  /** A bearer token the server accepts. @see RFC 6750 §2.1 */
  token: string;
  /** Stops the server and drops its in-memory state. */
  close(): Promise<void>;
}

// ── Starters ─────────────────────────────────────────────────────────────────

/** Starts SCIMMY + scimmy-routers with an in-memory store. Needs `scimmy` and `scimmy-routers`. */
export async function startScimmy(): Promise<PeerServer> {
  const { startScimmy: start } = await import('./scimmy.js');
  return start();
}

/** Starts better-auth with its SCIM plugin on the memory adapter. Needs `better-auth` and `@better-auth/scim`. */
export async function startBetterAuthScim(): Promise<PeerServer> {
  const { startBetterAuthScim: start } = await import('./better-auth.js');
  return start();
}

// ── Helpers ──────────────────────────────────────────────────────────────────

export { REQUIRE_PEERS_ENV };

/**
 * Runs `load` (a dynamic import) and returns its result, or `undefined` after a
 * loud warning when an npm package it needs is not installed — unless
 * `SSO_HARNESS_REQUIRE_PEERS=1`, in which case the error is rethrown. Any other
 * error (a bug in the peer module itself) is always rethrown.
 * @param name the npm package(s) the peer needs, space-separated, for the install hint.
 */
export async function loadPeer<T>(name: string, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (!isMissingModule(error) || process.env[REQUIRE_PEERS_ENV] === '1') throw error;
    console.warn(
      [
        '',
        '!'.repeat(78),
        `!! Peer SCIM server skipped: npm package(s) "${name}" not installed.`,
        `!! ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
        `!! Install with: npm install --save-dev ${name}`,
        `!! Set ${REQUIRE_PEERS_ENV}=1 to make this a failure instead of a skip.`,
        '!'.repeat(78),
      ].join('\n'),
    );
    return undefined;
  }
}

/** True for a bare package specifier that did not resolve; a missing relative file is a bug, not a skip. */
function isMissingModule(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as NodeJS.ErrnoException;
  const missing = /Cannot find (?:package|module) '([^']+)'/.exec(error.message)?.[1];
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    missing !== undefined &&
    !/^[./]/.test(missing)
  );
}

/** A server listening on 127.0.0.1 on an ephemeral port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:0 and resolves once bound. The listener can be attached
 * later with `server.on('request', …)` when it needs the origin to be built.
 */
export async function listenOnLoopback(listener?: RequestListener): Promise<LoopbackServer> {
  const server = createServer(listener);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets left open by fetch would otherwise hold close() up.
        server.closeAllConnections();
      }),
  };
}
