/**
 * Flag values in words a user can fix: comma lists, names from a known set, seconds, shards.
 */
import { ShardError, parseShard } from '#harness/runner';
import { UsageError } from './usage.js';

/** A comma-separated flag value as its items. */
export function commaList(text: string | undefined): string[] | undefined {
  return text === undefined
    ? undefined
    : text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
}

/** `names`, each one of `known`, or a usage error naming the unknown one. */
export function pick<T extends string>(
  names: string[] | undefined,
  known: readonly T[],
  what: string,
  isKnown: (name: string) => name is T,
): T[] | undefined {
  if (names === undefined) return undefined;
  if (names.length === 0)
    throw new UsageError(`--${what} needs at least one value; known: ${known.join(', ')}`);
  for (const name of names)
    if (!isKnown(name)) throw new UsageError(`unknown ${what} '${name}'; known: ${known.join(', ')}`);
  return names as T[];
}

/** A number of seconds from a flag, in ms; undefined when the flag is absent. */
export function seconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 86_400)
    throw new UsageError(`${flag} takes a number of seconds between 0 and 86400 (found '${text}')`);
  return Math.round(value * 1000);
}

/** `--shard i/n`, or a usage error saying what it takes. */
export function shardOption(text: string): { index: number; count: number } {
  try {
    return parseShard(text, '--shard');
  } catch (error) {
    if (error instanceof ShardError) throw new UsageError(error.message);
    throw error;
  }
}
