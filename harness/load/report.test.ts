import { describe, expect, it } from 'vitest';
import { loadExitCode, loadMarkdown, loadReportJson, reportTarget, type LoadReport } from './report.js';

const TOKEN = 'tok-0123456789abcdef';

const report = (overrides: Partial<LoadReport> = {}): LoadReport => ({
  tool: 'sso-harness load',
  target: 'http://127.0.0.1:8080/scim/v2',
  startedAt: '2026-12-06T10:00:00.000Z',
  finishedAt: '2026-12-06T10:00:50.000Z',
  settings: {
    durationSeconds: 10,
    connections: 10,
    workloads: ['create', 'list'],
    raceSize: 50,
    raceRounds: 3,
    members: 10,
    timeoutMs: 10_000,
  },
  workloads: [
    {
      workload: 'create',
      durationSeconds: 10,
      connections: 10,
      requests: 12_000,
      requestsPerSecond: 1200,
      latencyMs: { count: 12_000, min: 1, mean: 8.1, p50: 7.5, p95: 15.25, p99: 31, max: 90 },
      statuses: { '201': 11_990, '503': 10 },
      non2xx: 10,
      errors: 0,
      timeouts: 0,
    },
    {
      workload: 'list',
      durationSeconds: 10,
      connections: 10,
      requests: 0,
      requestsPerSecond: 0,
      latencyMs: undefined,
      statuses: {},
      non2xx: 0,
      errors: 40,
      timeouts: 40,
    },
  ],
  probes: [
    {
      id: 'duplicate-create',
      title: '50 concurrent creates of one userName give exactly one user',
      requirement: 'SCIM-UNIQUENESS',
      verdict: 'passed',
      summary: '3 rounds of 50: one user each (201 ×1, 409 ×49)',
      findings: [],
      notices: [],
    },
    {
      id: 'lost-member',
      title: 'concurrent PATCH adds of different members to one group all stay',
      requirement: 'SCIM-PATCH',
      verdict: 'not-applicable',
      summary: 'the server does not serve /Groups (POST /Groups answered 404)',
      findings: [],
      notices: [],
    },
  ],
  cleanup: { removed: 12_010, notRemoved: [], created: 12_010 },
  verdict: 'passed',
  ...overrides,
});

describe('the load report', () => {
  it('shows each workload with req/s, p50/p95/p99, non-2xx, errors and the statuses', () => {
    const markdown = loadMarkdown(report(), [TOKEN]);
    expect(markdown).toContain('# SCIM load report: no correctness problem found');
    expect(markdown).toContain(
      '| create | 12000 | 1200 | 7.5 | 15.25 | 31 | 90 | 10 | 0 | 201 ×11990, 503 ×10 |',
    );
    expect(markdown).toContain('| list | 0 | 0 | – | – | – | – | 0 | 40 | – |');
    expect(markdown).toContain(
      '### concurrent PATCH adds of different members to one group all stay (SCIM-PATCH): not applicable',
    );
  });

  it('lists the findings of a failed probe and what the cleanup could not remove', () => {
    const failed = report({
      verdict: 'failed',
      probes: [
        {
          ...report().probes[0]!,
          verdict: 'failed',
          summary: 'duplicate users: up to 3 users with one userName in 1 of 3 rounds',
          findings: ["round 2 (userName 'x@example.com'): 3 of 50 concurrent POST /Users answered 2xx"],
          notices: ['round 2: answers other than 2xx and 409: 201 ×3, 409 ×45, 500 ×2'],
        },
      ],
      cleanup: {
        removed: 1,
        notRemoved: [{ collection: 'Users', id: 'u-9', reason: 'DELETE answered 405' }],
        created: 2,
      },
    });
    const markdown = loadMarkdown(failed, [TOKEN]);
    expect(markdown).toContain('# SCIM load report: correctness problems found');
    expect(markdown).toContain('(SCIM-UNIQUENESS): **FAILED**');
    expect(markdown).toContain(
      "- round 2 (userName 'x@example.com'): 3 of 50 concurrent POST /Users answered 2xx",
    );
    expect(markdown).toContain('- note: round 2: answers other than 2xx and 409');
    expect(markdown).toContain('- /Users/u-9: DELETE answered 405');
    expect(loadExitCode(failed)).toBe(1);
  });

  it('exits 0 with no problem, 1 with one, 2 when the server stopped answering', () => {
    expect(loadExitCode(report())).toBe(0);
    expect(loadExitCode(report({ stalled: 'GET /Users got no answer' }))).toBe(2);
    expect(loadExitCode(report({ verdict: 'failed', stalled: 'GET /Users got no answer' }))).toBe(1);
  });

  it('masks the token wherever a server echoed it, in the JSON and the Markdown', () => {
    const echoed = report({
      probes: [{ ...report().probes[0]!, notices: [`the server said: bad token ${TOKEN}`] }],
    });
    for (const text of [loadReportJson(echoed, [TOKEN]), loadMarkdown(echoed, [TOKEN])]) {
      expect(text).not.toContain(TOKEN);
      expect(text).toContain('bad token ***cdef');
    }
    expect(JSON.parse(loadReportJson(echoed, [TOKEN]))).toMatchObject({ verdict: 'passed' });
  });

  it('shows the target without credentials in its user info or query', () => {
    expect(reportTarget('https://admin:s3cret@scim.example.com/scim/v2?token=abc&tenant=7')).toBe(
      'https://***@scim.example.com/scim/v2?token=***&tenant=7',
    );
  });
});
