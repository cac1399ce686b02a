/**
 * The composition root's registry: the apps (mock-sps/apps.ts, one line each) handed to the
 * engine, and what follows from them: the suites with every app's checks, the requirement
 * catalogue, and the fault catalogues of every area with the id unions tests name faults by.
 * Only the entries (index.ts, the CLI), the benchmarks and the tests import this module.
 */
import { IDP_CORE_FAULTS, type CatalogEntry, type IdpFaultRecord } from '#harness/idp';
import type { Requirement } from '#harness/requirements';
import type { Scenario, SuiteId } from '#harness/runner';
import { SAML_CORE_FAULTS, SCIM_CORE_FAULTS, knownScimFaults, type SpFault } from '#mock-sps';
import {
  composeRequirements,
  composeSuites,
  mockTarget as engineMockTarget,
  type App,
  type MockTarget,
  type MockTargetOptions,
} from '#scenarios';
import * as registered from './apps.js';

type Registered = (typeof registered)[keyof typeof registered];

/** The id of a registered app (a typo fails to compile). */
export type AppId = Registered['id'];

/** Every registered app, by id. */
export const apps: Readonly<Record<AppId, Registered>> = registered;

/** Every registered app, in id order. */
export const APPS: readonly App[] = Object.values(registered);

/** The ids of the registered apps: the mock SPs a run targets. */
export const SP_IDS = APPS.map((app) => app.id) as AppId[];

/** Whether `name` is a registered app's id. */
export function isSpId(name: string): name is AppId {
  return Object.hasOwn(registered, name);
}

/** Every app's mock SP profile, by id (for `startMockSp(mockSps.interact)`). */
export const mockSps = Object.fromEntries(APPS.map((app) => [app.id, app.sp])) as {
  readonly [K in AppId]: (typeof registered)[K]['sp'];
};

/** Every app's IdP catalogue entry, by id. */
export const catalog: Readonly<Record<string, CatalogEntry>> = Object.fromEntries(
  APPS.flatMap((app) => (app.idp ? [[app.id, app.idp]] : [])),
);

// Suites and requirements, with the apps' checks and rows

/** Every check, by suite: the engine's, then each app's. */
export const suites: Readonly<Record<SuiteId, readonly Scenario[]>> = composeSuites(APPS);

/** Every check. */
export const allScenarios: readonly Scenario[] = Object.values(suites).flat();

/** Every requirement row: the reference IdP's, each app's, the SCIM and SAML rows. */
export const REQUIREMENTS: readonly Requirement[] = composeRequirements(APPS);

// Fault catalogues

/** The SCIM faults an app's profile carries, by their literal types. */
type AppScimFault<P> = P extends { faults: readonly (infer F)[] } ? Extract<F, { area: 'scim' }> : never;

/** The id of a SCIM fault: the SP core's or an app's (a typo fails to compile). */
export type ScimFault = (typeof SCIM_CORE_FAULTS)[number]['id'] | AppScimFault<Registered['sp']>['id'];

/** Every SCIM fault: the SP core's in catalogue order, then each app's. */
export const SCIM_FAULT_RECORDS: readonly SpFault[] = [
  ...SCIM_CORE_FAULTS,
  ...APPS.flatMap((app) => knownScimFaults(app.sp).filter((fault) => fault.app !== undefined)),
];

/** The id of an IdP fault: the engine's or an app's. */
export type IdpFault =
  | (typeof IDP_CORE_FAULTS)[number]['id']
  | NonNullable<Extract<Registered, { idpFaults: unknown }>['idpFaults']>[number]['id'];

/** Every IdP fault: the engine's in catalogue order, then each app's. */
export const IDP_FAULT_RECORDS: readonly IdpFaultRecord[] = [
  ...IDP_CORE_FAULTS,
  ...APPS.flatMap((app) => app.idpFaults ?? []),
];

/** Every SAML fault of the SP core (no app has SAML faults of its own). */
export const SAML_FAULT_RECORDS: readonly SpFault[] = SAML_CORE_FAULTS;

/** Every fault of every area, as `sso-harness list faults` shows them. */
export const FAULT_RECORDS = [...SCIM_FAULT_RECORDS, ...SAML_FAULT_RECORDS, ...IDP_FAULT_RECORDS] as const;

/** Each fault's id with the bug it reproduces and the requirements it breaks, for a one-line listing. */
const described = <Id extends string>(
  records: readonly { id: string; bug: string; cites: readonly string[] }[],
) =>
  Object.fromEntries(
    records.map((fault) => [fault.id, `${fault.bug} (${fault.cites.join(', ')})`]),
  ) as Readonly<Record<Id, string>>;

/** Every SCIM fault by id, described. */
export const SCIM_FAULTS = described<ScimFault>(SCIM_FAULT_RECORDS);
/** Every IdP fault by id, described. */
export const IDP_FAULTS = described<IdpFault>(IDP_FAULT_RECORDS);

/** Whether `name` is the id of a fault in `records`. */
const known = (records: readonly { id: string }[]) => {
  const ids = new Set(records.map((record) => record.id));
  return (name: string): boolean => ids.has(name);
};

/** Whether `name` is a SCIM fault's id. */
export const isScimFault = known(SCIM_FAULT_RECORDS) as (name: string) => name is ScimFault;
/** Whether `name` is an IdP fault's id. */
export const isIdpFault = known(IDP_FAULT_RECORDS) as (name: string) => name is IdpFault;

/** Target options naming faults by their typed ids (a typo fails to compile) or as records. */
export interface RegisteredTargetOptions extends Omit<MockTargetOptions, 'faults' | 'idpFaults'> {
  faults?: readonly (ScimFault | SpFault)[];
  idpFaults?: readonly (IdpFault | IdpFaultRecord)[];
}

/**
 * A target that opens a fresh mock SP of the registered app `id`; fault ids are checked
 * against every app's (a TypeError names an unknown one), and each SP takes its own.
 */
export function mockTarget(id: AppId, options: RegisteredTargetOptions = {}): MockTarget {
  for (const [ids, isKnown, what] of [
    [options.faults, isScimFault, 'SCIM'],
    [options.idpFaults, isIdpFault, 'IdP'],
  ] as const) {
    const unknown = (ids ?? []).filter((fault) => typeof fault === 'string' && !isKnown(fault));
    if (unknown.length > 0) throw new TypeError(`Unknown ${what} fault(s): ${unknown.join(', ')}`);
  }
  return engineMockTarget(apps[id], options);
}
