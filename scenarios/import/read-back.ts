import { manualImport } from '#harness/idp';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { createUser } from '../support.js';
import { lifecycle, messageOf } from '../read-back.js';

export const readBackImportScenarios = [
  defineScenario({
    id: 'import/list-read-back',
    title: "the IdP's import pages through the users and lists each once",
    requirements: ['SCIM-LIFECYCLE-IMPORT', 'SCIM-LIST-PAGINATION'],
    level: 'MUST',
    clause: 'RFC 7644 §3.4.2.4',
    requires: { provisioning: true },
    async run(ctx: ScenarioContext) {
      const setup = await lifecycle(ctx);
      const paging = setup.dialect.imports;
      if (paging === null) ctx.notApplicable(`${setup.dialect.idp} does not import users from the app`);
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
];
