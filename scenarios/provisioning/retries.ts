import type { Scenario } from '#harness';

/** Retries of 429 and 5xx, no duplicate after a timed-out create (IDP-IDM-12). */
export const retryScenarios: readonly Scenario[] = [];
