/**
 * What a scenario gets while it runs: a recording SCIM client for its target,
 * seeded test data, and the verbs that turn observations into a verdict.
 */
import type { Evidence, HttpExchange } from '#harness/evidence';
import type { Level } from '#harness/requirements';
import { ScimClient } from '#harness/scim';
import { PersonFactory } from '#harness/people';
import type { MockInstance, Target } from './target.js';

/** Thrown by `fail` / `expect`: the check failed, with evidence. */
export class CheckFailure extends Error {
  readonly code = 'CHECK_FAILED';
  constructor(
    message: string,
    readonly evidence: Evidence[],
    /** A graded outcome: the failure counts at this level instead of the scenario's (e.g. a security check whose outcome was not a bypass). */
    readonly grade?: { level: Level; security: boolean },
  ) {
    super(message);
    this.name = 'CheckFailure';
  }
}

/**
 * Thrown by `notApplicable`: the target lacks what the check needs, found out while running;
 * or, with `blockedBy`, a precondition failed that another check judges (one cause, one failure).
 */
export class NotApplicable extends Error {
  readonly code = 'NOT_APPLICABLE';
  constructor(
    reason: string,
    /** The check that judges the failed precondition. */
    readonly blockedBy?: string,
    /** What the precondition's failure looked like, should the blocker not fail itself. */
    readonly evidence: Evidence[] = [],
  ) {
    super(reason);
    this.name = 'NotApplicable';
  }
}

export class ScenarioContext {
  readonly exchanges: HttpExchange[] = [];
  readonly people: PersonFactory;
  /** Set by `soften`: the check is reported at MAY, with this reason. */
  softened: string | undefined;
  /** A note for the report on a passing check. */
  note: string | undefined;
  readonly #cleanups: (() => Promise<void>)[] = [];
  #counter = 0;

  constructor(
    readonly target: Target,
    readonly instance: MockInstance,
    readonly scenarioId: string,
    seed: number,
    /** The run's seed, for work the scenarios of a run share (`sharedSeed`). @default `seed` */
    private readonly runSeed: number = seed,
  ) {
    this.people = new PersonFactory(seed);
    // A mock SP records every SCIM exchange it serves, whoever sent it (a connector in another
    // process, one with an HTTP client of its own); the harness's clients then leave those to it.
    if (instance.tap) {
      const base = instance.scimBaseUrl;
      this.#tapped = (url) =>
        base !== undefined && (url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`));
      instance.tap((exchange) => this.#keep(exchange));
    }
  }

  readonly #tapped: (url: string) => boolean = () => false;

  /** Records an exchange made outside `scim` (e.g. by the reference IdP). */
  record = (exchange: HttpExchange): void => {
    if (this.#tapped(exchange.request.url)) return;
    this.#keep(exchange);
  };

  #exchangeLimit = Number.POSITIVE_INFINITY;

  /**
   * Keeps only about the last `limit` exchanges from now on: for a check that sends tens of
   * thousands of requests and judges them as they pass, not from `exchanges`.
   */
  keepRecentExchanges(limit: number): void {
    this.#exchangeLimit = limit;
  }

  readonly #attached: (() => Evidence | undefined)[] = [];

  #keep(exchange: HttpExchange): void {
    this.exchanges.push(exchange);
    // Trimmed in halves, so keeping is O(1) amortised.
    if (this.exchanges.length >= 2 * this.#exchangeLimit)
      this.exchanges.splice(0, this.exchanges.length - this.#exchangeLimit);
  }

  /** A SCIM client for the target with another token, or with none (`null`). */
  client(token: string | null): ScimClient {
    const baseUrl = this.instance.scimBaseUrl;
    if (baseUrl === undefined) throw new NotApplicable(`${this.target.sp} has no SCIM service`);
    return new ScimClient({
      baseUrl,
      ...(token === null ? {} : { token }),
      fetch: this.instance.fetch,
      record: this.record,
      ...(this.instance.requestTimeoutMs === undefined ? {} : { timeoutMs: this.instance.requestTimeoutMs }),
    });
  }

  /**
   * A seed for work several scenarios of the run share (one initial sync the resilience checks
   * all judge): the same for every scenario of the run, whatever runs first.
   */
  sharedSeed(name: string): number {
    return seedFor(this.runSeed, name);
  }

  /** The authenticated client. */
  get scim(): ScimClient {
    return this.client(this.instance.token);
  }

  /** A name unique within the run, after the target's prefix: for resources created on an external target. */
  unique(prefix: string): string {
    return `${this.target.prefix ?? ''}${prefix}-${this.scenarioId.replace(/[^a-z0-9]+/gi, '-')}-${++this.#counter}-${Date.now().toString(36)}`;
  }

  /** Fails the check with `message`; evidence defaults to the exchanges so far (last 12). */
  fail(message: string, evidence?: Evidence[]): never {
    throw new CheckFailure(message, evidence ?? this.recentEvidence());
  }

  /** Fails at another level than the scenario's: a graded outcome (docs/conformance.md "Verdicts": who got logged in). */
  failAt(grade: { level: Level; security: boolean }, message: string, evidence?: Evidence[]): never {
    throw new CheckFailure(message, evidence ?? this.recentEvidence(), grade);
  }

  /** The last exchanges, the most recent first: it is usually the one the verdict rests on. */
  recentEvidence(limit = 12): Evidence[] {
    return this.exchanges
      .slice(-limit)
      .reverse()
      .map((exchange, i) => ({
        kind: 'http',
        label: i === 0 ? 'last exchange before the verdict' : `exchange -${i}`,
        exchange,
      }));
  }

  /** Fails with `message` unless `condition` holds. */
  expect(condition: unknown, message: string, evidence?: Evidence[]): asserts condition {
    if (!condition) this.fail(message, evidence);
  }

  /**
   * Evidence the check's failure carries after its own, should it fail: made only then, from
   * the state at the end of the check (the IdP's Directory Insights events, say).
   */
  attach(evidence: () => Evidence | undefined): void {
    this.#attached.push(evidence);
  }

  /** What `attach` added, made now. */
  attachedEvidence(): Evidence[] {
    return this.#attached.map((make) => make()).filter((item): item is Evidence => item !== undefined);
  }

  /** Reports the check at MAY: the feature it needs is optional and not advertised. */
  soften(reason: string): void {
    this.softened = reason;
  }

  notApplicable(reason: string): never {
    throw new NotApplicable(reason);
  }

  /**
   * The check cannot judge its own rule because a step it stands on failed, and `check` judges
   * that step (creating a user: `scim-protocol/create-user-201`). The result is "blocked by" that
   * check, not a second failure; the runner fails it after all should `check` not fail on the
   * same target, so a precondition failure is never hidden.
   */
  blockedBy(check: string, problem: string, evidence?: Evidence[]): never {
    throw new NotApplicable(`blocked by ${check}: ${problem}`, check, evidence ?? this.recentEvidence(4));
  }

  /** `blockedBy(check, problem)` unless `condition` holds. */
  require(condition: unknown, check: string, problem: string, evidence?: Evidence[]): asserts condition {
    if (!condition) this.blockedBy(check, problem, evidence);
  }

  /** Runs after the scenario whatever its outcome (deleting what it created on an external target). */
  defer(cleanup: () => Promise<void>): void {
    this.#cleanups.push(cleanup);
  }

  /** Runs the deferred cleanups, the last first; none when the target keeps what checks created. */
  async runCleanups(): Promise<void> {
    if (this.target.keep !== true) {
      for (const cleanup of this.#cleanups.reverse()) {
        try {
          await cleanup();
        } catch {
          // Cleanup is best effort; the verdict stands on what the check saw.
        }
      }
    }
    // The check is over: its people's generator goes to the next check's factory.
    this.people.release();
  }
}

/** A stable seed for `name` within a run, so seeded data does not depend on run order. */
export function seedFor(seed: number, name: string): number {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16_777_619) >>> 0;
  return hash;
}
