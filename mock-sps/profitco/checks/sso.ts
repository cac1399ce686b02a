/**
 * Profit.co's SAML row (PCO-01): the assertion it requires and what it refuses.
 */
import type { Scenario, ScenarioContext } from '#harness/runner';
import { buildResponse } from '#harness/saml';
import { lastIssued, lastLogin, launchTile, only, postToAcs, ssoEnvironment } from '#scenarios';
import { defineProfitcoCheck } from '../requirements.js';

export const profitcoSsoChecks: readonly Scenario[] = [
  defineProfitcoCheck({
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
];
