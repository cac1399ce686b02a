/**
 * The worked connector example (examples/connector-module), gated: run through the built CLI
 * exactly as its README says, the good connector passes every applicable check, and each
 * broken variant fails exactly the checks its module lists next to the bug; and a transcript
 * comparison after a one-line change to the connector shows that change and nothing else.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { expectedFailures as noLookup } from '../../examples/connector-module/broken/no-lookup.js';
import { expectedFailures as noRetryAfter } from '../../examples/connector-module/broken/no-retry-after.js';
import { expectedFailures as replaceMembers } from '../../examples/connector-module/broken/replace-members.js';
import { expectedFailures as stringBooleans } from '../../examples/connector-module/broken/string-booleans.js';
import { SCIM_APPS } from '../../examples/connector-module/broken/support.js';

const BIN = resolve('dist/harness/cli/bin.js');
const EXAMPLE = 'examples/connector-module';

/**
 * A floor under the good connector's passed checks, so a run that silently tested nothing
 * fails: 240 pass today. A connector that throws on every call still passes 106 of them
 * (the read-back checks and a few app checks provision through an IdP of their own).
 */
const PASSED_FLOOR = 230;

interface Run {
  status: number | null;
  stderr: string;
  report: RunReport;
}

/** The example's modules, by name: the good connector and each broken variant. */
const MODULES = {
  connector: `${EXAMPLE}/connector.ts`,
  'no-lookup': `${EXAMPLE}/broken/no-lookup.ts`,
  'string-booleans': `${EXAMPLE}/broken/string-booleans.ts`,
  'replace-members': `${EXAMPLE}/broken/replace-members.ts`,
  'no-retry-after': `${EXAMPLE}/broken/no-retry-after.ts`,
} as const;

let dir: string;
const runs = new Map<keyof typeof MODULES, Promise<Run>>();

/** `node --import tsx dist/harness/cli/bin.js run --connector <module> --out <dir>`, as the README has it. */
function run(name: keyof typeof MODULES): Promise<Run> {
  const out = join(dir, name);
  const args = [
    '--import',
    'tsx',
    BIN,
    'run',
    '--connector',
    MODULES[name],
    '--out',
    out,
    '--reporter',
    'json',
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => {
      readFile(join(out, 'report.json'), 'utf8')
        .then((text) => done({ status, stderr, report: JSON.parse(text) as RunReport }))
        .catch((error: unknown) =>
          fail(new Error(`${name}: no report.json (exit ${status}): ${stderr}`, { cause: error })),
        );
    });
  });
}

const failedKeys = (report: RunReport): string[] =>
  report.results
    .filter((r) => r.status === 'failed')
    .map((r) => `${r.sp} ${r.scenario}`)
    .sort();

// The runs start together (each takes a few seconds of CPU); each test awaits its own.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-example-'));
  for (const name of Object.keys(MODULES) as (keyof typeof MODULES)[]) runs.set(name, run(name));
  // Settled here so that a failed run is reported by the test that reads it, not as unhandled.
  await Promise.allSettled(runs.values());
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('examples/connector-module', () => {
  it('the connector written from scratch passes every applicable check on every SCIM mock SP', async () => {
    const { status, stderr, report } = await runs.get('connector')!;
    expect(stderr).toBe('');
    expect(failedKeys(report)).toEqual([]);
    expect(status).toBe(0);
    expect(report.summary.passed).toBeGreaterThanOrEqual(PASSED_FLOOR);
    // Every SCIM app was reached, not just one.
    for (const app of SCIM_APPS) {
      const passed = report.results.filter((r) => r.sp === app && r.status === 'passed');
      expect(passed.length, app).toBeGreaterThan(30);
    }
  });

  it.each([
    ['no-lookup', noLookup, 1],
    ['string-booleans', stringBooleans, 1],
    ['replace-members', replaceMembers, 1],
    // Its checks are SHOULDs (IDP-IDM-12), graded warning: the run fails only with --strict.
    ['no-retry-after', noRetryAfter, 0],
  ] as const)('the %s variant fails exactly the checks its module lists', async (variant, expected, exit) => {
    const { status, stderr, report } = await runs.get(variant)!;
    expect(stderr).toBe('');
    expect(failedKeys(report)).toEqual([...expected].sort());
    expect(status).toBe(exit);
  });
});

/**
 * The one-line change: deactivate with a pathless replace (`"value": {"active": false}`, RFC 7644
 * §3.5.2.3) instead of `"path": "active"`. The SPs take both and answer the same, so the wire
 * differs in the request bodies only.
 */
const LINE = "    await update(scimClient(ctx), spId, [replace('active', false)]);";
const CHANGED_LINE =
  "    await update(scimClient(ctx), spId, [{ op: 'replace', value: { active: false } }]);";

/** `node --import tsx dist/harness/cli/bin.js run <args>`, with what it printed. */
function cli(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'run', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const text = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (text.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text.stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => done({ status, ...text }));
  });
}

describe('examples/connector-module transcripts', () => {
  it('a comparison after a one-line change to the connector shows that change and nothing else', async () => {
    // The changed copy sits beside a copy of what it imports; `sso-harness` resolves to this package.
    const copy = join(dir, 'changed');
    await mkdir(join(copy, 'node_modules'), { recursive: true });
    await symlink(resolve('.'), join(copy, 'node_modules', 'sso-harness'), 'dir');
    await copyFile(`${EXAMPLE}/transport.ts`, join(copy, 'transport.ts'));
    const source = (await readFile(MODULES.connector, 'utf8')).split('\n');
    expect(source.filter((line) => line === LINE)).toHaveLength(1);
    const changed = source.map((line) => (line === LINE ? CHANGED_LINE : line));
    expect(changed.filter((line, i) => line !== source[i])).toEqual([CHANGED_LINE]);
    await writeFile(join(copy, 'connector.ts'), changed.join('\n'));

    const wire = join(dir, 'wire');
    const scope = ['--sp', 'interact,sparkpost', '--suite', 'provisioning,deactivation'];
    const common = [...scope, '--out', join(dir, 'transcript-report'), '--reporter', 'json', '--quiet'];
    const recorded = await cli(['--connector', MODULES.connector, ...common, '--record', wire]);
    expect(recorded.stderr).toBe('');
    expect(recorded.status).toBe(0);
    const compared = await cli(['--connector', join(copy, 'connector.ts'), ...common, '--compare', wire]);
    expect(compared.stderr).toBe('');
    expect(compared.status).toBe(1);

    // Only scenarios that deactivate someone changed; none appeared or went.
    const counts =
      /Transcripts differ from the recording: (\d+) changed, 0 added, 0 removed, (\d+) same\./.exec(
        compared.stdout,
      );
    expect(counts, compared.stdout).not.toBeNull();
    expect(Number(counts![1])).toBeGreaterThan(0);
    expect(Number(counts![2])).toBeGreaterThan(0);
    // Every changed line of every diff is the deactivation PATCH's operation, and nothing else.
    const lines = compared.stdout
      .split('\n')
      .filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));
    expect(new Set(lines)).toEqual(
      new Set([
        '-      "path": "active",',
        '-      "value": false',
        '+      "value": {',
        '+        "active": false',
        '+      }',
      ]),
    );
    // Whole operations: each deactivation loses its two lines and gains its three.
    expect(lines.filter((line) => line.startsWith('-')).length * 3).toBe(
      lines.filter((line) => line.startsWith('+')).length * 2,
    );
  }, 60_000);
});
