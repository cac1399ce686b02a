import { describe, expect, it } from 'vitest';
import { runScenarios } from '#harness';
import { mockTarget, suites } from '#scenarios';
import { SSO_ROW_CATCHERS } from './sso-catalog.js';

describe('SAML fault switches on the sso suite', () => {
  it.each(SSO_ROW_CATCHERS.map((row) => [row.fault, row] as const))('catches %s', async (_fault, row) => {
    const report = await runScenarios({
      scenarios: suites.sso.filter((scenario) => row.fails.includes(scenario.id)),
      targets: [mockTarget(row.sp, { samlFaults: [row.fault] })],
      strict: true,
      seed: 5,
      version: 'test',
    });
    expect(report.results.filter((r) => r.status === 'failed').map((r) => r.scenario)).toEqual([
      ...row.fails,
    ]);
  });
});
