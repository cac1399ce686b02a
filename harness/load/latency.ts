/**
 * Latency percentiles: nearest-rank over what was recorded, with a bounded sample so an hour of
 * load does not keep every response time.
 */

/** The p-th percentile (0 < p ≤ 100) of ascending `sorted` by the nearest-rank method; undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (!(p > 0 && p <= 100)) throw new TypeError(`percentile: p must be in (0, 100], found ${p}`);
  if (sorted.length === 0) return undefined;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Response times of one workload, in milliseconds. */
export interface LatencySummary {
  count: number;
  min: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/**
 * Records response times: every one up to `limit`, then a uniform sample of that size
 * (reservoir sampling), so the percentiles stay representative and the memory bounded.
 * Count, mean, min and max are exact.
 */
export class LatencyRecorder {
  readonly #sample: number[] = [];
  #count = 0;
  #sum = 0;
  #min = Infinity;
  #max = -Infinity;

  constructor(
    private readonly limit = 100_000,
    private readonly random: () => number = Math.random,
  ) {}

  record(ms: number): void {
    this.#count++;
    this.#sum += ms;
    this.#min = Math.min(this.#min, ms);
    this.#max = Math.max(this.#max, ms);
    if (this.#sample.length < this.limit) {
      this.#sample.push(ms);
      return;
    }
    const slot = Math.floor(this.random() * this.#count);
    if (slot < this.limit) this.#sample[slot] = ms;
  }

  /** The summary, or undefined when nothing was recorded. */
  summary(): LatencySummary | undefined {
    if (this.#count === 0) return undefined;
    const sorted = [...this.#sample].sort((a, b) => a - b);
    return {
      count: this.#count,
      min: round(this.#min),
      mean: round(this.#sum / this.#count),
      p50: round(percentile(sorted, 50)!),
      p95: round(percentile(sorted, 95)!),
      p99: round(percentile(sorted, 99)!),
      max: round(this.#max),
    };
  }
}
