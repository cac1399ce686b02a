/**
 * `run --record <dir>` / `run --compare <dir>`: the run's SCIM wire as normalised transcripts, one
 * per scenario, recorded on a trusted branch and compared on a pull request, so a connector change
 * shows as the lines it changes on the wire and an unintended one fails the run
 * (docs/decisions/0024-transcripts.md).
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { HttpExchange } from '#harness/evidence';
import { checkWritableFolder, fileErrorInWords } from '#reports';
import type { ScenarioOnTarget } from '#harness/runner';
import {
  TRANSCRIPT_FORMAT,
  TranscriptError,
  compareTranscripts,
  formatComparison,
  normaliseTranscript,
  readTranscripts,
  writeTranscripts,
  type WireEntry,
} from '#harness/transcript';
import { UsageError } from './usage.js';

/** The parseArgs specs of the two options, spread into `run`'s. */
export const TRANSCRIPT_OPTIONS = {
  record: { type: 'string' },
  compare: { type: 'string' },
} as const;

/** What `--record` or `--compare` adds to a run. */
export interface TranscriptGate {
  /** Collects one scenario's transcript; pass as `runScenarios`' `onExchanges`. */
  onExchanges(scenario: ScenarioOnTarget, exchanges: readonly HttpExchange[]): void;
  /** Writes or compares what was collected and says so; resolves to 1 when the wire differs from the recording, else 0. */
  finish(io: { stdout: NodeJS.WritableStream }): Promise<number>;
}

/**
 * The transcript gate the command line asks for, or undefined without `--record` and `--compare`.
 * Checked before the run: a `--record` folder must be writable, a `--compare` folder must hold a
 * recording, so a mistake costs no run.
 */
export async function transcriptGate(
  values: { record?: string; compare?: string },
  cwd: string,
): Promise<TranscriptGate | undefined> {
  const { record, compare } = values;
  if (record !== undefined && compare !== undefined)
    throw new UsageError(
      '--record writes transcripts and --compare checks the run against them: pick one (record on the main branch, compare on pull requests)',
    );
  const given = record ?? compare;
  if (given === undefined) return undefined;
  const option = record === undefined ? '--compare' : '--record';
  if (given.trim() === '') throw new UsageError(`${option} needs a folder: ${option} <dir>`);
  const dir = resolve(cwd, given);
  if (record !== undefined) await probeWritable(dir);
  else await transcriptStep('--compare', () => readTranscripts(dir));
  const transcripts = new Map<string, string>();
  return {
    onExchanges(scenario, exchanges) {
      if (scenario.scimBaseUrl === undefined) return; // no SCIM service: no wire to transcribe
      transcripts.set(scenarioKey(scenario), transcriptOf(scenario, exchanges));
    },
    async finish(io) {
      if (record !== undefined) {
        await transcriptStep('--record', () => writeTranscripts(dir, transcripts));
        const count = transcripts.size;
        io.stdout.write(
          `Transcripts: wrote ${count} scenario transcript${count === 1 ? '' : 's'} to ${dir}\n`,
        );
        return 0;
      }
      const comparison = await transcriptStep('--compare', () => compareTranscripts(dir, transcripts));
      io.stdout.write(formatComparison(comparison));
      const { changed, added, removed } = comparison;
      return changed.length + added.length + removed.length === 0 ? 0 : 1;
    },
  };
}

/** `<sp>[/<dialect>]/<scenario id>`: `interact/provisioning/create-read-back`. */
function scenarioKey({ sp, dialect, scenario }: ScenarioOnTarget): string {
  return [sp, ...(dialect === undefined ? [] : [dialect]), scenario].join('/');
}

/**
 * The normalised transcript of the exchanges on the scenario's SCIM base URL. Anything else the
 * context recorded (an OAuth consent, the IdP's web side) is not the SCIM wire and carries
 * credentials of its own, so it is left out.
 */
function transcriptOf(scenario: ScenarioOnTarget, exchanges: readonly HttpExchange[]): string {
  const base = scenario.scimBaseUrl!.replace(/\/+$/, '');
  const entries: WireEntry[] = exchanges.flatMap((exchange): WireEntry[] => {
    const { url } = exchange.request;
    const below = url.startsWith(base) ? url.slice(base.length) : undefined;
    if (below === undefined || !/^([/?]|$)/.test(below)) return [];
    const path = below === '' ? '/' : below;
    const { response } = exchange;
    return [
      {
        method: exchange.request.method,
        path,
        requestHeaders: exchange.request.headers,
        ...(exchange.request.body === undefined ? {} : { requestBody: exchange.request.body }),
        ...(response === undefined ? { dropped: true } : { status: response.status }),
        responseHeaders: response?.headers ?? {},
        ...(response?.body === undefined ? {} : { responseBody: response.body }),
      },
    ];
  });
  return normaliseTranscript(entries, { secrets: [scenario.token], baseUrl: base });
}

/**
 * Creates `dir` and writes a file in it, and refuses a folder whose index.json another tool
 * wrote, so a bad `--record` folder fails before the run, not after it.
 */
async function probeWritable(dir: string): Promise<void> {
  try {
    await checkWritableFolder(dir);
  } catch (error) {
    throw new UsageError(
      `--record: cannot write transcripts to '${dir}' (${fileErrorInWords(error)}); choose a folder you can write, or fix its permissions`,
    );
  }
  let index: string;
  try {
    index = await readFile(join(dir, 'index.json'), 'utf8');
  } catch {
    return; // no index: a fresh folder
  }
  let format: unknown;
  try {
    format = (JSON.parse(index) as { format?: unknown } | null)?.format;
  } catch {
    // not JSON: refused below
  }
  if (format !== TRANSCRIPT_FORMAT)
    throw new UsageError(
      `--record: '${join(dir, 'index.json')}' is not a transcript recording (format '${TRANSCRIPT_FORMAT}'), and recording would replace it; choose an empty folder, or one written by --record`,
    );
}

/** Runs a step of the store; its TranscriptError (which names the path and the fix) becomes a usage error, exit 2. */
async function transcriptStep<T>(option: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof TranscriptError) throw new UsageError(`${option}: ${error.message}`);
    throw error;
  }
}
