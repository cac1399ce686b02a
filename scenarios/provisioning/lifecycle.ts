import { IdpError } from '#harness/idp';
import { defineScenario } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import type { ScenarioContext } from '#harness/runner';
import { expectStatus, provisioning, spUserOf, onboard, provisioningRequires } from '../support.js';

const requires = provisioningRequires;

export const lifecycleScenarios = [
  defineScenario({
    id: 'provisioning/activation-test-connection',
    title: 'activation tests the connection with a test user and leaves nothing behind',
    requirements: ['IDP-IDM-01', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const { idp, sp, app } = await provisioning(ctx);
      const activated = idp.insights.ofType('idm_integration_activate');
      ctx.expect(
        app.idm?.active === true,
        'The integration is not active after a successful test connection',
      );
      ctx.expect(
        activated.length === 1 && activated[0]!.outcome === 'success',
        'No successful idm_integration_activate event was logged (IDP-IDM-10)',
      );
      const created = sp
        .requests()
        .filter((r) => r.method === 'POST' && r.path.startsWith('/Users') && r.status === 201);
      ctx.expect(created.length >= 1, 'Activation did not create a test user in the SP (IDP-IDM-01)');
      const state = sp.state();
      ctx.expect(
        state.groups.length === 0,
        `The test connection left ${state.groups.length} groups in the SP; it must delete its test group (IDP-IDM-01)`,
      );
      if (app.catalog.deleteUsers) {
        ctx.expect(
          state.users.length === 0,
          `The test connection left ${state.users.length} users in the SP; it must delete its test user (IDP-IDM-01)`,
        );
      } else {
        // IDP-IDM-01: where the SP does not support DELETE, the test user is deactivated instead.
        const active = state.users.filter((user) => user.resource.active !== false);
        ctx.expect(
          active.length === 0,
          `The test connection left ${active.length} active users in ${app.catalog.displayName}, which does not support DELETE; it must deactivate its test user (IDP-IDM-01)`,
        );
      }
    },
  }),
  defineScenario({
    id: 'provisioning/activation-refused',
    title: 'activation with a wrong token is refused and nothing is saved as active',
    requirements: ['IDP-IDM-01'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const { idp } = await provisioning(ctx);
      const app = idp.createApplication(idp.applications.get(ctx.target.sp)!.catalog, 'second');
      let refused: unknown;
      try {
        await idp.activateIdm(app, { baseUrl: ctx.instance.scimBaseUrl!, token: 'not-the-token' });
      } catch (error) {
        refused = error;
      }
      ctx.expect(refused instanceof IdpError, 'Activation with a wrong token was not refused (IDP-IDM-01)');
      ctx.expect(app.idm === undefined, 'A refused activation saved the integration');
      const failures = idp.insights
        .ofType('idm_integration_activate')
        .filter((e) => e.application === 'second');
      ctx.expect(
        failures.length === 1 && failures[0]!.outcome === 'failure',
        'The refused activation logged no failed idm_integration_activate event (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'provisioning/create-on-membership',
    title: 'a user joining a bound group is looked up, then created once',
    requirements: ['IDP-IDM-03', 'IDP-IDM-13', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { userId } = await onboard(ctx, setup);
      const user = setup.idp.directory.user(userId);
      const matches = setup.sp
        .state()
        .users.filter((u) => String(u.resource.userName).toLowerCase() === user.username.toLowerCase());
      ctx.expect(
        matches.length === 1,
        `The SP holds ${matches.length} users named ${user.username}; expected exactly one (IDP-IDM-03)`,
      );
      // The IdP's own exchanges: not every SP keeps request bodies in its log (INT-01 is Interact's option).
      const sent = ctx.exchanges;
      const lookup = sent.findIndex(
        (e) =>
          e.request.method === 'GET' &&
          new URL(e.request.url).searchParams.get('filter') === `userName eq "${user.username}"`,
      );
      const create = sent.findIndex(
        (e) =>
          e.request.method === 'POST' &&
          new URL(e.request.url).pathname.endsWith('/Users') &&
          e.response?.status === 201 &&
          (e.request.body ?? '').includes(user.username),
      );
      ctx.expect(
        lookup >= 0 && create > lookup,
        'The IdP did not look the user up (userName eq) before creating it (IDP-IDM-03, IDP-IDM-13)',
      );
      ctx.expect(
        setup.idp.insights.ofType('user_create_provision').some((e) => e.outcome === 'success'),
        'No user_create_provision event was logged (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'provisioning/takeover-existing-user',
    title: 'an SP user with the same userName is taken over, not duplicated',
    requirements: ['IDP-IDM-03'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const person = ctx.people.next();
      const existing = setup.sp.seedUser({
        userName: person.username.toUpperCase(),
        name: { givenName: 'Old', familyName: 'Name' },
      });
      const userId = await setup.idp.createUser(person);
      await setup.idp.addToGroup(setup.groupId, userId);
      const all = setup.sp
        .state()
        .users.filter((u) => String(u.resource.userName).toLowerCase() === person.username);
      ctx.expect(
        all.length === 1,
        `The SP holds ${all.length} users for ${person.username} after provisioning; the existing user must be taken over (IDP-IDM-03)`,
      );
      ctx.expect(
        setup.app.users.get(userId)?.spId === existing,
        'The IdP did not link the directory user to the existing SP user',
      );
      const name = all[0]!.resource.name as JsonObject | undefined;
      ctx.expect(
        name?.givenName === person.firstname,
        `The taken-over user was not updated: givenName is '${String(name?.givenName)}', expected '${person.firstname}'`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/attribute-update',
    title: 'a directory change is pushed as PATCH replace of the changed attribute only',
    requirements: ['IDP-IDM-04', 'IDP-IDM-13', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { userId } = await onboard(ctx, setup);
      const mark = ctx.exchanges.length;
      // The title where the app maps it (INT-04, PCO-05), else the family name, which every app maps.
      const mapsTitle = setup.app.catalog.mappings.some((row) => row.scim === 'title');
      const change = mapsTitle
        ? { field: { jobTitle: 'Principal Tester' }, path: 'title', value: 'Principal Tester' }
        : { field: { lastname: 'Tester-Principal' }, path: 'name', value: 'Tester-Principal' };
      await setup.idp.updateUser(userId, change.field);
      const sp = spUserOf(ctx, setup, userId);
      const stored = mapsTitle
        ? sp?.resource.title
        : (sp?.resource.name as JsonObject | undefined)?.familyName;
      ctx.expect(
        stored === change.value,
        `The SP user's ${mapsTitle ? 'title' : 'name.familyName'} is '${String(stored)}' after the directory change; expected '${change.value}' (IDP-IDM-04)`,
      );
      const patches = ctx.exchanges.slice(mark).filter((e) => e.request.method === 'PATCH');
      ctx.expect(
        patches.length === 1,
        `Expected one PATCH for one changed attribute, saw ${patches.length} (IDP-IDM-13)`,
      );
      const body = JSON.parse(patches[0]!.request.body ?? '{}') as { Operations?: JsonObject[] };
      const ops = body.Operations ?? [];
      ctx.expect(
        ops.length === 1 && ops[0]!.op === 'replace' && ops[0]!.path === change.path,
        `Expected one replace of '${change.path}', sent ${JSON.stringify(ops)} (IDP-IDM-13)`,
      );
      ctx.expect(
        setup.idp.insights.ofType('user_update_provision').some((e) => e.outcome === 'success'),
        'No user_update_provision event was logged (IDP-IDM-10)',
      );
    },
  }),
  defineScenario({
    id: 'provisioning/group-membership',
    title: 'bound groups are pushed with their members, and membership follows changes',
    requirements: ['IDP-IDM-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires: { ...requires, groups: true },
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, app, sp } = setup;
      const second = idp.directory.createGroup('Engineering').id;
      await idp.bindGroup(app, second);
      const a = await idp.createUser(ctx.people.next());
      const b = await idp.createUser(ctx.people.next());
      for (const user of [a, b]) {
        await idp.addToGroup(setup.groupId, user);
        await idp.addToGroup(second, user);
      }
      const spGroup = () => sp.state().groups.find((g) => g.resource.displayName === 'Engineering');
      const members = () =>
        ((spGroup()?.resource.members as JsonObject[] | undefined) ?? []).map((m) => m.value);
      const spA = app.users.get(a)?.spId;
      const spB = app.users.get(b)?.spId;
      ctx.expect(
        spGroup() !== undefined,
        'The bound group "Engineering" was not created in the SP (IDP-IDM-07, INT-06)',
      );
      ctx.expect(
        members().includes(spA) && members().includes(spB),
        `The SP group lists [${members().join(', ')}]; expected both members (IDP-IDM-07)`,
      );
      await idp.removeFromGroup(second, a);
      ctx.expect(
        !members().includes(spA) && members().includes(spB),
        `After removing a member the SP group lists [${members().join(', ')}] (IDP-IDM-07)`,
      );
      ctx.expect(
        idp.insights.ofType('group_update_provision').length > 0,
        'No group_update_provision event was logged (IDP-IDM-10)',
      );
      const user = await ctx.scim.get(`/Users/${spA!}`);
      expectStatus(ctx, user, 200, 'the user is still in another bound group');
      ctx.expect(
        isJsonObject(user.body) && user.body.active === true,
        'A user removed from one of two bound groups was deactivated (IDP-IDM-05 applies only when no bound group holds the user)',
      );
    },
  }),
  defineScenario({
    id: 'provisioning/no-empty-groups',
    title: 'a bound group with no members is not created in the SP',
    requirements: ['IDP-IDM-07'],
    level: 'DOC',
    requires: { ...requires, groups: true },
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const empty = setup.idp.directory.createGroup('Empty Group').id;
      await setup.idp.bindGroup(setup.app, empty);
      const groups = setup.sp.state().groups.map((g) => g.resource.displayName);
      ctx.expect(
        !groups.includes('Empty Group'),
        'The empty bound group was created in the SP; empty groups are not created (IDP-IDM-07)',
      );
    },
  }),
];
