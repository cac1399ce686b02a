/**
 * The compatibility matrix: for each SP, every check run per IdP dialect (a lifecycle step read
 * back over SCIM) against every dialect, each cell the verdict graded by what it costs.
 * Derived from the results alone, so every writer shows the same matrix.
 */
import type { CheckResult, RunReport, Severity } from './model.js';
import { severityOfResult } from './text.js';

export type MatrixCell =
  { status: 'passed' | 'not-applicable' | 'skipped' } | { status: 'failed'; severity: Severity };

export interface MatrixRow {
  scenario: string;
  title: string;
  /** One cell per dialect, in `dialects` order; undefined where the check did not run in it. */
  cells: (MatrixCell | undefined)[];
}

export interface CompatibilityMatrix {
  sp: string;
  dialects: string[];
  rows: MatrixRow[];
}

const cellOf = (result: CheckResult): MatrixCell =>
  result.status === 'failed'
    ? { status: 'failed', severity: severityOfResult(result) }
    : { status: result.status };

/** One matrix per SP that was run in at least one dialect; rows that applied nowhere are left out. */
export function compatibilityMatrices(report: RunReport): CompatibilityMatrix[] {
  const perDialect = report.results.filter((result) => result.dialect !== undefined);
  const sps = [...new Set(perDialect.map((result) => result.sp))];
  return sps.map((sp) => {
    const results = perDialect.filter((result) => result.sp === sp);
    const dialects = [...new Set(results.map((result) => result.dialect!))];
    const scenarios = [...new Set(results.map((result) => result.scenario))];
    const rows = scenarios.flatMap((scenario): MatrixRow[] => {
      const mine = results.filter((result) => result.scenario === scenario);
      if (mine.every((result) => result.status === 'not-applicable')) return [];
      const cells = dialects.map((dialect) => {
        const result = mine.find((r) => r.dialect === dialect);
        return result === undefined ? undefined : cellOf(result);
      });
      return [{ scenario, title: mine[0]!.title, cells }];
    });
    return { sp, dialects, rows };
  });
}

/** Where a result ran, as reports name it: the SP, and the dialect when it ran in one. */
export const whereRun = (result: Pick<CheckResult, 'sp' | 'dialect'>): string =>
  result.dialect === undefined ? result.sp : `${result.sp} (${result.dialect})`;
