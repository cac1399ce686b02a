import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TRANSCRIPT_FORMAT,
  TranscriptError,
  compareTranscripts,
  formatComparison,
  normaliseTranscript,
  readTranscripts,
  transcriptFileName,
  writeTranscripts,
  type WireEntry,
} from './index.js';

/** What varies between two runs of the same connector against a fresh mock SP. */
interface RunVariables {
  port: number;
  userId: string;
  groupId: string;
  token: string;
  externalId: string;
  /** The run's clock, in ms since the epoch. */
  now: number;
  version: string;
}

const FIRST: RunVariables = {
  port: 41_234,
  userId: '2819c223-7f76-453a-919d-413861904646',
  groupId: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  token: 'tok-7a1e9c3b',
  externalId: 'c0a80101-0000-4000-8000-00000000abcd',
  now: Date.parse('2025-11-26T10:00:00.000Z'),
  version: 'a1b2c3',
};

const SECOND: RunVariables = {
  port: 50_111,
  userId: '8f0d5a0e-3c41-4f2e-9b7a-2d1c6e5f4a3b',
  groupId: '5b6c7d8e-1a2b-4c3d-8e9f-0a1b2c3d4e5f',
  token: 'tok-00ff00ff',
  externalId: '11111111-2222-4333-8444-555555555555',
  now: Date.parse('2025-11-27T16:42:17.381Z'),
  version: 'ffee99',
};

/** A connector's exchanges in one run: create a user, find a group, add the user, read back, a dropped delete. */
function syntheticRun(run: RunVariables, { title = 'Engineer', op = 'add' } = {}): WireEntry[] {
  const base = `http://127.0.0.1:${run.port}/scim/v2`;
  const iso = new Date(run.now).toISOString();
  const httpDate = new Date(run.now).toUTCString();
  const request = {
    'content-type': 'application/scim+json',
    authorization: `Bearer ${run.token}`,
    'user-agent': 'c/1',
  };
  const response = { 'content-type': 'application/scim+json', date: httpDate, 'content-length': '321' };
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: run.userId,
    externalId: run.externalId,
    userName: `jumpcloud.test.${run.now.toString(36)}@example.com`,
    title,
    meta: {
      resourceType: 'User',
      created: iso,
      lastModified: iso,
      location: `${base}/Users/${run.userId}`,
      version: `W/"${run.version}"`,
    },
  };
  const { id: _id, meta: _meta, ...sent } = user;
  return [
    {
      method: 'POST',
      path: '/Users',
      requestHeaders: request,
      requestBody: JSON.stringify({ ...sent, password: `pw-${run.now}` }),
      status: 201,
      responseHeaders: { ...response, location: user.meta.location, etag: user.meta.version },
      responseBody: JSON.stringify(user),
    },
    {
      method: 'GET',
      path: '/Groups?filter=displayName%20eq%20%22Engineering%22',
      requestHeaders: { ...request, accept: 'application/scim+json' },
      status: 200,
      responseHeaders: response,
      responseBody: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: 1,
        Resources: [
          { id: run.groupId, displayName: 'Engineering', meta: { resourceType: 'Group', created: iso } },
        ],
      }),
    },
    {
      method: 'PATCH',
      path: `/Groups/${run.groupId}`,
      requestHeaders: request,
      requestBody: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          { op, path: 'members', value: [{ value: run.userId, $ref: `${base}/Users/${run.userId}` }] },
        ],
      }),
      status: 204,
      responseHeaders: { date: httpDate },
    },
    {
      method: 'GET',
      path: `/Users/${run.userId}`,
      requestHeaders: { ...request, 'if-none-match': `W/"${run.version}"` },
      status: 304,
      responseHeaders: { etag: `W/"${run.version}"`, date: httpDate },
    },
    {
      method: 'DELETE',
      path: `/Users/${run.userId}`,
      requestHeaders: request,
      responseHeaders: {},
      dropped: true,
    },
  ];
}

const normalised = (run: RunVariables, change?: { title?: string; op?: string }): string =>
  normaliseTranscript(syntheticRun(run, change), { around: run.now, secrets: [run.token] });

/** The removed and added lines of a unified diff, without its file header. */
const changedLines = (diff: string): string[] =>
  diff.split('\n').filter((line) => /^[-+](?![-+]{2} )/.test(line));

const KEY = 'outreach/provisioning/create-user';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sso-harness-transcript-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recorded transcripts', () => {
  it('normalises two runs that differ only in ids, timestamps, tokens, UUIDs and time suffixes identically', () => {
    const first = normalised(FIRST);
    expect(normalised(SECOND)).toBe(first);
    for (const value of [
      FIRST.userId,
      FIRST.groupId,
      FIRST.token,
      FIRST.externalId,
      String(FIRST.port),
      FIRST.version,
    ]) {
      expect(first).not.toContain(value);
    }
  });

  it('shows a one-field change in a request body as exactly that line', async () => {
    await writeTranscripts(dir, new Map([[KEY, normalised(FIRST)]]));
    const comparison = await compareTranscripts(dir, new Map([[KEY, normalised(SECOND, { op: 'Add' })]]));
    expect(comparison.changed).toHaveLength(1);
    const { diff } = comparison.changed[0]!;
    expect(changedLines(diff)).toEqual(['-      "op": "add",', '+      "op": "Add",']);
    expect(diff.split('\n').slice(0, 3)).toEqual([
      '--- recorded/outreach/provisioning/create-user.http',
      '+++ now/outreach/provisioning/create-user.http',
      expect.stringMatching(/^@@ -\d+,7 \+\d+,7 @@$/),
    ]);
  });

  it('shows a field the SP echoes as the line sent and the line answered', async () => {
    await writeTranscripts(dir, new Map([[KEY, normalised(FIRST)]]));
    const comparison = await compareTranscripts(dir, new Map([[KEY, normalised(SECOND, { title: 'Lead' })]]));
    expect(changedLines(comparison.changed[0]!.diff)).toEqual([
      '-  "title": "Engineer",',
      '+  "title": "Lead",',
      '-  "title": "Engineer",',
      '+  "title": "Lead",',
    ]);
  });

  it('writes one file per scenario and an index, and compares a second run as the same', async () => {
    const transcripts = new Map([
      [KEY, normalised(FIRST)],
      ['okta/sso/sp-initiated', '(no exchanges)\n'],
    ]);
    await writeTranscripts(dir, transcripts);
    expect(await readFile(join(dir, 'outreach/provisioning/create-user.http'), 'utf8')).toBe(
      transcripts.get(KEY),
    );
    expect(JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'))).toEqual({
      format: TRANSCRIPT_FORMAT,
      scenarios: ['okta/sso/sp-initiated', KEY],
    });
    expect(await readTranscripts(dir)).toEqual(transcripts);
    const comparison = await compareTranscripts(
      dir,
      new Map([
        ['okta/sso/sp-initiated', '(no exchanges)\n'],
        [KEY, normalised(SECOND)],
      ]),
    );
    expect(comparison).toEqual({ same: ['okta/sso/sp-initiated', KEY], changed: [], added: [], removed: [] });
    expect(formatComparison(comparison)).toBe(
      'Transcripts: all 2 scenarios send what was recorded; no differences.\n',
    );
  });

  it('reads a recording whose line ends a checkout turned into CRLF as the same', async () => {
    await writeTranscripts(dir, new Map([[KEY, 'a\nb\n']]));
    await writeFile(join(dir, 'outreach/provisioning/create-user.http'), 'a\r\nb\r\n');
    expect((await compareTranscripts(dir, new Map([[KEY, 'a\nb\n']]))).same).toEqual([KEY]);
  });

  it('lists scenarios that ran but were not recorded, and recorded ones that did not run', async () => {
    await writeTranscripts(
      dir,
      new Map([
        ['a/x', 'one\n'],
        ['a/gone', 'two\n'],
        ['a/changed', 'old\n'],
      ]),
    );
    const comparison = await compareTranscripts(
      dir,
      new Map([
        ['a/x', 'one\n'],
        ['a/new', 'three\n'],
        ['a/changed', 'new\n'],
      ]),
    );
    expect(comparison.same).toEqual(['a/x']);
    expect(comparison.added).toEqual(['a/new']);
    expect(comparison.removed).toEqual(['a/gone']);
    expect(formatComparison(comparison)).toBe(
      [
        'Transcripts differ from the recording: 1 changed, 1 added, 1 removed, 1 same.',
        '',
        'Changed: a/changed',
        '--- recorded/a/changed.http',
        '+++ now/a/changed.http',
        '@@ -1,1 +1,1 @@',
        '-old',
        '+new',
        '',
        'Added (ran now, not recorded):',
        '  a/new',
        '',
        'Removed (recorded, did not run now):',
        '  a/gone',
        '',
        'If these changes are intended, record again with --record DIR.',
        '',
      ].join('\n'),
    );
  });

  it('removes the files of scenarios an earlier recording had and this one has not', async () => {
    await writeTranscripts(
      dir,
      new Map([
        ['a/deep/one', '1\n'],
        ['a/two', '2\n'],
      ]),
    );
    await writeTranscripts(dir, new Map([['a/two', '2\n']]));
    await expect(readFile(join(dir, 'a/deep/one.http'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(join(dir, 'a/deep'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readTranscripts(dir)).toEqual(new Map([['a/two', '2\n']]));
  });

  it('keeps a file the new recording wrote under a key spelt differently before', async () => {
    await writeTranscripts(dir, new Map([['a/Same', 'old\n']]));
    await writeTranscripts(dir, new Map([['a/same', 'new\n']]));
    expect(await readTranscripts(dir)).toEqual(new Map([['a/same', 'new\n']]));
  });

  it('maps a scenario key to a safe relative file name', () => {
    expect(transcriptFileName(KEY)).toBe('outreach/provisioning/create-user.http');
    expect(transcriptFileName('Okta/SSO/idp initiated:é')).toBe('okta/sso/idp-initiated--.http');
    for (const bad of ['a/../b', '../a', 'a//b', '/a', 'a/', '', 'a/./b']) {
      expect(() => transcriptFileName(bad), bad).toThrow(TypeError);
    }
  });

  it('refuses two scenario keys that map to the same file', async () => {
    await expect(
      writeTranscripts(
        dir,
        new Map([
          ['a/B', ''],
          ['a/b', ''],
        ]),
      ),
    ).rejects.toThrow("Scenario keys 'a/B' and 'a/b' both map to transcript file 'a/b.http'.");
  });

  it('asks to record first when the folder or its index is missing', async () => {
    const missing = join(dir, 'nowhere');
    const error = await compareTranscripts(missing, new Map()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TranscriptError);
    expect(error).toMatchObject({ code: 'TRANSCRIPT' });
    expect((error as Error).message).toBe(
      `No recorded transcripts in '${missing}': '${join(missing, 'index.json')}' does not exist; ` +
        'record one first with --record DIR.',
    );
  });

  it('refuses an index of another format or shape', async () => {
    const index = join(dir, 'index.json');
    await writeFile(index, JSON.stringify({ format: 'sso-harness-transcript/0', scenarios: [] }));
    await expect(compareTranscripts(dir, new Map())).rejects.toThrow(
      `has format 'sso-harness-transcript/0', expected '${TRANSCRIPT_FORMAT}'; record one first with --record DIR.`,
    );
    await writeFile(index, 'not json');
    await expect(compareTranscripts(dir, new Map())).rejects.toThrow(`'${index}' is not JSON`);
    await writeFile(index, JSON.stringify({ format: TRANSCRIPT_FORMAT, scenarios: ['../x'] }));
    await expect(compareTranscripts(dir, new Map())).rejects.toThrow('does not list scenario keys');
  });

  it('names the missing file of a scenario the index lists', async () => {
    await writeTranscripts(dir, new Map([[KEY, 'x\n']]));
    await rm(join(dir, 'outreach'), { recursive: true });
    await expect(readTranscripts(dir)).rejects.toThrow(
      `lists scenario '${KEY}' but '${join(dir, 'outreach/provisioning/create-user.http')}' cannot be read ` +
        '(it does not exist); record again with --record DIR.',
    );
  });

  it('says where and why a recording cannot be written', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    const error = await writeTranscripts(join(file, 'sub'), new Map([[KEY, 'x\n']])).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TranscriptError);
    expect((error as Error).message).toMatch(
      /^Cannot write transcripts to '.*a-file.*' \(a file stands where a folder is needed\); choose a folder you can write with --record DIR, or fix its permissions\.$/,
    );
  });

  it('refuses to record over an index.json it did not write', async () => {
    await mkdir(join(dir, 'site'));
    await writeFile(join(dir, 'site', 'index.json'), '{"name":"my-site"}');
    await expect(writeTranscripts(join(dir, 'site'), new Map([[KEY, 'x\n']]))).rejects.toThrow(
      "has format none, expected 'sso-harness-transcript/1'; choose an empty folder, or one written by --record.",
    );
    expect(await readFile(join(dir, 'site', 'index.json'), 'utf8')).toBe('{"name":"my-site"}');
  });

  it('says there is nothing to compare when nothing was recorded and nothing ran', () => {
    expect(formatComparison({ same: [], changed: [], added: [], removed: [] })).toBe(
      'Transcripts: nothing recorded and nothing ran; no differences.\n',
    );
  });
});
