/**
 * Merging the reports of one run's shards (`run --shard i/n`, or vitest files) into the run's
 * report: the same verdicts, summary and exit code as the run made whole.
 * @see docs/decisions/0028-vitest-and-shards.md
 */

import { validateReport } from './json.js';
import { REPORT_SCHEMA_VERSION, summarize } from './model.js';
import type { CheckResult, RequirementNote, RunReport, TargetInfo } from './model.js';

/** The codes a {@link MergeError} carries. */
export type MergeErrorCode =
  'MERGE_INVALID_REPORT' | 'MERGE_FOREIGN_VERSION' | 'MERGE_MISMATCH' | 'MERGE_OVERLAP';

/**
 * Shard reports that cannot be merged: one is not a valid report (`MERGE_INVALID_REPORT`) or
 * has another schema version (`MERGE_FOREIGN_VERSION`), they come from different runs
 * (`MERGE_MISMATCH`), or two hold the same check on the same target (`MERGE_OVERLAP`).
 */
export class MergeError extends Error {
  readonly code: MergeErrorCode;
  constructor(code: MergeErrorCode, message: string) {
    super(message);
    this.name = 'MergeError';
    this.code = code;
  }
}

/** How reports merge. */
export interface MergeOptions {
  /** Each report's name in messages (its file), in the reports' order. @default 'report 1', 'report 2'… */
  sources?: readonly string[];
  /** Whether warnings fail the merged run. @default true when any report's run was strict */
  strict?: boolean;
  /**
   * The orders results and requirements follow: within a target, by suite, then by check (the
   * catalogue's order); cited requirements by the catalogue's. @default suites as the reports
   * list them; checks and requirements as they come, report by report
   */
  order?: { suites?: readonly string[]; scenarios?: readonly string[]; requirements?: readonly string[] };
}

const targetKey = (result: { sp: string; dialect?: string }): string =>
  JSON.stringify([result.sp, result.dialect ?? null]);

const where = (result: { sp: string; dialect?: string }): string =>
  result.dialect === undefined ? result.sp : `${result.sp} (dialect ${result.dialect})`;

/**
 * Reads one shard's report.json text: JSON, this schema version, valid against
 * report.schema.json. A MergeError names `source` and says what to do.
 */
export function readShardReport(text: string, source: string): RunReport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MergeError(
      'MERGE_INVALID_REPORT',
      `${source} is not JSON (${(error as Error).message}); give the report.json a run wrote`,
    );
  }
  const head = (typeof value === 'object' && value !== null ? value : {}) as {
    schemaVersion?: unknown;
    tool?: { name?: unknown; version?: unknown };
  };
  if (head.tool?.name !== 'sso-harness')
    throw new MergeError(
      'MERGE_INVALID_REPORT',
      `${source} is not an sso-harness report (no tool.name 'sso-harness'); give the report.json a run wrote`,
    );
  if (head.schemaVersion !== REPORT_SCHEMA_VERSION)
    throw new MergeError(
      'MERGE_FOREIGN_VERSION',
      `${source} has report schema ${String(head.schemaVersion)} (sso-harness ${String(head.tool.version)}); ` +
        `this sso-harness merges schema ${REPORT_SCHEMA_VERSION}: run the shards and the merge with the same sso-harness`,
    );
  const issues = validateReport(value);
  if (issues.length > 0)
    throw new MergeError(
      'MERGE_INVALID_REPORT',
      `${source} breaks report.schema.json in ${issues.length} place(s):\n` +
        issues
          .slice(0, 10)
          .map((issue) => `  - ${issue}`)
          .join('\n') +
        (issues.length > 10 ? `\n  … and ${issues.length - 10} more` : '') +
        '\nGive the report.json as the run wrote it.',
    );
  return value as RunReport;
}

/**
 * The message the runner gives a check blocked by another that did not fail where it ran
 * (harness/runner/run.ts); the shard tests hold the two to the same words.
 */
const BLOCKED_FAILURE = (blocker: string): string =>
  `A step this check stands on failed, though ${blocker} did not fail here: `;

const NO_EXCHANGE = 'No HTTP exchange was made before the failure.';

/** A blocked check the runner failed (its blocker did not fail in its shard), as it was before. */
function blockedAgain(result: CheckResult, blocker: string): CheckResult {
  const prefix = BLOCKED_FAILURE(blocker);
  if (!result.message.startsWith(prefix)) return result;
  const reason = `blocked by ${blocker}: ${result.message.slice(prefix.length)}`;
  const { severity: _severity, consequence: _consequence, message: _message, evidence, ...rest } = result;
  const only = evidence[0];
  const noExchange = evidence.length === 1 && only?.kind === 'note' && only.text === NO_EXCHANGE;
  return {
    ...rest,
    status: 'not-applicable',
    message: `Not applicable: ${reason}`,
    reason,
    evidence: noExchange ? [] : evidence,
  };
}

/**
 * One cause, one failure, judged over every result of the run: a check blocked by another is not
 * applicable where that check failed on the same SP (in its dialect, or run once for the SP),
 * and failed otherwise, as `runScenarios` judges a whole run. A shard judges only its own
 * results; this gives the run's verdict once all are in.
 */
export function judgeBlocked(results: readonly CheckResult[]): CheckResult[] {
  const key = (sp: string, dialect: string | undefined, scenario: string): string =>
    JSON.stringify([sp, dialect ?? null, scenario]);
  // A check failed on its own, not because a blocker did not fail where it ran.
  const failed = new Set(
    results
      .filter((result) => result.status === 'failed' && result.blockedBy === undefined)
      .map((result) => key(result.sp, result.dialect, result.scenario)),
  );
  return results.map((result) => {
    const blocker = result.blockedBy;
    if (blocker === undefined || result.status !== 'failed') return result;
    const blockerFailed =
      failed.has(key(result.sp, result.dialect, blocker)) || failed.has(key(result.sp, undefined, blocker));
    return blockerFailed ? blockedAgain(result, blocker) : result;
  });
}

/** `items` in first-appearance order, once each. */
const union = (lists: readonly (readonly string[])[]): string[] => [...new Set(lists.flat())];

/** The position of each name in `order`; names not in it come after, in their own order. */
function rank(order: readonly string[] | undefined): (name: string) => number {
  const positions = new Map((order ?? []).map((name, i) => [name, i]));
  return (name) => positions.get(name) ?? Number.MAX_SAFE_INTEGER;
}

/**
 * Merges the reports of one run's shards into the run's report: every target, every result
 * (ordered by target, suite and the catalogue), the requirements they cite, the options, and a
 * summary and exit code recomputed over all of them. Refuses (MergeError) reports of different
 * seeds or sso-harness versions, a target reached two ways, and a check on a target that two
 * reports hold.
 */
export function mergeReports(reports: readonly RunReport[], options: MergeOptions = {}): RunReport {
  if (reports.length === 0) throw new TypeError('mergeReports needs at least one report');
  const name = (i: number): string => options.sources?.[i] ?? `report ${i + 1}`;
  const first = reports[0]!;
  checkSameRun(reports, name);
  const targets = mergeTargets(reports, name);
  checkNoOverlap(reports, name);

  const listed = union(reports.map((report) => report.options.suites));
  const suiteRank = rank(options.order?.suites ?? listed);
  const suites = listed
    .map((suite, i) => ({ suite, i }))
    .sort((a, b) => suiteRank(a.suite) - suiteRank(b.suite) || a.i - b.i)
    .map(({ suite }) => suite);
  const targetRank = rank(targets.map(targetKey));
  const scenarioRank = rank(options.order?.scenarios);
  const results = judgeBlocked(
    reports
      .flatMap((report) => report.results)
      .map((result, i) => ({ result, i }))
      .sort(
        (a, b) =>
          targetRank(targetKey(a.result)) - targetRank(targetKey(b.result)) ||
          suiteRank(a.result.suite) - suiteRank(b.result.suite) ||
          scenarioRank(a.result.scenario) - scenarioRank(b.result.scenario) ||
          a.i - b.i,
      )
      .map(({ result }) => result),
  );

  const strict = options.strict ?? reports.some((report) => report.options.strict);
  const requirements = mergeRequirements(reports, options.order?.requirements);
  const sameSps = reports.every(
    (report) => JSON.stringify(report.options.sps) === JSON.stringify(first.options.sps),
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: first.tool,
    startedAt: earliest(reports.map((report) => report.startedAt)),
    finishedAt: latest(reports.map((report) => report.finishedAt)),
    // Shards run side by side: the run took as long as its longest shard.
    durationMs: Math.max(...reports.map((report) => report.durationMs)),
    options: {
      suites,
      sps: sameSps ? first.options.sps : union(reports.map((report) => report.options.sps)),
      strict,
      seed: first.options.seed,
    },
    targets,
    results,
    summary: summarize(results, strict),
    ...(requirements === undefined ? {} : { requirements }),
  };
}

/** Refuses reports of another sso-harness version or seed than the first's. */
function checkSameRun(reports: readonly RunReport[], name: (i: number) => string): void {
  const first = reports[0]!;
  reports.forEach((report, i) => {
    if (report.tool.version !== first.tool.version)
      throw new MergeError(
        'MERGE_MISMATCH',
        `${name(0)} was written by sso-harness ${first.tool.version} and ${name(i)} by ${report.tool.version}: ` +
          'the shards of one run use the same sso-harness; run them again with one version',
      );
    if (report.options.seed !== first.options.seed)
      throw new MergeError(
        'MERGE_MISMATCH',
        `${name(0)} ran with seed ${first.options.seed} and ${name(i)} with seed ${report.options.seed}: ` +
          'the shards of one run share --seed (the test data differs otherwise); run them again with one seed',
      );
  });
}

/** Every target of the reports once, in first-listed order; refuses one the reports reached two ways. */
function mergeTargets(reports: readonly RunReport[], name: (i: number) => string): TargetInfo[] {
  const targets = new Map<string, { target: TargetInfo; from: number }>();
  reports.forEach((report, i) => {
    for (const target of report.targets) {
      const known = targets.get(targetKey(target));
      if (known === undefined) targets.set(targetKey(target), { target, from: i });
      else if (JSON.stringify(reach(known.target)) !== JSON.stringify(reach(target)))
        throw new MergeError(
          'MERGE_MISMATCH',
          `${name(known.from)} reached ${where(target)} as ${describeReach(known.target)} and ${name(i)} as ` +
            `${describeReach(target)}: the shards of one run use the same target options; run them again alike`,
        );
    }
  });
  return [...targets.values()].map(({ target }) => target);
}

/** Refuses a check on a target that two reports hold. */
function checkNoOverlap(reports: readonly RunReport[], name: (i: number) => string): void {
  const holder = new Map<string, number>();
  reports.forEach((report, i) => {
    for (const result of report.results) {
      const key = JSON.stringify([result.sp, result.dialect ?? null, result.scenario]);
      const other = holder.get(key);
      if (other !== undefined)
        throw new MergeError(
          'MERGE_OVERLAP',
          `${name(other)} and ${name(i)} both hold ${result.scenario} on ${where(result)}: each check on each target ` +
            'must come from one shard; give each shard once, all run with the same --shard count',
        );
      holder.set(key, i);
    }
  });
}

/** How a target was reached: what must agree between shards. */
const reach = (target: TargetInfo) => [target.kind, target.transport, target.scimBaseUrl ?? null];

const describeReach = (target: TargetInfo): string =>
  `${target.kind} over ${target.transport}${target.scimBaseUrl === undefined ? '' : ` at ${target.scimBaseUrl}`}`;

function mergeRequirements(
  reports: readonly RunReport[],
  order: readonly string[] | undefined,
): Record<string, RequirementNote> | undefined {
  if (reports.every((report) => report.requirements === undefined)) return undefined;
  const notes = new Map<string, RequirementNote>();
  for (const report of reports)
    for (const [id, note] of Object.entries(report.requirements ?? {}))
      if (!notes.has(id)) notes.set(id, note);
  const ranked = rank(order);
  const ids = [...notes.keys()].map((id, i) => ({ id, i }));
  ids.sort((a, b) => ranked(a.id) - ranked(b.id) || a.i - b.i);
  return Object.fromEntries(ids.map(({ id }) => [id, notes.get(id)!]));
}

const earliest = (times: readonly string[]): string =>
  times.reduce((a, b) => (Date.parse(b) < Date.parse(a) ? b : a));

const latest = (times: readonly string[]): string =>
  times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
