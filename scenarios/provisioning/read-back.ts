import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import {
  CONNECT_CHECK,
  assignedUser,
  CREATE_CHECK,
  act,
  assign,
  dialectOf,
  lifecycle,
  messageOf,
  provisioned,
  readBack,
  type Lifecycle,
} from '../read-back.js';

/** The read-back checks drive the IdP; they need a target it can provision, inspection or not. */
const requires = { provisioning: true } as const;

const lower = (value: unknown): string => String(value).toLowerCase();

export const readBackProvisioningScenarios = [
  defineScenario({
    id: CONNECT_CHECK,
    title: "turning provisioning on passes the IdP's connection test and leaves nothing behind",
    requirements: ['SCIM-LIFECYCLE-CONNECT'],
    level: 'MUST',
    clause: 'RFC 7644 §3.3, §3.4.2.2, §3.6',
    requires,
    async run(ctx: ScenarioContext) {
      const dialect = dialectOf(ctx);
      try {
        await lifecycle(ctx);
      } catch (error) {
        ctx.fail(
          `${dialect.idp}'s connection test failed, so its admins cannot turn provisioning on: ${messageOf(error)}`,
        );
      }
      const leftovers: string[] = [];
      for (const exchange of ctx.exchanges) {
        const { request, response } = exchange;
        if (request.method !== 'POST' || !request.url.endsWith('/Users') || (response?.status ?? 500) >= 300)
          continue;
        const id = (JSON.parse(response!.body ?? '{}') as JsonObject).id;
        if (typeof id !== 'string') continue;
        const { resource } = await readBack(ctx, '/Users', id);
        if (resource !== undefined && resource.active !== false) leftovers.push(id);
      }
      ctx.expect(
        leftovers.length === 0,
        `${dialect.idp}'s connection test left ${leftovers.length} active test user(s) behind (${leftovers.join(', ')}): its DELETE (or deactivation) did not take effect (RFC 7644 §3.6)`,
      );
    },
  }),
  defineScenario({
    id: CREATE_CHECK,
    title: 'a user assigned in the IdP is created with the attributes it sent',
    requirements: ['SCIM-LIFECYCLE-CREATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.3',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { person, spId } = await assign(ctx, setup);
      ctx.expect(
        spId !== undefined,
        `${setup.dialect.idp} could not create ${person.username}: ${lastFailure(setup)}`,
      );
      const { resource } = await readBack(ctx, '/Users', spId);
      ctx.expect(
        resource !== undefined,
        `GET /Users/${spId} answered 404 right after the create (RFC 7644 §3.3)`,
      );
      const name = isJsonObject(resource.name) ? resource.name : {};
      const emails = Array.isArray(resource.emails) ? resource.emails.filter(isJsonObject) : [];
      const wrong = [
        lower(resource.userName) === lower(person.username)
          ? ''
          : `userName is '${String(resource.userName)}'`,
        name.givenName === person.firstname ? '' : `name.givenName is '${String(name.givenName)}'`,
        name.familyName === person.lastname ? '' : `name.familyName is '${String(name.familyName)}'`,
        emails.some((e) => lower(e.value) === lower(person.email)) ? '' : 'the work email is missing',
        resource.active === true ? '' : `active is ${JSON.stringify(resource.active)}, not true`,
      ].filter(Boolean);
      ctx.expect(
        wrong.length === 0,
        `The user ${setup.dialect.idp} created reads back wrong: ${wrong.join('; ')} (RFC 7644 §3.3: the resource holds what was sent)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/update-read-back',
    title: 'a directory change reaches the user',
    requirements: ['SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      await act(ctx, setup, 'update the user', () =>
        setup.idp.updateUser(userId, { lastname: 'Updated-Lastname' }),
      );
      const after = await provisioned(ctx, spId);
      const name = isJsonObject(after.name) ? after.name : {};
      ctx.expect(
        name.familyName === 'Updated-Lastname',
        `After ${setup.dialect.idp} sent a changed family name (${updateVerb(setup)}), name.familyName reads back '${String(name.familyName)}': profile changes never reach the app (RFC 7644 §3.5)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/rename-read-back',
    title: "a changed username reaches the user's userName",
    requirements: ['SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5; RFC 7643 §4.1.1',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      const renamed = `${ctx.unique('renamed').toLowerCase()}@example.com`;
      await act(ctx, setup, 'rename the user', () =>
        setup.idp.updateUser(userId, { username: renamed, email: renamed }),
      );
      const after = await provisioned(ctx, spId);
      ctx.expect(
        lower(after.userName) === renamed,
        `After ${setup.dialect.idp} sent a new userName (${updateVerb(setup)}), it reads back '${String(after.userName)}': a renamed employee keeps the old sign-in name (RFC 7644 §3.5)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/reconnect-takes-over',
    title: 'a second IdP connection finds the existing user by its lookup and does not duplicate it',
    requirements: ['SCIM-LIFECYCLE-CREATE', 'SCIM-LIST-FILTER'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.2; RFC 7643 §4.1.1 (userName caseExact false)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { person, spId } = await assignedUser(ctx, setup);
      // A fresh IdP knows nothing of the user: only its lookup filter can find it (re-connecting, or a second tenant).
      const again = await lifecycle(ctx);
      const { spId: second } = await assign(ctx, again, person);
      ctx.expect(
        second === spId,
        second === undefined
          ? `${setup.dialect.idp}'s lookup did not find ${person.username} and its create failed: ${lastFailure(again)}`
          : `${setup.dialect.idp}'s lookup did not find ${person.username}, so it created a duplicate (${second}) beside ${spId}`,
      );
    },
  }),
];

/** The last failed provisioning event's detail, for a message. */
export function lastFailure(setup: Lifecycle): string {
  const failed = setup.idp.insights.events.filter((e) => e.outcome === 'failure');
  return failed.at(-1)?.detail ?? 'no failure was recorded';
}

/** How the dialect sends a profile change, for a message. */
const updateVerb = (setup: Lifecycle): string => setup.dialect.update.method;
