/**
 * `run --connector-url`: the connector under test over the HTTP bridge. A bridge that runs the
 * reference connector passes every check (the protocol carries all a connector needs, the OAuth
 * refresh included); a bridge that fails, hangs, answers HTML or breaks the protocol is a clear
 * error in the report, and one that is not listening stops the run with exit 2.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { startTestBridge, type TestBridge } from '../support/bridge-server.js';

const BIN = resolve('dist/harness/cli/bin.js');

let dir: string;
let bridge: TestBridge | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-bridge-'));
});
afterEach(async () => {
  await bridge?.close();
  bridge = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process (the bridge answers from it). */
function run(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'run', ...args], { cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

async function report(): Promise<RunReport> {
  return JSON.parse(await readFile(join(dir, 'r', 'report.json'), 'utf8')) as RunReport;
}

describe('run --connector-url', () => {
  it('passes every lifecycle check on every mock SP through a bridge running the reference connector; every event holds to the schema', async () => {
    bridge = await startTestBridge();
    const result = await run('--connector-url', bridge.url, '--out', 'r', '--reporter', 'json');
    const { results, summary } = await report();
    expect(results.filter((r) => r.status === 'failed').map((r) => `${r.sp} ${r.scenario}`)).toEqual([]);
    expect(result.status).toBe(0);
    expect(summary.passed).toBeGreaterThan(150);
    expect(bridge.invalid).toEqual([]);
    const kinds = new Set(bridge.events.map((event) => event.event));
    expect([...kinds].sort()).toEqual([
      'connection.test',
      'group.delete',
      'group.sync',
      'user.delete',
      'user.deprovision',
      'user.provision',
    ]);
    expect(bridge.events.some((event) => event.app.scim.refreshUrl !== undefined)).toBe(true);
  }, 240_000);

  it('turns a failing, hanging, non-JSON or off-protocol bridge into a clear check failure, never a hang, and no token in the report', async () => {
    let n = 0;
    bridge = await startTestBridge({
      answer(event, response) {
        if (event.event !== 'user.provision') return false;
        const kind = n++ % 4;
        if (kind === 0) response.writeHead(500).end('boom');
        else if (kind === 1) response.writeHead(200).end('<html>hello</html>');
        else if (kind === 2)
          response.writeHead(200).end(JSON.stringify({ ok: 'yes', token: event.app.scim.token }));
        // kind 3: never answers
        return true;
      },
    });
    const result = await run(
      '--connector-url',
      bridge.url,
      '--connector-timeout',
      '1',
      '--sp',
      'sparkpost',
      '--suite',
      'provisioning',
      '--out',
      'r',
      '--reporter',
      'json',
    );
    expect(result.status).toBe(1);
    const text = await readFile(join(dir, 'r', 'report.json'), 'utf8');
    expect(text).toMatch(/answered event evt-\d+ \(user\.provision for [^)]+\) with HTTP 500 'boom'/);
    expect(text).toMatch(/with a body that is not JSON: '<html>hello<\/html>'/);
    expect(text).toMatch(/which breaks sso-harness-connector\/1: \/ok must be boolean/);
    expect(text).toMatch(/gave no answer to event evt-\d+ \(user\.provision for [^)]+\) within 1 s/);
    for (const event of bridge.events) expect(text).not.toContain(event.app.scim.token);
  }, 120_000);

  it('stops with exit 2 when nothing listens at the URL, and refuses options it cannot go with', async () => {
    const nothing = await run('--connector-url', 'http://127.0.0.1:9/events');
    expect(nothing.status).toBe(2);
    expect(nothing.stderr).toMatch(
      /--connector-url: nothing answers at http:\/\/127\.0\.0\.1:9\/events .*start your connector first/,
    );
    for (const [args, message] of [
      [['--connector-url', 'ftp://x'], /must be an http:\/\/ or https:\/\/ URL/],
      [['--connector-timeout', '5'], /--connector-timeout applies to --connector-url/],
      [['--connector-url', 'http://127.0.0.1:9', '--connector', 'x.mjs'], /pick one/],
      [['--connector-url', 'http://127.0.0.1:9', '--connector-timeout', '0'], /more than 0 and at most 3600/],
      [['--connector-url', 'http://127.0.0.1:9', '--transport', 'in-process'], /drop --transport in-process/],
    ] as const) {
      const refused = await run(...args);
      expect(refused.status, args.join(' ')).toBe(2);
      expect(refused.stderr).toMatch(message);
    }
  });
});
