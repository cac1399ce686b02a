/**
 * Helpers every suite shares: creating test resources, judging statuses and SCIM
 * error bodies, and setting up the reference IdP against a mock SP.
 */
import type { Evidence } from '#harness/evidence';
import { ReferenceIdp, type Application, type DirectoryUserFields } from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import {
  ERROR_SCHEMA,
  GROUP_SCHEMA,
  USER_SCHEMA,
  isJsonObject,
  type JsonObject,
  type ScimResponse,
} from '#harness/scim';
import { MockSp } from '#mock-sps';
import { credentialsFor } from './credentials.js';
import { appOf, clockOf, connectorOf, idpFaultsOf } from './targets.js';

/** The mock SP behind the scenario's target (scenarios that require `inspection`). */
export function mockOf(ctx: ScenarioContext): MockSp {
  const sp = ctx.instance.inspect;
  if (!(sp instanceof MockSp)) ctx.notApplicable('needs the mock SP inspection API');
  return sp;
}

/** A response for a message: the request, the status and the start of the body. */
export const describeResponse = (response: ScimResponse): string => {
  const body = response.text.length > 300 ? `${response.text.slice(0, 300)}…` : response.text;
  return `${response.exchange.request.method} ${response.exchange.request.url} answered ${response.status}${body ? ` ${body}` : ''}`;
};

/** Fails unless the response status is one of `expected`. */
export function expectStatus(
  ctx: ScenarioContext,
  response: ScimResponse,
  expected: number | readonly number[],
  rule: string,
): void {
  const allowed = typeof expected === 'number' ? [expected] : expected;
  ctx.expect(
    allowed.includes(response.status),
    `Expected ${allowed.join(' or ')} (${rule}); ${describeResponse(response)}`,
    [{ kind: 'http', exchange: response.exchange }],
  );
}

/** Fails unless the response is a SCIM error with this status (and scimType, when given). @see RFC 7644 §3.12 */
export function expectScimError(
  ctx: ScenarioContext,
  response: ScimResponse,
  status: number,
  scimType: string | undefined,
  rule: string,
): void {
  expectStatus(ctx, response, status, rule);
  const body = response.body;
  const evidence = [{ kind: 'http' as const, exchange: response.exchange }];
  ctx.expect(
    isJsonObject(body),
    `Expected a SCIM Error JSON body with the ${status} (RFC 7644 §3.12); ${describeResponse(response)}`,
    evidence,
  );
  ctx.expect(
    Array.isArray(body.schemas) && body.schemas.includes(ERROR_SCHEMA),
    `The error body must list schemas ["${ERROR_SCHEMA}"] (RFC 7644 §3.12); ${describeResponse(response)}`,
    evidence,
  );
  ctx.expect(
    body.status === String(status),
    `The error body's status must be the string "${status}" (RFC 7644 §3.12), found ${JSON.stringify(body.status)}`,
    evidence,
  );
  if (scimType !== undefined) {
    ctx.expect(
      body.scimType === scimType,
      `Expected scimType "${scimType}" (${rule}), found ${JSON.stringify(body.scimType)}`,
      evidence,
    );
  }
}

/**
 * Schedules the deletion of whatever a create answered with (even a create the
 * check will judge wrong), so an external target is left as it was. Returns the id.
 */
export function removeLater(
  ctx: ScenarioContext,
  response: ScimResponse,
  collection: '/Users' | '/Groups',
): string | undefined {
  const id =
    isJsonObject(response.body) && typeof response.body.id === 'string' ? response.body.id : undefined;
  if (id !== undefined)
    ctx.defer(async () => void (await ctx.scim.delete(`${collection}/${encodeURIComponent(id)}`)));
  return id;
}

/** A minimal valid User with a unique userName. */
export function newUserBody(ctx: ScenarioContext, overrides: JsonObject = {}): JsonObject {
  const person = ctx.people.next();
  const userName =
    typeof overrides.userName === 'string'
      ? overrides.userName
      : `${ctx.unique('u').toLowerCase()}@example.com`;
  return {
    schemas: [USER_SCHEMA],
    userName,
    name: { givenName: person.firstname, familyName: person.lastname },
    displayName: `${person.firstname} ${person.lastname}`,
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...overrides,
  };
}

/** The check that judges creating a user: others that need a user are blocked by it when a create fails. */
export const CREATE_USER_CHECK = 'scim-protocol/create-user-201';
/** The check that judges the group lifecycle, creating a group included. */
export const CREATE_GROUP_CHECK = 'scim-protocol/group-lifecycle';

/** Creates a user and schedules its deletion; the check is blocked by {@link CREATE_USER_CHECK} when creation fails. */
export async function createUser(
  ctx: ScenarioContext,
  overrides: JsonObject = {},
): Promise<{ id: string; body: JsonObject; sent: JsonObject }> {
  const sent = newUserBody(ctx, overrides);
  const response = await ctx.scim.post('/Users', sent);
  const body = response.body;
  ctx.require(
    (response.status === 200 || response.status === 201) && isJsonObject(body) && typeof body.id === 'string',
    CREATE_USER_CHECK,
    `creating a test user failed; ${describeResponse(response)}`,
    [{ kind: 'http', exchange: response.exchange }],
  );
  const id = body.id as string;
  ctx.defer(async () => void (await ctx.scim.delete(`/Users/${encodeURIComponent(id)}`)));
  return { id, body, sent };
}

/** Creates a group and schedules its deletion. */
export async function createGroup(
  ctx: ScenarioContext,
  members: readonly string[] = [],
): Promise<{ id: string; body: JsonObject }> {
  const response = await ctx.scim.post('/Groups', {
    schemas: [GROUP_SCHEMA],
    displayName: ctx.unique('Group'),
    members: members.map((value) => ({ value })),
  });
  const body = response.body;
  ctx.require(
    (response.status === 200 || response.status === 201) && isJsonObject(body) && typeof body.id === 'string',
    CREATE_GROUP_CHECK,
    `creating a test group failed; ${describeResponse(response)}`,
    [{ kind: 'http', exchange: response.exchange }],
  );
  const id = body.id as string;
  ctx.defer(async () => void (await ctx.scim.delete(`/Groups/${encodeURIComponent(id)}`)));
  return { id, body };
}

/** What a check that drives the reference IdP against the mock SP needs of its target. */
export const provisioningRequires = { provisioning: true, inspection: true } as const;

export interface Provisioning {
  idp: ReferenceIdp;
  app: Application;
  sp: MockSp;
  /** A directory group bound to the app. */
  groupId: string;
}

/** The reference IdP with the target's app activated against the scenario's mock SP, and one bound group. */
export async function provisioning(
  ctx: ScenarioContext,
  options: {
    groupManagement?: boolean;
    /** The connector's waits (IDP-IDM-12). @default the scenario clock's */
    sleep?: (ms: number) => Promise<void>;
  } = {},
): Promise<Provisioning> {
  const dialect = ctx.target.dialect;
  if (dialect !== undefined && dialect !== 'jumpcloud')
    ctx.notApplicable(
      `judges the reference (JumpCloud) connector's own requests; in the ${dialect} dialect the suite's read-back checks judge the SP`,
    );
  const sp = mockOf(ctx);
  const clock = clockOf(ctx);
  const entry = appOf(ctx).idp;
  if (!entry?.provisioning) ctx.notApplicable(`the reference IdP does not provision ${sp.id}`);
  const idp = new ReferenceIdp({
    fetch: ctx.instance.fetch,
    record: ctx.record,
    faults: idpFaultsOf(ctx),
    ...connectorOf(ctx),
    sleep: options.sleep ?? clock.sleep,
    now: () => new Date(clock.now()),
  });
  const app = idp.createApplication(entry);
  ctx.attach(() => insightsEvidence(idp));
  await idp.activateIdm(app, {
    baseUrl: ctx.instance.scimBaseUrl!,
    ...(await credentialsFor(ctx, sp, entry)),
    ...(options.groupManagement === undefined ? {} : { groupManagement: options.groupManagement }),
  });
  const groupId = idp.directory.createGroup('All Users').id;
  await idp.bindGroup(app, groupId);
  return { idp, app, sp, groupId };
}

/** The SP-side user the IdP linked to a directory user. */
export function spUserOf(
  ctx: ScenarioContext,
  setup: Provisioning,
  userId: string,
): { id: string; resource: JsonObject; local: JsonObject } | undefined {
  const spId = setup.app.users.get(userId)?.spId;
  if (spId === undefined) return undefined;
  return setup.sp.state().users.find((user) => user.id === spId);
}

/** Creates a directory user (seeded test data unless given) and adds it to the bound group. */
export async function onboard(
  ctx: ScenarioContext,
  setup: Provisioning,
  person: DirectoryUserFields = ctx.people.next(),
): Promise<{ person: DirectoryUserFields; userId: string; spId: string | undefined }> {
  const userId = await setup.idp.createUser(person);
  await setup.idp.addToGroup(setup.groupId, userId);
  return { person, userId, spId: setup.app.users.get(userId)?.spId };
}

/** The IdP's Directory Insights events as a failure's evidence (IDP-IDM-10): what the IdP says it did. */
export function insightsEvidence(idp: ReferenceIdp): Evidence | undefined {
  const events = idp.insights.events;
  return events.length === 0
    ? undefined
    : { kind: 'data', label: 'Directory Insights events', data: [...events] };
}
