import type { JsonObject } from '#harness/scim';
import type { ScenarioContext } from '#harness/runner';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness/scim';
import { expectStatus, onboard, provisioning, spUserOf, provisioningRequires } from '#scenarios';
import { defineInteractCheck } from '../requirements.js';

const requires = { ...provisioningRequires, sp: 'interact' } as const;

const first = (value: unknown): JsonObject | undefined =>
  Array.isArray(value) ? (value[0] as JsonObject | undefined) : undefined;

export const interactScenarios = [
  defineInteractCheck({
    id: 'provisioning/interact-base-url',
    title: 'Interact serves SCIM at /api/v2/scim/v2 behind a bearer token it generated',
    requirements: ['INT-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const base = ctx.instance.scimBaseUrl ?? '';
      ctx.expect(
        base.endsWith('/api/v2/scim/v2'),
        `The SCIM base URL is ${base}; Interact's is https://<subdomain>/api/v2/scim/v2 (INT-01)`,
      );
      expectStatus(
        ctx,
        await ctx.scim.get('/Users', { query: { count: 1 } }),
        200,
        'the generated token is accepted (INT-01)',
      );
      expectStatus(
        ctx,
        await ctx.client('guessed-token').get('/Users'),
        401,
        'any other token is refused (INT-01)',
      );
    },
  }),
  defineInteractCheck({
    id: 'provisioning/interact-inactive-integration',
    title: 'with the SCIM integration not Active, Interact refuses provisioning',
    requirements: ['INT-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      setup.sp.setIntegrationActive(false);
      expectStatus(
        ctx,
        await ctx.scim.get('/Users'),
        401,
        'an inactive integration refuses requests (INT-01 "Active")',
      );
      setup.sp.setIntegrationActive(true);
      expectStatus(ctx, await ctx.scim.get('/Users'), 200, 'the reactivated integration answers again');
    },
  }),
  defineInteractCheck({
    id: 'provisioning/interact-request-body-log',
    title: 'Interact logs request bodies when "Log Request Body" is on',
    requirements: ['INT-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      await onboard(ctx, setup);
      const posts = setup.sp.requests().filter((r) => r.method === 'POST');
      ctx.expect(
        posts.length > 0 && posts.every((r) => typeof r.body === 'string' && r.body.length > 0),
        'The SP request log holds POSTs without their bodies (INT-01 request-body logging)',
      );
    },
  }),
  defineInteractCheck({
    id: 'provisioning/interact-attribute-mapping',
    title: 'every mapped attribute arrives in Interact where the table says',
    requirements: ['INT-04', 'IDP-IDM-04'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { person, userId } = await onboard(ctx, setup);
      const sp = spUserOf(ctx, setup, userId);
      ctx.expect(sp !== undefined, `${person.username} was not provisioned`);
      const r = sp.resource;
      const name = r.name as JsonObject | undefined;
      const ext = r[ENTERPRISE] as JsonObject | undefined;
      const checks: [string, unknown, unknown][] = [
        ['userName', r.userName, person.username],
        ['active', r.active, true],
        ['userType (employeeType)', r.userType, person.employeeType],
        ['emails.value (email)', first(r.emails)?.value, person.email],
        ['externalId (employeeIdentifier)', r.externalId, person.employeeIdentifier],
        ['name.givenName', name?.givenName, person.firstname],
        ['name.familyName', name?.familyName, person.lastname],
        ['title (jobTitle)', r.title, person.jobTitle],
        ['preferredLanguage', r.preferredLanguage, person.preferredLanguage],
        ['locale', r.locale, person.locale],
        ['phoneNumbers.value', first(r.phoneNumbers)?.value, person.phoneNumbers?.[0]?.number],
        ['department', ext?.department, person.department],
        ['organization (company)', ext?.organization, person.company],
        ['addresses.streetAddress', first(r.addresses)?.streetAddress, person.addresses?.[0]?.streetAddress],
        ['addresses.region', first(r.addresses)?.region, person.addresses?.[0]?.region],
      ];
      const wrong = checks
        .filter(([, actual, expected]) => actual !== expected)
        .map(([label, actual, expected]) => `${label}: '${String(actual)}' (expected '${String(expected)}')`);
      ctx.expect(
        wrong.length === 0,
        `Interact's stored user differs from the mapping table (INT-04): ${wrong.join('; ')}`,
      );
    },
  }),
  defineInteractCheck({
    id: 'provisioning/interact-locality-formatted',
    title: 'addresses.locality arrives but is stored as addresses.formatted',
    requirements: ['INT-04'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { person, userId } = await onboard(ctx, setup);
      const address = first(spUserOf(ctx, setup, userId)?.resource.addresses);
      const city = person.addresses?.[0]?.locality;
      ctx.expect(
        address?.formatted === city,
        `addresses.formatted is '${String(address?.formatted)}'; Interact stores Work City (locality '${String(city)}') there (INT-04)`,
      );
      ctx.expect(
        address?.locality === undefined,
        `addresses.locality is still stored ('${String(address?.locality)}'); Interact keeps it as formatted only (INT-04)`,
      );
    },
  }),
  defineInteractCheck({
    id: 'provisioning/interact-unmanaged-attributes',
    title: 'attributes the IdP does not manage keep their Interact values across updates',
    requirements: ['INT-05'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { userId } = await onboard(ctx, setup);
      const spId = setup.app.users.get(userId)!.spId!;
      const local = {
        timezone: 'Europe/London',
        bio: 'Set in Interact',
        DOB: '1990-01-01',
        linkedInId: 'in/someone',
      };
      setup.sp.setLocalAttributes(spId, local);
      await setup.idp.updateUser(userId, { jobTitle: 'Updated by the IdP', lastname: 'Renamed' });
      const kept = spUserOf(ctx, setup, userId)?.local ?? {};
      const lost = Object.entries(local)
        .filter(([key, value]) => kept[key] !== value)
        .map(([key]) => key);
      ctx.expect(
        lost.length === 0,
        `After an IdP update Interact lost its own values for ${lost.join(', ')} (INT-05)`,
      );
    },
  }),
  defineInteractCheck({
    id: 'provisioning/interact-token-rotation',
    title: 'a new Interact token needs the integration deactivated and reactivated',
    requirements: ['INT-07', 'INT-01', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const token = setup.sp.rotateToken();
      const userId = await setup.idp.createUser(ctx.people.next());
      let failed = false;
      try {
        await setup.idp.addToGroup(setup.groupId, userId);
      } catch {
        failed = true;
      }
      ctx.expect(
        failed,
        'Provisioning kept working with the old token after Interact generated a new one (INT-01: the token is replaced)',
      );
      setup.app.idm = undefined;
      await setup.idp.activateIdm(setup.app, { baseUrl: ctx.instance.scimBaseUrl!, token });
      ctx.expect(
        spUserOf(ctx, setup, userId) !== undefined,
        'After reactivating with the new token the pending user was not provisioned (INT-07)',
      );
    },
  }),
];
