/**
 * What `registerConformance` registers: the options a test author gives, checked once, and the
 * plan they make: the targets (mock SPs, an SCIM service, each IdP dialect), and the checks to
 * run on each, the same choice `sso-harness run` makes from the same options.
 */
import { DIALECTS, type Connector, type DialectId } from '#harness/idp';
import { DEFAULT_SEED } from '#harness/people';
import {
  SUITES,
  ShardError,
  parseShard,
  runJobs,
  selectShard,
  type Scenario,
  type Shard,
  type SuiteId,
  type Target,
} from '#harness/runner';
import { isSamlFault, type SamlFault } from '#mock-sps';
import { parseReporterNames, type ReporterName } from '#reports';
import { LIFECYCLE_SUITES, dialectTargets, inDialect, isLifecycleSuite } from '#scenarios';
import {
  APPS,
  externalScimTarget,
  mockTarget,
  suites as catalogue,
  type AppId,
  type IdpFault,
  type ScimFault,
} from '../../index.js';

/** The conformance checks a test file registers, and how they run. */
export interface ConformanceOptions {
  /** The mock SPs to run against (registered app ids). @default every app; none with `scim` */
  sp?: readonly AppId[];
  /**
   * The suites to run. @default as `sso-harness run`: every suite but resilience against the mock
   * SPs; the lifecycle suites with `connector`; scim-protocol and the lifecycle suites with `scim`
   */
  suites?: readonly SuiteId[];
  /** An SCIM service someone runs, instead of the mock SPs (`run --scim-url --token`). @default none */
  scim?: {
    /** Its SCIM base URL, the one /Users hangs off. */
    url: string;
    /** Its bearer token: masked in every failure message. */
    token: string;
    /** What every user and group the checks create starts with. @default 'sso-harness-' */
    prefix?: string;
    /** Leaves what the checks created in place (debugging). @default false */
    keep?: boolean;
  };
  /** The connector under test: the lifecycle suites provision the mock SPs through it. @default the reference connector */
  connector?: Connector;
  /** Mock SP SCIM fault switches (`sso-harness list faults`). @default none */
  faults?: readonly ScimFault[];
  /** Reference IdP fault switches. @default none */
  idpFaults?: readonly IdpFault[];
  /** Mock SP SAML fault switches. @default none */
  samlFaults?: readonly SamlFault[];
  /** The IdP dialects the lifecycle suites replay, or 'all'. @default the reference IdP's own; jumpcloud with `scim` */
  dialects?: readonly DialectId[] | 'all';
  /** How the mock SPs are reached. @default 'in-process' */
  transport?: 'in-process' | 'http';
  /** The test-data seed; the shards of one run share it. @default 20261123 */
  seed?: number;
  /** Warnings (SHOULD-level failures) fail their tests too. @default false */
  strict?: boolean;
  /** How long one check may take, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /**
   * Runs only this part of the checks, `'2/3'`: for spreading one selection over several test
   * files, since `vitest --shard` deals out files. @default every check
   */
  part?: string | Shard;
  /**
   * Writes the reports of the checks this file ran into `<outDir>/<test file>/`, for
   * `sso-harness merge`. A string is `outDir`. @default no report
   */
  report?: string | { outDir: string; reporters?: readonly ReporterName[] };
}

/** A target of the plan: known by its ids at once, built when its first check runs. */
export interface PlannedTarget {
  sp: string;
  dialect?: string;
  /** The suites it runs. @default all the plan's */
  suites?: readonly string[];
  /** The target itself (an SCIM service is asked what it supports first). */
  resolve(): Promise<Target>;
}

/** A check on a planned target. */
export interface PlannedCheck {
  scenario: Scenario;
  target: PlannedTarget;
}

/** The options resolved: what to register and how to run it. */
export interface Plan {
  targets: PlannedTarget[];
  checks: PlannedCheck[];
  /** The suites chosen, in run order. */
  suites: SuiteId[];
  strict: boolean;
  seed: number;
  timeoutMs: number;
  report?: { outDir: string; reporters: ReporterName[] };
  /** Values no failure message may show. */
  secrets: string[];
}

const SP_IDS = APPS.map((app) => app.id) as AppId[];
const DIALECT_IDS = Object.keys(DIALECTS) as DialectId[];
const SUITE_IDS: readonly string[] = SUITES;

/** Misuse of the options: names the option, the bad value and what it takes. */
const misuse = (message: string): TypeError => new TypeError(`registerConformance: ${message}`);

function known<T extends string>(
  values: readonly string[] | undefined,
  allowed: readonly string[],
  option: string,
): T[] | undefined {
  if (values === undefined) return undefined;
  if (!Array.isArray(values) || values.length === 0)
    throw misuse(`${option} takes a non-empty list; known: ${allowed.join(', ')}`);
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length > 0)
    throw misuse(
      `unknown ${option} ${unknown.map((value) => `'${value}'`).join(', ')}; known: ${allowed.join(', ')}`,
    );
  return [...new Set(values)] as T[];
}

/** A promise made on first call only. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

const planned = (target: Target): PlannedTarget => ({
  sp: target.sp,
  ...(target.dialect === undefined ? {} : { dialect: target.dialect }),
  ...(target.suites === undefined ? {} : { suites: target.suites }),
  resolve: () => Promise.resolve(target),
});

function part(value: ConformanceOptions['part']): Shard | undefined {
  if (value === undefined) return undefined;
  try {
    return typeof value === 'string'
      ? parseShard(value, 'part')
      : parseShard(`${String(value.index)}/${String(value.count)}`, 'part');
  } catch (error) {
    if (error instanceof ShardError) throw misuse(error.message);
    throw error;
  }
}

function report(value: ConformanceOptions['report']): Plan['report'] {
  if (value === undefined) return undefined;
  const outDir = typeof value === 'string' ? value : value.outDir;
  if (typeof outDir !== 'string' || outDir.trim() === '')
    throw misuse("report takes a folder, or { outDir: 'folder', reporters: ['json'] }");
  const names = typeof value === 'string' || value.reporters === undefined ? ['json'] : value.reporters;
  let reporters: ReporterName[];
  try {
    reporters = parseReporterNames(names.join(','));
  } catch (error) {
    throw misuse(`report.reporters: ${(error as Error).message}`);
  }
  return { outDir, reporters };
}

/** Checks `options` and makes the plan; a TypeError says what is wrong and how to fix it. */
export function planConformance(options: ConformanceOptions = {}): Plan {
  const chosen = known<SuiteId>(options.suites, SUITE_IDS, 'suites');
  const dialects =
    options.dialects === 'all' ? DIALECT_IDS : known<DialectId>(options.dialects, DIALECT_IDS, 'dialects');
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw misuse(`seed must be an integer (found ${String(seed)})`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw misuse(`timeoutMs is how long one check may take, in milliseconds (found ${String(timeoutMs)})`);
  const transport = options.transport ?? 'in-process';
  if (transport !== 'in-process' && transport !== 'http')
    throw misuse(`transport must be 'in-process' or 'http' (found '${String(transport)}')`);
  const samlFaults = options.samlFaults ?? [];
  const unknownSaml = samlFaults.filter((fault) => !isSamlFault(fault));
  if (unknownSaml.length > 0)
    throw misuse(`unknown samlFaults ${unknownSaml.join(', ')}; sso-harness list faults names them`);
  if (options.connector !== undefined && dialects !== undefined)
    throw misuse(
      'connector is the connector under test and speaks its own dialect; dialects replays the built-in ones: pick one',
    );

  let targets: PlannedTarget[];
  let suites: SuiteId[];
  const secrets: string[] = [];
  if (options.scim !== undefined) {
    const { url, token, prefix, keep } = options.scim;
    if (options.sp !== undefined || options.connector !== undefined)
      throw misuse(`scim targets one SCIM service; drop ${options.sp !== undefined ? 'sp' : 'connector'}`);
    if (typeof url !== 'string' || !/^https?:\/\/[^\s/]+/.test(url))
      throw misuse(
        `scim.url must be an http(s) SCIM base URL such as https://scim.example.com/scim/v2 (found '${String(url)}')`,
      );
    if (typeof token !== 'string' || token === '')
      throw misuse('scim.token must be the bearer token of the SCIM service');
    secrets.push(token);
    suites = chosen ?? ['scim-protocol', ...LIFECYCLE_SUITES];
    const refused = suites.filter((suite) => suite !== 'scim-protocol' && !isLifecycleSuite(suite));
    if (refused.length > 0)
      throw misuse(
        `against scim the scim-protocol, provisioning, group-sync, deactivation and import suites run; drop ${refused.join(', ')}`,
      );
    const base = once(() =>
      externalScimTarget(url, token, {
        ...(prefix === undefined ? {} : { prefix }),
        ...(keep === undefined ? {} : { keep }),
      }),
    );
    const onceSuites = suites.filter((suite) => !isLifecycleSuite(suite));
    const lifecycle = suites.filter(isLifecycleSuite);
    targets = [
      ...(onceSuites.length > 0
        ? [
            {
              sp: 'external',
              suites: onceSuites,
              resolve: once(async () => ({ ...(await base()), suites: onceSuites })),
            },
          ]
        : []),
      ...(lifecycle.length > 0
        ? (dialects ?? ['jumpcloud']).map((dialect) => ({
            sp: 'external',
            dialect,
            suites: lifecycle,
            resolve: once(async () => inDialect(await base(), dialect, lifecycle)),
          }))
        : []),
    ];
  } else {
    const spIds = known<AppId>(options.sp, SP_IDS, 'sp') ?? SP_IDS;
    // The CLI's defaults: a connector is judged by the suites that provision through it.
    suites =
      chosen ??
      (options.connector !== undefined
        ? [...LIFECYCLE_SUITES]
        : SUITES.filter((suite) => suite !== 'resilience' && catalogue[suite].length > 0));
    const mocks = spIds.map((id) =>
      mockTarget(id, {
        faults: options.faults ?? [],
        idpFaults: options.idpFaults ?? [],
        samlFaults,
        transport,
        ...(options.connector === undefined ? {} : { connector: options.connector }),
      }),
    );
    targets = (
      dialects === undefined ? mocks : mocks.flatMap((mock) => dialectTargets(mock, suites, dialects))
    ).map(planned);
  }
  const scenarios = suites.flatMap((suite) => catalogue[suite]);
  const all = runJobs(scenarios, targets);
  const share = part(options.part);
  const checks = share === undefined ? all : selectShard(all, share.index, share.count);
  const written = report(options.report);
  return {
    targets,
    checks,
    suites,
    strict: options.strict ?? false,
    seed,
    timeoutMs,
    ...(written === undefined ? {} : { report: written }),
    secrets,
  };
}
