import { describe, expect, it } from 'vitest';
import { runScenarios, type IdpFault } from '#harness';
import type { RunReport } from '#reports';
import { SCIM_FAULTS, SP_IDS, type ScimFault } from '#mock-sps';
import { allScenarios, mockTarget } from '#scenarios';
import { IDP_FAULT_CATCHERS, SP_FAULT_CATCHERS } from './catalog.js';

async function run(options: { faults?: ScimFault[]; idpFaults?: IdpFault[] }): Promise<RunReport> {
  return runScenarios({
    scenarios: allScenarios,
    targets: SP_IDS.map((id) => mockTarget(id, options)),
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
    expect(report.summary.passed).toBeGreaterThan(50);
  });

  it.each(Object.keys(SCIM_FAULTS) as ScimFault[])('catches the SP fault %s', async (fault) => {
    const failed = failedIds(await run({ faults: [fault] }));
    expect(failed).toEqual(expect.arrayContaining([...SP_FAULT_CATCHERS[fault]]));
  });

  it.each(Object.keys(IDP_FAULT_CATCHERS) as IdpFault[])('catches the IdP fault %s', async (fault) => {
    const failed = failedIds(await run({ idpFaults: [fault] }));
    expect(failed).toEqual(expect.arrayContaining([...IDP_FAULT_CATCHERS[fault]]));
  });

  it('fails every scenario under at least one fault, so no check is unable to fail', () => {
    const catchers = new Set(
      [...Object.values(SP_FAULT_CATCHERS), ...Object.values(IDP_FAULT_CATCHERS)].flat(),
    );
    const never = allScenarios.map((scenario) => scenario.id).filter((id) => !catchers.has(id));
    expect(never).toEqual([]);
  });
});
