// The reference IdP's fault records, by theme. An app's IdP faults live in its folder and
// reach the IdP as records; the IdP resolves ids against its own.

import { resolveFaults } from '#harness/faults';
import { applyIdpFaults, defineIdpFaults, type IdpFaultRecord } from '../fault-seams.js';
import { GROUP_FAULTS } from './groups.js';
import { IMPORT_FAULTS } from './import.js';
import { LIFECYCLE_FAULTS } from './lifecycle.js';
import { RETRY_FAULTS } from './retry.js';
import { SSO_FAULTS } from './sso.js';
import { USER_FAULTS } from './users.js';

export { applyIdpFaults, defineIdpFaults };
export { createBlindly, provisioningWith, remapped } from './wrappers.js';
export { callingGroups, pinnedToHost, sendingUnsupportedRows } from './app-rules.js';
export type { AppliedIdpFaults, IdpFaultApply, IdpFaultRecord } from '../fault-seams.js';

/** The shared engine's IdP faults. */
export const IDP_CORE_FAULTS = defineIdpFaults([
  ...USER_FAULTS,
  ...GROUP_FAULTS,
  ...LIFECYCLE_FAULTS,
  ...IMPORT_FAULTS,
  ...RETRY_FAULTS,
  ...SSO_FAULTS,
]);

/** The id of a fault of the shared engine's IdP. */
export type IdpFault = (typeof IDP_CORE_FAULTS)[number]['id'];

/**
 * The records `faults` names: ids of the engine's faults, or records (an app's among them), in
 * catalogue order; an unknown id is a TypeError naming the known ones.
 */
export function resolveIdpFaults(faults?: Iterable<IdpFault | IdpFaultRecord>): IdpFaultRecord[] {
  return resolveFaults<IdpFaultRecord>(IDP_CORE_FAULTS, faults, 'IdP');
}
