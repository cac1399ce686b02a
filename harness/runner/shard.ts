/**
 * Shards of a run: the checks × targets of one selection dealt into `count` parts that machines
 * run side by side, each knowing only its index. The deal depends on each check's id and its
 * target's id alone, so every machine computes the same parts; the shards' reports merge into
 * the run's (reports/merge.ts). @see docs/decisions/0028-vitest-and-shards.md
 */
import { mergeReports, type RunReport } from '#reports';
import { seedFor } from './context.js';
import { runJobs, runScenarios, type RunOptions } from './run.js';
import type { Scenario } from './scenario.js';
import type { Target } from './target.js';

/** One part of a run: the `index`th (from 1) of `count`, as `--shard 2/3` names it. */
export interface Shard {
  index: number;
  count: number;
}

/** A check on a target, as far as a shard selection reads it: the check's id and the target's. */
export interface ShardJob {
  scenario: Pick<Scenario, 'id'>;
  target: Pick<Target, 'sp' | 'dialect'>;
}

/** A shard given as text or numbers is not one: says what was expected and what was found. */
export class ShardError extends Error {
  readonly code = 'SHARD_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'ShardError';
  }
}

/** The FNV-1a offset basis: the hash below is `seedFor`'s walk from it. */
const FNV_OFFSET = 0x811c9dc5;

/** The job's identity: the target (SP, and the IdP dialect when it has one) and the check. */
const keyOf = (job: ShardJob): string =>
  `${job.target.sp}\u0000${job.target.dialect ?? ''}\u0000${job.scenario.id}`;

/**
 * The jobs of `shard` among `jobs`, in their given order. The jobs are ordered by a hash of their
 * identity and dealt in turn, so the shards' sizes differ by at most one and no job is in two;
 * nothing else (order, timing, machine) changes the deal.
 */
export function selectShard<J extends ShardJob>(jobs: readonly J[], index: number, count: number): J[] {
  checkShard(index, count, `${index}/${count}`);
  const keyed = jobs.map((job, position) => {
    const key = keyOf(job);
    return { key, hash: seedFor(FNV_OFFSET, key), position };
  });
  const dealt = [...keyed].sort((a, b) => a.hash - b.hash || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const chosen = new Set(dealt.filter((_, turn) => turn % count === index - 1).map((job) => job.position));
  return jobs.filter((_, position) => chosen.has(position));
}

/** The largest count a shard option takes: more parts than that is a typo. */
const MAX_COUNT = 1000;

function checkShard(index: number, count: number, text: string, flag = 'shard'): void {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT)
    throw new ShardError(
      `${flag} ${text}: the count after '/' must be a whole number from 1 to ${MAX_COUNT}, such as 1/2 for the first of two shards`,
    );
  if (!Number.isSafeInteger(index) || index < 1 || index > count)
    throw new ShardError(
      `${flag} ${text}: the index before '/' must be a whole number from 1 to ${count}, the count; shards are numbered from 1`,
    );
}

/**
 * Parses `<index>/<count>` (`1/2`, `3/3`); a ShardError says what is wrong and names `flag`.
 * @param flag how the caller's user gave it, for the message. @default '--shard'
 */
export function parseShard(text: string, flag = '--shard'): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match)
    throw new ShardError(
      `${flag} takes <index>/<count>, such as 1/2 for the first of two shards (found '${text}')`,
    );
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  checkShard(shard.index, shard.count, text, flag);
  return shard;
}

/**
 * Runs one shard of the run `options` describes. Its report lists every target and the run's
 * options (suites, SPs), so the shards' reports agree on what the run was; its results are the
 * shard's checks only, and `mergeReports` on all the shards' reports gives the run's verdicts.
 */
export async function runShard(options: RunOptions, shard: Shard): Promise<RunReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const startedMs = performance.now();
  const jobs = selectShard(runJobs(options.scenarios, options.targets), shard.index, shard.count);
  const total = jobs.length;
  let done = 0;
  // Start every target's key generation at once, as a whole run does; each target's run awaits its own.
  if (jobs.some((job) => job.scenario.requires?.saml === true))
    for (const target of new Set(jobs.map((job) => job.target))) target.prepare?.().catch(() => undefined);
  const reports: RunReport[] = [];
  // One target at a time: a whole run's results are in target order too.
  for (const target of options.targets) {
    const mine = new Set(jobs.filter((job) => job.target === target).map((job) => job.scenario));
    reports.push(
      await runScenarios({
        ...options,
        scenarios: options.scenarios.filter((scenario) => mine.has(scenario)),
        targets: [target],
        ...(options.onResult === undefined
          ? {}
          : { onResult: (result) => options.onResult!(result, ++done, total) }),
      }),
    );
  }
  const suites = [...new Set(options.scenarios.map((scenario) => scenario.suite))];
  const merged = mergeReports(reports, { strict: options.strict, order: { suites } });
  return {
    ...merged,
    startedAt: started.toISOString(),
    finishedAt: now().toISOString(),
    durationMs: Math.round(performance.now() - startedMs),
    options: { ...merged.options, suites, sps: options.targets.map((target) => target.sp) },
  };
}
