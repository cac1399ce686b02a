/**
 * Interact's SAML rows: the IdP metadata imported from its URL (INT-02), and SSO for users who
 * already exist only (INT-03).
 */
import type { Scenario, ScenarioContext } from '#harness/runner';
import { only, postToAcs, signedResponse, ssoEnvironment } from '#scenarios';
import { defineInteractCheck } from '../requirements.js';

export const interactSsoChecks: readonly Scenario[] = [
  defineInteractCheck({
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
  defineInteractCheck({
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
];
