import type { Scenario, ScenarioContext } from '#harness/runner';
import { USER_SCHEMA, isJsonObject } from '#harness/scim';
import { failure } from './orgs.js';
import {
  adminEdit,
  current,
  entitlementOf,
  list,
  patchedPaths,
  provisioned,
  requires,
  show,
} from './support.js';
import { newUserBody, provisioning } from '#scenarios';
import { defineSalesforceCheck } from '../requirements.js';

/** What Salesforce keeps and the IdP must leave alone: profile, e-mail, create-only fields, Federation ID (SF-03, -04, -05, -10). */
export const salesforceKeptScenarios: readonly Scenario[] = [
  defineSalesforceCheck({
    id: 'provisioning/salesforce-entitlement',
    title: 'users are created as Standard User, and a profile the admin changes in Salesforce is kept',
    requirements: ['SF-03'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { userId, spId, resource } = await provisioned(ctx, setup);
      ctx.expect(
        entitlementOf(resource) === 'Standard User',
        `The new user's entitlement is ${show(resource.entitlements)}; Salesforce creates users as "Standard User" (SF-03)`,
      );
      const profile = 'Custom: Sales Profile';
      await adminEdit(ctx, spId, { entitlements: [{ type: 'profile', primary: true, value: profile }] });
      const mark = ctx.exchanges.length;
      await setup.idp.updateUser(userId, { jobTitle: 'Account Executive' });
      const after = current(setup, spId);
      ctx.expect(
        after.title === 'Account Executive' && entitlementOf(after) === profile,
        `After a directory change the entitlement is ${show(after.entitlements)}; the IdP must not overwrite the profile set in Salesforce (SF-03)`,
      );
      ctx.expect(
        !patchedPaths(ctx, mark).some((path) => path.startsWith('entitlements')),
        'The IdP sent the entitlement again on an update; it is sent at creation only (SF-03)',
      );
      const created = await ctx.scim.post('/Users', newUserBody(ctx));
      const body = isJsonObject(created.body) ? created.body : {};
      ctx.expect(
        created.status === 201 && entitlementOf(body) === 'Standard User',
        `A user created without an entitlement has ${show(body.entitlements)}; Salesforce's default is "Standard User" (SF-03)`,
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-email-change',
    title: 'an email change is accepted but waits for the user to confirm it: the old email stays',
    requirements: ['SF-04', 'IDP-IDM-03'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const person = ctx.people.next();
      const { userId, spId } = await provisioned(ctx, setup, person);
      const changed = `changed.${person.email}`;
      const error = await failure(() => setup.idp.updateUser(userId, { email: changed }));
      ctx.expect(error === undefined, `The email change failed at the IdP: ${error?.message ?? ''} (SF-04)`);
      const users = setup.sp
        .state()
        .users.filter((user) =>
          [person.email, changed].some((name) => String(user.resource.userName).toLowerCase() === name),
        );
      ctx.expect(
        users.length === 1 && setup.app.users.get(userId)?.spId === spId,
        `The email change left ${users.length} Salesforce users for one directory user; it must stay one user (SF-04, IDP-IDM-03)`,
      );
      const after = setup.sp.state().users.find((user) => user.id === spId);
      const email = list(after?.resource.emails)[0]?.value;
      ctx.expect(
        email === person.email,
        `The Salesforce email is '${String(email)}' right after the change; it changes only once the user confirms it, so '${person.email}' stays (SF-04)`,
      );
      ctx.expect(
        after?.local.pendingEmail === changed,
        `Salesforce holds '${String(after?.local.pendingEmail)}' as the email awaiting confirmation; expected '${changed}' (SF-04)`,
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-create-only-fields',
    title: 'nickName null and locale/preferredLanguage en_US at creation, never updated afterwards',
    requirements: ['SF-05'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const person = ctx.people.next({ locale: 'fr_FR', preferredLanguage: 'fr-FR' });
      const { userId, spId, resource } = await provisioned(ctx, setup, person);
      ctx.expect(
        resource.nickName === undefined &&
          resource.locale === 'en_US' &&
          resource.preferredLanguage === 'en_US',
        `The new user has nickName ${show(resource.nickName)}, locale ${show(resource.locale)}, preferredLanguage ${show(resource.preferredLanguage)}; expected none, en_US, en_US (SF-05)`,
      );
      await adminEdit(ctx, spId, { nickName: 'Frenchie', locale: 'en_GB', preferredLanguage: 'en_GB' });
      const mark = ctx.exchanges.length;
      await setup.idp.updateUser(userId, {
        jobTitle: 'Translator',
        preferredLanguage: 'de-DE',
        locale: 'de_DE',
      });
      const after = current(setup, spId);
      ctx.expect(
        after.title === 'Translator' &&
          after.nickName === 'Frenchie' &&
          after.locale === 'en_GB' &&
          after.preferredLanguage === 'en_GB',
        `After a directory change nickName is ${show(after.nickName)}, locale ${show(after.locale)}, preferredLanguage ${show(after.preferredLanguage)}; the IdP must not update what Salesforce holds (SF-05)`,
      );
      const sent = patchedPaths(ctx, mark).filter((path) =>
        ['nickName', 'locale', 'preferredLanguage'].includes(path),
      );
      ctx.expect(
        sent.length === 0,
        `The IdP sent ${sent.join(', ')} on an update; they are set at creation only (SF-05)`,
      );
      const created = await ctx.scim.post('/Users', newUserBody(ctx));
      const body = isJsonObject(created.body) ? created.body : {};
      ctx.expect(
        body.locale === 'en_US' && body.preferredLanguage === 'en_US',
        `A user created without a language has locale ${show(body.locale)} and preferredLanguage ${show(body.preferredLanguage)}; Salesforce defaults both to en_US (SF-05)`,
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-no-federation-id',
    title: 'SCIM never sets the Federation Identifier; one the admin sets survives SCIM updates',
    requirements: ['SF-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const mark = ctx.exchanges.length;
      const { userId, spId } = await provisioned(ctx, setup);
      const federationId = () => setup.sp.samlUsers().find((user) => user.id === spId)?.federationId;
      ctx.expect(
        federationId() === undefined,
        `The provisioned user has Federation ID '${String(federationId())}'; the SCIM integration never populates it (SF-10)`,
      );
      const carried = ctx.exchanges
        .slice(mark)
        .filter(
          (e) =>
            e.request.method !== 'GET' &&
            /\/Users/.test(e.request.url) &&
            /"externalId"/.test(e.request.body ?? ''),
        );
      ctx.expect(
        carried.length === 0,
        `The IdP sent externalId, where a Federation ID would travel, in ${carried.length} request(s); the guide's table does not send it (SF-10)`,
        carried.map((exchange) => ({ kind: 'http' as const, exchange })),
      );
      // The admin sets one with Data Loader; SCIM writes, the IdP's and another client's, leave it alone.
      setup.sp.setLocalAttributes(spId, { federationId: 'FED-0001' });
      await adminEdit(ctx, spId, { externalId: 'scim-external-id' });
      await setup.idp.updateUser(userId, { jobTitle: 'Federated' });
      ctx.expect(
        federationId() === 'FED-0001',
        `After SCIM updates the Federation ID is '${String(federationId())}'; only the admin or JIT sets it (SF-10)`,
      );
      const created = await ctx.scim.post(
        '/Users',
        newUserBody(ctx, { schemas: [USER_SCHEMA], externalId: 'FED-NEW' }),
      );
      const id = isJsonObject(created.body) ? created.body.id : undefined;
      const createdFederationId = setup.sp.samlUsers().find((user) => user.id === id)?.federationId;
      ctx.expect(
        created.status === 201 && createdFederationId === undefined,
        `A user created over SCIM with externalId has Federation ID '${String(createdFederationId)}' (SF-10)`,
      );
    },
  }),
];
