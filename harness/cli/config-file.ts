/**
 * `sso-harness.config.json`: everything `run`'s flags say, in a file a team commits beside its
 * tests. The file is validated against config.schema.json (shipped with the package) before
 * anything runs, paths in it are relative to the file, and flags on the command line win.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { errorCode, fileErrorInWords } from '#reports';
import schema from './config.schema.json' with { type: 'json' };
import { UsageError } from './usage.js';

/** The file `run` reads from its working folder when there is one and no --config names another. */
export const CONFIG_FILE = 'sso-harness.config.json';

/** Keys whose value is a file or folder: resolved against the config file's folder. */
const PATH_KEYS = new Set([
  'out',
  'record',
  'compare',
  'connector',
  'sp-metadata',
  'idp-keys',
  'next-idp-keys',
  'retired-idp-keys',
]);

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** The schema's validator, compiled on first use (a run without a config file never pays for it). */
const validator = (): ReturnType<Ajv2020['compile']> =>
  (compiled ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema));

/**
 * `args` with the config file's options in front of them, so that a flag given on the command
 * line, read later, wins. The file is `--config <file>` when given, else CONFIG_FILE in `cwd`
 * when it exists.
 * @throws UsageError naming the file and what is wrong with it
 */
export async function withConfigFile(args: readonly string[], cwd: string): Promise<string[]> {
  const named = configOption(args);
  const path = resolve(cwd, named ?? CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (named === undefined && errorCode(error) === 'ENOENT') return [...args];
    throw new UsageError(`--config: cannot read '${path}' (${fileErrorInWords(error)})`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `${path} is not JSON (${error instanceof Error ? error.message : String(error)}); fix it, or name another file with --config`,
    );
  }
  const validate = validator();
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map(describe);
    throw new UsageError(
      `${path} breaks the config schema (config.schema.json): ${[...new Set(problems)].join('; ')}`,
    );
  }
  return [...toArgs(config as Record<string, unknown>, dirname(path)), ...args];
}

/** The value of --config (or --config=...), if the command line has one. */
function configOption(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const [i, arg] of args.entries()) {
    if (arg === '--config') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        throw new UsageError('--config needs a file: --config sso-harness.config.json');
      found = value;
    } else if (arg.startsWith('--config=')) found = arg.slice('--config='.length);
  }
  return found;
}

/** The file's options as flags. */
function toArgs(config: Record<string, unknown>, base: string): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(config)) {
    if (key === '$schema') continue;
    if (typeof value === 'boolean') {
      if (value) args.push(`--${key}`);
      continue;
    }
    let text = Array.isArray(value) ? value.join(',') : String(value);
    if (PATH_KEYS.has(key) && !isAbsolute(text) && !/^https?:\/\//.test(text)) text = resolve(base, text);
    args.push(`--${key}=${text}`);
  }
  return args;
}

/** One schema violation in words: where, and what was wanted. */
function describe(error: ErrorObject): string {
  const where =
    error.instancePath === '' ? 'the file' : `'${error.instancePath.slice(1).replace(/\//g, '.')}'`;
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty?: unknown }).additionalProperty);
    return `unknown option '${key}' (see 'sso-harness help run')`;
  }
  if (error.keyword === 'oneOf' || error.keyword === 'type')
    return `${where} has the wrong type (${error.message ?? 'see the schema'})`;
  return `${where} ${error.message ?? 'is not valid'}`;
}
