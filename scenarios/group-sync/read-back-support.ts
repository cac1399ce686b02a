/** What the group read-back checks share: a pushed group with members, read back and judged as a set. */
import type { ScenarioContext } from '#harness/runner';
import { isJsonObject, type JsonObject } from '#harness/scim';
import { CREATE_CHECK, act, assign, lifecycle, readBack, type Lifecycle } from '../read-back.js';

/** The check that judges pushing a group; the other group checks stand on it. */
export const PUSH_CHECK = 'group-sync/push-read-back';

/** The pushed group with `count` members assigned, read back; blocked by the push check when it was not pushed. */
export async function pushedGroup(
  ctx: ScenarioContext,
  count: number,
): Promise<{ setup: Lifecycle; groupSpId: string; members: string[]; userIds: string[] }> {
  const setup = await lifecycle(ctx, { groupManagement: true });
  const members: string[] = [];
  const userIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const { userId, spId } = await assign(ctx, setup);
    ctx.require(spId !== undefined, CREATE_CHECK, 'the IdP did not create a member');
    members.push(spId);
    userIds.push(userId);
  }
  const groupSpId = setup.app.groups.get(setup.groupId)?.spId;
  if (ctx.scenarioId !== PUSH_CHECK)
    ctx.require(groupSpId !== undefined, PUSH_CHECK, 'the IdP did not create the group');
  ctx.expect(groupSpId !== undefined, `${setup.dialect.idp} could not create the group in the app`);
  return { setup, groupSpId, members, userIds };
}

/** The group the IdP pushed, read back; a 404 fails the check. */
export async function readGroup(ctx: ScenarioContext, groupSpId: string): Promise<JsonObject> {
  const { resource } = await readBack(ctx, '/Groups', groupSpId);
  ctx.expect(
    resource !== undefined,
    `GET /Groups/${groupSpId} answered 404: the group the IdP pushed is gone`,
  );
  return resource;
}

/** The member ids a group lists (RFC 7643 §4.2 members.value), repeats included. */
function memberIds(group: JsonObject): string[] {
  const members = Array.isArray(group.members) ? group.members.filter(isJsonObject) : [];
  return members.map((member) => String(member.value));
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value) => b.includes(value));

/**
 * Judges the members as a set: a member listed twice still has access once. The repetition
 * comes from a re-sent add that was not idempotent, which scim-protocol/patch-member-add-idempotent
 * judges (one cause, one failure); here it is a note on the passing check.
 */
export function expectMembers(
  ctx: ScenarioContext,
  group: JsonObject,
  expected: string[],
  after: string,
): void {
  const listed = memberIds(group);
  const found = [...new Set(listed)];
  ctx.expect(
    sameSet(found, expected),
    `${after}, the group's members read back [${found.join(', ')}]; expected [${expected.join(', ')}]: group-based access in the app no longer matches the IdP (RFC 7643 §4.2; RFC 7644 §3.5.2)`,
  );
  if (listed.length > found.length)
    ctx.note = `The members are right, but ${listed.length - found.length} are listed more than once: the IdP's re-sent adds were not idempotent (see scim-protocol/patch-member-add-idempotent).`;
}

/**
 * Removes `userId` from the bound group while a second bound group keeps it assigned, so only
 * the membership changes; the second group's directory id.
 */
export async function removeMember(ctx: ScenarioContext, setup: Lifecycle, userId: string): Promise<string> {
  const other = setup.idp.directory.createGroup(ctx.unique('Other')).id;
  await act(ctx, setup, 'push a second group', async () => {
    await setup.idp.addToGroup(other, userId);
    await setup.idp.bindGroup(setup.app, other);
  });
  await act(ctx, setup, 'remove the member', () => setup.idp.removeFromGroup(setup.groupId, userId));
  return other;
}
