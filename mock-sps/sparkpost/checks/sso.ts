/**
 * SparkPost's SAML row (SPK-01): the IdP configured from uploaded metadata, or by hand.
 */
import type { Scenario, ScenarioContext } from '#harness/runner';
import { lastLogin, launchTile, only, ssoEnvironment } from '#scenarios';
import { defineSparkPostCheck } from '../requirements.js';

export const sparkpostSsoChecks: readonly Scenario[] = [
  defineSparkPostCheck({
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
