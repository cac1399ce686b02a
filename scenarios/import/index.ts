import type { Scenario } from '#harness';

/** Manual import (IDP-IDM-08, SPK-05): every page, New / Imported, synchronous and background imports. */
export const importScenarios: readonly Scenario[] = [];
