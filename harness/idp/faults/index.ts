// The reference IdP's fault records: the core's by theme, and each app's (which will move
// into the apps' own folders). The IdP resolves fault ids against all of them.

import { resolveFaults } from '../../faults/index.js';
import { applyIdpFaults, defineIdpFaults, type IdpFaultRecord } from '../fault-seams.js';
import { APP_RULE_FAULTS } from './app-rules.js';
import { GROUP_FAULTS } from './groups.js';
import { IMPORT_FAULTS } from './import.js';
import { LIFECYCLE_FAULTS } from './lifecycle.js';
import { PROFITCO_IDP_FAULTS } from './profitco.js';
import { RETRY_FAULTS } from './retry.js';
import { SALESFORCE_IDP_FAULTS } from './salesforce.js';
import { SPARKPOST_IDP_FAULTS } from './sparkpost.js';
import { SSO_FAULTS } from './sso.js';
import { USER_FAULTS } from './users.js';

export { applyIdpFaults, defineIdpFaults, PROFITCO_IDP_FAULTS, SALESFORCE_IDP_FAULTS, SPARKPOST_IDP_FAULTS };
export type { AppliedIdpFaults, IdpFaultApply, IdpFaultRecord } from '../fault-seams.js';

/** The shared engine's IdP faults. */
export const IDP_CORE_FAULTS = defineIdpFaults([
  ...USER_FAULTS,
  ...GROUP_FAULTS,
  ...LIFECYCLE_FAULTS,
  ...IMPORT_FAULTS,
  ...RETRY_FAULTS,
  ...SSO_FAULTS,
  ...APP_RULE_FAULTS,
]);

/** Every IdP fault record, core and apps', in the order their wrappers compose. */
export const IDP_FAULT_RECORDS = defineIdpFaults([
  ...IDP_CORE_FAULTS,
  ...SALESFORCE_IDP_FAULTS,
  ...PROFITCO_IDP_FAULTS,
  ...SPARKPOST_IDP_FAULTS,
]);

/** The id of an IdP fault. */
export type IdpFault = (typeof IDP_FAULT_RECORDS)[number]['id'];

/** Every IdP fault id with what it breaks: the bug, then the requirement IDs it cites. */
export const IDP_FAULTS = Object.fromEntries(
  IDP_FAULT_RECORDS.map((record) => [record.id, `${record.bug} (${record.cites.join(', ')})`]),
) as Readonly<Record<IdpFault, string>>;

/** Whether `name` is the id of an IdP fault. */
export function isIdpFault(name: string): name is IdpFault {
  return Object.hasOwn(IDP_FAULTS, name);
}

/** The records `faults` names (ids or records), in catalogue order; an unknown id is a TypeError naming the known ones. */
export function resolveIdpFaults(faults?: Iterable<IdpFault | IdpFaultRecord>): IdpFaultRecord[] {
  return resolveFaults<IdpFaultRecord>(IDP_FAULT_RECORDS, faults, 'IdP');
}
