/**
 * `run --connector <module>`: the connector under test, loaded from the user's module and held to
 * the documented `Connector` contract before anything runs. A `.ts` module loads through whatever
 * TypeScript loader the user runs Node with (`node --import tsx`); without one the error says so.
 * `run --connector-url <url>`: a connector in any language, over the HTTP bridge.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bridgeConnector, type Connector } from '#harness/idp';
import { UsageError } from './usage.js';

/** The methods every connector has (harness/idp/connector.ts). */
const METHODS = [
  'testConnection',
  'provisionUser',
  'deprovisionUser',
  'deleteUser',
  'syncGroup',
  'deleteGroup',
] as const satisfies readonly (keyof Connector)[];

/** Loads the module at `path` (relative to `cwd`) and answers its connector: the default export, or `connector`. */
export async function loadConnector(path: string, cwd: string): Promise<Connector> {
  const file = resolve(cwd, path);
  try {
    await access(file);
  } catch {
    throw new UsageError(
      `--connector: no module at ${file}; name the .js (or .mjs) file that exports your connector`,
    );
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION')
      throw new UsageError(
        `--connector: Node cannot load ${file} by itself; compile it to .js, or run with a TypeScript loader (node --import tsx …)`,
      );
    throw new UsageError(
      `--connector: ${file} failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  const candidate = module.default ?? module.connector;
  const problems = contractProblems(candidate);
  if (problems.length > 0)
    throw new UsageError(
      `--connector: ${file} must export a connector (export default, or export const connector) with a name and ${METHODS.join(', ')}: ${problems.join('; ')}`,
    );
  return candidate as Connector;
}

/** What `candidate` lacks of the contract; empty when it holds. */
function contractProblems(candidate: unknown): string[] {
  if (typeof candidate !== 'object' || candidate === null)
    return [
      candidate === undefined ? 'it exports neither' : `its export is a ${typeof candidate}, not an object`,
    ];
  const object = candidate as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof object.name !== 'string' || object.name === '') problems.push('name is not a non-empty string');
  const missing = METHODS.filter((method) => typeof object[method] !== 'function');
  if (missing.length > 0)
    problems.push(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not a function`);
  return problems;
}

/** What `--connector`, `--connector-url` and `--connector-timeout` make of a run. */
export interface ConnectorChoice {
  connector: Connector;
  /** Mock SPs the connector can reach: a bridged connector calls them over real HTTP. */
  transport?: 'http';
  /** How long one event may take (a bridged connector). */
  timeoutMs: number;
  /** Stops what the connector opened (the bridge's token endpoint). */
  close(): Promise<void>;
}

/** How long `--connector-url` waits to see something listening before the run. */
const REACH_TIMEOUT_MS = 5_000;

/**
 * The connector under test from the command line, or undefined for the reference one. A
 * bridge URL must answer something (any HTTP status) before the run starts.
 */
export async function chooseConnector(
  values: { connector?: string; 'connector-url'?: string; 'connector-timeout'?: string },
  cwd: string,
): Promise<ConnectorChoice | undefined> {
  const url = values['connector-url'];
  const timeout = values['connector-timeout'];
  if (url !== undefined && values.connector !== undefined)
    throw new UsageError(
      '--connector (a module) and --connector-url (a connector over HTTP) name the connector under test twice: pick one',
    );
  if (timeout !== undefined && url === undefined)
    throw new UsageError('--connector-timeout applies to --connector-url; drop it, or add --connector-url');
  if (values.connector !== undefined) {
    const connector = await loadConnector(values.connector, cwd);
    return { connector, timeoutMs: 0, close: () => Promise.resolve() };
  }
  if (url === undefined) return undefined;
  if (!/^https?:\/\/[^/]/.test(url))
    throw new UsageError(`--connector-url must be an http:// or https:// URL (found '${url}')`);
  const seconds = timeout === undefined ? 60 : Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3_600)
    throw new UsageError(
      `--connector-timeout is the seconds one event may take, more than 0 and at most 3600 (found '${timeout}')`,
    );
  try {
    await fetch(url, { method: 'GET', signal: AbortSignal.timeout(REACH_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as { name?: string }).name;
    throw new UsageError(
      `--connector-url: nothing answers at ${url} (${name === 'TimeoutError' ? `no answer in ${REACH_TIMEOUT_MS / 1000} s` : (cause ?? String(error))}); start your connector first`,
    );
  }
  const connector = bridgeConnector({ url, timeoutMs: seconds * 1_000 });
  return { connector, transport: 'http', timeoutMs: seconds * 1_000, close: () => connector.close() };
}
