/**
 * Every SCIM fault of the mock SPs: the SP core's records and each app's (which travel with
 * its profile), with the id union tests and the CLI name them by.
 */
import type { SpFault } from './core/fault.js';
import { SCIM_CORE_FAULTS } from './core/faults/index.js';
import { mockSps, type SpId } from './registry.js';

/** The fault records of the shipped apps, by their literal types. */
type AppFaultRecord = {
  [K in SpId]: (typeof mockSps)[K] extends { faults: readonly (infer F)[] } ? F : never;
}[SpId];

/** The id of a SCIM fault: the core's or an app's (a typo fails to compile). */
export type ScimFault = Extract<(typeof SCIM_CORE_FAULTS)[number] | AppFaultRecord, { area: 'scim' }>['id'];

/** Every SCIM fault record: the core's in catalogue order, then each app's. */
export const SCIM_FAULT_RECORDS: readonly SpFault[] = [
  ...SCIM_CORE_FAULTS,
  ...Object.values(mockSps).flatMap((profile): readonly SpFault[] =>
    'faults' in profile ? profile.faults : [],
  ),
].filter((fault) => fault.area === 'scim');

/** Every SCIM fault by id, with the bug it reproduces and the requirements it breaks. */
export const SCIM_FAULTS = Object.fromEntries(
  SCIM_FAULT_RECORDS.map((fault) => [fault.id, `${fault.bug} (${fault.cites.join(', ')})`]),
) as Readonly<Record<ScimFault, string>>;

/** Whether `name` is the id of a SCIM fault. */
export function isScimFault(name: string): name is ScimFault {
  return Object.hasOwn(SCIM_FAULTS, name);
}
