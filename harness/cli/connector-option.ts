/**
 * `run --connector <module>`: the connector under test, loaded from the user's module and held to
 * the documented `Connector` contract before anything runs. A `.ts` module loads through whatever
 * TypeScript loader the user runs Node with (`node --import tsx`); without one the error says so.
 */
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Connector } from '#harness/idp';
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
