/**
 * What the group-sync checks share: reading an SP group and its members through the
 * inspection API, the SP requests made since a mark, and running an IdP step so that a
 * refusal or a failed SCIM call fails the check with its reason.
 */
import type { InsightsEvent, InsightsEventType } from '#harness/idp';
import type { ScenarioContext } from '#harness/runner';
import type { JsonObject } from '#harness/scim';
import type { InspectedResource, RequestLogEntry } from '#mock-sps';
import { spUserOf, type Provisioning, provisioningRequires } from '../support.js';

/** The requirements a group check scenario needs of its target. */
export const groupRequires = { ...provisioningRequires, groups: true } as const;

/** The SP group the IdP linked to a directory group, if it still exists in the SP. */
export function linkedGroup(setup: Provisioning, groupId: string): InspectedResource | undefined {
  const spId = setup.app.groups.get(groupId)?.spId;
  return spId === undefined ? undefined : groupById(setup, spId);
}

export function groupById(setup: Provisioning, spId: string): InspectedResource | undefined {
  return setup.sp.state().groups.find((group) => group.id === spId);
}

/** SP groups whose displayName is `name` (compared case-insensitively, as RFC 7643 §4.2 does). */
export function groupsNamed(setup: Provisioning, name: string): InspectedResource[] {
  return setup.sp
    .state()
    .groups.filter((group) => String(group.resource.displayName).toLowerCase() === name.toLowerCase());
}

/** A group's member ids, sorted. */
export function membersOf(group: InspectedResource | undefined): string[] {
  const members = group?.resource.members;
  if (!Array.isArray(members)) return [];
  return members.map((member) => String((member as JsonObject).value)).sort();
}

/** What an admin would compare to tell whether a group changed: its name and members. */
export function snapshot(group: InspectedResource | undefined): string {
  return group === undefined
    ? 'absent'
    : `'${String(group.resource.displayName)}' with members [${membersOf(group).join(', ')}]`;
}

/** The SP id the IdP linked to a directory user; fails the check when there is none. */
export function spIdOf(ctx: ScenarioContext, setup: Provisioning, userId: string): string {
  const spId = setup.app.users.get(userId)?.spId;
  ctx.expect(spId !== undefined, `Directory user ${userId} was not provisioned to the SP (IDP-IDM-03)`);
  return spId;
}

/** The SP user's `active`, or 'absent' when the SP no longer holds it. */
export function activeOf(ctx: ScenarioContext, setup: Provisioning, userId: string): unknown {
  const user = spUserOf(ctx, setup, userId);
  return user === undefined ? 'absent' : user.resource.active;
}

/** The SP's requests to /Groups made since `mark` (an index into `sp.requests()`). */
export function groupRequestsSince(setup: Provisioning, mark: number): RequestLogEntry[] {
  return setup.sp
    .requests()
    .slice(mark)
    .filter((request) => /^\/Groups(\/|$)/i.test(request.path));
}

export const describeRequests = (requests: readonly RequestLogEntry[]): string =>
  requests.map((request) => `${request.method} ${request.path} → ${request.status}`).join(', ');

/** Events of `type` about the directory resource named `name`, logged since `mark` (an index into the log). */
export function eventsAbout(
  setup: Provisioning,
  type: InsightsEventType,
  name: string,
  mark = 0,
): InsightsEvent[] {
  return setup.idp.insights.events
    .slice(mark)
    .filter((event) => event.event_type === type && event.resource?.name === name);
}

/** Runs an IdP action; a refusal or a failed SCIM call fails the check, saying which step and why. */
export async function step(ctx: ScenarioContext, what: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    ctx.fail(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Creates a directory user from seeded data and adds it to each group; returns its id. */
export async function member(
  ctx: ScenarioContext,
  setup: Provisioning,
  ...groupIds: string[]
): Promise<string> {
  const userId = await setup.idp.createUser(ctx.people.next());
  for (const groupId of groupIds)
    await step(ctx, `Adding a user to group ${groupId}`, () => setup.idp.addToGroup(groupId, userId));
  return userId;
}

/** A second group bound to the app (the setup's own is 'All Users'). */
export async function boundGroup(setup: Provisioning, name: string): Promise<string> {
  const groupId = setup.idp.directory.createGroup(name).id;
  await setup.idp.bindGroup(setup.app, groupId);
  return groupId;
}
