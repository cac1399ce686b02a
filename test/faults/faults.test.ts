import {
  IDP_FAULT_RECORDS,
  type IdpFault,
  SCIM_FAULTS,
  SP_IDS,
  type ScimFault,
  REQUIREMENTS,
  allScenarios,
  mockTarget,
} from '#registry';
import { describe, expect, it } from 'vitest';
import type { IdpFaultRecord } from '#harness/idp';
import { parseChaos, type ChaosProfile } from '#mock-sps';
import { runScenarios } from '#harness/runner';
import type { RunReport } from '#reports';
import { SP_FAULT_CATCHERS } from './catalog.js';

/**
 * The chaos a fault's resilience check needs to show it, where the default preset would not:
 * a storm of retries shows against a rate limiter, which keeps refusing a client that does not wait.
 */
const CHAOS_FOR: Partial<Record<string, string>> = { 'hammer-on-429': 'rate-limit=20/s' };

/** Runs the scenarios named (all of them when none are), so each fault runs only the checks it must trip. */
async function run(
  options: { faults?: ScimFault[]; idpFaults?: (IdpFault | IdpFaultRecord)[]; chaos?: ChaosProfile },
  only?: readonly string[],
): Promise<RunReport> {
  return runScenarios({
    scenarios: only ? allScenarios.filter((scenario) => only.includes(scenario.id)) : allScenarios,
    // The resilience suite's sync at a scale that keeps the fault tests quick and still disturbs every SP.
    targets: SP_IDS.map((id) => mockTarget(id, { scale: 400, ...options })),
    strict: true,
    seed: 7,
    version: 'test',
  });
}

const failedIds = (report: RunReport): string[] =>
  report.results.filter((r) => r.status === 'failed').map((r) => r.scenario);

describe('fault switches', () => {
  it('passes every applicable check on the unfaulted SPs with the reference IdP', async () => {
    const report = await run({});
    expect(failedIds(report)).toEqual([]);
    expect(report.summary.exitCode).toBe(0);
    expect(report.summary.passed).toBeGreaterThan(250);
  });

  it.each(Object.keys(SCIM_FAULTS) as ScimFault[])('catches the SP fault %s', async (fault) => {
    const failed = failedIds(await run({ faults: [fault] }, SP_FAULT_CATCHERS[fault]));
    expect(failed).toEqual(expect.arrayContaining([...SP_FAULT_CATCHERS[fault]]));
  });

  it.each(IDP_FAULT_RECORDS.map((record) => [record.id, record] as const))(
    'catches the IdP fault %s',
    async (id, record) => {
      const chaos = CHAOS_FOR[id];
      const failed = failedIds(
        await run({ idpFaults: [record], ...(chaos ? { chaos: parseChaos(chaos) } : {}) }, record.caughtBy),
      );
      expect(failed).toEqual(expect.arrayContaining([...record.caughtBy]));
    },
  );

  it('gives every IdP fault known requirement IDs and known catching checks', () => {
    const requirements = new Set(REQUIREMENTS.map((requirement) => requirement.id));
    const checks = new Set(allScenarios.map((scenario) => scenario.id));
    const unknown = IDP_FAULT_RECORDS.flatMap((record) => [
      ...record.cites.filter((id) => !requirements.has(id)).map((id) => `${record.id} cites ${id}`),
      ...record.caughtBy.filter((id) => !checks.has(id)).map((id) => `${record.id} is caught by ${id}`),
      ...(record.caughtBy.length === 0 ? [`${record.id} is caught by nothing`] : []),
    ]);
    expect(unknown).toEqual([]);
  });
});
