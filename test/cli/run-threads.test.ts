/**
 * A run in several threads (harness/cli/run-threads.ts) finds what a run in one finds: the same
 * checks, in the same order, with the same verdicts and messages. Threads need the built CLI
 * (the thread runs dist/harness/cli/run-thread.js), so these run the built bin.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = join(import.meta.dirname, '..', '..', 'dist', 'harness', 'cli', 'bin.js');
const dir = mkdtempSync(join(tmpdir(), 'sso-harness-threads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  status: number | null;
  stdout: string;
  results: { scenario: string; sp: string; status: string; message: string }[];
}

function run(name: string, ...args: string[]): Outcome {
  const out = join(dir, name);
  const ran = spawnSync(process.execPath, [bin, 'run', '--reporter', 'json', '--out', out, ...args], {
    encoding: 'utf8',
  });
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    results: Outcome['results'];
  };
  return { status: ran.status, stdout: ran.stdout, results: report.results };
}

/** Each result but the random SAML IDs its message may quote (a fresh one every run). */
const verdicts = (outcome: Outcome) =>
  outcome.results.map(({ scenario, sp, status, message }) => ({
    scenario,
    sp,
    status,
    message: message.replace(/\b[A-Z][A-Z0-9]{39}\b/g, '<ID>'),
  }));

describe('run --jobs', () => {
  const selection = ['--sp', 'salesforce', '--suite', 'scim-protocol,saml-security'];

  it('gives the same verdicts, in the same order, in two threads as in one, and says the other thread ran checks', () => {
    const one = run('one', ...selection, '--jobs', '1');
    const two = run('two', ...selection, '--jobs', '2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(verdicts(two)).toEqual(verdicts(one));
    expect(one.stdout).not.toContain('threads:');
    const [, here, there] =
      /ran in 2 threads: (\d+) checks in this one, (\d+) in the others/.exec(two.stdout) ?? [];
    expect(Number(here) + Number(there)).toBe(one.results.length);
    expect(Number(there)).toBeGreaterThan(0);
  }, 60_000);

  it('refuses a --jobs that is not a whole number from 1, naming it, before running anything', () => {
    const ran = spawnSync(process.execPath, [bin, 'run', '--jobs', '0', '--out', join(dir, 'bad')], {
      encoding: 'utf8',
    });
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain("--jobs takes a whole number of threads from 1, such as 2 (found '0')");
  });
});
