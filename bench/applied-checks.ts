/**
 * `npm run bench:applied`: how many checks `run --scim-url URL --token T --dialect all` applies
 * (passes or fails, not "not applicable") to each peer SCIM server, per IdP dialect: the
 * protocol suite's (run once, judging the server for every IdP) plus that dialect's lifecycle
 * checks. Printed beside the goal of 150; a measurement, not a gate (exit 0 on a MISS).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../harness/cli/main.js';
import type { RunReport } from '../reports/index.js';
import type { PeerServer } from '../test/peers/index.js';

const GOAL = 150;

const PEERS: { name: string; start: () => Promise<PeerServer> }[] = [
  { name: 'SCIMMY', start: async () => (await import('../test/peers/scimmy.js')).startScimmy() },
  {
    name: 'better-auth',
    start: async () => (await import('../test/peers/better-auth.js')).startBetterAuthScim(),
  },
];

const sink = (): NodeJS.WriteStream => {
  const stream = new PassThrough();
  stream.resume();
  return stream as unknown as NodeJS.WriteStream;
};

const rows: string[][] = [];
for (const { name, start } of PEERS) {
  const peer = await start();
  const out = await mkdtemp(join(tmpdir(), 'sso-harness-applied-'));
  try {
    const args = [
      'run',
      '--scim-url',
      peer.baseUrl,
      `--token=${peer.token}`,
      '--dialect',
      'all',
      '--out',
      out,
      '--quiet',
    ];
    await main(args, { stdout: sink(), stderr: sink(), cwd: out });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    const applied = report.results.filter((r) => r.status === 'passed' || r.status === 'failed');
    const once = applied.filter((r) => r.dialect === undefined).length;
    const dialects = [
      ...new Set(report.results.flatMap((r) => (r.dialect === undefined ? [] : [r.dialect]))),
    ];
    for (const dialect of dialects) {
      const lifecycle = applied.filter((r) => r.dialect === dialect).length;
      const total = once + lifecycle;
      rows.push([
        name,
        dialect,
        String(once),
        String(lifecycle),
        String(total),
        total >= GOAL ? 'ok' : 'MISS',
      ]);
    }
  } finally {
    await peer.close();
    await rm(out, { recursive: true, force: true });
  }
}

const head = ['server', 'dialect', 'protocol', 'lifecycle', `applied (goal ≥ ${GOAL})`, ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const row of [head, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
