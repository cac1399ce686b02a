/**
 * summary.md: a Markdown summary sized for a GitHub Actions step summary
 * (`$GITHUB_STEP_SUMMARY`, 1 MiB at most): verdict, counts, per-SP table,
 * failures by severity with their first evidence exchange, and the reasons
 * checks did not run.
 */

import { compatibilityMatrices, whereRun } from './matrix.js';
import { NOTHING_TESTED, type CheckResult, type RunReport, type Severity } from './model.js';
import type { Reporter } from './reporter.js';
import {
  SEVERITIES,
  evidenceParts,
  evidenceTitle,
  failsRun,
  nothingTestedAdvice,
  reasonOf,
  severityOfResult,
  stripControlChars,
  truncate,
} from './text.js';

/** GitHub refuses step summaries over 1 MiB; stay well below with room for the closing lines. */
export const MARKDOWN_BYTE_LIMIT = 900_000;

/** Failures shown in full, per severity, before the rest are only counted. */
const FAILURES_PER_SEVERITY = 50;
/** Rows of the skipped / not-applicable list before the rest are only counted. */
const REASONS_LIMIT = 200;
/** Rows of the per-SP table before the rest are only counted. */
const SP_ROWS_LIMIT = 100;
/** Bodies in the summary are cut shorter than in junit.xml: a summary is read, not diffed. */
const SUMMARY_BODY_LIMIT = 1500;
/** Messages are cut here, and reasons in the not-run list at a quarter of it. */
const PROSE_LIMIT = 2000;

const ICON: Readonly<Record<Severity, string>> = { critical: '🛑', error: '❌', warning: '⚠️', note: 'ℹ️' };
const HEADING: Readonly<Record<Severity, string>> = {
  critical: 'Critical',
  error: 'Errors',
  warning: 'Warnings',
  note: 'Notes',
};

/**
 * Escapes text for Markdown prose and table cells: HTML-significant characters,
 * emphasis, code and link syntax and `|`; newlines become `<br>`.
 */
export function escapeMarkdown(text: string): string {
  return stripControlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}

/** Escapes text inside raw HTML such as `<summary>`, where Markdown escapes are not read. */
function escapeHtml(text: string): string {
  return stripControlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A fenced code block whose fence is longer than any backtick run in `text`. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${stripControlChars(text)}\n${fence}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The verdict line: ✅ or ❌, the exit code and what made it. @see docs/conformance.md "Verdicts" */
export function headline(report: RunReport): string {
  const { summary } = report;
  const strict = report.options.strict;
  if (summary.exitCode === NOTHING_TESTED)
    return `## ⚠️ Nothing tested — exit code ${NOTHING_TESTED}\n\n${nothingTestedAdvice(report.results)}`;
  if (summary.exitCode === 0) {
    if (strict) {
      const notes = summary.notes > 0 ? ` ${plural(summary.notes, 'note')} reported.` : '';
      return `## ✅ Passed — exit code 0\n\nNo critical, error or warning failures (--strict).${notes}`;
    }
    const soft = [plural(summary.warnings, 'warning'), plural(summary.notes, 'note')];
    const findings =
      summary.warnings + summary.notes > 0
        ? ` ${joinAnd(soft)} reported; warnings fail the run only with --strict.`
        : '';
    return `## ✅ Passed — exit code 0\n\nNo critical or error failures.${findings}`;
  }
  const failing = [
    summary.critical > 0 ? plural(summary.critical, 'critical failure') : '',
    summary.errors > 0 ? plural(summary.errors, 'error') : '',
    strict && summary.warnings > 0 ? plural(summary.warnings, 'warning') : '',
  ].filter((part) => part !== '');
  const count = summary.critical + summary.errors + (strict ? summary.warnings : 0);
  const verb = count === 1 ? 'fails' : 'fail';
  return `## ❌ Failed — exit code 1\n\n${joinAnd(failing)} ${verb} the run${strict ? ' (--strict)' : ''}.`;
}

function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  align: string[],
): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

function countsTable(report: RunReport): string {
  const s = report.summary;
  const rows: [string, number][] = [
    ['✅ Passed', s.passed],
    [`${ICON.critical} Critical`, s.critical],
    [`${ICON.error} Error`, s.errors],
    [`${ICON.warning} Warning${report.options.strict ? ' (fails: --strict)' : ''}`, s.warnings],
    [`${ICON.note} Note`, s.notes],
    ['⏭️ Skipped', s.skipped],
    ['➖ Not applicable', s.notApplicable],
    ['**Total**', s.total],
  ];
  return table(['Outcome', 'Count'], rows, ['---', '---:']);
}

function spTable(report: RunReport): string {
  const strict = report.options.strict;
  const sps = [
    ...new Set([...report.targets.map((target) => target.sp), ...report.results.map((r) => r.sp)]),
  ];
  const rows = sps.slice(0, SP_ROWS_LIMIT).map((sp) => {
    const results = report.results.filter((result) => result.sp === sp);
    const failed = (severity: Severity) =>
      results.filter((r) => r.status === 'failed' && severityOfResult(r) === severity).length;
    const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
    const verdict = results.some((result) => failsRun(result, strict)) ? '❌' : '✅';
    return [
      escapeMarkdown(sp),
      verdict,
      count('passed'),
      ...SEVERITIES.map(failed),
      count('skipped'),
      count('not-applicable'),
    ];
  });
  const header = [
    'SP',
    'Verdict',
    'Passed',
    ...SEVERITIES.map((s) => `${ICON[s]} ${HEADING[s]}`),
    'Skipped',
    'N/A',
  ];
  const more =
    sps.length > SP_ROWS_LIMIT ? `\n\n…and ${sps.length - SP_ROWS_LIMIT} more SPs (see report.json).` : '';
  return table(header, rows, ['---', ':---:', ...header.slice(2).map(() => '---:')]) + more;
}

function evidenceDetails(result: CheckResult): string {
  const first = result.evidence[0];
  if (!first) return '';
  const text = evidenceParts(first, SUMMARY_BODY_LIMIT)
    .map((part) => part.text)
    .join('\n');
  const more =
    result.evidence.length > 1 ? `\n\n…and ${plural(result.evidence.length - 1, 'more evidence item')}.` : '';
  return `<details><summary>${escapeHtml(evidenceTitle(first, 0))}</summary>\n\n${codeBlock(text)}${more}\n\n</details>`;
}

function failureEntry(result: CheckResult, report: RunReport): string {
  const ids = escapeMarkdown(result.requirements.join(', ') || 'none');
  const clause = result.clause ? ` · **Clause:** ${escapeMarkdown(result.clause)}` : '';
  const meta = `**SP:** ${escapeMarkdown(whereRun(result))} · **Requirements:** ${ids} · **Level:** ${result.level}${clause}`;
  const lines = [
    `#### ${escapeMarkdown(result.scenario)} — ${escapeMarkdown(result.title)}`,
    '',
    meta,
    '',
    escapeMarkdown(truncate(result.message, PROSE_LIMIT)),
  ];
  const cited = requirementLines(result, report);
  if (cited.length > 0) lines.push('', ...cited);
  if (result.consequence) lines.push('', `*Consequence:* ${escapeMarkdown(result.consequence)}`);
  if (result.reason) lines.push('', `*Reason:* ${escapeMarkdown(truncate(result.reason, PROSE_LIMIT))}`);
  const evidence = evidenceDetails(result);
  if (evidence) lines.push('', evidence);
  return lines.join('\n');
}

/** Each cited requirement's text and source, as a quote under the failure. */
function requirementLines(result: CheckResult, report: RunReport): string[] {
  return result.requirements.flatMap((id) => {
    const note = report.requirements?.[id];
    if (!note) return [];
    const text = escapeMarkdown(truncate(note.text, PROSE_LIMIT / 2));
    return [`> **${escapeMarkdown(id)}** (${note.level}): ${text} — *${escapeMarkdown(note.source)}*`];
  });
}

/** Failures grouped by severity, critical first, within a byte budget. */
function failures(report: RunReport, budget: number): string[] {
  const failed = report.results.filter((result) => result.status === 'failed');
  if (failed.length === 0) return [];
  const blocks = ['## Failures'];
  let used = 0;
  for (const severity of SEVERITIES) {
    const group = failed.filter((result) => severityOfResult(result) === severity);
    if (group.length === 0) continue;
    blocks.push(`### ${ICON[severity]} ${HEADING[severity]} (${group.length})`);
    let shown = 0;
    for (const result of group) {
      const entry = failureEntry(result, report);
      const size = Buffer.byteLength(entry, 'utf8');
      if (shown >= FAILURES_PER_SEVERITY || used + size > budget) break;
      blocks.push(entry);
      used += size;
      shown++;
    }
    if (shown < group.length) {
      blocks.push(
        `…and ${group.length - shown} more ${HEADING[severity].toLowerCase()} (see report.json or report.html).`,
      );
    }
  }
  return blocks;
}

function notRun(report: RunReport): string[] {
  const results = report.results.filter((r) => r.status === 'skipped' || r.status === 'not-applicable');
  if (results.length === 0) return [];
  const items = results.slice(0, REASONS_LIMIT).map((result) => {
    const status = result.status === 'skipped' ? 'skipped' : 'not applicable';
    return `- **${escapeMarkdown(whereRun(result))}** · ${escapeMarkdown(result.scenario)} (${status}): ${escapeMarkdown(truncate(reasonOf(result), PROSE_LIMIT / 4))}`;
  });
  if (results.length > REASONS_LIMIT) items.push(`- …and ${results.length - REASONS_LIMIT} more.`);
  const title = `Skipped and not applicable (${results.length})`;
  return [`<details><summary>${title}</summary>\n\n${items.join('\n')}\n\n</details>`];
}

const CELL: Readonly<Record<Severity, string>> = { ...ICON };

/** The compatibility matrix, one table per SP run in IdP dialects: a row per lifecycle step. */
function matrixBlocks(report: RunReport): string[] {
  return compatibilityMatrices(report).flatMap((matrix) => {
    const rows = matrix.rows.map((row) => [
      `${escapeMarkdown(row.title)} <sub>${escapeMarkdown(row.scenario)}</sub>`,
      ...row.cells.map((cell) =>
        cell === undefined
          ? ' '
          : cell.status === 'failed'
            ? `${CELL[cell.severity]} ${cell.severity}`
            : cell.status === 'passed'
              ? '✅'
              : '➖',
      ),
    ]);
    return [
      `## Compatibility matrix — ${escapeMarkdown(matrix.sp)}`,
      'Each lifecycle step as the IdP sends it, read back over SCIM: ✅ works; a failure is graded by what it costs the customer (🛑 critical, ❌ error, ⚠️ warning — refused a non-standard request, as the RFC allows); ➖ not applicable.',
      table(['Step', ...matrix.dialects.map(escapeMarkdown)], rows, [
        '---',
        ...matrix.dialects.map(() => ':---:'),
      ]),
    ];
  });
}

/** Renders summary.md. */
export function renderMarkdown(report: RunReport): string {
  const { tool, options, schemaVersion } = report;
  const about =
    `<sub>${tool.name} ${escapeMarkdown(tool.version)} · schema ${schemaVersion} · ` +
    `started ${escapeMarkdown(report.startedAt)} · ${(report.durationMs / 1000).toFixed(2)} s · seed ${options.seed} · ` +
    `strict: ${options.strict ? 'yes' : 'no'}</sub>`;
  const head = [
    '# sso-harness conformance report',
    headline(report),
    about,
    '## Counts',
    countsTable(report),
    '## Per SP',
    spTable(report),
    ...matrixBlocks(report),
  ].join('\n\n');
  const tail = notRun(report).join('\n\n');
  const budget = MARKDOWN_BYTE_LIMIT - Buffer.byteLength(head + tail, 'utf8');
  return `${[head, ...failures(report, budget), tail].filter((block) => block !== '').join('\n\n')}\n`;
}

/** The summary.md writer. */
export const markdownReporter: Reporter = {
  name: 'markdown',
  fileName: 'summary.md',
  render: renderMarkdown,
};
