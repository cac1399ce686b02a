import { expect, it } from 'vitest';
import { compatibilityMatrices, whereRun } from './matrix.js';
import type { CheckResult } from './model.js';
import { renderMarkdown } from './markdown.js';
import { sampleReport } from './test-support.js';

const result = (
  scenario: string,
  dialect: string | undefined,
  status: CheckResult['status'],
  severity?: CheckResult['severity'],
): CheckResult => ({
  scenario,
  suite: scenario.split('/')[0]!,
  title: `title of ${scenario}`,
  sp: 'external',
  ...(dialect === undefined ? {} : { dialect }),
  status,
  level: 'MUST',
  ...(severity === undefined ? {} : { severity }),
  requirements: ['SCIM-LIFECYCLE-DEACTIVATE'],
  message: status,
  evidence: [],
  durationMs: 1,
});

const results = [
  result('scim-protocol/once', undefined, 'passed'),
  result('deactivation/suspend-read-back', 'jumpcloud', 'passed'),
  result('deactivation/suspend-read-back', 'entra', 'failed', 'warning'),
  result('import/list-read-back', 'jumpcloud', 'passed'),
  result('import/list-read-back', 'entra', 'not-applicable'),
  result('group-sync/push-read-back', 'jumpcloud', 'not-applicable'),
  result('group-sync/push-read-back', 'entra', 'not-applicable'),
];

it('builds one matrix per SP from the per-dialect results, leaving out rows that applied nowhere', () => {
  expect(compatibilityMatrices({ ...sampleReport(), results })).toEqual([
    {
      sp: 'external',
      dialects: ['jumpcloud', 'entra'],
      rows: [
        {
          scenario: 'deactivation/suspend-read-back',
          title: 'title of deactivation/suspend-read-back',
          cells: [{ status: 'passed' }, { status: 'failed', severity: 'warning' }],
        },
        {
          scenario: 'import/list-read-back',
          title: 'title of import/list-read-back',
          cells: [{ status: 'passed' }, { status: 'not-applicable' }],
        },
      ],
    },
  ]);
});

it('names where a result ran, with its dialect', () => {
  expect(whereRun(results[0]!)).toBe('external');
  expect(whereRun(results[2]!)).toBe('external (entra)');
});

it('renders the matrix in summary.md, and none for a run without dialects', () => {
  const markdown = renderMarkdown({ ...sampleReport(), results });
  expect(markdown).toContain('## Compatibility matrix — external');
  expect(markdown).toContain('| Step | jumpcloud | entra |');
  expect(markdown).toMatch(/suspend-read-back<\/sub> \| ✅ \| ⚠️ warning \|/);
  expect(renderMarkdown(sampleReport())).not.toContain('Compatibility matrix');
});
