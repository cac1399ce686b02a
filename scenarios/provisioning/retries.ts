import { defineScenario, type Scenario, type ScenarioContext } from '#harness/runner';
import type { MockSp } from '#mock-sps';
import { onboard, provisioning, type Provisioning, provisioningRequires } from '../support.js';

const requires = provisioningRequires;

/** **assumed** (IDP-IDM-12 names no figure): a failing SP gets at most this many attempts per request. */
const ATTEMPT_BOUND = 10;

/** The reference IdP against the scenario's SP, with a `sleep` that records the waits instead of waiting. */
async function recordingSetup(ctx: ScenarioContext): Promise<{ setup: Provisioning; sleeps: number[] }> {
  const sleeps: number[] = [];
  const setup = await provisioning(ctx, {
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  });
  // Waits of the activation are not the check's business.
  sleeps.length = 0;
  return { setup, sleeps };
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
      const { setup, sleeps } = await recordingSetup(ctx);
      const { sp } = setup;
      sp.transient.failNext(2, { status: 429, retryAfter: 7 });
      const { userId, spId, error } = await tryOnboard(ctx, setup);
      const limited = sp.transient.answered.filter((answer) => answer.status === 429);
      ctx.expect(
        limited.every((answer) => answer.retryAfter === '7'),
        `The SP's 429 answers carried Retry-After ${limited.map((a) => String(a.retryAfter)).join(', ')}; a rate limiter says when to come back (RFC 6585 §4), here 7 seconds`,
      );
      ctx.expect(
        error === undefined && spId !== undefined,
        `Provisioning failed after the SP answered 429 (Retry-After: 7) twice: ${reason(error)}; 429 must be retried (IDP-IDM-12)`,
      );
      ctx.expect(
        sleeps.length === 2 && sleeps.every((ms) => ms >= 7_000),
        `Between attempts the IdP waited [${sleeps.join(', ')}] ms; each 429 asked for Retry-After: 7, so at least 7000 ms each (IDP-IDM-12)`,
      );
      ctx.expect(
        namesakes(sp, setup, userId!).length === 1,
        `The SP holds ${namesakes(sp, setup, userId!).length} users for one directory user after the retries (IDP-IDM-12)`,
      );
      // Retry-After as an HTTP date (RFC 9110 §10.2.3), 30 seconds ahead of the SP's clock.
      const mark = sleeps.length;
      sp.transient.failNext(1, { status: 503, retryAfter: new Date(Date.now() + 30_000) });
      const read = await setup.idp.connectorContext(setup.app).scim.get(`/Users/${spId}`);
      const waited = sleeps.slice(mark);
      ctx.expect(
        read.status === 200,
        `After a 503 with a Retry-After date, the IdP's read of the user answered ${read.status}; it must be retried (IDP-IDM-12)`,
      );
      ctx.expect(
        waited.length === 1 && waited[0]! >= 25_000 && waited[0]! <= 30_000,
        `A 503 with Retry-After 30 s ahead (an HTTP date) made the IdP wait [${waited.join(', ')}] ms; it must wait until that date (IDP-IDM-12)`,
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
      const { setup, sleeps } = await recordingSetup(ctx);
      const { sp } = setup;
      sp.transient.failNext(3, { status: 503 });
      const { spId, error } = await tryOnboard(ctx, setup);
      ctx.expect(
        error === undefined && spId !== undefined,
        `Provisioning failed after the SP answered 503 three times: ${reason(error)}; 5xx answers must be retried (IDP-IDM-12)`,
      );
      ctx.expect(
        sleeps.length === 3 && sleeps[0]! > 0 && sleeps.every((ms, i) => i === 0 || ms > sleeps[i - 1]!),
        `After three 503s (no Retry-After) the IdP waited [${sleeps.join(', ')}] ms; each wait must be longer than the one before (exponential backoff, IDP-IDM-12)`,
      );
      // An SP that keeps failing gets a bounded number of attempts, then the failure is surfaced.
      const scheduled = 100;
      sp.transient.failNext(scheduled, { status: 502 });
      const read = await setup.idp.connectorContext(setup.app).scim.get(`/Users/${spId}`);
      const attempts = scheduled - sp.transient.pending;
      sp.transient.clear();
      ctx.expect(
        read.status === 502 && attempts > 1 && attempts <= ATTEMPT_BOUND,
        `Against an SP answering 502 to everything, the IdP made ${attempts} attempts and got ${read.status}; it must retry, but at most ${ATTEMPT_BOUND} times, then report the failure (IDP-IDM-12)`,
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
      const { setup } = await recordingSetup(ctx);
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
