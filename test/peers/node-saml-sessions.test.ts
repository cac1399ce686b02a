/**
 * Target mode against node-saml, sessions: Single Logout judged by who is signed in after it, and
 * deprovisioning through the SP's SCIM service (a SCIMMY server holding the app's accounts).
 */
import { describe, expect, it } from 'vitest';
import type { RunReport } from '#reports';
import { main } from '../../harness/cli/main.js';
import { capture, reportIn, runArgs, start, withConfiguredSp } from './node-saml-target-support.js';

describe.skipIf(start === undefined)('target mode against node-saml: sessions', () => {
  it('judges Single Logout by who is signed in after it, and a faulty SLO endpoint fails', async () => {
    const slo = (r: RunReport) =>
      Object.fromEntries(
        r.results
          .filter((result) => result.scenario.startsWith('saml-security/slo-'))
          .map((result) => [result.scenario.replace('saml-security/', ''), result.severity ?? result.status]),
      );
    await withConfiguredSp({ slo: true }, async (sp, io, dir) => {
      await main([...runArgs(sp), '--suite', 'saml-security'], io);
      // node-saml verifies a POST LogoutRequest but takes an unsigned one by Redirect (node-saml issue #419);
      // the app here takes both bindings at its SLO URL.
      expect(slo(await reportIn(dir))).toEqual({
        'slo-ends-session': 'passed',
        'slo-unsigned-refused': 'warning',
        'slo-forged-refused': 'passed',
      });
      const report = await reportIn(dir);
      expect(
        report.results.find((r) => r.scenario === 'saml-security/slo-unsigned-refused')?.message,
      ).toMatch(
        /An unsigned LogoutRequest ended the user's session by HTTP-Redirect \(GET\) \(Profiles §4\.4\.4\.1/,
      );
    });
    await withConfiguredSp({ slo: true, sloIgnored: true }, async (sp, io, dir) => {
      await main([...runArgs(sp), '--suite', 'saml-security'], io);
      expect(slo(await reportIn(dir))['slo-ends-session']).toBe('error');
    });
    await withConfiguredSp({ slo: true, sloUnverified: true }, async (sp, io, dir) => {
      await main([...runArgs(sp), '--suite', 'saml-security'], io);
      expect(slo(await reportIn(dir))).toEqual({
        'slo-ends-session': 'passed',
        'slo-unsigned-refused': 'warning',
        'slo-forged-refused': 'warning',
      });
    });
  });

  it('judges deprovisioning with the SP’s SCIM service: a user deactivated over SCIM keeps no session and cannot sign in', async () => {
    const { startScimmy, seedScimmyUsers, scimmyUsers } = await import('./scimmy.js');
    const deprovisioning = (r: RunReport) =>
      Object.fromEntries(
        r.results
          .filter((result) => result.scenario.startsWith('saml-security/deprovisioned-'))
          .map((result) => [result.scenario.replace('saml-security/', ''), result.severity ?? result.status]),
      );
    for (const [fault, expected] of [
      [{}, { 'deprovisioned-session-ends': 'passed', 'deprovisioned-login-refused': 'passed' }],
      [
        { sessionsOutliveDeactivation: true },
        { 'deprovisioned-session-ends': 'warning', 'deprovisioned-login-refused': 'passed' },
      ],
      [
        { inactiveSignsIn: true },
        { 'deprovisioned-session-ends': 'warning', 'deprovisioned-login-refused': 'warning' },
      ],
    ] as const) {
      const scim = await startScimmy();
      try {
        seedScimmyUsers(scim, [{ userName: 'victim@example.com', active: true }]);
        const accounts = { users: () => scimmyUsers(scim), ...fault };
        await withConfiguredSp({ accounts }, async (sp, io, dir) => {
          const args = [
            ...runArgs(sp),
            '--suite',
            'saml-security',
            '--scim-url',
            scim.baseUrl,
            // The token is random base64url and may start with '-': give it as one argument.
            `--token=${scim.token}`,
            // The app acts on a deactivation at once: a short wait keeps the failing variants quick.
            '--deprovision-wait',
            '0.3',
          ];
          const errors = capture();
          const code = await main(args, { ...io, stderr: errors.stream });
          expect(code, errors.text()).not.toBe(2);
          const report = await reportIn(dir);
          const messages = report.results
            .filter((result) => result.scenario.startsWith('saml-security/deprovisioned-'))
            .map((result) => result.message);
          expect(deprovisioning(report), messages.join(' | ')).toEqual(expected);
          // What the checks created on the SCIM service is gone; only the seeded victim is left.
          expect(scimmyUsers(scim).map((user) => user.userName)).toEqual(['victim@example.com']);
        });
      } finally {
        await scim.close();
      }
    }
  });
});
