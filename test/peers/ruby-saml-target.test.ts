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
    sp: { entityId?: string; basic?: boolean },
    extra: string[] | ((sp: { loginUrl: string }) => string[]) = [],
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
        { basic: sp.basic ?? false },
      );
      try {
        const code = await main(
          ['run', '--sp-metadata', running.metadataUrl, '--identity-url', running.whoamiUrl].concat(
            ['--idp-keys', 'keys.json', '--out', 'report', '--suite', 'saml-security'],
            typeof extra === 'function' ? extra(running) : extra,
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

  it('tests ruby-saml at its production settings (solicited, encrypted, replay cache) and grades what it accepts', async () => {
    const { code, report } = await runAgainst({}, (sp) => ['--encrypt', '--sp-login-url', sp.loginUrl]);
    expect(code).toBe(report?.summary.exitCode);
    const outcomes = (status: string) =>
      report!.results.filter((r) => r.status === status).map((r) => r.scenario.replace('saml-security/', ''));
    // ruby-saml pins the IdP certificate and checks the signed element: the wrapping attacks fail; the
    // AuthnRequest ID (matches_request_id) ties every Response to its login.
    expect(outcomes('passed')).toEqual(
      expect.arrayContaining(['xsw1', 'xsw3', 'signature-stripped', 'in-response-to-mismatch', 'replay']),
    );
    // The README's table for ruby-saml, each checked against its code and the SAML text.
    expect(
      Object.fromEntries(
        report!.results
          .filter((r) => r.status === 'failed')
          .map((r) => [r.scenario.replace('saml-security/', ''), r.severity]),
      ),
    ).toEqual({
      'sha1-under-sha256': 'warning',
      'unencrypted-assertion': 'warning',
      // The README's SLO recipe builds SloLogoutrequest without :get_params, and validate_signature
      // returns true without them (1.13 and upstream 1.18): no LogoutRequest signature is checked.
      'slo-unsigned-refused': 'warning',
      'slo-forged-refused': 'warning',
    });
    expect(outcomes('passed')).toContain('slo-ends-session');
    const message = (id: string) =>
      report!.results.find((r) => r.scenario === `saml-security/${id}`)?.message;
    expect(message('slo-forged-refused')).toMatch(/by HTTP-Redirect \(GET\) and HTTP-POST/);
  });

  it('stops with exit 2 and names --sp-login-url when run IdP-initiated against it', async () => {
    const { code, stderr, report } = await runAgainst({}, ['--encrypt']);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /"refused: IdP-initiated login \(no AuthnRequest outstanding\)"\), so no attack can be judged; likely it accepts only logins it started \(SP-initiated\); pass --sp-login-url/,
    );
    expect(report).toBeUndefined();
  });

  it('ends with exit 2 naming the entity ID when the SP expects another IdP', async () => {
    const { code, stderr, report } = await runAgainst({
      entityId: 'https://another-idp.example.com',
      basic: true,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/expects another IdP entity ID than 'https:\/\/sso-harness\.test\/idp'/);
    expect(report).toBeUndefined();
  });
});
