import { defineScenario, type Scenario, type ScenarioContext } from '#harness/runner';
import type { MockSp } from '#mock-sps';
import { onboard, provisioning, type Provisioning, provisioningRequires } from '../support.js';
import { clockOf } from '../targets.js';

const requires = provisioningRequires;

/** **assumed** (IDP-IDM-12 names no figure): a failing SP gets at most this many attempts per request. */
const ATTEMPT_BOUND = 10;

/** **assumed**: the shortest first wait that counts as backing off rather than hammering. */
const FIRST_BACKOFF_MS = 100;

/** **assumed**: each backoff wait is at least this much longer than the one before (1.25×). */
const BACKOFF_GROWTH = 1.25;

/** The Retry-After the 429s carry, in seconds: longer than any connector's first backoff of its own. */
const RETRY_AFTER_S = 3;

/**
 * The waits between a failed answer and the request after it, in ms on the scenario's clock:
 * the SP's log from `mark` on, one figure per entry answered `status`. The connector may wait
 * through the context's clock or on timers of its own; what the SP saw is what is judged.
 */
function waitsAfter(sp: MockSp, mark: number, statuses: readonly number[]): number[] {
  const log = sp.requests().slice(mark);
  return log.flatMap((entry, i) => {
    const next = log[i + 1];
    if (!statuses.includes(entry.status) || next === undefined) return [];
    return [Date.parse(next.at) - Date.parse(entry.at)];
  });
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Onboards a person; the error the IdP surfaced, if any. */
async function tryOnboard(
  ctx: ScenarioContext,
  setup: Provisioning,
): Promise<{ userId: string | undefined; spId: string | undefined; error: unknown }> {
  const person = ctx.people.next();
  try {
    const { userId, spId } = await onboard(ctx, setup, person);
    return { userId, spId, error: undefined };
  } catch (error) {
    const userId = [...setup.idp.directory.users.values()].find((u) => u.username === person.username)?.id;
    return { userId, spId: undefined, error };
  }
}

/** SP users named like the directory user. */
function namesakes(sp: MockSp, setup: Provisioning, userId: string): string[] {
  const userName = setup.idp.directory.user(userId).username.toLowerCase();
  return sp
    .state()
    .users.filter((user) => String(user.resource.userName).toLowerCase() === userName)
    .map((user) => user.id);
}

export const retryScenarios: readonly Scenario[] = [
  defineScenario({
    id: 'provisioning/retry-429-retry-after',
    title: 'a 429 is retried after the wait its Retry-After asks for, in seconds or as an HTTP date',
    requirements: ['IDP-IDM-12'],
    level: 'SHOULD',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { sp } = setup;
      const clock = clockOf(ctx);
      let mark = sp.requests().length;
      sp.transient.failNext(2, { status: 429, retryAfter: RETRY_AFTER_S });
      const { userId, spId, error } = await tryOnboard(ctx, setup);
      const limited = sp.transient.answered.filter((answer) => answer.status === 429);
      ctx.expect(
        limited.every((answer) => answer.retryAfter === String(RETRY_AFTER_S)),
        `The SP's 429 answers carried Retry-After ${limited.map((a) => String(a.retryAfter)).join(', ')}; a rate limiter says when to come back (RFC 6585 §4), here ${RETRY_AFTER_S} seconds`,
      );
      ctx.expect(
        error === undefined && spId !== undefined,
        `Provisioning failed after the SP answered 429 (Retry-After: ${RETRY_AFTER_S}) twice: ${reason(error)}; 429 must be retried (IDP-IDM-12)`,
      );
      const waits = waitsAfter(sp, mark, [429]);
      ctx.expect(
        waits.length === 2 && waits.every((ms) => ms >= RETRY_AFTER_S * 1_000),
        `The requests after the two 429s arrived [${waits.join(', ')}] ms later; each asked for Retry-After: ${RETRY_AFTER_S}, so at least ${RETRY_AFTER_S * 1_000} ms each (IDP-IDM-12)`,
      );
      ctx.expect(
        namesakes(sp, setup, userId!).length === 1,
        `The SP holds ${namesakes(sp, setup, userId!).length} users for one directory user after the retries (IDP-IDM-12)`,
      );
      if (spId === undefined) return;
      // Retry-After as an HTTP date (RFC 9110 §10.2.3), 6 seconds ahead of the SP's clock; an HTTP
      // date has whole seconds, so the wait it asks for is between 5 and 6 s.
      mark = sp.requests().length;
      sp.transient.failNext(1, { status: 503, retryAfter: new Date(clock.now() + 6_000) });
      let updateError: unknown;
      try {
        await setup.idp.updateUser(userId!, { lastname: `${ctx.people.next().lastname}-Retried` });
      } catch (caught) {
        updateError = caught;
      }
      const [waited] = waitsAfter(sp, mark, [503]);
      ctx.expect(
        updateError === undefined,
        `After a 503 with a Retry-After date, the update of the user failed: ${reason(updateError)}; it must be retried (IDP-IDM-12)`,
      );
      ctx.expect(
        waited !== undefined && waited >= 4_000 && waited <= 7_000,
        `After a 503 with Retry-After 6 s ahead (an HTTP date) the next request arrived ${waited ?? 'never'} ms later; the IdP must wait until that date (IDP-IDM-12)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/retry-5xx-backoff',
    title: 'a 5xx is retried with growing waits, a bounded number of times',
    requirements: ['IDP-IDM-12'],
    level: 'SHOULD',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { sp } = setup;
      const mark = sp.requests().length;
      sp.transient.failNext(3, { status: 503 });
      const { userId, spId, error } = await tryOnboard(ctx, setup);
      ctx.expect(
        error === undefined && spId !== undefined,
        `Provisioning failed after the SP answered 503 three times: ${reason(error)}; 5xx answers must be retried (IDP-IDM-12)`,
      );
      const waits = waitsAfter(sp, mark, [503]);
      ctx.expect(
        waits.length === 3 &&
          waits[0]! >= FIRST_BACKOFF_MS &&
          waits.every((ms, i) => i === 0 || ms >= waits[i - 1]! * BACKOFF_GROWTH),
        `The requests after three 503s (no Retry-After) arrived [${waits.join(', ')}] ms later; the first at least ${FIRST_BACKOFF_MS} ms, each at least ${BACKOFF_GROWTH}× the one before (exponential backoff, IDP-IDM-12)`,
      );
      if (spId === undefined) return;
      // An SP that keeps failing gets a bounded number of attempts, then the failure is surfaced.
      const scheduled = 100;
      sp.transient.failNext(scheduled, { status: 502 });
      let updateError: unknown;
      try {
        await setup.idp.updateUser(userId!, { lastname: `${ctx.people.next().lastname}-Failing` });
      } catch (caught) {
        updateError = caught;
      }
      const attempts = scheduled - sp.transient.pending;
      sp.transient.clear();
      ctx.expect(
        updateError !== undefined && attempts > 1 && attempts <= ATTEMPT_BOUND,
        `Against an SP answering 502 to everything, the IdP made ${attempts} attempts at an update and ${updateError === undefined ? 'reported success' : 'gave up'}; it must retry, but at most ${ATTEMPT_BOUND} times, then report the failure (IDP-IDM-12)`,
      );
    },
  }),
  defineScenario({
    id: 'provisioning/no-duplicate-after-timeout',
    title: 'a create that timed out after the SP stored it is looked up, not sent again',
    requirements: ['IDP-IDM-12', 'IDP-IDM-03'],
    level: 'SHOULD',
    requires,
    async run(ctx: ScenarioContext) {
      const setup = await provisioning(ctx);
      const { sp, app } = setup;
      const mark = sp.requests().length;
      sp.transient.timeOutNextCreate();
      const { userId, error } = await tryOnboard(ctx, setup);
      ctx.expect(
        sp.transient.answered.some((answer) => answer.status === 504 && answer.processed),
        'The create was never answered 504 after being stored; the check could not set up the timeout',
      );
      ctx.expect(
        error === undefined,
        `Provisioning failed after the create timed out (504) although the SP had stored the user: ${reason(error)}; look the user up and take it over (IDP-IDM-12)`,
      );
      const stored = namesakes(sp, setup, userId!);
      ctx.expect(
        stored.length === 1,
        `The SP holds ${stored.length} users for one directory user after a timed-out create; a retry must never duplicate (IDP-IDM-12)`,
      );
      const log = sp.requests().slice(mark);
      const creates = log.flatMap((entry, i) =>
        entry.method === 'POST' && /^\/Users\/?$/i.test(entry.path) ? [i] : [],
      );
      const lookupAfter = log.slice((creates[0] ?? log.length) + 1).some((entry) => {
        return entry.method === 'GET' && /^userName eq /i.test(entry.query.filter ?? '');
      });
      ctx.expect(
        creates.length === 1 && lookupAfter,
        `After the timed-out create the IdP sent ${creates.length} creates${lookupAfter ? '' : ' and no lookup'}; it must look the user up (userName eq) before creating again (IDP-IDM-12)`,
      );
      ctx.expect(
        app.users.get(userId!)?.spId === stored[0],
        'The directory user is not linked to the SP user the timed-out create stored (IDP-IDM-12)',
      );
    },
  }),
];
