/**
 * An application the harness emulates, whole: everything about it lives in one folder
 * (mock-sps/<id>/) and reaches the engine through this record, handed over at the
 * composition root (mock-sps/registry.ts). The engine never imports an app.
 */
import type { CatalogEntry, IdpFaultRecord } from '#harness/idp';
import type { Requirement } from '#harness/requirements';
import type { Scenario } from '#harness/runner';
import type { SpProfile } from '#mock-sps';

export interface App {
  /** Registry id, e.g. `salesforce`: the mock SP's profile id, and what its checks require (`requires.sp`). */
  readonly id: string;
  /** Display name, e.g. `Salesforce`. */
  readonly name: string;
  /** The mock SP: its SCIM and SAML profile, the hooks no data can express, and its SP faults. */
  readonly sp: SpProfile;
  /** What the reference IdP knows of the app: its catalogue entry; absent for an app the IdP does not list. */
  readonly idp?: CatalogEntry;
  /** The app's requirement rows, from its integration guide. */
  readonly requirements: readonly Requirement[];
  /** The app's own checks; each runs only against this app's SP. */
  readonly checks: readonly Scenario[];
  /** Faults of the IdP's connector that break this app's rules (decorators the reference IdP can take). */
  readonly idpFaults?: readonly IdpFaultRecord[];
}

/**
 * Declares an app, checking that its parts agree: the SP profile carries the app's id, every
 * check is gated to the app (or says nothing, and is gated here), and every requirement row
 * has the app's prefix. Misuse is a TypeError that names the part.
 */
export function defineApp<const A extends App>(app: A): A {
  if (app.sp.id !== app.id)
    throw new TypeError(`App '${app.id}': its SP profile has id '${app.sp.id}'; give both the same id`);
  if (app.idp !== undefined && app.idp.id !== app.id)
    throw new TypeError(`App '${app.id}': its catalogue entry has id '${app.idp.id}'; give both the same id`);
  const prefix = `${app.sp.requirementPrefix}-`;
  const foreign = app.requirements.filter((row) => !row.id.startsWith(prefix)).map((row) => row.id);
  if (foreign.length > 0)
    throw new TypeError(
      `App '${app.id}': requirement rows ${foreign.join(', ')} lack the prefix '${prefix}'`,
    );
  const elsewhere = app.checks.filter((check) => check.requires?.sp !== app.id).map((check) => check.id);
  if (elsewhere.length > 0)
    throw new TypeError(
      `App '${app.id}': checks ${elsewhere.join(', ')} must require sp '${app.id}' (requires: { sp: '${app.id}' })`,
    );
  return app;
}
