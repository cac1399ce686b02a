/**
 * The Python connector example (examples/connector-http), gated on python3: served on a free
 * port and judged through the built CLI as its README says, the good connector passes every
 * applicable check, and each broken variant fails exactly the checks expected-failures.json
 * lists for it. The token refresh, which no lifecycle check reaches over the bridge, is judged
 * with one event against a stand-in SP.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerProblems, eventProblems, type BridgeEvent } from '#harness/idp';
import type { RunReport } from '#reports';
import { systemTool } from '../support/tools.js';

const PYTHON = systemTool('python3', 'the Python connector example (examples/connector-http)');
const BIN = resolve('dist/harness/cli/bin.js');
const EXAMPLE = resolve('examples/connector-http');

/** Each variant's expected failed checks, `<sp> <check id>`. */
const EXPECTED = JSON.parse(readFileSync(join(EXAMPLE, 'expected-failures.json'), 'utf8')) as Record<
  string,
  string[]
>;

/**
 * Floors under the good connector's run, so a run that silently tested nothing fails: 238
 * checks pass today, from some 540 events. A connector that can provision nobody still passes
 * 134 (the read-back checks and a few app checks provision through an IdP of their own).
 */
const PASSED_FLOOR = 230;
const EVENT_FLOOR = 400;

/** The CLI's exit per variant: no-retry-after fails SHOULDs only (IDP-IDM-12), graded warning. */
const EXIT: Record<string, number> = {
  'no-lookup': 1,
  'string-booleans': 1,
  'replace-members': 1,
  'no-retry-after': 0,
};

interface RunningConnector {
  url: string;
  /** What it printed so far: the listening line, then one line per event. */
  output(): string;
  stop(): Promise<void>;
}

/** `python3 connector.py --port 0 [--broken <variant>]`, once it says where it listens. */
function startConnector(broken?: string): Promise<RunningConnector> {
  const args = [join(EXAMPLE, 'connector.py'), '--port', '0', ...(broken ? ['--broken', broken] : [])];
  const child = spawn(PYTHON!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer): void => void (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await exited;
  };
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`connector.py did not say where it listens within 10 s: ${output}`));
    }, 10_000);
    child.on('error', fail);
    void exited.then(() => fail(new Error(`connector.py exited before it listened: ${output}`)));
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/\S+\/events)/.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      done({ url, output: () => output, stop });
    });
  });
}

interface Run {
  status: number | null;
  stderr: string;
  report: RunReport;
  /** The connector's output: one line per event it answered. */
  connector: string;
}

/**
 * The resilience suite over the bridge, kept small because the connector's waits are real: 60
 * users, and only waits that ask for 2 s, longer than the connector's own first backoff (1 s),
 * so a connector that ignores Retry-After is seen coming back early.
 */
const RESILIENCE = ['--scale', '60', '--chaos', '429=4%,503=4%,retry-after=2s', '--seed', '7'];

/** `node dist/harness/cli/bin.js run --connector-url <url> [extra]` against a connector of its own; never blocks. */
async function run(dir: string, variant?: string, extra: readonly string[] = []): Promise<Run> {
  const connector = await startConnector(variant);
  const out = join(dir, `${variant ?? 'good'}${extra.length > 0 ? '-resilience' : ''}`);
  try {
    const { status, stderr } = await new Promise<{ status: number | null; stderr: string }>((done, fail) => {
      const args = [
        BIN,
        'run',
        '--connector-url',
        connector.url,
        '--out',
        out,
        '--reporter',
        'json',
        ...extra,
      ];
      const cli = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let text = '';
      cli.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
      cli.on('error', fail);
      cli.on('close', (code) => done({ status: code, stderr: text }));
    });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
    return { status, stderr, report, connector: connector.output() };
  } finally {
    await connector.stop();
  }
}

const failedKeys = (report: RunReport): string[] =>
  report.results
    .filter((r) => r.status === 'failed')
    .map((r) => `${r.sp} ${r.scenario}`)
    .sort();

describe.skipIf(PYTHON === undefined)('examples/connector-http', () => {
  let dir: string;
  const runs = new Map<string, Promise<Run>>();

  // The runs start together (their retries wait in real time); each test awaits its own.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sso-harness-connector-http-'));
    for (const variant of [undefined, ...Object.keys(EXPECTED)]) runs.set(variant ?? '', run(dir, variant));
    runs.set('resilience', run(dir, undefined, RESILIENCE));
    runs.set('no-retry-after resilience', run(dir, 'no-retry-after', RESILIENCE));
    // Settled here so that a failed run is reported by the test that reads it, not as unhandled.
    await Promise.allSettled(runs.values());
  }, 300_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the Python connector passes every applicable check on every mock SP, served on a free port', async () => {
    const { status, stderr, report, connector } = await runs.get('')!;
    expect(failedKeys(report)).toEqual([]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(report.summary.passed).toBeGreaterThanOrEqual(PASSED_FLOOR);
    expect(connector.match(/^evt-\d+ \S+ \S+: ok$/gm)?.length ?? 0).toBeGreaterThanOrEqual(EVENT_FLOOR);
    expect(connector).not.toMatch(/Traceback|connector bug|Bearer /);
  });

  it.each(Object.keys(EXPECTED))(
    'the %s variant fails exactly the checks expected-failures.json lists',
    async (variant) => {
      const { status, stderr, report, connector } = await runs.get(variant)!;
      expect(failedKeys(report)).toEqual([...EXPECTED[variant]!].sort());
      expect(status).toBe(EXIT[variant]);
      expect(stderr).toBe('');
      expect(connector).not.toMatch(/Traceback|connector bug/);
    },
  );

  it('under seeded 429s and 503s the Python connector loses and duplicates nobody and waits as asked', async () => {
    const { status, stderr, report, connector } = await runs.get('resilience')!;
    expect(failedKeys(report)).toEqual([]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const honoured = report.results.filter(
      (r) => r.scenario === 'resilience/retry-after-honoured' && r.sp !== 'outreach', // Outreach has no SCIM
    );
    // Every SCIM app asked for at least one wait, so the check judged something on each.
    expect(honoured.map((r) => `${r.sp} ${r.status}`).sort()).toEqual(
      ['interact', 'profitco', 'salesforce', 'sparkpost'].map((sp) => `${sp} passed`),
    );
    expect(connector).not.toMatch(/Traceback|connector bug|Bearer /);
  });

  it('the no-retry-after variant is caught coming back early by resilience/retry-after-honoured on every SCIM app', async () => {
    const { status, report } = await runs.get('no-retry-after resilience')!;
    expect(failedKeys(report)).toEqual(
      ['interact', 'profitco', 'salesforce', 'sparkpost'].map(
        (sp) => `${sp} resilience/retry-after-honoured`,
      ),
    );
    expect(status).toBe(0); // a SHOULD: graded warning
  });

  it('refreshes the token through refreshUrl after a 401 and never prints a token; no-refresh gives up', async () => {
    const EXPIRED = 'expired-access-token-0123456789';
    const FRESH = 'fresh-access-token-9876543210';
    // A stand-in SP: a 401 for the expired token, 204 for the fresh one its token endpoint issues.
    const seen: string[] = [];
    const sp: Server = createServer((request, response) => {
      if (request.method === 'POST' && request.url === '/token') {
        seen.push('refresh');
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: FRESH }));
        return;
      }
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      seen.push(
        `${request.method} ${request.url} ${token === FRESH ? 'fresh' : token === EXPIRED ? 'expired' : token}`,
      );
      request.resume();
      if (token === FRESH) response.writeHead(204).end();
      else
        response.writeHead(401, { 'content-type': 'application/scim+json' }).end(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '401',
            detail: `the token ${token} has expired`,
          }),
        );
    });
    await new Promise<void>((done) => sp.listen(0, '127.0.0.1', done));
    const origin = `http://127.0.0.1:${(sp.address() as AddressInfo).port}`;
    const event: BridgeEvent = {
      protocol: 'sso-harness-connector/1',
      id: 'evt-1',
      event: 'user.deprovision',
      app: {
        name: 'salesforce',
        scim: { baseUrl: `${origin}/scim/v2`, token: EXPIRED, refreshUrl: `${origin}/token` },
        mappings: [],
        excluded: [],
      },
      user: {
        id: 'u-1',
        username: 'ada.lovelace@example.com',
        email: 'ada.lovelace@example.com',
        firstname: 'Ada',
        lastname: 'Lovelace',
        suspended: true,
        passwordExpired: false,
      },
      spId: 'sp-1',
    };
    expect(eventProblems(event)).toBeUndefined();
    try {
      for (const variant of [undefined, 'no-refresh']) {
        seen.length = 0;
        const connector = await startConnector(variant);
        try {
          const response = await fetch(connector.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(event),
          });
          const answer = (await response.json()) as { ok: boolean; error?: string };
          expect(answerProblems(answer)).toBeUndefined();
          if (variant === undefined) {
            expect(answer).toEqual({ ok: true });
            expect(seen).toEqual([
              'PATCH /scim/v2/Users/sp-1 expired',
              'refresh',
              'PATCH /scim/v2/Users/sp-1 fresh',
            ]);
          } else {
            expect(answer.ok).toBe(false);
            // The SP echoed the token in its error; the connector masks it.
            expect(answer.error).toBe(
              'Deactivating ada.lovelace@example.com answered 401: the token [token] has expired',
            );
            expect(seen).toEqual(['PATCH /scim/v2/Users/sp-1 expired']);
          }
        } finally {
          await connector.stop();
        }
        expect(connector.output()).not.toContain(EXPIRED);
        expect(connector.output()).not.toContain(FRESH);
      }
    } finally {
      await new Promise((done) => sp.close(done));
    }
  });
});
