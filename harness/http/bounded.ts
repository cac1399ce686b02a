/**
 * Bounds for what servers keep about the requests they answer: a text cut to a size with its
 * whole size said, and a log that keeps the latest entries. Anything a client can send must cost
 * the server a bounded amount of memory, however much it sends (decision 0036).
 */

/** How much of a logged body, message or SAML document a server keeps. */
export const KEPT_TEXT_CHARS = 4096;

/**
 * A text as kept: whole when short, else its first `max` characters and a note of its size. The
 * kept part is a copy: V8 makes a slice of a long string a view that holds the whole of it alive,
 * which would keep every megabyte a client sent for as long as the log keeps the entry.
 */
export function clip(text: string, max = KEPT_TEXT_CHARS): string {
  if (text.length <= max) return text;
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  const kept = Buffer.from(text.slice(0, end), 'utf16le').toString('utf16le');
  return `${kept}… [cut: ${Buffer.byteLength(text)} bytes in all, the first ${end} characters kept]`;
}

/** `clip` for an optional text. */
export function clipOptional(text: string | undefined, max = KEPT_TEXT_CHARS): string | undefined {
  return text === undefined ? undefined : clip(text, max);
}

/**
 * Keeps the latest entries of a log: at least `limit`, at most twice that, trimmed in halves so
 * adding stays O(1) amortised.
 */
export function keepLatest<T>(entries: T[], limit: number): void {
  if (entries.length > 2 * limit) entries.splice(0, entries.length - limit);
}

/** A count of requests refused before authentication, with a short summary of the latest. */
export interface RefusedCount {
  /** Every such request since the server started. */
  count: number;
  /** The latest few, as method, path (no query) and status: nothing the client chose beyond that. */
  latest: { at: string; method: string; path: string; status: number }[];
}

/** How many refused requests' summaries a RefusedCount keeps. */
export const REFUSED_SUMMARIES = 100;

/** Adds one refused request to `refused`, its path cut to 200 characters. */
export function countRefused(
  refused: RefusedCount,
  at: string,
  method: string,
  path: string,
  status: number,
): void {
  refused.count++;
  refused.latest.push({ at, method: clip(method, 16), path: clip(path, 200), status });
  if (refused.latest.length > REFUSED_SUMMARIES) refused.latest.shift();
}
