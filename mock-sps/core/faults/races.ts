/**
 * Faults of concurrency: a create whose uniqueness check cannot see the creates still landing,
 * so creates of one userName that arrive together all pass it.
 * @see RFC 7644 §3.3 (409 uniqueness)
 */
import { defineSpFaults } from '../fault.js';
import type { ScimSteps } from '../scim/steps.js';

/**
 * How long a create's write stays invisible to the uniqueness checks of other creates: a database
 * round trip between the check and the insert, or a replica the check reads that lags the store.
 */
const LANDING_MS = 10;

/**
 * The uniqueness step of a create that checks, yields, then stores: a create's own write becomes
 * visible to the others' checks only `LANDING_MS` later (a macrotask, never within the turn that
 * wrote it). The strict service is synchronous, so the fault keeps the ids still landing itself
 * and overlooks a conflict with one of them; the oldest holder of a value comes first, so one
 * that has landed is always seen.
 */
function checkThenYieldThenStore(strict: ScimSteps): ScimSteps {
  const landing = new Set<string>();
  return {
    ...strict,
    conflict(store, resource, exceptId) {
      const found = strict.conflict(store, resource, exceptId);
      // Only a create races (a replace or a PATCH names the resource it writes).
      if (exceptId !== undefined || typeof resource.id !== 'string') return found;
      const id = resource.id;
      landing.add(id);
      setTimeout(() => landing.delete(id), LANDING_MS).unref();
      return found !== undefined && landing.has(found.id) ? undefined : found;
    },
  };
}

/** The SP core's faults of concurrent requests. */
export const RACE_FAULTS = defineSpFaults([
  {
    id: 'create-race',
    area: 'scim',
    bug: 'checks userName uniqueness, yields, then stores: concurrent creates of one userName all answer 201 (RFC 7644 §3.3: 409 uniqueness)',
    cites: ['SCIM-UNIQUENESS'],
    caughtBy: ['scim-protocol/concurrent-create-one-201'],
    apply: { steps: checkThenYieldThenStore },
  },
]);
