import { describe, expect, it } from 'vitest';
import { ReplayCache } from './replay-cache.js';

describe('ReplayCache', () => {
  it('reports an assertion ID seen before its NotOnOrAfter', () => {
    const cache = new ReplayCache(() => new Date('2025-03-01T12:00:00.000Z'));
    const until = new Date('2025-03-01T12:05:00.000Z');
    expect(cache.seen('A1', until)).toBe(false);
    expect(cache.seen('A1', until)).toBe(true);
    expect(cache.seen('A2', until)).toBe(false);
  });

  it('forgets an ID once its NotOnOrAfter has passed', () => {
    let now = new Date('2025-03-01T12:00:00.000Z');
    const cache = new ReplayCache(() => now);
    cache.seen('A1', new Date('2025-03-01T12:05:00.000Z'));
    now = new Date('2025-03-01T12:05:00.000Z');
    expect(cache.seen('A2', new Date('2025-03-01T12:10:00.000Z'))).toBe(false);
    expect(cache.size).toBe(1);
    expect(cache.seen('A1', new Date('2025-03-01T12:10:00.000Z'))).toBe(false);
  });
});
