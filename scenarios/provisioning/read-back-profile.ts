/** Profile changes as customers make them, each read back from the server after the IdP sent it. */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import {
  act,
  assignedUser,
  lifecycle,
  maps,
  prefixedPerson,
  provisioned,
  requireMapped,
} from '../read-back.js';

const requires = { provisioning: true } as const;

const nameOf = (user: JsonObject): JsonObject => (isJsonObject(user.name) ? user.name : {});

/** The email values a user holds, lower-cased. */
const emailsOf = (user: JsonObject): string[] =>
  (Array.isArray(user.emails) ? user.emails.filter(isJsonObject) : []).map((e) =>
    String(e.value).toLowerCase(),
  );

export const readBackProfileScenarios = [
  defineScenario({
    id: 'provisioning/several-changes-read-back',
    title: 'several attributes changed at once in the IdP all reach the user',
    requirements: ['SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2 (each operation is applied, in order)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const { userId, spId } = await assignedUser(ctx, setup);
      const title = maps(setup, 'jobTitle', 'title');
      await act(ctx, setup, 'update three attributes', () =>
        setup.idp.updateUser(userId, {
          firstname: 'Changed-Given',
          lastname: 'Changed-Family',
          ...(title ? { jobTitle: 'Changed Title' } : {}),
        }),
      );
      const after = await provisioned(ctx, spId);
      const name = nameOf(after);
      const missed = [
        name.givenName === 'Changed-Given' ? '' : `name.givenName is ${JSON.stringify(name.givenName)}`,
        name.familyName === 'Changed-Family' ? '' : `name.familyName is ${JSON.stringify(name.familyName)}`,
        !title || after.title === 'Changed Title' ? '' : `title is ${JSON.stringify(after.title)}`,
      ].filter(Boolean);
      ctx.expect(
        missed.length === 0,
        `After ${setup.dialect.idp} changed ${title ? 'three attributes' : 'both names'} in one update (${setup.dialect.update.method}), ${missed.join('; ')}: part of a profile change is lost (RFC 7644 §3.5.2: every operation of a PATCH is applied, or none)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/title-change-read-back',
    title: 'a job title changed in the IdP replaces the old one',
    requirements: ['SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.3 (replace), §3.5.2.1 (add replaces a singular value)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      requireMapped(ctx, setup, 'jobTitle', 'title');
      const { userId, spId } = await assignedUser(ctx, setup, {
        ...prefixedPerson(ctx),
        jobTitle: 'Analyst',
      });
      await act(ctx, setup, 'change the title', () =>
        setup.idp.updateUser(userId, { jobTitle: 'Principal Analyst' }),
      );
      const after = await provisioned(ctx, spId);
      ctx.expect(
        after.title === 'Principal Analyst',
        `After ${setup.dialect.idp} changed the title from 'Analyst' to 'Principal Analyst', title reads back ${JSON.stringify(after.title)}: a promotion never reaches the app (RFC 7644 §3.5.2.3: replace sets the new value)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/email-change-read-back',
    title: 'a changed work email replaces the old address, so mail does not go to the old one',
    requirements: ['SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.5.2.3 (replace of a multi-valued attribute or of a filtered value)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      requireMapped(ctx, setup, 'email', 'emails');
      if (maps(setup, 'email', 'userName'))
        ctx.notApplicable(
          `${setup.app.catalog.displayName}'s userName is the email, so an email change is a rename (provisioning/rename-read-back)`,
        );
      const { person, userId, spId } = await assignedUser(ctx, setup);
      const changed = `${ctx.unique('moved').toLowerCase()}@example.org`;
      await act(ctx, setup, 'change the email', () => setup.idp.updateUser(userId, { email: changed }));
      const emails = emailsOf(await provisioned(ctx, spId));
      ctx.expect(
        emails.includes(changed) && !emails.includes(person.email.toLowerCase()),
        `After ${setup.dialect.idp} changed the work email to ${changed}, the user's emails read back [${emails.join(', ')}]: ${emails.includes(changed) ? 'the old address is still there, so mail and resets can still go to it' : 'the new address never arrived'} (RFC 7644 §3.5.2.3: replace replaces the values, it does not append)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/unicode-name-read-back',
    title: 'a name with accents and non-Latin letters reads back exactly as sent',
    requirements: ['SCIM-LIFECYCLE-CREATE', 'SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7643 §2.3.1 (strings are Unicode); RFC 8259 §8.1 (JSON is UTF-8)',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const person = { ...prefixedPerson(ctx), firstname: 'Zoë', lastname: 'Ångström-Nguyễn' };
      const { userId, spId, resource } = await assignedUser(ctx, setup, person);
      const created = nameOf(resource);
      await act(ctx, setup, 'change the name', () => setup.idp.updateUser(userId, { firstname: 'Søren 李' }));
      const updated = nameOf(await provisioned(ctx, spId));
      ctx.expect(
        created.familyName === 'Ångström-Nguyễn' && updated.givenName === 'Søren 李',
        `${setup.dialect.idp} sent name.familyName 'Ångström-Nguyễn' and then name.givenName 'Søren 李'; they read back ${JSON.stringify(created.familyName)} and ${JSON.stringify(updated.givenName)}: the app shows and searches a mangled name (RFC 7643 §2.3.1, RFC 8259 §8.1: UTF-8 throughout)`,
      );
    },
  }),
];
