import { describe, expect, it } from 'vitest';
import { testStamp } from './dialect-wire.js';

describe('testStamp', () => {
  it('is the clock in base 36 while the clock moves on', () => {
    let ms = 1_700_000_000_000;
    const now = (): number => ms;
    expect(testStamp(now)).toBe((1_700_000_000_000).toString(36));
    ms += 5;
    expect(testStamp(now)).toBe((1_700_000_000_005).toString(36));
  });

  it('differs for two activations within one millisecond of the same clock', () => {
    const now = (): number => 1_700_000_000_000;
    const stamps = [testStamp(now), testStamp(now), testStamp(now)];
    expect(new Set(stamps).size).toBe(3);
  });

  it('keeps each clock apart, so an injected clock gives its own time', () => {
    const late = (): number => 1_800_000_000_000;
    const early = (): number => 1_700_000_000_000;
    testStamp(late);
    expect(testStamp(early)).toBe((1_700_000_000_000).toString(36));
  });
});
