/**
 * Load generation with autocannon, in the orchestrator's process: a warm-up run
 * that is discarded, then a fixed-duration measured run.
 */
import autocannon from 'autocannon';

/** One HTTP workload: the same request over and over, or a fresh body per request. */
export interface Workload {
  method: 'GET' | 'POST';
  /** Absolute URL, query included. */
  url: string;
  headers: Record<string, string>;
  /** Builds the body of each request; called once per request sent. */
  body?: () => string;
  /** The only status a correct response has. */
  expectedStatus: number;
}

export interface LoadOptions {
  /** @default 1 */
  warmupSeconds?: number;
  /** @default 5 */
  seconds?: number;
  /** @default 10 */
  connections?: number;
  /** @default 1 */
  pipelining?: number;
}

export interface LoadResult {
  /** Requests answered per second over the measured run. */
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Responses per status code, warm-up and measured run together. */
  statusCounts: Record<string, number>;
  /** Responses, warm-up and measured run together. */
  responses: number;
  /** Non-2xx responses, warm-up and measured run together. */
  non2xx: number;
  /** Responses whose status is not `expectedStatus`. */
  unexpected: number;
  /** Connection errors (timeouts included), warm-up and measured run together. */
  errors: number;
}

export const LOAD_DEFAULTS = { warmupSeconds: 1, seconds: 5, connections: 10, pipelining: 1 } as const;

function run(workload: Workload, seconds: number, connections: number, pipelining: number) {
  const { origin, pathname, search } = new URL(workload.url);
  const { body } = workload;
  return autocannon({
    url: origin,
    connections,
    pipelining,
    duration: seconds,
    headers: workload.headers,
    requests: [
      {
        method: workload.method,
        path: `${pathname}${search}`,
        ...(body ? { setupRequest: (request) => ({ ...request, body: body() }) } : {}),
      },
    ],
  });
}

function statusCounts(result: autocannon.Result, into: Record<string, number>): void {
  for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) {
    into[status] = (into[status] ?? 0) + (stats.count ?? 0);
  }
}

/** Warms up, then measures `workload` for a fixed duration. */
export async function measure(workload: Workload, options: LoadOptions = {}): Promise<LoadResult> {
  const { warmupSeconds, seconds, connections, pipelining } = { ...LOAD_DEFAULTS, ...options };
  // No warm-up run when asked for none (a later round of a workload already warmed up).
  const warmup = warmupSeconds > 0 ? await run(workload, warmupSeconds, connections, pipelining) : undefined;
  const measured = await run(workload, seconds, connections, pipelining);
  const counts: Record<string, number> = {};
  if (warmup) statusCounts(warmup, counts);
  statusCounts(measured, counts);
  const responses = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    // Answered requests over the seconds the run took: autocannon samples once a second, and a
    // round of a second or two has too few samples for their mean.
    requestsPerSecond: measured.requests.total / measured.duration,
    latencyP50Ms: measured.latency.p50,
    latencyP99Ms: measured.latency.p99,
    statusCounts: counts,
    responses,
    non2xx: (warmup?.non2xx ?? 0) + measured.non2xx,
    unexpected: responses - (counts[String(workload.expectedStatus)] ?? 0),
    errors: (warmup?.errors ?? 0) + measured.errors,
  };
}

/**
 * Rounds of one workload (equal durations) as one result: the mean of their rates, the median of
 * their p50s, the worst of their p99s, and every response counted.
 */
export function combineRounds(rounds: readonly LoadResult[]): LoadResult {
  if (rounds.length === 0) throw new Error('combineRounds: no rounds to combine');
  const sum = (pick: (round: LoadResult) => number) =>
    rounds.reduce((total, round) => total + pick(round), 0);
  const p50s = rounds.map((round) => round.latencyP50Ms).sort((a, b) => a - b);
  const counts: Record<string, number> = {};
  for (const round of rounds)
    for (const [status, count] of Object.entries(round.statusCounts))
      counts[status] = (counts[status] ?? 0) + count;
  return {
    requestsPerSecond: sum((round) => round.requestsPerSecond) / rounds.length,
    latencyP50Ms: p50s[Math.floor(p50s.length / 2)]!,
    latencyP99Ms: Math.max(...rounds.map((round) => round.latencyP99Ms)),
    statusCounts: counts,
    responses: sum((round) => round.responses),
    non2xx: sum((round) => round.non2xx),
    unexpected: sum((round) => round.unexpected),
    errors: sum((round) => round.errors),
  };
}
