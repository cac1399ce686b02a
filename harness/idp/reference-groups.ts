/**
 * The reference connector's group sync: take over a group of the same name or create it, then
 * send its membership in requests of at most `ctx.maxMembersPerRequest` members, so a group of
 * any size reaches an SP that limits its request bodies (RFC 7644 §3.12 413, RFC 7643 §5
 * bulk.maxPayloadSize). A group within the figure travels as it always did: one POST with every
 * member, then one PATCH per sync.
 * @see IDP-IDM-07, IDP-IDM-13, IDP-IDM-14
 */
import { GROUP_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import type { ConnectorContext, GroupLink } from './connector.js';
import { createResource } from './create-resource.js';
import type { DirectoryGroup } from './directory.js';
import { ok, success } from './dialect-request.js';
import { chunks, patchBody, quote } from './dialect-wire.js';
import { packMemberOps, type MemberOp } from './member-requests.js';
import { CREATE_ATTEMPTS, waitAsAsked } from './reference-retry.js';

type GroupSubject = { type: 'group'; id: string; name: string };

const subjectOf = (group: DirectoryGroup): GroupSubject => ({
  type: 'group',
  id: group.id,
  name: group.name,
});

/** `{op, path: "members", value: [{value}…]}` operations of at most `max` members each. */
function memberOps(op: 'add' | 'remove', ids: readonly string[], max: number | null): MemberOp[] {
  return chunks(ids, max).map((run) => ({
    op: { op, path: 'members', value: run.map((value) => ({ value })) },
    members: run.length,
  }));
}

/** IDP-IDM-07: makes the group exist in the SP, taking over one of the same name, with these members. */
export async function syncGroup(
  ctx: ConnectorContext,
  group: DirectoryGroup,
  memberSpIds: readonly string[],
  link: GroupLink,
): Promise<Required<GroupLink>> {
  const max = ctx.maxMembersPerRequest;
  // IDP-IDM-07: take over an SP group of the same name instead of duplicating it.
  const spId = link.spId ?? (await findGroup(ctx, group.name));
  if (spId === undefined) {
    const [inline = [], ...rest] = chunks(memberSpIds, max);
    const created = await createGroup(ctx, group, inline);
    // IDP-IDM-14: what the create could not carry follows as adds, at most `max` members a request.
    await sendMembers(ctx, group, created, packMemberOps(memberOps('add', rest.flat(), max), max));
    return { spId: created, lastMembers: [...memberSpIds] };
  }
  const current = new Set(memberSpIds);
  const removed = (link.lastMembers ?? []).filter((id) => !current.has(id));
  // IDP-IDM-13: the member add is sent in full on every sync, so the SP must treat it idempotently.
  const requests = packMemberOps(
    [...memberOps('add', memberSpIds, max), ...memberOps('remove', removed, max)],
    max,
  );
  const rename = { op: 'replace', path: 'displayName', value: group.name };
  if (requests.length === 0) requests.push([rename]);
  else requests[0]!.unshift(rename);
  await sendMembers(ctx, group, spId, requests);
  return { spId, lastMembers: [...memberSpIds] };
}

/** One PATCH per request, in order; the first refused stops the sync (the next one sends it again). */
async function sendMembers(
  ctx: ConnectorContext,
  group: DirectoryGroup,
  spId: string,
  requests: readonly JsonObject[][],
): Promise<void> {
  for (const operations of requests) {
    const response = await ctx.scim.patch(`/Groups/${spId}`, patchBody(operations));
    ctx.log({
      event_type: 'group_update_provision',
      outcome: success(response),
      resource: subjectOf(group),
      detail: `PATCH answered ${response.status}`,
    });
    ok(response, `Updating group ${group.name}`, [200, 204]);
  }
}

/** The SP group whose displayName is `name` (IDP-IDM-07), if any. */
async function findGroup(ctx: ConnectorContext, name: string): Promise<string | undefined> {
  const lookup = await ctx.scim.get('/Groups', { query: { filter: `displayName eq ${quote(name)}` } });
  const found =
    isJsonObject(lookup.body) && Array.isArray(lookup.body.Resources)
      ? lookup.body.Resources.find(isJsonObject)
      : undefined;
  return found && typeof found.id === 'string' ? found.id : undefined;
}

/**
 * Creates the group with `members`; returns its id. Group names need not be unique in an SP,
 * so a create that may have been stored is looked up by name before it is sent again.
 */
function createGroup(
  ctx: ConnectorContext,
  group: DirectoryGroup,
  members: readonly string[],
): Promise<string> {
  return createResource(ctx, {
    endpoint: '/Groups',
    what: `Creating group ${group.name}`,
    event: 'group_create_provision',
    subject: subjectOf(group),
    body: { schemas: [GROUP_SCHEMA], displayName: group.name, members: members.map((value) => ({ value })) },
    attempts: CREATE_ATTEMPTS,
    lookUp: () => findGroup(ctx, group.name),
    beforeLookUp: (answer) => waitAsAsked(ctx, answer),
  });
}
