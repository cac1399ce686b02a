import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { RequestLogEntry } from '#mock-sps';
import { provisioning, provisioningRequires } from '../support.js';
import { importerOf, reason, seedSpUsers } from './support.js';

const requires = provisioningRequires;

/** Whether an SP request is about this user: its resource, or a lookup of its userName. */
function about(entry: RequestLogEntry, spId: string, userName: string): boolean {
  return (
    entry.path.includes(spId) || (entry.query.filter ?? '').toLowerCase().includes(userName.toLowerCase())
  );
}

const describe = (entries: readonly RequestLogEntry[]): string =>
  entries.map((r) => `${r.method} ${r.path}${r.query.filter ? `?filter=${r.query.filter}` : ''}`).join('; ');

export const managedScenarios = [
  defineScenario({
    id: 'import/managed-only-when-bound',
    title:
      'an imported user is managed only once it joins a bound group, and is then taken over, not duplicated',
    requirements: ['IDP-IDM-08', 'IDP-IDM-03'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, app, sp } = setup;
      const [seeded] = seedSpUsers(ctx, sp, 1);
      const { spId, person } = seeded!;
      const importer = importerOf(setup);
      const candidate = (await importer.list()).users.find((user) => user.spId === spId);
      ctx.expect(
        candidate?.status === 'new',
        `${person.email} was not offered as New for import (IDP-IDM-08)`,
      );
      const beforeImport = sp.requests().length;
      const run = await importer.import([candidate]);
      const userId = run.mode === 'synchronous' ? run.results[0]?.userId : undefined;
      ctx.expect(userId !== undefined, `Importing ${person.email} created no directory user (IDP-IDM-08)`);
      // A group that is not bound to the app does not make the user managed either.
      const unbound = idp.directory.createGroup('Not bound').id;
      await idp.addToGroup(unbound, userId);
      const early = sp
        .requests()
        .slice(beforeImport)
        .filter((entry) => about(entry, spId, person.email));
      ctx.expect(
        early.length === 0 && !app.users.has(userId),
        `The IdP managed ${person.email} in ${app.catalog.displayName} right after the import (${describe(early) || 'linked it'}); imported users are managed only once they belong to a bound group (IDP-IDM-08)`,
      );
      const beforeBind = sp.requests().length;
      try {
        await idp.addToGroup(setup.groupId, userId);
      } catch (error) {
        ctx.fail(`Adding the imported user to the bound group failed: ${reason(error)} (IDP-IDM-03)`);
      }
      const later = sp.requests().slice(beforeBind);
      ctx.expect(
        later.some((entry) => entry.method === 'GET' && about(entry, spId, person.email)),
        `Joining a bound group, the imported user was not looked up (userName eq); sent ${describe(later)} (IDP-IDM-03)`,
      );
      const creates = later.filter((entry) => entry.method === 'POST' && /^\/Users\/?$/i.test(entry.path));
      const named = sp
        .state()
        .users.filter((user) => String(user.resource.userName).toLowerCase() === person.email.toLowerCase());
      ctx.expect(
        creates.length === 0 && named.length === 1,
        `The SP holds ${named.length} users named ${person.email} after the imported user joined a bound group (${creates.length} creates sent); the IdP must take the SP user over, never create a second one (IDP-IDM-03)`,
      );
      ctx.expect(
        app.users.get(userId)?.spId === spId && app.users.get(userId)?.active === true,
        `The imported user is not managed as the SP user it came from (${spId}) once in a bound group (IDP-IDM-08, IDP-IDM-03)`,
      );
    },
  }),
];
