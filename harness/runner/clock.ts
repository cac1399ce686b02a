/**
 * A scenario's clock: real time plus whatever the parties under test have waited through it.
 * A connector that waits out a 30 s Retry-After through `sleep` costs no wall time, and the SP,
 * reading the same clock, still sees the retry arrive 30 s later; one that waits on timers of
 * its own is judged on real time just the same. The checks read arrival times, never the waits
 * a party says it made.
 */

export interface HarnessClock {
  /** ms since the epoch: real time plus the time slept through this clock. */
  now(): number;
  /** Advances the clock by `ms` and resolves at once (on the next microtask). */
  sleep(ms: number): Promise<void>;
}

/** A clock that starts at real time and jumps forward on every `sleep`. */
export function virtualClock(real: () => number = Date.now): HarnessClock {
  let slept = 0;
  return {
    now: () => real() + slept,
    sleep: (ms) => {
      if (Number.isFinite(ms) && ms > 0) slept += ms;
      return Promise.resolve();
    },
  };
}
