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

/** A status the chaos answers with instead of the SP. */
export type ChaosStatus = 429 | 500 | 502 | 503 | 504;

/** What the chaos can do to one request, besides delaying it. */
export type ChaosKind = ChaosStatus | 'drop' | 'timeout-after-commit';

/** An inclusive range of whole numbers. */
export interface ChaosRange {
  min: number;
  max: number;
}

/** What the chaos does, as `parseChaos` reads it from a spec. */
export interface ChaosProfile {
  /** Percent (0–100) of SCIM requests meeting each outcome; the outcomes exclude each other, so they add up to 100 at most. */
  rates: Partial<Record<ChaosKind, number>>;
  /** Delay before each SCIM request, in milliseconds. @default none */
  latencyMs?: ChaosRange;
  /** Retry-After sent with 429 and 503, in seconds, picked per answer. @default 1 */
  retryAfterSeconds?: ChaosRange;
  /** Seed of the decisions. @default the run's seed (`ChaosOptions.seed`) */
  seed?: number;
}

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
}

/** The presets a spec may name, with the items each stands for. */
export const CHAOS_PRESETS = {
  none: '',
  default: '429=5%,503=2%,drop=1%,timeout-after-commit=1%,retry-after=1s',
  flaky: '429=5%,500=2%,502=1%,503=2%,drop=1%,timeout-after-commit=1%,latency=0-20ms,retry-after=1s',
  slow: 'latency=20-200ms',
  hostile: '429=15%,500=5%,503=5%,drop=3%,timeout-after-commit=3%,latency=0-50ms,retry-after=1-3s',
} as const satisfies Record<string, string>;

export type ChaosPreset = keyof typeof CHAOS_PRESETS;

/** A chaos spec that cannot be read; the message names the item and the fix. */
export class ChaosSpecError extends Error {
  readonly code = 'CHAOS_SPEC';
  constructor(message: string) {
    super(message);
    this.name = 'ChaosSpecError';
  }
}

const STATUSES: readonly ChaosStatus[] = [429, 500, 502, 503, 504];
/** Every kind, in the order their bands lie on a draw and a canonical spec names them. */
const KINDS: readonly ChaosKind[] = [...STATUSES, 'drop', 'timeout-after-commit'];
const ITEMS = 'known: 429, 500, 502, 503, 504, latency, drop, timeout-after-commit, retry-after, seed';
const PRESETS = `or a preset: ${Object.keys(CHAOS_PRESETS).join(', ')}`;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_LOG_LIMIT = 100_000;
/** Room for floating-point sums: 33.3% + 33.3% + 33.4% is 100%. */
const EPSILON = 1e-9;

const DETAILS: Record<ChaosStatus, string> = {
  429: 'Too many requests: the rate limit is exceeded; retry later (sso-harness chaos)',
  500: 'Internal server error; retry later (sso-harness chaos)',
  502: 'Bad gateway; retry later (sso-harness chaos)',
  503: 'Service unavailable; retry later (sso-harness chaos)',
  504: 'Gateway timeout; retry later (sso-harness chaos)',
};

/** Reads a chaos spec: comma-separated `key=value` items, a preset name, or a preset followed by items overriding it. */
export function parseChaos(spec: string): ChaosProfile {
  const items = spec.split(',').map((item) => item.trim());
  if (items.length === 1 && items[0] === '')
    throw new ChaosSpecError(
      `the chaos spec is empty; give items such as 429=5%,latency=20-200ms, ${PRESETS}`,
    );
  const profile: ChaosProfile = { rates: {} };
  const given = new Set<string>();
  items.forEach((item, index) => {
    if (item === '')
      throw new ChaosSpecError(`the chaos spec '${spec}' has an empty item; separate items with one comma`);
    const equals = item.indexOf('=');
    if (equals < 0) {
      const name = item.toLowerCase();
      if (!Object.hasOwn(CHAOS_PRESETS, name))
        throw new ChaosSpecError(`unknown chaos item '${item}'; ${ITEMS}; ${PRESETS}`);
      if (index > 0)
        throw new ChaosSpecError(`the preset '${item}' must come first, as in ${name},latency=20-200ms`);
      const preset = CHAOS_PRESETS[name as ChaosPreset];
      if (preset !== '') Object.assign(profile, parseChaos(preset));
      return;
    }
    const key = item.slice(0, equals).trim().toLowerCase();
    if (given.has(key)) throw new ChaosSpecError(`'${key}' is given twice in '${spec}'; give each item once`);
    given.add(key);
    readItem(profile, key, item.slice(equals + 1).trim(), item);
  });
  for (const kind of KINDS) if (profile.rates[kind] === 0) delete profile.rates[kind];
  const total = sum(profile.rates);
  if (total > 100 + EPSILON)
    throw new ChaosSpecError(`the outcomes add up to ${percent(total)}; they must add up to 100% at most`);
  return profile;
}

function readItem(profile: ChaosProfile, key: string, value: string, item: string): void {
  if (/^\d{3}$/.test(key) && !STATUSES.includes(Number(key) as ChaosStatus))
    throw new ChaosSpecError(`chaos cannot answer ${key} ('${item}'); it answers 429, 500, 502, 503 or 504`);
  if (STATUSES.includes(Number(key) as ChaosStatus) || key === 'drop' || key === 'timeout-after-commit') {
    const kind = (/^\d/.test(key) ? Number(key) : key) as ChaosKind;
    profile.rates = { ...profile.rates, [kind]: readPercent(key, value, item) };
  } else if (key === 'latency') {
    profile.latencyMs = readRange(key, value, item, 'ms', 'milliseconds', '20-200');
  } else if (key === 'retry-after') {
    profile.retryAfterSeconds = readRange(key, value, item, 's', 'whole seconds', '1-3');
  } else if (key === 'seed') {
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
      throw new ChaosSpecError(`'${item}' needs a whole number, as in seed=42`);
    profile.seed = Number(value);
  } else {
    throw new ChaosSpecError(`unknown chaos item '${item}'; ${ITEMS}; ${PRESETS}`);
  }
}

function readPercent(key: string, value: string, item: string): number {
  const match = /^(\d+(?:\.\d+)?|\.\d+)%$/.exec(value);
  if (!match) {
    const example = /^\d+(?:\.\d+)?$/.test(value) ? `${key}=${value}%` : `${key}=5%`;
    throw new ChaosSpecError(`'${item}' needs a percentage, as in ${example}`);
  }
  const rate = Number(match[1]);
  if (rate > 100) throw new ChaosSpecError(`'${item}': a percentage lies between 0% and 100%`);
  return rate;
}

function readRange(
  key: string,
  value: string,
  item: string,
  unit: string,
  what: string,
  example: string,
): ChaosRange {
  const match = new RegExp(`^(\\d{1,9})(?:-(\\d{1,9}))?${unit}$`).exec(value);
  if (!match) {
    const bare = /^\d{1,9}(?:-\d{1,9})?$/.test(value) ? value : example;
    throw new ChaosSpecError(`'${item}' needs ${what}, as in ${key}=${bare}${unit}`);
  }
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max)
    throw new ChaosSpecError(
      `${key}=${value}: the low end must not exceed the high end, as in ${key}=${max}-${min}${unit}`,
    );
  return { min, max };
}

/** The canonical spec of `profile`, which `parseChaos` reads back to the same profile; 'none' when it does nothing. */
export function describeChaos(profile: ChaosProfile): string {
  const items = KINDS.filter((kind) => (profile.rates[kind] ?? 0) > 0).map(
    (kind) => `${kind}=${percent(profile.rates[kind]!)}`,
  );
  const range = ({ min, max }: ChaosRange, unit: string) =>
    min === max ? `${min}${unit}` : `${min}-${max}${unit}`;
  if (profile.latencyMs) items.push(`latency=${range(profile.latencyMs, 'ms')}`);
  const retryAfter = profile.retryAfterSeconds ?? { min: 1, max: 1 };
  const retries = (profile.rates[429] ?? 0) > 0 || (profile.rates[503] ?? 0) > 0;
  if (retries || retryAfter.min !== 1 || retryAfter.max !== 1)
    items.push(`retry-after=${range(retryAfter, 's')}`);
  if (profile.seed !== undefined) items.push(`seed=${profile.seed}`);
  return items.length === 0 ? 'none' : items.join(',');
}

export interface ChaosOptions {
  /** The run's seed; a `seed=` item in the profile takes precedence. */
  seed: number;
  /** Waits through an injected delay. @default a real setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** The clock of the log, in ms. @default Date.now */
  now?: () => number;
  /** How many of the most recent events `log` keeps. @default 100,000 */
  logLimit?: number;
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
  /** The seed the decisions follow. */
  readonly seed: number;
  readonly #counts = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ChaosKind, number>;
  readonly #log: ChaosEvent[] = [];
  readonly #logLimit: number;
  readonly #random: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #now: () => number;
  #requests = 0;
  #wrapped = false;

  constructor(profile: ChaosProfile, options: ChaosOptions) {
    const problem = profileProblem(profile);
    if (problem) throw new TypeError(`Invalid chaos profile: ${problem}`);
    this.seed = profile.seed ?? options.seed;
    if (!Number.isSafeInteger(this.seed))
      throw new TypeError(`A chaos seed is a whole number (found ${this.seed})`);
    this.profile = structuredClone(profile);
    this.#random = mulberry32(this.seed);
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#now = options.now ?? Date.now;
    this.#logLimit = options.logLimit ?? DEFAULT_LOG_LIMIT;
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
      let url: URL;
      try {
        url = new URL(request.url, 'http://chaos.invalid');
      } catch {
        return handler(request);
      }
      if (!isBelow(url.pathname, basePath)) return handler(request);
      const method = request.method.toUpperCase();
      const path = `${url.pathname.slice(basePath.length) || '/'}${url.search}`;
      const { kind, delayMs, retryAfterSeconds } = this.#decide(method);
      if (delayMs > 0) await this.#sleep(delayMs);
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

/** What is wrong with a hand-built profile, if anything. */
function profileProblem(profile: ChaosProfile): string | undefined {
  for (const kind of KINDS) {
    const rate = profile.rates[kind] ?? 0;
    if (!(rate >= 0 && rate <= 100)) return `rates[${kind}] is a percentage from 0 to 100 (found ${rate})`;
  }
  if (sum(profile.rates) > 100 + EPSILON)
    return `the rates add up to ${percent(sum(profile.rates))}, over 100%`;
  for (const [name, range] of [
    ['latencyMs', profile.latencyMs],
    ['retryAfterSeconds', profile.retryAfterSeconds],
  ] as const) {
    if (range && !(Number.isSafeInteger(range.min) && Number.isSafeInteger(range.max) && 0 <= range.min))
      return `${name} is a range of whole numbers from 0 (found ${JSON.stringify(range)})`;
    if (range && range.min > range.max) return `${name}.min exceeds ${name}.max`;
  }
  return undefined;
}

function sum(rates: ChaosProfile['rates']): number {
  return KINDS.reduce((total, kind) => total + (rates[kind] ?? 0), 0);
}

/** A percentage without floating-point noise (0.1 + 0.2 shows as 0.3%). */
function percent(value: number): string {
  return `${Number(value.toFixed(6))}%`;
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
