import { describe, expect, it } from 'vitest';
import { virtualClock } from './clock.js';

describe('virtualClock', () => {
  it('moves with real time and jumps by every sleep, without waiting', async () => {
    let real = 1_000;
    const clock = virtualClock(() => real);
    expect(clock.now()).toBe(1_000);
    await clock.sleep(30_000);
    expect(clock.now()).toBe(31_000);
    real += 5;
    expect(clock.now()).toBe(31_005);
  });

  it('ignores waits that are not a positive number of ms', async () => {
    const clock = virtualClock(() => 0);
    for (const ms of [-5, 0, Number.NaN, Number.POSITIVE_INFINITY]) await clock.sleep(ms);
    expect(clock.now()).toBe(0);
  });
});
