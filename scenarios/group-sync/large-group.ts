/**
 * A group too large for one request reaches the SP whole (IDP-IDM-14). Real SPs take about 1 MiB
 * a request, so one POST of a group of 22,000 members is refused with 413 and the group never
 * arrives; the check scales that down to stay fast: its SP takes 8 KiB a request (advertised as
 * bulk.maxPayloadSize, RFC 7643 §5) and the group has 200 members, some 9.8 KB of member
 * references. A connector passes that sends at most about 165 members a request (Okta's default
 * and AWS's cap are 100) or sizes its requests by the advertised limit; one that sends every
 * member in one request does not.
 * @see IDP-IDM-14, IDP-IDM-07
 */
import { defineScenario, type ScenarioContext } from '#harness/runner';
import type { RequestLogEntry } from '#mock-sps';
import { describeRequests, groupRequires, membersOf } from './support.js';
import { limitedSp, type LimitedSetup } from './limited-sp.js';

/** The SP's request body limit in this check: 8 KiB, room for about 165 member references of 48 bytes. */
const BODY_LIMIT = 8_192;
/**
 * Members of the group: 200 member references (`{"value":"<36-character id>"}`, the mock SPs'
 * ids are UUIDs) are about 9.8 KB, 1.2 times the limit, in one request; the reference IdP's 100 a
 * request (about 4.9 KB) fit.
 */
const MEMBERS = 200;

/** Runs an IdP step; what it throws is kept for the verdict, which judges what reached the SP. */
async function attempt(action: () => Promise<void>): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The SP ids the IdP linked to the group's directory members (those it provisioned). */
function expectedMembers(setup: LimitedSetup, groupId: string): string[] {
  const group = setup.idp.directory.groups.get(groupId);
  return [...(group?.members ?? [])].flatMap((userId) => {
    const spId = setup.app.users.get(userId)?.spId;
    return spId === undefined ? [] : [spId];
  });
}

/** Judges one sync: every member of the group in the SP group, no request refused as too large. */
function judge(
  ctx: ScenarioContext,
  setup: LimitedSetup,
  groupId: string,
  what: string,
  since: number,
  thrown: string | undefined,
): void {
  const tooLarge = setup.sp
    .requests()
    .slice(since)
    .filter((request: RequestLogEntry) => request.status === 413);
  const evidence = ctx.exchanges.filter((exchange) => exchange.response?.status === 413).slice(-3);
  ctx.expect(
    tooLarge.length === 0,
    `${what}: the SP refused ${describeRequests(tooLarge)}, each body larger than the ${BODY_LIMIT} bytes it takes a request (its /ServiceProviderConfig bulk.maxPayloadSize). Split a group's members over requests: create the group with some and add the rest by PATCH (IDP-IDM-14)${thrown === undefined ? '' : `; the IdP reported: ${thrown}`}`,
    evidence.length === 0 ? undefined : evidence.map((exchange) => ({ kind: 'http' as const, exchange })),
  );
  const spId = setup.app.groups.get(groupId)?.spId;
  const held = new Set(
    membersOf(spId === undefined ? undefined : setup.sp.state().groups.find((group) => group.id === spId)),
  );
  const expected = expectedMembers(setup, groupId);
  const missing = expected.filter((id) => !held.has(id));
  ctx.expect(
    spId !== undefined && missing.length === 0,
    spId === undefined
      ? `${what}: the group never reached the SP (IDP-IDM-07, IDP-IDM-14)${thrown === undefined ? '' : `; the IdP reported: ${thrown}`}`
      : `${what}: the SP group holds ${held.size} members; ${missing.length} of the ${expected.length} provisioned members are missing (first: ${missing.slice(0, 3).join(', ')}) (IDP-IDM-07, IDP-IDM-14)${thrown === undefined ? '' : `; the IdP reported: ${thrown}`}`,
  );
  ctx.expect(
    thrown === undefined,
    `${what} failed although every member arrived and no request was refused: ${thrown}`,
  );
}

/** A group larger than one request may carry, and a sync of it (IDP-IDM-14). */
export const largeGroupScenarios = [
  defineScenario({
    id: 'group-sync/large-group-within-body-limit',
    title: `a group too large for one request (${MEMBERS} members, an SP taking ${BODY_LIMIT / 1024} KiB a request) reaches the SP whole, no request refused 413`,
    requirements: ['IDP-IDM-14', 'IDP-IDM-07'],
    level: 'DOC',
    clause: 'RFC 7644 §3.12; RFC 7643 §5',
    // The SP's limit is scaled down: a connector with a fixed figure above about 165 members a
    // request fails here but works with groups of up to some 21,000 against a 1 MiB SP.
    impact: {
      severity: 'warning',
      consequence:
        'a group whose members do not fit one request at the SP’s limit (about 21,000 at 1 MiB) never reaches the SP, and its members get no group-based access there',
    },
    requires: groupRequires,
    async run(ctx: ScenarioContext) {
      // Some 900 exchanges: keep the recent ones, where the group's requests are.
      ctx.keepRecentExchanges(500);
      const setup = await limitedSp(ctx, BODY_LIMIT);
      const { idp, sp } = setup;
      const tag = ctx.unique('m').toLowerCase();
      // Plain people: the check is about the group, and a user's every attribute costs each create.
      const person = (n: number) => ({
        username: `${tag}.${n}@example.com`,
        email: `${tag}.${n}@example.com`,
        firstname: 'Member',
        lastname: `Number ${n}`,
      });
      const groupId = idp.directory.createGroup('Everyone').id;
      for (let n = 1; n <= MEMBERS; n++) idp.directory.addMember(groupId, await idp.createUser(person(n)));
      let mark = sp.requests().length;
      const bound = await attempt(() => idp.bindGroup(setup.app, groupId));
      judge(ctx, setup, groupId, `Binding a group of ${MEMBERS} members (its first sync)`, mark, bound);
      // A later sync sends every member again (IDP-IDM-13): as large as the create.
      mark = sp.requests().length;
      const newcomer = await idp.createUser(person(MEMBERS + 1));
      const added = await attempt(() => idp.addToGroup(groupId, newcomer));
      judge(ctx, setup, groupId, `Adding member ${MEMBERS + 1} (a later sync)`, mark, added);
    },
  }),
];
