/**
 * What every request to a server someone else runs goes through: a time limit on each, and,
 * when one gets no answer, one probe of the server; when that gets none either, the server has
 * stopped answering and the run is stopped with one line that says so (exit 2), instead of
 * every remaining check waiting out its own time limit.
 */
import type { FetchLike } from '#harness/scim';

/** The per-request limit unless --timeout says otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export interface WatchdogOptions {
  /** How long one request may take. @default DEFAULT_REQUEST_TIMEOUT_MS */
  timeoutMs?: number;
  /** A cheap GET that any live server of this kind answers (a SCIM service's /Users?count=1). */
  probeUrl: string;
  /** The headers the probe sends (a SCIM service wants its token). */
  probeHeaders?: Record<string, string>;
  /** The option that names the server, for the message (`--scim-url`). */
  option: string;
  /** Told once, with the reason, when the server stops answering. */
  onStalled?: (reason: string) => void;
  /** The transport. @default globalThis.fetch */
  fetch?: FetchLike;
}

export class Watchdog {
  readonly timeoutMs: number;
  readonly #options: WatchdogOptions;
  readonly #send: FetchLike;
  #stalled: string | undefined;

  constructor(options: WatchdogOptions) {
    this.#options = options;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.#send = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Why the server counts as stopped, once it does. */
  get stalled(): string | undefined {
    return this.#stalled;
  }

  /** Fetch with the time limit; once the server has stopped answering, fails at once. */
  readonly fetch: FetchLike = async (input, init) => {
    if (this.#stalled !== undefined) throw new Error(`not sent: ${this.#stalled}`);
    const limit = AbortSignal.timeout(this.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, limit]) : limit;
    try {
      return await this.#send(input, { ...init, signal });
    } catch (error) {
      // No answer in time (this limit or the caller's), or none at all (refused, reset); not
      // when the caller called the request off for a reason of its own.
      if (!calledOff(init.signal)) await this.#probe(`${init.method ?? 'GET'} ${withoutQuery(input)}`);
      throw error;
    }
  };

  /** After a request got no answer: is anybody there? */
  async #probe(request: string): Promise<void> {
    if (this.#stalled !== undefined) return;
    const seconds = this.timeoutMs / 1000;
    const alive = await this.#send(this.#options.probeUrl, {
      headers: this.#options.probeHeaders ?? {},
      signal: AbortSignal.timeout(this.timeoutMs),
    }).then(
      async (response) => (await response.body?.cancel(), true),
      () => false,
    );
    if (alive || this.#stalled !== undefined) return;
    this.#stalled =
      `the server at ${this.#options.option} stopped answering: ${request} got no answer (within ${seconds} s), ` +
      `nor did GET ${withoutQuery(this.#options.probeUrl)} after it; check the server, or raise --timeout`;
    this.#options.onStalled?.(this.#stalled);
  }
}

/** Whether `signal` was aborted for another reason than a time limit. */
function calledOff(signal: AbortSignal | null | undefined): boolean {
  if (!signal?.aborted) return false;
  const reason: unknown = signal.reason;
  return !(reason instanceof Error && reason.name === 'TimeoutError');
}

/** A URL without its query (which may carry filters with user data, or a token). */
function withoutQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? url : url.slice(0, at);
}
