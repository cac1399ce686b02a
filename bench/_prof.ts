import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { measure } from './load.js';
import { benchUser, type ServerReady } from './fixtures.js';
const which = process.argv[2] ?? 'post';
const child = spawn(
  process.execPath,
  ['--cpu-prof', '--cpu-prof-dir=/tmp/bx/prof-${which}', '--import', 'tsx', 'bench/server.ts', 'mock'],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const line = await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r));
const ready = JSON.parse(line) as ServerReady;
const headers = { authorization: `Bearer ${ready.token}`, 'content-type': 'application/scim+json' };
let n = 0;
const r =
  which === 'post'
    ? await measure(
        {
          method: 'POST',
          url: `${ready.baseUrl}/Users`,
          headers,
          body: () => JSON.stringify(benchUser('p', n++)),
          expectedStatus: 201,
        },
        { seconds: 5 },
      )
    : await measure(
        {
          method: 'GET',
          url: `${ready.baseUrl}/Users?filter=${encodeURIComponent(`userName eq "${ready.sampleUserName}"`)}`,
          headers,
          expectedStatus: 200,
        },
        { seconds: 5 },
      );
console.log(which, Math.round(r.requestsPerSecond), r.unexpected);
const exited = once(child, 'exit');
child.kill('SIGTERM');
await exited;
