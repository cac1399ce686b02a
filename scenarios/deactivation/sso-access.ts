/**
 * Deactivation seen from SSO: a user the IdP deprovisions over SCIM loses the SP session they
 * hold and cannot sign in again, even with an assertion the IdP signed. The IdP stops issuing
 * assertions for a suspended user anyway; the second check asks whether the SP's own account
 * state holds when one arrives (a Response issued just before the suspension, a second IdP).
 * Both are SHOULDs: SCIM leaves the meaning of `active` to the SP (RFC 7643 §4.1.1).
 * @see SAML-SESSION-DEPROVISIONED
 */
import type { Browser } from '#harness/http';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { encodePost } from '#harness/saml';
import {
  lastLogin,
  launchTile,
  spSessionOf,
  ssoEnvironment,
  type SsoEnvironment,
} from '../sso/environment.js';

const requires = { saml: true, provisioning: true, inspection: true } as const;

interface Deprovisioned {
  env: SsoEnvironment;
  /** The browser the member signed in with before the deactivation. */
  browser: Browser;
  /** A Response the IdP signed for the member while still active. */
  signedBefore: { xml: string; acsUrl: string };
}

/** The member provisioned over SCIM, signed in through the IdP, then suspended at the IdP. */
async function deprovisioned(ctx: ScenarioContext): Promise<Deprovisioned> {
  const env = await ssoEnvironment(ctx, { provisioning: true });
  const browser = env.browser();
  await launchTile(browser, env, env.member);
  const before = await spSessionOf(browser, env.sp.origin);
  if (before?.user.toLowerCase() !== env.member.email.toLowerCase())
    ctx.fail(
      `${env.member.email}, provisioned over SCIM, could not sign in at ${env.sp.id} before the deactivation (${lastLogin(env.sp)?.reason ?? 'no login recorded'}), so nothing can be judged`,
    );
  const acs = env.app.sso.acs()!;
  const issued = await env.app.sso.issue(env.idp.directory.users.get(env.member.id)!, {
    acs,
    now: new Date(),
    key: await env.idp.keys(),
  });
  await env.idp.setSuspended(env.member.id, true);
  const spUser = env.sp.samlUsers().find((user) => user.userName.toLowerCase() === before.user.toLowerCase());
  if (spUser?.active !== false)
    ctx.fail(`Suspending ${env.member.email} at the IdP did not deactivate them in ${env.sp.id} over SCIM`);
  return { env, browser, signedBefore: { xml: issued.xml, acsUrl: issued.acsUrl } };
}

export const ssoAccessScenarios = [
  defineScenario({
    id: 'deactivation/sso-session-ends',
    title: 'a user deactivated by provisioning loses the SP session they hold',
    requirements: ['SAML-SESSION-DEPROVISIONED', 'IDP-IDM-05'],
    level: 'SHOULD',
    clause: 'RFC 7643 §4.1.1',
    requires,
    async run(ctx: ScenarioContext) {
      const { env, browser } = await deprovisioned(ctx);
      const after = await spSessionOf(browser, env.sp.origin);
      ctx.expect(
        after === undefined,
        `${env.sp.id} keeps the session of ${after?.user ?? ''}, deactivated by provisioning: an offboarded user keeps working in the app until the session expires`,
      );
    },
  }),
  defineScenario({
    id: 'deactivation/sso-login-refused',
    title: 'a user deactivated by provisioning cannot sign in again, even with an assertion the IdP signed',
    requirements: ['SAML-SESSION-DEPROVISIONED', 'IDP-IDM-05'],
    level: 'SHOULD',
    clause: 'RFC 7643 §4.1.1',
    requires,
    async run(ctx: ScenarioContext) {
      const { env, signedBefore } = await deprovisioned(ctx);
      const fresh = env.browser();
      await fresh.post(signedBefore.acsUrl, { SAMLResponse: encodePost(signedBefore.xml) });
      const login = lastLogin(env.sp);
      ctx.expect(
        login?.outcome === 'refused' && (await spSessionOf(fresh, env.sp.origin)) === undefined,
        `${env.sp.id} signed in ${env.member.email}, deactivated by provisioning, on an assertion the IdP signed before the deactivation (login ${login?.outcome ?? 'not recorded'}): an offboarded account opens whenever such an assertion reaches it`,
      );
    },
  }),
];
