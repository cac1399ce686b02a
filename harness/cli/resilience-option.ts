/**
 * `--chaos` and `--scale`: the resilience suite's settings. The chaos is armed by that suite's
 * checks only, so naming it with other suites would change nothing they judge: it is refused
 * rather than silently ignored.
 */
import { ChaosSpecError, parseChaos, type ChaosProfile } from '#mock-sps';
import type { SuiteId } from '#harness/runner';
import { UsageError } from './usage.js';

export const RESILIENCE_OPTIONS = {
  chaos: { type: 'string' },
  scale: { type: 'string' },
} as const;

/** The most users `--scale` takes: a mock SP holds about 2 KB per user. */
const MAX_SCALE = 1_000_000;

export interface ResilienceChoice {
  chaos?: ChaosProfile;
  scale?: number;
}

/**
 * What `--chaos` and `--scale` say, checked against the suites chosen: with no `--suite` they
 * choose the resilience suite; with one, it must name resilience. `target` names the flag of an
 * external target (`--scim-url`, `--sp-metadata`), where neither applies.
 */
export function resilienceChoice(
  values: { chaos?: string; scale?: string },
  suiteIds: readonly SuiteId[] | undefined,
  target: string | undefined,
): { choice: ResilienceChoice; suites: readonly SuiteId[] | undefined } {
  const given = (['chaos', 'scale'] as const).filter((name) => values[name] !== undefined);
  if (given.length === 0) return { choice: {}, suites: suiteIds };
  const flags = given.map((name) => `--${name}`).join(' and ');
  if (target !== undefined)
    throw new UsageError(
      `${flags} drive the resilience suite against the mock SPs; drop ${given.length > 1 ? 'them' : 'it'} with ${target}`,
    );
  if (suiteIds !== undefined && !suiteIds.includes('resilience'))
    throw new UsageError(
      `${flags} apply to the resilience suite only (no other check runs under chaos); add resilience to --suite`,
    );
  const choice: ResilienceChoice = {};
  if (values.chaos !== undefined) {
    try {
      choice.chaos = parseChaos(values.chaos);
    } catch (error) {
      if (error instanceof ChaosSpecError) throw new UsageError(`--chaos: ${error.message}`);
      throw error;
    }
  }
  if (values.scale !== undefined) {
    const scale = Number(values.scale.replaceAll('_', ''));
    if (!/^\d[\d_]*$/.test(values.scale) || !Number.isSafeInteger(scale) || scale < 1 || scale > MAX_SCALE)
      throw new UsageError(`--scale is a number of users from 1 to ${MAX_SCALE} (found '${values.scale}')`);
    choice.scale = scale;
  }
  return { choice, suites: suiteIds ?? ['resilience'] };
}

/**
 * How long one resilience check may take: its initial sync grows with the scale, and a
 * connector over the HTTP bridge takes a round trip per directory event.
 */
export function resilienceTimeoutMs(scale: number, bridged: boolean): number {
  return 120_000 + scale * (bridged ? 100 : 10);
}
