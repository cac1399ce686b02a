/**
 * Seeded chaos in front of a mock SP's SCIM endpoints (`--chaos 429=5%,drop=1%,latency=20-200ms`):
 * a share of requests answered 429 or 5xx instead of being handled, connections dropped before
 * or after the SP handled the request, and delays, as a real, flaky SaaS API gives them, to see
 * whether a connector loses or duplicates users. It wraps the SP like a gateway in front of it;
 * the same seed and the same request order give the same decisions.
 * @see IDP-IDM-12; RFC 6585 §4 (429); RFC 9110 §10.2.3 (Retry-After)
 */
import { SCIM_CONTENT_TYPE, errorBody } from '#harness/scim';
import type { CoreRequest, CoreResponse } from './http.js';
import { jsonResponse } from './http.js';
import { isBelow } from './scim/base-path.js';
import {
  KINDS,
  profileProblem,
  type ChaosKind,
  type ChaosProfile,
  type ChaosRange,
  type ChaosStatus,
} from './chaos-spec.js';

/** Something the chaos did to a request, for a judge to read. */
export interface ChaosEvent {
  /** When, in ms (from `ChaosOptions.now`). */
  at: number;
  method: string;
  /** The path below the SCIM base path, with the query. */
  path: string;
  kind: ChaosKind;
  /** The Retry-After sent, on 429 and 503. */
  retryAfterMs?: number;
  /** For timeout-after-commit: the status the SP answered, which the client never saw. */
  spStatus?: number;
  /** A 429 from the rate limiter (`rate-limit=`) rather than a random draw. */
  limited?: true;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_LOG_LIMIT = 100_000;

const DETAILS: Record<ChaosStatus, string> = {
  429: 'Too many requests: the rate limit is exceeded; retry later (sso-harness chaos)',
  500: 'Internal server error; retry later (sso-harness chaos)',
  502: 'Bad gateway; retry later (sso-harness chaos)',
  503: 'Service unavailable; retry later (sso-harness chaos)',
  504: 'Gateway timeout; retry later (sso-harness chaos)',
};

export interface ChaosOptions {
  /** The run's seed; a `seed=` item in the profile takes precedence. */
  seed: number;
  /** Waits through an injected delay. @default a real setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** The clock of the log, in ms. @default Date.now */
  now?: () => number;
  /** How many of the most recent events `log` keeps. @default 100,000 */
  logLimit?: number;
  /**
   * Whether it acts from the start. A disarmed chaos passes every request straight through,
   * drawing nothing, until `arm()`: a check sets the SP up undisturbed, then arms it. @default true
   */
  armed?: boolean;
}

/** A handler a Chaos wraps: the SP, answering any request to its origin. */
export type ChaosHandler = (request: CoreRequest) => Promise<CoreResponse>;

/** Where a Chaos sits in front of the SP. */
export interface ChaosSite {
  /** The SCIM base path; requests elsewhere pass straight through. */
  basePath: string;
  /** Told of each request the chaos answered (a status) or dropped instead of the handler, e.g. to log it. */
  answered?: (request: CoreRequest, event: ChaosEvent) => void;
}

/** The seeded chaos of one mock SP: wrap the SP's handler with `wrap`, then read `log` and `counts`. */
export class Chaos {
  readonly profile: ChaosProfile;
  #seed: number;
  readonly #counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ChaosKind, number>;
  readonly #log: ChaosEvent[] = [];
  readonly #logLimit: number;
  #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  #requests = 0;
  #wrapped = false;
  #armed: boolean;
  /** The rate limiter's current window: its start (ms) and the requests counted in it. */
  #window = { start: Number.NEGATIVE_INFINITY, count: 0 };

  constructor(profile: ChaosProfile, options: ChaosOptions) {
    const problem = profileProblem(profile);
    if (problem) throw new TypeError(`Invalid chaos profile: ${problem}`);
    this.#seed = profile.seed ?? options.seed;
    if (!Number.isSafeInteger(this.#seed))
      throw new TypeError(`A chaos seed is a whole number (found ${this.#seed})`);
    this.profile = structuredClone(profile);
    this.#random = mulberry32(this.#seed);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
    this.#armed = options.armed ?? true;
  }

  /** The seed the decisions follow. */
  get seed(): number {
    return this.#seed;
  }

  /** Whether it acts on requests now. */
  get armed(): boolean {
    return this.#armed;
  }

  /**
   * Starts acting on requests. With `seed`, the decisions restart from it (a `seed=` item in the
   * profile still takes precedence), so a check draws the same sequence however the SP was set up.
   */
  arm(seed?: number): void {
    if (seed !== undefined && this.profile.seed === undefined) {
      if (!Number.isSafeInteger(seed)) throw new TypeError(`A chaos seed is a whole number (found ${seed})`);
      this.#seed = seed;
      this.#random = mulberry32(seed);
    }
    this.#armed = true;
  }

  /** Stops acting: requests pass straight through, drawing nothing, until `arm()`. */
  disarm(): void {
    this.#armed = false;
  }

  /** SCIM requests seen, the undisturbed ones included. */
  get requests(): number {
    return this.#requests;
  }

  /** Events per kind since the start; never truncated. */
  get counts(): Readonly<Record<ChaosKind, number>> {
    return { ...this.#counts };
  }

  /** The most recent events (`logLimit` of them at most), oldest first. */
  get log(): readonly ChaosEvent[] {
    return this.#log.length > this.#logLimit ? this.#log.slice(-this.#logLimit) : this.#log;
  }

  /** `handler` with the chaos in front of its requests below `site.basePath`; a Chaos wraps one SP only. */
  wrap(handler: ChaosHandler, site: ChaosSite): ChaosHandler {
    if (this.#wrapped)
      throw new TypeError(
        'A Chaos serves one mock SP (its decisions follow one request order): make one per SP',
      );
    this.#wrapped = true;
    const basePath = site.basePath.replace(/\/+$/, '');
    return async (request) => {
      if (!this.#armed) return handler(request);
      let url: URL;
      try {
        url = new URL(request.url, 'http://chaos.invalid');
      } catch {
        return handler(request);
      }
      if (!isBelow(url.pathname, basePath)) return handler(request);
      const method = request.method.toUpperCase();
      const path = `${url.pathname.slice(basePath.length) || '/'}${url.search}`;
      const { kind: drawn, delayMs, retryAfterSeconds: drawnWait } = this.#decide(method);
      if (delayMs > 0) await this.#sleep(delayMs);
      const limitedFor = this.#limit();
      const kind = limitedFor === undefined ? drawn : 429;
      const retryAfterSeconds = limitedFor ?? drawnWait;
      if (kind === undefined) return handler(request);
      if (kind === 'timeout-after-commit') {
        const response = await handler(request);
        this.#record({ at: this.#now(), method, path, kind, spStatus: response.status });
        return dropped();
      }
      const withRetry = kind === 429 || kind === 503;
      const event: ChaosEvent = {
        at: this.#now(),
        method,
        path,
        kind,
        ...(withRetry ? { retryAfterMs: retryAfterSeconds * 1000 } : {}),
        ...(limitedFor === undefined ? {} : { limited: true as const }),
      };
      this.#record(event);
      site.answered?.(request, event);
      if (kind === 'drop') return dropped();
      return jsonResponse(
        kind,
        errorBody(kind, undefined, DETAILS[kind]),
        SCIM_CONTENT_TYPE,
        withRetry ? { 'retry-after': String(retryAfterSeconds) } : {},
      );
    };
  }

  /** Three draws per request whatever comes of them, so request N's fate depends on the seed and N only. */
  #decide(method: string) {
    this.#requests++;
    const outcome = this.#random() * 100;
    const delay = this.#random();
    const retry = this.#random();
    let kind: ChaosKind | undefined;
    let upTo = 0;
    for (const candidate of KINDS) {
      upTo += this.profile.rates[candidate] ?? 0;
      if (outcome < upTo) {
        kind = candidate;
        break;
      }
    }
    // A read has nothing to commit: one that draws timeout-after-commit is served as usual.
    if (kind === 'timeout-after-commit' && !WRITES.has(method)) kind = undefined;
    const latency = this.profile.latencyMs;
    const retryAfter = this.profile.retryAfterSeconds ?? { min: 1, max: 1 };
    return { kind, delayMs: latency ? pick(latency, delay) : 0, retryAfterSeconds: pick(retryAfter, retry) };
  }

  /**
   * The rate limiter: undefined while the request fits in the current one-second window, else
   * the whole seconds until the window ends (at least 1), for the 429's Retry-After.
   */
  #limit(): number | undefined {
    const limit = this.profile.ratePerSecond;
    if (limit === undefined) return undefined;
    const now = this.#now();
    if (now >= this.#window.start + 1000) this.#window = { start: now, count: 0 };
    if (this.#window.count < limit) {
      this.#window.count++;
      return undefined;
    }
    return Math.max(1, Math.ceil((this.#window.start + 1000 - now) / 1000));
  }

  #record(event: ChaosEvent): void {
    this.#counts[event.kind]++;
    this.#log.push(event);
    // Trimmed in halves to stay O(1) amortised; `log` shows the most recent `logLimit`.
    if (this.#log.length >= 2 * this.#logLimit) this.#log.splice(0, this.#log.length - this.#logLimit);
  }
}

/** What a client sees when the connection closes without an answer. */
function dropped(): CoreResponse {
  return { status: 0, headers: {}, dropped: true };
}

/** A whole number in `range`, from a draw in [0, 1). */
function pick({ min, max }: ChaosRange, draw: number): number {
  return min + Math.floor(draw * (max - min + 1));
}

// mulberry32: a tiny seeded PRNG for reproducible decisions, not for security.
function mulberry32(seed: number): () => number {
  // Folds the high bits of a large seed in, so 1 and 2**32 + 1 differ.
  let state = ((seed >>> 0) ^ (Math.floor(seed / 2 ** 32) >>> 0)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
