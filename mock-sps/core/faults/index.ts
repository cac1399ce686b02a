// The SP core's SCIM fault records, and how an SP resolves the faults it is given.

import { resolveFaults } from '#harness/faults';
import { defineSpFaults, type SpFault } from '../fault.js';
import type { SpProfile } from '../profile.js';
import { FILTER_FAULTS } from './filters.js';
import { CHARACTERISTIC_FAULTS } from './characteristics.js';
import { IMPORT_FAULTS } from './import.js';
import { LIFECYCLE_FAULTS } from './lifecycle.js';
import { LIST_FAULTS } from './list.js';
import { META_FAULTS } from './meta.js';
import { NOT_FOUND_FAULTS } from './not-found.js';
import { PAGING_FAULTS } from './paging.js';
import { PATCH_FAULTS } from './patch.js';
import { READ_BACK_FAULTS } from './read-back.js';
import { READ_BACK_PROFILE_FAULTS } from './read-back-profile.js';
import { PROJECTION_FAULTS } from './projection.js';
import { RACE_FAULTS } from './races.js';
import { SERVICE_ENDPOINT_FAULTS } from './service-endpoints.js';
import { SORTING_FAULTS } from './sorting.js';
import { WIRE_FAULTS } from './wire.js';
import { WRITE_FAULTS } from './writes.js';

// Records by theme
export {
  CHARACTERISTIC_FAULTS,
  FILTER_FAULTS,
  IMPORT_FAULTS,
  LIFECYCLE_FAULTS,
  LIST_FAULTS,
  NOT_FOUND_FAULTS,
  PATCH_FAULTS,
  RACE_FAULTS,
  READ_BACK_FAULTS,
  READ_BACK_PROFILE_FAULTS,
  WIRE_FAULTS,
  WRITE_FAULTS,
};
export { META_FAULTS, PAGING_FAULTS, PROJECTION_FAULTS, SERVICE_ENDPOINT_FAULTS, SORTING_FAULTS };

// Middleware the apps' faults share
export { acceptsGroupCalls, unservedHost } from './endpoints.js';

/**
 * The SP core's SCIM faults, in catalogue order: the response-shape faults first, so their
 * middleware is outermost and sees every answer.
 */
export const SCIM_CORE_FAULTS = defineSpFaults([
  ...WIRE_FAULTS,
  ...LIST_FAULTS,
  ...WRITE_FAULTS,
  ...RACE_FAULTS,
  ...PATCH_FAULTS,
  ...LIFECYCLE_FAULTS,
  ...NOT_FOUND_FAULTS,
  ...IMPORT_FAULTS,
  ...READ_BACK_FAULTS,
  ...READ_BACK_PROFILE_FAULTS,
  ...FILTER_FAULTS,
  ...PAGING_FAULTS,
  ...SORTING_FAULTS,
  ...PROJECTION_FAULTS,
  ...SERVICE_ENDPOINT_FAULTS,
  ...META_FAULTS,
  ...CHARACTERISTIC_FAULTS,
]);

/** The SCIM faults an SP of `profile` can take: the core's, then its own app's (its profile's). */
export function knownScimFaults(profile: SpProfile): readonly SpFault[] {
  return [...SCIM_CORE_FAULTS, ...(profile.faults ?? []).filter((fault) => fault.area === 'scim')];
}

/**
 * The SCIM faults an SP of `profile` turns on: ids resolved against the core's records and
 * the app's own (its profile's), in catalogue order; a TypeError names an unknown id, or a
 * record of another app or area.
 */
export function resolveScimFaults(
  profile: SpProfile,
  chosen: Iterable<string | SpFault> | undefined,
): SpFault[] {
  const faults = resolveFaults<SpFault>(knownScimFaults(profile), chosen, 'SCIM');
  const stranger = faults.find(
    (fault) => fault.area !== 'scim' || (fault.app !== undefined && fault.app !== profile.id),
  );
  if (stranger) {
    throw new TypeError(
      `The fault '${stranger.id}' is a ${stranger.area} fault${stranger.app ? ` of ${stranger.app}` : ''}; the SCIM side of ${profile.name} cannot take it`,
    );
  }
  return faults;
}
