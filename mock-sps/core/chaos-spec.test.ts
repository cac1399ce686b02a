import { describe, expect, test } from 'vitest';
import { CHAOS_PRESETS, ChaosSpecError, describeChaos, parseChaos } from './chaos-spec.js';

/** Why `parseChaos(spec)` failed. */
function errorOf(spec: string): unknown {
  try {
    parseChaos(spec);
  } catch (error) {
    return error;
  }
  throw new Error(`'${spec}' was accepted`);
}

describe('parseChaos', () => {
  test('reads every item', () => {
    expect(
      parseChaos(
        '429=5%,500=1%,502=0.5%,503=2%,504=3%,drop=1%,timeout-after-commit=1.5%,latency=20-200ms,retry-after=1-3s,seed=42',
      ),
    ).toEqual({
      rates: { 429: 5, 500: 1, 502: 0.5, 503: 2, 504: 3, drop: 1, 'timeout-after-commit': 1.5 },
      latencyMs: { min: 20, max: 200 },
      retryAfterSeconds: { min: 1, max: 3 },
      seed: 42,
    });
  });

  test('reads single values, spaces and any case of key', () => {
    expect(parseChaos(' Latency = 50ms , retry-after=2s, DROP=.5% ,seed=-3')).toEqual({
      rates: { drop: 0.5 },
      latencyMs: { min: 50, max: 50 },
      retryAfterSeconds: { min: 2, max: 2 },
      seed: -3,
    });
  });

  test('expands the presets as documented', () => {
    const base = { 429: 5, 503: 2, drop: 1, 'timeout-after-commit': 1 };
    expect(parseChaos('none')).toEqual({ rates: {} });
    expect(parseChaos('default')).toEqual({ rates: base, retryAfterSeconds: { min: 1, max: 5 } });
    expect(parseChaos('flaky')).toEqual({
      rates: { ...base, 500: 2, 502: 1 },
      latencyMs: { min: 0, max: 20 },
      retryAfterSeconds: { min: 1, max: 1 },
    });
    expect(parseChaos('slow')).toEqual({ rates: {}, latencyMs: { min: 20, max: 200 } });
    expect(parseChaos('Hostile')).toEqual({
      rates: { 429: 15, 503: 5, 500: 5, drop: 3, 'timeout-after-commit': 3 },
      latencyMs: { min: 0, max: 50 },
      retryAfterSeconds: { min: 1, max: 3 },
      ratePerSecond: 200,
    });
  });

  test('describes each preset as its table entry, and reads every description back', () => {
    for (const [name, spec] of Object.entries(CHAOS_PRESETS)) {
      expect(describeChaos(parseChaos(name))).toBe(spec === '' ? 'none' : spec);
      expect(parseChaos(describeChaos(parseChaos(name)))).toEqual(parseChaos(name));
    }
    const spec = '502=0.25%,drop=2%,latency=5ms,retry-after=0-4s,seed=9';
    expect(describeChaos(parseChaos(spec))).toBe(spec);
  });

  test('lets items after a preset override it', () => {
    expect(parseChaos('default,429=10%,503=0%,latency=5ms')).toEqual({
      rates: { 429: 10, drop: 1, 'timeout-after-commit': 1 },
      latencyMs: { min: 5, max: 5 },
      retryAfterSeconds: { min: 1, max: 5 },
    });
    expect(parseChaos('429=33.3%,500=33.3%,502=33.4%').rates).toEqual({ 429: 33.3, 500: 33.3, 502: 33.4 });
  });

  test.each([
    ['429=5', `'429=5' needs a percentage, as in 429=5%`],
    ['drop=often', `'drop=often' needs a percentage, as in drop=5%`],
    ['timeout-after-commit=150%', `'timeout-after-commit=150%': a percentage lies between 0% and 100%`],
    [
      'lag=5ms',
      `unknown chaos item 'lag=5ms'; known: 429, 500, 502, 503, 504, latency, drop, timeout-after-commit, retry-after, rate-limit, seed; or a preset: none, default, flaky, slow, hostile`,
    ],
    ['chaotic', `unknown chaos item 'chaotic'; known: 429, 500, 502, 503, 504, latency`],
    ['constructor', `unknown chaos item 'constructor'; known: 429`],
    ['404=5%', `chaos cannot answer 404 ('404=5%'); it answers 429, 500, 502, 503 or 504`],
    ['429=60%,503=40%,drop=20%', 'the outcomes add up to 120%; they must add up to 100% at most'],
    [
      'latency=200-20ms',
      'latency=200-20ms: the low end must not exceed the high end, as in latency=20-200ms',
    ],
    ['latency=20-200', `'latency=20-200' needs milliseconds, as in latency=20-200ms`],
    ['latency=1s', `'latency=1s' needs milliseconds, as in latency=20-200ms`],
    ['retry-after=1', `'retry-after=1' needs whole seconds, as in retry-after=1s`],
    [
      'retry-after=3-1s',
      'retry-after=3-1s: the low end must not exceed the high end, as in retry-after=1-3s',
    ],
    ['seed=abc', `'seed=abc' needs a whole number, as in seed=42`],
    ['  ', 'the chaos spec is empty; give items such as 429=5%,latency=20-200ms, or a preset: none, default'],
    ['429=5%,,drop=1%', `the chaos spec '429=5%,,drop=1%' has an empty item; separate items with one comma`],
    ['429=5%,429=6%', `'429' is given twice in '429=5%,429=6%'; give each item once`],
    ['429=5%,default', `the preset 'default' must come first, as in default,latency=20-200ms`],
  ])('refuses %j, saying what to write instead', (spec, message) => {
    const error = errorOf(spec);
    expect(error).toBeInstanceOf(ChaosSpecError);
    expect(error).toMatchObject({ code: 'CHAOS_SPEC', name: 'ChaosSpecError' });
    expect((error as Error).message.startsWith(message), (error as Error).message).toBe(true);
  });

  test('reads a rate limit in requests per second, and refuses one without a unit or at 0', () => {
    expect(describeChaos(parseChaos('hostile'))).toContain('rate-limit=200/s');
    expect(String(errorOf('rate-limit=0/s'))).toContain('rate-limit=50/s');
    expect(String(errorOf('rate-limit=5'))).toContain('rate-limit=50/s');
  });
});
