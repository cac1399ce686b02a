import { describe, expect, it } from 'vitest';
import { REQUIREMENTS, allScenarios, mockTarget, suites } from '#registry';
import { mergeReports, readShardReport, renderJson, type RunReport } from '#reports';
import { dialectTargets } from '#scenarios';
import { runScenarios, type RunOptions } from './run.js';
import { runJobs } from './run.js';
import { ShardError, parseShard, runShard, selectShard, type ShardJob } from './shard.js';

const job = (id: string, sp = 'interact', dialect?: string): ShardJob => ({
  scenario: { id },
  target: { sp, ...(dialect === undefined ? {} : { dialect }) },
});

const JOBS = Array.from({ length: 50 }, (_, i) =>
  job(`scim-protocol/check-${i}`, i % 3 === 0 ? 'salesforce' : 'interact', i % 5 === 0 ? 'entra' : undefined),
);

const ids = (jobs: readonly ShardJob[]): string[] =>
  jobs.map((each) => `${each.target.sp}/${each.target.dialect ?? ''}/${each.scenario.id}`);

describe('selectShard', () => {
  it('deals every job into exactly one shard, the shards differing in size by one at most', () => {
    for (const count of [1, 2, 3, 7]) {
      const shards = Array.from({ length: count }, (_, i) => selectShard(JOBS, i + 1, count));
      expect(shards.flatMap(ids).sort()).toEqual(ids(JOBS).sort());
      const sizes = shards.map((shard) => shard.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the jobs in their given order, and deals them the same whatever that order', () => {
    const reversed = [...JOBS].reverse();
    for (const index of [1, 2, 3]) {
      const shard = selectShard(JOBS, index, 3);
      expect(ids(shard)).toEqual(ids(JOBS).filter((id) => ids(shard).includes(id)));
      expect(ids(selectShard(reversed, index, 3)).sort()).toEqual(ids(shard).sort());
    }
  });

  it('tells the same check apart on two targets and in two dialects', () => {
    const twins = [job('sso/a', 'interact'), job('sso/a', 'salesforce'), job('sso/a', 'interact', 'okta')];
    const dealt = [1, 2, 3].flatMap((index) => ids(selectShard(twins, index, 3)));
    expect(dealt.sort()).toEqual(ids(twins).sort());
  });

  it('refuses a shard that is not one of count', () => {
    expect(() => selectShard(JOBS, 3, 2)).toThrow(ShardError);
    expect(() => selectShard(JOBS, 0, 2)).toThrow(/the index before '\/' must be a whole number from 1 to 2/);
  });
});

describe('parseShard', () => {
  it('reads <index>/<count>', () => {
    expect(parseShard('1/2')).toEqual({ index: 1, count: 2 });
    expect(parseShard(' 3 / 3 ')).toEqual({ index: 3, count: 3 });
  });

  it.each([
    ['', "--shard takes <index>/<count>, such as 1/2 for the first of two shards (found '')"],
    ['2', "--shard takes <index>/<count>, such as 1/2 for the first of two shards (found '2')"],
    ['1/2/3', "--shard takes <index>/<count>, such as 1/2 for the first of two shards (found '1/2/3')"],
    ['-1/2', "--shard takes <index>/<count>, such as 1/2 for the first of two shards (found '-1/2')"],
    ['a/b', "--shard takes <index>/<count>, such as 1/2 for the first of two shards (found 'a/b')"],
    [
      '0/2',
      "--shard 0/2: the index before '/' must be a whole number from 1 to 2, the count; shards are numbered from 1",
    ],
    [
      '3/2',
      "--shard 3/2: the index before '/' must be a whole number from 1 to 2, the count; shards are numbered from 1",
    ],
    [
      '1/0',
      "--shard 1/0: the count after '/' must be a whole number from 1 to 1000, such as 1/2 for the first of two shards",
    ],
  ])("refuses '%s', saying what it takes", (text, message) => {
    expect(() => parseShard(text)).toThrow(new ShardError(message));
  });

  it('names the option the caller gave', () => {
    expect(() => parseShard('x', 'part')).toThrow(/^part takes <index>\/<count>/);
  });
});

/** The authentication and filter checks of scim-protocol: two of them block three others under the faults below. */
const PROTOCOL_CHECKS = /^scim-protocol\/(auth-|filter-|deleted-user-omitted-from-list)/;

/**
 * Two mock SPs, part of two suites, the lifecycle suite in two dialects, and faults whose failures
 * block other checks (one cause, one failure): the verdicts a shard cannot judge alone.
 */
function runOptions(): RunOptions {
  const chosen = ['scim-protocol', 'provisioning'] as const;
  const targets = (['sparkpost', 'interact'] as const).flatMap((id) =>
    dialectTargets(mockTarget(id, { faults: ['accept-any-token', 'username-lookup-misses'] }), chosen, [
      'jumpcloud',
      'entra',
    ]),
  );
  return {
    scenarios: chosen
      .flatMap((suite) => suites[suite])
      .filter((scenario) => scenario.suite !== 'scim-protocol' || PROTOCOL_CHECKS.test(scenario.id)),
    targets,
    strict: false,
    seed: 20261123,
    version: 'test',
    requirements: REQUIREMENTS,
  };
}

/** Each result's verdict, in order: what a sharded run must give back exactly. */
const verdicts = (report: RunReport) =>
  report.results.map(({ sp, dialect, scenario, status, severity, level, blockedBy }) => ({
    sp,
    dialect,
    scenario,
    status,
    severity,
    level,
    blockedBy,
  }));

/** Runs the shards, each report through report.json as `sso-harness merge` reads it, and merges them. */
async function sharded(count: number): Promise<{ merged: RunReport; shards: RunReport[] }> {
  const shards: RunReport[] = [];
  for (let index = 1; index <= count; index++) shards.push(await runShard(runOptions(), { index, count }));
  const read = shards.map((shard, i) => readShardReport(renderJson(shard), `shard-${i + 1}/report.json`));
  const merged = mergeReports(read, {
    order: {
      scenarios: allScenarios.map((scenario) => scenario.id),
      requirements: REQUIREMENTS.map((requirement) => requirement.id),
    },
  });
  return { merged, shards };
}

describe('a sharded run', () => {
  it('gives, merged, the verdicts and summary of the same run made whole, in 2 shards and in 3', async () => {
    const whole = await runScenarios(runOptions());
    const blocked = whole.results.filter((result) => result.blockedBy !== undefined);
    // The selection holds both verdicts of a blocked check: not applicable, and failed after all.
    expect(blocked.map((result) => result.status)).toEqual(
      expect.arrayContaining(['not-applicable', 'failed']),
    );
    for (const count of [2, 3]) {
      const { merged, shards } = await sharded(count);
      expect(verdicts(merged)).toEqual(verdicts(whole));
      expect(merged.summary).toEqual(whole.summary);
      expect(merged.targets).toEqual(whole.targets);
      expect(merged.options).toEqual(whole.options);
      expect(Object.keys(merged.requirements ?? {})).toEqual(Object.keys(whole.requirements ?? {}));
      // Each shard ran its own part: no check twice, none left out.
      expect(shards.reduce((sum, shard) => sum + shard.results.length, 0)).toBe(whole.results.length);
      // A blocked check and the check that blocks it fell into different shards, so the merge judged it.
      const split = blocked.some((result) => {
        const home = shards.findIndex((shard) =>
          shard.results.some(
            (r) => r.scenario === result.scenario && r.sp === result.sp && r.dialect === result.dialect,
          ),
        );
        return !shards[home]!.results.some((r) => r.scenario === result.blockedBy && r.sp === result.sp);
      });
      expect(split).toBe(true);
    }
  });

  it('lists every target and the whole run’s options in each shard’s report, and counts its own checks in progress', async () => {
    const options = runOptions();
    const progress: [number, number][] = [];
    const shard = await runShard(
      { ...options, onResult: (_result, done, total) => void progress.push([done, total]) },
      { index: 2, count: 3 },
    );
    const whole = runJobs(options.scenarios, options.targets);
    expect(shard.targets).toHaveLength(options.targets.length);
    expect(shard.options.sps).toEqual(options.targets.map((target) => target.sp));
    expect(shard.options.suites).toEqual(['scim-protocol', 'provisioning']);
    expect(shard.results).toHaveLength(selectShard(whole, 2, 3).length);
    expect(progress.map(([done]) => done)).toEqual(shard.results.map((_, i) => i + 1));
    expect(new Set(progress.map(([, total]) => total))).toEqual(new Set([shard.results.length]));
  });
});
