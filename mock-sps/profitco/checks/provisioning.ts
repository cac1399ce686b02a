import { IdpError, ReferenceIdp } from '#harness/idp';
import type { Scenario, ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import type { ProfitcoAdmin } from '../quirks.js';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE } from '#harness/scim';
import {
  beyond,
  checkRegionalAccounts,
  createdBodies,
  createUser,
  expectScimError,
  expectStatus,
  messageOf,
  mockOf,
  onboard,
  provisioning,
  spUserOf,
  connectorOf,
  idpFaultsOf,
  provisioningRequires,
} from '#scenarios';
import { defineProfitcoCheck } from '../requirements.js';
import { profitcoCatalog } from '../idp.js';

const requires = { ...provisioningRequires, sp: 'profitco' } as const;
/** PCO-02 **assumed** token format, as the SP's errors name it. */
const TOKEN_FORMAT = '<API Key>:<SCIM Key>';
/** PCO-05: given name, family name, email, active, title and department, as SCIM carries them. */
const SUPPORTED = {
  schemas: true,
  userName: true,
  emails: true,
  active: true,
  title: true,
  name: ['givenName', 'familyName'],
  [ENTERPRISE]: ['department'],
} as const;

const first = (value: unknown): JsonObject | undefined =>
  Array.isArray(value) && isJsonObject(value[0]) ? value[0] : undefined;

/** Runs `action`, failing the check with `what` when the IdP refuses it. */
async function step(ctx: ScenarioContext, what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    ctx.fail(`${what} failed: ${messageOf(error)}`);
  }
}

/** Profit.co's SCIM quirks (PCO-02…PCO-07). */
export const profitcoScenarios: readonly Scenario[] = [
  defineProfitcoCheck({
    id: 'provisioning/profitco-regional-base-url',
    title: 'Profit.co answers SCIM on its US (api) and EU (eu) hosts, and each region is its own account',
    requirements: ['PCO-02'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const path = mockOf(ctx).profile.scim?.basePath ?? '';
      await checkRegionalAccounts(
        ctx,
        { us: `https://api.profit.co${path}`, eu: `https://eu.profit.co${path}` },
        'PCO-02',
      );
    },
  }),
  defineProfitcoCheck({
    id: 'provisioning/profitco-token-format',
    title:
      'the Profit.co token is "<API Key>:<SCIM Key>"; a malformed one is refused with 401 naming the format',
    requirements: ['PCO-02', 'IDP-IDM-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const sp = mockOf(ctx);
      const admin = sp.admin as ProfitcoAdmin;
      const token = `${admin.apiKey}:${admin.scimKey}`;
      ctx.expect(
        ctx.instance.token === token,
        `The token Profit.co's admin pastes is not "${TOKEN_FORMAT}" formed from Settings → Security → API Access (PCO-02)`,
      );
      expectStatus(
        ctx,
        await ctx.client(token).get('/Users', { query: { count: 1 } }),
        200,
        `the token formed as ${TOKEN_FORMAT} is accepted (PCO-02)`,
      );
      const malformed: Record<string, string> = {
        'the SCIM Key alone': admin.scimKey,
        'the API Key alone': admin.apiKey,
        'both keys run together': `${admin.apiKey}${admin.scimKey}`,
        'both keys joined by ";"': `${admin.apiKey};${admin.scimKey}`,
        'a third part after the keys': `${token}:extra`,
      };
      for (const [label, value] of Object.entries(malformed)) {
        const response = await ctx.client(value).get('/Users');
        expectScimError(ctx, response, 401, undefined, `${label} is not a Profit.co token (PCO-02)`);
        const detail = isJsonObject(response.body) ? String(response.body.detail) : '';
        ctx.expect(
          detail.includes(TOKEN_FORMAT),
          `The 401 for ${label} does not name the expected format "${TOKEN_FORMAT}" (PCO-02): '${detail}'`,
        );
      }
      expectScimError(
        ctx,
        await ctx.client(`${admin.scimKey}:${admin.apiKey}`).get('/Users'),
        401,
        undefined,
        'the keys in the wrong order are refused (PCO-02)',
      );
      const idp = new ReferenceIdp({
        fetch: ctx.instance.fetch,
        record: ctx.record,
        faults: idpFaultsOf(ctx),
        ...connectorOf(ctx),
      });
      const app = idp.createApplication(profitcoCatalog);
      let refusal = '';
      try {
        await idp.activateIdm(app, { baseUrl: ctx.instance.scimBaseUrl!, token: admin.scimKey });
      } catch (error) {
        refusal = messageOf(error);
      }
      ctx.expect(
        refusal.includes(TOKEN_FORMAT),
        `Activating with the SCIM Key alone ${refusal ? `was refused without naming the format: '${refusal}'` : 'was not refused'}; the admin must learn the token is "${TOKEN_FORMAT}" (PCO-02)`,
      );
    },
  }),
  defineProfitcoCheck({
    id: 'provisioning/profitco-test-connection',
    title: 'Profit.co is activated only after a passing Test Connection, which deactivates its test user',
    requirements: ['PCO-03', 'IDP-IDM-01', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const sp = mockOf(ctx);
      const admin = sp.admin as ProfitcoAdmin;
      const baseUrl = ctx.instance.scimBaseUrl!;
      const idp = new ReferenceIdp({
        fetch: ctx.instance.fetch,
        record: ctx.record,
        faults: idpFaultsOf(ctx),
        ...connectorOf(ctx),
      });
      const app = idp.createApplication(profitcoCatalog);
      let refused: unknown;
      try {
        await idp.activateIdm(app, { baseUrl, token: admin.scimKey });
      } catch (error) {
        refused = error;
      }
      ctx.expect(
        refused instanceof IdpError,
        'Activation with a malformed token (the SCIM Key alone) was not refused; the Test Connection must pass first (PCO-03)',
      );
      const saved = app.idm;
      ctx.expect(
        saved === undefined && !app.provisioning,
        'A failed Test Connection left the integration saved as active (PCO-03, IDP-IDM-01)',
      );
      ctx.expect(
        sp.state().users.length === 0,
        `A failed Test Connection left ${sp.state().users.length} users in Profit.co`,
      );
      await step(ctx, 'Activation with the token formed from both keys (PCO-03)', () =>
        idp.activateIdm(app, { baseUrl, token: sp.token }),
      );
      ctx.expect(
        app.idm?.active === true,
        'A passing Test Connection did not activate the integration (PCO-03)',
      );
      const users = sp.state().users;
      ctx.expect(
        users.length === 1 && users[0]!.resource.active === false,
        `After the Test Connection Profit.co holds ${users.length} users (${users.map((u) => `active=${String(u.resource.active)}`).join(', ')}); the test user must stay, deactivated, since Profit.co does not support DELETE (IDP-IDM-01, PCO-07)`,
      );
      const deletes = ctx.exchanges.filter((e) => e.request.method === 'DELETE');
      ctx.expect(
        deletes.length === 0,
        `The IdP sent ${deletes.length} DELETE requests to Profit.co, which deactivates users instead (IDP-IDM-01, PCO-07)`,
      );
      const outcomes = idp.insights.ofType('idm_integration_activate').map((event) => event.outcome);
      ctx.expect(
        outcomes.join() === 'failure,success',
        `idm_integration_activate events were [${outcomes.join(', ')}]; expected a failure, then a success (IDP-IDM-10)`,
      );
    },
  }),
  defineProfitcoCheck({
    id: 'provisioning/profitco-attributes',
    title:
      'Profit.co receives and stores given name, family name, email, active, title and department, nothing else',
    requirements: ['PCO-05', 'IDP-IDM-04'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const mark = ctx.exchanges.length;
      const { person, userId } = await onboard(ctx, setup);
      const [sent] = createdBodies(ctx.exchanges.slice(mark));
      if (sent === undefined) return ctx.fail(`The IdP sent no POST /Users for ${person.username}`);
      const extra = beyond(sent, SUPPORTED);
      ctx.expect(
        extra.length === 0,
        `The IdP sent ${extra.join(', ')} to Profit.co, beyond its supported attributes (PCO-05)`,
      );
      const stored = spUserOf(ctx, setup, userId)?.resource;
      if (stored === undefined) return ctx.fail(`${person.username} was not provisioned`);
      const name = isJsonObject(stored.name) ? stored.name : {};
      const ext = isJsonObject(stored[ENTERPRISE]) ? stored[ENTERPRISE] : {};
      const checks: [string, unknown, unknown][] = [
        ['givenName', name.givenName, person.firstname],
        ['familyName', name.familyName, person.lastname],
        ['email (userName)', stored.userName, person.email],
        ['email (emails.value)', first(stored.emails)?.value, person.email],
        ['active', stored.active, true],
        ['title', stored.title, person.jobTitle],
        ['department', ext.department, person.department],
      ];
      const wrong = checks
        .filter(([, actual, expected]) => actual !== expected)
        .map(([label, actual, expected]) => `${label}: '${String(actual)}' (expected '${String(expected)}')`);
      ctx.expect(
        wrong.length === 0,
        `Profit.co's stored user differs from the IdP's (PCO-05): ${wrong.join('; ')}`,
      );
      // PCO-05: what Profit.co does not support is not stored, whoever sends it.
      const { id } = await createUser(ctx, {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
        nickName: 'Nick',
        locale: 'en_US',
        phoneNumbers: [{ value: '+1 555 0100', type: 'work' }],
        name: { givenName: 'Una', familyName: 'Supported', middleName: 'Middle' },
        [ENTERPRISE]: { department: person.department, employeeNumber: '42' },
      });
      const kept = setup.sp.state().users.find((user) => user.id === id)?.resource ?? {};
      const unsupported = beyond(kept, { ...SUPPORTED, id: true, meta: true });
      ctx.expect(
        unsupported.length === 0,
        `Profit.co stored ${unsupported.join(', ')}, which it does not support (PCO-05: given name, family name, email, active, title, department)`,
      );
    },
  }),
  defineProfitcoCheck({
    id: 'provisioning/profitco-departments',
    title:
      'Profit.co merges a department into an existing one (enabled or not), skips disabled ones, creates unknown ones',
    requirements: ['PCO-06'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const admin = setup.sp.admin as ProfitcoAdmin;
      admin.addDepartment('Engineering');
      admin.addDepartment('Finance', { enabled: false });
      const join = async (department: string) =>
        (await onboard(ctx, setup, ctx.people.next({ department }))).userId;
      const merged = await join('engineering');
      const skipped = await join('Finance');
      const creator = await join('Marketing');
      const joiner = await join('MARKETING');
      const named = (name: string) =>
        admin.departments().filter((department) => department.name.toLowerCase() === name.toLowerCase());
      for (const name of ['Engineering', 'Finance', 'Marketing']) {
        ctx.expect(
          named(name).length === 1,
          `Profit.co holds ${named(name).length} departments named ${name} (any case); an existing department is merged, never duplicated, and an unknown one created once (PCO-06)`,
        );
      }
      const [engineering, finance, marketing] = [
        named('Engineering')[0]!,
        named('Finance')[0]!,
        named('Marketing')[0]!,
      ];
      ctx.expect(!finance.enabled, 'Provisioning enabled the disabled Finance department');
      ctx.expect(marketing.enabled, 'The department created for an unknown name is disabled (PCO-06)');
      const placed = (userId: string) => spUserOf(ctx, setup, userId)?.local.departmentId;
      const name = (id: unknown) =>
        admin.departments().find((department) => department.id === id)?.name ?? 'none';
      ctx.expect(
        placed(merged) === engineering.id,
        `A user sent with department 'engineering' is in ${name(placed(merged))}; it must be merged into the existing Engineering (PCO-06)`,
      );
      ctx.expect(
        placed(skipped) === undefined,
        `A user sent with department 'Finance' was placed in ${name(placed(skipped))}; users are not synced to a disabled department (PCO-06)`,
      );
      ctx.expect(
        placed(creator) === marketing.id && placed(joiner) === marketing.id,
        `Users sent with 'Marketing' and 'MARKETING' are in ${name(placed(creator))} and ${name(placed(joiner))}; both belong in the one department created for it (PCO-06)`,
      );
      await step(ctx, 'Moving a user to the disabled Finance department', () =>
        setup.idp.updateUser(merged, { department: 'Finance' }),
      );
      ctx.expect(
        placed(merged) === engineering.id,
        `After a move to the disabled Finance department the user is in ${name(placed(merged))}; the sync to a disabled department does not take place (PCO-06)`,
      );
    },
  }),
  defineProfitcoCheck({
    id: 'provisioning/profitco-lifecycle',
    title:
      'Profit.co users are created, updated, deactivated (suspended or unassigned) and reactivated, never deleted',
    requirements: ['PCO-07', 'IDP-IDM-03', 'IDP-IDM-04', 'IDP-IDM-05', 'IDP-IDM-06'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, groupId } = setup;
      const { person, userId, spId } = await onboard(ctx, setup);
      ctx.expect(spId !== undefined, `Create: ${person.username} was not created in Profit.co (PCO-07)`);
      const read = async (rule: string): Promise<JsonObject> => {
        const response = await ctx.scim.get(`/Users/${spId}`);
        expectStatus(ctx, response, 200, `${rule}: the user stays in Profit.co`);
        return response.body as JsonObject;
      };
      ctx.expect((await read('Create')).active === true, 'Create: the new user is not active (PCO-07)');
      await step(ctx, 'Update', () =>
        idp.updateUser(userId, { lastname: 'Renamed', jobTitle: 'Head of OKRs' }),
      );
      const updated = await read('Update');
      ctx.expect(
        isJsonObject(updated.name) &&
          updated.name.familyName === 'Renamed' &&
          updated.title === 'Head of OKRs',
        `Update: Profit.co shows familyName '${String(isJsonObject(updated.name) ? updated.name.familyName : undefined)}', title '${String(updated.title)}' after the directory change (PCO-07, IDP-IDM-04)`,
      );
      const phases: [string, () => Promise<void>, boolean][] = [
        ['Deactivate on suspension', () => idp.setSuspended(userId, true), false],
        ['Reactivate on unsuspension', () => idp.setSuspended(userId, false), true],
        ['Deactivate on removal from the bound group', () => idp.removeFromGroup(groupId, userId), false],
        ['Reactivate on assignment back to the group', () => idp.addToGroup(groupId, userId), true],
      ];
      for (const [phase, action, active] of phases) {
        await step(ctx, phase, action);
        const shown = (await read(phase)).active;
        ctx.expect(
          shown === active,
          `${phase}: Profit.co shows active=${JSON.stringify(shown)}, expected ${String(active)} (PCO-07)`,
        );
      }
      const holders = setup.sp
        .state()
        .users.filter(
          (user) => String(user.resource.userName).toLowerCase() === person.username.toLowerCase(),
        );
      ctx.expect(
        holders.length === 1 && holders[0]!.id === spId && setup.app.users.get(userId)?.spId === spId,
        `Profit.co holds ${holders.length} users for ${person.username} after the lifecycle; reactivation must reuse the one user (IDP-IDM-03, IDP-IDM-06)`,
      );
      const deletes = ctx.exchanges.filter((e) => e.request.method === 'DELETE');
      ctx.expect(
        deletes.length === 0,
        `The IdP sent DELETE to Profit.co, which only deactivates users (PCO-07)`,
      );
    },
  }),
];
