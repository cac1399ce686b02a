/**
 * `npm run bench`: requests/s of the Interact mock SP and of SCIMMY on the same
 * SCIM workloads, of a bare express 5 hello world, the wall time of the default
 * CLI run, and the SAML figures (IdP signatures/s, ACS validations/s, bench/saml.ts),
 * each beside its goal. A measurement, not a gate: it exits 0 when a goal is missed, and 1
 * only when the bench itself fails. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { arch, availableParallelism, cpus, loadavg, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchUser, type ServerReady } from './fixtures.js';
import { int, table, verdict, type Verdict } from './format.js';
import {
  combineRounds,
  LOAD_DEFAULTS,
  measure,
  type LoadOptions,
  type LoadResult,
  type Workload,
} from './load.js';
import { samlReport } from './saml-report.js';
import { measureScaling, scalingReport, type ScalingFigures } from './scaling.js';
import type { SamlFigures } from './saml.js';
import { killChildren, measureSaml, startServer, type RunningServer } from './servers.js';

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

/**
 * The measured seconds of each workload are split into this many rounds, the servers taking
 * turns (in another order each round): this machine's speed drifts by a third within minutes, and
 * a ratio of two figures measured one after the other measured the drift as much as the servers.
 */
const ROUNDS = 5;

/** Every round of `measureOne` for each server in turn, then each server's rounds as one result. */
async function inTurns<K extends string>(
  kinds: readonly K[],
  measureOne: (kind: K, options: LoadOptions) => Promise<LoadResult>,
): Promise<Record<K, LoadResult>> {
  const rounds = new Map<K, LoadResult[]>(kinds.map((kind) => [kind, []]));
  const seconds = (LOAD.seconds ?? LOAD_DEFAULTS.seconds) / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? kinds : [...kinds].reverse();
    for (const kind of order) {
      // Each server's workload warms up once, before its first round.
      const options = { ...LOAD, seconds, ...(round === 0 ? {} : { warmupSeconds: 0 }) };
      rounds.get(kind)!.push(await measureOne(kind, options));
    }
  }
  return Object.fromEntries(kinds.map((kind) => [kind, combineRounds(rounds.get(kind)!)])) as Record<
    K,
    LoadResult
  >;
}

/**
 * The mock SP, SCIMMY and express hello world, all running, measured in turns: every GET round
 * first, so GET runs against exactly the pre-loaded users, then every POST round.
 */
async function measureServers(
  servers: Record<'mock' | 'scimmy' | 'hello', ServerReady>,
): Promise<{ mock: ScimFigures; scimmy: ScimFigures; hello: LoadResult }> {
  const scim = { mock: scimWorkloads(servers.mock), scimmy: scimWorkloads(servers.scimmy) };
  const problems = {
    mock: await preflight(servers.mock, scim.mock),
    scimmy: await preflight(servers.scimmy, scim.scimmy),
  };
  const hello: Workload = {
    method: 'GET',
    url: `${servers.hello.baseUrl}/`,
    headers: {},
    expectedStatus: 200,
  };
  const kinds = ['mock', 'scimmy', 'hello'] as const;
  const get = await inTurns(kinds, (kind, options) =>
    measure(kind === 'hello' ? hello : scim[kind].get, options),
  );
  const post = await inTurns(['mock', 'scimmy'] as const, (kind, options) =>
    measure(scim[kind].post, options),
  );
  const figures = (kind: 'mock' | 'scimmy'): ScimFigures => ({
    seedMs: servers[kind].seedMs,
    preflight: problems[kind],
    get: get[kind],
    post: post[kind],
  });
  return { mock: figures('mock'), scimmy: figures('scimmy'), hello: get.hello };
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
  step(
    `mock SP (interact), SCIMMY and express hello world: pre-loading users, then GET filter and POST in ${ROUNDS} rounds, the servers taking turns`,
  );
  const started: RunningServer[] = [];
  let measured: Awaited<ReturnType<typeof measureServers>>;
  try {
    for (const kind of ['mock', 'scimmy', 'hello'] as const) started.push(await startServer(kind));
    const [mockReady, scimmyReady, helloReady] = started.map((server) => server.ready);
    measured = await measureServers({ mock: mockReady!, scimmy: scimmyReady!, hello: helloReady! });
  } finally {
    for (const server of started) await server.stop();
  }
  const { mock, scimmy, hello } = measured;
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
  killChildren();
}
