import { buildResponse, type ScenarioContext } from '#harness';
import { defineScenario } from '#harness';
import { lastLogin, launchTile, ssoEnvironment } from './environment.js';

import { lastIssued, only, postToAcs, signedResponse } from './app-support.js';

/** The SAML rows of Interact, Profit.co and SparkPost. */
export const otherAppScenarios = [
  defineScenario({
    id: 'sso/interact-metadata-url',
    title:
      'Interact imports the IdP metadata from its URL, and its Entity ID equals the SP Entity ID at the IdP',
    requirements: ['INT-02'],
    level: 'DOC',
    requires: only('interact'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const settings = env.sp.idpSettings();
      ctx.expect(
        settings?.metadataUrl === env.web.urls(env.app).metadata &&
          settings.entityId === env.app.sso.settings.idpEntityId,
        'Interact did not take the IdP settings from the metadata URL (INT-02)',
      );
      ctx.expect(
        env.sp.saml!.entityId === env.app.sso.settings.spEntityId,
        "Interact's EntityID differs from the SP Entity ID at the IdP (INT-02)",
      );
      const signIn = await env.browser().get(`${env.sp.origin}/saml/sign-in`);
      ctx.expect(
        signIn.body.includes('JumpCloud'),
        'The sign-in page shows no login button named after the IdP (INT-02)',
      );
    },
  }),
  defineScenario({
    id: 'sso/interact-existing-users-only',
    title: 'an SSO user who is not in the People Directory is refused and not created',
    requirements: ['INT-03'],
    level: 'DOC',
    requires: only('interact'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const count = env.sp.samlUsers().length;
      const { login } = await postToAcs(env, await signedResponse(env, 'not.in.directory@example.com'));
      ctx.expect(
        login?.outcome === 'refused' && env.sp.samlUsers().length === count,
        'Interact signed in or created a user who is not in its People Directory (INT-03)',
      );
    },
  }),
  defineScenario({
    id: 'sso/profitco-assertion',
    title:
      'Profit.co gets NameID = email in emailAddress format, a signed assertion and username = email, and refuses an unsigned one',
    requirements: ['PCO-01'],
    level: 'DOC',
    requires: only('profitco'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      await launchTile(env.browser(), env, env.member);
      const xml = lastIssued(env);
      ctx.expect(
        xml.includes('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress') &&
          xml.includes(`>${env.member.email}</saml2:NameID>`),
        'The NameID is not the email in emailAddress format (PCO-01)',
      );
      ctx.expect(
        /Name="username"/.test(xml) && /SignatureValue/.test(xml),
        'The assertion lacks the username attribute or a signature (PCO-01)',
      );
      ctx.expect(
        lastLogin(env.sp)?.outcome === 'success',
        'Profit.co refused the correct assertion (PCO-01)',
      );
      const unsigned = await buildResponse(
        {
          issuer: env.app.sso.settings.idpEntityId,
          destination: env.sp.saml!.acsUrl,
          audience: env.app.sso.settings.spEntityId ?? '',
          nameId: {
            value: env.member.email,
            format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
          },
          now: new Date(),
        },
        { key: await env.idp.keys(), signAssertion: false, signResponse: true },
      );
      const { login } = await postToAcs(env, unsigned.xml);
      ctx.expect(
        login?.outcome === 'refused',
        'Profit.co accepted an assertion that is not signed itself (PCO-01)',
      );
    },
  }),
  defineScenario({
    id: 'sso/sparkpost-metadata-upload',
    title:
      'SparkPost configures the SSO group from uploaded IdP metadata, or from name, certificate and endpoint by hand',
    requirements: ['SPK-01'],
    level: 'DOC',
    requires: only('sparkpost'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const settings = env.sp.idpSettings();
      ctx.expect(
        settings?.entityId === env.app.sso.settings.idpEntityId &&
          settings.ssoUrls.post === env.web.urls(env.app).sso &&
          settings.certificates.length === 1,
        'The uploaded metadata did not configure the entity ID, endpoint and certificate (SPK-01)',
      );
      await launchTile(env.browser(), env, env.member);
      ctx.expect(
        lastLogin(env.sp)?.outcome === 'success',
        'A login failed after the metadata upload (SPK-01)',
      );
      await env.sp.configureIdp({
        name: 'JumpCloud',
        certificatePem: (await env.browser().get(env.web.urls(env.app).certificate)).body,
        ssoUrl: env.web.urls(env.app).sso,
      });
      await launchTile(env.browser(), env, env.member);
      ctx.expect(
        lastLogin(env.sp)?.outcome === 'success',
        'A login failed after the manual configuration (SPK-01)',
      );
    },
  }),
];
