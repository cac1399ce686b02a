import { defineScenario, type ScenarioContext } from '#harness/runner';
import { provisioning, provisioningRequires } from '../support.js';
import { directoryUsersNamed, importerOf, seedSpUsers, type SeededUser } from './support.js';

const requires = provisioningRequires;

/** More users than one page of 100 holds. */
const SEEDED = 101;

export const listingScenarios = [
  defineScenario({
    id: 'import/lists-all-pages',
    title: "manual import lists the SP's users over every page",
    requirements: ['IDP-IDM-08'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const seeded = seedSpUsers(ctx, setup.sp, SEEDED);
      const mark = setup.sp.requests().length;
      const listing = await importerOf(setup).list();
      ctx.expect(
        listing.totalResults >= SEEDED,
        `The SP answered the import's list with totalResults=${listing.totalResults} while it holds at least the ${SEEDED} users seeded; totalResults counts every match, not one page (RFC 7644 §3.4.2.4)`,
      );
      const listed = new Set(listing.users.map((user) => user.spId));
      const missing = seeded.filter((user) => !listed.has(user.spId));
      ctx.expect(
        missing.length === 0,
        `The import list misses ${missing.length} of the ${SEEDED} SP users (e.g. ${missing[0]?.person.email}); it must read every page of GET /Users, following totalResults (IDP-IDM-08)`,
      );
      ctx.expect(
        listed.size === listing.users.length,
        `The import list shows ${listing.users.length - listed.size} SP users twice; each page must start where the previous one ended (IDP-IDM-08)`,
      );
      const pages = setup.sp
        .requests()
        .slice(mark)
        .filter((r) => r.method === 'GET' && /^\/Users\/?$/i.test(r.path) && r.query.filter === undefined);
      const starts = new Set(pages.map((r) => r.query.startIndex));
      ctx.expect(
        pages.length >= 2 && starts.size === pages.length,
        `The import read ${pages.length} page(s) of GET /Users (startIndex ${[...starts].join(', ')}) for ${listing.totalResults} users; more than one page needs one request per page (IDP-IDM-08)`,
      );
      ctx.expect(
        seeded.every(({ spId }) => listing.users.find((user) => user.spId === spId)?.status === 'new'),
        'SP users with no directory account must be listed as New (IDP-IDM-08)',
      );
    },
  }),
  defineScenario({
    id: 'import/new-and-imported',
    title: 'each SP user is marked New or Imported, and the New-only view shows the new ones first',
    requirements: ['IDP-IDM-08'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, sp } = setup;
      const [byUsername, byEmail, fresh, other] = seedSpUsers(ctx, sp, 4) as [
        SeededUser,
        SeededUser,
        SeededUser,
        SeededUser,
      ];
      // Directory accounts exist for two of them: one with the same username, one with the same email only.
      await idp.createUser(byUsername.person);
      await idp.createUser({ ...ctx.people.next(), email: byEmail.person.email });
      const importer = importerOf(setup);
      const listing = await importer.list();
      const statusOf = (spId: string) => listing.users.find((user) => user.spId === spId)?.status;
      for (const [user, expected] of [
        [byUsername, 'imported'],
        [byEmail, 'imported'],
        [fresh, 'new'],
        [other, 'new'],
      ] as const) {
        ctx.expect(
          statusOf(user.spId) === expected,
          `${user.person.email} is listed as ${String(statusOf(user.spId))}; expected ${expected === 'new' ? 'New (no directory account)' : 'Imported (a directory account has this username or email)'} (IDP-IDM-08)`,
        );
      }
      const newOnly = listing.newOnly();
      ctx.expect(
        newOnly.every((user) => user.status === 'new') &&
          [fresh, other].every((user) => newOnly.some((offered) => offered.spId === user.spId)),
        `The New-only view shows ${newOnly.map((user) => `${user.userName} (${user.status})`).join(', ')}; it must show every New user and no Imported one (IDP-IDM-08)`,
      );
      const ordered = listing.newFirst();
      const firstImported = ordered.findIndex((user) => user.status === 'imported');
      ctx.expect(
        ordered.length === listing.users.length &&
          (firstImported < 0 || ordered.slice(firstImported).every((user) => user.status === 'imported')),
        'The New-first view must list every user with the New ones at the top (IDP-IDM-08)',
      );
      const selected = newOnly.filter((user) => user.spId === fresh.spId || user.spId === other.spId);
      const run = await importer.import(selected);
      ctx.expect(
        run.mode === 'synchronous' && run.results.every((result) => result.outcome === 'created'),
        `Importing 2 New users gave ${JSON.stringify(run.mode === 'synchronous' ? run.results : run.mode)}; both must be created at once (IDP-IDM-08)`,
      );
      const again = await importer.list();
      for (const user of [fresh, other]) {
        ctx.expect(
          again.users.find((listed) => listed.spId === user.spId)?.status === 'imported',
          `${user.person.email} is not listed as Imported after its import (IDP-IDM-08)`,
        );
      }
      // Importing a user that already has an account never makes a second one.
      const stale = listing.users.find((user) => user.spId === byUsername.spId)!;
      await importer.import([{ ...stale, status: 'new' }]);
      const accounts = directoryUsersNamed(setup, byUsername.person.email);
      ctx.expect(
        accounts.length === 1,
        `The directory holds ${accounts.length} accounts for ${byUsername.person.email} after importing it again; an Imported user already has its account (IDP-IDM-08)`,
      );
    },
  }),
];
