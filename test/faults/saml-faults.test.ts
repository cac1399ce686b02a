import { SP_IDS, REQUIREMENTS, allScenarios, mockTarget, suites } from '#registry';
import { describe, expect, it } from 'vitest';
import { runScenarios } from '#harness/runner';
import { SAML_CORE_FAULTS } from '#mock-sps';
import { caughtIn, failingOnSomeSp } from './saml-records.js';

describe('SAML fault records', () => {
  it('passes every saml-security check on every strict SP', async () => {
    const report = await runScenarios({
      scenarios: suites['saml-security'],
      targets: SP_IDS.map((id) => mockTarget(id)),
      strict: true,
      seed: 3,
      version: 'test',
    });
    expect(
      report.results.filter((r) => r.status === 'failed').map((r) => `${r.sp} ${r.scenario}: ${r.message}`),
    ).toEqual([]);
  });

  it('cite known requirements, name real checks and SPs, and leave only app-tested faults uncaught', () => {
    const requirements = new Set(REQUIREMENTS.map((requirement) => requirement.id));
    const scenarios = new Set(allScenarios.map((scenario) => scenario.id));
    for (const fault of SAML_CORE_FAULTS) {
      expect(
        fault.cites.filter((id) => !requirements.has(id)),
        fault.id,
      ).toEqual([]);
      expect(
        fault.caughtBy.filter((id) => !scenarios.has(id)),
        fault.id,
      ).toEqual([]);
      const on: readonly string[] = 'on' in fault ? fault.on : [];
      expect(
        on.filter((id) => !(SP_IDS as readonly string[]).includes(id)),
        fault.id,
      ).toEqual([]);
    }
    // Proven by mock-sps/salesforce and mock-sps/profitco's tests; no scenario breaks them yet.
    expect(SAML_CORE_FAULTS.filter((fault) => fault.caughtBy.length === 0).map((fault) => fault.id)).toEqual([
      'jit-ignores-subject-mismatch',
      'any-name-id-format',
    ]);
  });

  it.each(caughtIn('saml-security').map((catchers) => [catchers.fault, catchers] as const))(
    'catches %s: each of its saml-security checks fails on one of its SPs',
    async (_fault, catchers) => {
      const failed = await failingOnSomeSp(catchers, suites['saml-security'], 3);
      expect(failed.sort()).toEqual([...catchers.checks].sort());
    },
  );
});
