/**
 * Live progress: one rewritten line on a terminal, plain result lines otherwise
 * (CI logs), so a long run shows where it is either way.
 */
import { NOTHING_TESTED, nothingTestedAdvice, whereRun, type CheckResult, type RunReport } from '#reports';

export interface Progress {
  result(result: CheckResult, done: number, total: number): void;
  finish(report: RunReport, written: readonly string[]): void;
}

const MARK: Record<CheckResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  'not-applicable': 'N/A ',
};

function line(result: CheckResult): string {
  const severity = result.status === 'failed' && result.severity ? ` ${result.severity}` : '';
  return `${MARK[result.status]}${severity} ${whereRun(result)} ${result.scenario} [${result.requirements.join(', ')}]`;
}

export function createProgress(stream: NodeJS.WriteStream, options: { quiet: boolean }): Progress {
  const tty = stream.isTTY === true;
  return {
    result(result, done, total) {
      if (tty) {
        const text = `[${done}/${total}] ${whereRun(result)} ${result.scenario}`;
        stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 100) - 1)}`);
        if (result.status === 'failed') stream.write(`\r\x1b[2K${line(result)}\n    ${result.message}\n`);
      } else if (!options.quiet || result.status === 'failed') {
        stream.write(`${line(result)}\n`);
        if (result.status === 'failed') stream.write(`    ${result.message}\n`);
      }
    },
    finish({ summary, results }, written) {
      if (tty) stream.write('\r\x1b[2K');
      stream.write(
        `sso-harness: ${summary.total} checks — ${summary.passed} passed, ${summary.failed} failed ` +
          `(critical ${summary.critical}, errors ${summary.errors}, warnings ${summary.warnings}, notes ${summary.notes}), ` +
          `${summary.notApplicable} not applicable, ${summary.skipped} skipped; exit ${summary.exitCode}\n`,
      );
      if (summary.exitCode === NOTHING_TESTED) stream.write(`${nothingTestedAdvice(results)}\n`);
      for (const path of written) stream.write(`wrote ${path}\n`);
    },
  };
}
