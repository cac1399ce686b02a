import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { validateReport } from '#reports';
import { referenceIdpMetadata } from '#scenarios';
import { main } from '../../harness/cli/main.js';
import { loadPeer } from './index.js';

const start = await loadPeer(
  '@node-saml/node-saml',
  async () => (await import('./node-saml-sp.js')).startNodeSamlSp,
);

const sink = (): NodeJS.WriteStream => new PassThrough() as unknown as NodeJS.WriteStream;

describe.skipIf(start === undefined)('target mode against node-saml', () => {
  it('runs the saml-security suite against an SP configured once with the IdP metadata the CLI wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sso-harness-target-'));
    try {
      const io = { stdout: sink(), stderr: sink(), cwd: dir };
      // The vendor's one-time setup: write the IdP metadata and certificate (key pair created on first use).
      expect(await main(['idp-metadata', '--idp-keys', 'keys.json', '--out', 'idp'], io)).toBe(0);
      const certificatePem = await readFile(join(dir, 'idp', 'certificate.pem'), 'utf8');
      const again = await referenceIdpMetadata({ idpKeyFile: join(dir, 'keys.json') });
      expect(again.certificatePem).toBe(certificatePem);
      const sp = await start!(certificatePem, 'https://sso-harness.test/idp');
      try {
        const code = await main(
          [
            'run',
            '--sp-metadata',
            sp.metadataUrl,
            '--identity-url',
            sp.whoamiUrl,
            '--idp-keys',
            'keys.json',
            '--out',
            'report',
          ],
          io,
        );
        const report = JSON.parse(await readFile(join(dir, 'report', 'report.json'), 'utf8')) as RunReport;
        expect(validateReport(report)).toEqual([]);
        const byOutcome = (status: string) =>
          report.results
            .filter((r) => r.status === status)
            .map((r) => r.scenario.replace('saml-security/', ''));
        // Every vector got a verdict, and node-saml refuses the attacks that matter most.
        expect(report.results.length).toBeGreaterThan(30);
        expect(byOutcome('passed')).toEqual(
          expect.arrayContaining([
            'xsw1',
            'xsw3',
            'xsw5',
            'signature-stripped',
            'stranger-key-keyinfo',
            'wrong-audience',
            'expired',
          ]),
        );
        expect(code).toBe(report.summary.exitCode);
        // node-saml 5 with these options (validateInResponseTo 'never', no cache provider) — the README's table.
        expect(
          Object.fromEntries(
            report.results
              .filter((r) => r.status === 'failed')
              .map((r) => [r.scenario.replace('saml-security/', ''), r.severity]),
          ),
        ).toEqual({
          'sha1-under-sha256': 'critical',
          'comment-split-nameid': 'warning',
          'doctype-external-entity': 'critical',
          replay: 'critical',
          'wrong-recipient': 'critical',
          'wrong-destination': 'critical',
          'wrong-issuer': 'critical',
          'in-response-to-unsolicited': 'critical',
          'status-not-success': 'critical',
          'missing-subject-confirmation': 'critical',
          'missing-authn-statement': 'critical',
        });
      } finally {
        await sp.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
