/**
 * junit.xml for CI test reporters (GitHub Actions, GitLab, Jenkins): one
 * <testsuite> per suite and SP. Only failures that fail the run become
 * <failure>, so CI gating matches the exit code; warnings and notes are passed
 * test cases with the finding in <system-out>. @see docs/conformance.md "Verdicts"
 */

import { whereRun } from './matrix.js';
import type { CheckResult, RunReport } from './model.js';
import type { Reporter } from './reporter.js';
import { evidenceText, failsRun, reasonOf, severityOfResult, truncate } from './text.js';
import { element, writeDocument } from './xml.js';
import type { XmlElement } from './xml.js';

/** Failure messages (attributes) are cut here; the element body holds the details. */
const MESSAGE_LIMIT = 1000;

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The details of a finding: verdict line, message, reason and evidence summaries. */
export function details(result: CheckResult, report: RunReport): string {
  const severity = severityOfResult(result);
  const lines = [
    `${severity} (${result.level}${result.security ? ', security' : ''}) · ` +
      `requirements: ${result.requirements.join(', ') || 'none'}${result.clause ? ` · ${result.clause}` : ''}`,
    result.message,
  ];
  if (result.consequence) lines.push(`consequence: ${result.consequence}`);
  for (const id of result.requirements) {
    const note = report.requirements?.[id];
    if (note) lines.push(`${id} (${note.level}): ${note.text} [${note.source}]`);
  }
  if (result.reason) lines.push(`reason: ${result.reason}`);
  result.evidence.forEach((evidence, index) => lines.push('', evidenceText(evidence, index)));
  return lines.join('\n');
}

function testcase(result: CheckResult, report: RunReport): XmlElement {
  const strict = report.options.strict;
  const attributes = {
    classname: `${result.suite}.${result.sp}${result.dialect === undefined ? '' : `.${result.dialect}`}`,
    name: `${result.scenario}: ${result.title} [${result.requirements.join(', ')}]`,
    time: seconds(result.durationMs),
  };
  if (result.status === 'skipped' || result.status === 'not-applicable') {
    const prefix = result.status === 'not-applicable' ? 'not applicable: ' : '';
    return element('testcase', attributes, [element('skipped', { message: prefix + reasonOf(result) })]);
  }
  if (result.status === 'passed') return element('testcase', attributes);
  if (failsRun(result, strict)) {
    const failure = { type: severityOfResult(result), message: truncate(result.message, MESSAGE_LIMIT) };
    return element('testcase', attributes, [element('failure', failure, [details(result, report)])]);
  }
  const why =
    severityOfResult(result) === 'warning' ? 'fails the run only with --strict' : 'does not fail the run';
  const out = `Reported, not failed: this ${why}.\n${details(result, report)}`;
  return element('testcase', attributes, [element('system-out', {}, [out])]);
}

interface SuiteCounts {
  tests: number;
  failures: number;
  skipped: number;
  ms: number;
}

function counts(results: readonly CheckResult[], strict: boolean): SuiteCounts {
  return {
    tests: results.length,
    failures: results.filter((result) => failsRun(result, strict)).length,
    skipped: results.filter((result) => result.status === 'skipped' || result.status === 'not-applicable')
      .length,
    ms: results.reduce((sum, result) => sum + result.durationMs, 0),
  };
}

function countAttributes(c: SuiteCounts) {
  return { tests: c.tests, failures: c.failures, errors: 0, skipped: c.skipped, time: seconds(c.ms) };
}

/** Groups results by suite and SP, in the order each pair first appears. */
function groups(results: readonly CheckResult[]): CheckResult[][] {
  const bySuiteAndSp = new Map<string, CheckResult[]>();
  for (const result of results) {
    // JSON keeps the pair unambiguous whatever characters suite and SP hold.
    const key = JSON.stringify([result.suite, result.sp, result.dialect]);
    const group = bySuiteAndSp.get(key);
    if (group) group.push(result);
    else bySuiteAndSp.set(key, [result]);
  }
  return [...bySuiteAndSp.values()];
}

/** Renders junit.xml; counts on each element agree with the test cases inside it. */
export function renderJunit(report: RunReport): string {
  const strict = report.options.strict;
  const suites = groups(report.results).map((results) => {
    const first = results[0]!;
    return element(
      'testsuite',
      { name: `${first.suite} › ${whereRun(first)}`, ...countAttributes(counts(results, strict)) },
      results.map((result) => testcase(result, report)),
    );
  });
  const root = element(
    'testsuites',
    { name: 'sso-harness', ...countAttributes(counts(report.results, strict)), timestamp: report.startedAt },
    suites,
  );
  return writeDocument(root);
}

/** The junit.xml writer. */
export const junitReporter: Reporter = { name: 'junit', fileName: 'junit.xml', render: renderJunit };
