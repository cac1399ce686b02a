import type { ScenarioContext } from '#harness/runner';
import { expectStatus, provisioning } from '../support.js';
import { eventsAbout, linkedGroup, member, membersOf, snapshot, spIdOf, step } from './support.js';

/**
 * One group through its life in an app's SP: created with its displayName and members,
 * renamed, a member removed and another added, and (where the app's row names it) deleted.
 */
export async function groupRoundTrip(
  ctx: ScenarioContext,
  row: string,
  options: { remove: boolean },
): Promise<void> {
  const setup = await provisioning(ctx);
  const { idp } = setup;
  const [a, b] = [await member(ctx, setup, setup.groupId), await member(ctx, setup, setup.groupId)];
  const [spA, spB] = [spIdOf(ctx, setup, a), spIdOf(ctx, setup, b)];
  const group = () => linkedGroup(setup, setup.groupId);
  const created = group();
  ctx.expect(
    created?.resource.displayName === 'All Users' && membersOf(created).join() === [spA, spB].sort().join(),
    `The bound group arrived as ${snapshot(created)}; expected 'All Users' with ${spA} and ${spB} (${row}, IDP-IDM-07)`,
  );
  ctx.expect(
    eventsAbout(setup, 'group_create_provision', 'All Users').some((e) => e.outcome === 'success'),
    'Creating the group logged no successful group_create_provision event (IDP-IDM-10)',
  );
  await step(ctx, 'Renaming the group', () => idp.renameGroup(setup.groupId, 'Staff'));
  ctx.expect(
    group()?.id === created.id && group()?.resource.displayName === 'Staff',
    `After the rename the group is ${snapshot(group())}; expected 'Staff' (${row}, IDP-IDM-07)`,
  );
  await step(ctx, 'Removing a member', () => idp.removeFromGroup(setup.groupId, a));
  const c = await member(ctx, setup, setup.groupId);
  const spC = spIdOf(ctx, setup, c);
  ctx.expect(
    membersOf(group()).join() === [spB, spC].sort().join(),
    `After removing ${spA} and adding ${spC} the group is ${snapshot(group())} (${row}, IDP-IDM-07)`,
  );
  if (!options.remove) return;
  await step(ctx, 'Deleting the group in the directory', () => idp.deleteGroup(setup.groupId));
  expectStatus(
    ctx,
    await ctx.scim.get(`/Groups/${encodeURIComponent(created.id)}`),
    404,
    `a group deleted in the directory is deleted in the SP (${row}, IDP-IDM-07)`,
  );
  ctx.expect(
    eventsAbout(setup, 'group_delete_provision', 'Staff').some((e) => e.outcome === 'success'),
    'Deleting the group logged no successful group_delete_provision event (IDP-IDM-10)',
  );
}
