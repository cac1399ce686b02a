/**
 * The resilience suite's one expensive act: an organisation that already has its directory
 * (`--scale` users in teams of 100, every team bound to the app) turns provisioning on, and the
 * initial sync runs through the connector under test while the mock SP misbehaves (`--chaos`).
 * The IdP gets its next scheduled cycles to finish what a pass left undone, as real IdPs retry
 * on their next cycle. Every resilience check judges the same sync: it runs once per target and
 * run, on an instance of its own, and the checks read its outcome.
 * @see IDP-IDM-03, IDP-IDM-07, IDP-IDM-12
 */
import { ReferenceIdp, mapUser, referenceConnector, type Application, type Connector } from '#harness/idp';
import { ScenarioContext, type Target } from '#harness/runner';
import type { Chaos, MockSp, MockSpState } from '#mock-sps';
import { credentialsFor } from '../credentials.js';
import type { MockSpInstance } from '../targets.js';
import { appOf, clockOf } from '../targets.js';
import { WireWatch } from './wire-watch.js';

/** Provisioning passes in all: the initial sync and the IdP's next two scheduled cycles. */
export const PASSES = 3;

/** **assumed** (IDP-IDM-12 names no figure; as provisioning/retry-5xx-backoff): attempts of one request at most. */
export const ATTEMPT_BOUND = 10;

/**
 * The time between the IdP's provisioning cycles, on the scenario's clock (it costs no wall time):
 * Entra ID runs one every 40 minutes. The next cycle never lands inside an SP's Retry-After.
 */
const CYCLE_MS = 40 * 60_000;

/** Members per team group. */
const TEAM_SIZE = 100;

/** What the sync left behind, for the checks to judge. */
export interface SyncOutcome {
  app: Application;
  /** The directory's users, as the SP should hold them: lower-cased userName → the user's teams. */
  expectedUsers: Map<string, string[]>;
  /** The bound teams pushed as SP groups (none where the app's integration pushes no groups): name → lower-cased userNames. */
  expectedGroups: Map<string, Set<string>>;
  /** The SP's state after the last pass. */
  state: MockSpState;
  wire: WireWatch;
  chaos: Chaos;
  /** How each pass ended: undefined when it completed, else what stopped it. */
  passes: (string | undefined)[];
  /** The chaos spec and the scale, for the notes. */
  scale: number;
}

/** One sync per target and run seed; every resilience check of the run awaits the same one. */
const syncs = new WeakMap<Target, Map<number, Promise<SyncOutcome>>>();

/** The initial sync under chaos for the scenario's target (run once, shared by the suite's checks). */
export function initialSync(ctx: ScenarioContext): Promise<SyncOutcome> {
  const dialect = ctx.target.dialect;
  if (dialect !== undefined && dialect !== 'jumpcloud')
    ctx.notApplicable(`judges the connector under test; the ${dialect} dialect replays the reference IdP's`);
  if (!appOf(ctx).idp?.provisioning)
    ctx.notApplicable(`the reference IdP does not provision ${ctx.target.sp}`);
  const seed = ctx.sharedSeed(`resilience/${ctx.target.sp}`);
  let byTarget = syncs.get(ctx.target);
  if (!byTarget) syncs.set(ctx.target, (byTarget = new Map()));
  let sync = byTarget.get(seed);
  if (!sync) byTarget.set(seed, (sync = runSync(ctx, seed)));
  return sync;
}

async function runSync(scenario: ScenarioContext, seed: number): Promise<SyncOutcome> {
  const target = scenario.target;
  const instance = (await target.open()) as MockSpInstance;
  try {
    const ctx = new ScenarioContext(target, instance, 'resilience/initial-sync', seed);
    ctx.keepRecentExchanges(50);
    const sp = instance.inspect as MockSp;
    const clock = clockOf(ctx);
    const { chaos, scale } = instance;
    const wire = new WireWatch(clock.now, ATTEMPT_BOUND);
    instance.tap?.(wire.see);
    const entry = appOf(ctx).idp!;
    const idp = new ReferenceIdp({
      fetch: instance.fetch,
      faults: instance.idpFaults,
      connector: armingAfterTest(instance.connector ?? referenceConnector, chaos, seed),
      sleep: clock.sleep,
      now: () => new Date(clock.now()),
    });
    const app = idp.createApplication(entry);
    // The directory exists before provisioning is turned on: users in teams, every team bound.
    const teams = Array.from({ length: Math.ceil(scale / TEAM_SIZE) }, (_, i) =>
      idp.directory.createGroup(`Team ${String(i + 1).padStart(4, '0')}`),
    );
    for (let i = 0; i < scale; i++)
      idp.directory.addMember(teams[i % teams.length]!.id, idp.directory.createUser(ctx.people.next()).id);
    for (const team of teams) await idp.bindGroup(app, team.id);
    const passes: (string | undefined)[] = [];
    try {
      await idp.activateIdm(app, {
        baseUrl: instance.scimBaseUrl!,
        ...(await credentialsFor(ctx, sp, entry)),
      });
      passes.push(undefined);
    } catch (error) {
      if (!chaos.armed) throw error; // the connection test failed undisturbed: nothing to judge
      passes.push(reason(error));
    }
    while (passes.length < PASSES && passes.at(-1) !== undefined) {
      await clock.sleep(CYCLE_MS);
      try {
        await idp.resync(app);
        passes.push(undefined);
      } catch (error) {
        passes.push(reason(error));
      }
    }
    chaos.disarm();
    const userNameOf = new Map(
      [...idp.directory.users.values()].map((user) => [
        user.id,
        String(mapUser(user, entry.mappings, { forCreate: true }).userName).toLowerCase(),
      ]),
    );
    const expectedUsers = new Map<string, string[]>();
    for (const [id, userName] of userNameOf)
      expectedUsers.set(
        userName,
        idp.directory.groupsOf(id).map((group) => group.name),
      );
    const expectedGroups = new Map<string, Set<string>>();
    if (app.managesGroups)
      for (const team of teams)
        expectedGroups.set(team.name, new Set([...team.members].map((id) => userNameOf.get(id)!)));
    return { app, expectedUsers, expectedGroups, state: sp.state(), wire, chaos, passes, scale };
  } finally {
    await instance.close();
  }
}

/** `connector`, with the SP's chaos armed once its connection test passed: the sync runs under chaos, the activation does not. */
function armingAfterTest(connector: Connector, chaos: Chaos, seed: number): Connector {
  return {
    name: connector.name,
    testConnection: async (ctx, options) => {
      await connector.testConnection(ctx, options);
      chaos.arm(seed);
    },
    provisionUser: (ctx, user, link) => connector.provisionUser(ctx, user, link),
    deprovisionUser: (ctx, user, spId) => connector.deprovisionUser(ctx, user, spId),
    deleteUser: (ctx, user, spId) => connector.deleteUser(ctx, user, spId),
    syncGroup: (ctx, group, members, link) => connector.syncGroup(ctx, group, members, link),
    deleteGroup: (ctx, group, spId) => connector.deleteGroup(ctx, group, spId),
  };
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
