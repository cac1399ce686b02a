/**
 * Targets: mock SPs (a fresh instance per scenario, in-process or over HTTP), with the
 * capabilities the runner gates on, and any target replayed in an IdP dialect. External SCIM
 * services are in external-scim-target.ts.
 */
import { dispatchFetch, serveHandler, type OriginHandler } from '#harness/http';
import { IDP_CORE_FAULTS, ReferenceIdp, type Connector, type IdpFaultRecord } from '#harness/idp';
import {
  virtualClock,
  type Capabilities,
  type HarnessClock,
  type MockInstance,
  type ScenarioContext,
  type Target,
} from '#harness/runner';
import { sharedKeyPair } from '#harness/saml';
import type { FetchLike } from '#harness/scim';
import {
  Chaos,
  MockSp,
  inProcessFetch,
  knownScimFaults,
  parseChaos,
  startMockSp,
  type ChaosProfile,
  type SamlFault,
  type SpFault,
} from '#mock-sps';
import type { App } from './app.js';

/** The key a forged message is signed with (saml-security's stranger). */
export const STRANGER_KEY = 'stranger';

/** Where the reference IdP answers in an in-process run. */
export const IN_PROCESS_IDP_ORIGIN = 'https://sso.jumpcloud.test';

export interface MockTargetOptions {
  /** SAML faults of the SP, by id or record. @default none */
  samlFaults?: readonly (SamlFault | SpFault)[];
  /**
   * SCIM faults, by id or record. A run names the faults of every SP at once: each SP takes
   * the core's and its own app's and leaves the others. @default none
   */
  faults?: readonly (string | SpFault)[];
  /** IdP faults for the suites that drive the reference IdP: the engine's and the app's, as above. @default none */
  idpFaults?: readonly (string | IdpFaultRecord)[];
  /** @default 'in-process' */
  transport?: 'in-process' | 'http';
  /** The connector the reference IdP provisions through (the one under test). @default the reference connector */
  connector?: Connector;
  /**
   * The chaos the resilience suite puts in front of the SP's SCIM endpoints (`--chaos`). Every
   * instance has its own, on the scenario's clock, disarmed: only the resilience checks arm it,
   * once the SP is set up, so no other check is judged through chaos. @default the 'default' preset
   */
  chaos?: ChaosProfile;
  /** How many directory users the resilience suite's initial sync provisions (`--scale`). @default 1,000 */
  scale?: number;
}

/** The users of the resilience suite's initial sync unless `--scale` says otherwise. */
export const DEFAULT_SCALE = 1_000;

/** A mock SP instance: the SP itself behind the inspection API, and the IdP faults its checks use. */
export interface MockSpInstance extends MockInstance {
  inspect: MockSp;
  /** The IdP faults the reference IdP takes in this instance's checks. */
  idpFaults: readonly IdpFaultRecord[];
  /** The connector under test, when the run names one (--connector). */
  connector?: Connector;
  /** The scenario's clock: the SP reads it, the connector waits through it. */
  clock: HarnessClock;
  /** The chaos in front of the SP's SCIM endpoints, disarmed until a resilience check arms it. */
  chaos: Chaos;
  /** How many directory users the resilience suite's initial sync provisions. */
  scale: number;
}

/** A target that opens a fresh mock SP of an app for every scenario. */
export interface MockTarget extends Target {
  readonly kind: 'mock';
  readonly app: App;
  open(): Promise<MockSpInstance>;
}

/** The app behind the scenario's target; not applicable for a target that is not a mock of one. */
export function appOf(ctx: ScenarioContext): App {
  const target = ctx.target as Partial<MockTarget>;
  if (target.app === undefined) ctx.notApplicable('needs a mock SP of one of the emulated apps');
  return target.app;
}

/** The scenario's clock: the mock SP's (a virtual clock), or real time for an external target. */
export function clockOf(ctx: ScenarioContext): HarnessClock {
  return (ctx.instance as Partial<MockSpInstance>).clock ?? REAL_CLOCK;
}

const REAL_CLOCK: HarnessClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The IdP faults of the scenario's instance (none for an external target). */
export function idpFaultsOf(ctx: ScenarioContext): readonly IdpFaultRecord[] {
  return (ctx.instance as Partial<MockSpInstance>).idpFaults ?? [];
}

/** The connector under test, as `{ connector }` for ReferenceIdpOptions; empty for the reference connector. */
export function connectorOf(ctx: ScenarioContext): { connector?: Connector } {
  const connector = (ctx.instance as Partial<MockSpInstance>).connector;
  return connector === undefined ? {} : { connector };
}

/** The faults among `chosen` that belong to the engine or to `app`, as records or ids the SP resolves. */
function ownFaults<F extends { readonly id: string; readonly app?: string }>(
  chosen: readonly (string | F)[],
  known: readonly F[],
  app: App,
): (string | F)[] {
  const ids = new Set(known.map((fault) => fault.id));
  return chosen.filter((fault) =>
    typeof fault === 'string' ? ids.has(fault) : fault.app === undefined || fault.app === app.id,
  );
}

/** A target that opens a fresh mock SP of `app` for every scenario. */
export function mockTarget(app: App, options: MockTargetOptions = {}): MockTarget {
  const profile = app.sp;
  const scim = profile.scim;
  const transport = options.transport ?? 'in-process';
  const capabilities: Capabilities = {
    scim: scim !== undefined,
    saml: profile.saml !== undefined,
    groups: scim?.groups ?? false,
    deleteUsers: scim?.deleteUsers ?? true,
    inspection: true,
    provisioning: app.idp?.provisioning === true,
    advertised: {
      filter: true,
      patch: true,
      sort: scim?.features.sort ?? false,
      etag: scim?.features.etag ?? false,
      changePassword: scim?.features.changePassword ?? false,
    },
  };
  const sample = new MockSp(profile);
  const ownIdp = [...IDP_CORE_FAULTS, ...(app.idpFaults ?? [])];
  const idpFaults = ownFaults(options.idpFaults ?? [], ownIdp, app).map((fault) =>
    typeof fault === 'string' ? ownIdp.find((record) => record.id === fault)! : fault,
  );
  const faults = ownFaults(options.faults ?? [], knownScimFaults(profile), app);
  const samlFaults = options.samlFaults ?? [];
  const connectorOption = options.connector === undefined ? {} : { connector: options.connector };
  const chaosProfile = options.chaos ?? parseChaos('default');
  const scale = options.scale ?? DEFAULT_SCALE;
  if (!Number.isSafeInteger(scale) || scale < 1)
    throw new TypeError(`scale is a whole number of users from 1 (found ${scale})`);
  return {
    sp: app.id,
    kind: 'mock',
    app,
    transport,
    capabilities,
    ...(sample.scimBaseUrl === undefined
      ? {}
      : {
          scimBaseUrl:
            transport === 'in-process' ? sample.scimBaseUrl : `http://127.0.0.1${scim?.basePath ?? ''}`,
        }),
    async prepare() {
      if (!capabilities.saml) return;
      const spKeys = new MockSp(profile).saml;
      const saml = profile.saml;
      await Promise.all([
        new ReferenceIdp().keys(),
        sharedKeyPair(STRANGER_KEY, { commonName: 'Stranger IdP' }),
        saml?.signAuthnRequests || saml?.encryptAssertions ? spKeys?.keys() : undefined,
      ]);
    },
    async open(): Promise<MockSpInstance> {
      const clock = virtualClock();
      const now = (): Date => new Date(clock.now());
      // Seeded when a resilience check arms it; disarmed, it draws nothing.
      const chaos = new Chaos(chaosProfile, { seed: 0, sleep: clock.sleep, now: clock.now, armed: false });
      if (transport === 'http') {
        const closers: (() => Promise<void>)[] = [];
        const http: FetchLike = (input, init) => fetch(input, init);
        const running = await startMockSp(profile, { faults, samlFaults, fetch: http, now, chaos });
        closers.push(running.close);
        return {
          scimBaseUrl: running.scimBaseUrl,
          token: running.sp.token,
          fetch: http,
          inspect: running.sp,
          idpFaults,
          clock,
          chaos,
          scale,
          tap: (record) => void running.sp.onWire(record),
          ...connectorOption,
          async attach(create) {
            let handler: OriginHandler | undefined;
            const served = await serveHandler((origin) => (handler = create(origin)));
            closers.push(served.close);
            return handler!;
          },
          close: async () => {
            for (const close of closers.reverse()) await close();
          },
        };
      }
      // One in-process network: the SP, and whatever a scenario attaches (the IdP).
      const network: OriginHandler[] = [];
      const inProcess = dispatchFetch(network);
      const sp = new MockSp(profile, { faults, samlFaults, fetch: inProcess, now, chaos });
      network.push(sp.originHandler);
      return {
        scimBaseUrl: sp.scimBaseUrl,
        token: sp.token,
        // SCIM requests take the synchronous path; SAML ones the network.
        fetch: sp.saml ? inProcess : inProcessFetch([sp]),
        inspect: sp,
        idpFaults,
        clock,
        chaos,
        scale,
        tap: (record) => void sp.onWire(record),
        ...connectorOption,
        async attach(create) {
          const handler = create(IN_PROCESS_IDP_ORIGIN);
          network.push(handler);
          return handler;
        },
        close: async () => undefined,
      };
    },
  };
}

export const LIFECYCLE_SUITES = ['provisioning', 'group-sync', 'deactivation', 'import'] as const;

/**
 * `target` driven by the reference IdP in `dialect`, for the lifecycle suites only: the same
 * server (the same SP id in reports), one column of the compatibility matrix.
 */
export function inDialect(
  target: Target,
  dialect: string,
  suites: readonly string[] = LIFECYCLE_SUITES,
): Target {
  return {
    ...target,
    dialect,
    suites,
    capabilities: {
      ...target.capabilities,
      provisioning: target.kind === 'external' || target.capabilities.provisioning,
    },
  };
}

/** Whether `suite` drives the reference IdP, so it runs once per dialect. */
export const isLifecycleSuite = (suite: string): boolean =>
  (LIFECYCLE_SUITES as readonly string[]).includes(suite);

/**
 * One server as the run sees it: the suites that do not drive the IdP once, and the lifecycle
 * suites once per dialect (the compatibility matrix's columns).
 */
export function dialectTargets(
  base: Target,
  chosen: readonly string[],
  dialects: readonly string[],
): Target[] {
  const once = chosen.filter((suite) => !isLifecycleSuite(suite));
  const lifecycle = chosen.filter(isLifecycleSuite);
  return [
    ...(once.length > 0 ? [{ ...base, suites: once }] : []),
    ...(lifecycle.length > 0 ? dialects.map((dialect) => inDialect(base, dialect, lifecycle)) : []),
  ];
}
