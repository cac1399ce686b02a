/**
 * `sso-harness run`: plans the run (run-plan.ts), runs it, in several threads when it can
 * (run-threads.ts), and writes the reports.
 */
import { fileErrorInWords, writeReports } from '#reports';
import { runScenarios, runShard, type RunOptions } from '#harness/runner';
import { keepKeyPairsIn, keyCacheDir, keyCacheIn } from '#harness/saml';
import { homedir } from 'node:os';
import type { CliIo } from './io.js';
import { createProgress, useColour } from './progress.js';
import { planRun, runOptionsOf } from './run-plan.js';
import { dropPrestarted } from './prestart.js';
import { shareRun } from './run-threads.js';
import { UsageError } from './usage.js';

export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  // The run's own key pairs (the in-process IdP's, the mock SPs', an attacker's) are kept between
  // runs: keygen was a sixth of a default run's CPU (key-cache.ts, decision 0033).
  const keyDir = keyCacheDir(io.env ?? process.env, homedir());
  keepKeyPairsIn(keyDir === undefined ? undefined : keyCacheIn(keyDir));
  const plan = await planRun(args, io, 'run').catch((error: unknown) => {
    // A run refused before it starts leaves no thread waiting for its share.
    dropPrestarted();
    throw error;
  });
  const { values, stop, choice, transcripts, outDir, reporterNames, shard, runTimeoutMs } = plan;
  const progress = createProgress(io.stdout, {
    quiet: values.quiet,
    colour: useColour(io.stdout, io.env ?? process.env),
  });
  const overtime =
    runTimeoutMs === undefined
      ? undefined
      : setTimeout(
          () => stop.abort(new Error(`the run took longer than --run-timeout ${runTimeoutMs / 1000} s`)),
          runTimeoutMs,
        );
  // Other threads take checks of the run too, when it is one they can rebuild (run-threads.ts).
  const threads = shareRun(plan, args, io);
  const run = shard === undefined ? runScenarios : (options: RunOptions) => runShard(options, shard);
  const report = await run({
    ...runOptionsOf(plan),
    // Once the run is stopped, the checks it did not run are in the reports, not a line each.
    onResult: (result, done, total) => {
      if (!(stop.signal.aborted && result.status === 'skipped')) progress.result(result, done, total);
    },
    ...(transcripts ? { onExchanges: transcripts.onExchanges } : {}),
    ...(threads ? { share: threads } : {}),
  }).finally(() => {
    clearTimeout(overtime);
    threads?.close();
    return choice?.close();
  });
  const written = await writeReports(report, outDir, reporterNames).catch((error: unknown) => {
    progress.finish(report, [], stop.signal.aborted);
    throw new UsageError(
      `--out: the run finished but its reports could not be written to '${outDir}' (${fileErrorInWords(error)})`,
    );
  });
  progress.finish(report, written, stop.signal.aborted);
  const tally = threads?.tally();
  if (tally && tally.elsewhere > 0 && !values.quiet)
    io.stdout.write(
      `ran in ${tally.threads} threads: ${report.results.length - tally.elsewhere} checks in this one, ${tally.elsewhere} in the others\n`,
    );
  if (stop.signal.aborted) {
    const reason: unknown = stop.signal.reason;
    io.stderr.write(`sso-harness: stopped: ${reason instanceof Error ? reason.message : String(reason)}\n`);
    return 2;
  }
  // A wire that differs from the recording fails the run even when every check passed.
  const transcriptCode = (await transcripts?.finish(io)) ?? 0;
  return report.summary.exitCode || transcriptCode;
}
