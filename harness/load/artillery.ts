/**
 * The load's traffic as an Artillery test script (YAML), for teams that run their load tests with
 * Artillery: the same requests, each virtual user creating a user of its own, looking it up,
 * patching it and deleting it, and listing pages. The token is an environment variable
 * reference, never its value.
 * @see https://www.artillery.io/docs/reference/test-script
 * @see docs/decisions/0030-load-mode.md
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { PATCH_OP_SCHEMA, SCIM_CONTENT_TYPE, USER_SCHEMA } from '#harness/scim';
import type { Workload } from './options.js';

/** The environment variable the script reads the bearer token from. */
export const ARTILLERY_TOKEN_VARIABLE = 'SCIM_TOKEN';

/** What the script is made from. */
export interface ArtilleryOptions {
  /** The SCIM base URL. */
  scimUrl: string;
  /** How long the phase lasts, in seconds. */
  durationSeconds: number;
  /** New virtual users per second. */
  arrivalRate: number;
  workloads: readonly Workload[];
  /** What every userName the script creates starts with. */
  prefix: string;
}

type Step = Record<string, Record<string, unknown>>;

/** The script as data: `config` (target, phases, default headers) and `scenarios`. */
export function artilleryScript(options: ArtilleryOptions): Record<string, unknown> {
  const url = new URL(options.scimUrl);
  const users = `${url.pathname.replace(/\/+$/, '')}/Users`;
  const has = (workload: Workload): boolean => options.workloads.includes(workload);
  const user: Step[] = [
    {
      post: {
        url: users,
        json: {
          schemas: [USER_SCHEMA],
          userName: `${options.prefix}{{ $randomString() }}@example.com`,
          name: { givenName: 'Load', familyName: 'Test' },
          displayName: 'Load Test',
          active: true,
        },
        capture: [
          { json: '$.id', as: 'userId' },
          { json: '$.userName', as: 'userName' },
        ],
      },
    },
  ];
  if (has('lookup')) user.push({ get: { url: `${users}?filter=userName%20eq%20%22{{ userName }}%22` } });
  if (has('patch'))
    user.push({
      patch: {
        url: `${users}/{{ userId }}`,
        json: {
          schemas: [PATCH_OP_SCHEMA],
          Operations: [{ op: 'replace', path: 'displayName', value: 'Load Test patched' }],
        },
      },
    });
  // Each virtual user removes what it created, as the load does afterwards.
  user.push({ delete: { url: `${users}/{{ userId }}` } });
  const scenarios: Record<string, unknown>[] = [];
  const wantsUser = has('create') || has('lookup') || has('patch');
  if (wantsUser)
    scenarios.push({
      name: `${['create', 'lookup', 'patch'].filter((w) => has(w as Workload)).join(', ')} (then delete)`,
      weight: 3,
      flow: user,
    });
  if (has('list'))
    scenarios.push({
      name: 'list',
      weight: 1,
      flow: [{ get: { url: `${users}?startIndex={{ $randomNumber(1, 50) }}&count=10` } }],
    });
  return {
    config: {
      target: url.origin,
      phases: [
        { duration: options.durationSeconds, arrivalRate: options.arrivalRate, name: 'sso-harness load' },
      ],
      defaults: {
        headers: {
          Authorization: `Bearer {{ $processEnvironment.${ARTILLERY_TOKEN_VARIABLE} }}`,
          Accept: SCIM_CONTENT_TYPE,
          'Content-Type': SCIM_CONTENT_TYPE,
        },
      },
    },
    scenarios,
  };
}

/** The script as YAML, with a comment on how to run it. */
export function artilleryYaml(options: ArtilleryOptions): string {
  const head = [
    '# SCIM load for Artillery, written by sso-harness load --export-artillery.',
    `# Run: ${ARTILLERY_TOKEN_VARIABLE}=<bearer token> npx artillery run <this file>`,
    '# Every user it creates starts with the prefix below and is deleted by the same virtual user.',
  ];
  // yaml, loaded here: only an export needs it.
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof Yaml;
  return `${head.join('\n')}\n${stringify(artilleryScript(options), {
    lineWidth: 0,
    // Every value quoted, as Artillery's documentation writes them: a template never reads as YAML.
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
  })}`;
}
