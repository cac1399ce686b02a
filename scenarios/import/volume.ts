import { SYNCHRONOUS_IMPORT_LIMIT, type ImportedUser } from '#harness/idp';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import { provisioning, provisioningRequires } from '../support.js';
import { directoryUsersNamed, importerOf, reason, seedSpUsers } from './support.js';

const requires = provisioningRequires;

/** More than 100, over several pages of 100. */
const BACKGROUND_COUNT = 150;

export const volumeScenarios = [
  defineScenario({
    id: 'import/synchronous-up-to-100',
    title: 'an import of up to 100 users comes back at once, with no background run',
    requirements: ['IDP-IDM-08'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      // IDP-IDM-08: the guides say "less than 100" at once and "more than 100" in the background;
      // IDP-IDM-08 says up to 100 at once, so exactly 100 (the edge the guides leave open) must come back at once.
      const seeded = seedSpUsers(ctx, setup.sp, SYNCHRONOUS_IMPORT_LIMIT);
      const importer = importerOf(setup);
      const ids = new Set(seeded.map((user) => user.spId));
      const selected = (await importer.list()).newOnly().filter((user) => ids.has(user.spId));
      ctx.expect(
        selected.length === seeded.length,
        `Only ${selected.length} of the ${seeded.length} SP users were offered as New (IDP-IDM-08)`,
      );
      const run = await importer.import(selected);
      ctx.expect(
        run.mode === 'synchronous',
        `Importing ${selected.length} users ran in the background; up to ${SYNCHRONOUS_IMPORT_LIMIT} users the results come back at once (IDP-IDM-08)`,
      );
      const created = run.results.filter((result) => result.outcome === 'created');
      ctx.expect(
        created.length === selected.length,
        `The import came back with ${created.length} of ${selected.length} users created: ${run.results.find((result) => result.outcome !== 'created')?.detail ?? ''} (IDP-IDM-08)`,
      );
      const absent = seeded.filter(({ person }) => directoryUsersNamed(setup, person.email).length !== 1);
      ctx.expect(
        absent.length === 0,
        `${absent.length} imported users have no single directory account (e.g. ${absent[0]?.person.email}) (IDP-IDM-08)`,
      );
      ctx.expect(
        setup.idp.notifications.length === 0,
        `A synchronous import sent a notification (${setup.idp.notifications[0]?.subject}); only a background import ends with one (IDP-IDM-08)`,
      );
    },
  }),
  defineScenario({
    id: 'import/background-over-100',
    title: 'an import of more than 100 users runs in the background and ends with a completion notification',
    requirements: ['IDP-IDM-08'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const seeded = seedSpUsers(ctx, setup.sp, BACKGROUND_COUNT);
      const importer = importerOf(setup);
      const listing = await importer.list();
      const ids = new Set(seeded.map((user) => user.spId));
      const selected = listing.newOnly().filter((user) => ids.has(user.spId));
      ctx.expect(
        selected.length === seeded.length,
        `Only ${selected.length} of the ${seeded.length} SP users were offered as New, over ${listing.pages} page(s); the list must cover every page (IDP-IDM-08)`,
      );
      const run = await importer.import(selected);
      ctx.expect(
        run.mode === 'background',
        `Importing ${selected.length} users came back at once; above ${SYNCHRONOUS_IMPORT_LIMIT} users the import must run in the background and end with a completion notification (IDP-IDM-08)`,
      );
      let results: ImportedUser[] = [];
      try {
        results = await run.done;
      } catch (error) {
        ctx.fail(`The background import failed: ${reason(error)} (IDP-IDM-08)`);
      }
      const created = results.filter((result) => result.outcome === 'created');
      ctx.expect(
        created.length === selected.length,
        `The background import created ${created.length} of ${selected.length} users (IDP-IDM-08)`,
      );
      const absent = seeded.filter(({ person }) => directoryUsersNamed(setup, person.email).length !== 1);
      ctx.expect(
        absent.length === 0,
        `${absent.length} users of the background import have no single directory account (e.g. ${absent[0]?.person.email}) (IDP-IDM-08)`,
      );
      const notices = setup.idp.notifications.filter((notice) => notice.application === setup.app.name);
      ctx.expect(
        notices.length === 1,
        `The background import ended with ${notices.length} notifications to the admin; it must end with one completion notification (IDP-IDM-08)`,
      );
      ctx.expect(
        notices[0]!.detail.includes(String(selected.length)) &&
          !Number.isNaN(Date.parse(notices[0]!.timestamp)),
        `The completion notification says '${notices[0]!.detail}' at '${notices[0]!.timestamp}'; it must say how many users were imported, and when (IDP-IDM-08)`,
      );
    },
  }),
];
