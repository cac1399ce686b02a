import type { ScenarioContext } from '#harness/runner';
import { NS, decryptAssertion, optionalChild, parseIdpMetadata, parseXml } from '#harness/saml';
import { defineScenario } from '#harness/runner';
import { launchTile, spInitiated, ssoEnvironment } from './environment.js';

import { lastIssued, requires } from './app-support.js';

/** The reference IdP's own SSO rows, checked on every SAML SP. */
export const idpRowScenarios = [
  defineScenario({
    id: 'sso/idp-urls',
    title:
      'the SSO URL is <idp-base>/saml2/<slug>, the slug cannot be edited, and metadata, download and certificate agree',
    requirements: ['IDP-SSO-01', 'IDP-SSO-02'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx, { configureSp: false });
      const urls = env.web.urls(env.app);
      ctx.expect(
        urls.sso === `${env.web.baseUrl}/saml2/${env.app.sso.slug}`,
        `The SSO URL is ${urls.sso}; expected ${env.web.baseUrl}/saml2/${env.app.sso.slug} (IDP-SSO-01)`,
      );
      let refused = '';
      try {
        env.app.sso.update({ slug: `${env.app.sso.slug}-renamed` });
      } catch (error) {
        refused = error instanceof Error ? error.message : String(error);
      }
      ctx.expect(
        /delete/i.test(refused),
        `Editing the slug was not refused with advice to delete and recreate (found '${refused}') (IDP-SSO-01)`,
      );
      const browser = env.browser();
      const metadata = await browser.get(urls.metadata);
      const parsed = parseIdpMetadata(metadata.body);
      ctx.expect(
        parsed.ssoUrls.redirect === urls.sso && parsed.ssoUrls.post === urls.sso,
        'The metadata does not offer the SSO URL for both HTTP-Redirect and HTTP-POST (IDP-SSO-02)',
      );
      const certificate = await browser.get(urls.certificate);
      const pem = (text: string) => text.replace(/-----[A-Z ]+-----|\s/g, '');
      ctx.expect(
        parsed.certificates.length === 1 && pem(parsed.certificates[0]!) === pem(certificate.body),
        'certificate.pem differs from the signing certificate in the metadata (IDP-SSO-02)',
      );
      const download = await browser.get(urls.metadataDownload);
      ctx.expect(
        /JumpCloud-.+-metadata\.xml/.test(download.headers['content-disposition'] ?? ''),
        `The metadata download is not named JumpCloud-<app>-metadata.xml (content-disposition '${download.headers['content-disposition'] ?? ''}') (IDP-SSO-02)`,
      );
    },
  }),
  defineScenario({
    id: 'sso/assertion-shape',
    title: 'the assertion follows the app configuration and carries the conditions an SP checks',
    requirements: ['IDP-SSO-06', 'IDP-SSO-07'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const env = await ssoEnvironment(ctx);
      const browser = env.browser();
      if (env.sp.profile.saml?.idpInitiated) await launchTile(browser, env, env.member);
      else await spInitiated(browser, env, env.member);
      const doc = parseXml(lastIssued(env), { maxBytes: 1 << 20 });
      const response = doc.documentElement!;
      let assertion = optionalChild(response, NS.saml, 'Assertion');
      const encrypted = optionalChild(response, NS.saml, 'EncryptedAssertion');
      if (encrypted)
        assertion = parseXml(await decryptAssertion(encrypted, await env.sp.saml!.keys())).documentElement!;
      ctx.expect(assertion, 'The IdP issued no assertion to inspect');
      const issued = Date.parse(assertion.getAttribute('IssueInstant') ?? '');
      const conditions = optionalChild(assertion, NS.saml, 'Conditions');
      const minutes = (name: string) => (Date.parse(conditions?.getAttribute(name) ?? '') - issued) / 60_000;
      ctx.expect(
        minutes('NotBefore') === -5 && minutes('NotOnOrAfter') === 5,
        `Conditions run ${minutes('NotBefore')} to ${minutes('NotOnOrAfter')} minutes around IssueInstant; expected −5 to +5 (IDP-SSO-07)`,
      );
      const audience = conditions?.getElementsByTagNameNS(NS.saml, 'Audience').item(0)?.textContent;
      ctx.expect(
        audience === env.app.sso.settings.spEntityId,
        `Audience is '${audience}'; expected the SP Entity ID (IDP-SSO-07)`,
      );
      const data = assertion.getElementsByTagNameNS(NS.saml, 'SubjectConfirmationData').item(0);
      ctx.expect(
        data?.getAttribute('Recipient') === env.sp.saml!.acsUrl && data.hasAttribute('NotOnOrAfter'),
        'SubjectConfirmationData lacks Recipient = ACS or NotOnOrAfter (IDP-SSO-07)',
      );
      ctx.expect(
        assertion.getElementsByTagNameNS(NS.saml, 'AuthnStatement').item(0)?.hasAttribute('SessionIndex') ===
          true,
        'The AuthnStatement has no SessionIndex (IDP-SSO-07)',
      );
      const id = assertion.getAttribute('ID') ?? '';
      ctx.expect(
        /^[A-Z][A-Z0-9]{39}$/.test(id) && id !== response.getAttribute('ID'),
        `IDs are not unique 40-character upper-case alphanumerics ('${id}') (IDP-SSO-07)`,
      );
      const nameId = assertion.getElementsByTagNameNS(NS.saml, 'NameID').item(0);
      ctx.expect(
        nameId?.getAttribute('Format') === env.app.sso.settings.nameId.format,
        `NameID Format '${nameId?.getAttribute('Format')}' is not the app's '${env.app.sso.settings.nameId.format}' (IDP-SSO-06)`,
      );
      const found = assertion.getElementsByTagNameNS(NS.saml, 'Attribute');
      const names = Array.from({ length: found.length }, (_, index) =>
        found.item(index)?.getAttribute('Name'),
      );
      const expected = env.app.sso.settings.attributes.filter((row) => row.enabled).map((row) => row.name);
      ctx.expect(
        expected.every((name) => names.includes(name)),
        `The attribute statement has [${names.join(', ')}]; the mapping sends [${expected.join(', ')}] (IDP-SSO-06)`,
      );
      ctx.expect(
        env.app.sso.settings.signAssertion ===
          assertion.getElementsByTagNameNS(NS.ds, 'Signature').length > 0,
        'The assertion signature does not follow the app configuration (IDP-SSO-06)',
      );
    },
  }),
];
