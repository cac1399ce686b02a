import { describe, expect, it } from 'vitest';
import { runScenarios } from '#harness';
import type { SamlFault } from '#mock-sps';
import { SAML_FAULT_CATCHERS as CATCHERS } from './catalog.js';
import { mockTarget, suites } from '#scenarios';

describe('SAML fault switches', () => {
  it('passes every saml-security check on every strict SP', async () => {
    const report = await runScenarios({
      scenarios: suites['saml-security'],
      targets: (['interact', 'outreach', 'salesforce', 'profitco', 'sparkpost'] as const).map((id) =>
        mockTarget(id),
      ),
      strict: true,
      seed: 3,
      version: 'test',
    });
    expect(
      report.results.filter((r) => r.status === 'failed').map((r) => `${r.sp} ${r.scenario}: ${r.message}`),
    ).toEqual([]);
  });

  it.each(Object.entries(CATCHERS))('catches the SAML fault %s', async (fault, { sp, fails }) => {
    const report = await runScenarios({
      scenarios: suites['saml-security'],
      targets: [mockTarget(sp, { samlFaults: [fault as SamlFault] })],
      strict: true,
      seed: 3,
      version: 'test',
    });
    const failed = report.results
      .filter((r) => r.status === 'failed')
      .map((r) => r.scenario.replace('saml-security/', ''));
    expect(failed).toEqual(expect.arrayContaining([...fails]));
  });
});
