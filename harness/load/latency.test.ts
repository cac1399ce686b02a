import { describe, expect, it } from 'vitest';
import { LatencyRecorder, percentile } from './latency.js';

describe('latency percentiles', () => {
  it('takes the nearest rank: the smallest value with at least p% of values at or below it', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
  });

  it('gives p50, p95 and p99 of 1..100 as 50, 95 and 99', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 95, 99].map((p) => percentile(values, p))).toEqual([50, 95, 99]);
  });

  it('has no percentile of nothing, and refuses a p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(() => percentile([1], 0)).toThrow(TypeError);
    expect(() => percentile([1], 101)).toThrow(/\(0, 100\]/);
  });

  it('summarises recorded times in any order, rounded to hundredths of a millisecond', () => {
    const recorder = new LatencyRecorder();
    for (const ms of [10, 2, 9, 3, 8, 4, 7, 5, 6, 1.004]) recorder.record(ms);
    expect(recorder.summary()).toEqual({ count: 10, min: 1, mean: 5.5, p50: 5, p95: 10, p99: 10, max: 10 });
  });

  it('keeps a bounded sample past its limit, with exact count, mean, min and max', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 48_271) % 2_147_483_647) - 1) / 2_147_483_646;
    const recorder = new LatencyRecorder(1000, random);
    for (let i = 1; i <= 100_000; i++) recorder.record(i % 100 === 0 ? 1000 : i % 100);
    const summary = recorder.summary()!;
    expect(summary.count).toBe(100_000);
    expect(summary.min).toBe(1);
    expect(summary.max).toBe(1000);
    expect(summary.mean).toBeCloseTo((99 * 50 + 1000) / 100, 5);
    // The sample is uniform: its median and p95 stay near the whole stream's (50 and 95).
    expect(Math.abs(summary.p50 - 50)).toBeLessThanOrEqual(5);
    expect(Math.abs(summary.p95 - 95)).toBeLessThanOrEqual(3);
  });

  it('has no summary before the first response', () => {
    expect(new LatencyRecorder().summary()).toBeUndefined();
  });
});
