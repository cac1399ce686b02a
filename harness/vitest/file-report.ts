/**
 * The report of the checks one test file ran, written where `report` says, one folder per test
 * file, so the files of a run (and of sharded runs) merge with `sso-harness merge <folders>`.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { maskText } from '#harness/evidence';
import { mergeReports, writeReports, type RunReport } from '#reports';
import { REQUIREMENTS, allScenarios } from '../../index.js';
import type { Plan } from './plan.js';

let version: string | undefined;

/** The version of this sso-harness package, which the reports carry and merges compare. */
export function packageVersion(): string {
  // The package entry is dist/index.js: its package.json is one folder up.
  version ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('sso-harness')), 'utf8')) as {
      version: string;
    }
  ).version;
  return version;
}

/** The folder a test file's report goes in: its path from the working folder, as one name. */
export function reportFolder(file: string | undefined, cwd: string): string {
  if (file === undefined) return 'conformance';
  const name = relative(cwd, file)
    .replace(/\.(test|spec)\.[cm]?[jt]sx?$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return name === '' ? 'conformance' : name;
}

/** Collects a file's results' run reports and writes them as one. */
export class FileReport {
  readonly #plan: Plan;
  readonly #started = new Date();
  readonly #startedMs = performance.now();

  constructor(plan: Plan) {
    this.#plan = plan;
  }

  /** Writes the merged report of `reports` for the test file `file`; the paths written. */
  async write(reports: readonly RunReport[], file: string | undefined): Promise<string[]> {
    const wanted = this.#plan.report;
    if (wanted === undefined || reports.length === 0) return [];
    const merged = mergeReports(reports, {
      strict: this.#plan.strict,
      order: {
        suites: this.#plan.suites,
        scenarios: allScenarios.map((scenario) => scenario.id),
        requirements: REQUIREMENTS.map((requirement) => requirement.id),
      },
    });
    const whole: RunReport = {
      ...merged,
      startedAt: this.#started.toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Math.round(performance.now() - this.#startedMs),
      options: {
        ...merged.options,
        suites: this.#plan.suites,
        sps: this.#plan.targets.map((target) => target.sp),
      },
    };
    const masked = JSON.parse(maskText(JSON.stringify(whole), this.#plan.secrets)) as RunReport;
    const cwd = process.cwd();
    return writeReports(masked, resolve(cwd, wanted.outDir, reportFolder(file, cwd)), wanted.reporters);
  }
}
