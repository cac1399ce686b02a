import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { renderJson, summarize, validateReport, type CheckResult, type RunReport } from '#reports';
import { sampleReport } from '../../reports/test-support.js';
import { mergeCommand } from './merge-command.js';
import { UsageError } from './usage.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-merge-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function merge(...args: string[]): Promise<{ code: number; stdout: string }> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = await mergeCommand(args, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new PassThrough() as unknown as NodeJS.WriteStream,
    cwd: dir,
    env: {},
  });
  return { code, stdout: text };
}

/** Writes `report` as a shard's folder holds it. */
async function shard(name: string, report: RunReport): Promise<void> {
  await mkdir(join(dir, name), { recursive: true });
  await writeFile(join(dir, name, 'report.json'), renderJson(report));
}

const part = (keep: (result: CheckResult, i: number) => boolean, report = sampleReport()): RunReport => {
  const results = report.results.filter(keep);
  return { ...report, results, summary: summarize(results, report.options.strict) };
};

/** The sample run in two shards, its results dealt in turn. */
async function twoShards(report = sampleReport()): Promise<void> {
  await shard(
    'shard-1',
    part((_, i) => i % 2 === 0, report),
  );
  await shard(
    'shard-2',
    part((_, i) => i % 2 === 1, report),
  );
}

it('merges the shards into the run’s report, written by every reporter, and exits as the run would', async () => {
  await twoShards();
  const { code, stdout } = await merge('shard-1', 'shard-2/report.json', '--out', 'merged');
  const whole = sampleReport();
  expect(code).toBe(whole.summary.exitCode);
  expect((await readdir(join(dir, 'merged'))).sort()).toEqual([
    'junit.xml',
    'report.html',
    'report.json',
    'summary.md',
  ]);
  const merged = JSON.parse(await readFile(join(dir, 'merged', 'report.json'), 'utf8')) as RunReport;
  expect(validateReport(merged)).toEqual([]);
  expect(merged.summary).toEqual(whole.summary);
  expect(merged.results).toHaveLength(whole.results.length);
  expect(stdout).toContain('sso-harness: merged 2 report(s): shard-1/report.json, shard-2/report.json');
  expect(stdout).toContain(`wrote ${join(dir, 'merged', 'summary.md')}`);
});

it('fails the merged run on a warning with --strict, and when a shard ran strict', async () => {
  const warning = sampleReport().results.filter(
    (result) => result.severity === 'warning' || result.status === 'passed',
  );
  const lenient = sampleReport({ results: warning });
  await twoShards(lenient);
  expect((await merge('shard-1', 'shard-2', '--reporter', 'json')).code).toBe(0);
  expect((await merge('shard-1', 'shard-2', '--reporter', 'json', '--strict')).code).toBe(1);
  await twoShards(sampleReport({ results: warning, strict: true }));
  expect((await merge('shard-1', 'shard-2', '--reporter', 'json')).code).toBe(1);
});

it.each([
  [
    [],
    "merge needs the report folders of a run's shards, e.g. sso-harness merge shard-1 shard-2 --out merged",
  ],
  [['nowhere'], "merge: 'nowhere' does not exist; name each shard's report folder (or its report.json)"],
  [
    ['empty'],
    "merge: 'empty' holds no report.json; run each shard with the json reporter (the default) and --out <that folder>",
  ],
  [['shard-1', 'shard-1'], 'merge: shard-1/report.json and shard-1/report.json both hold'],
  [['broken'], 'merge: broken/report.json is not JSON'],
  [['foreign'], 'merge: foreign/report.json has report schema 1.0.0 (sso-harness 0.0.1)'],
  [
    ['shard-1', 'reseeded'],
    'merge: shard-1/report.json ran with seed 42 and reseeded/report.json with seed 9',
  ],
  [
    ['shard-1', 'shard-2', '--out', 'shard-2'],
    'merge: --out shard-2 is where shard-2/report.json is; the merged report.json would replace it: choose another --out',
  ],
])('refuses %j with a usage error that says what to fix', async (args, message) => {
  await twoShards();
  await mkdir(join(dir, 'empty'));
  await mkdir(join(dir, 'broken'));
  await writeFile(join(dir, 'broken', 'report.json'), '{"schemaVersion": ');
  await mkdir(join(dir, 'foreign'));
  await writeFile(
    join(dir, 'foreign', 'report.json'),
    JSON.stringify({
      ...sampleReport(),
      schemaVersion: '1.0.0',
      tool: { name: 'sso-harness', version: '0.0.1' },
    }),
  );
  await shard('reseeded', {
    ...part((_, i) => i % 2 === 1),
    options: { ...sampleReport().options, seed: 9 },
  });
  const failure = merge(...args);
  await expect(failure).rejects.toBeInstanceOf(UsageError);
  await expect(failure).rejects.toThrow(message);
});
