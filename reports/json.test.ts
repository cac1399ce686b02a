import { expect, test } from 'vitest';
import { ReportError } from './errors.js';
import { sampleReport, sampleResults } from './test-support.js';
import { renderJson, reportSchema, validateReport } from './json.js';
import { REPORT_SCHEMA_VERSION } from './model.js';
import type { CheckResult, RunReport } from './model.js';

function withFailure(change: (failure: CheckResult) => Partial<CheckResult> | CheckResult): RunReport {
  const results = sampleResults();
  results[1] = change(results[1]!) as CheckResult;
  return sampleReport({ results });
}

function thrown(run: () => unknown): ReportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportError) return error;
    throw error;
  }
  throw new Error('expected a ReportError');
}

test('validates the sample report', () => {
  expect(validateReport(sampleReport())).toEqual([]);
  expect(validateReport(sampleReport({ strict: true }))).toEqual([]);
});

test('versions the schema id with the model version', () => {
  expect(reportSchema.$id).toBe(`https://sso-harness.dev/schemas/report/${REPORT_SCHEMA_VERSION}.json`);
  expect(reportSchema.properties.schemaVersion.const).toBe(REPORT_SCHEMA_VERSION);
});

test('writes pretty JSON that parses back to the report', () => {
  const report = sampleReport();
  const text = renderJson(report);
  expect(text).toMatch(/^\{\n {2}"schemaVersion": "1\.4\.0",\n/);
  expect(text.endsWith('}\n')).toBe(true);
  expect(JSON.parse(text)).toEqual(report);
});

test('rejects a failed result without evidence, and the writer refuses to render it', () => {
  const report = withFailure((failure) => ({ ...failure, evidence: [] }));
  expect(validateReport(report)).toEqual([
    '/results/1/evidence (scim-protocol/patch-replace-display-name on okta): must NOT have fewer than 1 items',
  ]);
  const error = thrown(() => renderJson(report));
  expect(error.code).toBe('REPORT_INVALID');
  expect(error.issues).toHaveLength(1);
  expect(error.message).toContain('/results/1/evidence');
  expect(error.message).toContain(reportSchema.$id);
});

test('rejects a failed result without severity', () => {
  const report = withFailure(({ severity: _severity, ...failure }) => failure);
  expect(validateReport(report)).toEqual([
    "/results/1 (scim-protocol/patch-replace-display-name on okta): must have required property 'severity'",
  ]);
});

test('rejects bad enums, requirement IDs and extra properties, listing every violation', () => {
  const report = withFailure((failure) => ({
    ...failure,
    status: 'broken' as CheckResult['status'],
    requirements: ['IDP-IDM-03', 'scim 3.3', 'SCIM'],
    colour: 'red',
  }));
  expect(validateReport(report)).toEqual([
    "/results/1 (scim-protocol/patch-replace-display-name on okta): must NOT have additional properties 'colour'",
    '/results/1/status (scim-protocol/patch-replace-display-name on okta): must be equal to one of the allowed values: passed, failed, skipped, not-applicable',
    '/results/1/requirements/1 (scim-protocol/patch-replace-display-name on okta): must match pattern "^[A-Z][A-Z0-9]*(-[A-Za-z0-9.]+)+$"',
    '/results/1/requirements/2 (scim-protocol/patch-replace-display-name on okta): must match pattern "^[A-Z][A-Z0-9]*(-[A-Za-z0-9.]+)+$"',
  ]);
});

test('accepts requirement IDs in every documented form', () => {
  const requirements = ['IDP-IDM-03', 'INT-04', 'SF-14', 'SCIM-CREATE', 'SCIM-3.3', 'SCIM-3.4.2.2'];
  expect(validateReport(withFailure((failure) => ({ ...failure, requirements })))).toEqual([]);
});

test('rejects evidence whose fields do not match its kind', () => {
  const report = withFailure((failure) => ({
    ...failure,
    evidence: [{ kind: 'note', xml: '<a/>' } as never],
  }));
  expect(validateReport(report)).toEqual([
    "/results/1/evidence/0 (scim-protocol/patch-replace-display-name on okta): must have required property 'text'",
    "/results/1/evidence/0 (scim-protocol/patch-replace-display-name on okta): must NOT have additional properties 'xml'",
  ]);
});

test('rejects a summary that does not match the results', () => {
  const report = sampleReport();
  const issues = validateReport({ ...report, summary: { ...report.summary, errors: 0, exitCode: 0 } });
  expect(issues).toEqual([
    '/summary/errors: is 0 but the results give 1; build the summary with summarize(results, strict) from reports/model.ts',
    '/summary/exitCode: is 0 but the results give 1; build the summary with summarize(results, strict) from reports/model.ts',
  ]);
});

test('validates what JSON would write, so NaN and undefined do not slip through', () => {
  const report = sampleReport();
  const broken = {
    ...report,
    durationMs: Number.NaN,
    tool: { ...report.tool, version: undefined as unknown as string },
  };
  expect(thrown(() => renderJson(broken)).issues).toEqual([
    "/tool: must have required property 'version'",
    '/durationMs: must be number',
  ]);
});

test('rejects values that are not reports', () => {
  expect(validateReport(null)).toEqual(['/: must be object']);
  expect(validateReport({ schemaVersion: '2.0.0' })).toContain(
    "/schemaVersion: must be equal to constant '1.4.0'",
  );
});

test('matches the snapshot of the sample run', async () => {
  await expect(renderJson(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.report.json.snap');
});
