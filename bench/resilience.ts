/**
 * `npm run bench:resilience`: the resilience suite at scale, through the built CLI as a user runs
 * it. The reference connector's initial sync of `BENCH_SCALE` users (default 10,000) under the
 * default chaos, judged per app: 0 lost, 0 duplicated, memberships converged, retries within
 * budget, Retry-After honoured; and a connector that re-sends creates without a lookup
 * (examples/connector-module/broken/no-lookup.ts) at the same scale, which must be caught.
 * Each figure is printed beside its goal with PASS or MISS; it exits 1 only when the bench fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '#reports';
import { int, table, verdict } from './format.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCALE = Number(process.env.BENCH_SCALE ?? 10_000);
const CHECKS = [
  'no-user-lost',
  'no-duplicates',
  'memberships-converged',
  'retry-after-honoured',
  'retry-budget',
] as const;

/** Runs the CLI's resilience suite; its report and wall time. */
function run(extra: readonly string[]): { report: RunReport; seconds: number } {
  const out = mkdtempSync(join(tmpdir(), 'bench-resilience-'));
  try {
    const started = process.hrtime.bigint();
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'dist/harness/cli/bin.js',
        'run',
        '--suite',
        'resilience',
        '--scale',
        String(SCALE),
        ...extra,
        '--out',
        out,
        '--reporter',
        'json',
        '--quiet',
      ],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.status !== 0 && child.status !== 1)
      throw new Error(`the run exited ${child.status}: ${child.stderr}`);
    return { report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as RunReport, seconds };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Per app: each check's status, and the figures of the sync (from the no-user-lost note). */
function byApp(report: RunReport): Map<string, Map<string, string>> {
  const apps = new Map<string, Map<string, string>>();
  for (const result of report.results) {
    if (result.status === 'not-applicable' && result.reason?.includes('no SCIM service')) continue;
    const checks = apps.get(result.sp) ?? new Map<string, string>();
    checks.set(result.scenario.replace('resilience/', ''), result.status);
    apps.set(result.sp, checks);
  }
  return apps;
}

function main(): number {
  console.log(`resilience at scale: ${int(SCALE)} users per app, default chaos, reference connector`);
  const good = run([]);
  const rows = [['app', ...CHECKS, 'goal', 'verdict']];
  let allMet = true;
  for (const [app, checks] of byApp(good.report)) {
    const met = CHECKS.every((check) => ['passed', 'not-applicable'].includes(checks.get(check) ?? ''));
    allMet &&= met;
    rows.push([app, ...CHECKS.map((check) => checks.get(check) ?? '-'), 'all passed', verdict(met)]);
  }
  console.log(table(rows));
  const sync = good.report.results.find(
    (r) => r.scenario === 'resilience/no-user-lost' && r.status === 'passed',
  );
  if (sync) console.log(`e.g. ${sync.sp}: ${sync.message}`);
  console.log(`wall time ${good.seconds.toFixed(1)} s for ${byApp(good.report).size} apps\n`);

  console.log(
    'a connector that re-sends creates without a lookup (examples/connector-module/broken/no-lookup.ts)',
  );
  const blind = run(['--connector', 'examples/connector-module/broken/no-lookup.ts']);
  const caught = blind.report.results.filter(
    (r) => r.status === 'failed' && r.scenario === 'resilience/no-duplicates',
  );
  const apps = byApp(blind.report).size;
  console.log(
    table([
      ['figure', 'value', 'goal', 'verdict'],
      [
        'apps where no-duplicates fails',
        `${caught.length} of ${apps}`,
        `${apps} of ${apps}`,
        verdict(caught.length === apps),
      ],
    ]),
  );
  console.log(`wall time ${blind.seconds.toFixed(1)} s`);
  console.log(allMet && caught.length === apps ? '\nall goals met' : '\nsome goals missed');
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`bench:resilience failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
