/**
 * `run --record <dir>` / `run --compare <dir>`: the SCIM wire of a run as normalised transcripts,
 * recorded once and compared later; a difference is shown as a diff and fails the run.
 */
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { runCli, type CliOutcome } from '../support/cli.js';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'sso-harness-transcripts-'));
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const cli = (...argv: string[]): Promise<CliOutcome> => runCli(argv, cwd);

/** Outreach has no SCIM service (nothing to transcribe): Interact's provisioning suite is the small one that provisions. */
const RUN = ['run', '--sp', 'interact', '--suite', 'provisioning', '--reporter', 'json', '--quiet'];

const report = async (): Promise<RunReport> =>
  JSON.parse(await readFile(join(cwd, 'sso-harness-report', 'report.json'), 'utf8')) as RunReport;

/** The changed lines of the diffs in `stdout` (`-`/`+`, not the `---`/`+++` file headers). */
const changedLines = (stdout: string): string[] =>
  stdout.split('\n').filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));

describe('run --record / --compare', () => {
  it('records one transcript per scenario beside independent reports, and a rerun compares equal', async () => {
    const recorded = await cli(...RUN, '--record', 'wire');
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);
    const line = recorded.stdout.split('\n').find((text) => text.startsWith('Transcripts:'));
    expect(line).toMatch(/^Transcripts: wrote \d+ scenario transcripts to .*\/wire$/);
    // --out is untouched: the reports go where they always go, the transcripts where --record says.
    expect((await report()).summary.failed).toBe(0);
    const index = JSON.parse(await readFile(join(cwd, 'wire', 'index.json'), 'utf8')) as {
      format: string;
      scenarios: string[];
    };
    expect(index.format).toBe('sso-harness-transcript/1');
    expect(index.scenarios).toContain('interact/provisioning/create-read-back');
    expect(line).toContain(`wrote ${index.scenarios.length} scenario transcripts`);
    expect(await readdir(join(cwd, 'wire'))).toEqual(expect.arrayContaining(['index.json', 'interact']));
    expect(await readdir(join(cwd, 'wire'))).not.toContain('report.json');

    // No credential reaches a transcript: every Authorization header is masked.
    const transcript = await readFile(join(cwd, 'wire/interact/provisioning/create-read-back.http'), 'utf8');
    expect(transcript).toContain('POST /Users');
    const auth = transcript.split('\n').filter((text) => text.startsWith('authorization:'));
    expect(auth.length).toBeGreaterThan(0);
    expect(new Set(auth)).toEqual(new Set(['authorization: Bearer {token}']));

    const compared = await cli(...RUN, '--compare', 'wire');
    expect(compared.stderr).toBe('');
    expect(compared.stdout).toContain(
      `Transcripts: all ${index.scenarios.length} scenarios send what was recorded; no differences.`,
    );
    expect(compared.code).toBe(0);
  });

  it('fails a run whose every check passed when the wire differs, and the diff shows what changed', async () => {
    expect((await cli(...RUN, '--record', 'wire')).code).toBe(0);

    // An IdP that sends `active` as the string "False" (Entra's bug) still passes these checks…
    const fault = await cli(...RUN, '--compare', 'wire', '--idp-fault', 'string-active');
    expect((await report()).summary).toMatchObject({ failed: 0, exitCode: 0 });
    // …but not the gate, and the diff names the change.
    expect(fault.code).toBe(1);
    expect(fault.stdout).toContain('Transcripts differ from the recording: 1 changed');
    expect(fault.stdout).toContain('Changed: interact/provisioning/rehire-read-back');
    const lines = changedLines(fault.stdout);
    expect(lines).toEqual(
      expect.arrayContaining([
        '-      "op": "replace",',
        '+      "op": "Replace",',
        '-      "value": false',
        '+      "value": "False"',
        '---> 200',
        '+--> 400',
      ]),
    );
    expect(fault.stdout).toContain('If these changes are intended, record again with --record DIR.');

    // Other test data: the seeded names differ in what is sent.
    const seeded = await cli(...RUN, '--compare', 'wire', '--seed', '7');
    expect(seeded.code).toBe(1);
    expect(seeded.stdout).toContain('Changed: interact/provisioning/create-read-back');
    expect(changedLines(seeded.stdout).some((text) => /"givenName"/.test(text))).toBe(true);
  });

  it('refuses --record with --compare, a folder holding no recording, and a folder it cannot write, before the run', async () => {
    const both = await cli(...RUN, '--record', 'a', '--compare', 'b');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^sso-harness: --record writes transcripts and --compare .*: pick one/);

    const missing = await cli(...RUN, '--compare', 'nowhere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `sso-harness: --compare: No recorded transcripts in '${join(cwd, 'nowhere')}': ` +
        `'${join(cwd, 'nowhere', 'index.json')}' does not exist; record one first with --record DIR.\n`,
    );

    await writeFile(join(cwd, 'a-file'), '');
    const unwritable = await cli(...RUN, '--record', 'a-file/wire');
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toBe(
      `sso-harness: --record: cannot write transcripts to '${join(cwd, 'a-file', 'wire')}' ` +
        `(a file stands where a folder is needed); choose a folder you can write, or fix its permissions\n`,
    );

    await writeFile(join(cwd, 'index.json'), '{"name": "my-package"}');
    const foreign = await cli(...RUN, '--record', '.');
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('is not a transcript recording');

    // Each was refused before anything ran: no report was written.
    expect(await readdir(cwd)).not.toContain('sso-harness-report');
  });
});
