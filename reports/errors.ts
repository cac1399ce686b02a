/**
 * The errors of the reports domain: few, coded, each message saying what was
 * expected, what was found and the fix (vitest's `errors.ts` pattern).
 */

/** The codes a {@link ReportError} carries. */
export type ReportErrorCode = 'REPORT_INVALID' | 'REPORT_UNKNOWN_REPORTER';

/**
 * A report could not be written: the run model breaks report.schema.json
 * (`REPORT_INVALID`, with `issues`), or a reporter name is unknown
 * (`REPORT_UNKNOWN_REPORTER`).
 */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  /** The individual problems, one line each (schema violations for `REPORT_INVALID`). */
  readonly issues: readonly string[];

  constructor(code: ReportErrorCode, message: string, issues: readonly string[] = []) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
    this.issues = issues;
  }
}
