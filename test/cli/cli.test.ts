import { mockSps, allScenarios, suites } from '#registry';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateReport, type RunReport } from '#reports';
import { runCli, type CliOutcome } from '../support/cli.js';
import { startMockSp } from '#mock-sps';
import { SUITES } from '#harness/runner';
import { listCommand } from '../../harness/cli/list.js';

let out: string;

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'sso-harness-cli-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const cli = (...argv: string[]): Promise<CliOutcome> => runCli(argv, out);

const readReport = async (): Promise<RunReport> =>
  JSON.parse(await readFile(join(out, 'sso-harness-report', 'report.json'), 'utf8')) as RunReport;

describe('sso-harness CLI', () => {
  it('runs every suite but resilience against the mock SPs, exits 0 and writes the four reports', async () => {
    const result = await cli('run');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((await readdir(join(out, 'sso-harness-report'))).sort()).toEqual([
      'junit.xml',
      'report.html',
      'report.json',
      'summary.md',
    ]);
    const report = await readReport();
    expect(validateReport(report)).toEqual([]);
    expect(new Set(report.results.map((r) => r.suite))).toEqual(
      new Set(SUITES.filter((suite) => suite !== 'resilience' && suites[suite].length > 0)),
    );
    expect(report.results.every((r) => r.requirements.length > 0)).toBe(true);
    expect(report.results.filter((r) => r.status !== 'passed' && r.status !== 'not-applicable')).toEqual([]);
    expect(report.results.filter((r) => r.status === 'not-applicable' && !r.reason)).toEqual([]);
    expect(report.results.flatMap((r) => r.requirements)).toEqual(
      expect.arrayContaining(['INT-04', 'IDP-IDM-03', 'SCIM-PATCH']),
    );
  });

  it('runs the resilience suite alone when --chaos or --scale is given, under that chaos and at that scale', async () => {
    const result = await cli(
      'run',
      '--chaos',
      'hostile',
      '--scale',
      '200',
      '--sp',
      'interact',
      '--reporter',
      'json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = await readReport();
    expect(new Set(report.results.map((r) => r.suite))).toEqual(new Set(['resilience']));
    const lost = report.results.find((r) => r.scenario === 'resilience/no-user-lost')!;
    expect(lost.status).toBe('passed');
    expect(lost.message).toContain('200 users, chaos 429=15%');
    expect(lost.message).toContain('rate-limit=200/s');
  });

  it.each([
    [['--chaos', '429=5'], "--chaos: '429=5' needs a percentage, as in 429=5%"],
    [['--chaos', 'calm'], "--chaos: unknown chaos item 'calm'"],
    [['--scale', '0'], "--scale is a number of users from 1 to 1000000 (found '0')"],
    [['--scale', '1e3'], "--scale is a number of users from 1 to 1000000 (found '1e3')"],
    [['--chaos', 'default', '--suite', 'provisioning'], '--chaos apply to the resilience suite only'],
    [
      ['--scale', '10', '--scim-url', 'http://127.0.0.1:9/scim', '--token', 't'],
      '--scale drive the resilience suite against the mock SPs; drop it with --scim-url',
    ],
  ])('refuses %j with a usage error naming the fix', async (args, message) => {
    const result = await cli('run', ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it('exits 1 when a check at error or critical level fails, and the failure carries evidence', async () => {
    const result = await cli(
      'run',
      '--fault',
      'accept-any-token',
      '--suite',
      'scim-protocol',
      '--reporter',
      'json',
    );
    expect(result.code).toBe(1);
    const report = await readReport();
    const failure = report.results.find((r) => r.scenario === 'scim-protocol/auth-missing-token-401');
    expect(failure).toMatchObject({
      status: 'failed',
      severity: 'critical',
      sp: 'interact',
      requirements: ['SCIM-AUTH'],
    });
    expect(failure?.evidence[0]).toMatchObject({ kind: 'http', exchange: { response: { status: 200 } } });
    expect(result.stdout).toContain('FAIL critical interact scim-protocol/auth-missing-token-401');
  });

  it('exits 3 and says what to change when nothing was tested', async () => {
    const result = await cli('run', '--sp', 'outreach', '--suite', 'scim-protocol', '--reporter', 'json');
    expect(result.code).toBe(3);
    expect(result.stdout).toContain(
      'Nothing was tested: every check was not applicable — outreach has no SCIM service',
    );
    expect((await readReport()).summary).toMatchObject({ passed: 0, failed: 0, exitCode: 3 });
  });

  it('lists the checks citing a requirement ID or a clause', async () => {
    const byClause = await cli('list', 'checks', '--requirement', 'RFC 7644 §3.12');
    expect(byClause.code).toBe(0);
    expect(byClause.stdout).toContain('scim-protocol/auth-error-body');
    expect(byClause.stdout).not.toContain('scim-protocol/put-replace ');
    const byId = await cli('list', 'checks', '--requirement=scim-auth');
    expect(byId.stdout).toMatch(/^Checks citing scim-auth \(\d+\):/);
    expect(byId.stdout).toContain('scim-protocol/auth-www-authenticate');
    const unknown = await cli('list', 'checks', '--requirement', 'RFC 9999 §1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no check cites 'RFC 9999 §1'");
  });

  it('fails on a warning only with --strict', async () => {
    const lenient = await cli(
      'run',
      '--fault',
      'case-sensitive-patch-op',
      '--sp',
      'interact',
      '--suite',
      'scim-protocol',
      '--reporter',
      'json',
    );
    expect(lenient.code).toBe(0);
    const { summary } = await readReport();
    // The op-name checks (add, remove, upper case) are graded warnings: Entra's ops are capitalised.
    expect(summary.warnings).toBe(3);
    expect(summary.critical + summary.errors).toBe(0);
    const strict = await cli(
      'run',
      '--fault',
      'case-sensitive-patch-op',
      '--sp',
      'interact',
      '--suite',
      'scim-protocol',
      '--reporter',
      'json',
      '--strict',
    );
    expect(strict.code).toBe(1);
  });

  it('writes only the chosen reporters into --out', async () => {
    const result = await cli(
      'run',
      '--suite',
      'deactivation',
      '--reporter',
      'junit,markdown',
      '--out',
      'custom/dir',
    );
    expect(result.code).toBe(0);
    expect((await readdir(join(out, 'custom', 'dir'))).sort()).toEqual(['junit.xml', 'summary.md']);
  });

  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['run', '--sp', 'nosuchapp'], "unknown sp 'nosuchapp'; known: interact"],
    [['run', '--suite', 'sso-everything'], "unknown suite 'sso-everything'"],
    [['run', '--reporter', 'pdf'], 'pdf'],
    [['run', '--scim-url', 'http://127.0.0.1:1/scim/v2'], '--scim-url needs --token'],
    [['run', '--scim-url', 'not a url', '--token', 't'], '--scim-url must be an http(s) URL'],
    [
      ['run', '--scim-url', 'http://127.0.0.1:1/scim', '--token', 't', '--dialect', 'azure'],
      "unknown dialect 'azure'",
    ],
    [
      ['run', '--scim-url', 'http://127.0.0.1:1/scim', '--token', 't', '--prefix', 'has space'],
      '--prefix must be 1–40 letters',
    ],
    [
      ['run', '--sp-metadata', 'sp.xml', '--identity-header', 'x', '--dialect', 'entra'],
      '--dialect, --prefix and --keep drive SCIM provisioning',
    ],
    [
      ['run', '--sp-metadata', 'sp.xml', '--identity-header', 'x', '--identity-pattern', 'Signed in as \\w+'],
      '--identity-pattern needs a capture group around the user',
    ],
    [
      ['run', '--sp-metadata', 'sp.xml', '--identity-header', 'x', '--identity-pattern', '(unclosed'],
      '--identity-pattern is not a regular expression',
    ],
    [
      ['run', '--sp-metadata', 'sp.xml', '--identity-header', 'x', '--identity-json-path', 'user.email'],
      '--identity-json-path reads the JSON answer of --identity-url',
    ],
    [['run', '--identity-pattern', '(.+)'], '--identity-pattern reads the signed-in user for --sp-metadata'],
    [['run', '--encrypt'], '--encrypt encrypts the assertions for --sp-metadata'],
    [
      ['run', '--retired-idp-keys', 'old.json'],
      "--retired-idp-keys signs with the IdP's retired key for --sp-metadata",
    ],
    [
      [
        'run',
        '--sp-metadata',
        'sp.xml',
        '--identity-url',
        'http://127.0.0.1:1/me',
        '--sp-login-url',
        'login',
      ],
      '--sp-login-url must be the http(s) URL of the SP page that starts a SAML login',
    ],
    [['run', '--new-keys'], '--new-keys creates the IdP key pair for --sp-metadata'],
    [['run', '--sign', 'both'], '--sign chooses what the IdP signs for --sp-metadata'],
    [
      ['run', '--sp-metadata', 'sp.xml', '--identity-header', 'x', '--sign', 'everything'],
      "--sign must be assertion, response or both (found 'everything')",
    ],
    [
      [
        'run',
        '--sp-metadata',
        'sp.xml',
        '--identity-header',
        'x',
        '--scim-url',
        'http://127.0.0.1:1/scim',
        '--token',
        't',
        '--deprovision-wait',
        'soon',
      ],
      "--deprovision-wait is how many seconds (0 to 60) the SP may take to act on a deactivation over SCIM (found 'soon')",
    ],
    [
      ['run', '--sp-metadata', 'sp.xml', '--identity-header', 'x', '--scim-url', 'http://127.0.0.1:1/scim'],
      '--scim-url needs --token <bearer token> for the SCIM service',
    ],
    [
      ['run', '--deprovision-wait', '3'],
      '--deprovision-wait waits for the SP to act on a deactivation for --sp-metadata',
    ],
    [['run', '--sp', 'interact', '--keep'], '--prefix and --keep apply to what a run creates on --scim-url'],
    [['run', '--scim-url', 'http://127.0.0.1:1/scim', '--token', 't', '--suite', 'sso'], 'drop --suite sso'],
    [['run', '--fault', 'nonsense'], "unknown fault 'nonsense'"],
    [['run', '--bogus'], "Unknown option '--bogus'"],
    [['run', '--seed', 'abc'], '--seed must be an integer'],
    [['list', 'everything'], "cannot list 'everything'"],
    [['run', '--scim-url', 'http://127.0.0.1:1/scim/v2', '--token', 't'], 'cannot reach the SCIM service'],
  ])('exits 2 with a one-line reason for %j', async (argv, reason) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(reason);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming --token when the external server refuses the token', async () => {
    const running = await startMockSp(mockSps.interact);
    try {
      const result = await cli('run', '--scim-url', running.scimBaseUrl!, '--token', 'not-the-token');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/refused the token with 401; check --token/);
      const ok = await cli(
        'run',
        '--scim-url',
        running.scimBaseUrl!,
        `--token=${running.sp.token}`,
        '--reporter',
        'json',
      );
      expect(ok.code).toBe(0);
    } finally {
      await running.close();
    }
  });

  it('lists every requirement with the checks that cite it, and none is uncovered', async () => {
    const result = await cli('list', '--requirements');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/IDP-IDM-03\s+\d+ checks/);
    expect(result.stdout).toContain('provisioning/create-on-membership');
    expect(result.stdout).not.toContain('UNKNOWN ID');
    const uncovered = result.stdout.split('\n').filter((line) => /\sUNCOVERED\s/.test(line));
    expect(uncovered).toEqual([]);
    expect(result.stdout).toMatch(new RegExp(`Requirements \\((\\d+) of \\1 covered\\)`));
  });

  it('shows one requirement in full with its source and the checks that cite it, with their files', async () => {
    const result = await cli('list', 'requirements', 'SF-04');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'SF-04 [DOC] The email of an existing user cannot be changed through provisioning',
    );
    expect(result.stdout).toContain('source: JumpCloud guide "Integrate with Salesforce"');
    expect(result.stdout).toMatch(/provisioning\/salesforce-email-change — .+ \(.+\.ts\)/);
    const unknown = await cli('list', 'requirements', 'SF-99');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no requirement 'SF-99'");
  });

  it('flags a requirement no check covers', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const onlyOne = allScenarios.filter((scenario) => scenario.id === 'provisioning/create-on-membership');
    expect(listCommand(['--requirements'], out, onlyOne)).toBe(0);
    expect(text).toMatch(/SF-01\s+UNCOVERED/);
    expect(text).toMatch(/IDP-IDM-03\s+1 check\s/);
  });

  it('lists SPs, suites, scenarios and fault switches', async () => {
    const result = await cli('list');
    expect(result.stdout).toContain('interact     Interact Software — SCIM /api/v2/scim/v2 (users, groups)');
    expect(result.stdout).toMatch(/scim-protocol\s+\d+ scenarios/);
    expect(result.stdout).toContain('accept-any-token');
    expect(result.stdout).toContain('no-lookup');
  });

  it('lists each IdP dialect with its IdP, its wire differences and its assumed items', async () => {
    const result = await cli('list', 'dialects');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('IdP dialects: 5');
    expect(result.stdout).toMatch(
      /entra-aadOptscim062020\s+Microsoft Entra ID \(aadOptscim062020\) — \d+ assumed items/,
    );
    expect(result.stdout).toContain('deactivation: PATCH Replace active "False"');
    expect(result.stdout).toContain('https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20');
  });

  it('runs as the built bin and exits with the run verdict', () => {
    const bin = join(import.meta.dirname, '..', '..', 'dist', 'harness', 'cli', 'bin.js');
    const ok = spawnSync(process.execPath, [bin, 'run', '--suite', 'deactivation', '--out', out], {
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('exit 0');
    const usage = spawnSync(process.execPath, [bin, 'run', '--sp', 'nope'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
