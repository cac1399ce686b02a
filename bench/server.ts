/**
 * Bench server child: starts one server on 127.0.0.1, pre-loads users, prints one
 * JSON line ({@link ServerReady}) on stdout, and serves until SIGTERM, SIGINT or
 * the end of stdin (so it dies with the orchestrator).
 *
 *   node --import tsx bench/server.ts mock|scimmy|hello
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startMockSp } from '../mock-sps/index.js';
import { mockSps } from '../mock-sps/registry.js';
import { seedScimmyUsers, startScimmy } from '../test/peers/scimmy.js';
import {
  SEEDED_USERS,
  SERVER_KINDS,
  benchUser,
  isServerKind,
  type ServerKind,
  type ServerReady,
} from './fixtures.js';

interface Started {
  ready: ServerReady;
  close(): Promise<void>;
}

const seedUsers = (): ReturnType<typeof benchUser>[] =>
  Array.from({ length: SEEDED_USERS }, (_, n) => benchUser('seed', n));
/** A user in the middle of the seeded batch. */
const sampleUserName = benchUser('seed', SEEDED_USERS / 2).userName;

async function start(kind: ServerKind): Promise<Started> {
  switch (kind) {
    case 'mock': {
      const running = await startMockSp(mockSps.interact);
      const users = seedUsers();
      const t0 = performance.now();
      for (const user of users) running.sp.seedUser(user);
      const seedMs = performance.now() - t0;
      return {
        ready: {
          kind,
          baseUrl: running.scimBaseUrl!,
          token: running.sp.token,
          sampleUserName,
          users: users.length,
          seedMs,
        },
        close: running.close,
      };
    }
    case 'scimmy': {
      // With a unique index on userName, as a deployment's database has (test/peers/scimmy.ts):
      // the figure is SCIMMY's, not a scan of every stored user on each request.
      const peer = await startScimmy({ indexed: true });
      const users = seedUsers();
      const t0 = performance.now();
      seedScimmyUsers(peer, users);
      const seedMs = performance.now() - t0;
      return {
        ready: {
          kind,
          baseUrl: peer.baseUrl,
          token: peer.token,
          sampleUserName,
          users: users.length,
          seedMs,
        },
        close: peer.close,
      };
    }
    case 'hello': {
      // The bare express 5 hello world, defaults untouched.
      const app = express();
      app.get('/', (_req, res) => res.send('hello'));
      const server = createServer(app);
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      return {
        ready: {
          kind,
          baseUrl: `http://127.0.0.1:${port}`,
          token: '',
          sampleUserName: '',
          users: 0,
          seedMs: 0,
        },
        close: () =>
          new Promise<void>((resolve, reject) => {
            server.closeAllConnections();
            server.close((error) => (error ? reject(error) : resolve()));
          }),
      };
    }
  }
}

const kind = process.argv[2];
if (!isServerKind(kind)) {
  console.error(`bench/server.ts: expected one of ${SERVER_KINDS.join(', ')} (found '${kind ?? ''}')`);
  process.exit(2);
}

const started = await start(kind);
let stopping = false;
// process.exit (not a signal's default action) so `--cpu-prof` can write its profile.
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  started.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
process.stdout.write(`${JSON.stringify(started.ready)}\n`);
