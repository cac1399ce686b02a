import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { sampleReport, sampleResults } from './test-support.js';
import { validateReport } from './json.js';
import { DEFAULT_OUT_DIR, ReportError, parseReporterNames, reporters, writeReports } from './reporter.js';
import type { ReporterName } from './reporter.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'sso-harness-reports-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function thrown(run: () => unknown): ReportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ReportError) return error;
    throw error;
  }
  throw new Error('expected a ReportError');
}

test('registers each reporter under its own name with its own file', () => {
  for (const [name, reporter] of Object.entries(reporters)) expect(reporter.name).toBe(name);
  expect(Object.values(reporters).map((reporter) => reporter.fileName)).toEqual([
    'report.json',
    'junit.xml',
    'summary.md',
    'report.html',
  ]);
  expect(DEFAULT_OUT_DIR).toBe('sso-harness-report');
});

test('creates a nested output folder and writes every named report', async () => {
  const outDir = join(root, 'a', 'b', DEFAULT_OUT_DIR);
  const names = Object.keys(reporters) as ReporterName[];
  const paths = await writeReports(sampleReport(), outDir, names);
  expect(paths).toEqual(
    ['report.json', 'junit.xml', 'summary.md', 'report.html'].map((file) => join(outDir, file)),
  );
  expect((await readdir(outDir)).sort()).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md']);
  expect(validateReport(JSON.parse(await readFile(join(outDir, 'report.json'), 'utf8')))).toEqual([]);
});

test('writes into an existing folder and writes a repeated name once', async () => {
  await writeReports(sampleReport(), root, ['markdown']);
  expect(await writeReports(sampleReport(), root, ['junit', 'junit'])).toEqual([join(root, 'junit.xml')]);
  expect((await readdir(root)).sort()).toEqual(['junit.xml', 'summary.md']);
});

test('writes nothing when one report is invalid', async () => {
  const results = sampleResults();
  results[1] = { ...results[1]!, evidence: [] };
  const outDir = join(root, 'out');
  await expect(writeReports(sampleReport({ results }), outDir, ['markdown', 'json'])).rejects.toMatchObject({
    code: 'REPORT_INVALID',
  });
  await expect(readdir(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
});

test('parses a comma-separated reporter list, trimming and dropping repeats', () => {
  expect(parseReporterNames('json,junit')).toEqual(['json', 'junit']);
  expect(parseReporterNames(' html , markdown,,html ')).toEqual(['html', 'markdown']);
});

test('rejects unknown reporter names, listing the allowed ones', () => {
  const error = thrown(() => parseReporterNames('json,xml,csv'));
  expect(error.code).toBe('REPORT_UNKNOWN_REPORTER');
  expect(error.message).toBe(
    "Unknown reporter 'xml', 'csv' in 'json,xml,csv'; allowed reporters: json, junit, markdown, html.",
  );
});

test('rejects an empty reporter list', () => {
  expect(thrown(() => parseReporterNames(' , ')).message).toBe(
    "No reporter named in ' , '; allowed reporters: json, junit, markdown, html.",
  );
});
