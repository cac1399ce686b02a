/**
 * The SP core's SAML fault records (mock-sps/core/saml/faults.ts) as the fault tests read them:
 * each record's catching checks in one suite, and a run of those checks on the SPs it names.
 * A record is caught when each of its checks fails on at least one of those SPs.
 */
import { SP_IDS, type AppId, mockTarget } from '#registry';
import { runScenarios, type Scenario } from '#harness/runner';
import { SAML_CORE_FAULTS, type SamlFault } from '#mock-sps';

/** One record's catchers in one suite. */
export interface SuiteCatchers {
  fault: SamlFault;
  /** The SPs the checks run on. */
  on: readonly AppId[];
  /** Scenario ids, suite prefix included. */
  checks: readonly string[];
}

/** Every record caught by checks of `suite` ('saml-security', 'sso'), with those checks. */
export function caughtIn(suite: string): SuiteCatchers[] {
  return SAML_CORE_FAULTS.map((fault) => {
    const on: readonly string[] = 'on' in fault ? fault.on : SP_IDS;
    return {
      fault: fault.id,
      on: SP_IDS.filter((id) => on.includes(id)),
      checks: fault.caughtBy.filter((id) => id.startsWith(`${suite}/`)),
    };
  }).filter((catchers) => catchers.checks.length > 0);
}

/** The ids among `scenarios` that fail on at least one SP of `catchers.on` while its fault is on. */
export async function failingOnSomeSp(
  catchers: SuiteCatchers,
  scenarios: readonly Scenario[],
  seed: number,
): Promise<string[]> {
  const report = await runScenarios({
    scenarios: scenarios.filter((scenario) => catchers.checks.includes(scenario.id)),
    targets: catchers.on.map((sp) => mockTarget(sp, { samlFaults: [catchers.fault] })),
    strict: true,
    seed,
    version: 'test',
  });
  const failed = report.results.filter((result) => result.status === 'failed');
  return [...new Set(failed.map((result) => result.scenario))];
}
