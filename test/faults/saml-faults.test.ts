import { describe, expect, it } from 'vitest';
import { runScenarios } from '#harness';
import type { SamlFault, SpId } from '#mock-sps';
import { mockTarget, suites } from '#scenarios';

/**
 * For every SAML fault switch that skips an ACS check, the saml-security checks
 * that must catch it, and the SP that shows it (Outreach reads its user from the
 * email attribute, so a missing NameID only matters there).
 */
const CATCHERS: Partial<Record<SamlFault, { sp: SpId; fails: readonly string[] }>> = {
  'skip-signature-check': {
    sp: 'sparkpost',
    fails: ['signature-stripped', 'stranger-key-keyinfo', 'comment-in-digest'],
  },
  'trust-keyinfo-certificate': { sp: 'sparkpost', fails: ['stranger-key-keyinfo'] },
  'first-assertion': { sp: 'sparkpost', fails: ['two-assertions'] },
  'first-text-node': { sp: 'interact', fails: ['comment-split-nameid'] },
  'xsw-vulnerable': {
    sp: 'interact',
    fails: [
      'xsw1',
      'xsw2',
      'xsw3',
      'xsw4',
      'xsw5',
      'xsw6',
      'two-assertions-before',
      'unsigned-assertion-in-signed-response',
    ],
  },
  'process-doctype': { sp: 'interact', fails: ['doctype-entities', 'doctype-external-entity'] },
  'no-replay-cache': { sp: 'sparkpost', fails: ['replay'] },
  'skip-audience-check': { sp: 'sparkpost', fails: ['wrong-audience'] },
  'skip-recipient-check': { sp: 'sparkpost', fails: ['wrong-recipient'] },
  'skip-destination-check': { sp: 'sparkpost', fails: ['wrong-destination'] },
  'skip-issuer-check': { sp: 'sparkpost', fails: ['wrong-issuer'] },
  'skip-time-check': { sp: 'sparkpost', fails: ['expired', 'not-yet-valid'] },
  'ignore-in-response-to': {
    sp: 'interact',
    fails: ['in-response-to-unsolicited', 'in-response-to-mismatch'],
  },
  'ignore-status': { sp: 'sparkpost', fails: ['status-not-success'] },
  'accept-sha1': { sp: 'sparkpost', fails: ['sha1-under-sha256'] },
  'no-subject-check': {
    sp: 'outreach',
    fails: ['missing-subject-confirmation', 'missing-subject', 'missing-nameid'],
  },
  'no-authn-statement-check': { sp: 'sparkpost', fails: ['missing-authn-statement'] },
};

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
