/**
 * The resilience suite: an initial sync of `--scale` users in teams, through the connector under
 * test, while the mock SP misbehaves as `--chaos` says (429 and 503 with Retry-After, 5xx,
 * dropped connections, timeouts after the SP committed). Judged from the SP's state and the
 * wire: nobody lost, nobody duplicated, memberships converged, retries within a budget,
 * Retry-After honoured (docs/decisions/0025-resilience-suite.md).
 * @see IDP-IDM-03, IDP-IDM-07, IDP-IDM-12
 */
import type { Evidence } from '#harness/evidence';
import { defineScenario, type Scenario, type ScenarioContext } from '#harness/runner';
import type { InspectedResource } from '#mock-sps';
import { describeChaos } from '#mock-sps';
import { ATTEMPT_BOUND, PASSES, initialSync, type SyncOutcome } from './sync.js';
import type { Sample } from './wire-watch.js';

const requires = { provisioning: true, inspection: true } as const;

/** Each disturbed answer (429, 5xx, dropped) may cost this many further requests: the retry, a lookup, a second retry. */
const REPEATS_PER_DISTURBANCE = 3;

/** Names up to five items and says how many more there are. */
function some(items: readonly string[]): string {
  const shown = items.slice(0, 5).join(', ');
  return items.length > 5 ? `${shown} and ${items.length - 5} more` : shown;
}

function evidenceOf(samples: readonly Sample[]): Evidence[] {
  return samples.flatMap((sample) =>
    sample.exchanges.map((exchange, i) => ({
      kind: 'http' as const,
      label: i === 0 ? sample.what : `${sample.what} (then)`,
      exchange,
    })),
  );
}

/** What the chaos did and how the passes ended, as a note for the report and for every failure. */
function summary(outcome: SyncOutcome): string {
  const counts = Object.entries(outcome.chaos.counts)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n}× ${kind}`);
  const stopped = outcome.passes.filter((pass) => pass !== undefined).length;
  return `${outcome.scale} users, chaos ${describeChaos(outcome.chaos.profile)} (seed ${outcome.chaos.seed}): ${outcome.wire.requests} requests, ${counts.length > 0 ? counts.join(', ') : 'nothing disturbed'}; ${outcome.passes.length} pass${outcome.passes.length === 1 ? '' : 'es'}${stopped > 0 ? `, ${stopped} stopped early (first: ${outcome.passes.find((pass) => pass !== undefined)})` : ''}`;
}

function notes(outcome: SyncOutcome): Evidence[] {
  return [{ kind: 'note', label: 'the initial sync under chaos', text: summary(outcome) }];
}

const userNameOf = (user: InspectedResource): string => String(user.resource.userName ?? '').toLowerCase();

/** SP users by lower-cased userName. */
function usersByName(outcome: SyncOutcome): Map<string, InspectedResource[]> {
  const byName = new Map<string, InspectedResource[]>();
  for (const user of outcome.state.users) {
    const name = userNameOf(user);
    byName.set(name, [...(byName.get(name) ?? []), user]);
  }
  return byName;
}

export const resilienceScenarios: readonly Scenario[] = [
  defineScenario({
    id: 'resilience/no-user-lost',
    title: 'after an initial sync under chaos, every entitled user is in the SP, active',
    requirements: ['IDP-IDM-03', 'IDP-IDM-12'],
    level: 'MUST',
    clause: 'RFC 6585 §4; RFC 9110 §15.6',
    requires,
    async run(ctx: ScenarioContext) {
      const outcome = await initialSync(ctx);
      const byName = usersByName(outcome);
      const missing = [...outcome.expectedUsers.keys()].filter((name) => !byName.has(name));
      const inactive = [...outcome.expectedUsers.keys()].filter((name) =>
        byName.get(name)?.every((user) => user.resource.active === false),
      );
      ctx.expect(
        missing.length + inactive.length === 0,
        [
          missing.length > 0 &&
            `${missing.length} of ${outcome.expectedUsers.size} users are not in the SP (${some(missing)})`,
          inactive.length > 0 && `${inactive.length} users are in the SP but inactive (${some(inactive)})`,
        ]
          .filter(Boolean)
          .join('; ') +
          ` after ${PASSES} provisioning passes: a connector must retry what the SP failed, or leave it for the next pass to finish (IDP-IDM-12). ${summary(outcome)}`,
        notes(outcome),
      );
      ctx.note = summary(outcome);
    },
  }),
  defineScenario({
    id: 'resilience/no-duplicates',
    title:
      'an initial sync under chaos creates nobody twice: one SP user per directory user, one group per team',
    requirements: ['IDP-IDM-03', 'IDP-IDM-07', 'IDP-IDM-12'],
    level: 'MUST',
    clause: 'RFC 7644 §3.3; RFC 7643 §4.1 (userName uniqueness)',
    requires,
    async run(ctx: ScenarioContext) {
      const outcome = await initialSync(ctx);
      const twice = [...usersByName(outcome)].filter(
        ([name, users]) => outcome.expectedUsers.has(name) && users.length > 1,
      );
      const groupCounts = new Map<string, number>();
      for (const group of outcome.state.groups) {
        const name = String(group.resource.displayName);
        groupCounts.set(name, (groupCounts.get(name) ?? 0) + 1);
      }
      const groupsTwice = [...groupCounts].filter(([name, n]) => outcome.expectedGroups.has(name) && n > 1);
      ctx.expect(
        twice.length + groupsTwice.length === 0,
        `The SP holds ${twice.length} users and ${groupsTwice.length} groups more than once (${some([...twice, ...groupsTwice].map(([name]) => name))}): a create re-sent after a timeout or a 5xx was stored twice; look the resource up before creating it again (IDP-IDM-12). ${summary(outcome)}`,
        notes(outcome),
      );
      const refused = outcome.wire.refusedDuplicateCount;
      if (refused > 0)
        ctx.failAt(
          { level: 'SHOULD', security: false },
          `${refused} creates were sent for a resource the SP already held (${some(outcome.wire.refusedDuplicates.map((s) => s.what))}): the connector re-sent a create after a timeout or a 5xx without looking it up first. This SP enforces uniqueness and refused them with 409, so nothing was duplicated here; an SP that does not enforce it (group names never have to be unique) would now hold two (IDP-IDM-12: look up before re-creating). ${summary(outcome)}`,
          [...evidenceOf(outcome.wire.refusedDuplicates), ...notes(outcome)],
        );
      ctx.note = summary(outcome);
    },
  }),
  defineScenario({
    id: 'resilience/memberships-converged',
    title: 'after an initial sync under chaos, every bound team is an SP group holding exactly its members',
    requirements: ['IDP-IDM-07', 'IDP-IDM-12'],
    level: 'MUST',
    requires: { ...requires, groups: true },
    async run(ctx: ScenarioContext) {
      const outcome = await initialSync(ctx);
      if (outcome.expectedGroups.size === 0)
        ctx.notApplicable(`${outcome.app.name}'s integration pushes no groups`);
      const nameById = new Map(outcome.state.users.map((user) => [user.id, userNameOf(user)]));
      const present = new Set(outcome.state.groups.map((group) => String(group.resource.displayName)));
      const differing = [...outcome.expectedGroups.keys()]
        .filter((name) => !present.has(name))
        .map((name) => `${name} is not in the SP`);
      for (const group of outcome.state.groups) {
        const expected = outcome.expectedGroups.get(String(group.resource.displayName));
        if (!expected) continue;
        const members = Array.isArray(group.resource.members) ? group.resource.members : [];
        const held = new Set(
          members.map(
            (member) => nameById.get(String((member as { value?: unknown }).value)) ?? String(member),
          ),
        );
        const lacking = [...expected].filter((name) => !held.has(name));
        const extra = [...held].filter((name) => !expected.has(name));
        if (lacking.length + extra.length > 0)
          differing.push(
            `${String(group.resource.displayName)} lacks ${lacking.length}${extra.length > 0 ? ` and has ${extra.length} extra` : ''} (e.g. ${[...lacking, ...extra][0]})`,
          );
      }
      ctx.expect(
        differing.length === 0,
        `${differing.length} of ${outcome.expectedGroups.size} SP groups do not hold their team's members after ${PASSES} passes: ${some(differing)}; membership changes the SP failed must be sent again (IDP-IDM-07, IDP-IDM-12). ${summary(outcome)}`,
        notes(outcome),
      );
      ctx.note = summary(outcome);
    },
  }),
  defineScenario({
    id: 'resilience/retry-after-honoured',
    title:
      'under chaos, a request answered 429 or 503 with Retry-After is not sent again before the wait ran out',
    requirements: ['IDP-IDM-12'],
    level: 'SHOULD',
    clause: 'RFC 9110 §10.2.3; RFC 6585 §4',
    requires,
    async run(ctx: ScenarioContext) {
      const outcome = await initialSync(ctx);
      const { wire } = outcome;
      if (wire.waitsAsked === 0)
        ctx.notApplicable(
          `the chaos answered no 429 or 503 in this sync (${describeChaos(outcome.chaos.profile)}); add 429=5% or raise --scale`,
        );
      ctx.expect(
        wire.earlyCount === 0,
        `${wire.earlyCount} of ${wire.waitsAsked} requests the SP asked to wait came back early (${some(wire.early.map((s) => s.what))}); wait at least the Retry-After the SP sent (RFC 9110 §10.2.3, IDP-IDM-12). ${summary(outcome)}`,
        [...evidenceOf(wire.early), ...notes(outcome)],
      );
      ctx.note = `${wire.waitsAsked} waits asked, all kept. ${summary(outcome)}`;
    },
  }),
  defineScenario({
    id: 'resilience/retry-budget',
    title: `under chaos, retries stay within a budget: no request sent more than ${ATTEMPT_BOUND} times, at most ${REPEATS_PER_DISTURBANCE} repeats per disturbed answer`,
    requirements: ['IDP-IDM-12'],
    level: 'SHOULD',
    requires,
    async run(ctx: ScenarioContext) {
      const outcome = await initialSync(ctx);
      const { wire } = outcome;
      const budget = REPEATS_PER_DISTURBANCE * wire.disturbed;
      ctx.expect(
        wire.overBound === 0,
        `${wire.overBound} requests were sent more than ${ATTEMPT_BOUND} times (${wire.mostAttempted?.what ?? ''}: ${wire.mostAttempts} times); a connector hammering a failing SP makes its outage worse: give up and leave it for the next pass (IDP-IDM-12, assumed bound). ${summary(outcome)}`,
        [...evidenceOf(wire.mostAttempted ? [wire.mostAttempted] : []), ...notes(outcome)],
      );
      ctx.expect(
        wire.repeats <= budget,
        `The sync repeated ${wire.repeats} requests for ${wire.disturbed} disturbed answers (budget ${budget}: ${REPEATS_PER_DISTURBANCE} per disturbance): requests were sent again that the SP never failed (IDP-IDM-12). ${summary(outcome)}`,
        notes(outcome),
      );
      ctx.note = `${wire.repeats} repeats for ${wire.disturbed} disturbed answers (budget ${budget}); at most ${wire.mostAttempts} attempts of one request. ${summary(outcome)}`;
    },
  }),
];
