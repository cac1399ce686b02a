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
  /** Mean requests per second over the measured run (autocannon's Req/Sec average). */
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
  const warmup = await run(workload, warmupSeconds, connections, pipelining);
  const measured = await run(workload, seconds, connections, pipelining);
  const counts: Record<string, number> = {};
  statusCounts(warmup, counts);
  statusCounts(measured, counts);
  const responses = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return {
    requestsPerSecond: measured.requests.average,
    latencyP50Ms: measured.latency.p50,
    latencyP99Ms: measured.latency.p99,
    statusCounts: counts,
    responses,
    non2xx: warmup.non2xx + measured.non2xx,
    unexpected: responses - (counts[String(workload.expectedStatus)] ?? 0),
    errors: warmup.errors + measured.errors,
  };
}
