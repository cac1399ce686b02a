/**
 * `sso-harness load` against mock SPs over real HTTP on 127.0.0.1: a strict SP passes, the
 * create-race fault is caught as duplicate users, a group store that reads, yields and writes
 * back is caught losing members, and a bad command line or server ends with exit 2 and one line.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { coreRequest, readBody } from '#harness/http';
import type { LoadReport } from '#harness/load';
import { MockSp, startMockSp, type RunningMockSp } from '#mock-sps';
import { mockSps } from '#registry';
import { runCli, type CliOutcome } from '../support/cli.js';

let dir: string;
const servers: { close(): Promise<void> }[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-load-'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

// A token may start with '-': pass it as --token=<token>, as a user must.
const cli = (...argv: string[]): Promise<CliOutcome> => runCli(argv, dir);
const load = (url: string, token: string, ...argv: string[]): Promise<CliOutcome> =>
  cli('load', '--scim-url', url, `--token=${token}`, ...argv);

/** Listens on an ephemeral loopback port; returns the port. */
async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function mockSp(...faults: string[]): Promise<RunningMockSp> {
  const running = await startMockSp(mockSps.interact, { faults });
  servers.push(running);
  return running;
}

const readReport = async (): Promise<LoadReport> =>
  JSON.parse(await readFile(join(dir, 'sso-harness-report', 'load-report.json'), 'utf8')) as LoadReport;

/** Every file the command wrote, with its stdout and stderr: where a secret must not be. */
async function everything(outcome: CliOutcome): Promise<string> {
  const folder = join(dir, 'sso-harness-report');
  const files = await readdir(folder).catch(() => []);
  const texts = await Promise.all(files.map((file) => readFile(join(folder, file), 'utf8')));
  return [outcome.stdout, outcome.stderr, ...texts].join('\n');
}

/**
 * Interact's mock SP behind a PATCH of group members that reads the group, yields a macrotask,
 * then writes it back whole with the new member: concurrent adds overwrite each other.
 */
async function lossyGroups(): Promise<{ url: string; token: string }> {
  const server: Server = createServer();
  const origin = `http://127.0.0.1:${await listen(server)}`;
  const sp = new MockSp(mockSps.interact, { origin });
  const base = sp.scimBaseUrl!;
  server.on('request', (req, res) => {
    void (async () => {
      const request = coreRequest(req, req.url ?? '/', await readBody(req, 1_000_000));
      const group = /\/Groups\/([^/?]+)$/.exec(request.url)?.[1];
      let response;
      if (group === undefined || request.method !== 'PATCH') response = await sp.handleAsync(request);
      else {
        const added = (JSON.parse(request.body!) as { Operations: { value: { value: string }[] }[] })
          .Operations[0]!.value;
        const before = await sp.handleAsync({ ...request, method: 'GET', body: undefined });
        const read = JSON.parse(before.body!) as { displayName: string; members?: { value: string }[] };
        await new Promise((yielded) => setImmediate(yielded));
        const members = [...(read.members ?? []).map(({ value }) => ({ value })), ...added];
        response = await sp.handleAsync({
          ...request,
          method: 'PUT',
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: read.displayName,
            members,
          }),
        });
      }
      res.writeHead(response.status, response.headers).end(response.body);
    })();
  });
  servers.push({
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  });
  return { url: base, token: sp.token };
}

describe('sso-harness load', () => {
  it('measures every workload against a strict mock SP, finds no problem, removes everything and exits 0', async () => {
    const running = await mockSp();
    const outcome = await load(running.scimBaseUrl!, running.sp.token, '--duration', '1');
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    const report = await readReport();
    expect(report.verdict).toBe('passed');
    expect(report.workloads.map((w) => w.workload)).toEqual(['create', 'lookup', 'patch', 'list']);
    for (const workload of report.workloads) {
      expect(workload.requests).toBeGreaterThan(0);
      expect(workload.requestsPerSecond).toBeGreaterThan(0);
      expect(workload.non2xx).toBe(0);
      expect(workload.latencyMs!.p50).toBeLessThanOrEqual(workload.latencyMs!.p95);
      expect(workload.latencyMs!.p95).toBeLessThanOrEqual(workload.latencyMs!.p99);
    }
    expect(report.workloads[0]!.statuses).toEqual({ '201': report.workloads[0]!.requests });
    expect(report.probes.map((probe) => [probe.id, probe.verdict])).toEqual([
      ['duplicate-create', 'passed'],
      ['lost-member', 'passed'],
    ]);
    expect(report.cleanup.notRemoved).toEqual([]);
    expect(running.sp.state().users).toEqual([]);
    expect(running.sp.state().groups).toEqual([]);
    expect(outcome.stdout).toMatch(/^create\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+0\s+0\s+201 ×\d+$/m);
    expect(outcome.stdout).toContain(
      'PASS duplicate-create [SCIM-UNIQUENESS]: 3 rounds of 50: one user each (201 ×1, 409 ×49)',
    );
    expect(outcome.stdout).toContain('sso-harness load: no correctness problem found; exit 0');
    expect(await readFile(join(dir, 'sso-harness-report', 'load-report.md'), 'utf8')).toContain(
      '| workload | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | errors | statuses |',
    );
    expect(await everything(outcome)).not.toContain(running.sp.token);
  });

  it('catches the create-race fault: duplicate users, named in the report, exit 1', async () => {
    const running = await mockSp('create-race');
    const outcome = await load(
      running.scimBaseUrl!,
      running.sp.token,
      '--duration',
      '1',
      '--workloads',
      'create',
    );
    expect(outcome.code).toBe(1);
    const report = await readReport();
    expect(report.verdict).toBe('failed');
    const race = report.probes.find((probe) => probe.id === 'duplicate-create')!;
    expect(race.verdict).toBe('failed');
    expect(race.findings.join('\n')).toMatch(
      /concurrent POST \/Users answered 2xx \(201 ×\d+.*\): \d+ users now hold one userName/,
    );
    expect(race.findings.join('\n')).toMatch(
      /filter userName eq "sso-harness-load-[0-9a-f]+-race\d@example.com" found \d+ users/,
    );
    expect(outcome.stdout).toContain('FAIL duplicate-create [SCIM-UNIQUENESS]: duplicate users');
    expect(outcome.stdout).toContain('sso-harness load: correctness problems found; exit 1');
    expect(await readFile(join(dir, 'sso-harness-report', 'load-report.md'), 'utf8')).toContain('**FAILED**');
    // The duplicates are removed with the rest.
    expect(running.sp.state().users).toEqual([]);
    expect(await everything(outcome)).not.toContain(running.sp.token);
  });

  it('catches a group store that loses concurrent member adds, exit 1', async () => {
    const lossy = await lossyGroups();
    const outcome = await load(lossy.url, lossy.token, '--duration', '0.5', '--workloads', 'list');
    expect(outcome.code).toBe(1);
    const lost = (await readReport()).probes.find((probe) => probe.id === 'lost-member')!;
    expect(lost.verdict).toBe('failed');
    expect(lost.findings[0]).toMatch(
      /^\d+ of the 10 members whose PATCH add to group .+ answered 2xx are missing on read-back \(the concurrent adds answered 200 ×9\)/,
    );
    expect(outcome.stdout).toContain('FAIL lost-member [SCIM-PATCH]: lost members');
  });

  it('reports the lost-member race as not applicable on a server without /Groups (the token from SCIM_TOKEN)', async () => {
    const running = await startMockSp(mockSps.sparkpost);
    servers.push(running);
    const outcome = await runCli(
      [
        'load',
        '--scim-url',
        running.scimBaseUrl!,
        '--duration',
        '0.5',
        '--workloads',
        'lookup',
        '--race-rounds',
        '1',
      ],
      dir,
      { SCIM_TOKEN: running.sp.token },
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(
      'N/A  lost-member [SCIM-PATCH]: the server does not serve /Groups (POST /Groups answered 404)',
    );
  });

  it('writes the traffic as an Artillery script, with the token as an environment reference, and sends nothing', async () => {
    const running = await mockSp();
    const outcome = await load(
      running.scimBaseUrl!,
      running.sp.token,
      '--export-artillery',
      'scim-load.yml',
      '--duration',
      '60',
    );
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe(
      'wrote scim-load.yml: run it with SCIM_TOKEN=<token> npx artillery run scim-load.yml\n',
    );
    const text = await readFile(join(dir, 'scim-load.yml'), 'utf8');
    expect(text).not.toContain(running.sp.token);
    const script = parse(text) as { config: Record<string, unknown>; scenarios: unknown[] };
    expect(script.config).toMatchObject({
      target: running.origin,
      phases: [{ duration: 60, arrivalRate: 10 }],
      defaults: { headers: { Authorization: 'Bearer {{ $processEnvironment.SCIM_TOKEN }}' } },
    });
    expect(script.scenarios).toHaveLength(2);
    expect(running.sp.requests()).toEqual([]);
  });

  it.each([
    [['load'], /^sso-harness: load needs --scim-url <SCIM base URL>, e\.g\. /],
    [['load', '--scim-url', 'scim.example.com'], /^sso-harness: --scim-url must be an http\(s\) URL/],
    [
      ['load', '--scim-url', 'http://127.0.0.1:9/scim'],
      /^sso-harness: load needs --token <bearer token> for http:\/\/127\.0\.0\.1:9\/scim \(or the SCIM_TOKEN environment variable\)/,
    ],
    [
      ['load', '--scim-url', 'http://127.0.0.1:9', '--token', 't', '--workloads', 'create,delete'],
      /^sso-harness: unknown workloads 'delete'; known: create, lookup, patch, list/,
    ],
    [
      ['load', '--scim-url', 'http://127.0.0.1:9', '--token', 't', '--connections', '0'],
      /^sso-harness: --connections takes a whole number from 1 to 1000 \(found '0'\)/,
    ],
    [
      ['load', '--scim-url', 'http://127.0.0.1:9', '--token', 't', '--duration', 'soon'],
      /^sso-harness: --duration takes a number of seconds/,
    ],
    [['load', '--rate', '5'], /^sso-harness: Unknown option '--rate'/],
  ])('%j is a usage error: exit 2 with one line', async (argv, message) => {
    const outcome = await cli(...argv);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(message);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 with one line when the server is unreachable, at once', async () => {
    // A port nothing listens on any more.
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((done) => closed.close(done));
    const started = performance.now();
    const outcome = await cli(
      'load',
      '--scim-url',
      `http://127.0.0.1:${port}/scim/v2`,
      '--token',
      'secret-token-1234',
      '--timeout',
      '2',
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /^sso-harness: cannot reach the SCIM service \(.+ECONNREFUSED.*\); check --scim-url and that the server is up\n$/,
    );
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
    expect(outcome.stderr + outcome.stdout).not.toContain('secret-token-1234');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('exits 2 with the reason when the server stops answering after the preflight, bounded by --timeout', async () => {
    let answered = 0;
    const hanging: Server = createServer((request, response) => {
      // The preflight's one read is answered; then nothing is, ever.
      if (answered++ > 0) return;
      response.writeHead(200, { 'content-type': 'application/scim+json' });
      response.end(JSON.stringify({ schemas: [], totalResults: 0, Resources: [] }));
    });
    const port = await listen(hanging);
    servers.push({
      close: () =>
        new Promise((done) => {
          hanging.closeAllConnections();
          hanging.close(() => done());
        }),
    });
    const url = `http://127.0.0.1:${port}/scim/v2`;
    const started = performance.now();
    const outcome = await cli(
      'load',
      '--scim-url',
      url,
      '--token',
      'tok-hang-0000',
      '--timeout',
      '1',
      '--duration',
      '0.5',
      '--workloads',
      'list',
    );
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(
      /^sso-harness: the SCIM server stopped answering: GET \/Users got no answer after the load \(.+\); check the server is up\n$/,
    );
    const report = await readReport();
    expect(report.stalled).toMatch(/^GET \/Users got no answer after the load/);
    expect(report.probes).toEqual([]);
    expect(report.workloads[0]!.requests).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('exits 2 naming --token when the server refuses the token, and never prints it', async () => {
    const running = await mockSp();
    const outcome = await cli('load', '--scim-url', running.scimBaseUrl!, '--token', 'not-the-token-5678');
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(
      `sso-harness: GET ${running.scimBaseUrl}/Users refused the token with 401; check --token\n`,
    );
    expect(outcome.stdout).not.toContain('not-the-token-5678');
  });

  it('prints its options for load --help and help load', async () => {
    for (const argv of [
      ['load', '--help'],
      ['help', 'load'],
    ]) {
      const outcome = await cli(...argv);
      expect(outcome.code).toBe(0);
      expect(outcome.stdout).toMatch(/^Usage: sso-harness load \[options\]/);
      expect(outcome.stdout).toContain('--export-artillery <file>');
    }
  });
});
