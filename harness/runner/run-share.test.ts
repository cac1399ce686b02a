import { describe, expect, it } from 'vitest';
import type { CheckResult } from '#reports';
import { defineScenario, type Scenario } from './scenario.js';
import type { Target } from './target.js';
import { runScenarios, type JobShare } from './run.js';

const target: Target = {
  sp: 'demo',
  kind: 'mock',
  transport: 'in-process',
  capabilities: {
    scim: true,
    saml: false,
    groups: true,
    inspection: false,
    provisioning: false,
    advertised: { filter: true, patch: true, sort: false, etag: true, changePassword: false },
  },
  open: async () => ({
    scimBaseUrl: 'https://scim.invalid/v2',
    token: 't',
    fetch: async () => new Response('{}', { status: 200 }),
    inspect: undefined,
    close: async () => undefined,
  }),
};

const scenario = (id: string, run: Scenario['run']): Scenario =>
  defineScenario<string>({ id, title: id, requirements: ['SCIM-READ'], level: 'MUST', run });

describe('a run shared with other threads (JobShare)', () => {
  const ids = ['scim-protocol/a', 'scim-protocol/b', 'scim-protocol/c', 'scim-protocol/d', 'scim-protocol/e'];
  const ran: string[] = [];
  const scenarios = ids.map((id) =>
    scenario(id, async (ctx) => {
      ran.push(id);
      ctx.note = `ran ${id} here`;
    }),
  );
  const options = {
    scenarios,
    targets: [target],
    strict: false,
    seed: 1,
    version: 'test',
  };

  /**
   * A share whose other thread takes every other job; once this thread has taken the last, it
   * answers for those `answers` picks (in reverse order), then stops.
   */
  function share(answers: (index: number) => boolean): JobShare {
    let next = 0;
    const taken: number[] = [];
    let deliver: (index: number, result: CheckResult) => void = () => undefined;
    let finish: () => void = () => undefined;
    const other = {
      settle() {
        for (const index of [...taken].reverse())
          if (answers(index))
            deliver(index, {
              scenario: ids[index]!,
              suite: 'scim-protocol',
              title: ids[index]!,
              sp: 'demo',
              requirements: ['SCIM-READ'],
              status: 'passed',
              level: 'MUST',
              message: `ran ${ids[index]} elsewhere`,
              evidence: [],
              durationMs: 0,
            });
        finish();
      },
    };
    return {
      claim() {
        if (next % 2 === 1) taken.push(next++);
        if (next >= ids.length) queueMicrotask(() => other.settle());
        return next++;
      },
      listen: (receiver) => (deliver = receiver),
      finished: new Promise<void>((resolve) => (finish = resolve)),
    };
  }

  it("reports the other thread's results in catalogue order and runs only its own jobs", async () => {
    ran.length = 0;
    const report = await runScenarios({ ...options, share: share(() => true) });
    expect(report.results.map((result) => result.scenario)).toEqual(ids);
    expect(report.results.map((result) => result.message)).toEqual([
      'ran scim-protocol/a here',
      'ran scim-protocol/b elsewhere',
      'ran scim-protocol/c here',
      'ran scim-protocol/d elsewhere',
      'ran scim-protocol/e here',
    ]);
    expect(ran).toEqual(['scim-protocol/a', 'scim-protocol/c', 'scim-protocol/e']);
  });

  it('runs a job the other thread took and never answered for in this thread, so nothing is missing', async () => {
    ran.length = 0;
    const report = await runScenarios({ ...options, share: share((index) => index !== 3) });
    expect(report.results.map((result) => result.scenario)).toEqual(ids);
    expect(report.results[3]!.message).toBe('ran scim-protocol/d here');
    expect(report.summary).toMatchObject({ total: 5, passed: 5 });
  });
});
