import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { main } from '../../harness/cli/main.js';
import { systemTool } from '../support/tools.js';
import { startRubySamlSp } from './ruby-saml-sp.js';

const ruby = systemTool('ruby-saml', 'the ruby-saml target-mode tests');

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

/**
 * Target mode against ruby-saml at the settings its README recommends: the baseline proves
 * the configuration before any attack, so a misconfigured SP ends the run with exit 2.
 */
describe.skipIf(ruby === undefined)('target mode against ruby-saml', () => {
  async function runAgainst(
    sp: { entityId?: string },
    extra: string[] = [],
  ): Promise<{ code: number; stderr: string; report: RunReport | undefined }> {
    const dir = await mkdtemp(join(tmpdir(), 'sso-harness-ruby-saml-'));
    try {
      const err = capture();
      const io = { stdout: capture().stream, stderr: err.stream, cwd: dir };
      expect(await main(['idp-metadata', '--idp-keys', 'keys.json', '--out', 'idp'], io)).toBe(0);
      const certificatePem = await readFile(join(dir, 'idp', 'certificate.pem'), 'utf8');
      const running = await startRubySamlSp(
        ruby!,
        certificatePem,
        sp.entityId ?? 'https://sso-harness.test/idp',
      );
      try {
        const code = await main(
          ['run', '--sp-metadata', running.metadataUrl, '--identity-url', running.whoamiUrl].concat(
            ['--idp-keys', 'keys.json', '--out', 'report', '--suite', 'saml-security'],
            extra,
          ),
          io,
        );
        const report = await readFile(join(dir, 'report', 'report.json'), 'utf8').then(
          (text) => JSON.parse(text) as RunReport,
          () => undefined,
        );
        return { code, stderr: err.text(), report };
      } finally {
        await running.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('runs the attacks once a legitimate login works', async () => {
    const { code, report } = await runAgainst({});
    expect(code).not.toBe(2);
    expect(report?.results.length).toBeGreaterThan(30);
    // ruby-saml pins the IdP certificate and checks the signed element: the wrapping attacks fail.
    expect(report?.results.find((r) => r.scenario === 'saml-security/xsw3')?.status).toBe('passed');
    expect(
      report?.results.some(
        (r) => r.status === 'failed' && r.severity === 'critical' && r.message.startsWith('Bypass:'),
      ),
    ).toBe(false);
  });

  it('ends with exit 2 naming the entity ID when the SP expects another IdP', async () => {
    const { code, stderr, report } = await runAgainst({ entityId: 'https://another-idp.example.com' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/expects another IdP entity ID than 'https:\/\/sso-harness\.test\/idp'/);
    expect(report).toBeUndefined();
  });
});
