/**
 * A fault of a mock SP: a record whose `apply` wraps the strict SCIM service or SAML side
 * through its named seams (docs/decisions/0012-faults-wrap.md). The SP core's own records
 * are in core/faults/; an app's are in its folder and travel with its profile.
 */
import type { FaultRecord } from '#harness';
import type { SamlFaultApply } from './saml/fault-seams.js';
import type { ScimFaultApply } from './scim/fault-seams.js';

/** How a mock SP fault applies: through the SCIM seams, the SAML seams, or both. */
export type SpFaultApply = ScimFaultApply & SamlFaultApply;

/** A fault of a mock SP. */
export type SpFault = FaultRecord<SpFaultApply>;

/** Declares fault records, keeping each id's literal type (so a typo in a test fails to compile). */
export function defineSpFaults<const T extends readonly SpFault[]>(records: T): T {
  return records;
}
