import { expect, test } from 'vitest';
import { sampleReport, sampleResults } from './test-support.js';
import { MARKDOWN_BYTE_LIMIT, codeBlock, escapeMarkdown, headline, renderMarkdown } from './markdown.js';
import type { CheckResult } from './model.js';

/** The sample results without the critical and error failures: a run that passes unless strict. */
function softResults(): CheckResult[] {
  return sampleResults().filter((result) => result.severity !== 'critical' && result.severity !== 'error');
}

const SEVERITIES = ['critical', 'error', 'warning', 'note'] as const;

function failures(count: number, body: string, spread = false): CheckResult[] {
  const template = sampleResults()[1]!;
  return Array.from({ length: count }, (_, index) => ({
    ...template,
    scenario: `scim-protocol/case-${index}`,
    severity: spread ? SEVERITIES[index % 4] : template.severity,
    message: spread ? body : template.message,
    evidence: [
      {
        kind: 'http',
        exchange: {
          request: { method: 'POST', url: 'https://sp.test/Users', headers: {}, body },
          response: { status: 500, headers: {}, body },
          durationMs: 1,
        },
      },
    ],
  }));
}

test('headlines a failing run with exit code 1 and what failed it', () => {
  expect(headline(sampleReport())).toBe(
    '## ❌ Failed — exit code 1\n\n1 critical failure and 1 error fail the run.',
  );
});

test('headlines a passing run with exit code 0 and the findings that did not fail it', () => {
  expect(headline(sampleReport({ results: softResults() }))).toBe(
    '## ✅ Passed — exit code 0\n\nNo critical or error failures. 1 warning and 1 note reported; warnings fail the run only with --strict.',
  );
  const passed = softResults().map((result) => ({ ...result, status: 'passed' as const }));
  expect(headline(sampleReport({ results: passed }))).toBe(
    '## ✅ Passed — exit code 0\n\nNo critical or error failures.',
  );
});

test('headlines a run that tested nothing with exit code 3, the reasons and what to change', () => {
  const notApplicable = softResults().map((result) => ({
    ...result,
    status: 'not-applicable' as const,
    reason: 'outreach has no SCIM service',
  }));
  expect(headline(sampleReport({ results: notApplicable }))).toBe(
    '## ⚠️ Nothing tested — exit code 3\n\nNothing was tested: every check was not applicable — outreach has no SCIM service (6 checks). Choose SPs and suites that apply to each other (`sso-harness list checks` shows what each check needs).',
  );
  expect(headline(sampleReport({ results: [] }))).toMatch(/^## ⚠️ Nothing tested — exit code 3/);
});

test('headlines a strict run that warnings fail', () => {
  expect(headline(sampleReport({ results: softResults(), strict: true }))).toBe(
    '## ❌ Failed — exit code 1\n\n1 warning fails the run (--strict).',
  );
  expect(headline(sampleReport({ strict: true }))).toBe(
    '## ❌ Failed — exit code 1\n\n1 critical failure, 1 error and 1 warning fail the run (--strict).',
  );
  const notesOnly = softResults().filter((result) => result.severity !== 'warning');
  expect(headline(sampleReport({ results: notesOnly, strict: true }))).toBe(
    '## ✅ Passed — exit code 0\n\nNo critical, error or warning failures (--strict). 1 note reported.',
  );
});

test('escapes pipes, newlines, markup and emphasis in prose and table cells', () => {
  expect(escapeMarkdown('a | b\nc <script> & *d* `e` [f](g) \\ \u001b[0m')).toBe(
    'a \\| b<br>c &lt;script&gt; &amp; \\*d\\* \\`e\\` \\[f\\](g) \\\\ \\[0m',
  );
  const md = renderMarkdown(sampleReport({ results: [{ ...sampleResults()[0]!, sp: 'okta|prod\nEU' }] }));
  expect(md).toContain('| okta\\|prod<br>EU | ✅ |');
});

test('fences code with more backticks than the code holds', () => {
  expect(codeBlock('plain')).toBe('```\nplain\n```');
  expect(codeBlock('a ```` b ``')).toBe('`````\na ```` b ``\n`````');
});

test('orders failures by severity, critical first', () => {
  const md = renderMarkdown(sampleReport());
  const order = ['### 🛑 Critical (1)', '### ❌ Errors (1)', '### ⚠️ Warnings (1)', '### ℹ️ Notes (1)'].map(
    (h) => md.indexOf(h),
  );
  expect(order.every((index) => index > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('truncates long failure lists with a line saying how many more', () => {
  const md = renderMarkdown(sampleReport({ results: failures(120, '{}') }));
  expect(md.match(/^#### /gm)).toHaveLength(50);
  expect(md).toContain('…and 70 more errors (see report.json or report.html).');
});

test('stays under the step-summary size limit with huge bodies', () => {
  const md = renderMarkdown(sampleReport({ results: failures(2000, '€'.repeat(100_000), true) }));
  expect(Buffer.byteLength(md, 'utf8')).toBeLessThan(MARKDOWN_BYTE_LIMIT);
  expect(md).toContain('… (98500 more characters)');
  expect(md).toContain('…and 500 more notes (see report.json or report.html).');
  expect(md.match(/^#### /gm)!.length).toBeLessThan(200);
});

test('matches the snapshot of the sample run', async () => {
  await expect(renderMarkdown(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.summary.md.snap');
});
