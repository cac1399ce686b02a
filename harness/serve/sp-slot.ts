/**
 * One mock SP as serve keeps it: the instance, the faults built into it, the chaos in front of
 * its SCIM endpoints, and the SCIM credential a client uses. A fault is part of the SP as a bug
 * is part of a real one, so turning one on or off (or resetting) builds the SP again: its users,
 * groups and logins start empty, while its token, its URLs and the IdP's trust stay. The chaos
 * stands in front of the SP like a gateway and changes without touching it.
 * @see docs/decisions/0027-serve.md, 0012-faults-wrap.md, 0025-resilience-suite.md
 */
import type { CoreRequest, CoreResponse } from '#harness/http';
import type { FetchLike } from '#harness/scim';
import {
  Chaos,
  MockSp,
  SAML_CORE_FAULTS,
  knownScimFaults,
  parseChaos,
  type ChaosHandler,
  type ChaosProfile,
  type SpFault,
} from '#mock-sps';
import type { App } from '#scenarios';

/** The chaos an SP starts with, disarmed: the resilience suite's default. */
const DEFAULT_CHAOS = 'default';

/** A fault the dashboard can switch, in the area it belongs to. */
export interface SwitchableFault {
  id: string;
  area: 'scim' | 'saml';
  bug: string;
  cites: readonly string[];
}

/** What an SP's SCIM client needs besides the base URL. */
export type ScimCredential =
  { kind: 'bearer'; token: string } | { kind: 'oauth'; token?: string; expiresAt?: string; problem?: string };

/** Misuse from the dashboard (an unknown fault, a chaos for an SP without SCIM): answered 400. */
export class SlotError extends Error {
  override readonly name = 'SlotError';
}

export interface SpSlotOptions {
  app: App;
  /** The SP's public base URL: its origin, with the prefix it is served below. */
  base: string;
  /** How the SP fetches (the IdP's metadata URL, INT-02). */
  fetch: FetchLike;
  seed: number;
  /** Wires a freshly built SP to the IdP. */
  connect: (sp: MockSp) => Promise<void>;
  /** A fresh OAuth access token for an SP whose SCIM API takes one (SF-01). */
  mintToken?: (sp: MockSp) => Promise<{ token: string; expiresAt: string }>;
}

/** Whether a fault's catching checks run against `appId` (the fault matters there). */
function appliesTo(fault: SpFault, appId: string): boolean {
  return fault.on === undefined || fault.on.includes(appId);
}

export class SpSlot {
  readonly app: App;
  readonly base: string;
  /** Every fault this SP can take, SCIM then SAML, in catalogue order. */
  readonly faults: readonly SwitchableFault[];
  readonly #options: SpSlotOptions;
  readonly #records = new Map<string, SpFault>();
  readonly #on = new Set<string>();
  readonly #chaosAnswers = new WeakMap<CoreRequest, string>();
  #sp: MockSp;
  #token: string | undefined;
  #inspectionToken: string | undefined;
  #oauth: { token?: string; expiresAt?: string; problem?: string } = {};
  #chaosSpec = DEFAULT_CHAOS;
  #chaos: Chaos;
  #chaotic: ChaosHandler;
  #built = 0;

  constructor(options: SpSlotOptions) {
    this.app = options.app;
    this.base = options.base;
    this.#options = options;
    const profile = options.app.sp;
    const scim = profile.scim ? knownScimFaults(profile).filter((fault) => appliesTo(fault, profile.id)) : [];
    const saml = profile.saml ? SAML_CORE_FAULTS.filter((fault) => appliesTo(fault, profile.id)) : [];
    for (const fault of [...scim, ...saml]) this.#records.set(fault.id, fault);
    this.faults = [...this.#records.values()].map((fault) => ({
      id: fault.id,
      area: fault.area === 'saml' ? 'saml' : 'scim',
      bug: fault.bug,
      cites: fault.cites,
    }));
    this.#sp = this.#build();
    this.#chaos = this.#newChaos(parseChaos(DEFAULT_CHAOS), false);
    this.#chaotic = this.#wrap(this.#chaos);
  }

  /** The SP as it is now (a fault switch or a reset replaces it). */
  get sp(): MockSp {
    return this.#sp;
  }

  /** How many times the SP was built: 1 at the start, one more per reset or fault switch. */
  get generation(): number {
    return this.#built;
  }

  /** The faults on, in catalogue order. */
  get faultsOn(): string[] {
    return [...this.#records.keys()].filter((id) => this.#on.has(id));
  }

  get chaos(): { spec: string; armed: boolean; requests: number; counts: Record<string, number> } {
    return {
      spec: this.#chaosSpec,
      armed: this.#chaos.armed,
      requests: this.#chaos.requests,
      counts: { ...this.#chaos.counts },
    };
  }

  /** The SCIM credential a client sends; undefined for an SP without SCIM. */
  get credential(): ScimCredential | undefined {
    if (!this.#sp.profile.scim) return undefined;
    if (this.#options.mintToken) return { kind: 'oauth', ...this.#oauth };
    return { kind: 'bearer', token: this.#sp.token };
  }

  /** Wires the SP to the IdP (and gets its OAuth token, if it takes one). */
  async start(): Promise<void> {
    await this.#options.connect(this.#sp);
    await this.refreshToken();
  }

  /** Builds the SP again with the same faults: users, groups, logins and sessions start empty. */
  async reset(): Promise<void> {
    this.#sp = this.#build();
    await this.start();
  }

  /** Turns a fault on or off, building the SP again (see the module comment). */
  async setFault(id: string, on: boolean): Promise<void> {
    if (!this.#records.has(id))
      throw new SlotError(
        `${this.app.name} has no fault '${id}'; pick one of its ${this.#records.size} (sso-harness list faults)`,
      );
    if (this.#on.has(id) === on) return;
    if (on) this.#on.add(id);
    else this.#on.delete(id);
    await this.reset();
  }

  /**
   * Puts the chaos described by `spec` (a preset or items, as `--chaos` takes them) in front of the
   * SCIM endpoints, armed or not; without `spec` the current one is armed or disarmed.
   */
  setChaos(spec: string | undefined, armed: boolean): void {
    if (!this.#sp.profile.scim)
      throw new SlotError(`${this.app.name} has no SCIM endpoints; the chaos acts on SCIM requests only`);
    if (spec !== undefined && spec.trim() !== this.#chaosSpec) {
      const profile = parseChaos(spec.trim());
      this.#chaos = this.#newChaos(profile, armed);
      this.#chaotic = this.#wrap(this.#chaos);
      this.#chaosSpec = spec.trim();
    }
    if (armed) this.#chaos.arm();
    else this.#chaos.disarm();
  }

  /** A new OAuth access token, for an SP whose SCIM API takes one; the failure is kept to show. */
  async refreshToken(): Promise<void> {
    const mint = this.#options.mintToken;
    if (!mint || !this.#sp.profile.scim) return;
    try {
      this.#oauth = await mint(this.#sp);
    } catch (error) {
      this.#oauth = { problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Answers a request to the SP (origin-relative, its prefix taken off), through the chaos. */
  handle(request: CoreRequest): Promise<CoreResponse> {
    return this.#chaotic(request);
  }

  /** What the chaos did to `request` instead of the SP, if anything. */
  chaosAnswer(request: CoreRequest, response: CoreResponse): string | undefined {
    const answered = this.#chaosAnswers.get(request);
    if (answered !== undefined) return answered;
    // A timeout after commit: the SP answered, the client saw the connection close.
    return response.dropped ? 'timeout-after-commit' : undefined;
  }

  #build(): MockSp {
    const faults = this.faultsOn.map((id) => this.#records.get(id)!);
    const sp = new MockSp(this.app.sp, {
      origin: this.base,
      fetch: this.#options.fetch,
      faults: faults.filter((fault) => fault.area !== 'saml'),
      samlFaults: faults.filter((fault) => fault.area === 'saml'),
      ...(this.#token === undefined ? {} : { token: this.#token }),
      ...(this.#inspectionToken === undefined ? {} : { inspectionToken: this.#inspectionToken }),
    });
    // The token a client was given stays valid through every rebuild.
    this.#token ??= sp.token;
    this.#inspectionToken ??= sp.inspectionToken;
    this.#built++;
    return sp;
  }

  #newChaos(profile: ChaosProfile, armed: boolean): Chaos {
    return new Chaos(profile, { seed: this.#options.seed, armed });
  }

  #wrap(chaos: Chaos): ChaosHandler {
    const basePath = this.app.sp.scim?.basePath ?? '/';
    return chaos.wrap((request) => this.#sp.handleAsync(request), {
      basePath,
      answered: (request, event) =>
        this.#chaosAnswers.set(request, typeof event.kind === 'number' ? String(event.kind) : event.kind),
    });
  }
}
