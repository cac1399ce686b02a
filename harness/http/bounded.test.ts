import { describe, expect, it } from 'vitest';
import { clip, countRefused, keepLatest, REFUSED_SUMMARIES, type RefusedCount } from './bounded.js';

describe('clip', () => {
  it('keeps a short text whole and cuts a long one, saying how long it was', () => {
    expect(clip('short', 10)).toBe('short');
    const cut = clip('é'.repeat(50), 10);
    expect(cut.startsWith('é'.repeat(10))).toBe(true);
    expect(cut).toContain('[cut: 100 bytes in all, the first 10 characters kept]');
  });

  it('never splits a surrogate pair', () => {
    const cut = clip(`${'a'.repeat(9)}😀tail`, 10);
    expect(cut.startsWith(`${'a'.repeat(9)}…`)).toBe(true);
    expect(cut).not.toContain('\uFFFD');
  });
});

describe('keepLatest', () => {
  it('keeps at least the limit and at most twice it, the latest ones', () => {
    const entries: number[] = [];
    for (let n = 0; n < 1000; n++) {
      entries.push(n);
      keepLatest(entries, 100);
      expect(entries.length).toBeLessThanOrEqual(200);
    }
    expect(entries.length).toBeGreaterThanOrEqual(100);
    expect(entries.at(-1)).toBe(999);
  });
});

describe('countRefused', () => {
  it('counts every refusal and keeps a short summary of the latest', () => {
    const refused: RefusedCount = { count: 0, latest: [] };
    for (let n = 0; n < 250; n++) countRefused(refused, 'T', 'POST', `/Users/${'x'.repeat(n * 10)}`, 401);
    expect(refused.count).toBe(250);
    expect(refused.latest.length).toBe(REFUSED_SUMMARIES);
    expect(Math.max(...refused.latest.map((one) => one.path.length))).toBeLessThan(300);
  });
});
