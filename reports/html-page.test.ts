import { expect, test } from 'vitest';
import { reportPage, suiteMatrix } from './html-page.js';
import type { CheckResult } from './model.js';
import { sampleReport, sampleResults } from './test-support.js';

const counts = (passed: number, failed: number, blocked: number, notApplicable: number) => ({
  passed,
  failed,
  blocked,
  notApplicable,
});

test('counts each target × suite cell and colours it by its worst outcome', () => {
  const matrix = suiteMatrix(sampleReport());
  expect(matrix.suites).toEqual(['scim-protocol', 'saml-security', 'saml-sso']);
  expect(matrix.rows.map((row) => row.target)).toEqual(['okta', 'salesforce']);
  const [okta, salesforce] = matrix.rows;
  expect(okta!.cells).toEqual([
    { ...counts(1, 2, 0, 0), tone: 'error' },
    { ...counts(0, 0, 0, 0), tone: 'empty' },
    { ...counts(0, 0, 1, 0), tone: 'blocked' },
  ]);
  expect(salesforce!.cells).toEqual([
    { ...counts(0, 1, 0, 1), tone: 'note' },
    { ...counts(0, 1, 0, 0), tone: 'critical' },
    { ...counts(1, 0, 0, 0), tone: 'passed' },
  ]);
  expect(salesforce!.total).toEqual({ ...counts(1, 2, 0, 1), tone: 'critical' });
});

test('lists failures by severity, then blocked, passed, and not applicable by reason', () => {
  const page = reportPage(sampleReport());
  expect(page.results.map((r) => [r.section, r.outcome])).toEqual([
    ['failed', 'critical'],
    ['failed', 'error'],
    ['failed', 'warning'],
    ['failed', 'note'],
    ['blocked', 'skipped'],
    ['passed', 'passed'],
    ['passed', 'passed'],
    ['not-applicable', 'not-applicable'],
  ]);
  expect(page.results.map((r) => r.index)).toEqual([2, 1, 3, 4, 6, 0, 7, 5]);
  expect(page.notApplicable).toEqual([
    { reason: 'requires scim.groups; the salesforce profile has groups: false', count: 1 },
  ]);
  expect(page.results.at(-1)!.group).toBe(0);
  expect(page.results.filter((r) => r.failsRun).map((r) => r.outcome)).toEqual(['critical', 'error']);
});

test('groups not-applicable checks by reason, the most common first, and counts blocked ones as blocked', () => {
  const na = (sp: string, reason: string, blockedBy?: string): CheckResult => ({
    ...sampleResults()[5]!,
    sp,
    reason,
    message: `Not applicable: ${reason}`,
    ...(blockedBy ? { blockedBy } : {}),
  });
  const results = [
    na('okta', 'okta has no SCIM service'),
    na('okta', 'checks a requirement of interact only'),
    na('salesforce', 'checks a requirement of interact only'),
    na(
      'okta',
      'blocked by scim-protocol/create-user-201: POST /Users answered 500',
      'scim-protocol/create-user-201',
    ),
  ];
  const page = reportPage(sampleReport({ results }));
  expect(page.notApplicable).toEqual([
    { reason: 'checks a requirement of interact only', count: 2 },
    { reason: 'okta has no SCIM service', count: 1 },
  ]);
  expect(page.results.map((r) => [r.outcome, r.group])).toEqual([
    ['blocked', undefined],
    ['not-applicable', 0],
    ['not-applicable', 0],
    ['not-applicable', 1],
  ]);
  expect(page.counts.find((c) => c.label === 'Blocked or skipped')!.value).toBe(1);
  expect(page.counts.find((c) => c.label === 'Not applicable')!.value).toBe(3);
});

test('says in the verdict which cells fail the run and which failures do not', () => {
  expect(reportPage(sampleReport()).verdict).toEqual({
    exitCode: 1,
    text: '✘ Failed — exit code 1',
    detail:
      '1 critical, 1 error fail the run: salesforce × saml-security (1 critical); okta × scim-protocol (1 error). ' +
      'Also 1 warning, 1 note that do not fail the run: okta × scim-protocol (1 warning); salesforce × scim-protocol (1 note).',
  });
  const passing = sampleResults().filter((r) => r.status !== 'failed');
  expect(reportPage(sampleReport({ results: passing })).verdict).toEqual({
    exitCode: 0,
    text: '✔ Passed — exit code 0',
    detail: '2 checks passed on 2 targets.',
  });
  const nothing = reportPage(sampleReport({ results: [sampleResults()[5]!] })).verdict;
  expect(nothing.exitCode).toBe(3);
  expect(nothing.detail).toMatch(
    /^Nothing was tested: every check was not applicable — requires scim\.groups/,
  );
});

test('carries the text and source of each cited requirement, and none from a report without them', () => {
  const page = reportPage(sampleReport());
  expect(page.requirements['INT-04']).toMatchObject({
    level: 'DOC',
    source: 'JumpCloud guide "Integrate with Interact Software", Interact User Attributes',
  });
  const { requirements: _requirements, ...older } = sampleReport();
  expect(reportPage(older).requirements).toEqual({});
});

test('names a target run in an IdP dialect by SP and dialect, and builds its dialect matrix', () => {
  const base = sampleResults()[0]!;
  const results: CheckResult[] = ['entra', 'okta'].map((dialect, i) => ({
    ...base,
    sp: 'interact',
    dialect,
    suite: 'provisioning',
    scenario: 'provisioning/rehire-read-back',
    ...(i === 0 ? { status: 'failed' as const, severity: 'warning' as const } : {}),
  }));
  const report = sampleReport({ results });
  report.targets = ['entra', 'okta'].map((dialect) => ({
    sp: 'interact',
    dialect,
    kind: 'mock' as const,
    transport: 'in-process' as const,
  }));
  const page = reportPage(report);
  expect(page.matrix.rows.map((row) => [row.target, row.total.tone])).toEqual([
    ['interact (entra)', 'warning'],
    ['interact (okta)', 'passed'],
  ]);
  expect(page.dialects).toEqual([
    {
      sp: 'interact',
      dialects: ['entra', 'okta'],
      rows: [
        {
          scenario: 'provisioning/rehire-read-back',
          title: base.title,
          cells: [{ status: 'failed', severity: 'warning' }, { status: 'passed' }],
        },
      ],
    },
  ]);
});
