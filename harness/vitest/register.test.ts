/**
 * sso-harness/vitest as a test author uses it: test files that call `registerConformance` (the
 * examples in examples/vitest, and fixtures with faults), run by vitest in a child process as
 * `vitest run --shard=1/2` and `--shard=2/2`, read back through a reporter that records every
 * test's state, skip note, failure message and annotations.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SCIM_FAULT_RECORDS, mockSps, mockTarget, suites } from '#registry';
import { startMockSp, type RunningMockSp } from '#mock-sps';
import { runScenarios } from '#harness/runner';
import { mergeReports, readShardReport, validateReport, type RunReport } from '#reports';
import config from '../../vitest.config.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** What the child run's reporter records of each test. */
interface Recorded {
  file: string;
  suite: string;
  name: string;
  state: string;
  note?: string;
  errors: string[];
  annotations: { type: string; message: string }[];
}

/** A reporter for the child run: every test as {@link Recorded}, into the file DUMP names. */
const DUMP_REPORTER = `
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
export default class Dump {
  onTestRunEnd(modules) {
    const tests = modules.flatMap((module) => [...module.children.allTests()].map((test) => {
      const result = test.result();
      return {
        file: relative(process.cwd(), module.moduleId),
        suite: test.parent.type === 'suite' ? test.parent.name : '',
        name: test.name,
        state: result.state,
        ...(result.note === undefined ? {} : { note: result.note }),
        errors: (result.errors ?? []).map((error) => error.message),
        annotations: test.annotations().map(({ type, message }) => ({ type, message })),
      };
    }));
    writeFileSync(process.env.DUMP, JSON.stringify(tests));
  }
}
`;

/** Faults that fail scim-protocol/plain-json-accepted as a warning and auth-www-authenticate as a note. */
const FAULTS = `'reject-plain-json', 'no-auth-challenge'`;

/** Fixtures beside the examples: faults that fail, warn and note, a strict file, an SP nothing applies to, an SCIM service. */
const FIXTURES: Record<string, string> = {
  'failing.test.ts': `registerConformance({ sp: ['interact'], suites: ['scim-protocol'], faults: [${FAULTS}, 'json-content-type', 'accept-any-token'], report: 'reports' });`,
  'strict.test.ts': `registerConformance({ sp: ['interact'], suites: ['scim-protocol'], faults: [${FAULTS}], strict: true });`,
  'not-applicable.test.ts': `registerConformance({ sp: ['outreach'], suites: ['deactivation'] });`,
  'service.test.ts': `registerConformance({ scim: { url: process.env.SCIM_URL!, token: process.env.SCIM_TOKEN! }, suites: ['scim-protocol'], report: 'reports' });`,
};

/** A token long enough to keep its last four characters when masked. */
const SERVICE_TOKEN = 'service-token-0123456789abcdef';

let dir: string;
let service: RunningMockSp;
let interactToken: string;
const shards: Recorded[][] = [];

/** The child run's config: the project's aliases to the sources, and the package's entries pointed at them too. */
function childConfig(): string {
  const aliases = [
    { find: /^sso-harness\/vitest$/, replacement: join(ROOT, 'harness/vitest/index.ts') },
    { find: /^sso-harness$/, replacement: join(ROOT, 'index.ts') },
    ...((config.resolve?.alias ?? []) as { find: RegExp; replacement: string }[]),
  ];
  const alias = aliases.map(
    ({ find, replacement }) => `{ find: ${String(find)}, replacement: ${JSON.stringify(replacement)} }`,
  );
  return `import { defineConfig } from 'vitest/config';
export default defineConfig({
  resolve: { alias: [${alias.join(', ')}] },
  // One worker that keeps the sources it loaded from file to file: the harness is loaded once.
  test: { include: ['**/*.test.ts'], exclude: ['node_modules/**'], reporters: ['./dump-reporter.mjs'], isolate: false, maxWorkers: 1 },
});
`;
}

function vitest(shard: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', `--shard=${shard}`],
      {
        cwd: dir,
        env: {
          ...process.env,
          DUMP: join(dir, `dump-${shard.replace('/', '-')}.json`),
          SCIM_URL: service.scimBaseUrl!,
          SCIM_TOKEN: SERVICE_TOKEN,
          NO_COLOR: '1',
        },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-vitest-'));
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await cp(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  await mkdir(join(dir, 'fixtures'));
  for (const [name, call] of Object.entries(FIXTURES))
    await writeFile(
      join(dir, 'fixtures', name),
      `import { registerConformance } from 'sso-harness/vitest';\n\n${call}\n`,
    );
  await writeFile(join(dir, 'dump-reporter.mjs'), DUMP_REPORTER);
  await writeFile(join(dir, 'vitest.config.mjs'), childConfig());
  service = await startMockSp(mockSps.interact, {
    faults: SCIM_FAULT_RECORDS.filter((fault) => fault.id === 'json-content-type'),
    token: SERVICE_TOKEN,
  });
  interactToken = (await mockTarget('interact').open()).token;
  for (const shard of ['1/2', '2/2']) {
    const run = await vitest(shard);
    // Failing checks fail the run; anything else (no file, a crash) leaves no dump.
    expect(run.code, run.output).toBe(1);
    shards.push(
      JSON.parse(await readFile(join(dir, `dump-${shard.replace('/', '-')}.json`), 'utf8')) as Recorded[],
    );
  }
}, 240_000);

afterAll(async () => {
  await service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const all = (): Recorded[] => shards.flat();
const test = (file: string, scenario: string): Recorded => {
  const found = all().find((each) => each.file === file && each.name.startsWith(`${scenario}: `));
  if (found === undefined) throw new Error(`no test of ${scenario} in ${file}`);
  return found;
};

it('deals the test files between the shards, each file to one, and registers a test per check', () => {
  const files = shards.map((shard) => new Set(shard.map((each) => each.file)));
  expect(files.every((set) => set.size > 0)).toBe(true);
  expect([...files[0]!].filter((file) => files[1]!.has(file))).toEqual([]);
  expect(new Set([...files[0]!, ...files[1]!])).toEqual(
    new Set([
      'examples/vitest/conformance.test.ts',
      'examples/vitest/connector.test.ts',
      ...Object.keys(FIXTURES).map((name) => `fixtures/${name}`),
    ]),
  );
  const failing = all().filter((each) => each.file === 'fixtures/failing.test.ts');
  expect(failing).toHaveLength(suites['scim-protocol'].length);
  expect(new Set(failing.map((each) => each.suite))).toEqual(new Set(['interact › scim-protocol']));
  expect(test('fixtures/failing.test.ts', 'scim-protocol/media-type').name).toMatch(
    /^scim-protocol\/media-type: .+ \[SCIM-MEDIA-TYPE\]$/,
  );
  expect(
    new Set(
      all()
        .filter((each) => each.file === 'fixtures/service.test.ts')
        .map((each) => each.suite),
    ),
  ).toEqual(new Set(['external › scim-protocol']));
});

it('fails a failed check’s test with its verdict, requirements and exchanges, and no stack or token', () => {
  const failed = test('fixtures/failing.test.ts', 'scim-protocol/media-type');
  expect(failed.state).toBe('failed');
  const message = failed.errors.join('\n');
  expect(message).toMatch(/^error \(MUST\) · requirements: SCIM-MEDIA-TYPE/);
  expect(message).toContain('SCIM-MEDIA-TYPE (MUST): ');
  expect(message).toMatch(/Evidence 1 \(http\)/);
  expect(message).toMatch(/\n(GET|POST|PUT|PATCH|DELETE) https?:\/\/\S+/);
  expect(message).toMatch(/\n→ \d{3} \(/);
  expect(message).not.toMatch(/\n\s+at /);
  expect(test('fixtures/failing.test.ts', 'scim-protocol/auth-wrong-token-401')).toMatchObject({
    state: 'failed',
  });
  expect(test('fixtures/failing.test.ts', 'scim-protocol/auth-wrong-token-401').errors[0]).toMatch(
    /^critical /,
  );
  const service = all().filter((each) => each.file === 'fixtures/service.test.ts' && each.state === 'failed');
  expect(service.length).toBeGreaterThan(0);
  for (const each of all()) {
    const shown = [...each.errors, each.note ?? '', ...each.annotations.map((a) => a.message)].join('\n');
    expect(shown).not.toContain(SERVICE_TOKEN);
    expect(shown).not.toContain(interactToken);
  }
});

it('skips a check that does not apply, or that a failed check blocks, with the reason', () => {
  const outreach = all().filter((each) => each.file === 'fixtures/not-applicable.test.ts');
  expect(outreach.length).toBe(suites.deactivation.length);
  for (const each of outreach)
    expect(each).toMatchObject({
      state: 'skipped',
      note: expect.stringMatching(/^not applicable: outreach /),
    });
  expect(test('fixtures/failing.test.ts', 'scim-protocol/auth-error-body')).toMatchObject({
    state: 'skipped',
    note: expect.stringMatching(/^not applicable: blocked by scim-protocol\/auth-missing-token-401: /),
  });
});

it('passes a warning’s and a note’s test with an annotation, and fails the warning’s with strict', () => {
  expect(test('fixtures/failing.test.ts', 'scim-protocol/plain-json-accepted')).toMatchObject({
    state: 'passed',
    annotations: [
      {
        type: 'warning',
        message: expect.stringMatching(/^warning, fails only with strict: true: warning \(SHOULD\)/),
      },
    ],
  });
  expect(test('fixtures/strict.test.ts', 'scim-protocol/plain-json-accepted').state).toBe('failed');
  // A note fails no run, strict or not.
  expect(test('fixtures/strict.test.ts', 'scim-protocol/auth-www-authenticate')).toMatchObject({
    state: 'passed',
    annotations: [{ type: 'notice', message: expect.stringMatching(/^note, fails no run: note /) }],
  });
});

it('passes the examples as written', () => {
  const examples = all().filter((each) => each.file.startsWith('examples/'));
  expect(examples.filter((each) => each.state === 'passed').length).toBeGreaterThan(50);
  expect(examples.filter((each) => each.state === 'failed')).toEqual([]);
});

it('writes each file’s report, with the verdicts of the same selection run whole, and merges the examples’', async () => {
  expect((await readdir(join(dir, 'reports'))).sort()).toEqual(['fixtures-failing', 'fixtures-service']);
  const read = async (path: string): Promise<RunReport> =>
    readShardReport(await readFile(join(dir, path, 'report.json'), 'utf8'), path);
  const failing = await read('reports/fixtures-failing');
  expect(validateReport(failing)).toEqual([]);
  const whole = await runScenarios({
    scenarios: suites['scim-protocol'],
    targets: [
      mockTarget('interact', {
        faults: ['reject-plain-json', 'no-auth-challenge', 'json-content-type', 'accept-any-token'],
      }),
    ],
    strict: false,
    seed: failing.options.seed,
    version: failing.tool.version,
  });
  const verdicts = (report: RunReport) =>
    report.results.map(({ sp, scenario, status, severity, level }) => ({
      sp,
      scenario,
      status,
      severity,
      level,
    }));
  expect(verdicts(failing)).toEqual(verdicts(whole));
  expect(failing.summary).toEqual(whole.summary);
  expect(JSON.stringify(await read('reports/fixtures-service'))).not.toContain(SERVICE_TOKEN);
  const examples = await Promise.all(
    ['sso-harness-vitest/examples-vitest-conformance', 'sso-harness-vitest/examples-vitest-connector'].map(
      read,
    ),
  );
  const merged = mergeReports(examples);
  expect(merged.summary.total).toBe(examples[0]!.summary.total + examples[1]!.summary.total);
  expect(merged.summary.exitCode).toBe(0);
});
