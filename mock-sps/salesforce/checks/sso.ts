import { formsOf } from '#harness/http';
import type { ScenarioContext } from '#harness/runner';
import { NS, buildResponse, decryptAssertion, optionalChild, parseXml } from '#harness/saml';
import {
  configureSp,
  lastIssued,
  lastLogin,
  launchTile,
  only,
  postToAcs,
  signedResponse,
  spInitiated,
  ssoEnvironment,
} from '#scenarios';
import { defineSalesforceCheck } from '../requirements.js';

/** Salesforce's SAML rows. */
export const salesforceScenarios = [
  defineSalesforceCheck({
    id: 'sso/salesforce-signed-post-encrypted',
    title:
      'Salesforce sends signed POST AuthnRequests to /saml2/salesforce and gets its assertions encrypted',
    requirements: ['SF-14'],
    level: 'DOC',
    requires: only('salesforce'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      ctx.expect(
        new URL(env.web.urls(env.app).sso).pathname === '/saml2/salesforce',
        `The IdP login URL is ${env.web.urls(env.app).sso}; Salesforce expects <idp-base>/saml2/salesforce (SF-14)`,
      );
      const first = await env.browser().get(`${env.sp.origin}/saml/login`);
      const request = formsOf(first.body, first.url).find((form) => form.fields.SAMLRequest !== undefined);
      ctx.expect(request, 'Salesforce did not send its AuthnRequest over the POST binding (SF-14)');
      ctx.expect(
        Buffer.from(request.fields.SAMLRequest!, 'base64').toString('utf8').includes('SignatureValue'),
        "Salesforce's AuthnRequest is not signed (SF-14)",
      );
      const { result } = await spInitiated(env.browser(), env, env.member);
      ctx.expect(
        result && lastLogin(env.sp)?.outcome === 'success',
        'The signed SP-initiated login did not succeed (SF-14)',
      );
      ctx.expect(
        lastIssued(env).includes('EncryptedAssertion'),
        "The IdP did not encrypt the assertion to Salesforce's certificate (SF-14)",
      );
    },
  }),
  defineSalesforceCheck({
    id: 'sso/salesforce-identity-and-history',
    title:
      'Salesforce finds the user by Username case-insensitively and records refusals with its reason names',
    requirements: ['SF-15', 'SF-19'],
    level: 'DOC',
    requires: only('salesforce'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const sealed = async (xml: string) => {
        const key = await env.sp.saml!.keys();
        const doc = parseXml(xml);
        const assertion = optionalChild(doc.documentElement!, NS.saml, 'Assertion')!;
        const { encryptAssertion, serialize } = await import('#harness/saml');
        const encrypted = parseXml(
          await encryptAssertion(serialize(assertion), key.certificatePem),
        ).documentElement!;
        doc.documentElement!.replaceChild(doc.importNode(encrypted, true), assertion);
        return serialize(doc);
      };
      const upper = await postToAcs(
        env,
        await sealed(await signedResponse(env, env.member.email.toUpperCase())),
      );
      ctx.expect(
        upper.login?.outcome === 'success',
        `Salesforce refused the Username in another case (${upper.login?.reason ?? 'no login'}) (SF-15)`,
      );
      const expired = await postToAcs(
        env,
        await sealed(await signedResponse(env, env.member.email, { now: new Date(Date.now() - 3_600_000) })),
      );
      ctx.expect(
        expired.login?.reasonName === 'Assertion Expired',
        `An expired assertion was recorded as '${expired.login?.reasonName ?? expired.login?.outcome ?? 'nothing'}'; Salesforce names it 'Assertion Expired' (SF-19)`,
      );
      const audience = await postToAcs(
        env,
        await sealed(await signedResponse(env, env.member.email, { audience: 'https://elsewhere.example' })),
      );
      ctx.expect(
        audience.login?.reasonName === 'Audience Invalid',
        `A wrong audience was recorded as '${audience.login?.reasonName ?? 'nothing'}'; Salesforce names it 'Audience Invalid' (SF-19)`,
      );
    },
  }),
  defineSalesforceCheck({
    id: 'sso/salesforce-placeholder-and-form',
    title: 'with the placeholder certificate every assertion is refused, and the login form is off',
    requirements: ['SF-16', 'SF-17'],
    level: 'DOC',
    requires: only('salesforce'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx, { configureSp: false });
      await env.sp.configureIdp({
        entityId: env.app.sso.settings.idpEntityId,
        ssoUrl: env.web.urls(env.app).sso,
      });
      for (const person of [env.member]) env.sp.seedSamlUser({ userName: person.email, email: person.email });
      await launchTile(env.browser(), env, env.member);
      ctx.expect(
        lastLogin(env.sp)?.outcome === 'refused',
        'Salesforce accepted an assertion while the placeholder certificate was configured (SF-16)',
      );
      // The placeholder is Salesforce's own exportable self-signed certificate: its key must not sign anyone in either.
      const placeholderKey = await env.sp.saml!.keys();
      const forged = await buildResponse(
        {
          issuer: env.app.sso.settings.idpEntityId,
          destination: env.sp.saml!.acsUrl,
          audience: env.app.sso.settings.spEntityId ?? '',
          nameId: { value: env.member.email },
          now: new Date(),
        },
        { key: placeholderKey, signAssertion: true, signResponse: false },
        placeholderKey.certificatePem,
      );
      const { login: forgedLogin } = await postToAcs(env, forged.xml);
      ctx.expect(
        forgedLogin?.outcome === 'refused',
        "Salesforce accepted an assertion signed with the placeholder certificate's key (SF-16)",
      );
      await configureSp(env.sp, env.web, env.app, []);
      await launchTile(env.browser(), env, env.member);
      ctx.expect(
        lastLogin(env.sp)?.outcome === 'success',
        'After the IdP certificate replaced the placeholder the login still failed (SF-16)',
      );
      const signIn = await env.browser().get(`${env.sp.origin}/saml/sign-in`);
      ctx.expect(
        !/type=["']?password/i.test(signIn.body),
        'Salesforce still offers a username/password form (SF-17)',
      );
    },
  }),
  defineSalesforceCheck({
    id: 'sso/salesforce-jit-attributes',
    title: 'the assertion to Salesforce carries the User.-prefixed JIT attributes its insert needs',
    requirements: ['SF-18', 'IDP-SSO-06'],
    level: 'DOC',
    requires: only('salesforce'),
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      await launchTile(env.browser(), env, env.member);
      const encrypted = optionalChild(
        parseXml(lastIssued(env)).documentElement!,
        NS.saml,
        'EncryptedAssertion',
      );
      ctx.expect(encrypted, 'No encrypted assertion was issued to Salesforce (SF-14)');
      const xml = await decryptAssertion(encrypted, await env.sp.saml!.keys());
      const value = (name: string) =>
        new RegExp(`Name="${name.replace('.', '\\.')}"[^>]*>\\s*<saml2:AttributeValue[^>]*>([^<]*)<`).exec(
          xml,
        )?.[1];
      const missing = ['User.Username', 'User.LastName', 'User.ProfileId', 'User.Email'].filter(
        (name) => !value(name),
      );
      ctx.expect(
        missing.length === 0,
        `The assertion lacks ${missing.join(', ')}; Salesforce's JIT insert requires them (SF-18)`,
      );
      const federation = value('User.FederationIdentifier');
      ctx.expect(
        federation === undefined || federation.toLowerCase() === env.member.email.toLowerCase(),
        `User.FederationIdentifier '${federation}' does not match the subject (SF-18)`,
      );
    },
  }),
];
