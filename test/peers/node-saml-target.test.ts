import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { validateReport } from '#reports';
import { createKeyPair } from '#harness/saml';
import { referenceIdpMetadata } from '#scenarios';
import { main } from '../../harness/cli/main.js';
import {
  capture,
  failedSeverities,
  reportIn,
  runArgs,
  sink,
  start,
  withConfiguredSp,
} from './node-saml-target-support.js';
import type { NodeSamlSp, NodeSamlSpOptions } from './node-saml-sp.js';

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
        const code = await main(runArgs(sp), io);
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
        expect(failedSeverities(report)).toEqual({
          // Graded by consequence (scenarios/saml-security/verdicts.ts); comment-split-nameid read whole passes.
          replay: 'critical',
          'doctype-external-entity': 'error',
          'wrong-recipient': 'error',
          'sha1-under-sha256': 'warning',
          'wrong-issuer': 'warning',
          'in-response-to-unsolicited': 'warning',
          'status-not-success': 'warning',
          'missing-subject-confirmation': 'warning',
          'missing-authn-statement': 'warning',
          'wrong-destination': 'note',
        });
      } finally {
        await sp.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads the signed-in user from a JSON answer by --identity-json-path', async () => {
    await withConfiguredSp({ whoamiJson: true }, async (sp, io, dir) => {
      const code = await main([...runArgs(sp), '--identity-json-path', 'data.user.email'], io);
      const report = await reportIn(dir);
      expect(code).toBe(report.summary.exitCode);
      expect(report.results.find((r) => r.scenario === 'saml-security/replay')?.severity).toBe('critical');
      expect(report.results.find((r) => r.scenario === 'saml-security/xsw3')?.status).toBe('passed');
    });
  });

  it('tests an SP that wants the Response signed without weakening it (--sign both)', async () => {
    await withConfiguredSp({ wantAuthnResponseSigned: true }, async (sp, io, dir) => {
      const code = await main([...runArgs(sp), '--sign', 'both'], io);
      const report = await reportIn(dir);
      expect(code).toBe(report.summary.exitCode);
      const status = (id: string) => report.results.find((r) => r.scenario === `saml-security/${id}`)?.status;
      expect([status('xsw1'), status('xsw3'), status('signature-stripped')]).toEqual([
        'passed',
        'passed',
        'passed',
      ]);
      expect(report.results.filter((r) => r.message.startsWith('Bypass:')).map((r) => r.scenario)).toEqual(
        [],
      );
    });
  });

  it('tests an SP that accepts only solicited, encrypted, signed-Response logins without weakening it', async () => {
    const strict = { solicitedOnly: true, encryptedOnly: true, wantAuthnResponseSigned: true };
    for (const loginBinding of ['redirect', 'post'] as const) {
      await withConfiguredSp({ ...strict, loginBinding }, async (sp, io, dir) => {
        const args = ['--sign', 'both', '--encrypt', '--sp-login-url', sp.loginUrl];
        const code = await main([...runArgs(sp), ...args], io);
        const report = await reportIn(dir);
        expect(code).toBe(report.summary.exitCode);
        const status = (id: string) =>
          report.results.find((r) => r.scenario === `saml-security/${id}`)?.status;
        // Every login answered an AuthnRequest, so the InResponseTo vectors apply, and node-saml's
        // request cache (validateInResponseTo 'always') refuses a replay and a Response to another request.
        expect(
          ['xsw1', 'xsw3', 'signature-stripped', 'in-response-to-mismatch', 'replay'].map(status),
        ).toEqual(['passed', 'passed', 'passed', 'passed', 'passed']);
        expect(report.results.filter((r) => r.message.startsWith('Bypass:'))).toEqual([]);
        // The README's table for node-saml at these settings.
        expect(failedSeverities(report)).toEqual({
          // The DOCTYPE stays in front of the encrypted Response, and node-saml parses it as it does unencrypted.
          'doctype-external-entity': 'error',
          'wrong-recipient': 'error',
          // The Response is signed, so Bindings §3.5.5.2 requires the Destination check.
          'wrong-destination': 'error',
          'sha1-under-sha256': 'warning',
          'wrong-issuer': 'warning',
          'status-not-success': 'warning',
          'missing-subject-confirmation': 'warning',
          'missing-authn-statement': 'warning',
          // node-saml DEFLATEs an HTTP-POST AuthnRequest unless skipRequestCompression is set.
          ...(loginBinding === 'post' ? { 'sp-request-encoding': 'warning' } : {}),
        });
        // A message that is not one XML document (two roots, an entity reference the DTD must resolve)
        // cannot be encrypted, and an SP that takes encrypted assertions only would refuse it for that
        // alone: those vectors prove nothing here. node-saml
        // signs no AuthnRequest here (no privateKey), and DEFLATE is the Redirect binding's own.
        expect(report.results.filter((r) => r.status === 'not-applicable').map((r) => r.scenario)).toEqual(
          [
            'two-roots',
            'two-roots-signed-last',
            'doctype-entities',
            // No --next-idp-keys or --retired-idp-keys in this run.
            'rollover-next-key',
            'rollover-retired-key',
            // No SingleLogoutService in its metadata.
            'slo-ends-session',
            'slo-unsigned-refused',
            'slo-forged-refused',
            // No --scim-url: nothing to deactivate the user with.
            'deprovisioned-session-ends',
            'deprovisioned-login-refused',
            'sp-request-signed',
            'sp-request-algorithm',
            ...(loginBinding === 'redirect' ? ['sp-request-encoding'] : []),
          ].map((id) => `saml-security/${id}`),
        );
      });
    }
  });

  it("trusts the IdP's next key during a rollover and refuses a retired one", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sso-harness-rollover-'));
    try {
      const io = { stdout: sink(), stderr: sink(), cwd: dir };
      // An old key the SP no longer lists, then the current and next keys it imported together.
      expect(await main(['idp-metadata', '--idp-keys', 'old.json', '--out', 'old'], io)).toBe(0);
      const args = [
        'idp-metadata',
        '--idp-keys',
        'keys.json',
        '--next-idp-keys',
        'next.json',
        '--out',
        'idp',
      ];
      expect(await main(args, io)).toBe(0);
      const [current, next] = await Promise.all(
        ['certificate.pem', 'certificate-next.pem'].map((file) => readFile(join(dir, 'idp', file), 'utf8')),
      );
      const metadata = await readFile(join(dir, 'idp', 'JumpCloud-sso-harness-metadata.xml'), 'utf8');
      expect(metadata.match(/<ds:X509Certificate>/g)).toHaveLength(2);
      const sp = await start!([current!, next!], 'https://sso-harness.test/idp');
      try {
        const rollover = ['--next-idp-keys', 'next.json', '--retired-idp-keys', 'old.json'];
        const code = await main([...runArgs(sp), ...rollover], io);
        const report = await reportIn(dir);
        expect(code).toBe(report.summary.exitCode);
        const status = (id: string) =>
          report.results.find((r) => r.scenario === `saml-security/${id}`)?.status;
        expect([status('rollover-next-key'), status('rollover-retired-key')]).toEqual(['passed', 'passed']);
      } finally {
        await sp.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('a configuration that cannot sign anyone in ends the run with exit 2 and a diagnosis, never with passes', () => {
    type Case = {
      /** What the SP trusts and wants. */
      sp: { trusted: 'ours' | 'another' } & NodeSamlSpOptions;
      args?: string[] | ((sp: NodeSamlSp) => string[]);
      keys?: 'written' | 'missing';
      stderr: RegExp | ((fingerprint: string) => string);
    };
    const cases: Record<string, Case> = {
      'an SP that trusts another certificate': {
        sp: { trusted: 'another' },
        stderr: (fingerprint) => `does not trust the IdP's certificate (SHA-256 ${fingerprint}`,
      },
      'an SP that wants the Response signed': {
        sp: { trusted: 'ours', wantAuthnResponseSigned: true },
        stderr: /only with the Response and the assertion signed; pass --sign both/,
      },
      'an SP that takes encrypted assertions only': {
        sp: { trusted: 'ours', encryptedOnly: true },
        stderr: /only with the assertion signed and the assertion encrypted; pass --encrypt/,
      },
      'an SP that takes only the logins it started, run IdP-initiated': {
        sp: { trusted: 'ours', solicitedOnly: true },
        stderr:
          /"refused: InResponseTo is missing from response"\), so no attack can be judged; likely it accepts only logins it started \(SP-initiated\); pass --sp-login-url/,
      },
      'an SP that sends the browser to the IdP when it refuses an IdP-initiated login': {
        sp: { trusted: 'ours', solicitedOnly: true, refuseByRedirect: true },
        stderr:
          /the ACS answered 302 to http:\/\/127\.0\.0\.1:8943\/saml2\/sso-harness\?SAMLRequest=.*likely it sent the browser to the IdP to log in: it accepts only logins it started \(SP-initiated\); pass --sp-login-url/,
      },
      'metadata whose ACS takes another binding than HTTP-POST': {
        sp: { trusted: 'ours', artifactAcs: true },
        stderr:
          /the SP metadata offers no AssertionConsumerService with the HTTP-POST binding \(found urn:oasis:names:tc:SAML:2\.0:bindings:HTTP-Artifact\)/,
      },
      'a login URL that starts no SAML login': {
        sp: { trusted: 'ours', solicitedOnly: true },
        args: (sp) => ['--sp-login-url', sp.whoamiUrl],
        stderr:
          /--sp-login-url http:\/\/127\.0\.0\.1:\d+\/whoami: the SP's login URL answered 401 and sent no AuthnRequest to the IdP/,
      },
      'an identity page that names a user when nobody is signed in': {
        sp: { trusted: 'ours', whoamiAlways: 'victim@example.com' },
        stderr: /names 'victim@example\.com' while nobody is signed in/,
      },
      'a JSON identity page read without --identity-json-path': {
        sp: { trusted: 'ours', whoamiJson: true },
        stderr:
          /answered 200 "\{"data":\{"user":\{"email":"victim@example\.com"\}\}\}" and no user was read from it \(pass --identity-json-path/,
      },
      'a key pair file that is not there': {
        sp: { trusted: 'ours' },
        keys: 'missing',
        stderr: /no IdP key pair at .*gone\.json: .*--new-keys/,
        args: ['--idp-keys', 'gone.json'],
      },
    };
    it.each(Object.keys(cases))('%s', async (name) => {
      const { sp: spOptions, args = [], stderr } = cases[name]!;
      const dir = await mkdtemp(join(tmpdir(), 'sso-harness-baseline-'));
      try {
        const err = capture();
        const io = { stdout: sink(), stderr: err.stream, cwd: dir };
        expect(await main(['idp-metadata', '--idp-keys', 'keys.json', '--out', 'idp'], io)).toBe(0);
        const ours = await readFile(join(dir, 'idp', 'certificate.pem'), 'utf8');
        const trusted =
          spOptions.trusted === 'ours'
            ? ours
            : (await createKeyPair({ commonName: 'Another IdP' })).certificatePem;
        const sp = await start!(trusted, 'https://sso-harness.test/idp', spOptions);
        try {
          const code = await main([...runArgs(sp), ...(typeof args === 'function' ? args(sp) : args)], io);
          expect(code).toBe(2);
          const expected =
            typeof stderr === 'function' ? stderr(new X509Certificate(ours).fingerprint256) : stderr;
          if (typeof expected === 'string') expect(err.text()).toContain(expected);
          else expect(err.text()).toMatch(expected);
          expect(err.text().trim().split('\n')).toHaveLength(1);
          await expect(readFile(join(dir, 'report', 'report.json'), 'utf8')).rejects.toThrow();
        } finally {
          await sp.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
