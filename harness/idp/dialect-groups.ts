/**
 * A dialect's group member requests: a rename, adds and removals in the wire's forms, packed
 * into requests of at most `maxMembersPerRequest` members, or one PUT of the whole group.
 * @see IDP-IDM-07, -13
 */
import type { JsonObject } from '#harness/scim';
import type { ConnectorContext } from './connector.js';
import type { DirectoryGroup } from './directory.js';
import { ok, success } from './dialect-request.js';
import { chunks, memberRef, patchBody, quote } from './dialect-wire.js';
import type { DialectProfile } from './dialects/index.js';

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
  const adds = wire.resendAllMembers ? next : next.filter((id) => !previous.includes(id));
  const removes = previous.filter((id) => !next.includes(id));
  const sendName = renamed || (wire.rename.when === 'every-sync' && adds.length + removes.length > 0);
  const send = async (method: 'PATCH' | 'PUT', body: JsonObject): Promise<void> => {
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
  };
  if (wire.membership === 'put') {
    if (sendName || adds.length + removes.length > 0)
      await send('PUT', {
        schemas: [...wire.createSchemas],
        id: spId,
        displayName: group.name,
        members: next.map(ref),
      });
    return;
  }
  const memberOps: { op: JsonObject; members: number }[] = [];
  const addOps = chunks(adds, wire.maxMembersPerRequest).map((run) => ({
    op: { op: ops.add, path: 'members', value: run.map(ref) },
    members: run.length,
  }));
  const removeOps =
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
  memberOps.push(...(wire.order === 'adds-first' ? [...addOps, ...removeOps] : [...removeOps, ...addOps]));
  // Pack the member ops into requests of at most maxMembersPerRequest members.
  const requests: JsonObject[][] = [];
  let size = Infinity;
  for (const { op, members } of memberOps) {
    if (
      wire.maxMembersPerRequest === null ? requests.length === 0 : size + members > wire.maxMembersPerRequest
    ) {
      requests.push([]);
      size = 0;
    }
    requests.at(-1)!.push(op);
    size += members;
  }
  if (sendName) {
    const nameOp: JsonObject =
      wire.rename.form === 'path'
        ? { op: ops.replace, path: 'displayName', value: group.name }
        : { op: ops.replace, value: { id: spId, displayName: group.name } };
    if (wire.rename.request === 'separate' || requests.length === 0) requests.unshift([nameOp]);
    else requests[0]!.unshift(nameOp);
  }
  for (const operations of requests) await send('PATCH', patchBody(operations));
}
