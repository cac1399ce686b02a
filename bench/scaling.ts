/**
 * `npx tsx bench/scaling.ts`: whether the initial sync and the manual import scale linearly. For
 * 1k, 10k and 100k users: µs per user of the initial sync (the IdP provisions N users to the
 * Interact mock SP through the reference connector, in-process) and of the import (the IdP
 * imports N users from it), the peak RSS, and the bytes per user the mock SP holds; then the
 * per-user cost of the largest size over the smallest's, held at ≤ 1.2, and the wall time of the
 * 100k import, held under a minute. A measurement, not a gate: it exits 0 when a goal is missed,
 * and 1 only when the bench itself fails (a child crashed or printed no figures).
 *
 * Method: each size and phase runs in a child process of its own (bench/scaling-child.ts, one at
 * a time), so each peak RSS is that run's alone and no run inherits another's heap or garbage.
 * The child runs the TypeScript sources (tsx with tsconfig.tools.json's paths), so no build is
 * needed and what is measured is the tree as it is. The per-user ratio is of CPU time (user +
 * system of the child), which other processes on a shared machine disturb far less than wall
 * time; both are printed. The bytes per user are what a full collection frees when the child
 * drops its mock SP (V8 heap in use), its bounded request log emptied first.
 *
 * Knobs: `SCALING_SIZES=1000,10000` (users per size, the default 1000,10000,100000);
 * `SCALING_CPU_PROF=<dir>`: a V8 CPU profile of each timed part, as <dir>/<phase>-<users>.cpuprofile
 * (the warm-up's too, under its own size);
 * `SCALING_WARMUP=<users>`: the size of each child's thrown-away warm-up run (default 500);
 * `--json`: one JSON line of {@link ScalingFigures} at the end, for a parent to read.
 *
 * bench/run.ts can call {@link measureScaling} and {@link scalingReport} (as it does
 * bench/saml-report.ts's samlReport), or spawn this script with `--json` and parse its last line.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { int, table, verdict as met, type Verdict } from './format.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export const SCALING_PHASES = ['sync', 'import'] as const;
export type ScalingPhase = (typeof SCALING_PHASES)[number];

/** What one child measured. */
export interface PhaseFigures {
  phase: ScalingPhase;
  users: number;
  /** Wall time of the timed part, in milliseconds. */
  wallMs: number;
  /** CPU time (user + system, every thread of the process) of the timed part, in milliseconds. */
  cpuMs: number;
  /** Peak resident set size of the child, warm-up and set-up included, in bytes. */
  peakRssBytes: number;
  /**
   * V8 heap the mock SP holds per stored user, in bytes: what a full collection
   * frees when the last reference to the SP is dropped, its request log (bounded) emptied first.
   */
  spBytesPerUser: number;
  /** What the check after the timed part found wrong; empty when every user arrived. */
  problems: string[];
}

/** What the figures are held against. */
export const SCALING_GOALS = {
  /** Per-user cost of the largest size ÷ the smallest's, for the sync and for the import. */
  perUserRatio: 1.2,
  /** Wall time of the 100k-user import, in seconds. */
  import100kSeconds: 60,
} as const;

export const DEFAULT_SCALING_SIZES = [1_000, 10_000, 100_000] as const;

/** Every child's figures, by size in ascending order. */
export interface ScalingFigures {
  sizes: { users: number; sync: PhaseFigures; import: PhaseFigures }[];
}

/** `SCALING_SIZES` as a list of sizes, or the default. */
export function scalingSizes(raw = process.env.SCALING_SIZES): number[] {
  if (raw === undefined || raw.trim() === '') return [...DEFAULT_SCALING_SIZES];
  const sizes = raw.split(',').map((item) => Number(item.trim().replaceAll('_', '')));
  if (sizes.some((size) => !Number.isSafeInteger(size) || size < 1))
    throw new Error(`SCALING_SIZES is a comma list of user counts from 1, e.g. 1000,10000 (found '${raw}')`);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** Runs one phase at one size in its own node process and reads its one JSON line. */
async function runChild(phase: ScalingPhase, users: number, cpuProfDir?: string): Promise<PhaseFigures> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/scaling-child.ts', phase, String(users)],
    {
      cwd: ROOT,
      // The sources, not dist/: tsconfig.tools.json maps #harness/*, #mock-sps… to them.
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: 'tsconfig.tools.json',
        ...(cpuProfDir ? { SCALING_CHILD_PROFILE_DIR: cpuProfDir } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const stop = (): void => void child.kill('SIGKILL');
  process.once('exit', stop);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  process.off('exit', stop);
  const line = output.trim().split('\n').pop() ?? '';
  if (code !== 0)
    throw new Error(
      `bench/scaling-child.ts ${phase} ${users} exited (${code ?? signal}); see its stderr above`,
    );
  try {
    return JSON.parse(line) as PhaseFigures;
  } catch {
    throw new Error(`bench/scaling-child.ts ${phase} ${users} printed '${line}' instead of its JSON line`);
  }
}

/** Every size, each phase in its own child, one child at a time. */
export async function measureScaling(
  sizes: readonly number[] = scalingSizes(),
  options: { cpuProfDir?: string; progress?: (text: string) => void } = {},
): Promise<ScalingFigures> {
  const figures: ScalingFigures = { sizes: [] };
  for (const users of [...sizes].sort((a, b) => a - b)) {
    const byPhase = {} as Record<ScalingPhase, PhaseFigures>;
    for (const phase of SCALING_PHASES) {
      options.progress?.(`scaling: ${phase} of ${int(users)} users`);
      byPhase[phase] = await runChild(phase, users, options.cpuProfDir);
    }
    figures.sizes.push({ users, ...byPhase });
  }
  return figures;
}

const perUser = (figures: PhaseFigures, time: 'cpuMs' | 'wallMs'): number =>
  (figures[time] * 1000) / figures.users;
const mb = (bytes: number): string => `${int(bytes / 2 ** 20)} MB`;
const usersLabel = (users: number): string => (users % 1000 === 0 ? `${int(users / 1000)}k` : int(users));

/** The scaling table, the ratios beside their goals, and the checks they add to a summary. */
export function scalingReport(figures: ScalingFigures): { text: string; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const rows = [
    [
      'users',
      'sync µs/user cpu (wall)',
      'import µs/user cpu (wall)',
      'peak RSS sync / import',
      'SP bytes/user synced / seeded',
    ],
  ];
  for (const { users, sync, import: imported } of figures.sizes) {
    rows.push([
      int(users),
      `${int(perUser(sync, 'cpuMs'))} (${int(perUser(sync, 'wallMs'))})`,
      `${int(perUser(imported, 'cpuMs'))} (${int(perUser(imported, 'wallMs'))})`,
      `${mb(sync.peakRssBytes)} / ${mb(imported.peakRssBytes)}`,
      `${int(sync.spBytesPerUser)} / ${int(imported.spBytesPerUser)}`,
    ]);
  }
  const lines = [
    'scaling: Interact mock SP in-process, reference IdP and connector; each size and phase in its own process',
    table(rows),
  ];
  const smallest = figures.sizes[0];
  const largest = figures.sizes.at(-1);
  const goals = [['figure', 'value', 'goal', 'verdict']];
  if (smallest && largest && largest !== smallest) {
    for (const phase of SCALING_PHASES) {
      // The goal is the largest size over the smallest; over each size between, for reference.
      for (const base of figures.sizes.slice(0, -1)) {
        const span = `${usersLabel(largest.users)}/${usersLabel(base.users)}`;
        const ratio = perUser(largest[phase], 'cpuMs') / perUser(base[phase], 'cpuMs');
        const wall = perUser(largest[phase], 'wallMs') / perUser(base[phase], 'wallMs');
        const value = `${ratio.toFixed(2)} (${wall.toFixed(2)})`;
        if (base !== smallest) {
          goals.push([`${phase} per-user cost ${span}, cpu (wall)`, value, '(for reference)', '']);
          continue;
        }
        const pass = ratio <= SCALING_GOALS.perUserRatio;
        verdicts.push({ name: `scaling: ${phase} per-user cost ${span}`, pass });
        goals.push([
          `${phase} per-user cost ${span}, cpu (wall)`,
          value,
          `≤ ${SCALING_GOALS.perUserRatio}`,
          met(pass),
        ]);
      }
    }
  }
  const import100k = figures.sizes.find((size) => size.users === 100_000)?.import;
  if (import100k) {
    const seconds = import100k.wallMs / 1000;
    const pass = seconds < SCALING_GOALS.import100kSeconds;
    verdicts.push({ name: 'scaling: 100k import wall time', pass });
    goals.push([
      '100k import, wall',
      `${seconds.toFixed(1)} s`,
      `< ${SCALING_GOALS.import100kSeconds} s`,
      met(pass),
    ]);
  }
  if (goals.length > 1) lines.push(table(goals));
  const problems = figures.sizes.flatMap(({ sync, import: imported }) =>
    [sync, imported].flatMap((run) =>
      run.problems.map((problem) => `${run.phase} ${int(run.users)}: ${problem}`),
    ),
  );
  verdicts.push({ name: 'scaling: every user arrived', pass: problems.length === 0 });
  lines.push(
    problems.length === 0
      ? 'results: OK (every user stored and linked after the sync; every user listed and created by the import)'
      : `results: FAILED: ${problems.join('; ')}`,
  );
  return { text: lines.join('\n'), verdicts };
}

async function main(): Promise<void> {
  const sizes = scalingSizes();
  const cpuProfDir = process.env.SCALING_CPU_PROF;
  const figures = await measureScaling(sizes, {
    ...(cpuProfDir ? { cpuProfDir } : {}),
    progress: (text) => console.error(`… ${text}`),
  });
  const report = scalingReport(figures);
  console.log(report.text);
  const missed = report.verdicts.filter((item) => !item.pass);
  console.log(
    missed.length === 0
      ? `${report.verdicts.length} of ${report.verdicts.length} goals met`
      : `${missed.length} of ${report.verdicts.length} goals missed: ${missed.map((item) => item.name).join('; ')}`,
  );
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (error) {
    console.error(
      `bench scaling failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  }
}
