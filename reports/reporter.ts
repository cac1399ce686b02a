/**
 * The Reporter interface, the typed registry of report formats and the one
 * writer that creates the output folder and writes the files (vitest's
 * `reporters/index.ts` registry, without its per-reporter folder code).
 */

import { writeFile } from 'node:fs/promises';
import { ensureFolder } from './folders.js';
import { join } from 'node:path';
import { ReportError } from './errors.js';
import { htmlReporter } from './html.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import type { RunReport } from './model.js';

export { ReportError } from './errors.js';
export type { ReportErrorCode } from './errors.js';

/** One report format: a pure function from the run model to a file's text. */
export interface Reporter {
  /** Its key in {@link reporters}, as given to `--reporter`. */
  name: ReporterName;
  /** The file it writes inside the output folder. */
  fileName: string;
  /** The file's whole text; throws a ReportError rather than render an invalid report. */
  render(report: RunReport): string;
}

/** Every report format, by the name `--reporter` takes. */
export const reporters = {
  json: jsonReporter,
  junit: junitReporter,
  markdown: markdownReporter,
  html: htmlReporter,
} as const;

/** A report format's name: `json`, `junit`, `markdown` or `html`. */
export type ReporterName = keyof typeof reporters;

/** Where reports go unless told otherwise. */
export const DEFAULT_OUT_DIR = 'sso-harness-report';

const NAMES = Object.keys(reporters) as ReporterName[];

function isReporterName(name: string): name is ReporterName {
  return (NAMES as readonly string[]).includes(name);
}

/**
 * Parses a comma-separated reporter list such as `json,junit` (spaces and
 * repeats allowed). Throws a ReportError (`REPORT_UNKNOWN_REPORTER`) naming the
 * allowed reporters for an unknown or empty list.
 */
export function parseReporterNames(text: string): ReporterName[] {
  const allowed = `allowed reporters: ${NAMES.join(', ')}`;
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !isReporterName(name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `'${name}'`).join(', ');
    throw new ReportError('REPORT_UNKNOWN_REPORTER', `Unknown reporter ${list} in '${text}'; ${allowed}.`);
  }
  if (names.length === 0) {
    throw new ReportError('REPORT_UNKNOWN_REPORTER', `No reporter named in '${text}'; ${allowed}.`);
  }
  return [...new Set(names as ReporterName[])];
}

/**
 * Writes each named reporter's file into outDir (created once here, recursively);
 * returns the written paths. Every report is rendered before anything is written,
 * so a report that fails validation leaves no partial set of files behind.
 */
export async function writeReports(
  report: RunReport,
  outDir: string,
  names: readonly ReporterName[],
): Promise<string[]> {
  const unique = [...new Set(names)];
  for (const name of unique) {
    if (!isReporterName(name)) throw new TypeError(`Unknown reporter '${String(name)}'; ${NAMES.join(', ')}`);
  }
  const files = unique.map((name) => ({ reporter: reporters[name], text: reporters[name].render(report) }));
  if (files.length === 0) return [];
  await ensureFolder(outDir);
  const paths: string[] = [];
  for (const { reporter, text } of files) {
    const path = join(outDir, reporter.fileName);
    await writeFile(path, text, 'utf8');
    paths.push(path);
  }
  return paths;
}
