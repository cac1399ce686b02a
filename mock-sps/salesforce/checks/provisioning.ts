import type { Scenario, ScenarioContext } from '#harness/runner';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE, isJsonObject, type JsonObject } from '#harness/scim';
import { failure, salesforceAdmin, salesforceOrgScenarios } from './orgs.js';
import { salesforceKeptScenarios } from './kept.js';
import { current, list, provisioned, requires, show } from './support.js';
import { expectScimError, newUserBody, onboard, provisioning } from '#scenarios';
import { defineSalesforceCheck } from '../requirements.js';

/** Salesforce's SCIM quirks (SF-01…SF-11). */
export const salesforceScenarios: readonly Scenario[] = [
  ...salesforceOrgScenarios,
  defineSalesforceCheck({
    id: 'provisioning/salesforce-username-rules',
    title: "the username is the user's email, without special characters, unique across all orgs",
    requirements: ['SF-02', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const person = ctx.people.next();
      const handle = { ...person, username: person.email.split('@')[0]! };
      const { resource } = await provisioned(ctx, setup, handle);
      ctx.expect(
        resource.userName === person.email,
        `The Salesforce username is '${String(resource.userName)}'; it must be the user's email ${person.email} (SF-02)`,
      );
      const refusal = async (userName: string, status: number, scimType: string, rule: string) =>
        expectScimError(
          ctx,
          await ctx.scim.post('/Users', newUserBody(ctx, { userName })),
          status,
          scimType,
          rule,
        );
      await refusal('not-an-email', 400, 'invalidValue', 'SF-02: a username that is not an email is refused');
      await refusal(
        `plus+${ctx.unique('tag').toLowerCase()}@example.com`,
        400,
        'invalidValue',
        'SF-02: special characters such as + are refused in usernames',
      );
      const admin = salesforceAdmin(ctx, setup.sp);
      const elsewhere = `${ctx.unique('taken').toLowerCase()}@example.com`;
      admin.reserveUsername(elsewhere);
      await refusal(
        elsewhere,
        409,
        'uniqueness',
        'SF-02: a username taken in another org answers 409 uniqueness',
      );

      const taken = ctx.people.next();
      admin.reserveUsername(taken.email);
      const error = await failure(() => onboard(ctx, setup, taken));
      const events = setup.idp.insights.ofType('user_create_provision');
      ctx.expect(
        error !== undefined &&
          events.some((e) => e.outcome === 'failure' && e.resource?.name === taken.username),
        `Provisioning ${taken.email}, a username taken in another org, was not reported as failed with a user_create_provision failure event (SF-02, IDP-IDM-10)`,
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-one-address-phone',
    title: 'one address and one phone number reach Salesforce; more are refused naming the limit',
    requirements: ['SF-06'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const base = ctx.people.next();
      const person = {
        ...base,
        addresses: [
          ...(base.addresses ?? []),
          {
            type: 'home' as const,
            streetAddress: '1 Home Lane',
            locality: 'Springfield',
            postalCode: '62701',
          },
        ],
        phoneNumbers: [...(base.phoneNumbers ?? []), { type: 'mobile' as const, number: '+1 555 0100' }],
      };
      const { resource } = await provisioned(ctx, setup, person);
      const addresses = list(resource.addresses);
      const phones = list(resource.phoneNumbers);
      ctx.expect(
        addresses.length === 1 && addresses[0]!.streetAddress === base.addresses?.[0]?.streetAddress,
        `Salesforce holds ${addresses.length} addresses; the IdP sends the one work address (SF-06)`,
      );
      ctx.expect(
        phones.length === 1 && phones[0]!.value === base.phoneNumbers?.[0]?.number,
        `Salesforce holds ${phones.length} phone numbers; the IdP sends the one work number (SF-06)`,
      );
      const two = await ctx.scim.post(
        '/Users',
        newUserBody(ctx, {
          addresses: [
            { type: 'work', locality: 'Paris' },
            { type: 'home', locality: 'Lyon' },
          ],
        }),
      );
      expectScimError(ctx, two, 400, 'invalidValue', 'SF-06: a second address is refused');
      ctx.expect(
        /one address/i.test(String((two.body as JsonObject | undefined)?.detail)),
        `The refusal does not name the limit of one address: ${two.text} (SF-06)`,
      );
      const phonesTwo = await ctx.scim.post(
        '/Users',
        newUserBody(ctx, {
          phoneNumbers: [
            { type: 'work', value: '+1 555 0101' },
            { type: 'mobile', value: '+1 555 0102' },
          ],
        }),
      );
      expectScimError(ctx, phonesTwo, 400, 'invalidValue', 'SF-06: a second phone number is refused');
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-picklists',
    title:
      'with country/state picklists on, a user with an address country/region fails to sync with a clear error',
    requirements: ['SF-07', 'IDP-IDM-10'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx, { groupManagement: false });
      const off = await provisioned(ctx, setup);
      ctx.expect(
        list(off.resource.addresses)[0]?.country !== undefined,
        'With the picklists off (the guide requires it), the address country did not reach Salesforce (SF-07)',
      );
      salesforceAdmin(ctx, setup.sp).setStateCountryPicklists(true);
      const person = ctx.people.next();
      const error = await failure(() => onboard(ctx, setup, person));
      const created = setup.sp.state().users.some((user) => String(user.resource.userName) === person.email);
      ctx.expect(
        !created,
        `${person.email} was created with an address country/region although the picklists are on (SF-07)`,
      );
      ctx.expect(
        error !== undefined && /picklist/i.test(error.message),
        `The failed sync was not reported with an error naming the picklists: ${error?.message ?? 'no error at all'} (SF-07)`,
      );
      ctx.expect(
        setup.idp.insights
          .ofType('user_create_provision')
          .some((event) => event.outcome === 'failure' && event.resource?.name === person.username),
        'The failed sync logged no user_create_provision failure event (SF-07, IDP-IDM-10)',
      );
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-active',
    title: 'active is false while the user is suspended or the password has expired',
    requirements: ['SF-08', 'IDP-IDM-05', 'IDP-IDM-06'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { userId, spId } = await provisioned(ctx, setup);
      const active = () => current(setup, spId).active;
      const user = setup.idp.directory.user(userId);
      // The password expires in the directory; the admin then saves the user, which syncs it.
      user.passwordExpired = true;
      await setup.idp.setSuspended(userId, false);
      ctx.expect(
        active() === false,
        `A user whose password expired is active=${show(active())} in Salesforce; active = !suspended && !passwordExpired (SF-08)`,
      );
      user.passwordExpired = false;
      await setup.idp.setSuspended(userId, false);
      ctx.expect(
        active() === true,
        `After a password reset the user is active=${show(active())}; expected true (SF-08)`,
      );
      await setup.idp.setSuspended(userId, true);
      ctx.expect(active() === false, `A suspended user is active=${show(active())}; expected false (SF-08)`);
    },
  }),
  defineSalesforceCheck({
    id: 'provisioning/salesforce-enterprise-extension',
    title: 'employeeNumber, department and organization travel in the enterprise extension',
    requirements: ['SF-09', 'IDP-IDM-04'],
    level: 'DOC',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const person = ctx.people.next();
      const { userId, spId, resource } = await provisioned(ctx, setup, person);
      const ext = (r: JsonObject) => (isJsonObject(r[ENTERPRISE]) ? r[ENTERPRISE] : {});
      const wanted = {
        employeeNumber: person.employeeIdentifier,
        department: person.department,
        organization: person.company,
      };
      const wrong = Object.entries(wanted).filter(([key, value]) => ext(resource)[key] !== value);
      ctx.expect(
        wrong.length === 0,
        `The enterprise extension holds ${show(resource[ENTERPRISE])}; expected ${show(wanted)} (SF-09)`,
      );
      await setup.idp.updateUser(userId, { department: 'Revenue Operations' });
      ctx.expect(
        ext(current(setup, spId)).department === 'Revenue Operations',
        `After a department change the extension holds ${show(current(setup, spId)[ENTERPRISE])} (SF-09, IDP-IDM-04)`,
      );
    },
  }),
  ...salesforceKeptScenarios,
];
