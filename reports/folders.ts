/**
 * Output folders: made before a run spends any time, so that a folder the run cannot write
 * is a clear error at the start, not the loss of a finished run's reports at the end.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Makes `dir` and any missing parents, and checks it can be written.
 *
 * Written by hand rather than with `mkdir(dir, { recursive: true })`: under a pseudo file
 * system such as /proc, Node's recursive mkdir loops forever instead of failing. This walks up
 * to the nearest existing ancestor, checks it is a folder, and makes each missing level with a
 * plain mkdir, which fails at once.
 * @throws the file-system error (see {@link fileErrorInWords}); `path` names the level at fault
 */
export async function ensureFolder(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let at = resolve(dir);
  for (;;) {
    const found = await stat(at).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (found !== undefined) {
      if (!found.isDirectory())
        throw Object.assign(new Error(`${at} is a file`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const level of missing) await mkdir(level);
  return missing;
}

/**
 * Makes `dir` (see {@link ensureFolder}), writes and removes a file in it, then removes the
 * folders it made: the check a run makes before it starts, so a folder it could not write fails
 * then, not after the run, and a run refused for another reason leaves nothing behind.
 * @throws the file-system error (see {@link fileErrorInWords})
 */
export async function checkWritableFolder(dir: string): Promise<void> {
  const made = await ensureFolder(dir);
  const probe = join(dir, `.sso-harness-write-test-${randomUUID()}`);
  try {
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } finally {
    for (const level of made.reverse()) await rmdir(level).catch(() => undefined);
  }
}

/** Node's errno code of a file-system failure. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A file-system failure in words, from Node's errno code. */
export function fileErrorInWords(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file stands where a folder is needed';
    case 'EISDIR':
      return 'a folder stands where a file is needed';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'ENOENT':
      return 'it does not exist';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
