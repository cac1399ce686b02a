/**
 * Faults in how an SP applies the profile changes, deletions and memberships an IdP sends,
 * each one found only by reading the app back afterwards (the lifecycle read-back checks,
 * scenarios/read-back.ts). Each is a bug seen in hand-written SCIM servers.
 */
import { findKey, isJsonObject, scimErrors, type PatchOperation } from '#harness/scim';
import { defineSpFaults } from '../fault.js';
import {
  itemOf,
  jsonOf,
  operationsOf,
  patchBody,
  resourceOf,
  withListParams,
  withOperations,
} from './requests.js';

const isUserWrite = (method: string): boolean => ['POST', 'PUT', 'PATCH'].includes(method.toUpperCase());

/** A plain attribute path (no sub-attribute, no value filter). */
const plainPath = (path: string | undefined): path is string => path !== undefined && !/[.[:]/.test(path);

export const READ_BACK_PROFILE_FAULTS = defineSpFaults([
  {
    id: 'patch-first-operation-only',
    area: 'scim',
    bug: 'applies only the first operation of a PATCH and answers 200 (RFC 7644 §3.5.2: all operations or none)',
    cites: ['SCIM-LIFECYCLE-UPDATE'],
    caughtBy: ['provisioning/several-changes-read-back'],
    apply: {
      around: (request, next, context) =>
        itemOf(context, 'User') === undefined
          ? next(request)
          : next(withOperations(request, (ops) => ops.slice(0, 1))),
    },
  },
  {
    id: 'replace-keeps-set-value',
    area: 'scim',
    bug: 'treats a PATCH replace of a singular attribute that already has a value as "set if absent", keeping the old value',
    cites: ['SCIM-LIFECYCLE-UPDATE'],
    caughtBy: ['provisioning/title-change-read-back'],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'User');
        if (id === undefined) return next(request);
        const current = context.read('User', id) ?? {};
        const isSet = (path: string): boolean => {
          const key = findKey(current, path);
          return key !== undefined && typeof current[key] === 'string' && current[key] !== '';
        };
        return next(
          withOperations(request, (ops) =>
            ops.filter((op) => !(op.op.toLowerCase() === 'replace' && plainPath(op.path) && isSet(op.path))),
          ),
        );
      },
    },
  },
  {
    id: 'multi-valued-replace-appends',
    area: 'scim',
    bug: 'appends the values of a PATCH replace of a multi-valued attribute (emails) instead of replacing them (RFC 7644 §3.5.2.3)',
    cites: ['SCIM-LIFECYCLE-UPDATE'],
    caughtBy: ['provisioning/email-change-read-back'],
    apply: {
      around(request, next, context) {
        if (itemOf(context, 'User') === undefined) return next(request);
        const appended = (op: PatchOperation): PatchOperation =>
          op.op.toLowerCase() === 'replace' && plainPath(op.path) && Array.isArray(op.value)
            ? { ...op, op: 'add' }
            : op;
        return next(withOperations(request, (ops) => ops.map(appended)));
      },
    },
  },
  {
    id: 'non-ascii-mangled',
    area: 'scim',
    bug: 'reads the UTF-8 body of a user write as Latin-1, so "Zoë" is stored as "ZoÃ«" (RFC 7643 §2.3.1)',
    cites: ['SCIM-LIFECYCLE-CREATE', 'SCIM-LIFECYCLE-UPDATE'],
    caughtBy: ['provisioning/unicode-name-read-back'],
    apply: {
      around(request, next, context) {
        if (
          resourceOf(context)?.type !== 'User' ||
          !isUserWrite(request.method) ||
          request.body === undefined
        )
          return next(request);
        return next({ ...request, body: Buffer.from(request.body, 'utf8').toString('latin1') });
      },
    },
  },
  {
    id: 'deleted-username-reserved',
    area: 'scim',
    bug: "keeps a deleted user's userName reserved: the user answers 404 and is listed nowhere, yet a new user of that userName is refused 409",
    cites: ['SCIM-LIFECYCLE-DELETE', 'SCIM-LIFECYCLE-CREATE'],
    caughtBy: ['deactivation/delete-then-recreate-read-back'],
    apply: {
      around(request, next, context) {
        // The userNames this SP deleted: its soft delete keeps them in the unique index.
        const names = context.state('deleted-username-reserved', () => new Set<string>());
        const target = resourceOf(context);
        const method = request.method.toUpperCase();
        if (target?.type !== 'User') return next(request);
        if (method === 'DELETE' && target.id !== undefined) {
          const userName = context.read('User', target.id)?.userName;
          const response = next(request);
          if (response.status < 300 && typeof userName === 'string') names.add(userName.toLowerCase());
          return response;
        }
        const body = jsonOf(request.body);
        const key = isJsonObject(body) ? findKey(body, 'userName') : undefined;
        const userName = key === undefined ? undefined : (body as Record<string, unknown>)[key];
        if (method === 'POST' && typeof userName === 'string' && names.has(userName.toLowerCase()))
          return context.refuse(scimErrors.uniqueness(`userName '${userName}' is already taken`));
        return next(request);
      },
    },
  },
  {
    id: 'member-removed-from-every-group',
    area: 'scim',
    bug: 'removing a member from one group removes that user from every group it belongs to',
    cites: ['SCIM-LIFECYCLE-GROUPS'],
    caughtBy: ['group-sync/other-groups-kept-read-back'],
    apply: {
      around(request, next, context) {
        const id = itemOf(context, 'Group');
        const ops = id === undefined ? undefined : operationsOf(request);
        const response = next(request);
        if (ops === undefined || response.status >= 300) return response;
        const removed = ops.flatMap((op) => removedMembers(op));
        for (const member of removed)
          for (const group of context.groupsOf(member))
            next(
              context.internal(
                'PATCH',
                `/Groups/${encodeURIComponent(group)}`,
                patchBody([{ op: 'remove', path: `members[value eq ${JSON.stringify(member)}]` }]),
              ),
            );
        return response;
      },
    },
  },
  {
    id: 'filter-escapes-kept',
    area: 'scim',
    bug: 'compares a filter string with its escapes left in (\\" stays backslash-quote), so a name holding a quote is never found (RFC 7644 §3.4.2.2: values are JSON strings)',
    cites: ['SCIM-LIFECYCLE-GROUPS', 'SCIM-LIST-FILTER'],
    caughtBy: ['group-sync/quoted-name-takeover-read-back'],
    apply: {
      around: (request, next, context) =>
        next(
          withListParams(request, context, (params) => {
            // An escaped quote becomes an escaped backslash and an escaped quote: the literal text \".
            if (typeof params.filter === 'string') params.filter = params.filter.replace(/\\"/g, '\\\\\\"');
          }),
        ),
    },
  },
]);

/** The member ids a PATCH operation on a group removes: `members[value eq "x"]`, or a `members` value list. */
function removedMembers(op: PatchOperation): string[] {
  if (op.op.toLowerCase() !== 'remove' || op.path === undefined) return [];
  const filtered = /^members\[value eq "([^"]+)"\]$/i.exec(op.path);
  if (filtered) return [filtered[1]!];
  if (op.path.toLowerCase() !== 'members' || !Array.isArray(op.value)) return [];
  return op.value.flatMap((member) =>
    isJsonObject(member) && typeof member.value === 'string' ? [member.value] : [],
  );
}
