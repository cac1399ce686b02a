/**
 * The measured traffic: one autocannon run per workload against the server, each request built
 * as it is sent (a fresh userName per create, the seed users in turn), every response time and
 * status kept for the report.
 * @see RFC 7644 §3.3, §3.4.2, §3.5.2
 */
import { createRequire } from 'node:module';
import type Autocannon from 'autocannon';
import { SCIM_CONTENT_TYPE } from '#harness/scim';
import type { CreatedResources } from './cleanup.js';
import { LatencyRecorder, type LatencySummary } from './latency.js';
import type { ResolvedLoadOptions, Workload } from './options.js';
import { patchBody, userBody, userNameFilter } from './server.js';

/** What one workload measured. */
export interface WorkloadResult {
  workload: Workload;
  /** How long it ran, in seconds. */
  durationSeconds: number;
  connections: number;
  /** Responses received. */
  requests: number;
  requestsPerSecond: number;
  /** Response times of the responses received; undefined when none came. */
  latencyMs: LatencySummary | undefined;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Responses whose status was not 2xx. */
  non2xx: number;
  /** Requests that got no response: connection errors and timeouts. */
  errors: number;
  timeouts: number;
}

/** A user the lookup and patch workloads read and change, created before them. */
export interface SeedUser {
  id: string;
  userName: string;
}

/** What the workloads build their requests from. */
export interface TrafficContext {
  options: ResolvedLoadOptions;
  seeds: readonly SeedUser[];
  created: CreatedResources;
}

type Method = 'GET' | 'POST' | 'PATCH';

/** One workload's requests: its method, the next request's path and body, what its answers tell. */
interface Plan {
  method: Method;
  next(n: number): { path: string; body?: string };
  onResponse?(status: number, body: string): void;
}

/** The path of the base URL, so request paths are absolute (autocannon sends them as they are). */
const basePath = (scimUrl: string): string => new URL(scimUrl).pathname.replace(/\/+$/, '');

/** The requests of `workload`. */
function plan(workload: Workload, context: TrafficContext): Plan {
  const users = `${basePath(context.options.scimUrl)}/Users`;
  const seed = (n: number): SeedUser => context.seeds[n % context.seeds.length]!;
  switch (workload) {
    case 'create':
      return {
        method: 'POST',
        next: (n) => ({
          path: users,
          body: JSON.stringify(userBody(`${context.options.runPrefix}c${n}@example.com`)),
        }),
        onResponse(status, body) {
          if (status < 200 || status >= 300) return;
          try {
            const id = (JSON.parse(body) as { id?: unknown }).id;
            if (typeof id === 'string') context.created.add('Users', id);
          } catch {
            // The sweep by prefix finds a user whose answer had no readable id.
          }
        },
      };
    case 'lookup':
      return {
        method: 'GET',
        next: (n) => ({
          path: `${users}?filter=${encodeURIComponent(userNameFilter(seed(n).userName))}`,
        }),
      };
    case 'patch':
      return {
        method: 'PATCH',
        next: (n) => ({
          path: `${users}/${encodeURIComponent(seed(n).id)}`,
          body: JSON.stringify(patchBody([{ op: 'replace', path: 'displayName', value: `Load Test ${n}` }])),
        }),
      };
    case 'list':
      return {
        method: 'GET',
        next: (n) => ({ path: `${users}?startIndex=${1 + (n % 50)}&count=10` }),
      };
  }
}

/**
 * autocannon (CommonJS), loaded by the first workload: the rest of the command line (a run, its
 * threads) never sends load, and loading autocannon costs about a third of a second.
 */
const autocannon = (): typeof Autocannon =>
  (loaded ??= createRequire(import.meta.url)('autocannon') as typeof Autocannon);
let loaded: typeof Autocannon | undefined;

/** Runs one workload for the configured duration; resolves when autocannon is done. */
export function runWorkload(workload: Workload, context: TrafficContext): Promise<WorkloadResult> {
  const { options } = context;
  const steps = plan(workload, context);
  const latencies = new LatencyRecorder();
  const statuses: Record<string, number> = {};
  let sent = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon()(
      {
        url: options.scimUrl,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)),
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: SCIM_CONTENT_TYPE,
          'content-type': SCIM_CONTENT_TYPE,
        },
        requests: [
          {
            method: steps.method,
            setupRequest: (request) => ({ ...request, ...steps.next(sent++) }),
            ...(steps.onResponse ? { onResponse: steps.onResponse.bind(steps) } : {}),
          },
        ],
      },
      (error: unknown, result: Autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const requests = Object.values(statuses).reduce((sum, count) => sum + count, 0);
        resolve({
          workload,
          durationSeconds: result.duration,
          connections: options.connections,
          requests,
          requestsPerSecond: result.duration > 0 ? Math.round((requests / result.duration) * 10) / 10 : 0,
          latencyMs: latencies.summary(),
          statuses,
          non2xx: Object.entries(statuses)
            .filter(([status]) => !status.startsWith('2'))
            .reduce((sum, [, count]) => sum + count, 0),
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      latencies.record(ms);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
    });
  });
}
