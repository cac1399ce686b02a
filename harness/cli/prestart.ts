/**
 * Starts a run's other threads as the process starts, before the command line's own modules
 * load: each thread loads its modules (about 0.7 s) while this one loads its own, instead of
 * after. Only for a run that looks like it will want them (a whole run on the mock SPs); `run`
 * decides once it has read its options, and stops those it does not use (run-threads.ts).
 * Light on purpose: it imports nothing of the harness.
 */
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The most threads a run uses, however many cores the machine has. */
export const MAX_THREADS = 4;

/** Flags after which the run is not a whole run on the mock SPs, or not one to share. */
const NARROWING =
  /^--(sp|suite|scim-url|sp-metadata|connector|connector-url|record|compare|shard|config|help)(=|$)|^-h$/;

let started: Worker[] = [];

/** The other threads `--jobs` (or the machine) asks for: threads in all, minus this one. */
export function otherThreads(jobs: string | undefined): number {
  const wanted = jobs === undefined ? Math.min(availableParallelism(), MAX_THREADS) : Number(jobs);
  return Number.isSafeInteger(wanted) && wanted > 1 ? Math.min(wanted, MAX_THREADS) - 1 : 0;
}

/** The file a run's other thread runs, next to this one. */
export const THREAD_ENTRY = new URL('./run-thread.js', import.meta.url);

/**
 * V8's budget before it optimises a function, for `run`: 18 times its default. A run calls some
 * 15,000 functions, most of them a few hundred times in a few seconds; at the default budget V8
 * spent about 1.5 s of a default run's CPU optimising hundreds of them in the background, on the
 * same two cores as the run. Measured on the default run: 4.0 s → 3.1 s wall, 7.2 s → 5.6 s CPU
 * (decision 0033). Hot loops (a 100k import) still reach the budget at once. The flag is read
 * each time a function's budget is reset, so setting it now, before the run's code loads, takes.
 */
export const RUN_INTERRUPT_BUDGET = 2_400_000;

export function tuneForRun(argv: readonly string[]): void {
  if (argv[0] === 'run') setFlagsFromString(`--interrupt-budget=${RUN_INTERRUPT_BUDGET}`);
}

/**
 * Whether `argv` is a whole run on the mock SPs: the run that gets threads started at launch and
 * that bin.ts starts from the run bundle.
 */
export function isWholeRun(argv: readonly string[]): boolean {
  const [command, ...args] = argv;
  return command === 'run' && !args.some((arg) => NARROWING.test(arg));
}

/** Starts the other threads of `run <argv>` now when it is a whole run on the mock SPs. */
export function prestartRun(argv: readonly string[], cwd: string): void {
  if (!isWholeRun(argv)) return;
  const args = argv.slice(1);
  const jobsAt = args.findIndex((arg) => arg === '--jobs' || arg.startsWith('--jobs='));
  const jobs =
    jobsAt < 0 ? undefined : args[jobsAt]!.includes('=') ? args[jobsAt]!.split('=')[1] : args[jobsAt + 1];
  for (let i = 0; i < otherThreads(jobs); i++) {
    const worker = startThread(args, cwd);
    if (worker) started.push(worker);
  }
}

/** A thread of the run `args` describes; it plans, then waits for its share (run-thread.ts). */
export function startThread(args: readonly string[], cwd: string): Worker | undefined {
  // Run from the TypeScript sources (the tests) there is no built thread file: one thread, then.
  if (!existsSync(fileURLToPath(THREAD_ENTRY))) return undefined;
  const worker = new Worker(THREAD_ENTRY, {
    workerData: { args: [...args], cwd },
    stdout: true,
    stderr: true,
  });
  // Until `run` takes it: a thread that fails to start must not end the process.
  worker.on('error', () => undefined);
  return worker;
}

/** The threads started at launch, handed over once. */
export function takePrestarted(): Worker[] {
  const taken = started;
  started = [];
  return taken;
}

/** Stops the threads started at launch that nobody took (a run refused before it started). */
export function dropPrestarted(): void {
  for (const worker of takePrestarted()) void worker.terminate();
}
