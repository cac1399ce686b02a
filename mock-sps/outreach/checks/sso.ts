import { formsOf } from '#harness/http';
import type { ScenarioContext } from '#harness/runner';
import {
  lastLogin,
  launchTile,
  only,
  postToAcs,
  signedResponse,
  ssoEnvironment,
  submitSamlForm,
} from '#scenarios';
import { defineOutreachCheck } from '../requirements.js';

/** Outreach's SAML rows. */
export const outreachScenarios = [
  defineOutreachCheck({
    id: 'sso/outreach-account-urls',
    title:
      'Outreach derives its ACS URL and SP Entity ID from the Outreach ID, and they equal the IdP configuration',
    requirements: ['OUT-01'],
    level: 'DOC',
    requires: only('outreach'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const id = env.sp.profile.saml!.accountId!.value;
      ctx.expect(
        env.sp.saml!.entityId.includes(id) && env.sp.saml!.acsUrl.includes(id),
        `Entity ID ${env.sp.saml!.entityId} / ACS ${env.sp.saml!.acsUrl} are not derived from the Outreach ID ${id} (OUT-01)`,
      );
      ctx.expect(
        env.app.sso.settings.spEntityId === env.sp.saml!.entityId &&
          env.app.sso.settings.acsUrls.some((acs) => acs.url === env.sp.saml!.acsUrl),
        'The IdP application does not hold the SP Entity ID and ACS URL Outreach shows (OUT-01)',
      );
    },
  }),
  defineOutreachCheck({
    id: 'sso/outreach-configured-idp-only',
    title: 'Outreach refuses an assertion from another issuer or signed by another key',
    requirements: ['OUT-02'],
    level: 'DOC',
    security: true,
    requires: only('outreach'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const other = await postToAcs(
        env,
        await signedResponse(env, env.member.email, { issuer: 'https://other-idp.example' }),
      );
      ctx.expect(
        other.login?.outcome === 'refused',
        'Outreach accepted an assertion from an issuer it was not configured with (OUT-02)',
      );
      const good = await postToAcs(env, await signedResponse(env, env.member.email));
      ctx.expect(
        good.login?.outcome === 'success',
        `Outreach refused a correct assertion (${good.login?.reason ?? 'no login'}), so the refusal above proves nothing`,
      );
    },
  }),
  defineOutreachCheck({
    id: 'sso/outreach-test-and-enable',
    title: 'before Enable only the Test login works, and it shows the email from the assertion',
    requirements: ['OUT-03', 'OUT-04'],
    level: 'DOC',
    requires: only('outreach'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx, { configureSp: false });
      const urls = env.web.urls(env.app);
      const settings = env.app.sso.settings;
      await env.sp.configureIdp({
        entityId: settings.idpEntityId,
        ssoUrl: urls.sso,
        certificatePem: (await env.browser().get(urls.certificate)).body,
      });
      const real = await postToAcs(env, await signedResponse(env, env.member.email));
      ctx.expect(
        real.login?.outcome !== 'success',
        'Outreach signed a user in before SSO was Enabled (OUT-04)',
      );
      const browser = env.browser();
      let page = await browser.get(`${env.sp.origin}/saml/test-login`);
      if (formsOf(page.body, page.url).some((form) => form.fields.SAMLRequest !== undefined))
        page = await browser.submit(page);
      if (formsOf(page.body, page.url).some((form) => form.fields.password !== undefined))
        page = await browser.submit(page, { email: env.member.email, password: env.member.password });
      const result = await submitSamlForm(browser, page);
      ctx.expect(
        result?.body.includes(env.member.email),
        `The Test login page does not show ${env.member.email} (OUT-03)`,
      );
      env.sp.enableSso();
      const after = await postToAcs(env, await signedResponse(env, env.member.email));
      ctx.expect(
        after.login?.outcome === 'success',
        `After Enable a real login was refused (${after.login?.reason ?? 'no login'}) (OUT-04)`,
      );
    },
  }),
  defineOutreachCheck({
    id: 'sso/outreach-jit',
    title:
      'the first SSO of an unknown user creates the account from the JIT attributes; without them nothing is created',
    requirements: ['OUT-05', 'IDP-SSO-06'],
    level: 'DOC',
    requires: only('outreach'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      await launchTile(env.browser(), env, env.member);
      const created = env.sp
        .samlUsers()
        .find((user) => user.email?.toLowerCase() === env.member.email.toLowerCase());
      ctx.expect(
        created?.source === 'jit' && created.firstName && created.lastName,
        'The first login did not create the user from the JIT attributes (OUT-05)',
      );
      const row = env.app.sso.settings.attributes.find(
        (attribute) => attribute.jitRequired && !/mail/i.test(attribute.name),
      );
      ctx.expect(row, 'The Outreach application has no JIT-required attribute to toggle off (IDP-SSO-06)');
      env.app.sso.editAttribute(row.name, { enabled: false });
      const count = env.sp.samlUsers().length;
      const newcomer = await env.idp.createUser({ ...ctx.people.next(), password: 'Newcomer-pw-1' });
      const group = [...env.app.boundGroups][0]!;
      await env.idp.addToGroup(group, newcomer);
      const person = env.idp.directory.user(newcomer);
      await launchTile(env.browser(), env, { id: newcomer, email: person.email, password: 'Newcomer-pw-1' });
      ctx.expect(
        lastLogin(env.sp)?.outcome === 'refused' && env.sp.samlUsers().length === count,
        'A login without a JIT-required attribute created a user or succeeded (OUT-05)',
      );
      let renamed = false;
      try {
        env.app.sso.editAttribute(row.name, { name: `${row.name}_renamed` });
      } catch {
        renamed = true;
      }
      ctx.expect(renamed, 'The IdP let a JIT-required attribute be renamed (IDP-SSO-06)');
    },
  }),
];
