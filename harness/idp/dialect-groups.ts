/**
 * A dialect's group member requests: a rename, adds and removals in the wire's forms, packed
 * into requests of at most `maxMembersPerRequest` members, or one PUT of the whole group.
 * @see IDP-IDM-07, -13, -14
 */
import type { JsonObject } from '#harness/scim';
import type { ConnectorContext } from './connector.js';
import type { DirectoryGroup } from './directory.js';
import { ok, success } from './dialect-request.js';
import { chunks, memberRef, patchBody, quote } from './dialect-wire.js';
import type { DialectProfile } from './dialects/index.js';
import { packMemberOps, type MemberOp } from './member-requests.js';

/** Sends one update of the group and logs it; throws when the SP refused it. */
async function send(
  ctx: ConnectorContext,
  group: DirectoryGroup,
  spId: string,
  method: 'PATCH' | 'PUT',
  body: JsonObject,
): Promise<void> {
  const response =
    method === 'PUT'
      ? await ctx.scim.put(`/Groups/${spId}`, body)
      : await ctx.scim.patch(`/Groups/${spId}`, body);
  ctx.log({
    event_type: 'group_update_provision',
    outcome: success(response),
    resource: { type: 'group', id: group.id, name: group.name },
    detail: `${method} answered ${response.status}`,
  });
  ok(response, `Updating group ${group.name}`, [200, 204]);
}

/** Add operations in the wire's form, at most `maxMembersPerRequest` members each. */
function addOps(
  profile: DialectProfile,
  ids: readonly string[],
  ref: (id: string) => JsonObject,
): MemberOp[] {
  return chunks(ids, profile.groups.maxMembersPerRequest).map((run) => ({
    op: { op: profile.patch.ops.add, path: 'members', value: run.map(ref) },
    members: run.length,
  }));
}

/**
 * Adds `ids` to a group its create just made with as many members as one request may carry
 * (`createMembers: 'inline'`): the rest in PATCHes of at most `maxMembersPerRequest` members.
 * @see IDP-IDM-14
 */
export async function addMembers(
  profile: DialectProfile,
  displayOf: (id: string) => string | undefined,
  ctx: ConnectorContext,
  group: DirectoryGroup,
  spId: string,
  ids: readonly string[],
): Promise<void> {
  const ref = (id: string): JsonObject => memberRef(profile, id, displayOf(id));
  const max = profile.groups.maxMembersPerRequest;
  for (const operations of packMemberOps(addOps(profile, ids, ref), max))
    await send(ctx, group, spId, 'PATCH', patchBody(operations));
}

/** Sends a group's name and member changes as the group wire says (IDP-IDM-07). */
export async function pushMembers(
  profile: DialectProfile,
  displayOf: (id: string) => string | undefined,
  ctx: ConnectorContext,
  group: DirectoryGroup,
  spId: string,
  previous: readonly string[],
  next: readonly string[],
  renamed: boolean,
): Promise<void> {
  const wire = profile.groups;
  const ops = profile.patch.ops;
  const ref = (id: string): JsonObject => memberRef(profile, id, displayOf(id));
  // Sets, not scans: a sync of a group of 25,000 would otherwise compare 625 million pairs.
  const before = new Set(previous);
  const after = new Set(next);
  const adds = wire.resendAllMembers ? next : next.filter((id) => !before.has(id));
  const removes = previous.filter((id) => !after.has(id));
  const sendName = renamed || (wire.rename.when === 'every-sync' && adds.length + removes.length > 0);
  if (wire.membership === 'put') {
    if (sendName || adds.length + removes.length > 0)
      await send(ctx, group, spId, 'PUT', {
        schemas: [...wire.createSchemas],
        id: spId,
        displayName: group.name,
        members: next.map(ref),
      });
    return;
  }
  const removeOps: MemberOp[] =
    wire.remove === 'value-list'
      ? chunks(removes, wire.maxMembersPerRequest).map((run) => ({
          op: {
            op: ops.remove,
            path: 'members',
            value: run.map((id) => memberRef(profile, id, undefined, true)),
          },
          members: run.length,
        }))
      : removes.map((id) => ({
          op: { op: ops.remove, path: `members[value eq ${quote(id)}]` },
          members: 1,
        }));
  const adding = addOps(profile, adds, ref);
  const memberOps = wire.order === 'adds-first' ? [...adding, ...removeOps] : [...removeOps, ...adding];
  // IDP-IDM-14: requests of at most maxMembersPerRequest members.
  const requests = packMemberOps(memberOps, wire.maxMembersPerRequest);
  if (sendName) {
    const nameOp: JsonObject =
      wire.rename.form === 'path'
        ? { op: ops.replace, path: 'displayName', value: group.name }
        : { op: ops.replace, value: { id: spId, displayName: group.name } };
    if (wire.rename.request === 'separate' || requests.length === 0) requests.unshift([nameOp]);
    else requests[0]!.unshift(nameOp);
  }
  for (const operations of requests) await send(ctx, group, spId, 'PATCH', patchBody(operations));
}
