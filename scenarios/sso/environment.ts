/**
 * The SSO environment a scenario signs in through: the reference IdP and its web
 * side on the target's network, the application configured from the SP's own
 * metadata, the SP configured with the IdP the way its guide says (metadata URL,
 * uploaded metadata, or fields typed in), and a scripted browser.
 */
import { Browser, decodeEntities, formsOf, type BrowserPage } from '#harness/http';
import { IdpWeb, ReferenceIdp, type Application } from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import { BINDING, parseSpMetadata, type SpMetadata } from '#harness/saml';
import type { MockSp } from '#mock-sps';
import { credentialsFor } from '../credentials.js';
import { mockOf } from '../support.js';
import { appOf, connectorOf, idpFaultsOf } from '../targets.js';

export interface Person {
  id: string;
  email: string;
  password: string;
}

export interface SsoEnvironment {
  idp: ReferenceIdp;
  web: IdpWeb;
  app: Application;
  sp: MockSp;
  /** The SP's metadata, as the admin read it to create the application. */
  spMetadata: SpMetadata;
  /** An active member of the group bound to the app. */
  member: Person;
  /** A directory user in no bound group (IDP-SSO-03). */
  outsider: Person;
  browser(): Browser;
}

/** Builds the environment; the SP is configured and its users exist as its rules need. */
export async function ssoEnvironment(
  ctx: ScenarioContext,
  options: {
    configureSp?: boolean;
    /** The app also provisions its users over SCIM (its IdM integration active before anyone is bound). */
    provisioning?: boolean;
  } = {},
): Promise<SsoEnvironment> {
  const sp = mockOf(ctx);
  const profile = sp.profile.saml;
  const entry = appOf(ctx).idp;
  if (!profile || !entry) ctx.notApplicable(`${sp.id} has no SAML single sign-on with the reference IdP`);
  const attach = ctx.instance.attach;
  if (!attach) ctx.notApplicable('the target cannot host the reference IdP next to the SP');
  const idp = new ReferenceIdp({
    fetch: ctx.instance.fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
    ...connectorOf(ctx),
  });
  let web: IdpWeb | undefined;
  await attach((origin) => (web = new IdpWeb(idp, { baseUrl: origin })));
  const browser = (): Browser => new Browser(ctx.instance.fetch, ctx.record);

  // The admin reads the SP's metadata and creates the application from it.
  const metadataPage = await browser().get(`${sp.origin}/saml/metadata`);
  ctx.expect(
    metadataPage.status === 200,
    `${sp.id} serves no SP metadata at /saml/metadata (status ${metadataPage.status})`,
  );
  const spMeta = parseSpMetadata(metadataPage.body);
  const app = idp.createApplication(entry, sp.id, {
    sso: {
      spEntityId: spMeta.entityId,
      acsUrls: spMeta.acs.map((acs) => ({ url: acs.url, index: acs.index })),
      ...(profile.signAuthnRequests || profile.encryptAssertions
        ? { spCertificatePem: spMeta.signingCertificates[0] ?? spMeta.encryptionCertificates[0] ?? null }
        : {}),
      ...singleLogoutOf(spMeta),
      ...(profile.encryptAssertions
        ? {
            encryptionCertificatePem:
              spMeta.encryptionCertificates[0] ?? spMeta.signingCertificates[0] ?? null,
          }
        : {}),
    },
  });
  if (options.provisioning) {
    if (!entry.provisioning || ctx.instance.scimBaseUrl === undefined)
      ctx.notApplicable(`the reference IdP does not provision ${sp.id}`);
    await idp.activateIdm(app, {
      baseUrl: ctx.instance.scimBaseUrl,
      ...(await credentialsFor(ctx, sp, entry)),
    });
  }
  const group = idp.directory.createGroup('SSO Users');
  await idp.bindGroup(app, group.id);
  const person = async (inGroup: boolean): Promise<Person> => {
    const fields = ctx.people.next();
    const password = `${fields.password ?? 'pw'}-Aa1!`;
    const id = await idp.createUser({ ...fields, password });
    if (inGroup) await idp.addToGroup(group.id, id);
    return { id, email: fields.email, password };
  };
  const member = await person(true);
  const outsider = await person(false);
  // A provisioned member exists at the SP already; only the outsider is seeded where users must exist.
  const seeded = options.provisioning ? [outsider] : [member, outsider];
  if (options.configureSp !== false) await configureSp(sp, web!, app, seeded);
  return { idp, web: web!, app, sp, spMetadata: spMeta, member, outsider, browser };
}

/** The SP side of the setup, by the method its guide documents (INT-02, SPK-01, OUT-02, PCO-01, SF-16). */
export async function configureSp(
  sp: MockSp,
  web: IdpWeb,
  app: Application,
  people: readonly Person[],
): Promise<void> {
  const profile = sp.profile.saml!;
  const urls = web.urls(app);
  const methods = profile.idpConfig.methods;
  const certificatePem = await idpCertificate(web, app);
  if (methods.includes('metadata-url'))
    await sp.configureIdp({ metadataUrl: urls.metadata, name: 'JumpCloud' });
  else if (methods.includes('metadata-upload'))
    await sp.configureIdp({ metadataXml: await web.metadata(app), name: 'JumpCloud' });
  else {
    // Only the fields the SP's form has (PCO-01: entity ID and certificate; OUT-02 adds the sign-in URL).
    const fields = new Set([...profile.idpConfig.manual.required, ...profile.idpConfig.manual.optional]);
    await sp.configureIdp({
      ...(fields.has('entityId') ? { entityId: app.sso.settings.idpEntityId } : {}),
      ...(fields.has('ssoUrl') ? { ssoUrl: urls.sso } : {}),
      ...(fields.has('certificate') ? { certificatePem } : {}),
      ...(fields.has('name') ? { name: 'JumpCloud' } : {}),
      ...(fields.has('sloUrl') ? { sloUrl: urls.slo } : {}),
    });
  }
  if (profile.placeholderCertificate) sp.replaceCertificate(certificatePem);
  if (profile.ssoEnabledFlag) sp.enableSso();
  if (profile.users === 'must-exist') {
    for (const person of people) sp.seedSamlUser({ userName: person.email, email: person.email });
  }
}

/** The SP's HTTP-Redirect SingleLogoutService from its metadata, as the app's Single Logout URL. */
function singleLogoutOf(metadata: SpMetadata): { spSloUrl?: string } {
  const url = metadata.singleLogout?.find((endpoint) => endpoint.binding === BINDING.redirect)?.url;
  return url === undefined ? {} : { spSloUrl: url };
}

async function idpCertificate(web: IdpWeb, app: Application): Promise<string> {
  const page = await web.handle({ method: 'GET', url: web.urls(app).certificate, headers: {} });
  return page.body ?? '';
}

/** Signs `person` in at the IdP's login page. */
export async function idpLogin(
  browser: Browser,
  web: IdpWeb,
  person: Person,
  returnTo = '/console',
): Promise<BrowserPage> {
  const form = await browser.get(`${web.baseUrl}/login?return=${encodeURIComponent(returnTo)}`);
  return browser.submit(form, { email: person.email, password: person.password });
}

/** IdP-initiated: launches the app's tile from the user console (IDP-SSO-04). Returns the SP's answer. */
export async function launchTile(
  browser: Browser,
  env: SsoEnvironment,
  person: Person,
): Promise<{ console: BrowserPage; result?: BrowserPage }> {
  const consolePage = await idpLogin(browser, env.web, person);
  const tile = formsOf(consolePage.body, consolePage.url).find((form) =>
    form.action.endsWith(`/console/launch/${encodeURIComponent(env.app.sso.slug)}`),
  );
  if (!tile) return { console: consolePage };
  const posting = await browser.post(tile.action, tile.fields);
  return { console: consolePage, result: await submitSamlForm(browser, posting) };
}

/** SP-initiated: starts at the SP's login URL, signs in at the IdP, and follows the Response back (IDP-SSO-05). */
export async function spInitiated(
  browser: Browser,
  env: SsoEnvironment,
  person: Person,
  relayState = '/home',
): Promise<{ idpPage: BrowserPage; result?: BrowserPage }> {
  let page = await browser.get(`${env.sp.origin}/saml/login?RelayState=${encodeURIComponent(relayState)}`);
  // POST binding: the SP's page auto-submits the AuthnRequest to the IdP.
  if (
    page.url.startsWith(env.sp.origin) &&
    formsOf(page.body, page.url).some((form) => form.fields.SAMLRequest !== undefined)
  ) {
    page = await browser.submit(page);
  }
  if (formsOf(page.body, page.url).some((form) => form.fields.password !== undefined)) {
    page = await browser.submit(page, { email: person.email, password: person.password });
  }
  const result = await submitSamlForm(browser, page);
  return { idpPage: page, ...(result ? { result } : {}) };
}

/** Submits the page's SAMLResponse form (the IdP's auto-submit page), if it has one. */
export async function submitSamlForm(browser: Browser, page: BrowserPage): Promise<BrowserPage | undefined> {
  const forms = formsOf(page.body, page.url);
  const index = forms.findIndex((form) => form.fields.SAMLResponse !== undefined);
  if (index < 0) return undefined;
  return browser.submit(page, {}, index);
}

/** The SAMLResponse a page would post, decoded. */
export function samlResponseOf(page: BrowserPage): string | undefined {
  const field = formsOf(page.body, page.url).find((form) => form.fields.SAMLResponse !== undefined)?.fields
    .SAMLResponse;
  return field === undefined ? undefined : Buffer.from(field, 'base64').toString('utf8');
}

/** Who the SP signed in last, from its login history (the mock SP's inspection API). */
export function lastLogin(sp: MockSp): ReturnType<MockSp['loginHistory']>[number] | undefined {
  return sp.loginHistory().at(-1);
}

/** The mock SP session `browser` holds, as its result page shows it: the user and what a LogoutRequest names. */
export async function spSessionOf(
  browser: Browser,
  spOrigin: string,
): Promise<
  { user: string; logout: { nameId: string; nameIdFormat?: string; sessionIndex?: string } } | undefined
> {
  const page = await browser.get(`${spOrigin}/saml/result`);
  const field = (id: string): string | undefined => {
    const value = new RegExp(`id="${id}">([^<]*)<`).exec(page.body)?.[1];
    return value === undefined || value === '(none)' ? undefined : decodeEntities(value);
  };
  const user = field('user');
  const nameId = field('name-id');
  if (page.status !== 200 || user === undefined || nameId === undefined) return undefined;
  const nameIdFormat = field('name-id-format');
  const sessionIndex = field('session-index');
  return {
    user,
    logout: { nameId, ...(nameIdFormat ? { nameIdFormat } : {}), ...(sessionIndex ? { sessionIndex } : {}) },
  };
}
