/**
 * The chaos spec language (`--chaos 429=5%,latency=20-200ms`, or a preset): what a profile says
 * and how a spec reads into one and back. The engine that acts on a profile is chaos.ts.
 * @see IDP-IDM-12; RFC 6585 §4 (429); RFC 9110 §10.2.3 (Retry-After)
 */

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
  /**
   * A rate limiter in front of the random outcomes: at most this many requests per second of the
   * clock (fixed one-second windows); the rest of a window is answered 429 with a Retry-After
   * that runs to the window's end, as a real API gateway does. A party that hammers a limited SP
   * keeps being refused; one that waits as asked gets through. @default no limit
   */
  ratePerSecond?: number;
  /** Seed of the decisions. @default the run's seed (`ChaosOptions.seed`) */
  seed?: number;
}

/** The presets a spec may name, with the items each stands for. */
export const CHAOS_PRESETS = {
  none: '',
  default: '429=5%,503=2%,drop=1%,timeout-after-commit=1%,retry-after=1-5s',
  flaky: '429=5%,500=2%,502=1%,503=2%,drop=1%,timeout-after-commit=1%,latency=0-20ms,retry-after=1s',
  slow: 'latency=20-200ms',
  hostile:
    '429=15%,500=5%,503=5%,drop=3%,timeout-after-commit=3%,latency=0-50ms,retry-after=1-3s,rate-limit=200/s',
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

export const STATUSES: readonly ChaosStatus[] = [429, 500, 502, 503, 504];
/** Every kind, in the order their bands lie on a draw and a canonical spec names them. */
export const KINDS: readonly ChaosKind[] = [...STATUSES, 'drop', 'timeout-after-commit'];
const ITEMS =
  'known: 429, 500, 502, 503, 504, latency, drop, timeout-after-commit, retry-after, rate-limit, seed';
const PRESETS = `or a preset: ${Object.keys(CHAOS_PRESETS).join(', ')}`;
/** Room for floating-point sums: 33.3% + 33.3% + 33.4% is 100%. */
const EPSILON = 1e-9;

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
  } else if (key === 'rate-limit') {
    const match = /^(\d{1,9})\/s$/.exec(value);
    if (!match || Number(match[1]) === 0)
      throw new ChaosSpecError(`'${item}' needs requests per second above 0, as in rate-limit=50/s`);
    profile.ratePerSecond = Number(match[1]);
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
  if (profile.ratePerSecond !== undefined) items.push(`rate-limit=${profile.ratePerSecond}/s`);
  if (profile.seed !== undefined) items.push(`seed=${profile.seed}`);
  return items.length === 0 ? 'none' : items.join(',');
}

/** What is wrong with a hand-built profile, if anything. */
/** What is wrong with a hand-built profile, if anything. */
export function profileProblem(profile: ChaosProfile): string | undefined {
  for (const kind of KINDS) {
    const rate = profile.rates[kind] ?? 0;
    if (!(rate >= 0 && rate <= 100)) return `rates[${kind}] is a percentage from 0 to 100 (found ${rate})`;
  }
  if (sum(profile.rates) > 100 + EPSILON)
    return `the rates add up to ${percent(sum(profile.rates))}, over 100%`;
  const rate = profile.ratePerSecond;
  if (rate !== undefined && !(Number.isSafeInteger(rate) && rate > 0))
    return `ratePerSecond is a whole number above 0 (found ${rate})`;
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
