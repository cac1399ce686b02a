/**
 * The seams an IdP fault wraps (docs/decisions/0012-faults-wrap.md): a decorator on the
 * connector under test, a replacement for some of the reference IdP's named steps, changed
 * policy figures, or a changed catalogue entry. The strict code never asks which fault is on.
 */
import type { FaultRecord } from '#harness/faults';
import type { CatalogEntry } from './catalog-entry.js';
import type { Connector } from './connector.js';
import { IDP_POLICIES, IDP_STEPS, type IdpPolicies, type IdpSteps } from './idp-steps.js';

/** How an IdP fault applies; every seam is optional and wraps the strict value it is given. */
export interface IdpFaultApply {
  /** A decorator on the connector under test. */
  connector?: (strict: Connector) => Connector;
  /** Replaces or wraps some of the reference IdP's named steps. */
  steps?: (strict: IdpSteps) => IdpSteps;
  /** Changes a rule that is a figure (the retry or the import policy). */
  policies?: (strict: IdpPolicies) => IdpPolicies;
  /** Changes the catalogue entry an application is created from. */
  catalog?: (strict: CatalogEntry) => CatalogEntry;
}

/** A fault of the reference IdP. */
export type IdpFaultRecord = FaultRecord<IdpFaultApply>;

/** Declares IdP fault records, keeping each id's literal type (so a typo in a test fails to compile). */
export function defineIdpFaults<const T extends readonly IdpFaultRecord[]>(records: T): T {
  return records;
}

/** What a set of IdP faults makes of the strict IdP. */
export interface AppliedIdpFaults {
  /** The connector under test, wrapped by every connector decorator. */
  connector(strict: Connector): Connector;
  steps: IdpSteps;
  policies: IdpPolicies;
  /** A catalogue entry as the faulty IdP reads it. */
  catalog(strict: CatalogEntry): CatalogEntry;
}

/** Applies `records` in order: the first one wraps the strict value, the next wraps that. */
export function applyIdpFaults(records: readonly IdpFaultRecord[]): AppliedIdpFaults {
  const through = <T>(seam: (apply: IdpFaultApply) => ((strict: T) => T) | undefined, strict: T): T =>
    records.reduce((value, record) => seam(record.apply)?.(value) ?? value, strict);
  return {
    connector: (strict) =>
      records.length === 0
        ? strict
        : through((apply) => apply.connector, { ...strict, name: `${strict.name}+faults` }),
    steps: through<IdpSteps>((apply) => apply.steps, IDP_STEPS),
    policies: through<IdpPolicies>((apply) => apply.policies, IDP_POLICIES),
    catalog: (strict) => through((apply) => apply.catalog, strict),
  };
}
