import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateReport, type RunReport } from '#reports';
import { main } from '../../harness/cli/main.js';
import { loadPeer } from './index.js';
import { expectedFailures } from './readme-findings.js';

/**
 * The protocol and lifecycle suites run through the CLI (`run --scim-url … --token …
 * --dialect all`) against SCIM servers nobody here wrote. The expected failures are read
 * from the README's findings tables (readme-findings.ts): each is a real deviation of that
 * server, checked against the RFC text and pinned by the lockfile's versions.
 */
const peers = [
  {
    name: 'scimmy',
    packages: 'scimmy scimmy-routers',
    load: async () => (await import('./scimmy.js')).startScimmy,
    server: 'SCIMMY',
  },
  {
    name: 'better-auth-scim',
    packages: 'better-auth @better-auth/scim',
    load: async () => (await import('./better-auth.js')).startBetterAuthScim,
    server: 'better-auth',
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

for (const { name, packages, load, server } of peers) {
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
        expect(failed).toEqual(expectedFailures(server));
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
