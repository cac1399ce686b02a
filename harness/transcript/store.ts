/**
 * Recorded transcripts on disk: one `.http` file per scenario under a folder, an `index.json`
 * naming the scenarios and the format, and the comparison of a run against a recording as
 * unified diffs, so a pull request shows what a connector change alters on the wire.
 */
import { readFile, rmdir, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { ensureFolder, errorCode, fileErrorInWords } from '#reports';

/** The format `index.json` names; a recording of another format is refused. */
export const TRANSCRIPT_FORMAT = 'sso-harness-transcript/1';

const INDEX_FILE = 'index.json';
const RECORD_HINT = 'record one first with --record DIR';

/** A recording could not be written or read; the message names the path and the fix. */
export class TranscriptError extends Error {
  readonly code = 'TRANSCRIPT';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TranscriptError';
  }
}

/** One scenario whose transcript differs from the recording. */
export interface TranscriptChange {
  key: string;
  /** Unified diff, 3 lines of context, labelled `recorded/<file>` and `now/<file>`. */
  diff: string;
}

/** How a run's transcripts compare with a recording; every list is sorted by scenario key. */
export interface TranscriptComparison {
  same: string[];
  changed: TranscriptChange[];
  /** Ran now but not recorded. */
  added: string[];
  /** Recorded but did not run now. */
  removed: string[];
}

/**
 * The file a scenario's transcript is kept in, relative to the recording folder:
 * `outreach/provisioning/create-user` → `outreach/provisioning/create-user.http`.
 * Each segment keeps only `[a-z0-9._-]` (letters lower-cased, anything else becomes `-`).
 */
export function transcriptFileName(scenarioKey: string): string {
  const segments = scenarioKey.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new TypeError(
      `Scenario key '${scenarioKey}' cannot name a transcript file: expected segments like 'app/suite/scenario', ` +
        `without empty, '.' or '..' segments.`,
    );
  }
  return segments.map((segment) => segment.toLowerCase().replace(/[^a-z0-9._-]/g, '-')).join('/') + '.http';
}

/**
 * Writes each transcript to its file under `dir` and an `index.json` listing the scenarios.
 * Files a previous recording in `dir` listed and this one does not are removed.
 */
export async function writeTranscripts(dir: string, transcripts: ReadonlyMap<string, string>): Promise<void> {
  const files = fileNames(transcripts.keys());
  const previous = await previousKeys(dir);
  await attempt(dir, () => ensureFolder(dir));
  for (const [key, file] of files) {
    const path = join(dir, file);
    await attempt(path, async () => {
      await ensureFolder(dirname(path));
      await writeFile(path, transcripts.get(key)!);
    });
  }
  const written = new Set(files.values());
  for (const file of previous.map(transcriptFileName).filter((file) => !written.has(file))) {
    await removeStale(dir, file);
  }
  const index = { format: TRANSCRIPT_FORMAT, scenarios: [...files.keys()] };
  const indexPath = join(dir, INDEX_FILE);
  await attempt(indexPath, () => writeFile(indexPath, JSON.stringify(index, null, 2) + '\n'));
}

/** The transcripts recorded in `dir`, by scenario key. */
export async function readTranscripts(dir: string): Promise<Map<string, string>> {
  const index = await loadIndex(dir);
  if (!('keys' in index)) {
    throw new TranscriptError(`No recorded transcripts in '${dir}': ${index.problem}; ${RECORD_HINT}.`);
  }
  const transcripts = new Map<string, string>();
  for (const key of index.keys) {
    const path = join(dir, transcriptFileName(key));
    try {
      // A checkout may have turned line ends into CRLF; the transcript is the same.
      transcripts.set(key, (await readFile(path, 'utf8')).replace(/\r\n/g, '\n'));
    } catch (error) {
      throw new TranscriptError(
        `The recording in '${dir}' lists scenario '${key}' but '${path}' cannot be read (${fileErrorInWords(error)}); ` +
          `record again with --record DIR.`,
        { cause: error },
      );
    }
  }
  return transcripts;
}

/** Compares a run's transcripts with the recording in `dir`. */
export async function compareTranscripts(
  dir: string,
  transcripts: ReadonlyMap<string, string>,
): Promise<TranscriptComparison> {
  const recorded = await readTranscripts(dir);
  const comparison: TranscriptComparison = { same: [], changed: [], added: [], removed: [] };
  for (const key of [...transcripts.keys()].sort()) {
    const now = transcripts.get(key)!;
    const then = recorded.get(key);
    if (then === undefined) comparison.added.push(key);
    else if (then === now) comparison.same.push(key);
    else comparison.changed.push({ key, diff: unifiedDiff(transcriptFileName(key), then, now) });
  }
  comparison.removed = [...recorded.keys()].filter((key) => !transcripts.has(key)).sort();
  return comparison;
}

/** A readable summary: the counts, each changed scenario's diff, then the added and removed scenarios. */
export function formatComparison(comparison: TranscriptComparison): string {
  const { same, changed, added, removed } = comparison;
  if (changed.length + added.length + removed.length === 0) {
    return same.length === 0
      ? 'Transcripts: nothing recorded and nothing ran; no differences.\n'
      : `Transcripts: all ${same.length} scenario${same.length === 1 ? '' : 's'} send what was recorded; no differences.\n`;
  }
  const counts = `${changed.length} changed, ${added.length} added, ${removed.length} removed, ${same.length} same`;
  const parts = [`Transcripts differ from the recording: ${counts}.`];
  for (const { key, diff } of changed) parts.push(`Changed: ${key}\n${diff.replace(/\n$/, '')}`);
  if (added.length > 0)
    parts.push(['Added (ran now, not recorded):', ...added.map((key) => `  ${key}`)].join('\n'));
  if (removed.length > 0) {
    parts.push(['Removed (recorded, did not run now):', ...removed.map((key) => `  ${key}`)].join('\n'));
  }
  parts.push('If these changes are intended, record again with --record DIR.');
  return parts.join('\n\n') + '\n';
}

function unifiedDiff(file: string, recorded: string, now: string): string {
  return createTwoFilesPatch(`recorded/${file}`, `now/${file}`, recorded, now, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/** Scenario key → file, sorted by key; two keys that would share a file are refused. */
function fileNames(keys: Iterable<string>): Map<string, string> {
  const files = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const key of [...keys].sort()) {
    const file = transcriptFileName(key);
    const owner = owners.get(file);
    if (owner !== undefined) {
      throw new TypeError(`Scenario keys '${owner}' and '${key}' both map to transcript file '${file}'.`);
    }
    owners.set(file, key);
    files.set(key, file);
  }
  return files;
}

/** The keys `dir/index.json` lists; none when there is no index; refused when it is not a transcript index. */
async function previousKeys(dir: string): Promise<string[]> {
  const index = await loadIndex(dir);
  if ('keys' in index) return index.keys;
  if (index.missing) return [];
  throw new TranscriptError(
    `Cannot record transcripts in '${dir}': ${index.problem}; choose an empty folder, or one written by --record.`,
  );
}

type IndexState = { keys: string[] } | { missing: boolean; problem: string };

async function loadIndex(dir: string): Promise<IndexState> {
  const path = join(dir, INDEX_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { missing: true, problem: `'${path}' does not exist` };
    return { missing: false, problem: `'${path}' cannot be read (${fileErrorInWords(error)})` };
  }
  let index: unknown;
  try {
    index = JSON.parse(text);
  } catch {
    return { missing: false, problem: `'${path}' is not JSON` };
  }
  const { format, scenarios } = (typeof index === 'object' && index !== null ? index : {}) as Record<
    string,
    unknown
  >;
  if (format !== TRANSCRIPT_FORMAT) {
    const found = typeof format === 'string' ? `'${format}'` : 'none';
    return { missing: false, problem: `'${path}' has format ${found}, expected '${TRANSCRIPT_FORMAT}'` };
  }
  if (!Array.isArray(scenarios) || !scenarios.every((key) => typeof key === 'string' && isValidKey(key))) {
    return { missing: false, problem: `'${path}' does not list scenario keys in "scenarios"` };
  }
  return { keys: scenarios as string[] };
}

function isValidKey(key: string): boolean {
  try {
    transcriptFileName(key);
    return true;
  } catch {
    return false;
  }
}

/** Removes a file an earlier recording wrote, then the folders it leaves empty, up to `dir`. */
async function removeStale(dir: string, file: string): Promise<void> {
  const path = join(dir, file);
  try {
    await unlink(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw writeError(path, error);
  }
  for (let folder = dirname(path); relative(dir, folder) !== ''; folder = dirname(folder)) {
    try {
      await rmdir(folder);
    } catch {
      return; // not empty (or already gone): the folders above are not empty either
    }
  }
}

/** Runs a file-system write, turning its failure into a TranscriptError naming the path and the fix. */
async function attempt(path: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw writeError(path, error);
  }
}

function writeError(path: string, error: unknown): TranscriptError {
  const where = (error as { path?: unknown } | null)?.path;
  return new TranscriptError(
    `Cannot write transcripts to '${typeof where === 'string' ? where : path}' (${fileErrorInWords(error)}); ` +
      `choose a folder you can write with --record DIR, or fix its permissions.`,
    { cause: error },
  );
}
