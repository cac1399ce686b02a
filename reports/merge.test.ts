import { describe, expect, it } from 'vitest';
import { MergeError, judgeBlocked, mergeReports, readShardReport } from './merge.js';
import { summarize, type CheckResult, type RunReport } from './model.js';
import { renderJson } from './json.js';
import { sampleReport, sampleResults } from './test-support.js';

/** The sample run cut in two: results at even positions in one shard, odd in the other. */
function halves(report: RunReport = sampleReport()): [RunReport, RunReport] {
  const part = (keep: number): RunReport => {
    const results = report.results.filter((_, i) => i % 2 === keep);
    return { ...report, results, summary: summarize(results, report.options.strict) };
  };
  return [part(0), part(1)];
}

const verdicts = (report: RunReport) =>
  report.results.map(({ sp, dialect, scenario, status, severity, level }) => ({
    sp,
    dialect,
    scenario,
    status,
    severity,
    level,
  }));

const byKey = <T extends { sp: string; scenario: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => `${a.sp} ${a.scenario}`.localeCompare(`${b.sp} ${b.scenario}`));

const failure = (scenario: string, sp = 'okta', extra: Partial<CheckResult> = {}): CheckResult => ({
  scenario,
  suite: scenario.split('/')[0]!,
  title: scenario,
  sp,
  status: 'failed',
  level: 'MUST',
  severity: 'error',
  requirements: ['SCIM-CREATE'],
  message: `${scenario} failed`,
  evidence: [{ kind: 'note', text: 'POST /Users answered 500' }],
  durationMs: 1,
  ...extra,
});

/** A blocked check as the runner fails it when its blocker did not fail in the same run. */
const blockedFailure = (scenario: string, blocker: string, sp = 'okta', dialect?: string): CheckResult =>
  failure(scenario, sp, {
    ...(dialect === undefined ? {} : { dialect }),
    blockedBy: blocker,
    message: `A step this check stands on failed, though ${blocker} did not fail here: creating a test user failed`,
    evidence: [{ kind: 'note', text: 'No HTTP exchange was made before the failure.' }],
  });

const report = (results: CheckResult[], extra: Partial<RunReport> = {}): RunReport => ({
  ...sampleReport({ results }),
  ...extra,
});

describe('mergeReports', () => {
  it('gives the whole run its results, targets, requirements and summary back from its shards', () => {
    const whole = sampleReport();
    const merged = mergeReports(halves(whole), { sources: ['a', 'b'] });
    expect(byKey(verdicts(merged))).toEqual(byKey(verdicts(whole)));
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.targets).toEqual(whole.targets);
    expect(merged.requirements).toEqual(whole.requirements);
    expect(merged.options).toEqual(whole.options);
    expect(merged.results.map((result) => result.sp)).toEqual([
      ...whole.results.filter((result) => result.sp === 'okta').map(() => 'okta'),
      ...whole.results.filter((result) => result.sp === 'salesforce').map(() => 'salesforce'),
    ]);
  });

  it('orders the results by target, then suite, then the catalogue order given', () => {
    const results = [failure('scim-protocol/b'), failure('sso/a'), failure('scim-protocol/a')];
    const merged = mergeReports([report(results.slice(0, 1)), report(results.slice(1))], {
      order: { suites: ['scim-protocol', 'sso'], scenarios: ['scim-protocol/a', 'scim-protocol/b', 'sso/a'] },
    });
    expect(merged.results.map((result) => result.scenario)).toEqual([
      'scim-protocol/a',
      'scim-protocol/b',
      'sso/a',
    ]);
  });

  it('recomputes the exit code: warnings fail it when any shard ran strict, or when told to', () => {
    const warning = failure('scim-protocol/w', 'okta', { level: 'SHOULD', severity: 'warning' });
    const lenient = report([warning]);
    const strict = { ...report([failure('scim-protocol/x', 'salesforce', { status: 'passed' })]) };
    strict.options = { ...strict.options, strict: true };
    expect(mergeReports([lenient]).summary.exitCode).toBe(0);
    expect(mergeReports([lenient, strict]).summary.exitCode).toBe(1);
    expect(mergeReports([lenient], { strict: true }).summary.exitCode).toBe(1);
  });

  it('refuses two reports holding the same check on the same target, naming both', () => {
    const [a] = halves();
    expect(() =>
      mergeReports([a, a], { sources: ['shard-1/report.json', 'shard-1-again/report.json'] }),
    ).toThrow(
      /shard-1\/report\.json and shard-1-again\/report\.json both hold scim-protocol\/create-returns-201 on okta: each check on each target must come from one shard/,
    );
  });

  it('refuses reports of different seeds or sso-harness versions', () => {
    const [a, b] = halves();
    const seeded = { ...b, options: { ...b.options, seed: 7 } };
    expect(() => mergeReports([a, seeded])).toThrow(/report 1 ran with seed 42 and report 2 with seed 7/);
    const newer = { ...b, tool: { name: 'sso-harness' as const, version: '9.9.9' } };
    expect(() => mergeReports([a, newer])).toThrow(
      /report 1 was written by sso-harness 0\.1\.0 and report 2 by 9\.9\.9/,
    );
    try {
      mergeReports([a, newer]);
    } catch (error) {
      expect(error).toBeInstanceOf(MergeError);
      expect((error as MergeError).code).toBe('MERGE_MISMATCH');
    }
  });

  it('refuses a target the shards reached two ways', () => {
    const [a, b] = halves();
    const overHttp = {
      ...b,
      targets: b.targets.map((target) => ({ ...target, transport: 'http' as const })),
    };
    expect(() => mergeReports([a, overHttp])).toThrow(
      /report 1 reached okta as mock over in-process at https:\/\/okta\.mock\.test\/scim\/v2 and report 2 as mock over http/,
    );
  });
});

describe('judgeBlocked', () => {
  it('makes a blocked check not applicable where its blocker failed in another shard, as a whole run does', () => {
    const blocker = failure('scim-protocol/create-user-201');
    const blocked = blockedFailure('scim-protocol/patch-x', 'scim-protocol/create-user-201');
    const merged = mergeReports([report([blocked]), report([blocker])]);
    expect(merged.results.find((result) => result.scenario === 'scim-protocol/patch-x')).toEqual({
      scenario: 'scim-protocol/patch-x',
      suite: 'scim-protocol',
      title: 'scim-protocol/patch-x',
      sp: 'okta',
      status: 'not-applicable',
      level: 'MUST',
      requirements: ['SCIM-CREATE'],
      blockedBy: 'scim-protocol/create-user-201',
      message: 'Not applicable: blocked by scim-protocol/create-user-201: creating a test user failed',
      reason: 'blocked by scim-protocol/create-user-201: creating a test user failed',
      evidence: [],
      durationMs: 1,
    });
    expect(merged.summary).toMatchObject({ failed: 1, notApplicable: 1 });
  });

  it('keeps the blocked check failed where its blocker did not fail on that SP', () => {
    const results = [
      failure('scim-protocol/create-user-201', 'salesforce'),
      failure('scim-protocol/create-user-201', 'okta', { status: 'passed' }),
      blockedFailure('scim-protocol/patch-x', 'scim-protocol/create-user-201'),
    ];
    expect(judgeBlocked(results)[2]).toBe(results[2]);
  });

  it('judges a check run in a dialect by its blocker in that dialect or run once for the SP', () => {
    const results = [
      failure('provisioning/create-read-back', 'okta', { dialect: 'entra' }),
      failure('scim-protocol/create-user-201', 'okta'),
      blockedFailure('group-sync/a', 'provisioning/create-read-back', 'okta', 'entra'),
      blockedFailure('group-sync/a', 'provisioning/create-read-back', 'okta', 'okta'),
      blockedFailure('provisioning/b', 'scim-protocol/create-user-201', 'okta', 'okta'),
    ];
    expect(judgeBlocked(results).map((result) => result.status)).toEqual([
      'failed',
      'failed',
      'not-applicable',
      'failed',
      'not-applicable',
    ]);
  });

  it('does not count a blocked check as a failed blocker of another', () => {
    const results = [
      failure('scim-protocol/a'),
      blockedFailure('scim-protocol/b', 'scim-protocol/a'),
      blockedFailure('scim-protocol/c', 'scim-protocol/b'),
    ];
    expect(judgeBlocked(results).map((result) => result.status)).toEqual([
      'failed',
      'not-applicable',
      'failed',
    ]);
  });
});

describe('readShardReport', () => {
  it('reads a report.json a run wrote', () => {
    const whole = sampleReport();
    expect(readShardReport(renderJson(whole), 'x/report.json')).toEqual(whole);
  });

  it.each([
    ['{ nope', /^x\/report\.json is not JSON \(.+\); give the report\.json a run wrote$/],
    ['{"results": []}', /^x\/report\.json is not an sso-harness report/],
    [
      JSON.stringify({
        ...sampleReport(),
        schemaVersion: '1.2.0',
        tool: { name: 'sso-harness', version: '0.0.9' },
      }),
      /^x\/report\.json has report schema 1\.2\.0 \(sso-harness 0\.0\.9\); this sso-harness merges schema 1\.4\.0: run the shards and the merge with the same sso-harness$/,
    ],
    [
      JSON.stringify({ ...sampleReport(), results: [{ ...sampleResults()[0], status: 'great' }] }),
      /^x\/report\.json breaks report\.schema\.json in \d+ place\(s\):\n {2}- \/results\/0\/status/,
    ],
  ])('refuses %s with a message naming the file and the problem', (text, message) => {
    expect(() => readShardReport(text, 'x/report.json')).toThrow(message);
  });
});
