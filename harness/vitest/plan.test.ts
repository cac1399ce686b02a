import { expect, it } from 'vitest';
import { suites } from '#registry';
import { reportFolder } from './file-report.js';
import { planConformance, type ConformanceOptions } from './plan.js';

it('plans a describe per target and a check per scenario, as sso-harness run would', () => {
  const plan = planConformance({ sp: ['interact', 'profitco'], suites: ['deactivation', 'import'] });
  expect(plan.targets.map((target) => target.sp)).toEqual(['interact', 'profitco']);
  expect(plan.suites).toEqual(['deactivation', 'import']);
  expect(plan.checks).toHaveLength(2 * (suites.deactivation.length + suites.import.length));
  expect(plan).toMatchObject({ strict: false, seed: 20261123, timeoutMs: 30_000, secrets: [] });
});

it('plans an SCIM service as sso-harness run --scim-url does: the protocol once, the lifecycle per dialect', () => {
  const plan = planConformance({
    scim: { url: 'https://scim.example.test/v2', token: 'token-0123456789' },
    suites: ['scim-protocol', 'provisioning'],
    dialects: ['okta', 'entra'],
  });
  expect(plan.targets.map(({ sp, dialect, suites: only }) => ({ sp, dialect, suites: only }))).toEqual([
    { sp: 'external', dialect: undefined, suites: ['scim-protocol'] },
    { sp: 'external', dialect: 'okta', suites: ['provisioning'] },
    { sp: 'external', dialect: 'entra', suites: ['provisioning'] },
  ]);
  expect(plan.checks).toHaveLength(suites['scim-protocol'].length + 2 * suites.provisioning.length);
  expect(plan.secrets).toEqual(['token-0123456789']);
});

it('runs a part of the checks, every check in one part', () => {
  const options: ConformanceOptions = { sp: ['interact'], suites: ['deactivation', 'import'] };
  const whole = planConformance(options).checks.map((check) => check.scenario.id);
  const parts = ['1/3', '2/3', { index: 3, count: 3 }].map((part) =>
    planConformance({ ...options, part }).checks.map((check) => check.scenario.id),
  );
  expect(parts.flat().sort()).toEqual([...whole].sort());
  expect(parts.every((part) => part.length > 0)).toBe(true);
});

it.each<[ConformanceOptions, string]>([
  [
    { sp: ['nope' as 'interact'] },
    "unknown sp 'nope'; known: interact, outreach, profitco, salesforce, sparkpost",
  ],
  [{ suites: [] }, 'suites takes a non-empty list; known: scim-protocol,'],
  [{ suites: ['sso', 'ssso' as 'sso'] }, "unknown suites 'ssso'"],
  [{ dialects: ['klingon' as 'okta'] }, "unknown dialects 'klingon'"],
  [{ part: '0/2' }, "part 0/2: the index before '/' must be a whole number from 1 to 2"],
  [{ part: 'half' }, "part takes <index>/<count>, such as 1/2 for the first of two shards (found 'half')"],
  [{ seed: 1.5 }, 'seed must be an integer (found 1.5)'],
  [{ timeoutMs: 0 }, 'timeoutMs is how long one check may take, in milliseconds (found 0)'],
  [
    { transport: 'carrier-pigeon' as 'http' },
    "transport must be 'in-process' or 'http' (found 'carrier-pigeon')",
  ],
  [{ samlFaults: ['nope' as never] }, 'unknown samlFaults nope; sso-harness list faults names them'],
  [{ faults: ['nope' as never] }, 'Unknown SCIM fault(s): nope'],
  [{ report: { outDir: 'r', reporters: ['pdf' as 'json'] } }, "report.reporters: Unknown reporter 'pdf'"],
  [{ scim: { url: 'scim.example.test', token: 't' } }, 'scim.url must be an http(s) SCIM base URL'],
  [{ scim: { url: 'https://scim.example.test', token: '' } }, 'scim.token must be the bearer token'],
  [
    { scim: { url: 'https://scim.example.test', token: 't' }, sp: ['interact'] },
    'scim targets one SCIM service; drop sp',
  ],
  [
    { scim: { url: 'https://scim.example.test', token: 't' }, suites: ['sso'] },
    'against scim the scim-protocol, provisioning, group-sync, deactivation and import suites run; drop sso',
  ],
  [
    { connector: {} as never, dialects: ['okta'] },
    'connector is the connector under test and speaks its own dialect; dialects replays the built-in ones: pick one',
  ],
])('refuses %j, naming the option and what it takes', (options, message) => {
  expect(() => planConformance(options)).toThrow(TypeError);
  expect(() => planConformance(options)).toThrow(message);
});

it('names a test file’s report folder after its path, one name per file', () => {
  expect(reportFolder('/work/app/test/conformance/sso.test.ts', '/work/app')).toBe('test-conformance-sso');
  expect(reportFolder('/work/app/conformance.spec.mts', '/work/app')).toBe('conformance');
  expect(reportFolder(undefined, '/work/app')).toBe('conformance');
});
