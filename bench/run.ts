/**
 * `npm run bench`: requests/s of the Interact mock SP and of SCIMMY on the same
 * SCIM workloads, of a bare express 5 hello world, the wall time of the default
 * CLI run, and the SAML figures (IdP signatures/s, ACS validations/s, bench/saml.ts),
 * each beside its goal. A measurement, not a gate: it exits 0 when a goal is missed, and 1
 * only when the bench itself fails. See bench/README.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { benchUser, type ServerKind, type ServerReady } from './fixtures.js';
import { int, table, verdict, type Verdict } from './format.js';
import { LOAD_DEFAULTS, measure, type LoadOptions, type LoadResult, type Workload } from './load.js';
import { samlReport } from './saml-report.js';
import { measureScaling, scalingReport, type ScalingFigures } from './scaling.js';
import type { SamlFigures } from './saml.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCIM_CONTENT_TYPE = 'application/scim+json';

/** What each figure is held against. */
const TARGETS = {
  /** mock SP req/s ÷ SCIMMY req/s, per workload. */
  mockOverScimmy: 4,
  /** mock SP req/s ÷ express hello-world req/s, per workload. */
  mockOverHello: 0.5,
  /** Median wall time of the default `run`, in seconds. */
  defaultRunSeconds: 3,
} as const;
const DEFAULT_RUNS = 5;

const LOAD: LoadOptions = {
  ...LOAD_DEFAULTS,
  ...(process.env.BENCH_SECONDS ? { seconds: Number(process.env.BENCH_SECONDS) } : {}),
};
/** Set to a directory to write V8 CPU profiles of each child under `<dir>/<kind>/` (`<dir>/saml/` for SAML). */
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;

// ── Server children ──────────────────────────────────────────────────────────

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(130);
  });
}

const hasExited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

interface RunningServer {
  ready: ServerReady;
  stop(): Promise<void>;
}

function profileFlags(kind: string): string[] {
  return CPU_PROF_DIR
    ? // No --cpu-prof-name: tsx's loader thread writes a profile too and would overwrite the main one.
      ['--cpu-prof', `--cpu-prof-dir=${join(CPU_PROF_DIR, kind)}`]
    : [];
}

/** Spawns `bench/server.ts <kind>` in its own node process and waits for its ready line. */
async function startServer(kind: ServerKind): Promise<RunningServer> {
  const child = spawn(process.execPath, [...profileFlags(kind), '--import', 'tsx', 'bench/server.ts', kind], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench server '${kind}' not ready after 60 s`)), 60_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(line) as ServerReady);
      } catch {
        reject(new Error(`bench server '${kind}' printed '${line}' instead of its JSON ready line`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `bench server '${kind}' exited (${code ?? signal}) before it was ready; see its stderr above`,
        ),
      );
    });
    child.once('error', reject);
  });
  lines.on('line', (line) => console.error(`[${kind}] ${line}`));
  return {
    ready,
    async stop() {
      if (hasExited(child)) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function withServer<T>(kind: ServerKind, use: (ready: ServerReady) => Promise<T>): Promise<T> {
  const server = await startServer(kind);
  try {
    return await use(server.ready);
  } finally {
    await server.stop();
  }
}

// ── Workloads ────────────────────────────────────────────────────────────────

interface ScimFigures {
  seedMs: number;
  /** Problems the one-request check before the load found; empty when none. */
  preflight: string[];
  post: LoadResult;
  get: LoadResult;
}

function scimWorkloads(ready: ServerReady): { get: Workload; post: Workload } {
  const headers = { authorization: `Bearer ${ready.token}`, 'content-type': SCIM_CONTENT_TYPE };
  const filter = encodeURIComponent(`userName eq "${ready.sampleUserName}"`);
  let n = 0;
  return {
    get: { method: 'GET', url: `${ready.baseUrl}/Users?filter=${filter}`, headers, expectedStatus: 200 },
    post: {
      method: 'POST',
      url: `${ready.baseUrl}/Users`,
      headers,
      // A fresh userName per request, so every POST is a real create, never a 409.
      body: () => JSON.stringify(benchUser(`load-${ready.kind}`, n++)),
      expectedStatus: 201,
    },
  };
}

/** One request of each workload, checked beyond its status: the filter finds exactly the sample user. */
async function preflight(
  ready: ServerReady,
  workloads: { get: Workload; post: Workload },
): Promise<string[]> {
  const problems: string[] = [];
  const got = await fetch(workloads.get.url, { headers: workloads.get.headers });
  const list = (await got.json()) as { totalResults?: number; Resources?: { userName?: string }[] };
  if (got.status !== 200 || list.totalResults !== 1 || list.Resources?.[0]?.userName !== ready.sampleUserName)
    problems.push(
      `GET filter answered ${got.status} with totalResults ${String(list.totalResults)} (expected 200 with the one user '${ready.sampleUserName}')`,
    );
  const posted = await fetch(workloads.post.url, {
    method: 'POST',
    headers: workloads.post.headers,
    body: JSON.stringify(benchUser(`preflight-${ready.kind}`, 0)),
  });
  await posted.arrayBuffer();
  if (posted.status !== 201) problems.push(`POST answered ${posted.status} (expected 201)`);
  return problems;
}

/** GET first, so it runs against exactly the pre-loaded users; then POST. */
async function measureScim(ready: ServerReady): Promise<ScimFigures> {
  const workloads = scimWorkloads(ready);
  const problems = await preflight(ready, workloads);
  const get = await measure(workloads.get, LOAD);
  const post = await measure(workloads.post, LOAD);
  return { seedMs: ready.seedMs, preflight: problems, get, post };
}

function measureHello(ready: ServerReady): Promise<LoadResult> {
  return measure({ method: 'GET', url: `${ready.baseUrl}/`, headers: {}, expectedStatus: 200 }, LOAD);
}

interface WallTime {
  seconds: number[];
  median: number;
  exitCodes: (number | null)[];
}

/** Wall time of `node dist/harness/cli/bin.js run --out <tmp> --quiet`, `runs` times. */
function defaultRunWallTime(runs: number): WallTime {
  const seconds: number[] = [];
  const exitCodes: (number | null)[] = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpdir(), 'sso-harness-bench-'));
    try {
      const start = process.hrtime.bigint();
      const result = spawnSync(
        process.execPath,
        ['dist/harness/cli/bin.js', 'run', '--out', out, '--quiet'],
        {
          cwd: ROOT,
          stdio: 'pipe',
        },
      );
      seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
      if (result.error) throw result.error;
      exitCodes.push(result.status);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  return { seconds, median: sorted[Math.floor(sorted.length / 2)]!, exitCodes };
}

/** Runs `bench/saml.ts` in its own node process (nothing else running) and reads its one JSON line. */
async function measureSaml(): Promise<SamlFigures> {
  const child = spawn(process.execPath, [...profileFlags('saml'), '--import', 'tsx', 'bench/saml.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  const line = output.trim().split('\n').pop() ?? '';
  if (code !== 0) throw new Error(`bench/saml.ts exited (${code ?? signal}); see its stderr above`);
  try {
    return JSON.parse(line) as SamlFigures;
  } catch {
    throw new Error(`bench/saml.ts printed '${line}' instead of its JSON line`);
  }
}

// ── Report ───────────────────────────────────────────────────────────────────

function statusList(result: LoadResult): string {
  return Object.entries(result.statusCounts)
    .map(([status, count]) => `${status}×${int(count)}`)
    .join(' ');
}

function report(
  mock: ScimFigures,
  scimmy: ScimFigures,
  hello: LoadResult,
  wall: WallTime,
  saml: SamlFigures,
  scaling: ScalingFigures,
): void {
  const verdicts: Verdict[] = [];
  const rows = [
    [
      'workload',
      'mock SP req/s',
      'SCIMMY req/s',
      `mock/SCIMMY (≥ ${TARGETS.mockOverScimmy}x)`,
      `mock/hello (≥ ${TARGETS.mockOverHello})`,
    ],
  ];
  for (const [label, key] of [
    ['POST /Users (unique userName)', 'post'],
    ['GET /Users?filter=userName eq "…"', 'get'],
  ] as const) {
    const vsScimmy = mock[key].requestsPerSecond / scimmy[key].requestsPerSecond;
    const vsHello = mock[key].requestsPerSecond / hello.requestsPerSecond;
    const scimmyPass = vsScimmy >= TARGETS.mockOverScimmy;
    const helloPass = vsHello >= TARGETS.mockOverHello;
    verdicts.push(
      { name: `${label} mock/SCIMMY`, pass: scimmyPass },
      { name: `${label} mock/hello`, pass: helloPass },
    );
    rows.push([
      label,
      int(mock[key].requestsPerSecond),
      int(scimmy[key].requestsPerSecond),
      `${vsScimmy.toFixed(2)}x ${verdict(scimmyPass)}`,
      `${vsHello.toFixed(2)} ${verdict(helloPass)}`,
    ]);
  }
  rows.push(['GET / (express 5 hello world)', `${int(hello.requestsPerSecond)} (hello)`, '', '', '']);
  console.log(`\n${table(rows)}`);

  const wallPass = wall.median <= TARGETS.defaultRunSeconds;
  verdicts.push({ name: 'default run wall time', pass: wallPass });
  console.log(
    `\ndefault run (node dist/harness/cli/bin.js run --out <tmp> --quiet), median of ${wall.seconds.length}: ` +
      `${wall.median.toFixed(2)} s (goal ≤ ${TARGETS.defaultRunSeconds} s) ${verdict(wallPass)}`,
  );
  console.log(
    `  runs: ${wall.seconds.map((s) => `${s.toFixed(2)} s`).join(', ')}; exit codes: ${wall.exitCodes.join(', ')}`,
  );

  console.log('\nload correctness (warm-up + measured; POST must answer 201, GET 200):');
  const checks = [
    [
      'workload',
      'server',
      'responses',
      'non-2xx',
      'not expected',
      'conn. errors',
      'statuses',
      'p50 / p99 ms',
    ],
  ];
  const add = (label: string, server: string, result: LoadResult): void => {
    verdicts.push({
      name: `${label} on ${server}: correct statuses`,
      pass: result.unexpected === 0 && result.errors === 0,
    });
    checks.push([
      label,
      server,
      int(result.responses),
      int(result.non2xx),
      int(result.unexpected),
      int(result.errors),
      statusList(result),
      `${result.latencyP50Ms} / ${result.latencyP99Ms}`,
    ]);
  };
  for (const [server, figures] of [
    ['mock SP', mock],
    ['SCIMMY', scimmy],
  ] as const) {
    add('POST /Users', server, figures.post);
    add('GET /Users?filter', server, figures.get);
  }
  add('GET /', 'hello', hello);
  console.log(table(checks));
  for (const [server, figures] of [
    ['mock SP', mock],
    ['SCIMMY', scimmy],
  ] as const) {
    const ok = figures.preflight.length === 0;
    verdicts.push({ name: `${server} preflight`, pass: ok });
    console.log(
      `preflight ${server}: ${ok ? 'OK (filter finds exactly the sample user; POST answers 201)' : `FAILED: ${figures.preflight.join('; ')}`}` +
        ` — ${int(figures.seedMs)} ms to pre-load the users`,
    );
  }

  const samlPart = samlReport(saml);
  verdicts.push(...samlPart.verdicts);
  console.log(`\n${samlPart.text}`);

  const scalingPart = scalingReport(scaling);
  verdicts.push(...scalingPart.verdicts);
  console.log(`\n${scalingPart.text}`);

  const missed = verdicts.filter((item) => !item.pass);
  console.log(
    missed.length === 0
      ? `\nall ${verdicts.length} goals met`
      : `\n*** ${missed.length} of ${verdicts.length} goals MISSED ***\n${missed.map((item) => `  MISSED  ${item.name}`).join('\n')}`,
  );
}

// ── Main ─────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  console.log(
    `sso-harness bench — Node ${process.version}, ${cpu}, ${availableParallelism()} cores (${platform()} ${arch()})`,
  );
  console.log(
    `autocannon on 127.0.0.1, each server in its own process: ${LOAD.connections} connections, pipelining ${LOAD.pipelining}, ` +
      `${LOAD.warmupSeconds} s warm-up + ${LOAD.seconds} s measured per workload`,
  );
  console.log(`load average at start (1/5/15 min): ${formatLoad()}`);
  const step = (text: string): void => {
    console.error(`… ${text}`);
  };
  step('mock SP (interact): pre-loading users, then GET filter and POST');
  const mock = await withServer('mock', measureScim);
  step('SCIMMY: pre-loading users, then GET filter and POST');
  const scimmy = await withServer('scimmy', measureScim);
  step('express hello world: GET /');
  const hello = await withServer('hello', measureHello);
  step(`default CLI run × ${DEFAULT_RUNS}`);
  const wall = defaultRunWallTime(DEFAULT_RUNS);
  step('SAML in-process: IdP signing and ACS validation beside node:crypto, xml-crypto and node-saml');
  const saml = await measureSaml();
  step('scaling: initial sync and import at each size, each in its own process (SCALING_SIZES to choose)');
  const scaling = await measureScaling(undefined, { progress: step });
  report(mock, scimmy, hello, wall, saml, scaling);
  console.log(
    `load average at end (1/5/15 min): ${formatLoad()} — anything else running competes for the ${availableParallelism()} cores; rerun when it is near 0`,
  );
}

function formatLoad(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  for (const child of children) child.kill('SIGKILL');
}
