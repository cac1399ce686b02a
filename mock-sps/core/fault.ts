/**
 * A fault of a mock SP: a record whose `apply` wraps the strict SCIM service or SAML side
 * through its named seams (docs/decisions/0012-faults-wrap.md). The SP core's own records
 * are in core/faults/; an app's are in its folder and travel with its profile.
 */
import type { FaultRecord } from '#harness/faults';
import type { SamlFaultApply } from './saml/fault-seams.js';
import type { ScimFaultApply } from './scim/fault-seams.js';

/** How a mock SP fault applies: through the SCIM seams, the SAML seams, or both. */
export type SpFaultApply<Rules extends object = object> = ScimFaultApply<Rules> & SamlFaultApply;

/** A fault of a mock SP; an app's fault replaces rules of the app's `Rules` type. */
export type SpFault<Rules extends object = object> = FaultRecord<SpFaultApply<Rules>>;

/** Declares fault records, keeping each id's literal type (so a typo in a test fails to compile). */
export function defineSpFaults<const T extends readonly SpFault[]>(records: T): T {
  return records;
}

/** Declares an app's fault records as defineSpFaults does, checking each `rules` change against the app's `Rules`. */
export function defineAppFaults<Rules extends object>(): <const T extends readonly SpFault<Rules>[]>(
  records: T,
) => T {
  return (records) => records;
}

/** The names of the rules in `Rules` that may return nothing (checks and defaults): a fault can leave them out. */
export type SkippableRule<Rules extends object> = {
  [K in keyof Rules]: Rules[K] extends (...args: never[]) => infer R
    ? undefined extends R
      ? K
      : never
    : never;
}[keyof Rules];

/** How an app fault that leaves out one check or default applies: the rule replaced by one that does nothing. */
export function skipsRule<Rules extends object>(rule: SkippableRule<Rules>): { rules(strict: Rules): Rules } {
  return { rules: (strict) => ({ ...strict, [rule]: () => undefined }) };
}
