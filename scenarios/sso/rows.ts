import {
  NS,
  buildResponse,
  decryptAssertion,
  encodePost,
  formsOf,
  optionalChild,
  parseIdpMetadata,
  parseXml,
  type ScenarioContext,
} from '#harness';
import { defineScenario } from '#harness';
import {
  configureSp,
  lastLogin,
  launchTile,
  spInitiated,
  ssoEnvironment,
  submitSamlForm,
  type SsoEnvironment,
} from './environment.js';

const requires = { saml: true, inspection: true } as const;
const only = (sp: string) => ({ ...requires, sp }) as const;

/** The Response the IdP issued last (its own log keeps the XML it posted). */
function lastIssued(env: SsoEnvironment): string {
  return env.web.log.issued().at(-1)?.responseXml ?? '';
}

/** Posts a Response to the SP's ACS as a browser would; answers the SP's last login record. */
async function postToAcs(env: SsoEnvironment, xml: string) {
  const browser = env.browser();
  const before = env.sp.loginHistory().length;
  const page = await browser.post(env.sp.saml!.acsUrl, { SAMLResponse: encodePost(xml) });
  return { page, login: env.sp.loginHistory().slice(before).at(-1) };
}

/** A validly signed Response from the reference IdP for `nameId`, with `overrides`. */
async function signedResponse(
  env: SsoEnvironment,
  nameId: string,
  overrides: Partial<Parameters<typeof buildResponse>[0]> = {},
) {
  const settings = env.app.sso.settings;
  const user = {
    id: 'x',
    username: nameId,
    email: nameId,
    firstname: 'Test',
    lastname: 'User',
    suspended: false,
    passwordExpired: false,
  };
  const content = env.app.sso.assertionFor(user as never);
  const { xml } = await buildResponse(
    {
      issuer: settings.idpEntityId,
      destination: env.sp.saml!.acsUrl,
      audience: settings.spEntityId ?? '',
      nameId: { value: nameId, format: content.nameId.format },
      attributes: content.attributes,
      now: new Date(),
      ...overrides,
    },
    {
      key: await env.idp.keys(),
      signAssertion: settings.signAssertion,
      signResponse: settings.signResponse,
      algorithm: settings.algorithm,
    },
  );
  return xml;
}

export const rowScenarios = [
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
        const { encryptAssertion, serialize } = await import('#harness');
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
  defineScenario({
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
  defineScenario({
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
