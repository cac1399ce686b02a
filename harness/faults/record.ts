/**
 * A fault: one realistic bug, reproduced by wrapping a strict component (request/response
 * middleware on a service, a decorator on a connector, a replaced step in a named step list)
 * so the check that judges the rule is proven able to fail. The strict code never asks
 * whether a fault is on; the record says what it breaks, what it cites, which checks catch
 * it, and how it applies. `sso-harness list faults` and the fault tests read these records.
 * @see docs/decisions/0012-faults-wrap.md
 */

/** Which component a fault wraps: the SP's SCIM service, the SP's SAML side, or the reference IdP. */
export type FaultArea = 'scim' | 'saml' | 'idp';

export interface FaultRecord<Apply, RequirementId extends string = string> {
  /** kebab-case; unique across every area and app. */
  readonly id: string;
  readonly area: FaultArea;
  /** The app whose documented rule it breaks; absent for a fault of the shared engine. */
  readonly app?: string;
  /** The real bug it reproduces, as a sentence that completes "The SP (or IdP) …". */
  readonly bug: string;
  /** The requirement IDs (and through them the RFC, SAML or guide clauses) it breaks. */
  readonly cites: readonly RequirementId[];
  /** The checks (scenario ids) that must fail while it is on; the fault tests hold the record to it. */
  readonly caughtBy: readonly string[];
  /**
   * The mock SPs (app ids) the catching checks run against; all of them when absent. A
   * generic check that only some SPs expose the bug to names them here.
   */
  readonly on?: readonly string[];
  /** How it wraps the strict component (area-specific). */
  readonly apply: Apply;
}

/** The one record with `id` among `records`, or a TypeError that names the known ids. */
export function findFault<R extends { readonly id: string }>(
  records: readonly R[],
  id: string,
  what: string,
): R {
  const found = records.find((record) => record.id === id);
  if (found) return found;
  throw new TypeError(
    `Unknown ${what} fault '${id}'; known: ${records.map((record) => record.id).join(', ')}`,
  );
}

/**
 * The records named by `faults` (ids, or records already), in catalogue order so wrappers
 * compose the same way whatever order they were named in; unknown ids are a TypeError.
 */
export function resolveFaults<R extends { readonly id: string }>(
  catalogue: readonly R[],
  faults: Iterable<string | R> | undefined,
  what: string,
): R[] {
  const chosen = new Set<string>();
  const extra: R[] = [];
  for (const fault of faults ?? []) {
    if (typeof fault === 'string') chosen.add(findFault(catalogue, fault, what).id);
    else if (catalogue.includes(fault)) chosen.add(fault.id);
    else extra.push(fault);
  }
  return [...catalogue.filter((record) => chosen.has(record.id)), ...extra];
}
