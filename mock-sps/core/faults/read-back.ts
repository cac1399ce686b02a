/**
 * Faults a customer finds only by looking at the app after the IdP acted: the SP answers
 * success and keeps its old state. Each is caught by a lifecycle read-back check
 * (scenarios/read-back.ts), which judges any server by reading it back over SCIM.
 */
import { findKey, isJsonObject, type JsonObject, type PatchOperation } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import type { ScimMiddleware } from '../scim/fault-seams.js';
import { itemOf, jsonOf, patchBody, resourceOf, withListParams, withOperations } from './requests.js';

/** Whether a PATCH value sets active to `to` (a JSON Boolean, or Entra's "True"/"False" string). */
const setsActive = (value: unknown, to: boolean): boolean =>
  value === to || (typeof value === 'string' && value.toLowerCase() === String(to));

/** `op` without the part that sets active to `to`: dropped, or its key taken out of a path-less value. */
function withoutActive(op: PatchOperation, to: boolean): PatchOperation[] {
  if (op.op.toLowerCase() === 'remove') return [op];
  if (op.path?.toLowerCase() === 'active') return setsActive(op.value, to) ? [] : [op];
  if (op.path !== undefined || !isJsonObject(op.value)) return [op];
  const key = findKey(op.value, 'active');
  if (key === undefined || !setsActive(op.value[key], to)) return [op];
  const { [key]: _active, ...rest } = op.value;
  return [{ ...op, value: rest }];
}

/** Middleware that answers a change of active to `to` with success but keeps the user's state (PATCH or PUT). */
function keepsActive(to: boolean): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      const id = itemOf(context, 'User');
      if (id === undefined) return next(request);
      const method = request.method.toUpperCase();
      if (method === 'PATCH')
        return next(withOperations(request, (ops) => ops.flatMap((op) => withoutActive(op, to))));
      const body = jsonOf(request.body);
      const key = isJsonObject(body) ? findKey(body, 'active') : undefined;
      if (method !== 'PUT' || key === undefined || !setsActive((body as JsonObject)[key], to))
        return next(request);
      const current = context.read('User', id);
      return next({
        ...request,
        body: JSON.stringify({ ...(body as JsonObject), [key]: current?.active ?? !to }),
      });
    },
  };
}

/** Middleware that answers DELETE of a `type` with 204 and deletes nothing. */
function keepsDeleted(type: 'User' | 'Group'): { around: ScimMiddleware } {
  return {
    around(request, next, context) {
      if (request.method.toUpperCase() !== 'DELETE' || itemOf(context, type) === undefined)
        return next(request);
      return { status: 204, headers: {}, body: '' };
    },
  };
}

/** The attributes a profile change names; active and members have faults of their own. */
const PROFILE = /^(?:username|name|displayname|title|emails|nickname)\b/i;

/** `op` without the profile attributes it changes. */
function withoutProfile(op: PatchOperation): PatchOperation[] {
  if (op.path !== undefined) return PROFILE.test(op.path) ? [] : [op];
  if (!isJsonObject(op.value)) return [op];
  const kept = Object.entries(op.value).filter(([key]) => !PROFILE.test(key));
  return [{ ...op, value: Object.fromEntries(kept) }];
}

/** The SP core's faults that only reading the app back reveals. */
export const READ_BACK_FAULTS = defineSpFaults([
  {
    id: 'delete-kept',
    area: 'scim',
    bug: 'answers 204 to DELETE /Users/{id} but keeps the user, active (RFC 7644 §3.6)',
    cites: ['SCIM-LIFECYCLE-DELETE', 'SCIM-LIFECYCLE-CONNECT'],
    caughtBy: ['provisioning/connect-read-back', 'deactivation/delete-read-back'],
    apply: keepsDeleted('User'),
  },
  {
    id: 'deactivation-not-applied',
    area: 'scim',
    bug: 'answers 200 to a deactivation (active false, by PATCH or PUT) but keeps the user active',
    cites: ['SCIM-LIFECYCLE-DEACTIVATE'],
    caughtBy: ['deactivation/suspend-read-back', 'deactivation/unassign-read-back'],
    apply: keepsActive(false),
  },
  {
    id: 'reactivation-not-applied',
    area: 'scim',
    bug: 'answers 200 to a reactivation (active true) but leaves the user inactive',
    cites: ['SCIM-LIFECYCLE-REACTIVATE'],
    caughtBy: ['deactivation/reactivate-read-back', 'provisioning/rehire-read-back'],
    apply: keepsActive(true),
  },
  {
    id: 'profile-changes-not-applied',
    area: 'scim',
    bug: 'answers 200 to a PATCH of userName, name, title or emails but keeps the old values',
    cites: ['SCIM-LIFECYCLE-UPDATE'],
    caughtBy: [
      'provisioning/update-read-back',
      'provisioning/rename-read-back',
      'provisioning/title-read-back',
    ],
    apply: {
      around: (request, next, context) =>
        itemOf(context, 'User') === undefined
          ? next(request)
          : next(withOperations(request, (ops) => ops.flatMap(withoutProfile))),
    },
  },
  {
    id: 'create-drops-name',
    area: 'scim',
    bug: 'creates a user without the name it was sent (RFC 7644 §3.3: the resource holds what was sent)',
    cites: ['SCIM-LIFECYCLE-CREATE'],
    caughtBy: ['provisioning/create-read-back'],
    apply: {
      around(request, next, context) {
        const target = resourceOf(context);
        const body = jsonOf(request.body);
        if (request.method.toUpperCase() !== 'POST' || target?.type !== 'User' || target.id !== undefined)
          return next(request);
        if (!isJsonObject(body)) return next(request);
        const key = findKey(body, 'name');
        if (key === undefined) return next(request);
        const { [key]: _name, ...rest } = body;
        return next({ ...request, body: JSON.stringify(rest) });
      },
    },
  },
  {
    id: 'username-lookup-misses',
    area: 'scim',
    bug: 'answers a userName filter with an empty list even when the user exists, so a reconnecting IdP creates a duplicate',
    cites: ['SCIM-LIFECYCLE-CREATE', 'SCIM-LIST-FILTER'],
    caughtBy: ['provisioning/reconnect-takes-over', 'import/imported-user-managed-read-back'],
    apply: {
      around: (request, next, context) =>
        next(
          withListParams(
            request,
            context,
            (params) => {
              if (typeof params.filter === 'string' && /username/i.test(params.filter))
                params.filter = 'userName eq "sso-harness-nobody"';
            },
            'User',
          ),
        ),
    },
  },
  {
    id: 'member-add-not-applied',
    area: 'scim',
    bug: 'answers 200 to adding group members (PATCH add, or members in a POST or PUT) but adds none',
    cites: ['SCIM-LIFECYCLE-GROUPS'],
    caughtBy: [
      'group-sync/push-read-back',
      'group-sync/member-add-read-back',
      'group-sync/many-members-read-back',
    ],
    apply: {
      around(request, next, context) {
        const target = resourceOf(context);
        if (target?.type !== 'Group') return next(request);
        const method = request.method.toUpperCase();
        if (method === 'PATCH')
          return next(
            withOperations(request, (ops) =>
              ops.filter((op) => !(op.op.toLowerCase() === 'add' && op.path?.toLowerCase() === 'members')),
            ),
          );
        const body = jsonOf(request.body);
        if ((method !== 'POST' && method !== 'PUT') || !isJsonObject(body)) return next(request);
        const current = target.id === undefined ? undefined : context.read('Group', target.id);
        return next({ ...request, body: JSON.stringify({ ...body, members: current?.members ?? [] }) });
      },
    },
  },
  {
    id: 'group-delete-kept',
    area: 'scim',
    bug: 'answers 204 to DELETE /Groups/{id} but keeps the group and its members (RFC 7644 §3.6)',
    cites: ['SCIM-LIFECYCLE-GROUPS'],
    caughtBy: ['group-sync/delete-read-back'],
    apply: keepsDeleted('Group'),
  },
  {
    id: 'deactivation-wipes-profile',
    area: 'scim',
    bug: 'clears the name of a user it deactivates, as an SP that anonymises leavers does',
    cites: ['SCIM-LIFECYCLE-DEACTIVATE'],
    caughtBy: ['deactivation/suspend-keeps-profile'],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'User');
        const response = next(request);
        if (id === undefined || response.status >= 300 || context.read('User', id)?.active !== false)
          return response;
        // The anonymising happens after the answer, as in the SP's background job.
        next(
          context.internal(
            'PATCH',
            `/Users/${encodeURIComponent(id)}`,
            patchBody([{ op: 'remove', path: 'name' }]),
          ),
        );
        return response;
      },
    },
  },
  {
    id: 'deactivated-hidden-from-lookup',
    area: 'scim',
    bug: 'leaves inactive users out of filtered lists, so a userName lookup misses a deactivated user',
    cites: ['SCIM-LIFECYCLE-DEACTIVATE', 'SCIM-LIST-FILTER'],
    caughtBy: ['deactivation/deactivated-lookup-read-back'],
    apply: {
      around(request, next, context) {
        let filtered = false;
        const scoped = withListParams(
          request,
          context,
          (params) => {
            if (typeof params.filter !== 'string') return;
            filtered = true;
            params.filter = `(${params.filter}) and active eq true`;
          },
          'User',
        );
        return filtered ? next(scoped) : next(request);
      },
    },
  },
  {
    id: 'start-index-ignored',
    area: 'scim',
    bug: 'ignores startIndex and answers the first page every time, so an import walks the same users again',
    cites: ['SCIM-LIFECYCLE-IMPORT', 'SCIM-LIST-PAGINATION'],
    caughtBy: ['import/list-read-back'],
    apply: {
      around: (request, next, context) =>
        next(withListParams(request, context, (params) => delete params.startIndex, 'User')),
    },
  },
]);
