import {
  USER_SCHEMA,
  defineScenario,
  isJsonObject,
  type JsonObject,
  type Scenario,
  type ScenarioContext,
} from '#harness';
import {
  expectScimError,
  newUserBody,
  onboard,
  provisioning,
  spUserOf,
  type Provisioning,
} from '../support.js';
import { attempt, failure, salesforceAdmin, salesforceOrgScenarios } from './salesforce-orgs.js';

const requires = { sp: 'salesforce', provisioning: true, inspection: true } as const;
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const list = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isJsonObject) : []);
const show = (value: unknown): string => JSON.stringify(value) ?? 'nothing';

/** The attribute paths of every PATCH the IdP sent to /Users since exchange `mark`. */
function patchedPaths(ctx: ScenarioContext, mark: number): string[] {
  return ctx.exchanges
    .slice(mark)
    .filter((e) => e.request.method === 'PATCH' && /\/Users\/[^/]+$/.test(new URL(e.request.url).pathname))
    .flatMap((e) => list((JSON.parse(e.request.body ?? '{}') as JsonObject).Operations))
    .map((op) => String(op.path ?? ''));
}

/** The user the IdP provisioned, or a failed check naming why it is missing. */
async function provisioned(
  ctx: ScenarioContext,
  setup: Provisioning,
  person = ctx.people.next(),
): Promise<{ userId: string; spId: string; resource: JsonObject }> {
  const { value, error } = await attempt(() => onboard(ctx, setup, person));
  const sp = value && spUserOf(ctx, setup, value.userId);
  ctx.expect(sp, `${person.email} was not provisioned: ${error?.message ?? 'no SP user'}`);
  return { userId: value!.userId, spId: sp.id, resource: sp.resource };
}

/** Changes a user's attributes as the Salesforce admin does outside the IdP (Setup, or its own API). */
async function adminEdit(ctx: ScenarioContext, spId: string, values: JsonObject): Promise<void> {
  const operations = Object.entries(values).map(([path, value]) => ({ op: 'replace', path, value }));
  const response = await ctx.scim.patch(`/Users/${spId}`, { schemas: [PATCH], Operations: operations });
  ctx.expect(
    response.status === 200,
    `The admin's change of ${Object.keys(values).join(', ')} answered ${response.status}`,
  );
}

/** The SP user now. */
const current = (setup: Provisioning, spId: string): JsonObject =>
  setup.sp.state().users.find((user) => user.id === spId)?.resource ?? {};

const entitlementOf = (resource: JsonObject): unknown => list(resource.entitlements)[0]?.value;

/** Salesforce's SCIM quirks (SF-01…SF-11). */
export const salesforceScenarios: readonly Scenario[] = [
  ...salesforceOrgScenarios,
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
  defineScenario({
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
