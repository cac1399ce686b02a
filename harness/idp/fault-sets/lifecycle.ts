/**
 * IdP fault switches for group sync, token changes and deactivation of the integration (IDP-IDM-02, -07, -11): each makes the reference IdP or
 * its connector break one rule, the way a buggy connector would. The provisioner-level ones are read in
 * reference-idp.ts and provisioner.ts; the connector-level ones are applied here.
 */
import { isJsonObject, type JsonObject } from '../../scim/attribute-access.js';
import { GROUP_SCHEMA } from '../../scim/schemas/index.js';
import { ConnectorError, type Connector } from '../connector.js';

export const LIFECYCLE_IDP_FAULTS = {
  'duplicate-groups':
    'creates a new SP group instead of taking over the one whose displayName equals the group name (IDP-IDM-07)',
  'member-removal-by-filter':
    'removes group members with a members[value eq "…"] path instead of the value-array form (IDP-IDM-13)',
  'skip-group-rename': 'renames a group in the directory only, never in the SP (IDP-IDM-07)',
  'delete-unbound-group': 'deletes a group in the SP when it is unbound from the app (IDP-IDM-07)',
  'keep-syncing-unbound-group': 'keeps pushing the membership of a group unbound from the app (IDP-IDM-07)',
  'unbound-members-stay-active':
    'leaves the members of an unbound or deleted group active in the SP (IDP-IDM-07)',
  'deactivate-shared-members':
    'deactivates the members of an unbound or deleted group even when another bound group holds them (IDP-IDM-07)',
  'skip-group-delete': 'leaves a group deleted in the directory in the SP (IDP-IDM-07)',
  'membership-after-disable':
    'keeps sending group membership after group management is disabled (IDP-IDM-07)',
  'token-change-in-place':
    'lets the token of an active integration change without deactivating it (IDP-IDM-02)',
  'provision-after-deactivation': 'keeps provisioning after the integration is deactivated (IDP-IDM-11)',
  'deprovision-on-app-delete':
    "deactivates the application's users in the SP when the application is deleted (IDP-SSO-08, SF-13)",
} as const;

type LifecycleFault = keyof typeof LIFECYCLE_IDP_FAULTS;

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** `base` with this set's connector-level faults among `faults` applied. */
export function applyLifecycleFaults(base: Connector, faults: ReadonlySet<string>): Connector {
  const has = (fault: LifecycleFault): boolean => faults.has(fault);
  const connector = { ...base };
  if (has('duplicate-groups')) {
    const sync = connector.syncGroup;
    connector.syncGroup = async (ctx, group, members, link) => {
      if (link.spId !== undefined) return sync.call(connector, ctx, group, members, link);
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
    };
  }
  if (has('member-removal-by-filter')) {
    const sync = connector.syncGroup;
    connector.syncGroup = async (ctx, group, members, link) => {
      const removed = (link.lastMembers ?? []).filter((id) => !members.includes(id));
      const next = await sync.call(connector, ctx, group, members, { ...link, lastMembers: [...members] });
      if (removed.length === 0) return next;
      const operations: JsonObject[] = removed.map((id) => ({
        op: 'remove',
        path: `members[value eq ${JSON.stringify(id)}]`,
      }));
      await ctx.scim.patch(`/Groups/${next.spId}`, { schemas: [PATCH_SCHEMA], Operations: operations });
      return next;
    };
  }
  return connector;
}
