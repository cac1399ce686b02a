import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { measure, type Workload } from './load.js';
import { benchUser, type ServerReady } from './fixtures.js';
const kind = process.argv[2] as 'mock' | 'hello';
const which = process.argv[3] ?? 'get';
const child = spawn(process.execPath, ['--import', 'tsx', 'bench/server.ts', kind], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
const line = await new Promise<string>((r) => createInterface({ input: child.stdout }).once('line', r));
const ready = JSON.parse(line) as ServerReady;
const headers = { authorization: `Bearer ${ready.token}`, 'content-type': 'application/scim+json' };
let n = 0;
const w: Workload =
  kind === 'hello'
    ? { method: 'GET', url: ready.baseUrl + '/', headers: {}, expectedStatus: 200 }
    : which === 'post'
      ? {
          method: 'POST',
          url: `${ready.baseUrl}/Users`,
          headers,
          body: () => JSON.stringify(benchUser('p', n++)),
          expectedStatus: 201,
        }
      : {
          method: 'GET',
          url: `${ready.baseUrl}/Users?filter=${encodeURIComponent(`userName eq "${ready.sampleUserName}"`)}`,
          headers,
          expectedStatus: 200,
        };
const ticks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]);
};
await measure(w, { warmupSeconds: 1, seconds: 1 });
const c0 = ticks(child.pid!),
  p0 = process.cpuUsage(),
  t0 = Date.now();
const r = await measure(w, { warmupSeconds: 0.1 as number, seconds: 5 });
const secs = (Date.now() - t0) / 1000;
const pc = process.cpuUsage(p0);
console.log(
  kind,
  which,
  'rps',
  Math.round(r.requestsPerSecond),
  'server cpu',
  (((ticks(child.pid!) - c0) / 100 / secs) * 100).toFixed(0) + '%',
  'autocannon cpu',
  (((pc.user + pc.system) / 1e6 / secs) * 100).toFixed(0) + '%',
);
const exited = once(child, 'exit');
child.kill('SIGTERM');
await exited;
