/**
 * `registerConformance`: the checks as vitest tests, one `describe` per target and suite and one
 * `it` per check. Each test runs its check through the runner as `sso-harness run` does; a
 * failure that fails the run fails the test with the evidence, a warning or a note is annotated,
 * and a check that does not apply is skipped with the reason.
 */
import { afterAll, describe, expect, it, type TestContext } from 'vitest';
import { maskText } from '#harness/evidence';
import { runScenarios, type Scenario } from '#harness/runner';
import { failsRun, findingDetails, judgeBlocked, severityOfResult, whereRun, type RunReport } from '#reports';
import { REQUIREMENTS } from '../../index.js';
import { planConformance, type ConformanceOptions, type Plan, type PlannedTarget } from './plan.js';
import { FileReport, packageVersion } from './file-report.js';

/** A check failed in a way that fails the run: the message carries the verdict and the evidence. */
export class ConformanceFailure extends Error {
  readonly code = 'CONFORMANCE_CHECK_FAILED';
  constructor(message: string) {
    super(message);
    this.name = 'ConformanceFailure';
    // Where in sso-harness the verdict was thrown says nothing; the evidence says everything.
    this.stack = `${this.name}: ${message}`;
  }
}

/** How long a test may take beyond its check's own limit (opening and closing the target). */
const TEST_MARGIN_MS = 10_000;

const testName = (scenario: Scenario): string =>
  `${scenario.id}: ${scenario.title} [${scenario.requirements.join(', ')}]`;

/**
 * Registers the conformance checks `options` chooses as vitest tests of the calling file: one
 * `describe` per target and suite, one `it` per check. Call it at the top level of a test file.
 */
export function registerConformance(options: ConformanceOptions = {}): void {
  let plan: Plan;
  try {
    plan = planConformance(options);
  } catch (error) {
    // The options are the caller's: the stack starts at their call, not inside the harness.
    if (error instanceof TypeError) Error.captureStackTrace(error, registerConformance);
    throw error;
  }
  const file = new FileRun(plan);
  // The test file being collected: its report is named after it.
  const path = expect.getState().testPath;
  for (const target of plan.targets) {
    for (const suite of plan.suites) {
      const checks = plan.checks.filter((check) => check.target === target && check.scenario.suite === suite);
      if (checks.length === 0) continue;
      describe(`${whereRun(target)} › ${suite}`, () => {
        for (const { scenario } of checks)
          it(testName(scenario), { timeout: plan.timeoutMs + TEST_MARGIN_MS }, (context) =>
            file.check(scenario, target, context),
          );
      });
    }
  }
  afterAll(() => file.finish(path));
}

/** The checks one test file ran: for judging blocked checks and for its report. */
class FileRun {
  readonly #plan: Plan;
  readonly #reports: RunReport[] = [];
  /** The findings whose tests passed (warnings unless strict, notes), as one masked line each. */
  readonly #quiet: string[] = [];
  readonly #report: FileReport;

  constructor(plan: Plan) {
    this.#plan = plan;
    this.#report = new FileReport(plan);
  }

  async check(scenario: Scenario, planned: PlannedTarget, context: TestContext): Promise<void> {
    const target = await planned.resolve();
    const secrets = [...this.#plan.secrets];
    const report = await runScenarios({
      scenarios: [scenario],
      targets: [target],
      strict: this.#plan.strict,
      seed: this.#plan.seed,
      version: packageVersion(),
      requirements: REQUIREMENTS,
      timeoutMs: this.#plan.timeoutMs,
      onExchanges: (ran) => void secrets.push(ran.token),
    });
    this.#reports.push(report);
    // One cause, one failure: judged against the checks this file ran so far.
    const result = judgeBlocked(this.#reports.flatMap((each) => each.results)).at(-1)!;
    const mask = (text: string): string => maskText(text, secrets);
    switch (result.status) {
      case 'passed':
        return;
      case 'not-applicable':
        return context.skip(mask(`not applicable: ${result.reason ?? result.message}`));
      case 'skipped':
        return context.skip(mask(result.reason ?? result.message));
      case 'failed': {
        const text = mask(findingDetails(result, report));
        if (failsRun(result, this.#plan.strict)) throw new ConformanceFailure(text);
        const severity = severityOfResult(result);
        this.#quiet.push(
          mask(`  ${severity} · ${whereRun(result)} · ${result.scenario}: ${result.message.split('\n')[0]}`),
        );
        const why = severity === 'warning' ? 'fails only with strict: true' : 'fails no run';
        await context.annotate(`${severity}, ${why}: ${text}`, severity === 'warning' ? 'warning' : 'notice');
      }
    }
  }

  /** Says which findings passed their tests, and writes the report when asked to. */
  async finish(file: string | undefined): Promise<void> {
    if (this.#quiet.length > 0)
      console.warn(
        `sso-harness: ${this.#quiet.length} finding(s) did not fail their tests` +
          `${this.#plan.strict ? '' : ' (warnings fail with strict: true)'}:\n${this.#quiet.join('\n')}`,
      );
    await this.#report.write(this.#reports, file);
  }
}
