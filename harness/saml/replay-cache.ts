/**
 * Assertion IDs an SP has accepted, each remembered until the assertion could no longer be
 * accepted anyway (its NotOnOrAfter), so the cache stays bounded by the validity window.
 * @see SAML 2.0 Profiles §4.1.4.5 (one-time use of bearer assertions)
 */
export class ReplayCache {
  readonly #expiries = new Map<string, number>();
  #nextSweep = 0;

  constructor(private readonly now: () => Date) {}

  /** Records `assertionId` until `notOnOrAfter`; true if it was already recorded and still live. */
  seen(assertionId: string, notOnOrAfter: Date): boolean {
    const now = this.now().getTime();
    this.#sweep(now);
    const expiry = this.#expiries.get(assertionId);
    if (expiry !== undefined && expiry > now) return true;
    this.#expiries.set(assertionId, notOnOrAfter.getTime());
    return false;
  }

  /** How many IDs are remembered (expired ones are dropped lazily). */
  get size(): number {
    return this.#expiries.size;
  }

  // A full sweep at most once per second of the injected clock keeps `seen` O(1) amortised.
  #sweep(now: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + 1000;
    for (const [id, expiry] of this.#expiries) if (expiry <= now) this.#expiries.delete(id);
  }
}
