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
      // Entra's "False" string refused, as RFC 7643 §2.3.2 allows: deactivations from Entra's default app fail.
      'deactivation/suspend-read-back [entra]': 'warning',
      'deactivation/unassign-read-back [entra]': 'warning',
      'deactivation/reactivate-read-back [entra]': 'warning',
      'group-sync/delete-read-back [entra]': 'warning',
      'deactivation/deactivated-lookup-read-back [entra]': 'warning',
      'deactivation/suspend-keeps-profile [entra]': 'warning',
      'provisioning/rehire-read-back [entra]': 'warning',
      'scim-protocol/filter-schema-qualified-name': 'note',
      'scim-protocol/filter-not': 'warning',
      'scim-protocol/filter-string-ne': 'warning',
      'scim-protocol/filter-string-co': 'warning',
      'scim-protocol/filter-string-sw': 'warning',
      'scim-protocol/filter-string-ew': 'warning',
      'scim-protocol/filter-string-gt': 'warning',
      'scim-protocol/filter-string-ge': 'warning',
      'scim-protocol/filter-string-lt': 'warning',
      'scim-protocol/filter-string-le': 'warning',
      'scim-protocol/filter-emails-value-case': 'error',
      'scim-protocol/filter-family-name-case': 'warning',
      'scim-protocol/filter-group-display-name-case': 'error',
      'scim-protocol/filter-pr-empty-string': 'note',
      'scim-protocol/filter-pr-complex': 'warning',
      'scim-protocol/filter-enterprise-employeenumber': 'warning',
      'scim-protocol/filter-enterprise-department': 'warning',
      'scim-protocol/filter-invalid-boolean-ordering': 'note',
      'scim-protocol/filter-invalid-dangling-logic': 'warning',
      'scim-protocol/paging-start-index-past-end': 'warning',
      'scim-protocol/paging-items-per-page': 'warning',
      'scim-protocol/sort-extension-attribute': 'warning',
      'scim-protocol/attributes-extension-urn': 'warning',
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
      'scim-protocol/patch-atomic': 'error',
      'scim-protocol/sort': 'note',
      'scim-protocol/etag-if-match': 'note',
      // Entra's group schemas list names Microsoft's ADSCIM Group schema, which better-auth refuses (RFC 7643 §3 allows it).
      'group-sync/push-read-back [entra]': 'warning',
      'group-sync/member-add-read-back [entra]': 'warning',
      'group-sync/member-remove-read-back [entra]': 'warning',
      'group-sync/rename-read-back [entra]': 'warning',
      'group-sync/delete-read-back [entra]': 'warning',
      'group-sync/push-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/member-add-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/member-remove-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/rename-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/delete-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/many-members-read-back [entra]': 'warning',
      'group-sync/remove-last-member-read-back [entra]': 'warning',
      'group-sync/takeover-read-back [entra]': 'warning',
      'group-sync/many-members-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/remove-last-member-read-back [entra-aadOptscim062020]': 'warning',
      'group-sync/takeover-read-back [entra-aadOptscim062020]': 'warning',
      'scim-protocol/filter-precedence': 'warning',
      'scim-protocol/filter-grouping': 'warning',
      'scim-protocol/filter-not': 'warning',
      'scim-protocol/patch-remove-value-filter': 'error',
    },
  },
];

/** What still carries the run's prefix on the server, active: users (by userName) and groups (by displayName). */
async function leftovers(baseUrl: string, token: string): Promise<string[]> {
  const names: string[] = [];
  for (const [collection, attr] of [
    ['Users', 'userName'],
    ['Groups', 'displayName'],
  ] as const) {
    const response = await fetch(`${baseUrl}/${collection}?count=1000`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as { Resources?: Record<string, unknown>[] };
    for (const resource of body.Resources ?? []) {
      const name = String(resource[attr]);
      if (name.startsWith('sso-harness-') && resource.active !== false) names.push(`${collection}: ${name}`);
    }
  }
  return names;
}

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
        const code = await main(
          ['run', '--scim-url', peer.baseUrl, `--token=${peer.token}`, '--dialect', 'all', '--out', out],
          {
            stdout: stdout.stream,
            stderr: stderr.stream,
            cwd: out,
          },
        );
        expect(stderr.text()).toBe('');
        const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as RunReport;
        expect(validateReport(report)).toEqual([]);
        // A check run per IdP dialect is keyed with its dialect: `group-sync/push-read-back [entra]`.
        const failed = Object.fromEntries(
          report.results
            .filter((r) => r.status === 'failed')
            .map((r) => [r.dialect === undefined ? r.scenario : `${r.scenario} [${r.dialect}]`, r.severity]),
        );
        expect(failed).toEqual(findings);
        expect(report.results.every((r) => r.sp === 'external' && r.requirements.length > 0)).toBe(true);
        // The matrix has one column per dialect; what a run creates on the server is removed.
        await expect(readFile(join(out, 'summary.md'), 'utf8')).resolves.toContain(
          '## Compatibility matrix — external',
        );
        await expect(leftovers(peer.baseUrl, peer.token)).resolves.toEqual([]);
        expect(code).toBe(report.summary.exitCode);
        await expect(readFile(join(out, 'junit.xml'), 'utf8')).resolves.toContain('<testsuites');
        await expect(readFile(join(out, 'summary.md'), 'utf8')).resolves.toContain('scim-protocol/');
      } finally {
        await peer.close();
        await rm(out, { recursive: true, force: true });
      }
      // The whole suite in every dialect: 10–20 s against better-auth on a loaded machine.
    }, 60_000);
  });
}
