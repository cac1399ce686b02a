import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateReport, type RunReport } from '#reports';
import { main } from '../../harness/cli/main.js';
import { loadPeer } from './index.js';

/**
 * The scim-protocol suite run through the CLI (`run --scim-url … --token …`) against
 * SCIM servers nobody here wrote. The expected findings are the README's table:
 * each is a real deviation of that server, pinned by the lockfile's versions.
 */
const peers = [
  {
    name: 'scimmy',
    packages: 'scimmy scimmy-routers',
    load: async () => (await import('./scimmy.js')).startScimmy,
    findings: {
      'scim-protocol/create-user-location': 'error',
      'scim-protocol/malformed-json-400': 'error',
      'scim-protocol/filter-username-case-insensitive': 'error',
      'scim-protocol/invalid-filter-400': 'error',
      'scim-protocol/patch-member-add-idempotent': 'error',
      'scim-protocol/etag-if-match': 'note',
      'scim-protocol/auth-www-authenticate': 'note',
      'scim-protocol/patch-add-existing-email': 'warning',
      'scim-protocol/patch-path-case-attribute': 'error',
      'scim-protocol/patch-path-case-sub-attribute': 'error',
      'scim-protocol/patch-path-case-value-filter': 'error',
      'scim-protocol/patch-primary-unique': 'error',
      'scim-protocol/readonly-groups-patch-400': 'warning',
      'scim-protocol/readonly-meta-patch-400': 'warning',
    },
  },
  {
    name: 'better-auth-scim',
    packages: 'better-auth @better-auth/scim',
    load: async () => (await import('./better-auth.js')).startBetterAuthScim,
    findings: {
      'scim-protocol/filter-operators': 'error',
      'scim-protocol/patch-atomic': 'error',
      'scim-protocol/sort': 'note',
      'scim-protocol/etag-if-match': 'note',
      'scim-protocol/patch-remove-value-filter': 'error',
    },
  },
];

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

for (const { name, packages, load, findings } of peers) {
  const start = await loadPeer(packages, load);

  describe.skipIf(start === undefined)(`scim-protocol suite against ${name}`, () => {
    it('writes a valid report whose failures are exactly the known deviations', async () => {
      const peer = await start!();
      const out = await mkdtemp(join(tmpdir(), `sso-harness-${name}-`));
      try {
        const stdout = capture();
        const stderr = capture();
        const code = await main(['run', '--scim-url', peer.baseUrl, `--token=${peer.token}`, '--out', out], {
          stdout: stdout.stream,
          stderr: stderr.stream,
          cwd: out,
        });
        expect(stderr.text()).toBe('');
        const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
        expect(validateReport(report)).toEqual([]);
        const failed = Object.fromEntries(
          report.results.filter((r) => r.status === 'failed').map((r) => [r.scenario, r.severity]),
        );
        expect(failed).toEqual(findings);
        expect(report.results.every((r) => r.sp === 'external' && r.requirements.length > 0)).toBe(true);
        expect(code).toBe(report.summary.exitCode);
        await expect(readFile(join(out, 'junit.xml'), 'utf8')).resolves.toContain('<testsuites');
        await expect(readFile(join(out, 'summary.md'), 'utf8')).resolves.toContain('scim-protocol/');
      } finally {
        await peer.close();
        await rm(out, { recursive: true, force: true });
      }
    });
  });
}
