/**
 * Single Logout through the reference IdP, both ways, on the mock SPs that take it: signing out at
 * the IdP's console signs the user out of the SP, and signing out at the SP signs them out of the
 * IdP. Judged from both sides: the SP's session page and the IdP's console.
 * @see SAML 2.0 Profiles §4.4; IDP-SLO-01, SAML-SLO
 */
import { formsOf, type Browser } from '#harness/http';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { launchTile, spSessionOf, ssoEnvironment, type SsoEnvironment } from './environment.js';

const requires = { saml: true, inspection: true } as const;

/** The environment, with the member signed in at the SP through a console tile. */
async function signedIn(ctx: ScenarioContext): Promise<{ env: SsoEnvironment; browser: Browser }> {
  const env = await ssoEnvironment(ctx);
  if (!env.sp.saml?.sloUrl)
    ctx.notApplicable(`${env.sp.id} takes no Single Logout (its integration guide documents none)`);
  const browser = env.browser();
  await launchTile(browser, env, env.member);
  const session = await spSessionOf(browser, env.sp.origin);
  if (session?.user.toLowerCase() !== env.member.email.toLowerCase())
    ctx.fail(
      `${env.member.email} could not sign in at ${env.sp.id} through the IdP, so no logout can be judged`,
    );
  return { env, browser };
}

/** Whether the IdP still holds a signed-in session in `browser` (its console opens without a login). */
async function idpSignedIn(env: SsoEnvironment, browser: Browser): Promise<boolean> {
  const page = await browser.get(`${env.web.baseUrl}/console`);
  return page.status === 200 && formsOf(page.body, page.url).some((form) => form.action.endsWith('/logout'));
}

export const singleLogoutScenarios = [
  defineScenario({
    id: 'sso/slo-idp-initiated',
    title: "signing out at the IdP's console signs the user out of the SP too",
    requirements: ['IDP-SLO-01', 'SAML-SLO'],
    level: 'MUST',
    clause: 'SAML 2.0 Profiles §4.4.3.2–4.4.3.4; Core §3.7.3.2',
    requires,
    async run(ctx: ScenarioContext) {
      const { env, browser } = await signedIn(ctx);
      const consolePage = await browser.get(`${env.web.baseUrl}/console`);
      const logout = formsOf(consolePage.body, consolePage.url).find((form) =>
        form.action.endsWith('/logout'),
      );
      if (!logout) ctx.fail('The user console offers no sign-out form');
      await browser.post(logout.action, logout.fields);
      const sent = env.web.log.entries.filter((entry) => entry.flow === 'logout');
      ctx.expect(
        sent.some((entry) => /^LogoutRequest .* sent to /.test(entry.detail)),
        `The IdP sent ${env.sp.id} no LogoutRequest when the user signed out (IDP-SLO-01)`,
      );
      ctx.expect(
        sent.some(
          (entry) => entry.slug === env.app.sso.slug && /answered .*:status:Success$/.test(entry.detail),
        ),
        `${env.sp.id} did not answer the IdP's LogoutRequest with a Success LogoutResponse (Profiles §4.4.3.3)`,
      );
      const after = await spSessionOf(browser, env.sp.origin);
      ctx.expect(
        after === undefined,
        `After signing out at the IdP, ${env.sp.id} still names ${after?.user} signed in (Core §3.7.3.2)`,
      );
      ctx.expect(!(await idpSignedIn(env, browser)), 'The IdP session survived signing out at the console');
    },
  }),
  defineScenario({
    id: 'sso/slo-sp-initiated',
    title: 'signing out at the SP signs the user out of the IdP, which answers with a LogoutResponse',
    requirements: ['IDP-SLO-01'],
    level: 'MUST',
    clause: 'SAML 2.0 Profiles §4.4.3.1, §4.4.3.4',
    requires,
    async run(ctx: ScenarioContext) {
      const { env, browser } = await signedIn(ctx);
      const page = await browser.get(`${env.sp.origin}/saml/logout`);
      ctx.expect(
        await spSessionOf(browser, env.sp.origin).then((session) => session === undefined),
        `${env.sp.id} still has the user signed in after its own sign-out`,
      );
      ctx.expect(
        !(await idpSignedIn(env, browser)),
        `After signing out at ${env.sp.id}, the IdP session survives: the next login there signs the user straight back in (IDP-SLO-01)`,
      );
      ctx.expect(
        page.url.startsWith(env.sp.origin) &&
          page.status === 200 &&
          /signed out here and at the identity provider/.test(page.body),
        `The logout did not come back to ${env.sp.id} with a Success LogoutResponse (status ${page.status} at ${page.url})`,
      );
    },
  }),
];
