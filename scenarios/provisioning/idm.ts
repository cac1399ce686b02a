import { IdpError, IdpWeb, pastedToken, type IdmChanges } from '#harness/idp';
import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { JsonObject } from '#harness/scim';
import { credentialsFor } from '../credentials.js';
import { IN_PROCESS_IDP_ORIGIN } from '../targets.js';
import { onboard, provisioning, provisioningRequires, spUserOf, type Provisioning } from '../support.js';

const requires = provisioningRequires;

/** Runs an IdP step; a refusal or a failed SCIM call fails the check, saying which step and why. */
async function step(ctx: ScenarioContext, what: string, action: () => Promise<void> | void): Promise<void> {
  try {
    await action();
  } catch (error) {
    ctx.fail(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** How many SP users carry the directory user's userName. */
/** Fails unless the SP holds exactly one user named `username` after reactivation (IDP-IDM-03). */
function expectOneCopy(ctx: ScenarioContext, setup: Provisioning, username: string): void {
  const copies = setup.sp
    .state()
    .users.filter((u) => String(u.resource.userName).toLowerCase() === username.toLowerCase()).length;
  ctx.expect(
    copies === 1,
    `The SP holds ${copies} users named ${username} after reactivation; expected one (IDP-IDM-03)`,
  );
}

/**
 * The credential the SP issues, as an admin pastes it again: its token, or (SF-01) a fresh
 * OAuth consent. **assumed**: the SP's current token stands for a new one, since how an app
 * regenerates its token is the app's own row (INT-07 for Interact).
 */
async function issuedCredentials(ctx: ScenarioContext, setup: Provisioning): Promise<IdmChanges> {
  if (setup.app.catalog.scimAuth === 'oauth') {
    const { tokenSource } = await credentialsFor(ctx, setup.sp, setup.app.catalog);
    return { tokenSource };
  }
  return { token: setup.sp.token };
}

const newEvents = (setup: Provisioning, mark: number, type: string) =>
  setup.idp.insights.events.slice(mark).filter((e) => e.event_type === type);

/**
 * IDP-SSO-08: deleting the application makes no SP call; its users stay as they are, and
 * later directory changes reach the SP no more. With `sso`, the app's SSO URL is gone too (SF-13).
 */
export async function appDeleteLeavesUsers(
  ctx: ScenarioContext,
  row: string,
  options: { sso: boolean },
): Promise<void> {
  const setup = await provisioning(ctx);
  const { idp, app, sp } = setup;
  const users = [(await onboard(ctx, setup)).userId, (await onboard(ctx, setup)).userId];
  const before = users.map((userId) => JSON.stringify(spUserOf(ctx, setup, userId)?.resource));
  const web = new IdpWeb(idp, { baseUrl: IN_PROCESS_IDP_ORIGIN });
  const ssoUrl = web.urls(app).sso;
  const mark = sp.requests().length;
  idp.deleteApplication(app);
  await idp.settled();
  ctx.expect(!idp.applications.has(app.name), `The IdP still lists ${app.name} after deleting it (${row})`);
  await step(ctx, 'Suspending a user of the deleted application', () => idp.setSuspended(users[0]!, true));
  const calls = sp.requests().slice(mark);
  ctx.expect(
    calls.length === 0,
    `Deleting the application must leave the SP alone, yet the IdP sent ${calls.map((r) => `${r.method} ${r.path}`).join(', ')} (${row})`,
  );
  users.forEach((userId, i) => {
    const user = spUserOf(ctx, setup, userId);
    ctx.expect(
      user?.resource.active === true && JSON.stringify(user.resource) === before[i],
      `After the application was deleted the SP user ${app.users.get(userId)?.spId} is ${user ? `active=${JSON.stringify(user.resource.active)}${JSON.stringify(user.resource) === before[i] ? '' : ', changed'}` : 'gone'}; it must stay active and as it was (${row})`,
    );
  });
  if (options.sso) {
    const page = await web.handle({ method: 'GET', url: ssoUrl, headers: {} });
    ctx.expect(
      page.status === 404,
      `The deleted application's SSO URL answers ${page.status}; expected 404 (${row})`,
    );
  }
}

/** The integration's own lifecycle: token changes, deactivation, deleting the app (IDP-IDM-02, -11, SF-13). */
export const idmScenarios = [
  defineScenario({
    id: 'provisioning/idm-token-change',
    title: 'the token of an active integration changes only through deactivate, update, reactivate',
    requirements: ['IDP-IDM-02', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, app, sp } = setup;
      const first = await onboard(ctx, setup);
      const stored = app.idm?.tokenSource;
      const wrong: IdmChanges = { tokenSource: pastedToken('not-the-token') };
      let refused: unknown;
      try {
        await idp.updateIdm(app, wrong);
      } catch (error) {
        refused = error;
      }
      ctx.expect(
        refused instanceof IdpError && /deactivate/i.test(refused.message),
        `Changing the token of the active integration was ${refused instanceof Error ? `refused without saying to deactivate first: ${refused.message}` : 'accepted'}; it must be refused: deactivate, update, reactivate (IDP-IDM-02)`,
      );
      ctx.expect(
        app.idm?.active === true && app.idm.tokenSource === stored,
        'The refused change altered the integration; a refusal changes nothing (IDP-IDM-02)',
      );
      ctx.expect(
        idp.insights.ofType('idm_integration_reauth').some((e) => e.outcome === 'failure'),
        'The refused token change logged no failed idm_integration_reauth event (IDP-IDM-10)',
      );
      const events = idp.insights.events.length;
      const mark = sp.requests().length;
      await step(ctx, 'Deactivating the integration', () => idp.deactivateIdm(app));
      await step(ctx, 'Updating the token of the inactive integration', () => idp.updateIdm(app, wrong));
      ctx.expect(
        sp.requests().length === mark,
        'Deactivating the integration or storing a new token called the SP; neither does (IDP-IDM-02)',
      );
      for (const type of ['idm_integration_delete', 'idm_integration_reauth']) {
        ctx.expect(
          newEvents(setup, events, type).some((e) => e.outcome === 'success'),
          `No successful ${type} event was logged (IDP-IDM-02, IDP-IDM-10)`,
        );
      }
      // The stored token is the one reactivation tests: a wrong one is refused, the SP's is accepted.
      let tested: unknown;
      try {
        await idp.activateIdm(app);
      } catch (error) {
        tested = error;
      }
      ctx.expect(
        tested instanceof IdpError && !app.provisioning,
        'Reactivating with a wrong token was not refused; reactivation must test the updated token (IDP-IDM-01, IDP-IDM-02)',
      );
      const credentials = await issuedCredentials(ctx, setup);
      await step(ctx, 'Updating the token again', () => idp.updateIdm(app, credentials));
      await step(ctx, 'Reactivating with the SP-issued token', () => idp.activateIdm(app));
      ctx.expect(
        app.idm?.active === true &&
          newEvents(setup, events, 'idm_integration_activate').some((e) => e.outcome === 'success'),
        'Reactivating logged no successful idm_integration_activate event (IDP-IDM-02, IDP-IDM-10)',
      );
      const second = await onboard(ctx, setup);
      ctx.expect(
        spUserOf(ctx, setup, second.userId)?.resource.active === true,
        'After reactivating with the new token a new member was not provisioned (IDP-IDM-02)',
      );
      expectOneCopy(ctx, setup, first.person.username);
    },
  }),
  defineScenario({
    id: 'provisioning/idm-deactivate-stops-provisioning',
    title: 'deactivating the integration stops all provisioning and leaves the SP as it is',
    requirements: ['IDP-IDM-11', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { idp, app, sp } = setup;
      const first = await onboard(ctx, setup);
      const before = JSON.stringify(sp.state().users);
      const mark = sp.requests().length;
      await step(ctx, 'Deactivating the integration', () => idp.deactivateIdm(app));
      ctx.expect(
        idp.insights.ofType('idm_integration_delete').some((e) => e.outcome === 'success'),
        'Deactivating the integration logged no successful idm_integration_delete event (IDP-IDM-10)',
      );
      const second = await onboard(ctx, setup);
      await step(ctx, 'Changing a last name', () => idp.updateUser(first.userId, { lastname: 'Afterwards' }));
      const calls = sp.requests().slice(mark);
      ctx.expect(
        calls.length === 0,
        `With the integration deactivated the IdP still sent ${calls.map((r) => `${r.method} ${r.path}`).join(', ')} (IDP-IDM-11)`,
      );
      ctx.expect(
        JSON.stringify(sp.state().users) === before,
        'Deactivating the integration changed SP users (IDP-IDM-11)',
      );
      await step(ctx, 'Reactivating the integration', () => idp.activateIdm(app));
      ctx.expect(
        spUserOf(ctx, setup, second.userId)?.resource.active === true,
        'After reactivation the user who joined meanwhile was not provisioned',
      );
      const name = spUserOf(ctx, setup, first.userId)?.resource.name as JsonObject | undefined;
      ctx.expect(
        name?.familyName === 'Afterwards',
        `After reactivation the SP user's familyName is '${String(name?.familyName)}'; the change made meanwhile was not pushed`,
      );
      expectOneCopy(ctx, setup, first.person.username);
    },
  }),
  defineScenario({
    id: 'provisioning/app-delete-leaves-users',
    title: 'deleting the application makes no SP call: provisioned users stay as they are',
    requirements: ['IDP-SSO-08'],
    level: 'DOC',
    requires,
    run: (ctx) => appDeleteLeavesUsers(ctx, 'IDP-SSO-08', { sso: false }),
  }),
];
