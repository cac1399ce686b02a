/**
 * A sixth app is one folder: the fixture app (test/apps/fixture-app/) joins the suites through
 * the same contract the shipped apps use, its check runs beside the engine's, its fault makes
 * that check fail, and its requirement row is covered.
 */
import { describe, expect, it } from 'vitest';
import { runScenarios, type Scenario } from '#harness/runner';
import { composeRequirements, composeSuites, defineApp, mockTarget, requirementCoverage } from '#scenarios';
import { fixture } from './fixture-app/index.js';

const checks: readonly Scenario[] = Object.values(composeSuites([fixture])).flat();

async function run(faults: string[] = []) {
  return runScenarios({
    scenarios: checks,
    targets: [mockTarget(fixture, { faults })],
    strict: true,
    seed: 11,
    version: 'test',
  });
}

describe('an app from one folder', () => {
  it('runs its own check beside the engine checks and passes every applicable one', async () => {
    const report = await run();
    const failed = report.results.filter((result) => result.status === 'failed');
    expect(failed.map((result) => `${result.scenario}: ${result.message}`)).toEqual([]);
    expect(
      report.results.find((result) => result.scenario === 'provisioning/fixture-display-name-upper-case'),
    ).toMatchObject({ status: 'passed', requirements: ['FIX-01', 'SCIM-CREATE'] });
    const protocol = report.results.filter((result) => result.suite === 'scim-protocol');
    expect(protocol.filter((result) => result.status === 'passed').length).toBeGreaterThan(25);
  });

  it('is caught by its own check when its fault is on', async () => {
    const report = await run(['fixture-display-name-as-sent']);
    const failed = report.results
      .filter((result) => result.status === 'failed')
      .map((result) => result.scenario);
    expect(failed).toEqual(['provisioning/fixture-display-name-upper-case']);
  });

  it('has its requirement row covered', () => {
    const coverage = requirementCoverage(checks, composeRequirements([fixture]));
    expect(coverage.covered.find((row) => row.requirement.id === 'FIX-01')?.scenarios).toEqual([
      'provisioning/fixture-display-name-upper-case',
    ]);
    expect(coverage.unknown).toEqual([]);
  });

  it('refuses an app whose parts disagree, naming the part', () => {
    expect(() => defineApp({ ...fixture, id: 'other' })).toThrow(/its SP profile has id 'fixture'/);
    expect(() => defineApp({ ...fixture, checks: [{ ...fixture.checks[0]!, requires: {} }] })).toThrow(
      /must require sp 'fixture'/,
    );
  });
});
