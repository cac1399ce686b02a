/**
 * `sso-harness run`'s plan: parses the options (and the config file) and builds the targets and
 * scenarios. The run's threads (run-threads.ts) each build the same plan from the same arguments.
 */
import { parseArgs } from 'node:util';
import {
  DEFAULT_OUT_DIR,
  checkWritableFolder,
  fileErrorInWords,
  parseReporterNames,
  type ReporterName,
} from '#reports';
import {
  DEFAULT_SCALE,
  LIFECYCLE_SUITES,
  dialectTargets,
  isLifecycleSuite,
  externalSamlTarget,
  externalScimTarget,
} from '#scenarios';
import { DIALECTS, isDialectId, type DialectId } from '#harness/idp';
import { SAML_FAULTS, isSamlFault, type SamlFault } from '#mock-sps';
import { DEFAULT_SEED } from '#harness/people';
import {
  SUITES,
  type RunOptions,
  type Shard,
  type Scenario,
  type SuiteId,
  type Target,
} from '#harness/runner';
import {
  IDP_FAULT_RECORDS,
  REQUIREMENTS,
  SCIM_FAULT_RECORDS,
  SP_IDS,
  allScenarios,
  isIdpFault,
  isScimFault,
  isSpId,
  mockTarget,
  suites,
  type AppId,
  type IdpFault,
  type ScimFault,
} from '#registry';
import { DEFAULT_IDP_KEY_FILE, IDP_KEY_OPTIONS, resolvePath } from './idp-metadata.js';
import type { CliIo } from './io.js';
import { chooseConnector, type ConnectorChoice } from './connector-option.js';
import { TRANSCRIPT_OPTIONS, transcriptGate } from './transcript-option.js';
import { RESILIENCE_OPTIONS, resilienceChoice, resilienceTimeoutMs } from './resilience-option.js';
import { withConfigFile } from './config-file.js';
import {
  deprovisionWait,
  identityOptions,
  scimService,
  signChoice,
  spLoginUrl,
  targetOnly,
} from './target-options.js';
import { commaList, pick, seconds, shardOption } from './option-values.js';
import { UsageError } from './usage.js';
import { toolVersion } from './version.js';

const isSuite = (name: string): name is SuiteId => (SUITES as readonly string[]).includes(name);

const DIALECT_IDS = Object.keys(DIALECTS) as DialectId[];

/** \`run\`'s options, as parseArgs takes them; the config file's keys are the same names. */
export const RUN_OPTIONS = {
  sp: { type: 'string' },
  suite: { type: 'string' },
  out: { type: 'string' },
  reporter: { type: 'string' },
  strict: { type: 'boolean', default: false },
  config: { type: 'string' },
  timeout: { type: 'string' },
  'run-timeout': { type: 'string' },
  shard: { type: 'string' },
  jobs: { type: 'string' },
  'scim-url': { type: 'string' },
  token: { type: 'string' },
  fault: { type: 'string' },
  'idp-fault': { type: 'string' },
  transport: { type: 'string' },
  seed: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  'saml-fault': { type: 'string' },
  'sp-metadata': { type: 'string' },
  'identity-url': { type: 'string' },
  'identity-header': { type: 'string' },
  'identity-json-path': { type: 'string' },
  'identity-pattern': { type: 'string' },
  ...IDP_KEY_OPTIONS,
  victim: { type: 'string' },
  attacker: { type: 'string' },
  dialect: { type: 'string' },
  prefix: { type: 'string' },
  keep: { type: 'boolean', default: false },
  'new-keys': { type: 'boolean', default: false },
  sign: { type: 'string' },
  'sp-login-url': { type: 'string' },
  'deprovision-wait': { type: 'string' },
  connector: { type: 'string' },
  'connector-url': { type: 'string' },
  'connector-timeout': { type: 'string' },
  ...RESILIENCE_OPTIONS,
  encrypt: { type: 'boolean', default: false },
  'retired-idp-keys': { type: 'string' },
  ...TRANSCRIPT_OPTIONS,
} as const;

/** What `run` was asked for, resolved: the targets and checks, and how to run and report them. */
export interface RunPlan {
  values: RunValues;
  outDir: string;
  reporterNames: ReporterName[];
  shard: Shard | undefined;
  runTimeoutMs: number | undefined;
  seed: number;
  targets: Target[];
  scenarios: Scenario[];
  transcripts: Awaited<ReturnType<typeof transcriptGate>>;
  choice: ConnectorChoice | undefined;
  /** Stops the run early: a server that stopped answering, or --run-timeout. */
  stop: AbortController;
  /** Each check's time limit, when the run needs a longer one than the runner's default. */
  timeout: { timeoutMs?: number };
}

/** `run`'s option values, as parseArgs gives them. */
export type RunValues = ReturnType<typeof parseRunArgs>['values'];

const parseRunArgs = (args: string[]) =>
  parseArgs({ args, options: RUN_OPTIONS, strict: true, allowPositionals: false });

/**
 * Reads `run`'s arguments (and config file) into a plan. 'run' checks the report folder first;
 * 'thread' is another thread of the same run (run-threads.ts): it writes nothing, and refuses a
 * run that takes a connector or a transcript, which run in one thread.
 */
export async function planRun(args: readonly string[], io: CliIo, mode: 'run' | 'thread'): Promise<RunPlan> {
  const { values } = parseRunArgs(await withConfigFile(args, io.cwd));
  const outDir = resolvePath(io.cwd, values.out ?? DEFAULT_OUT_DIR);
  const shard = values.shard === undefined ? undefined : shardOption(values.shard);
  if (shard !== undefined && (values.record !== undefined || values.compare !== undefined))
    throw new UsageError(
      '--record and --compare take the whole run: a shard sees only its own checks; drop --shard for the transcript gate',
    );
  const requestTimeoutMs = seconds(values.timeout, '--timeout');
  const runTimeoutMs = seconds(values['run-timeout'], '--run-timeout');
  const reporterNames: ReporterName[] =
    values.reporter === undefined
      ? ['json', 'junit', 'markdown', 'html']
      : parseReporterNames(values.reporter);
  const externalFlag =
    values['scim-url'] !== undefined
      ? '--scim-url'
      : values['sp-metadata'] !== undefined
        ? '--sp-metadata'
        : undefined;
  const resilience = resilienceChoice(
    values,
    pick(commaList(values.suite), SUITES, 'suite', isSuite),
    externalFlag,
  );
  const suiteIds = resilience.suites;
  const dialects =
    values.dialect === 'all'
      ? DIALECT_IDS
      : pick(commaList(values.dialect), DIALECT_IDS, 'dialect', isDialectId);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer (found '${values.seed}')`);
  const transport = values.transport ?? (values['connector-url'] === undefined ? 'in-process' : 'http');
  if (transport !== 'in-process' && transport !== 'http')
    throw new UsageError(`--transport must be 'in-process' or 'http' (found '${transport}')`);
  const faults =
    pick(
      commaList(values.fault),
      SCIM_FAULT_RECORDS.map((f) => f.id as ScimFault),
      'fault',
      isScimFault,
    ) ?? [];
  const idpFaults =
    pick(
      commaList(values['idp-fault']),
      IDP_FAULT_RECORDS.map((f) => f.id as IdpFault),
      'idp-fault',
      isIdpFault,
    ) ?? [];

  // Stops the run early: a server that stopped answering, or --run-timeout.
  const stop = new AbortController();
  let targets: Target[];
  let scenarios: Scenario[];
  const connectorFlag =
    values.connector !== undefined
      ? '--connector'
      : values['connector-url'] !== undefined
        ? '--connector-url'
        : undefined;
  if (connectorFlag !== undefined) {
    if (values['sp-metadata'] !== undefined || values['scim-url'] !== undefined)
      throw new UsageError(
        `${connectorFlag} drives the lifecycle suites against the mock SPs; drop --${values['sp-metadata'] !== undefined ? 'sp-metadata' : 'scim-url'}`,
      );
    if (values.dialect !== undefined)
      throw new UsageError(
        `${connectorFlag} is the connector under test and speaks its own dialect; --dialect replays the built-in ones: pick one`,
      );
  }
  if (values['connector-url'] !== undefined && values.transport === 'in-process')
    throw new UsageError(
      '--connector-url: the connector calls the mock SPs over real HTTP; drop --transport in-process',
    );
  if (
    mode === 'thread' &&
    (connectorFlag !== undefined || values.record !== undefined || values.compare !== undefined)
  )
    throw new UsageError('a run with a connector or a transcript runs in one thread');
  // Before anything is opened or run: a report folder the run could not write stops here.
  if (mode === 'run')
    await checkWritableFolder(outDir).catch((error: unknown) => {
      throw new UsageError(
        `--out: cannot write reports to '${outDir}' (${fileErrorInWords(error)}); choose a folder you can write with --out DIR`,
      );
    });
  // Before the connector bridge opens anything: a bad --record or --compare folder stops here.
  const transcripts = await transcriptGate(values, io.cwd);
  const choice = await chooseConnector(values, io.cwd);
  const connector = choice?.connector;
  if (values['sp-metadata'] !== undefined) {
    if (values.sp !== undefined)
      throw new UsageError('--sp-metadata targets one external SAML SP; drop --sp');
    if (values.dialect !== undefined || values.prefix !== undefined || values.keep)
      throw new UsageError(
        '--dialect, --prefix and --keep drive SCIM provisioning; drop them with --sp-metadata',
      );
    const chosen = suiteIds ?? ['saml-security'];
    if (chosen.some((suite) => suite !== 'saml-security' && suite !== 'sso'))
      throw new UsageError(
        `against --sp-metadata only the saml-security and sso suites run; drop --suite ${chosen.join(',')}`,
      );
    const identityUrl = values['identity-url'];
    const identityHeader = values['identity-header'];
    if ((identityUrl === undefined) === (identityHeader === undefined))
      throw new UsageError(
        '--sp-metadata needs exactly one of --identity-url <url that answers with the signed-in user> or --identity-header <name>',
      );
    targets = [
      await externalSamlTarget({
        ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
        onStalled: (reason) => stop.abort(new Error(reason)),
        metadata: /^https?:\/\//.test(values['sp-metadata'])
          ? values['sp-metadata']
          : resolvePath(io.cwd, values['sp-metadata']),
        identity: identityOptions(values),
        idpKeyFile: resolvePath(io.cwd, values['idp-keys'] ?? DEFAULT_IDP_KEY_FILE),
        newKeys: values['new-keys'],
        sign: signChoice(values.sign),
        encrypt: values.encrypt,
        ...(values['next-idp-keys'] === undefined
          ? {}
          : { nextKeyFile: resolvePath(io.cwd, values['next-idp-keys']) }),
        ...(values['retired-idp-keys'] === undefined
          ? {}
          : { retiredKeyFile: resolvePath(io.cwd, values['retired-idp-keys']) }),
        ...(values['sp-login-url'] === undefined ? {} : { spLoginUrl: spLoginUrl(values['sp-login-url']) }),
        ...(values['idp-entity-id'] === undefined ? {} : { idpEntityId: values['idp-entity-id'] }),
        ...(values['idp-base-url'] === undefined ? {} : { idpBaseUrl: values['idp-base-url'] }),
        ...(values.victim === undefined ? {} : { victim: values.victim }),
        ...(values.attacker === undefined ? {} : { attacker: values.attacker }),
        ...(values['scim-url'] === undefined ? {} : { scim: scimService(values['scim-url'], values.token) }),
        ...(values['deprovision-wait'] === undefined
          ? {}
          : { deprovisionWaitMs: deprovisionWait(values['deprovision-wait']) }),
      }),
    ];
    scenarios = chosen.flatMap((suite) => suites[suite]);
  } else if (targetOnly(values) !== undefined) {
    const [option, what] = targetOnly(values)!;
    throw new UsageError(`--${option} ${what} for --sp-metadata; drop it, or add --sp-metadata`);
  } else if (values['scim-url'] !== undefined) {
    if (values.sp !== undefined)
      throw new UsageError('--sp and --scim-url cannot be combined: --scim-url targets one external service');
    const { url, token } = scimService(values['scim-url'], values.token);
    const chosen = suiteIds ?? ['scim-protocol', ...LIFECYCLE_SUITES];
    const refused = chosen.filter((suite) => suite !== 'scim-protocol' && !isLifecycleSuite(suite));
    if (refused.length > 0) {
      throw new UsageError(
        `against --scim-url the scim-protocol, provisioning, group-sync, deactivation and import suites run; drop --suite ${refused.join(',')}`,
      );
    }
    const prefix = values.prefix ?? undefined;
    if (prefix !== undefined && !/^[A-Za-z0-9._-]{1,40}$/.test(prefix))
      throw new UsageError(
        `--prefix must be 1–40 letters, digits, '.', '_' or '-', so it can start a userName (found '${prefix}')`,
      );
    const external = await externalScimTarget(url, token, {
      ...(prefix === undefined ? {} : { prefix }),
      keep: values.keep,
      ...(requestTimeoutMs === undefined ? {} : { timeoutMs: requestTimeoutMs }),
      onStalled: (reason) => stop.abort(new Error(reason)),
    });
    targets = dialectTargets(external, chosen, dialects ?? ['jumpcloud']);
    scenarios = chosen.flatMap((suite) => suites[suite]);
  } else {
    if (values.token !== undefined) throw new UsageError('--token is only used with --scim-url');
    if (values.prefix !== undefined || values.keep)
      throw new UsageError(
        '--prefix and --keep apply to what a run creates on --scim-url; mock SPs start empty every check',
      );
    const spIds: AppId[] = pick(commaList(values.sp), SP_IDS, 'sp', isSpId) ?? [...SP_IDS];
    const samlFaults =
      pick(
        commaList(values['saml-fault']),
        Object.keys(SAML_FAULTS) as SamlFault[],
        'saml-fault',
        isSamlFault,
      ) ?? [];
    const mocks = spIds.map((id) =>
      mockTarget(id, {
        faults,
        idpFaults,
        samlFaults,
        transport,
        ...(connector ? { connector } : {}),
        ...resilience.choice,
      }),
    );
    // A connector under test is judged by the suites that provision through it.
    const chosenSuites = suiteIds ?? (connector ? LIFECYCLE_SUITES : undefined);
    // The resilience suite's sync of a thousand users and more runs when asked for (--suite, --chaos, --scale).
    scenarios = chosenSuites
      ? chosenSuites.flatMap((suite) => suites[suite])
      : allScenarios.filter((scenario) => scenario.suite !== 'resilience');
    const chosen = [...new Set(scenarios.map((scenario) => scenario.suite))];
    targets =
      dialects === undefined ? mocks : mocks.flatMap((mock) => dialectTargets(mock, chosen, dialects));
  }

  /** Each check's time: a bridged event may take --connector-timeout; the resilience sync grows with --scale. */
  function scenarioTimeout(): { timeoutMs?: number } {
    const bridged = choice?.transport === 'http';
    const limits = [
      ...(bridged ? [Math.max(120_000, 3 * choice.timeoutMs)] : []),
      ...(suiteIds?.includes('resilience')
        ? [resilienceTimeoutMs(resilience.choice.scale ?? DEFAULT_SCALE, bridged)]
        : []),
    ];
    return limits.length === 0 ? {} : { timeoutMs: Math.max(...limits) };
  }
  return {
    values,
    outDir,
    reporterNames,
    shard,
    runTimeoutMs,
    seed,
    targets,
    scenarios,
    transcripts,
    choice,
    stop,
    timeout: scenarioTimeout(),
  };
}

/** How many scenarios run at once against a connector over the HTTP bridge. */
const BRIDGE_CONCURRENCY = 8;

/** The runner's options for `plan`, as every thread of the run gives them (no reporting). */
export function runOptionsOf(plan: RunPlan): RunOptions {
  return {
    signal: plan.stop.signal,
    scenarios: plan.scenarios,
    targets: plan.targets,
    strict: plan.values.strict,
    seed: plan.seed,
    version: toolVersion(),
    requirements: REQUIREMENTS,
    // A bridged connector waits for real (retries, Retry-After): run its scenarios side by side,
    // and give each the time its events may take.
    ...(plan.choice?.transport === 'http' ? { concurrency: BRIDGE_CONCURRENCY } : {}),
    ...plan.timeout,
  };
}
