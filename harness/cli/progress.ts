/**
 * Live progress: one rewritten line on a terminal, plain result lines otherwise (CI logs), so
 * a long run shows where it is either way; then the totals and a recap of every failure, so the
 * end of a long log says what failed without scrolling back.
 */
import {
  NOTHING_TESTED,
  SEVERITIES,
  nothingTestedAdvice,
  severityOfResult,
  whereRun,
  type CheckResult,
  type RunReport,
} from '#reports';

export interface Progress {
  result(result: CheckResult, done: number, total: number): void;
  /** The totals, a recap of the failures and the files written; `stopped` when the run was cut short. */
  finish(report: RunReport, written: readonly string[], stopped?: boolean): void;
}

const MARK: Record<CheckResult['status'], string> = {
  passed: 'PASS',
  failed: 'FAIL',
  skipped: 'SKIP',
  'not-applicable': 'N/A ',
};

/** SGR codes: green, red, yellow, dim. */
const PAINT = { pass: '32', fail: '31', warn: '33', dim: '2' } as const;

/** The recap lists this many failures; the report has them all. */
const RECAP_LIMIT = 40;

/**
 * Whether to colour `stream`: FORCE_COLOR wins (0 or false turns colour off), then NO_COLOR
 * (https://no-color.org) turns it off, else colour on a terminal only.
 */
export function useColour(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}

export function createProgress(
  stream: NodeJS.WriteStream,
  options: { quiet: boolean; colour: boolean },
): Progress {
  const tty = stream.isTTY === true;
  const paint = (code: string, text: string): string =>
    options.colour ? `\x1b[${code}m${text}\x1b[0m` : text;
  const mark = (result: CheckResult): string => {
    if (result.status === 'passed') return paint(PAINT.pass, MARK.passed);
    if (result.status === 'failed') {
      const severity = severityOfResult(result);
      const code = severity === 'critical' || severity === 'error' ? PAINT.fail : PAINT.warn;
      return paint(code, `${MARK.failed} ${severity}`);
    }
    return paint(result.status === 'skipped' ? PAINT.warn : PAINT.dim, MARK[result.status]);
  };
  const line = (result: CheckResult): string =>
    `${mark(result)} ${whereRun(result)} ${result.scenario} [${result.requirements.join(', ')}]`;
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
    finish({ summary, results }, written, stopped = false) {
      if (tty) stream.write('\r\x1b[2K');
      const failed = results
        .filter((result) => result.status === 'failed')
        .sort((a, b) => SEVERITIES.indexOf(severityOfResult(a)) - SEVERITIES.indexOf(severityOfResult(b)));
      if (failed.length > 0) {
        stream.write(`\nFailed checks (${failed.length}), the most serious first:\n`);
        for (const result of failed.slice(0, RECAP_LIMIT))
          stream.write(
            `  ${mark(result)} ${whereRun(result)} ${result.scenario}: ${firstLine(result.message)}\n`,
          );
        if (failed.length > RECAP_LIMIT)
          stream.write(`  … and ${failed.length - RECAP_LIMIT} more: see the report\n`);
        stream.write('\n');
      }
      const verdict = paint(
        summary.exitCode === 0 ? PAINT.pass : PAINT.fail,
        `${summary.passed} passed, ${summary.failed} failed`,
      );
      stream.write(
        `sso-harness: ${summary.total} checks — ${verdict} ` +
          `(critical ${summary.critical}, errors ${summary.errors}, warnings ${summary.warnings}, notes ${summary.notes}), ` +
          `${summary.notApplicable} not applicable, ${summary.skipped} skipped; ` +
          `${stopped ? 'the run was stopped, exit 2' : `exit ${summary.exitCode}`}\n`,
      );
      if (summary.exitCode === NOTHING_TESTED && !stopped) stream.write(`${nothingTestedAdvice(results)}\n`);
      for (const path of written) stream.write(`wrote ${path}\n`);
    },
  };
}

/** A message's first line, cut to fit a recap line. */
function firstLine(message: string): string {
  const first = message.split('\n', 1)[0]!;
  return first.length > 160 ? `${first.slice(0, 159)}…` : first;
}
