/**
 * JSON Schema validators compiled when the package is built (scripts/precompile-validators.ts),
 * for the schemas the harness always validates against: the standard User and Group, the
 * discovery documents, ListResponse and Error, and report.json. ajv's compile of those took each
 * thread of a default run 0.1–0.2 s; loading its output takes a few milliseconds.
 *
 * Each validator is kept under {@link schemaKey} of the schema it was compiled from, so a schema
 * that changed since the build (or one no build saw: a custom schema, the tests, which run the
 * sources) finds none and is compiled at run time, as before. A compiled validator is the same
 * code either way: ajv's standalone output of the same schema with the same options.
 * @see https://ajv.js.org/standalone.html
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** The folder under dist/ the build writes the compiled validators to. */
export const PRECOMPILED_DIR = 'precompiled';

/** A compiled-validators file: a function of the formats it uses, returning validators by key. */
type PrecompiledModule = (formats: Record<string, unknown>) => Record<string, ValidateFunction>;

/** The key a schema's compiled validator is kept under: a hash of its JSON. */
export function schemaKey(schema: unknown): string {
  return `s${createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 24)}`;
}

/** `dist/precompiled/<file>`, found by walking up from this module (in dist/ or in the run bundle). */
function locate(file: string): string | undefined {
  let dir = new URL('.', import.meta.url);
  for (let i = 0; i < 5; i++) {
    const candidate = fileURLToPath(new URL(`${PRECOMPILED_DIR}/${file}`, dir));
    if (existsSync(candidate)) return candidate;
    dir = new URL('..', dir);
  }
  return undefined;
}

const loaded = new Map<string, Record<string, ValidateFunction>>();

/**
 * The validator the build compiled for `schema` into `file`, or undefined (no such file, or no
 * validator of that schema in it). `formats` are the custom formats the schema uses, by name.
 */
export function precompiledValidator(
  file: string,
  schema: unknown,
  formats: Record<string, unknown> = {},
): ValidateFunction | undefined {
  let validators = loaded.get(file);
  if (validators === undefined) {
    validators = {};
    const path = locate(file);
    if (path !== undefined) {
      try {
        validators = (createRequire(import.meta.url)(path) as PrecompiledModule)(formats);
      } catch {
        // A file that does not load is as if it were not there: the schemas compile at run time.
      }
    }
    loaded.set(file, validators);
  }
  return validators[schemaKey(schema)];
}
