/**
 * IdP faults of retries against a busy or failing SP.
 * @see IDP-IDM-12; RFC 9110 §10.2.3 (Retry-After), RFC 6585 §4 (429)
 */
import { defineIdpFaults } from '../fault-seams.js';

/** Faults of retries. */
export const RETRY_FAULTS = defineIdpFaults([
  {
    id: 'no-retry',
    area: 'idp',
    bug: 'gives up on the first 429 or 5xx answer',
    cites: ['IDP-IDM-12'],
    caughtBy: [
      'provisioning/retry-429-retry-after',
      'provisioning/retry-5xx-backoff',
      'resilience/no-user-lost',
      'resilience/memberships-converged',
    ],
    apply: { policies: (strict) => ({ ...strict, retry: { ...strict.retry, maxAttempts: 1 } }) },
  },
  {
    id: 'ignore-retry-after',
    area: 'idp',
    bug: "retries on its own backoff, ignoring the SP's Retry-After",
    cites: ['IDP-IDM-12'],
    caughtBy: ['provisioning/retry-429-retry-after', 'resilience/retry-after-honoured'],
    apply: { steps: (strict) => ({ ...strict, requestedWait: () => undefined }) },
  },
  {
    id: 'no-backoff',
    area: 'idp',
    bug: 'retries at a fixed short interval instead of backing off exponentially',
    cites: ['IDP-IDM-12'],
    caughtBy: ['provisioning/retry-5xx-backoff'],
    apply: { policies: (strict) => ({ ...strict, retry: { ...strict.retry, backoffFactor: 1 } }) },
  },
  {
    id: 'retry-create-without-lookup',
    area: 'idp',
    bug: 're-sends a create after a 5xx or a timeout without looking the user up first, duplicating it',
    cites: ['IDP-IDM-12'],
    caughtBy: ['provisioning/no-duplicate-after-timeout', 'resilience/no-duplicates'],
    apply: { steps: (strict) => ({ ...strict, resendable: () => true }) },
  },
  {
    id: 'hammer-on-429',
    area: 'idp',
    bug: 'retries a 429 at once, without waiting, up to 50 times: a retry storm on a rate-limited SP',
    cites: ['IDP-IDM-12'],
    caughtBy: ['resilience/retry-budget'],
    apply: {
      policies: (strict) => ({ ...strict, retry: { ...strict.retry, maxAttempts: 50, baseDelayMs: 0 } }),
      steps: (strict) => ({ ...strict, requestedWait: () => 0 }),
    },
  },
]);
