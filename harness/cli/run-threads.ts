/**
 * A run in several threads. The checks on the mock SPs are independent (each opens its own SP
 * instance, seeded by its own id), and a run of them is CPU-bound, so on a machine with more than
 * one core the run's other threads (worker_threads) take checks too. Every thread plans the same
 * run from the same arguments (run-plan.ts) and takes the next job from one shared counter
 * (`Atomics.add` on a SharedArrayBuffer), so a thread that is free takes the next check and none
 * runs twice; results come back by message, and the runner reports them in catalogue order. A
 * thread that fails, or plans other checks, is stopped, and the checks it took and did not answer
 * for run in this thread: threads change how fast a run is, never what it finds.
 * @see docs/decisions/0031-run-threads.md
 */
import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { runJobs, type JobShare } from '#harness/runner';
import { sharedKeyPair, type CertificateOptions, type KeyPairPem } from '#harness/saml';
import type { CheckResult } from '#reports';
import type { CliIo } from './io.js';
import { otherThreads, startThread, takePrestarted } from './prestart.js';
import type { RunPlan } from './run-plan.js';
import { UsageError } from './usage.js';

/** What the run tells a thread: its share (the counter and the job list's fingerprint), or stop. */
export type MainMessage =
  | { type: 'go'; counter: SharedArrayBuffer; fingerprint: string }
  | { type: 'stop'; reason: string }
  | { type: 'key'; id: number; pem?: KeyPairPem; error?: string };

/** What a thread tells the run. */
export type ThreadMessage =
  | { type: 'ready' }
  | { type: 'result'; index: number; result: CheckResult }
  | { type: 'done' }
  | { type: 'refused'; reason: string }
  /** The thread's `sharedKeyPair(name, options)`: the run's own key of that name, made once. */
  | { type: 'key'; id: number; name: string; options: CertificateOptions };

/**
 * Below this many checks a thread started now costs more than it saves: it loads its modules
 * (about 0.7 s of CPU) before it takes its first check. Threads started at launch are already
 * loaded, and are used for any size.
 */
const WORTH_A_LATE_THREAD = 400;

/** The run's job list, as text: every thread must hold the same before it takes a job. */
export function fingerprintOf(plan: Pick<RunPlan, 'scenarios' | 'targets'>): string {
  const hash = createHash('sha256');
  for (const { scenario, target } of runJobs(plan.scenarios, plan.targets))
    hash.update(`${target.sp}\u0000${target.dialect ?? ''}\u0000${scenario.id}\n`);
  return hash.digest('hex');
}

/** The threads of a run, as the runner shares jobs with them; `close` ends them. */
export interface RunThreads extends JobShare {
  close(): void;
  /** How many threads took part (this one too), and how many checks the others ran. */
  tally(): { threads: number; elsewhere: number };
}

/** Whether `plan` is a run other threads can rebuild and share: mock SPs only, nothing stateful. */
function shareable(plan: RunPlan): boolean {
  return (
    plan.shard === undefined &&
    plan.choice === undefined &&
    plan.transcripts === undefined &&
    plan.targets.every((target) => target.kind === 'mock')
  );
}

/** `--jobs`: a whole number from 1. */
function jobsOption(text: string | undefined): string | undefined {
  if (text !== undefined && !/^\s*[1-9]\d*\s*$/.test(text))
    throw new UsageError(`--jobs takes a whole number of threads from 1, such as 2 (found '${text}')`);
  return text?.trim();
}

/**
 * The other threads of the run `plan` describes, sharing its jobs; undefined when it runs in this
 * thread alone (`--jobs 1`, one core, or a run that is not shareable).
 */
export function shareRun(plan: RunPlan, args: readonly string[], io: CliIo): RunThreads | undefined {
  const prestarted = takePrestarted();
  const asked = jobsOption(plan.values.jobs);
  const wanted = otherThreads(asked);
  const jobs = runJobs(plan.scenarios, plan.targets).length;
  if (wanted === 0 || !shareable(plan)) {
    for (const worker of prestarted) void worker.terminate();
    return undefined;
  }
  const workers = prestarted.slice(0, wanted);
  for (const worker of prestarted.slice(wanted)) void worker.terminate();
  // Asked for by --jobs, or worth it for the run's size (WORTH_A_LATE_THREAD).
  if (asked !== undefined || jobs >= WORTH_A_LATE_THREAD)
    for (let i = workers.length; i < wanted; i++) {
      const worker = startThread(args, io.cwd);
      if (worker) workers.push(worker);
    }
  if (workers.length === 0) return undefined;
  const threads = share(workers, fingerprintOf(plan), jobs);
  // A stopped run (--run-timeout) stops its threads' checks too: they are reported skipped.
  plan.stop.signal.addEventListener('abort', () => {
    const reason: unknown = plan.stop.signal.reason;
    for (const worker of workers)
      worker.postMessage({
        type: 'stop',
        reason: reason instanceof Error ? reason.message : String(reason),
      } satisfies MainMessage);
  });
  return threads;
}

/** Answers a thread's key request with the key this thread holds (or makes) under that name. */
function lendKey(worker: Worker, request: Extract<ThreadMessage, { type: 'key' }>): void {
  sharedKeyPair(request.name, request.options).then(
    ({ privateKeyPem, certificatePem }) =>
      worker.postMessage({
        type: 'key',
        id: request.id,
        pem: { privateKeyPem, certificatePem },
      } satisfies MainMessage),
    (error: unknown) =>
      worker.postMessage({
        type: 'key',
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies MainMessage),
  );
}

function share(workers: readonly Worker[], fingerprint: string, total: number): RunThreads {
  const counter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const claims = new Int32Array(counter);
  let deliver: (index: number, result: CheckResult) => void = () => undefined;
  const ready = new Set<Worker>();
  let elsewhere = 0;
  const ended = workers.map(
    (worker) =>
      new Promise<void>((resolve) => {
        const end = (): void => {
          resolve();
          void worker.terminate();
        };
        worker.on('message', (message: ThreadMessage) => {
          if (message.type === 'ready') ready.add(worker);
          else if (message.type === 'result') {
            elsewhere++;
            deliver(message.index, message.result);
          } else if (message.type === 'key') lendKey(worker, message);
          else end();
        });
        worker.on('error', end);
        worker.on('exit', end);
        // Its output is its own: a thread prints nothing of the run.
        worker.stdout.resume();
        worker.stderr.resume();
        worker.postMessage({ type: 'go', counter, fingerprint } satisfies MainMessage);
      }),
  );
  return {
    claim() {
      const index = Atomics.add(claims, 0, 1);
      if (index >= total)
        // This thread has taken the last job: a thread still loading would only arrive to find
        // none left, so it is stopped now (a job it took meanwhile is run here, see run.ts).
        for (const worker of workers) if (!ready.has(worker)) void worker.terminate();
      return index;
    },
    listen(receiver) {
      deliver = receiver;
    },
    finished: Promise.all(ended).then(() => undefined),
    close() {
      for (const worker of workers) void worker.terminate();
    },
    tally: () => ({ threads: 1 + ready.size, elsewhere }),
  };
}
