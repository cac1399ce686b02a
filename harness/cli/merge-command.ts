/**
 * `sso-harness merge`: the reports of a run's shards (`run --shard i/n` on several machines, or
 * test files run with sso-harness/vitest) merged into the run's report, written by every
 * reporter, with the run's exit code. @see docs/decisions/0028-vitest-and-shards.md
 */
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_OUT_DIR,
  MergeError,
  checkWritableFolder,
  fileErrorInWords,
  mergeReports,
  parseReporterNames,
  readShardReport,
  writeReports,
  type ReporterName,
  type RunReport,
} from '#reports';
import { REQUIREMENTS, allScenarios } from '#registry';
import type { CliIo } from './io.js';
import { createProgress, useColour } from './progress.js';
import { UsageError } from './usage.js';

/** `merge`'s usage, as usage.ts lists each command's options. */
export const MERGE_USAGE = `merge options (sso-harness merge <folder>... [options]):
  <folder>            a shard's report folder, or its report.json: one for each shard of
                      the run (run --shard i/n, or an sso-harness/vitest test file); the
                      merged verdicts, summary and exit code are the whole run's
  --out <dir>         where the merged reports go (default: sso-harness-report)
  --reporter <names>  json,junit,markdown,html (default: all four)
  --strict            warnings fail the merged run too (default: when a shard ran with --strict)`;

/** A shard's report.json: the folder's, or the file named. */
async function reportFile(given: string, cwd: string): Promise<string> {
  const path = resolve(cwd, given);
  const found = await stat(path).catch(() => undefined);
  if (found === undefined)
    throw new UsageError(
      `merge: '${given}' does not exist; name each shard's report folder (or its report.json)`,
    );
  if (!found.isDirectory()) return path;
  const file = join(path, 'report.json');
  if ((await stat(file).catch(() => undefined)) === undefined)
    throw new UsageError(
      `merge: '${given}' holds no report.json; run each shard with the json reporter (the default) and --out <that folder>`,
    );
  return file;
}

/** Runs `merge`; resolves to the merged run's exit code (2 on a usage or input error, thrown as UsageError). */
export async function mergeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      out: { type: 'string' },
      reporter: { type: 'string' },
      strict: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0)
    throw new UsageError(
      "merge needs the report folders of a run's shards, e.g. sso-harness merge shard-1 shard-2 --out merged",
    );
  const reporterNames: ReporterName[] =
    values.reporter === undefined
      ? ['json', 'junit', 'markdown', 'html']
      : parseReporterNames(values.reporter);
  const outDir = resolve(io.cwd, values.out ?? DEFAULT_OUT_DIR);
  const files: string[] = [];
  for (const given of positionals) files.push(await reportFile(given, io.cwd));
  const sources = files.map((file) => relative(io.cwd, file) || file);
  const overwritten = files.findIndex((file) => resolve(file, '..') === outDir);
  if (overwritten >= 0 && reporterNames.includes('json'))
    throw new UsageError(
      `merge: --out ${values.out ?? DEFAULT_OUT_DIR} is where ${sources[overwritten]} is; the merged report.json would replace it: choose another --out`,
    );
  let merged: RunReport;
  try {
    const reports: RunReport[] = [];
    for (const [i, file] of files.entries()) {
      const text = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new UsageError(`merge: cannot read ${sources[i]} (${fileErrorInWords(error)})`);
      });
      reports.push(readShardReport(text, sources[i]!));
    }
    merged = mergeReports(reports, {
      sources,
      ...(values.strict === undefined ? {} : { strict: values.strict }),
      order: {
        scenarios: allScenarios.map((scenario) => scenario.id),
        requirements: REQUIREMENTS.map((requirement) => requirement.id),
      },
    });
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(`merge: ${error.message}`);
    throw error;
  }
  await checkWritableFolder(outDir).catch((error: unknown) => {
    throw new UsageError(
      `--out: cannot write reports to '${outDir}' (${fileErrorInWords(error)}); choose a folder you can write with --out DIR`,
    );
  });
  const written = await writeReports(merged, outDir, reporterNames);
  const progress = createProgress(io.stdout, {
    quiet: true,
    colour: useColour(io.stdout, io.env ?? process.env),
  });
  io.stdout.write(`sso-harness: merged ${files.length} report(s): ${sources.join(', ')}\n`);
  progress.finish(merged, written);
  return merged.summary.exitCode;
}
