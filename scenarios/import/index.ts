import type { Scenario } from '#harness/runner';
import { listingScenarios } from './listing.js';
import { managedScenarios } from './managed.js';
import { volumeScenarios } from './volume.js';
import { readBackImportScenarios } from './read-back.js';

/** Manual import (IDP-IDM-08, SPK-05): every page, New / Imported, synchronous and background imports. */
export const importScenarios: readonly Scenario[] = [
  ...listingScenarios,
  ...volumeScenarios,
  ...managedScenarios,
  ...readBackImportScenarios,
];
