/**
 * The CLI as a new user meets it: help and version, a report folder it cannot write refused
 * before the run, a config file, a server that hangs or is not SCIM at all ended early with
 * exit 2 and one line, colour only where asked for, and a recap of failures at the end.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import schema from '../../harness/cli/config.schema.json' with { type: 'json' };
import { runCli, type CliOutcome } from '../support/cli.js';
import { RUN_OPTIONS } from '../../harness/cli/run-plan.js';
import { toolVersion } from '../../harness/cli/version.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-cli-hardening-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cli = (argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliOutcome> => runCli(argv, dir, env);

/** A server on 127.0.0.1 answering with `handle`; closed by the returned function. */
async function serve(
  handle: Parameters<typeof createServer>[1],
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

const LIST = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 0,
  Resources: [],
});

describe('help and version', () => {
  it('--version prints the package version', async () => {
    expect(await cli(['--version'])).toEqual({
      code: 0,
      stdout: `sso-harness ${toolVersion()}\n`,
      stderr: '',
    });
  });

  it.each([[['help', 'run']], [['run', '--help']], [['run', '--sp', 'salesforce', '-h']]])(
    '%j prints the run options and exits 0 without running',
    async (argv) => {
      const { code, stdout, stderr } = await cli(argv);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: sso-harness run \[options\]/);
      expect(stdout).toContain('--timeout <s>');
      expect(stdout).not.toContain('list options');
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('help for an unknown command names the commands', async () => {
    const { code, stderr } = await cli(['help', 'frobnicate']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/no help for 'frobnicate'; use 'run'/);
  });
});

describe('the report folder is checked before the run', () => {
  it('--out naming a file: exit 2 at once, naming the folder and the fix, and nothing is run', async () => {
    await writeFile(join(dir, 'taken'), 'a file');
    const started = performance.now();
    const { code, stdout, stderr } = await cli(['run', '--out', 'taken']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `sso-harness: --out: cannot write reports to '${join(dir, 'taken')}' (a file stands where a folder is needed); choose a folder you can write with --out DIR\n`,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('--out under /proc: exit 2, no hang', async () => {
    const { code, stderr } = await cli(['run', '--out', '/proc/sso-harness-report']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sso-harness: --out: cannot write reports to '\/proc\/sso-harness-report' \(/);
  });
});

describe('sso-harness.config.json', () => {
  it('is read from the working folder; paths in it are relative to it; a flag on the command line wins', async () => {
    await mkdir(join(dir, 'ci'));
    await writeFile(
      join(dir, 'ci', 'sso-harness.config.json'),
      JSON.stringify({
        sp: ['profitco'],
        suite: 'scim-protocol',
        out: 'reports',
        reporter: ['json'],
        quiet: true,
      }),
    );
    const { code, stderr } = await cli([
      'run',
      '--config',
      'ci/sso-harness.config.json',
      '--sp',
      'sparkpost',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'ci', 'reports', 'report.json'), 'utf8')) as RunReport;
    expect(report.options.sps).toEqual(['sparkpost']);
    expect(report.options.suites).toEqual(['scim-protocol']);
    expect(await readdir(join(dir, 'ci', 'reports'))).toEqual(['report.json']);
  });

  it.each([
    ['{"sp": ["salesforce"], "sppp": "x"}', "unknown option 'sppp' (see 'sso-harness help run')"],
    ['{"strict": "yes"}', "'strict' has the wrong type"],
    ['{"sp": []}', "'sp' has the wrong type"],
    ['{"sp": ', 'is not JSON'],
  ])('a file that breaks the schema (%s) is exit 2 naming the problem', async (text, problem) => {
    await writeFile(join(dir, 'sso-harness.config.json'), text);
    const { code, stdout, stderr } = await cli(['run']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(join(dir, 'sso-harness.config.json'));
    expect(stderr).toContain(problem);
    expect(stderr.split('\n')).toHaveLength(2);
  });

  it('names every run option, and nothing else (the schema cannot drift from the flags)', () => {
    const flags = Object.keys(RUN_OPTIONS).filter((flag) => flag !== 'config');
    expect(
      Object.keys(schema.properties)
        .filter((key) => key !== '$schema')
        .sort(),
    ).toEqual(flags.sort());
  });

  it('--config naming a missing file is exit 2', async () => {
    const { code, stderr } = await cli(['run', '--config', 'nope.json']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `sso-harness: --config: cannot read '${join(dir, 'nope.json')}' (it does not exist)\n`,
    );
  });
});

describe('servers that are not SCIM, or stop answering', () => {
  it('a server that answers HTML to everything: exit 2 at once, naming --scim-url', async () => {
    const html = await serve((_, response) =>
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>'),
    );
    try {
      const { code, stdout, stderr } = await cli([
        'run',
        '--scim-url',
        html.url,
        '--token',
        'secret-token-1234',
      ]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `sso-harness: GET ${html.url}/Users answered 200 with a text/html body, not a SCIM list of users; --scim-url must be the SCIM base URL, the one /Users hangs off (e.g. https://host/scim/v2)\n`,
      );
    } finally {
      await html.close();
    }
  });

  it('a server that answers the first requests and then hangs: the run stops within the timeout, exit 2, one line', async () => {
    let answered = 0;
    const hanging = await serve((request, response) => {
      // The preflight and the discovery requests are answered; everything after hangs.
      if (answered++ < 3) response.writeHead(200, { 'content-type': 'application/scim+json' }).end(LIST);
    });
    try {
      const started = performance.now();
      const { code, stdout, stderr } = await cli([
        'run',
        '--scim-url',
        hanging.url,
        '--token',
        'secret-token-1234',
        '--timeout',
        '1',
        '--out',
        'report',
      ]);
      const seconds = (performance.now() - started) / 1000;
      expect(code).toBe(2);
      // The request that hung (1 s), the probe after it (1 s), and the rest skipped at once.
      expect(seconds).toBeLessThan(8);
      expect(stderr).toMatch(
        /^sso-harness: stopped: the server at --scim-url stopped answering: \S+ \S+ got no answer \(within 1 s\), nor did GET \S+\/Users after it; check the server, or raise --timeout\n$/,
      );
      expect(stdout).toMatch(/the run was stopped, exit 2\n/);
      const report = JSON.parse(await readFile(join(dir, 'report', 'report.json'), 'utf8')) as RunReport;
      expect(report.summary.skipped).toBeGreaterThan(100);
      expect(report.results.filter((r) => r.status === 'skipped')[0]!.message).toMatch(
        /^Not run: the run was stopped \(the server at --scim-url stopped answering/,
      );
      expect(await readFile(join(dir, 'report', 'report.json'), 'utf8')).not.toContain('secret-token-1234');
    } finally {
      await hanging.close();
    }
  }, 30_000);

  it('--run-timeout stops a run that is taking too long: exit 2, the unfinished checks skipped', async () => {
    const { code, stderr } = await cli(['run', '--run-timeout', '0.2', '--out', 'report', '--quiet']);
    expect(code).toBe(2);
    expect(stderr).toBe('sso-harness: stopped: the run took longer than --run-timeout 0.2 s\n');
    const report = JSON.parse(await readFile(join(dir, 'report', 'report.json'), 'utf8')) as RunReport;
    expect(report.summary.skipped).toBeGreaterThan(0);
  });

  it.each([
    ['--timeout', '0'],
    ['--timeout', 'soon'],
    ['--run-timeout', '-5'],
  ])('%s %s is exit 2 naming the flag', async (flag, value) => {
    const { code, stderr } = await cli(['run', `${flag}=${value}`]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `sso-harness: ${flag} takes a number of seconds between 0 and 86400 (found '${value}')\n`,
    );
  });
});

describe('the end of the log', () => {
  const failing = [
    'run',
    '--sp',
    'salesforce',
    '--suite',
    'scim-protocol',
    '--fault',
    'ignore-filter',
    '--quiet',
  ];

  it('recaps every failure, the most serious first, after the results', async () => {
    const { code, stdout } = await cli([...failing, '--out', 'r']);
    expect(code).toBe(1);
    const recap = stdout.slice(stdout.indexOf('Failed checks ('));
    expect(recap).toMatch(
      /^Failed checks \(\d+\), the most serious first:\n {2}FAIL (critical|error) salesforce /,
    );
    expect(recap).toMatch(/scim-protocol\/filter-/);
    expect(recap.indexOf('Failed checks')).toBeLessThan(recap.indexOf('sso-harness: '));
  });

  it('colours only when asked: FORCE_COLOR on, NO_COLOR off, and a pipe stays plain', async () => {
    const plain = await cli([...failing, '--out', 'a']);
    const forced = await cli([...failing, '--out', 'b'], { FORCE_COLOR: '1' });
    const refused = await cli([...failing, '--out', 'c'], { NO_COLOR: '1' });
    const escape = '\x1b[';
    expect(plain.stdout).not.toContain(escape);
    expect(refused.stdout).not.toContain(escape);
    expect(forced.stdout).toContain(`${escape}31mFAIL `);
  });
});
