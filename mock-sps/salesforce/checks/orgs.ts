/**
 * Salesforce rows that need orgs of their own next to the target's: the OAuth consent with
 * a clock that can pass the session timeout (SF-01), a Sandbox beside production (SF-01),
 * and an org with JIT on (SF-11).
 */
import { Browser } from '#harness/http';
import {
  IdpError,
  OAuthError,
  ReferenceIdp,
  isBridgeConnector,
  oauthClientFor,
  oauthConsent,
  type Application,
  type CatalogEntry,
  type OAuthGrant,
} from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import { parseSpMetadata } from '#harness/saml';
import { ScimClient, type FetchLike } from '#harness/scim';
import { MockSp, inProcessFetch } from '#mock-sps';
import { salesforceJitProfile } from '../profile.js';
import type { SalesforceAdmin } from '../quirks.js';
import {
  adminSignIn,
  connectorOf,
  expectStatus,
  mockOf,
  idpFaultsOf,
  provisioningRequires,
} from '#scenarios';
import { defineSalesforceCheck } from '../requirements.js';
import { salesforceCatalog, salesforceSandboxCatalog } from '../idp.js';

export const requires = { ...provisioningRequires, sp: 'salesforce' } as const;

/** More than Salesforce's default session timeout of two hours (SF-01). */
const PAST_SESSION_TIMEOUT_MS = 3 * 60 * 60 * 1000;

/** The org's admin controls; not applicable to an SP without them. */
export function salesforceAdmin(ctx: ScenarioContext, sp: MockSp): SalesforceAdmin {
  const admin = sp.admin as Partial<SalesforceAdmin> | undefined;
  if (typeof admin?.grants !== 'function')
    ctx.notApplicable(`${sp.profile.name} has no Salesforce admin controls`);
  return admin as SalesforceAdmin;
}

/** Orgs built like the target (same profile and faults) on one network, with a clock the scenario moves. */
function orgs(ctx: ScenarioContext, regions: readonly string[], profile = mockOf(ctx).profile) {
  const target = mockOf(ctx);
  let now = Date.parse('2026-03-02T09:00:00Z');
  const built = regions.map(
    (region) => new MockSp(profile, { faults: target.faults, now: () => new Date(now), region }),
  );
  return {
    orgs: built,
    fetch: inProcessFetch(built),
    now: () => new Date(now),
    advance: (ms: number) => void (now += ms),
  };
}

/** Runs `step`: its value, or the error that stopped it. */
export async function attempt<T>(step: () => Promise<T>): Promise<{ value?: T; error?: Error }> {
  try {
    return { value: await step() };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

/** Runs `step`; its error, or undefined when it succeeded. */
export async function failure(step: () => Promise<unknown>): Promise<Error | undefined> {
  return (await attempt(step)).error;
}

/** The admin's consent for `entry` against `org` (SF-01). */
function consent(
  ctx: ScenarioContext,
  entry: CatalogEntry,
  org: MockSp,
  fetch: FetchLike,
  options: { decision?: 'allow' | 'deny'; admin?: MockSp } = {},
): Promise<OAuthGrant> {
  const admin = adminSignIn(options.admin ?? org);
  if (!admin) ctx.notApplicable(`${org.profile.name} has no admin sign-in`);
  return oauthConsent({
    settings: oauthClientFor(entry),
    baseUrl: org.scimBaseUrl!,
    admin,
    fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
    ...(options.decision ? { decision: options.decision } : {}),
  });
}

/** A reference IdP with `entry` activated on `org` through `grant`, and a bound group. */
async function connected(
  ctx: ScenarioContext,
  entry: CatalogEntry,
  org: MockSp,
  fetch: FetchLike,
  grant: OAuthGrant,
): Promise<{ idp: ReferenceIdp; app: Application; groupId: string }> {
  if (isBridgeConnector(connectorOf(ctx).connector))
    ctx.notApplicable(
      'runs Salesforce orgs inside the harness (production, sandbox, an expiring token), which a connector in another process (--connector-url) cannot reach',
    );
  const idp = new ReferenceIdp({ fetch, record: ctx.record, faults: idpFaultsOf(ctx), ...connectorOf(ctx) });
  const app = idp.createApplication(entry);
  await idp.activateIdm(app, { baseUrl: org.scimBaseUrl!, tokenSource: grant });
  const groupId = idp.directory.createGroup('All Users').id;
  await idp.bindGroup(app, groupId);
  return { idp, app, groupId };
}

/** Onboards a seeded person; the SP id, or the error that stopped it. */
async function onboarded(
  ctx: ScenarioContext,
  setup: { idp: ReferenceIdp; app: Application; groupId: string },
): Promise<{ userId: string; spId: string | undefined; error: Error | undefined }> {
  const userId = await setup.idp.createUser(ctx.people.next());
  const error = await failure(() => setup.idp.addToGroup(setup.groupId, userId));
  return { userId, spId: setup.app.users.get(userId)?.spId, error };
}

const ENTRY = salesforceCatalog;
const SANDBOX_ENTRY = salesforceSandboxCatalog;

export const salesforceOrgScenarios = [
  defineSalesforceCheck({
    id: 'provisioning/salesforce-oauth-consent',
    title:
      'Salesforce is authorised by an OAuth consent: no pasted token, Deny grants nothing, expired tokens are refreshed',
    requirements: ['SF-01', 'IDP-IDM-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const {
        orgs: [org],
        fetch,
        advance,
      } = orgs(ctx, ['production']);
      const admin = salesforceAdmin(ctx, org!);
      const idp = new ReferenceIdp({
        fetch,
        record: ctx.record,
        faults: idpFaultsOf(ctx),
        ...connectorOf(ctx),
      });
      const pasted = idp.createApplication(ENTRY, 'pasted');
      const refused = await failure(() =>
        idp.activateIdm(pasted, { baseUrl: org!.scimBaseUrl!, token: org!.token }),
      );
      ctx.expect(
        refused instanceof IdpError && pasted.idm === undefined,
        'The IdP activated Salesforce with a pasted token; Salesforce is authorised through an OAuth consent (SF-01)',
      );

      const denied = await failure(() => consent(ctx, ENTRY, org!, fetch, { decision: 'deny' }));
      ctx.expect(
        denied instanceof OAuthError,
        'Clicking Deny on the consent page still gave the IdP a grant (SF-01)',
      );
      ctx.expect(
        admin.grants().length === 0,
        `After Deny the org holds ${admin.grants().length} authorisation(s) of JumpCloud; Deny must leave nothing (SF-01)`,
      );

      const grant = await consent(ctx, ENTRY, org!, fetch);
      const setup = await connected(ctx, ENTRY, org!, fetch, grant);
      const first = await onboarded(ctx, setup);
      ctx.expect(
        first.spId !== undefined && first.error === undefined,
        `Provisioning through the consent's access token failed: ${first.error?.message ?? 'no SP user'} (SF-01)`,
      );
      ctx.expect(
        admin.grants().length === 1,
        'The consent left no authorisation of JumpCloud in the org (SF-01)',
      );

      const expired = await grant.current();
      advance(PAST_SESSION_TIMEOUT_MS);
      const stale = await new ScimClient({
        baseUrl: org!.scimBaseUrl!,
        token: expired,
        fetch,
        record: ctx.record,
      }).get('/Users');
      expectStatus(ctx, stale, 401, 'SF-01: an access token older than the session timeout is refused');

      const second = await onboarded(ctx, setup);
      ctx.expect(
        second.spId !== undefined && second.error === undefined,
        `After the access token expired provisioning stopped: ${second.error?.message ?? 'no SP user'}; the IdP must refresh it with the refresh token (SF-01)`,
      );
      const refreshed = admin
        .oauthLog()
        .filter((entry) => entry.grantType === 'refresh_token' && entry.outcome === 'issued');
      ctx.expect(
        refreshed.length >= 1 && grant.refreshes >= 1,
        'Provisioning went on without a refresh-token grant after the access token expired (SF-01)',
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-sandbox',
    title: 'a Sandbox org takes the Sandbox connector, with its own login and tokens production refuses',
    requirements: ['SF-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const {
        orgs: [production, sandbox],
        fetch,
      } = orgs(ctx, ['production', 'sandbox']);
      ctx.expect(
        salesforceAdmin(ctx, sandbox!).environment === 'sandbox',
        `${sandbox!.origin} is not a Sandbox org; a Sandbox answers on <domain>--<sandbox>.sandbox.my.salesforce.com (SF-01)`,
      );
      const wrongConnector = await failure(() => consent(ctx, ENTRY, sandbox!, fetch));
      ctx.expect(
        wrongConnector instanceof OAuthError,
        'The production Salesforce connector was authorised against a Sandbox org; a Sandbox needs the Sandbox connector (SF-01)',
      );
      const { value: sandboxGrant, error: consentError } = await attempt(() =>
        consent(ctx, SANDBOX_ENTRY, sandbox!, fetch),
      );
      ctx.expect(
        sandboxGrant !== undefined,
        `The Sandbox connector could not be authorised against the Sandbox org: ${consentError?.message ?? ''} (SF-01)`,
      );
      const setup = await connected(ctx, SANDBOX_ENTRY, sandbox!, fetch, sandboxGrant);
      const { spId, error } = await onboarded(ctx, setup);
      ctx.expect(
        spId !== undefined && sandbox!.state().users.some((user) => user.id === spId),
        `The Sandbox connector did not provision into the Sandbox org: ${error?.message ?? 'no SP user'} (SF-01)`,
      );
      ctx.expect(
        !production!.state().users.some((user) => user.id === spId),
        'A user provisioned through the Sandbox connector landed in the production org (SF-01)',
      );
      const productionGrant = await consent(ctx, ENTRY, production!, fetch);
      const client = (org: MockSp, token: string) =>
        new ScimClient({ baseUrl: org.scimBaseUrl!, token, fetch, record: ctx.record });
      expectStatus(
        ctx,
        await client(production!, await sandboxGrant.current()).get('/Users'),
        401,
        "SF-01: production refuses a Sandbox org's access token",
      );
      expectStatus(
        ctx,
        await client(sandbox!, await productionGrant.current()).get('/Users'),
        401,
        "SF-01: a Sandbox refuses the production org's access token",
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-jit-exclusive',
    title:
      'with JIT on (Federation ID), SSO misses the SCIM-provisioned user until its Federation ID is set, which SCIM then keeps',
    requirements: ['SF-11', 'SF-10', 'SF-15'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const {
        orgs: [org],
        fetch,
        now,
      } = orgs(ctx, ['production'], salesforceJitProfile);
      const setup = await connected(ctx, ENTRY, org!, fetch, await consent(ctx, ENTRY, org!, fetch));
      const person = ctx.people.next();
      const userId = await setup.idp.createUser(person);
      await setup.idp.addToGroup(setup.groupId, userId);
      const spId = setup.app.users.get(userId)?.spId;
      ctx.expect(spId !== undefined, `${person.email} was not provisioned into the JIT org`);

      // The org trusts the IdP as the guide's JIT setup says; the app's SSO tab takes the SP's metadata.
      const browser = new Browser(fetch, ctx.record);
      const metadata = parseSpMetadata((await browser.get(`${org!.origin}/saml/metadata`)).body);
      const key = await setup.idp.keys();
      await org!.configureIdp({
        entityId: setup.app.sso.settings.idpEntityId,
        ssoUrl: 'https://sso.jumpcloud.test/saml2/salesforce',
      });
      org!.replaceCertificate(key.certificatePem);
      setup.app.sso.update({
        spEntityId: metadata.entityId,
        acsUrls: metadata.acs.map((acs) => ({ url: acs.url, index: acs.index })),
        spCertificatePem: metadata.signingCertificates[0] ?? null,
        encryptionCertificatePem:
          metadata.encryptionCertificates[0] ?? metadata.signingCertificates[0] ?? null,
      });
      const signIn = async () => {
        const issued = await setup.app.sso.issue(setup.idp.directory.user(userId), {
          acs: setup.app.sso.acs()!,
          now: now(),
          key,
        });
        const before = org!.loginHistory().length;
        await browser.post(issued.acsUrl, { SAMLResponse: Buffer.from(issued.xml).toString('base64') });
        return org!.loginHistory().slice(before).at(-1);
      };
      const reached = (login: Awaited<ReturnType<typeof signIn>>) =>
        login?.outcome === 'success' && login.userId === spId;

      const jit = await signIn();
      ctx.expect(
        !reached(jit),
        'With JIT on and the Federation ID as identity, SSO reached the SCIM-provisioned user, which has no Federation ID (SF-11, SF-10)',
      );
      // The assertion itself was good: what failed is JIT's insert of a second user with the same username.
      ctx.expect(
        jit?.reason === 'jit-failed',
        `SSO with JIT on was ${jit?.outcome ?? 'not recorded'} (${jit?.reason ?? ''} ${jit?.message ?? ''}); expected JIT to fail on the taken username (SF-11)`,
      );
      const sameName = org!
        .state()
        .users.filter((user) => String(user.resource.userName).toLowerCase() === person.email);
      ctx.expect(
        sameName.length === 1,
        `JIT left ${sameName.length} users named ${person.email}; usernames are unique (SF-11)`,
      );

      // The guide's way to JIT after SCIM: the admin bulk-updates the Federation IDs (Data Loader).
      org!.setLocalAttributes(spId, { federationId: person.email });
      const loaded = await signIn();
      ctx.expect(
        reached(loaded),
        `After the admin set the Federation ID, SSO still missed the user (${loaded?.reason ?? loaded?.outcome ?? 'no login'}) (SF-11, SF-15)`,
      );
      await setup.idp.updateUser(userId, { jobTitle: 'Federated Analyst' });
      const after = await signIn();
      ctx.expect(
        reached(after),
        `After a SCIM update SSO missed the user (${after?.message ?? after?.outcome ?? 'no login'}): SCIM must leave the admin's Federation ID alone (SF-10, SF-11)`,
      );
    },
  }),
];
