import { manualImport, type DialectProfile } from '#harness/idp';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { isJsonObject } from '#harness/scim';
import { createUser } from '../support.js';
import { act, lifecycle, messageOf, prefixedPerson, provisioned, type Lifecycle } from '../read-back.js';

/** The reference IdP set up for the target; not applicable where its dialect does not import users. */
async function importing(
  ctx: ScenarioContext,
): Promise<{ setup: Lifecycle; paging: NonNullable<DialectProfile['imports']> }> {
  const setup = await lifecycle(ctx);
  const paging = setup.dialect.imports;
  if (paging === null) ctx.notApplicable(`${setup.dialect.idp} does not import users from the app`);
  return { setup, paging };
}

export const readBackImportScenarios = [
  defineScenario({
    id: 'import/list-read-back',
    title: "the IdP's import pages through the users and lists each once",
    requirements: ['SCIM-LIFECYCLE-IMPORT', 'SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    requires: { provisioning: true },
    async run(ctx: ScenarioContext) {
      const { setup, paging } = await importing(ctx);
      const created = [];
      for (let i = 0; i < 3; i++) created.push((await createUser(ctx, {})).id);
      // Small pages make the walk cross page boundaries whatever the tenant holds.
      let listing;
      try {
        listing = await manualImport(setup.idp, setup.app, { pageSize: Math.min(paging.count, 2) }).list();
      } catch (error) {
        ctx.fail(`${setup.dialect.idp}'s import could not list the users: ${messageOf(error)}`);
      }
      const counts = created.map((id) => listing.users.filter((user) => user.spId === id).length);
      ctx.expect(
        counts.every((n) => n === 1),
        `Paging ${listing.pages} pages of ${Math.min(paging.count, 2)}, the import saw the 3 users created ${counts.join(', ')} times: users are missed or doubled on import (RFC 7644 §3.4.2.4: startIndex is 1-based, totalResults counts every match)`,
      );
    },
  }),
  defineScenario({
    id: 'import/imported-user-managed-read-back',
    title: 'a user imported from the app is then managed by the IdP: its changes reach that same user',
    requirements: ['SCIM-LIFECYCLE-IMPORT', 'SCIM-LIFECYCLE-UPDATE'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2 (the user as listed), §3.4.2.2 (the lookup finds it), §3.5',
    requires: { provisioning: true },
    async run(ctx: ScenarioContext) {
      const { setup, paging } = await importing(ctx);
      const person = prefixedPerson(ctx);
      const existing = await createUser(ctx, {
        userName: person.username,
        name: { givenName: person.firstname, familyName: person.lastname },
        emails: [{ type: 'work', primary: true, value: person.email }],
      });
      const importer = manualImport(setup.idp, setup.app, { pageSize: paging.count });
      const listing = await act(ctx, setup, 'list the users for import', () => importer.list());
      const candidate = listing.users.find((user) => user.spId === existing.id);
      ctx.expect(
        candidate !== undefined,
        `${setup.dialect.idp}'s import did not list the user ${existing.id}`,
      );
      const run = await act(ctx, setup, 'import the user', () => importer.import([candidate]));
      const userId = run.mode === 'synchronous' ? run.results[0]?.userId : undefined;
      ctx.expect(userId !== undefined, `${setup.dialect.idp} could not import ${person.username}`);
      const imported = setup.idp.directory.user(userId);
      ctx.expect(
        imported.firstname === person.firstname && imported.lastname === person.lastname,
        `The directory user imported from ${person.username} is named '${imported.firstname} ${imported.lastname}', not '${person.firstname} ${person.lastname}': the list did not carry the user's name (RFC 7644 §3.4.2: resources are listed with their default attributes)`,
      );
      await act(ctx, setup, 'assign the imported user', () => setup.idp.addToGroup(setup.groupId, userId));
      const linked = setup.app.users.get(userId)?.spId;
      ctx.expect(
        linked === existing.id,
        `Assigning the imported user linked ${String(linked)}, not the user ${existing.id} it was imported from: the app now has two accounts for one person`,
      );
      await act(ctx, setup, 'update the imported user', () =>
        setup.idp.updateUser(userId, { lastname: 'Imported-Changed' }),
      );
      const after = await provisioned(ctx, linked);
      const name = isJsonObject(after.name) ? after.name : {};
      ctx.expect(
        name.familyName === 'Imported-Changed',
        `After ${setup.dialect.idp} changed the imported user's family name, it reads back ${JSON.stringify(name.familyName)}: an imported user is never kept up to date`,
      );
    },
  }),
];
