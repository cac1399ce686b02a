import { IDP_FAULT_RECORDS, type IdpFault, SCIM_FAULT_RECORDS, type ScimFault, type AppId } from '#registry';
import { type SamlFault } from '#mock-sps';
import { caughtIn } from './saml-records.js';

/**
 * For every SP fault, the checks that must catch it: each record's `caughtBy`
 * (mock-sps/core/faults/, and each app's faults.ts).
 */
export const SP_FAULT_CATCHERS = Object.fromEntries(
  SCIM_FAULT_RECORDS.map((fault) => [fault.id, fault.caughtBy]),
) as Readonly<Record<ScimFault, readonly string[]>>;

/** For every IdP fault, the checks that must catch it: read from its record. */
export const IDP_FAULT_CATCHERS = Object.fromEntries(
  IDP_FAULT_RECORDS.map((record): [IdpFault, readonly string[]] => [record.id as IdpFault, record.caughtBy]),
) as Record<IdpFault, readonly string[]>;

/**
 * For every SAML fault record the saml-security suite catches, its vectors (each fails on at
 * least one SP in `on`), derived from the records in mock-sps/core/saml/faults.ts.
 */
export const SAML_FAULT_CATCHERS: Partial<
  Record<SamlFault, { on: readonly AppId[]; fails: readonly string[] }>
> = Object.fromEntries(
  caughtIn('saml-security').map(({ fault, on, checks }) => [
    fault,
    { on, fails: checks.map((id) => id.slice('saml-security/'.length)) },
  ]),
);

/**
 * saml-security vectors no fault switch reproduces yet: each needs a deliberately old
 * verifier (duplicate-ID resolution, a second SignedInfo, the signed root last). The
 * strict SP refuses them and their self-checks prove them real (docs/decisions/0007).
 */
export const NOT_YET_REPRODUCED = ['xsw8', 'two-signedinfo', 'two-roots', 'two-roots-signed-last'];
