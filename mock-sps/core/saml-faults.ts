/**
 * The SAML fault switches by id, derived from the records (core/saml/faults.ts): each makes the
 * SP's ACS misbehave the way a real SP does when it has that bug. Strict is the default; a
 * fault is opt-in only (docs/decisions/0012-faults-wrap.md).
 * @see docs/conformance.md "SAML 2.0", STYLE.md "SAML code is defensive by default"
 */
import { SAML_CORE_FAULTS } from './saml/faults.js';

/** The id of one of the SP core's SAML faults. */
export type SamlFault = (typeof SAML_CORE_FAULTS)[number]['id'];

/** Each SAML fault's id and the bug it reproduces. @see docs/decisions/0012-faults-wrap.md */
export const SAML_FAULTS = Object.fromEntries(
  SAML_CORE_FAULTS.map((fault) => [fault.id, fault.bug]),
) as Readonly<Record<SamlFault, string>>;

/** Whether `name` is the id of a SAML fault. */
export function isSamlFault(name: string): name is SamlFault {
  return Object.hasOwn(SAML_FAULTS, name);
}
