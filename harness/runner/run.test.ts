import { describe, expect, it } from 'vitest';
import { defineScenario, type Scenario } from './scenario.js';
import type { Capabilities, Target } from './target.js';
import { runScenarios } from './run.js';
import type { ScenarioContext } from './context.js';
import { SCIM_REQUIREMENTS } from '#harness/requirements';

function target(overrides: Partial<Capabilities> = {}, sp = 'demo'): Target {
  return {
    sp,
    kind: 'external',
    transport: 'http',
    capabilities: {
      scim: true,
      saml: false,
      groups: true,
      inspection: false,
      provisioning: false,
      advertised: { filter: true, patch: true, sort: false, etag: true, changePassword: false },
      ...overrides,
    },
    open: async () => ({
      scimBaseUrl: 'https://scim.invalid/v2',
      token: 't',
      fetch: async () => new Response('{}', { status: 200 }),
      inspect: undefined,
      close: async () => undefined,
    }),
  };
}

const scenario = (id: string, run: Scenario['run'], extra: Partial<Scenario> = {}): Scenario =>
  defineScenario<string>({ id, title: id, requirements: ['SCIM-READ'], level: 'MUST', run, ...extra });

async function runOne(s: Scenario, t: Target = target()) {
  const report = await runScenarios({
    scenarios: [s],
    targets: [t],
    strict: false,
    seed: 1,
    version: 'test',
  });
  return report.results[0]!;
}

describe('one cause, one failure', () => {
  const failing = scenario('scim-protocol/create', async (ctx) => ctx.fail('POST /Users answered 500'));
  const passing = scenario('scim-protocol/create', async () => undefined);
  const blocked = scenario('scim-protocol/needs-a-user', async (ctx) =>
    ctx.blockedBy('scim-protocol/create', 'creating a test user answered 500'),
  );
  const run = (scenarios: Scenario[]) =>
    runScenarios({ scenarios, targets: [target()], strict: false, seed: 1, version: 'test' });

  it('reports a check whose precondition failed as blocked by the check that failed', async () => {
    const report = await run([failing, blocked]);
    expect(report.results[1]).toMatchObject({
      status: 'not-applicable',
      blockedBy: 'scim-protocol/create',
      reason: 'blocked by scim-protocol/create: creating a test user answered 500',
    });
    expect(report.summary).toMatchObject({ failed: 1, notApplicable: 1, exitCode: 1 });
  });

  it('fails the blocked check after all when its blocker passed, so the failure is not hidden', async () => {
    for (const scenarios of [[passing, blocked], [blocked]]) {
      const result = (await run(scenarios)).results.at(-1)!;
      expect(result).toMatchObject({
        status: 'failed',
        severity: 'error',
        blockedBy: 'scim-protocol/create',
      });
      expect(result.message).toContain('creating a test user answered 500');
      expect(result.reason).toBeUndefined();
    }
  });
});

describe('graded by consequence', () => {
  const impact = { severity: 'note', consequence: 'no IdP reads it' } as const;

  it('grades a failure at the severity its impact gives, with the consequence', async () => {
    const result = await runOne(
      scenario('scim-protocol/challenge', async (ctx) => ctx.fail('no header'), { impact }),
    );
    expect(result).toMatchObject({
      status: 'failed',
      level: 'MUST',
      severity: 'note',
      consequence: 'no IdP reads it',
    });
  });

  it('keeps a security failure critical whatever the impact says', async () => {
    const result = await runOne(
      scenario('scim-protocol/auth', async (ctx) => ctx.fail('accepted'), { impact, security: true }),
    );
    expect(result).toMatchObject({ severity: 'critical' });
    expect(result.consequence).toBeUndefined();
  });
});

describe('a run that tested nothing', () => {
  it('exits 3 when every check was not applicable', async () => {
    const report = await runScenarios({
      scenarios: [scenario('scim-protocol/groups', async () => undefined, { requires: { groups: true } })],
      targets: [target({ groups: false })],
      strict: false,
      seed: 1,
      version: 'test',
    });
    expect(report.summary).toMatchObject({ passed: 0, failed: 0, notApplicable: 1, exitCode: 3 });
  });
});

describe('runScenarios', () => {
  it('records a passing check with its requirements and level', async () => {
    const result = await runOne(scenario('scim-protocol/ok', async () => undefined));
    expect(result).toMatchObject({
      status: 'passed',
      level: 'MUST',
      requirements: ['SCIM-READ'],
      suite: 'scim-protocol',
      sp: 'demo',
    });
  });

  it('carries the text of every requirement the results cite, and only those', async () => {
    const report = await runScenarios({
      scenarios: [scenario('scim-protocol/ok', async () => undefined)],
      targets: [target()],
      strict: false,
      seed: 1,
      version: 'test',
      requirements: SCIM_REQUIREMENTS,
    });
    expect(Object.keys(report.requirements ?? {})).toEqual(['SCIM-READ']);
    expect(report.requirements?.['SCIM-READ']).toMatchObject({
      level: 'MUST',
      source: 'RFC 7644 (SCIM 2.0 protocol), §3.4.1 (Retrieving a Known Resource)',
    });
  });

  it('records where each scenario is defined', () => {
    expect(scenario('scim-protocol/here', async () => undefined).definedIn).toBe(
      'harness/runner/run.test.ts',
    );
  });

  it('marks a scenario not applicable with the reason when the target lacks what it requires', async () => {
    const groups = await runOne(
      scenario('scim-protocol/g', async () => undefined, { requires: { groups: true } }),
      target({ groups: false }),
    );
    expect(groups).toMatchObject({ status: 'not-applicable', reason: 'demo does not serve /Groups' });
    const inspection = await runOne(
      scenario('provisioning/i', async () => undefined, { requires: { inspection: true } }),
    );
    expect(inspection.reason).toContain("mock SP's internal state");
    const other = await runOne(
      scenario('provisioning/x', async () => undefined, { requires: { sp: 'interact' } }),
    );
    expect(other).toMatchObject({
      status: 'not-applicable',
      reason: 'checks a requirement of interact only',
    });
  });

  it('softens a check to MAY when the feature it needs is not advertised', async () => {
    const failing = scenario('scim-protocol/sort', async (ctx) => ctx.fail('not sorted'), {
      requires: { advertised: 'sort' },
    });
    const result = await runOne(failing);
    expect(result).toMatchObject({ status: 'failed', level: 'MAY', severity: 'note' });
    expect(result.reason).toContain('sort is not advertised');
    const hard = await runOne(
      failing,
      target({ advertised: { filter: true, patch: true, sort: true, etag: true, changePassword: false } }),
    );
    expect(hard).toMatchObject({ level: 'MUST', severity: 'error' });
  });

  it('grades security failures critical and DOC failures as errors', async () => {
    const security = await runOne(
      scenario('scim-protocol/sec', async (ctx) => ctx.fail('bypass'), { security: true }),
    );
    expect(security.severity).toBe('critical');
    const doc = await runOne(scenario('scim-protocol/doc', async (ctx) => ctx.fail('no'), { level: 'DOC' }));
    expect(doc.severity).toBe('error');
  });

  it('grades a failure at the level the outcome calls for', async () => {
    const graded = await runOne(
      scenario(
        'saml-security/xsw',
        async (ctx) => ctx.failAt({ level: 'SHOULD', security: false }, 'accepted, signed identity'),
        {
          security: true,
        },
      ),
    );
    expect(graded).toMatchObject({ status: 'failed', level: 'SHOULD', severity: 'warning' });
  });

  it('turns an unexpected exception into a failure with evidence instead of crashing the run', async () => {
    const result = await runOne(
      scenario('scim-protocol/boom', async () => {
        throw new Error('socket hang up');
      }),
    );
    expect(result.status).toBe('failed');
    expect(result.message).toBe('The check could not complete: socket hang up');
    expect(result.evidence).toEqual([
      { kind: 'note', text: 'No HTTP exchange was made before the failure.' },
    ]);
  });

  it('attaches the exchanges a failing check made as evidence', async () => {
    const result = await runOne(
      scenario('scim-protocol/evidence', async (ctx: ScenarioContext) => {
        const response = await ctx.scim.get('/Users');
        ctx.expect(response.status === 404, 'wanted 404');
      }),
    );
    expect(result.evidence[0]).toMatchObject({
      kind: 'http',
      exchange: {
        request: { method: 'GET', url: 'https://scim.invalid/v2/Users' },
        response: { status: 200 },
      },
    });
    expect(result.evidence[0]).toMatchObject({
      exchange: { request: { headers: { authorization: 'Bearer ***t' } } },
    });
  });

  it('runs cleanups after a failure', async () => {
    let cleaned = false;
    await runOne(
      scenario('scim-protocol/cleanup', async (ctx) => {
        ctx.defer(async () => void (cleaned = true));
        ctx.fail('x');
      }),
    );
    expect(cleaned).toBe(true);
  });

  it('keeps what a check created on a target that says keep, and prefixes its names', async () => {
    let cleaned = false;
    let name = '';
    await runOne(
      scenario('scim-protocol/keep', async (ctx) => {
        name = ctx.unique('u');
        ctx.defer(async () => void (cleaned = true));
      }),
      { ...target(), prefix: 'acme-', keep: true },
    );
    expect(cleaned).toBe(false);
    expect(name).toMatch(/^acme-u-scim-protocol-keep-1-/);
  });

  it('runs a per-dialect target only on its suites, and its results carry the dialect', async () => {
    const report = await runScenarios({
      scenarios: [
        scenario('scim-protocol/once', async () => undefined),
        scenario('provisioning/per-dialect', async () => undefined),
      ],
      targets: [{ ...target(), dialect: 'entra', suites: ['provisioning'] }],
      strict: false,
      seed: 1,
      version: 't',
    });
    expect(report.results.map((r) => [r.scenario, r.dialect])).toEqual([
      ['provisioning/per-dialect', 'entra'],
    ]);
    expect(report.targets[0]).toMatchObject({ sp: 'demo', dialect: 'entra' });
  });

  it('derives the exit code from errors and criticals only unless strict', async () => {
    const warn = scenario('scim-protocol/warn', async (ctx) => ctx.fail('w'), { level: 'SHOULD' });
    const lenient = await runScenarios({
      scenarios: [warn],
      targets: [target()],
      strict: false,
      seed: 1,
      version: 't',
    });
    expect(lenient.summary).toMatchObject({ warnings: 1, exitCode: 0 });
    const strict = await runScenarios({
      scenarios: [warn],
      targets: [target()],
      strict: true,
      seed: 1,
      version: 't',
    });
    expect(strict.summary.exitCode).toBe(1);
  });
});

describe('onExchanges', () => {
  it('hands over each scenario that ran with its exchanges, a failed one too, and skips one the gate left out', async () => {
    const calls: { scenario: unknown; urls: string[] }[] = [];
    await runScenarios({
      scenarios: [
        scenario('scim-protocol/reads', async (ctx) => void (await ctx.scim.get('/Users'))),
        scenario('scim-protocol/groups', async () => undefined, { requires: { groups: true } }),
        scenario('scim-protocol/fails', async (ctx) => {
          await ctx.scim.get('/Groups');
          ctx.fail('no');
        }),
      ],
      targets: [{ ...target({ groups: false }), dialect: 'entra' }],
      strict: false,
      seed: 1,
      version: 't',
      onExchanges: (ran, exchanges) =>
        calls.push({ scenario: ran, urls: exchanges.map((exchange) => exchange.request.url) }),
    });
    const ran = { sp: 'demo', dialect: 'entra', scimBaseUrl: 'https://scim.invalid/v2', token: 't' };
    expect(calls).toEqual([
      { scenario: { scenario: 'scim-protocol/reads', ...ran }, urls: ['https://scim.invalid/v2/Users'] },
      { scenario: { scenario: 'scim-protocol/fails', ...ran }, urls: ['https://scim.invalid/v2/Groups'] },
    ]);
  });
});

describe('defineScenario', () => {
  it('refuses an id without a known suite and a scenario without requirements', () => {
    expect(() =>
      defineScenario<string>({
        id: 'nosuite/x',
        title: 'x',
        requirements: ['A-1'],
        level: 'MUST',
        run: async () => undefined,
      }),
    ).toThrow(/must start with a suite/);
    expect(() =>
      defineScenario({
        id: 'scim-protocol/x',
        title: 'x',
        requirements: [],
        level: 'MUST',
        run: async () => undefined,
      }),
    ).toThrow(/at least one requirement/);
  });
});
