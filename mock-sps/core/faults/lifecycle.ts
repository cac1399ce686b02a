/**
 * Faults that break what the reference IdP's group lifecycle relies on (group takeover,
 * rename, membership removal, group deletion, deactivation): each is caught by a group-sync
 * check. They are the group-side twins of `ignore-filter`, `ignore-member-remove-filter` and
 * `put-not-applied`.
 */
import { findKey, isJsonObject, type JsonObject, type PatchOperation } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import { itemOf, jsonOf, patchBody, withListParams, withOperations } from './requests.js';

/** A group's displayName left out of a replace or add, as an SP that never renames does. */
function keepName(op: PatchOperation): PatchOperation[] {
  if (op.path?.toLowerCase() === 'displayname') return [];
  if (op.path === undefined && isJsonObject(op.value)) {
    const key = findKey(op.value, 'displayName');
    if (key === undefined) return [op];
    const { [key]: _name, ...rest } = op.value;
    return [{ ...op, value: rest }];
  }
  return [op];
}

/** The ids of a resource's members. */
function memberIds(resource: JsonObject | undefined): string[] {
  const members = resource?.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((member) =>
    isJsonObject(member) && typeof member.value === 'string' ? [member.value] : [],
  );
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** The SP core's faults of the group lifecycle. */
export const LIFECYCLE_FAULTS = defineSpFaults([
  {
    id: 'display-name-filter-ignored',
    area: 'scim',
    bug: 'ignores a filter on /Groups and lists every group, so a displayName lookup finds the wrong one',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/takeover-by-display-name', 'group-sync/takeover-read-back'],
    apply: {
      around: (request, next, context) =>
        next(withListParams(request, context, (params) => delete params.filter, 'Group')),
    },
  },
  {
    id: 'rename-not-applied',
    area: 'scim',
    bug: "answers 200 to a group rename but keeps the group's old displayName",
    cites: ['IDP-IDM-07'],
    caughtBy: [
      'group-sync/rename',
      'group-sync/interact-groups',
      'group-sync/salesforce-groups',
      'group-sync/rename-read-back',
    ],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'Group');
        if (id === undefined) return next(request);
        if (request.method.toUpperCase() === 'PATCH')
          return next(withOperations(request, (operations) => operations.flatMap(keepName)));
        const body = jsonOf(request.body);
        const current = context.read('Group', id);
        const key = isJsonObject(body) ? findKey(body, 'displayName') : undefined;
        if (request.method.toUpperCase() !== 'PUT' || !current || key === undefined) return next(request);
        return next({
          ...request,
          body: JSON.stringify({ ...(body as JsonObject), [key]: current.displayName }),
        });
      },
    },
  },
  {
    id: 'member-value-remove-ignored',
    area: 'scim',
    bug: 'ignores a members remove in the value-array form {"op":"remove","path":"members","value":[…]}',
    cites: ['IDP-IDM-13'],
    caughtBy: [
      'group-sync/membership-follows-changes',
      'group-sync/interact-groups',
      'group-sync/salesforce-groups',
      'group-sync/member-remove-read-back',
      'group-sync/remove-last-member-read-back',
    ],
    apply: {
      around: (request, next) =>
        next(
          withOperations(request, (operations) =>
            operations.filter(
              (op) => !(op.op === 'remove' && op.path?.toLowerCase() === 'members' && op.value !== undefined),
            ),
          ),
        ),
    },
  },
  {
    id: 'group-delete-deactivates-members',
    area: 'scim',
    bug: 'deleting a group also sets active=false on the users that were its members',
    cites: ['IDP-IDM-07'],
    caughtBy: ['group-sync/delete-group'],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'Group');
        if (id === undefined || request.method.toUpperCase() !== 'DELETE') return next(request);
        const members = memberIds(context.read('Group', id));
        const response = next(request);
        if (!isSuccess(response.status)) return response;
        for (const member of members) {
          // Users only; a failed deactivation goes unnoticed, as in the SP's background job.
          if (context.read('User', member))
            next(
              context.internal(
                'PATCH',
                `/Users/${encodeURIComponent(member)}`,
                patchBody([{ op: 'replace', path: 'active', value: false }]),
              ),
            );
        }
        return response;
      },
    },
  },
  {
    id: 'deactivation-drops-memberships',
    area: 'scim',
    bug: 'removes a user from every group when it is deactivated, so groups do not stay as they were',
    cites: ['IDP-IDM-07'],
    caughtBy: [
      'group-sync/unbind-deactivates-members',
      'group-sync/unbind-spares-members-of-other-groups',
      'group-sync/disable-group-management',
    ],
    apply: {
      around(request, next, context) {
        const response = next(request);
        const id = itemOf(context, 'User');
        const method = request.method.toUpperCase();
        if (id === undefined || (method !== 'PATCH' && method !== 'PUT') || !isSuccess(response.status))
          return response;
        if (context.read('User', id)?.active !== false) return response;
        for (const group of context.groupsOf(id)) {
          const remove = patchBody([{ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` }]);
          next(context.internal('PATCH', `/Groups/${encodeURIComponent(group)}`, remove));
        }
        return response;
      },
    },
  },
]);
