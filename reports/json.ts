/**
 * report.json: the run model as pretty JSON, validated against report.schema.json
 * before it is written, so no invalid report ever leaves the harness.
 */

import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createRequire } from 'node:module';
import type AjvFormats from 'ajv-formats';
import { precompiledValidator } from '#harness/scim';
import { ReportError } from './errors.js';
import { summarize } from './model.js';
import type { RunReport, RunSummary } from './model.js';
import type { Reporter } from './reporter.js';
import schema from './report.schema.json' with { type: 'json' };

/** The JSON Schema (draft 2020-12) of report.json; its `$id` carries the schema version. */
export const reportSchema = schema;

/** The formats report.schema.json uses, from ajv-formats. */
export const REPORT_FORMATS = ['date-time', 'uri'] as const;
/** The file under dist/precompiled/ the build compiles report.schema.json into (#harness/scim precompiled.ts). */
export const REPORT_VALIDATOR_FILE = 'report-validator.cjs';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= precompiledValidator(REPORT_VALIDATOR_FILE, schema) ?? compileReportSchema();
  return compiled;
}

function compileReportSchema(): ValidateFunction {
  // Strict mode makes a schema mistake throw here, in the tests, rather than silently pass reports.
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv-formats (CommonJS), loaded here: only the thread that writes reports needs it.
  const formats = createRequire(import.meta.url)('ajv-formats') as typeof AjvFormats;
  formats.default(ajv, [...REPORT_FORMATS]);
  return ajv.compile(schema);
}

/** The result a path like `/results/3/evidence` points into, named for the message. */
function where(value: unknown, instancePath: string): string {
  const path = instancePath || '/';
  const match = /^\/results\/(\d+)/.exec(instancePath);
  if (!match || typeof value !== 'object' || value === null) return path;
  const results = (value as { results?: unknown }).results;
  const result: unknown = Array.isArray(results) ? results[Number(match[1])] : undefined;
  if (typeof result !== 'object' || result === null) return path;
  const { scenario, sp } = result as { scenario?: unknown; sp?: unknown };
  return `${path} (${String(scenario)} on ${String(sp)})`;
}

function describe(value: unknown, error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  let detail = error.message ?? error.keyword;
  if (error.keyword === 'additionalProperties') detail += ` '${String(params.additionalProperty)}'`;
  if (error.keyword === 'enum') detail += `: ${(params.allowedValues as unknown[]).join(', ')}`;
  if (error.keyword === 'const') detail += ` '${String(params.allowedValue)}'`;
  return `${where(value, error.instancePath)}: ${detail}`;
}

/** Summary fields whose value must equal `summarize(results, options.strict)`. */
const SUMMARY_KEYS: readonly (keyof RunSummary)[] = [
  'total',
  'passed',
  'failed',
  'skipped',
  'notApplicable',
  'critical',
  'errors',
  'warnings',
  'notes',
  'exitCode',
];

function summaryIssues(report: RunReport): string[] {
  const expected = summarize(report.results, report.options.strict);
  return SUMMARY_KEYS.filter((key) => report.summary[key] !== expected[key]).map(
    (key) =>
      `/summary/${key}: is ${report.summary[key]} but the results give ${expected[key]}; ` +
      'build the summary with summarize(results, strict) from reports/model.ts',
  );
}

/**
 * Checks a value (e.g. a parsed report.json) against report.schema.json, then
 * checks that its summary matches its results. Returns one line per problem;
 * `[]` when the report is valid.
 */
export function validateReport(value: unknown): string[] {
  const validate = validator();
  if (!validate(value)) {
    // An `if` error only repeats the `then` errors listed beside it.
    return (validate.errors ?? []).filter((error) => error.keyword !== 'if').map((e) => describe(value, e));
  }
  return summaryIssues(value as RunReport);
}

/** Renders report.json, refusing (ReportError `REPORT_INVALID`) a report that breaks the schema. */
export function renderJson(report: RunReport): string {
  const text = `${JSON.stringify(report, null, 2)}\n`;
  // Validate what will be written: JSON drops `undefined` and turns NaN into null.
  const issues = validateReport(JSON.parse(text));
  if (issues.length > 0) {
    throw new ReportError(
      'REPORT_INVALID',
      `The run report breaks report.schema.json (${reportSchema.$id}) in ${issues.length} place(s):\n` +
        issues.map((issue) => `  - ${issue}`).join('\n') +
        '\nFix the code that built these results; no report was written.',
      issues,
    );
  }
  return text;
}

/** The report.json writer. */
export const jsonReporter: Reporter = { name: 'json', fileName: 'report.json', render: renderJson };
