import { defineScenario, type ScenarioContext } from '#harness/runner';
import { lastLogin, launchTile, samlResponseOf, spInitiated, ssoEnvironment } from './environment.js';

const requires = { saml: true, inspection: true } as const;

const same = (a: string | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

export const flowScenarios = [
  defineScenario({
    id: 'sso/idp-initiated',
    title: 'a tile on the user console signs the user in to the SP with an unsolicited Response',
    requirements: ['IDP-SSO-04'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      if (!env.sp.profile.saml?.idpInitiated) ctx.notApplicable(`${env.sp.id} takes no IdP-initiated logins`);
      const browser = env.browser();
      const { console: consolePage, result } = await launchTile(browser, env, env.member);
      ctx.expect(
        result !== undefined,
        `The user console shows no tile for ${env.app.name} to an authorized user (IDP-SSO-04)`,
      );
      const login = lastLogin(env.sp);
      ctx.expect(
        login?.outcome === 'success' && same(login.user, env.member.email),
        `The SP did not sign ${env.member.email} in after the tile launch: ${login ? `${login.outcome} ${login.reason ?? ''} ${login.message ?? ''}` : 'no login recorded'}`,
      );
      ctx.expect(consolePage.status === 200, 'The user console did not load after signing in');
      const posted = env.web.log.issued().at(-1);
      ctx.expect(
        posted?.flow === 'idp-initiated' &&
          posted.requestId === undefined &&
          !/InResponseTo=/.test(posted.responseXml ?? ''),
        'The IdP-initiated Response carries an InResponseTo; it must be unsolicited (IDP-SSO-04)',
      );
    },
  }),
  defineScenario({
    id: 'sso/sp-initiated',
    title: 'a login started at the SP comes back signed in, with InResponseTo set',
    requirements: ['IDP-SSO-05'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      if (!env.sp.profile.saml?.spInitiated) ctx.notApplicable(`${env.sp.id} has no SP-initiated login`);
      const { idpPage, result } = await spInitiated(env.browser(), env, env.member);
      ctx.expect(
        result !== undefined,
        `The IdP did not answer the SP's AuthnRequest with a Response (status ${idpPage.status}): ${idpPage.body.slice(0, 200)}`,
      );
      const xml = samlResponseOf(idpPage) ?? '';
      ctx.expect(
        /InResponseTo="[^"]+"/.test(xml),
        'The SP-initiated Response has no InResponseTo (IDP-SSO-05)',
      );
      const login = lastLogin(env.sp);
      ctx.expect(
        login?.outcome === 'success' && same(login.user, env.member.email),
        `The SP did not sign ${env.member.email} in: ${login ? `${login.outcome} ${login.reason ?? ''} ${login.message ?? ''}` : 'no login recorded'}`,
      );
    },
  }),
  defineScenario({
    id: 'sso/unauthorized-denied',
    title: 'a user outside every bound group gets no tile, an access-denied page and no assertion',
    requirements: ['IDP-SSO-03'],
    level: 'DOC',
    security: true,
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const browser = env.browser();
      const { result } = await launchTile(browser, env, env.outsider);
      ctx.expect(
        result === undefined,
        'The console offers the app to a user outside every bound group (IDP-SSO-03)',
      );
      if (env.sp.profile.saml?.spInitiated) {
        const { idpPage, result: spResult } = await spInitiated(browser, env, env.outsider);
        ctx.expect(
          spResult === undefined && idpPage.status === 403,
          `An unauthorized user got status ${idpPage.status} and ${spResult ? 'an assertion' : 'no assertion'}; expected 403 and none (IDP-SSO-03)`,
        );
      }
      ctx.expect(
        !env.sp.loginHistory().some((login) => login.outcome === 'success'),
        'The SP signed someone in for an unauthorized user (IDP-SSO-03)',
      );
    },
  }),
  defineScenario({
    id: 'sso/deactivated',
    title: 'deactivating SSO stops both flows for the application',
    requirements: ['IDP-SSO-08'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      env.app.sso.deactivate();
      const browser = env.browser();
      const { result } = await launchTile(browser, env, env.member);
      ctx.expect(
        result === undefined,
        'The console still launches an app whose SSO is deactivated (IDP-SSO-08)',
      );
      if (env.sp.profile.saml?.spInitiated) {
        const { result: spResult } = await spInitiated(browser, env, env.member);
        ctx.expect(
          spResult === undefined,
          'The IdP still answers AuthnRequests for an app whose SSO is deactivated (IDP-SSO-08)',
        );
      }
      ctx.expect(
        env.sp.loginHistory().length === 0,
        'The SP received a Response although SSO is deactivated',
      );
    },
  }),
  defineScenario({
    id: 'sso/delete-application',
    title: 'deleting the application removes it from the IdP and leaves SP users as they are',
    requirements: ['IDP-SSO-08'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const before = JSON.stringify(env.sp.state());
      const sso = env.web.urls(env.app).sso;
      env.idp.deleteApplication(env.app);
      const page = await env.browser().get(sso);
      ctx.expect(
        page.status === 404,
        `The deleted application's SSO URL answers ${page.status}; expected 404 (IDP-SSO-08)`,
      );
      ctx.expect(
        JSON.stringify(env.sp.state()) === before,
        'Deleting the application at the IdP changed the SP (IDP-SSO-08)',
      );
    },
  }),
];
