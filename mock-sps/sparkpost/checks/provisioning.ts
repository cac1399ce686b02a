import { ReferenceIdp } from '#harness/idp';
import type { Scenario, ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { SparkPostRefusal, type SparkPostAdmin, type SparkPostPlan } from '../quirks.js';
import {
  beyond,
  checkRegionalAccounts,
  createdBodies,
  expectScimError,
  expectStatus,
  mockOf,
  onboard,
  provisioning,
  spUserOf,
  connectorOf,
  idpFaultsOf,
  provisioningRequires,
} from '#scenarios';
import { defineSparkPostCheck } from '../requirements.js';
import { sparkpostCatalog } from '../idp.js';

const requires = { ...provisioningRequires, sp: 'sparkpost' } as const;
const SCIM_PATH = '/api/v1/users/scim/v2';

/** What `action` threw, or undefined when it did not. */
function thrown(action: () => unknown): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** SparkPost's SCIM quirks (SPK-02…SPK-06). */
export const sparkpostScenarios: readonly Scenario[] = [
  defineSparkPostCheck({
    id: 'provisioning/sparkpost-token-prerequisites',
    title: 'SparkPost generates a SCIM token only with SSO configured, on a Premier or Enterprise plan',
    requirements: ['SPK-02'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const sp = mockOf(ctx);
      const admin = sp.admin as SparkPostAdmin;
      admin.resetAccount({ plan: 'premier' });
      expectScimError(
        ctx,
        await ctx.scim.get('/Users', { query: { count: 1 } }),
        401,
        undefined,
        'a fresh account has no SCIM token, so no token is accepted (SPK-02)',
      );
      const withoutSso = thrown(() => admin.generateScimToken());
      ctx.expect(
        withoutSso instanceof SparkPostRefusal && /single sign-on|SSO/i.test(withoutSso.message),
        `Generate SCIM token on an account without SSO ${withoutSso === undefined ? 'gave a token' : `failed without saying SSO comes first: ${String(withoutSso)}`} (SPK-02: SSO must be configured first)`,
      );
      admin.configureSso();
      admin.setPlan('starter');
      const refused = thrown(() => admin.generateScimToken());
      ctx.expect(
        refused instanceof SparkPostRefusal && /Premier or Enterprise/i.test(refused.message),
        `Generate SCIM token on the Starter plan ${refused === undefined ? 'gave a token' : `failed without naming the plans: ${String(refused)}`} (SPK-02: Premier or Enterprise only)`,
      );
      ctx.expect(
        !admin.scimTokenGenerated,
        'A refused token generation left a SCIM token on the account (SPK-02)',
      );
      let token = '';
      for (const plan of ['premier', 'enterprise'] as const satisfies readonly SparkPostPlan[]) {
        admin.setPlan(plan);
        const generated = thrown(() => (token = admin.generateScimToken()));
        ctx.expect(
          generated === undefined,
          `Generate SCIM token on the '${plan}' plan with SSO configured failed: ${String(generated)} (SPK-02)`,
        );
        expectStatus(
          ctx,
          await ctx.client(token).get('/Users', { query: { count: 1 } }),
          200,
          `the token generated on the '${plan}' plan is accepted (SPK-02)`,
        );
      }
      admin.setPlan('starter');
      expectScimError(
        ctx,
        await ctx.client(token).get('/Users', { query: { count: 1 } }),
        403,
        undefined,
        'SCIM stops when the plan drops below Premier (SPK-02; the 403 is assumed)',
      );
      admin.setPlan('premier');
      const idp = new ReferenceIdp({
        fetch: ctx.instance.fetch,
        record: ctx.record,
        faults: idpFaultsOf(ctx),
        ...connectorOf(ctx),
      });
      const app = idp.createApplication(sparkpostCatalog);
      try {
        await idp.activateIdm(app, { baseUrl: ctx.instance.scimBaseUrl!, token });
      } catch (error) {
        ctx.fail(`Activation with the generated SCIM token failed (SPK-02): ${String(error)}`);
      }
    },
  }),
  defineSparkPostCheck({
    id: 'provisioning/sparkpost-regional-base-url',
    title: 'SparkPost answers SCIM at /api/v1/users/scim/v2 on its US, EU and enterprise tenant hosts',
    requirements: ['SPK-03'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      await checkRegionalAccounts(
        ctx,
        {
          us: `https://api.sparkpost.com${SCIM_PATH}`,
          eu: `https://api.eu.sparkpost.com${SCIM_PATH}`,
          enterprise: `https://acme.api.e.sparkpost.com${SCIM_PATH}`,
        },
        'SPK-03',
        { tenant: 'acme' },
      );
    },
  }),
  defineSparkPostCheck({
    id: 'provisioning/sparkpost-attributes',
    title:
      'SparkPost receives userName, emails, active and name, keeping the names as its firstName and lastName',
    requirements: ['SPK-04', 'IDP-IDM-04'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const mark = ctx.exchanges.length;
      const { person, userId, spId } = await onboard(ctx, setup);
      const [sent] = createdBodies(ctx.exchanges.slice(mark));
      if (sent === undefined) return ctx.fail(`The IdP sent no POST /Users for ${person.username}`);
      const extra = beyond(sent, {
        schemas: true,
        userName: true,
        emails: true,
        active: true,
        name: ['givenName', 'familyName'],
      });
      ctx.expect(
        extra.length === 0,
        `The IdP sent ${extra.join(', ')} to SparkPost, beyond its attribute table (SPK-04)`,
      );
      const stored = spUserOf(ctx, setup, userId);
      if (stored === undefined) return ctx.fail(`${person.username} was not provisioned`);
      const emails = Array.isArray(stored.resource.emails) ? stored.resource.emails : [];
      const checks: [string, unknown, unknown][] = [
        ['userName', stored.resource.userName, person.username],
        ['emails.value', isJsonObject(emails[0]) ? emails[0].value : undefined, person.email],
        ['active', stored.resource.active, true],
        ['firstName (name.givenName)', stored.local.firstName, person.firstname],
        ['lastName (name.familyName)', stored.local.lastName, person.lastname],
      ];
      const wrong = checks
        .filter(([, actual, expected]) => actual !== expected)
        .map(([label, actual, expected]) => `${label}: '${String(actual)}' (expected '${String(expected)}')`);
      ctx.expect(
        wrong.length === 0,
        `SparkPost's user differs from the attribute table (SPK-04): ${wrong.join('; ')}`,
      );
      const read = await ctx.scim.get(`/Users/${spId}`);
      expectStatus(ctx, read, 200, 'the provisioned user is readable');
      const name =
        isJsonObject(read.body) && isJsonObject(read.body.name) ? (read.body.name as JsonObject) : {};
      ctx.expect(
        name.givenName === person.firstname && name.familyName === person.lastname,
        `Over SCIM SparkPost shows name ${JSON.stringify(name)}; its firstName and lastName are name.givenName and name.familyName (SPK-04)`,
      );
      await setup.idp.updateUser(userId, { lastname: 'Renamed' });
      const after = spUserOf(ctx, setup, userId)?.local ?? {};
      ctx.expect(
        after.lastName === 'Renamed' && after.firstName === person.firstname,
        `After a last-name change SparkPost holds firstName '${String(after.firstName)}', lastName '${String(after.lastName)}' (SPK-04)`,
      );
    },
  }),
];
