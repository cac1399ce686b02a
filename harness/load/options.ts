/**
 * What `runLoad` takes: a user-facing partial over a mandatory core (the server and its token),
 * with every default resolved once here.
 * @see docs/decisions/0030-load-mode.md
 */
import { randomBytes } from 'node:crypto';
import { LoadError } from './errors.js';

/** The kinds of traffic the load sends, each measured on its own. */
export const WORKLOADS = ['create', 'lookup', 'patch', 'list'] as const;
export type Workload = (typeof WORKLOADS)[number];

/** Whether `name` is a workload's name. */
export function isWorkload(name: string): name is Workload {
  return (WORKLOADS as readonly string[]).includes(name);
}

/** What a load run needs and may be told. */
export interface LoadOptions {
  /** The SCIM base URL, the one `/Users` hangs off. */
  scimUrl: string;
  /** The bearer token; it is sent, never written anywhere. */
  token: string;
  /** How long each workload runs, in seconds. @default 10 */
  durationSeconds?: number;
  /** Concurrent connections of each workload. @default 10 */
  connections?: number;
  /** The workloads, run one after another in this order. @default every one of WORKLOADS */
  workloads?: readonly Workload[];
  /** How many creates of one userName the duplicate-create race sends at once. @default 50 */
  raceSize?: number;
  /** How many times the duplicate-create race runs (each with a new userName). @default 3 */
  raceRounds?: number;
  /** How many members the lost-member race adds to one group at once. @default 10 */
  members?: number;
  /** How long one request may take, in ms. @default 10000 */
  timeoutMs?: number;
  /** What every userName and group name the load creates starts with. @default 'sso-harness-load-' */
  prefix?: string;
  /** Told what the load is doing, a line at a time. @default nothing */
  onProgress?: (line: string) => void;
}

/** The options with every default applied, and the run's own id. */
export interface ResolvedLoadOptions extends Required<Omit<LoadOptions, 'onProgress'>> {
  onProgress: (line: string) => void;
  /** What this run's names start with: the prefix and a random run id. */
  runPrefix: string;
}

/** A whole number in [min, max], or a LoadError naming the option. */
function bounded(
  value: number | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > max)
    throw new LoadError(
      'LOAD_OPTION',
      `${name} must be a whole number from ${min} to ${max} (found ${chosen})`,
    );
  return chosen;
}

/** Every default applied once; a LoadError names an option out of range. */
export function resolveLoadOptions(options: LoadOptions): ResolvedLoadOptions {
  if (!/^https?:\/\/[^\s/]+/.test(options.scimUrl))
    throw new LoadError(
      'LOAD_OPTION',
      `the SCIM base URL must be an http(s) URL such as https://scim.example.com/scim/v2 (found '${options.scimUrl}')`,
    );
  const workloads = options.workloads ?? WORKLOADS;
  const prefix = options.prefix ?? 'sso-harness-load-';
  const durationSeconds = options.durationSeconds ?? 10;
  if (!(durationSeconds > 0 && durationSeconds <= 3600))
    throw new LoadError(
      'LOAD_OPTION',
      `the duration must be from 0 to 3600 seconds (found ${durationSeconds})`,
    );
  return {
    scimUrl: options.scimUrl.replace(/\/+$/, ''),
    token: options.token,
    durationSeconds,
    connections: bounded(options.connections, 10, 'connections', 1, 1000),
    workloads: [...new Set(workloads)],
    raceSize: bounded(options.raceSize, 50, 'the race size', 2, 500),
    raceRounds: bounded(options.raceRounds, 3, 'the race rounds', 1, 20),
    members: bounded(options.members, 10, 'the members', 2, 100),
    timeoutMs: bounded(options.timeoutMs, 10_000, 'the request timeout (ms)', 100, 600_000),
    prefix,
    onProgress: options.onProgress ?? (() => undefined),
    runPrefix: `${prefix}${randomBytes(4).toString('hex')}-`,
  };
}
