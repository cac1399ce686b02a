/**
 * Legitimate Responses signed once and handed to many vectors. Every vector on a mock SP runs
 * against a fresh SP instance, whose replay cache is empty, so a message another vector already
 * posted elsewhere is as new to it as a freshly signed one; within one vector no message is handed
 * out twice (`VectorContext.legit` promises new IDs on every call). The key is everything the
 * message is built from, so a hit is byte for byte what a fresh build would give but for its IDs
 * and session index. Only mock SPs share: a real SP keeps one replay cache across vectors.
 */
import type { KeyPair } from '#harness/saml';
import type { LegitResponse } from './vectors/index.js';

/** Messages kept per distinct input; a vector rarely asks for more than two of one. */
const PER_INPUT = 4;
/** Distinct inputs kept per key; past it the pool starts again (a run meets a few dozen). */
const INPUTS = 512;

const pools = new WeakMap<KeyPair, Map<string, LegitResponse[]>>();

/**
 * A `legit` for one SP instance: messages built by `build` from `input`, taken from the pool when
 * one is there that this instance has not had yet (`had`: the Response IDs it was handed, kept by
 * the caller for as long as the instance lives).
 */
export function pooledLegit<Input>(
  key: KeyPair,
  had: Set<string>,
  build: (input: Input) => Promise<LegitResponse>,
): (input: Input) => Promise<LegitResponse> {
  return async (input) => {
    let byInput = pools.get(key);
    if (!byInput) pools.set(key, (byInput = new Map()));
    const id = keyOf(input);
    // An input with a function in it (a custom ID maker) cannot be told apart by its text.
    if (id === undefined) {
      const fresh = await build(input);
      had.add(fresh.responseId);
      return fresh;
    }
    let pool = byInput.get(id);
    if (!pool) {
      if (byInput.size >= INPUTS) byInput.clear();
      byInput.set(id, (pool = []));
    }
    let message = pool.find((candidate) => !had.has(candidate.responseId));
    if (message === undefined) {
      message = await build(input);
      if (pool.length < PER_INPUT) pool.push(message);
    }
    had.add(message.responseId);
    return { ...message };
  };
}

/** The text of `input` (Dates as ISO strings), or undefined when it holds a function. */
function keyOf(input: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(input, (_key, value: unknown) => {
    if (typeof value === 'function') plain = false;
    return value;
  });
  return plain ? text : undefined;
}
