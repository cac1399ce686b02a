/**
 * The example connector under chaos (the resilience suite), through the built CLI as its README
 * says: the good connector loses, duplicates and hammers nobody; the variant that re-sends creates
 * without a lookup is caught by no-duplicates, the one that ignores Retry-After by
 * retry-after-honoured, on every SCIM app.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { SCIM_APPS } from '../../examples/connector-module/broken/support.js';

const BIN = resolve('dist/harness/cli/bin.js');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-resilience-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** `run --connector <module> --suite resilience --scale 400`; the failed checks as `<sp> <check>`. */
function failures(module: string): Promise<string[]> {
  const out = join(dir, module.replace(/\W+/g, '-'));
  const args = ['--import', 'tsx', BIN, 'run', '--connector', module, '--suite', 'resilience'];
  args.push('--scale', '400', '--out', out, '--reporter', 'json');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (status) => {
      readFile(join(out, 'report.json'), 'utf8')
        .then((text) => {
          const report = JSON.parse(text) as RunReport;
          expect(report.results.filter((r) => r.status === 'passed').length).toBeGreaterThan(0);
          done(report.results.filter((r) => r.status === 'failed').map((r) => `${r.sp} ${r.scenario}`));
        })
        .catch((error: unknown) =>
          fail(new Error(`no report.json (exit ${status}): ${stderr}`, { cause: error })),
        );
    });
  });
}

const on = (check: string): string[] => SCIM_APPS.map((app) => `${app} resilience/${check}`);

describe('the example connector under chaos', () => {
  it('passes every resilience check', async () => {
    expect(await failures('examples/connector-module/connector.ts')).toEqual([]);
  });

  it('catches the variant that re-sends creates without a lookup', async () => {
    expect(await failures('examples/connector-module/broken/no-lookup.ts')).toEqual(
      expect.arrayContaining(on('no-duplicates')),
    );
  });

  it('catches the variant that ignores Retry-After', async () => {
    expect(await failures('examples/connector-module/broken/no-retry-after.ts')).toEqual(
      on('retry-after-honoured'),
    );
  });
});
