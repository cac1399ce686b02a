/**
 * IdP faults of group sync: creating and taking over groups, membership, renames, unbinding
 * and deleting a group, and what becomes of its members.
 * @see IDP-IDM-07, -13, -14
 */
import { isJsonObject, type JsonObject } from '#harness/scim';
import { PATCH_OP_SCHEMA } from '#harness/scim';
import { GROUP_SCHEMA } from '#harness/scim';
import { ConnectorError } from '../connector.js';
import { defineIdpFaults } from '../fault-seams.js';

const UNBIND = ['group-sync/unbind-deactivates-members', 'group-sync/unbind-spares-members-of-other-groups'];

/** Faults of group sync. */
export const GROUP_FAULTS = defineIdpFaults([
  {
    id: 'create-empty-groups',
    area: 'idp',
    bug: 'creates bound groups that have no members',
    cites: ['IDP-IDM-07'],
    caughtBy: ['provisioning/no-empty-groups'],
    apply: {
      steps: (strict) => ({
        ...strict,
        syncGroup: (p, app, group, members) =>
          app.groups.get(group.id)?.spId === undefined
            ? p.pushGroup(app, group, members)
            : strict.syncGroup(p, app, group, members),
      }),
    },
  },
  {
    id: 'skip-member-removal',
    area: 'idp',
    bug: 'never removes members from SP groups',
    cites: ['IDP-IDM-07'],
    caughtBy: ['provisioning/group-membership'],
    apply: {
      connector: (strict) => ({
        ...strict,
        syncGroup: (ctx, group, members, link) =>
          strict.syncGroup(ctx, group, members, { ...link, lastMembers: [...members] }),
      }),
    },
  },
  {
    id: 'duplicate-groups',
    area: 'idp',
    bug: 'creates a new SP group instead of taking over the one whose displayName equals the group name',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/takeover-by-display-name'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async syncGroup(ctx, group, members, link) {
          if (link.spId !== undefined) return strict.syncGroup(ctx, group, members, link);
          // No displayName lookup: every first sync creates the group.
          const created = await ctx.scim.post('/Groups', {
            schemas: [GROUP_SCHEMA],
            displayName: group.name,
            members: members.map((value) => ({ value })),
          });
          const id = isJsonObject(created.body) ? created.body.id : undefined;
          if (created.status !== 201 || typeof id !== 'string')
            throw new ConnectorError(`Creating group ${group.name} answered ${created.status}`);
          return { spId: id, lastMembers: [...members] };
        },
      }),
    },
  },
  {
    id: 'member-removal-by-filter',
    area: 'idp',
    bug: 'removes group members with a members[value eq "…"] path instead of the value-array form',
    cites: ['IDP-IDM-13'],
    caughtBy: ['group-sync/membership-follows-changes'],
    apply: {
      connector: (strict) => ({
        ...strict,
        async syncGroup(ctx, group, members, link) {
          const removed = (link.lastMembers ?? []).filter((id) => !members.includes(id));
          const next = await strict.syncGroup(ctx, group, members, { ...link, lastMembers: [...members] });
          if (removed.length === 0) return next;
          const operations: JsonObject[] = removed.map((id) => ({
            op: 'remove',
            path: `members[value eq ${JSON.stringify(id)}]`,
          }));
          await ctx.scim.patch(`/Groups/${next.spId}`, {
            schemas: [PATCH_OP_SCHEMA],
            Operations: operations,
          });
          return next;
        },
      }),
    },
  },
  {
    id: 'members-in-one-request',
    area: 'idp',
    bug: "sends a group's whole membership in one request (the create carries every member, each sync one PATCH), so a group larger than the SP takes in one body (about 21,000 members at 1 MiB) is refused 413 and never arrives",
    cites: ['IDP-IDM-14'],
    caughtBy: ['group-sync/large-group-within-body-limit'],
    // No per-request figure: what the reference connector did before it split membership.
    apply: { catalog: (strict) => ({ ...strict, maxMembersPerRequest: null }) },
  },
  {
    id: 'skip-group-rename',
    area: 'idp',
    bug: 'renames a group in the directory only, never in the SP',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/rename', 'group-sync/interact-groups', 'group-sync/salesforce-groups'],
    apply: { steps: (strict) => ({ ...strict, pushGroupName: async () => undefined }) },
  },
  {
    id: 'delete-unbound-group',
    area: 'idp',
    bug: 'deletes a group in the SP when it is unbound from the app',
    cites: ['IDP-IDM-07'],
    caughtBy: UNBIND,
    apply: {
      steps: (strict) => ({
        ...strict,
        async unbindGroup(p, app, group) {
          const spId = app.groups.get(group.id)?.spId;
          await strict.unbindGroup(p, app, group);
          if (app.managesGroups && spId !== undefined)
            await p.connector.deleteGroup(p.contextOf(app), group, spId);
        },
      }),
    },
  },
  {
    id: 'keep-syncing-unbound-group',
    area: 'idp',
    bug: 'keeps pushing the membership of a group unbound from the app',
    cites: ['IDP-IDM-07'],
    caughtBy: UNBIND,
    apply: {
      steps: (strict) => ({
        ...strict,
        // The link stays, and every linked group is pushed as if it were still bound.
        unbindGroup: async () => undefined,
        syncedGroups: (app) => new Set([...strict.syncedGroups(app), ...app.groups.keys()]),
      }),
    },
  },
  {
    id: 'unbound-members-stay-active',
    area: 'idp',
    bug: 'leaves the members of an unbound or deleted group active in the SP',
    cites: ['IDP-IDM-07'],
    caughtBy: [...UNBIND, 'group-sync/delete-group'],
    apply: { steps: (strict) => ({ ...strict, releaseMember: async () => undefined }) },
  },
  {
    id: 'deactivate-shared-members',
    area: 'idp',
    bug: 'deactivates the members of an unbound or deleted group even when another bound group holds them',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/unbind-spares-members-of-other-groups', 'group-sync/delete-group'],
    apply: {
      steps: (strict) => ({
        ...strict,
        releaseMember(p, app, user) {
          const link = app.users.get(user.id);
          return app.provisioning && link?.spId !== undefined && link.active
            ? p.deactivate(app, user)
            : strict.releaseMember(p, app, user);
        },
      }),
    },
  },
  {
    id: 'skip-group-delete',
    area: 'idp',
    bug: 'leaves a group deleted in the directory in the SP',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/delete-group', 'group-sync/interact-groups'],
    apply: { steps: (strict) => ({ ...strict, removeDeletedGroup: async () => undefined }) },
  },
]);
