/**
 * What a run's results say together, once every check has run: the requirement texts they cite,
 * and the checks blocked by a step that did not fail on the same SP.
 */
import { severityOf, type CheckResult, type RequirementNote } from '#reports';
import type { Requirement } from '#harness/requirements';

/** The rows the results cite, by ID, as reports show them. */
export function citedRequirements(
  results: readonly CheckResult[],
  catalogue: readonly Requirement[],
): Record<string, RequirementNote> {
  const cited = new Set(results.flatMap((result) => result.requirements));
  const notes: Record<string, RequirementNote> = {};
  for (const row of catalogue) {
    if (!cited.has(row.id)) continue;
    notes[row.id] = {
      level: row.level,
      text: row.text,
      source: `${row.source.document}, ${row.source.section}`,
      ...(row.assumed === undefined ? {} : { assumed: row.assumed }),
    };
  }
  return notes;
}

/**
 * One cause, one failure: a check blocked by another stays not applicable where that check
 * failed on the same SP. Where it did not (it passed, was not applicable, or was not run), the
 * blocked check fails after all with what its precondition met, so nothing is hidden.
 */
export function resolveBlocked(results: CheckResult[]): void {
  // A check run per dialect is blocked by its blocker in the same dialect, or by one run once for the SP.
  const key = (sp: string, dialect: string | undefined, scenario: string): string =>
    `${sp}\0${dialect ?? ''}\0${scenario}`;
  const failed = new Set(
    results
      .filter((result) => result.status === 'failed')
      .map((result) => key(result.sp, result.dialect, result.scenario)),
  );
  for (const [i, result] of results.entries()) {
    const blocker = result.blockedBy;
    if (
      blocker === undefined ||
      failed.has(key(result.sp, result.dialect, blocker)) ||
      failed.has(key(result.sp, undefined, blocker))
    )
      continue;
    const { reason: _reason, ...rest } = result;
    const severity = severityOf(result.level, result.security === true);
    results[i] = {
      ...rest,
      status: 'failed',
      severity,
      message: `A step this check stands on failed, though ${blocker} did not fail here: ${(result.reason ?? '').slice(`blocked by ${blocker}: `.length)}`,
      evidence:
        result.evidence.length > 0
          ? result.evidence
          : [{ kind: 'note', text: 'No HTTP exchange was made before the failure.' }],
    };
  }
}
