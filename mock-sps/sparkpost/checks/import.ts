/**
 * SparkPost's import row (SPK-05): users suspended in SparkPost are not imported.
 */
import type { Scenario, ScenarioContext } from '#harness/runner';
import {
  directoryUsersNamed,
  importerOf,
  provisioning,
  provisioningRequires as requires,
  seedSpUsers,
  spUserBody,
} from '#scenarios';
import { defineSparkPostCheck } from '../requirements.js';

export const sparkpostImportChecks: readonly Scenario[] = [
  defineSparkPostCheck({
    id: 'import/sparkpost-suspended-not-imported',
    title: 'SparkPost users suspended in the SP are neither offered nor imported',
    requirements: ['SPK-05', 'IDP-IDM-08'],
    level: 'DOC',
    requires: { ...requires, sp: 'sparkpost' },
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { sp } = setup;
      const [active] = seedSpUsers(ctx, sp, 1);
      const suspended = ctx.people.next();
      const suspendedId = sp.seedUser(spUserBody(suspended, { active: false }));
      const importer = importerOf(setup);
      const listing = await importer.list();
      ctx.expect(
        listing.users.some((user) => user.spId === active!.spId),
        `The active SparkPost user ${active!.person.email} was not offered for import (IDP-IDM-08)`,
      );
      const offered = listing.users.find((user) => user.spId === suspendedId);
      ctx.expect(
        offered === undefined,
        `The suspended SparkPost user ${suspended.email} was offered for import (listed active=${String(offered?.active)}); users suspended in SparkPost are not imported (SPK-05)`,
      );
      await importer.import(listing.newOnly());
      const accounts = directoryUsersNamed(setup, suspended.email);
      ctx.expect(
        accounts.length === 0,
        `Importing every New SparkPost user created a directory account for the suspended ${suspended.email}; users suspended in SparkPost are not imported (SPK-05)`,
      );
      ctx.expect(
        directoryUsersNamed(setup, active!.person.email).length === 1,
        `The active SparkPost user ${active!.person.email} was not imported (IDP-IDM-08)`,
      );
    },
  }),
];
