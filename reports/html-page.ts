/**
 * What report.html shows, derived from the run in Node when the report is written: the verdict
 * and its reasons, the target × suite matrix, the dialect matrices, the results in reading order
 * (failures by severity, then blocked, passed, and not-applicable grouped by reason) and their
 * evidence prepared for reading. The page's script lays this out and filters it; it decides nothing.
 */
import { evidenceView, type EvidenceView } from './html-evidence.js';
import { compatibilityMatrices, whereRun, type CompatibilityMatrix } from './matrix.js';
import type { CheckResult, Level, RequirementNote, RunReport, Severity } from './model.js';
import { SEVERITIES, failsRun, nothingTestedAdvice, reasonOf, severityOfResult } from './text.js';

/** How a result reads: a failure's severity, or what else happened to it. */
export type Outcome = Severity | 'passed' | 'blocked' | 'skipped' | 'not-applicable';

/** The part of the results list a result is in, in page order. */
export type Section = 'failed' | 'blocked' | 'passed' | 'not-applicable';

/** A cell's colour: its worst failure, else blocked, passed, not applicable, or nothing run. */
export type Tone = Severity | 'blocked' | 'passed' | 'not-applicable' | 'empty';

/** Counts of one target × suite cell (or a total). */
export interface CellCounts {
  passed: number;
  failed: number;
  /** Skipped, or not run because a check it stands on failed. */
  blocked: number;
  notApplicable: number;
  tone: Tone;
}

export interface MatrixRowView {
  /** The target as reports name it: the SP, and the dialect when it ran in one. */
  target: string;
  cells: CellCounts[];
  total: CellCounts;
}

/** Targets (rows) × suites (columns). */
export interface SuiteMatrix {
  suites: string[];
  rows: MatrixRowView[];
}

/** One result as the page lists it. */
export interface PageResult {
  /** Its position in report.json's results. */
  index: number;
  section: Section;
  outcome: Outcome;
  target: string;
  suite: string;
  scenario: string;
  title: string;
  level: Level;
  /** Present on security checks. */
  security?: true;
  requirements: string[];
  clause?: string;
  message: string;
  reason?: string;
  consequence?: string;
  blockedBy?: string;
  /** On a not-applicable result: its reason's place in ReportPage.notApplicable. */
  group?: number;
  /** Present on a failure that makes the run fail. */
  failsRun?: true;
  durationMs: number;
  /** Present when the result has evidence. */
  evidence?: EvidenceView[];
}

/** The page's data, carried as JSON in `<script id="run-data">`. */
export interface ReportPage {
  verdict: { exitCode: 0 | 1 | 3; text: string; detail: string };
  meta: string;
  counts: { label: string; value: number; tone: Tone | 'total' }[];
  matrix: SuiteMatrix;
  dialects: CompatibilityMatrix[];
  requirements: Record<string, RequirementNote>;
  /** Page order: failures by severity, blocked, passed, then not applicable by reason. */
  results: PageResult[];
  /** The reasons checks were not applicable, the most common first. */
  notApplicable: { reason: string; count: number }[];
}

const SECTIONS: readonly Section[] = ['failed', 'blocked', 'passed', 'not-applicable'];

function outcomeOf(result: CheckResult): Outcome {
  if (result.status === 'failed') return severityOfResult(result);
  if (result.status === 'not-applicable' && result.blockedBy !== undefined) return 'blocked';
  return result.status;
}

function sectionOf(outcome: Outcome): Section {
  if ((SEVERITIES as readonly string[]).includes(outcome)) return 'failed';
  if (outcome === 'blocked' || outcome === 'skipped') return 'blocked';
  return outcome === 'passed' ? 'passed' : 'not-applicable';
}

const emptyCounts = (): CellCounts => ({ passed: 0, failed: 0, blocked: 0, notApplicable: 0, tone: 'empty' });

/** The colour rank: the first tone a cell has wins. */
const TONES: readonly Tone[] = [...SEVERITIES, 'blocked', 'passed', 'not-applicable', 'empty'];

function count(cell: CellCounts, outcome: Outcome): void {
  const section = sectionOf(outcome);
  if (section === 'failed') cell.failed++;
  else if (section === 'blocked') cell.blocked++;
  else if (section === 'passed') cell.passed++;
  else cell.notApplicable++;
  const tone: Tone = section === 'failed' ? (outcome as Severity) : section;
  if (TONES.indexOf(tone) < TONES.indexOf(cell.tone)) cell.tone = tone;
}

/** Every target's counts per suite, in the order the run listed targets and suites. */
export function suiteMatrix(report: RunReport): SuiteMatrix {
  const suites = [...new Set([...report.options.suites, ...report.results.map((result) => result.suite)])];
  const targets = [
    ...new Set([...report.targets.map(whereRun), ...report.results.map((result) => whereRun(result))]),
  ];
  const rows = targets.map((target) => ({ target, cells: suites.map(emptyCounts), total: emptyCounts() }));
  for (const result of report.results) {
    const row = rows[targets.indexOf(whereRun(result))]!;
    const outcome = outcomeOf(result);
    count(row.cells[suites.indexOf(result.suite)]!, outcome);
    count(row.total, outcome);
  }
  return { suites, rows };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 errors, 1 warning" for the failures of one cell. */
function failureWords(results: readonly CheckResult[]): string {
  return SEVERITIES.map((severity) => {
    const n = results.filter((result) => severityOfResult(result) === severity).length;
    return n === 0 ? '' : severity === 'critical' ? `${n} critical` : plural(n, severity);
  })
    .filter((word) => word !== '')
    .join(', ');
}

/** Where the failures are, cell by cell, the worst first: "outreach × saml-security (2 errors)". */
function failingCells(failures: readonly CheckResult[]): string {
  const cells = new Map<string, CheckResult[]>();
  for (const result of failures) {
    const key = `${whereRun(result)} × ${result.suite}`;
    cells.set(key, [...(cells.get(key) ?? []), result]);
  }
  const worst = (results: readonly CheckResult[]): number =>
    Math.min(...results.map((result) => SEVERITIES.indexOf(severityOfResult(result))));
  const listed = [...cells]
    .sort((a, b) => worst(a[1]) - worst(b[1]))
    .map(([cell, results]) => `${cell} (${failureWords(results)})`);
  return listed.length > 6
    ? `${listed.slice(0, 6).join('; ')}; and ${listed.length - 6} more`
    : listed.join('; ');
}

function verdictOf(report: RunReport): ReportPage['verdict'] {
  const { summary, options } = report;
  const failed = report.results.filter((result) => result.status === 'failed');
  const failing = failed.filter((result) => failsRun(result, options.strict));
  const lenient = failed.filter((result) => !failsRun(result, options.strict));
  if (summary.exitCode === 3)
    return {
      exitCode: 3,
      text: '⚠ Nothing tested — exit code 3: every check was not applicable',
      detail: nothingTestedAdvice(report.results),
    };
  const verb = lenient.length === 1 ? 'does' : 'do';
  const rest =
    lenient.length === 0
      ? ''
      : `${failureWords(lenient)} that ${verb} not fail the run: ${failingCells(lenient)}.`;
  if (summary.exitCode === 1)
    return {
      exitCode: 1,
      text: '✘ Failed — exit code 1',
      detail: `${failureWords(failing)} fail the run: ${failingCells(failing)}.${rest ? ` Also ${rest}` : ''}`,
    };
  const tested = `${plural(summary.passed, 'check')} passed on ${plural(new Set(report.results.map(whereRun)).size, 'target')}`;
  return { exitCode: 0, text: '✔ Passed — exit code 0', detail: rest ? `${tested}; ${rest}` : `${tested}.` };
}

function pageResult(result: CheckResult, index: number, strict: boolean, group?: number): PageResult {
  const outcome = outcomeOf(result);
  return {
    index,
    section: sectionOf(outcome),
    outcome,
    target: whereRun(result),
    suite: result.suite,
    scenario: result.scenario,
    title: result.title,
    level: result.level,
    ...(result.security === true ? { security: true as const } : {}),
    requirements: result.requirements,
    ...(result.clause === undefined ? {} : { clause: result.clause }),
    message: result.message,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    ...(result.consequence === undefined ? {} : { consequence: result.consequence }),
    ...(result.blockedBy === undefined ? {} : { blockedBy: result.blockedBy }),
    ...(group === undefined ? {} : { group }),
    ...(failsRun(result, strict) ? { failsRun: true as const } : {}),
    durationMs: result.durationMs,
    ...(result.evidence.length === 0 ? {} : { evidence: result.evidence.map(evidenceView) }),
  };
}

/** The results in page order, each N/A result pointing at its reason's group. */
function orderedResults(report: RunReport): Pick<ReportPage, 'results' | 'notApplicable'> {
  const strict = report.options.strict;
  const items = report.results.map((result, index) => ({ result, index, outcome: outcomeOf(result) }));
  const reasons = new Map<string, number>();
  for (const { result, outcome } of items) {
    if (sectionOf(outcome) !== 'not-applicable') continue;
    const reason = reasonOf(result);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const notApplicable = [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, n]) => ({ reason, count: n }));
  const groupOf = new Map(notApplicable.map(({ reason }, group) => [reason, group]));
  const rank = (item: (typeof items)[number]): number => {
    const section = sectionOf(item.outcome);
    const within =
      section === 'failed'
        ? SEVERITIES.indexOf(item.outcome as Severity)
        : section === 'not-applicable'
          ? groupOf.get(reasonOf(item.result))!
          : 0;
    return SECTIONS.indexOf(section) * 1e6 + within;
  };
  const results = items
    .sort((a, b) => rank(a) - rank(b) || a.index - b.index)
    .map(({ result, index, outcome }) =>
      pageResult(
        result,
        index,
        strict,
        sectionOf(outcome) === 'not-applicable' ? groupOf.get(reasonOf(result)) : undefined,
      ),
    );
  return { results, notApplicable };
}

function countsOf(report: RunReport, matrix: SuiteMatrix): ReportPage['counts'] {
  const { summary, options } = report;
  const all = emptyCounts();
  for (const row of matrix.rows) {
    all.blocked += row.total.blocked;
    all.notApplicable += row.total.notApplicable;
  }
  return [
    { label: 'Passed', value: summary.passed, tone: 'passed' },
    { label: 'Critical', value: summary.critical, tone: 'critical' },
    { label: 'Errors', value: summary.errors, tone: 'error' },
    { label: `Warnings${options.strict ? ' (fail: strict)' : ''}`, value: summary.warnings, tone: 'warning' },
    { label: 'Notes', value: summary.notes, tone: 'note' },
    { label: 'Blocked or skipped', value: all.blocked, tone: 'blocked' },
    { label: 'Not applicable', value: all.notApplicable, tone: 'not-applicable' },
    { label: 'Total', value: summary.total, tone: 'total' },
  ];
}

/** Everything report.html shows, prepared from the run. */
export function reportPage(report: RunReport): ReportPage {
  const matrix = suiteMatrix(report);
  const meta = [
    `${report.tool.name} ${report.tool.version}`,
    `schema ${report.schemaVersion}`,
    `started ${report.startedAt}`,
    `${(report.durationMs / 1000).toFixed(2)} s`,
    `seed ${report.options.seed}`,
    `strict: ${report.options.strict ? 'yes' : 'no'}`,
    `targets: ${report.targets.map((target) => `${whereRun(target)} (${target.kind})`).join(', ')}`,
  ].join(' · ');
  return {
    verdict: verdictOf(report),
    meta,
    counts: countsOf(report, matrix),
    matrix,
    dialects: compatibilityMatrices(report),
    requirements: report.requirements ?? {},
    ...orderedResults(report),
  };
}
