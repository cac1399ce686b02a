/**
 * Runs scenarios against targets and produces the run model every report reads.
 */
import {
  REPORT_SCHEMA_VERSION,
  severityOf,
  summarize,
  type CheckResult,
  type RunReport,
  type TargetInfo,
} from '#reports';
import { maskEvidence, maskText, type HttpExchange } from '#harness/evidence';
import type { Requirement } from '#harness/requirements';
import { CheckFailure, NotApplicable, ScenarioContext, seedFor } from './context.js';
import { citedRequirements, resolveBlocked } from './grading.js';
import type { Scenario } from './scenario.js';
import type { Target } from './target.js';

export interface RunOptions {
  scenarios: readonly Scenario[];
  targets: readonly Target[];
  strict: boolean;
  seed: number;
  /** Called as each result is known (progress display). */
  onResult?: (result: CheckResult, done: number, total: number) => void;
  /** Per-scenario time limit. @default 30000 */
  timeoutMs?: number;
  /**
   * How many scenarios run at once on mock targets (each has its own SP instance and clock);
   * worth more than 1 when the party under test waits for real (a bridged connector's retries).
   * External targets always run one scenario at a time. Results keep the catalogue's order.
   * @default 1
   */
  concurrency?: number;
  version: string;
  now?: () => Date;
  /** The requirement catalogue; the report carries the text of every row the results cite. @default none */
  requirements?: readonly Requirement[];
  /**
   * Called once after each scenario that ran on a target (not one the gate found not applicable)
   * with every SCIM exchange its instance served, whoever sent it: wire transcripts are built from it.
   * @default none
   */
  onExchanges?: (scenario: ScenarioOnTarget, exchanges: readonly HttpExchange[]) => void;
  /**
   * Stops the run: no further check starts, the ones running are given up, and each of them is
   * reported skipped with the signal's reason (an Error's message, or the reason itself).
   * @default none
   */
  signal?: AbortSignal;
  /** Other threads that take this run's jobs too (`JobShare`). @default none: this thread runs every job */
  share?: JobShare;
}

/** A scenario as it ran on one target, for `onExchanges`. */
export interface ScenarioOnTarget {
  scenario: string;
  sp: string;
  dialect?: string;
  /** The SCIM base URL the scenario's instance answered at (mock instances get fresh ones). */
  scimBaseUrl?: string;
  /** The token the instance was opened with: a secret, for whoever must keep it out of what they show. */
  token: string;
}

/**
 * Other threads running this run's jobs beside this one (harness/cli/run-threads.ts). Every
 * thread builds the same job list (`runJobs`) and takes its jobs one at a time from one shared
 * counter, so no job runs twice and a thread that is free takes the next; the others' results
 * come back through `listen`.
 */
export interface JobShare {
  /** The index of the next job no thread has taken (an index past the last: none is left). */
  claim(): number | undefined;
  /** Called once, before any job runs, with where the other threads' results go. */
  listen(deliver: (index: number, result: CheckResult) => void): void;
  /** Resolves when no other thread will deliver anything more: each finished, or failed. */
  readonly finished: Promise<void>;
}

/** Every check × target a run of `scenarios` against `targets` holds, in run order. */
export function runJobs<T extends Pick<Target, 'suites'>>(
  scenarios: readonly Scenario[],
  targets: readonly T[],
): { scenario: Scenario; target: T }[] {
  return targets.flatMap((target) =>
    scenarios
      .filter((scenario) => target.suites === undefined || target.suites.includes(scenario.suite))
      .map((scenario) => ({ scenario, target })),
  );
}

/**
 * Runs the jobs of `options` that `claim` hands this thread, giving each result to `deliver`: the
 * side of a shared run (`JobShare`) that reports nothing itself.
 */
export async function runClaimedJobs(
  options: RunOptions,
  claim: () => number | undefined,
  deliver: (index: number, result: CheckResult) => void,
): Promise<void> {
  const jobs = runJobs(options.scenarios, options.targets);
  const runJob = jobRunner(options, jobs);
  for (let index = claim(); index !== undefined && index < jobs.length; index = claim())
    deliver(index, await runJob(index));
}

/**
 * Runs job `index` of `jobs`. Key generation runs in the thread pool: every target's starts at the
 * first call, only when a SAML check will need the keys, and SCIM checks run meanwhile; a SAML
 * check waits for it.
 */
function jobRunner(
  options: RunOptions,
  jobs: readonly { scenario: Scenario; target: Target }[],
): (index: number) => Promise<CheckResult> {
  const needsKeys = options.scenarios.some((scenario) => scenario.requires?.saml === true);
  const prepared = needsKeys
    ? Promise.all(options.targets.map((target) => target.prepare?.())).then(
        () => undefined,
        (error: unknown) => error,
      )
    : Promise.resolve(undefined);
  return async (index) => {
    const { scenario, target } = jobs[index]!;
    if (scenario.requires?.saml) {
      const failed = await prepared;
      if (failed !== undefined) throw failed;
    }
    return stoppable(scenario, target, options);
  };
}

/** Why `target` cannot run `scenario`, or undefined when it can. */
export function gate(scenario: Scenario, target: Target): string | undefined {
  const requires = scenario.requires ?? {};
  const caps = target.capabilities;
  if (requires.sp !== undefined && requires.sp !== target.sp)
    return `checks a requirement of ${requires.sp} only`;
  if (requires.saml && !caps.saml) return `${target.sp} has no SAML single sign-on`;
  if (!requires.saml && !caps.scim) return `${target.sp} has no SCIM service`;
  if (requires.groups && !caps.groups) return `${target.sp} does not serve /Groups`;
  if (requires.deleteUsers && caps.deleteUsers === false)
    return `${target.sp} does not support DELETE /Users; it deactivates users instead`;
  if (requires.inspection && !caps.inspection)
    return "judges by the mock SP's internal state (an app's quirk or the IdP's own behaviour), which an external server does not show; the suite's read-back checks judge it over SCIM instead";
  if (requires.provisioning && !caps.provisioning)
    return `the reference IdP has no catalogue entry that provisions ${target.sp}`;
  return undefined;
}

export async function runScenarios(options: RunOptions): Promise<RunReport> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const startedMs = performance.now();
  const results: CheckResult[] = [];
  const jobs = runJobs(options.scenarios, options.targets);
  const settled: (CheckResult | undefined)[] = jobs.map(() => undefined);
  let reported = 0;
  const settle = (index: number, result: CheckResult): void => {
    if (settled[index] !== undefined) return;
    settled[index] = result;
    // Results are reported in the catalogue's order, whatever order (or thread) they finish in.
    while (reported < jobs.length && settled[reported] !== undefined) {
      const next = settled[reported++]!;
      results.push(next);
      options.onResult?.(next, results.length, jobs.length);
    }
  };
  const runJob = jobRunner(options, jobs);
  let next = 0;
  const share = options.share;
  const claim = share ? () => share.claim() : () => (next < jobs.length ? next++ : undefined);
  const worker = async (): Promise<void> => {
    for (let index = claim(); index !== undefined && index < jobs.length; index = claim())
      settle(index, await runJob(index));
  };
  share?.listen(settle);
  // An external target is one shared server: its scenarios run one at a time, in order.
  const external = options.targets.some((target) => target.kind !== 'mock');
  const width = external ? 1 : Math.max(1, Math.floor(options.concurrency ?? 1));
  await Promise.all(Array.from({ length: width }, worker));
  if (share) {
    await share.finished;
    // A job another thread took and never answered for (that thread failed) runs here after all.
    for (const [index, result] of settled.entries())
      if (result === undefined) settle(index, await runJob(index));
  }
  resolveBlocked(results);
  const targets: TargetInfo[] = options.targets.map((target) => ({
    sp: target.sp,
    kind: target.kind,
    transport: target.transport,
    ...(target.dialect === undefined ? {} : { dialect: target.dialect }),
    ...(target.scimBaseUrl === undefined ? {} : { scimBaseUrl: target.scimBaseUrl }),
  }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'sso-harness', version: options.version },
    startedAt: started.toISOString(),
    finishedAt: now().toISOString(),
    durationMs: Math.round(performance.now() - startedMs),
    options: {
      suites: [...new Set(options.scenarios.map((scenario) => scenario.suite))],
      sps: options.targets.map((target) => target.sp),
      strict: options.strict,
      seed: options.seed,
    },
    targets,
    results,
    summary: summarize(results, options.strict),
    ...(options.requirements ? { requirements: citedRequirements(results, options.requirements) } : {}),
  };
}

/** What every result of `scenario` on `target` says, whatever its verdict. */
function baseOf(scenario: Scenario, target: Target) {
  return {
    scenario: scenario.id,
    suite: scenario.suite,
    title: scenario.title,
    sp: target.sp,
    ...(target.dialect === undefined ? {} : { dialect: target.dialect }),
    requirements: [...scenario.requirements],
    ...(scenario.clause === undefined ? {} : { clause: scenario.clause }),
    ...(scenario.security ? { security: true } : {}),
  };
}

/**
 * `result` with every credential in its evidence masked, and `secrets` (the token the check's
 * instance was opened with) masked wherever they appear: no report carries a usable one.
 */
function masked(result: CheckResult, secrets: readonly string[]): CheckResult {
  return {
    ...result,
    message: maskText(result.message, secrets),
    evidence: result.evidence.map((item) => maskEvidence(item, secrets)),
  };
}

/** runOne, unless the run is stopped first: then the check is skipped with the reason. */
async function stoppable(scenario: Scenario, target: Target, options: RunOptions): Promise<CheckResult> {
  const signal = options.signal;
  const skipped = (): CheckResult => {
    const reason = signal?.reason instanceof Error ? signal.reason.message : String(signal?.reason);
    return {
      ...baseOf(scenario, target),
      status: 'skipped',
      level: scenario.level,
      message: `Not run: the run was stopped (${reason})`,
      reason: `the run was stopped (${reason})`,
      evidence: [],
      durationMs: 0,
    };
  };
  if (signal === undefined) return runOne(scenario, target, options);
  if (signal.aborted) return skipped();
  let stop: () => void = () => undefined;
  const stopped = new Promise<'stopped'>((resolve) => {
    stop = () => resolve('stopped');
    signal.addEventListener('abort', stop, { once: true });
  });
  try {
    const result = await Promise.race([runOne(scenario, target, options), stopped]);
    return result === 'stopped' ? skipped() : result;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

async function runOne(scenario: Scenario, target: Target, options: RunOptions): Promise<CheckResult> {
  const base = baseOf(scenario, target);
  const gated = gate(scenario, target);
  if (gated !== undefined) {
    return {
      ...base,
      status: 'not-applicable',
      level: scenario.level,
      message: `Not applicable: ${gated}`,
      reason: gated,
      evidence: [],
      durationMs: 0,
    };
  }
  const started = performance.now();
  const feature = scenario.requires?.advertised;
  const softReason =
    feature && !target.capabilities.advertised[feature]
      ? `${feature} is not advertised in /ServiceProviderConfig, so this check is soft (MAY)`
      : undefined;
  const instance = await target.open();
  const ctx = new ScenarioContext(
    target,
    instance,
    scenario.id,
    seedFor(options.seed, scenario.id),
    options.seed,
  );
  if (softReason) ctx.soften(softReason);
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  const result = await (async (): Promise<CheckResult> => {
    try {
      await withTimeout(scenario.run(ctx), options.timeoutMs ?? 30_000, scenario.id);
      const level = ctx.softened ? 'MAY' : scenario.level;
      return {
        ...base,
        status: 'passed',
        level,
        message: ctx.note ?? 'Passed',
        ...(ctx.softened ? { reason: ctx.softened } : {}),
        evidence: [],
        durationMs: elapsed(),
      };
    } catch (error) {
      if (error instanceof NotApplicable) {
        return {
          ...base,
          status: 'not-applicable',
          level: ctx.softened ? 'MAY' : scenario.level,
          message: `Not applicable: ${error.message}`,
          reason: error.message,
          ...(error.blockedBy === undefined ? {} : { blockedBy: error.blockedBy }),
          evidence: error.blockedBy === undefined ? [] : error.evidence,
          durationMs: elapsed(),
        };
      }
      const failure =
        error instanceof CheckFailure
          ? error
          : new CheckFailure(
              `The check could not complete: ${error instanceof Error ? error.message : String(error)}`,
              ctx.recentEvidence(),
            );
      const level = ctx.softened ? 'MAY' : (failure.grade?.level ?? scenario.level);
      const security = failure.grade?.security ?? scenario.security === true;
      // Graded by consequence: a failure of a rule nothing downstream depends on costs less than its word.
      const impact = ctx.softened || failure.grade || security ? undefined : scenario.impact;
      const evidence = [
        ...(failure.evidence.length > 0
          ? failure.evidence
          : [{ kind: 'note' as const, text: 'No HTTP exchange was made before the failure.' }]),
        ...ctx.attachedEvidence(),
      ];
      return {
        ...base,
        status: 'failed',
        level,
        severity: impact?.severity ?? severityOf(level, security),
        ...(impact ? { consequence: impact.consequence } : {}),
        message: failure.message,
        ...(ctx.softened ? { reason: ctx.softened } : {}),
        evidence,
        durationMs: elapsed(),
      };
    } finally {
      await ctx.runCleanups();
      await instance.close();
      // After the cleanups, so the exchanges are all that reached the wire; the array outlives the instance.
      options.onExchanges?.(
        {
          scenario: scenario.id,
          sp: target.sp,
          ...(target.dialect === undefined ? {} : { dialect: target.dialect }),
          ...(instance.scimBaseUrl === undefined ? {} : { scimBaseUrl: instance.scimBaseUrl }),
          token: instance.token,
        },
        ctx.exchanges,
      );
    }
  })();
  return masked(result, [instance.token]);
}

function withTimeout<T>(promise: Promise<T>, ms: number, id: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${id} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
