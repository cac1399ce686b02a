/**
 * Shared helpers for the SCIM engines' tests: catching the ScimError a call throws, and
 * building small attribute tables and the context that resolves paths against them.
 * Not a test file itself, and not part of the build.
 */
import { expect } from 'vitest';
import { ScimError, type ScimType } from './errors.js';
import type { FilterContext } from './filter/evaluate.js';
import type { AttrPath, AttributeDefinition } from './schemas/types.js';

/** Runs `run` and returns the ScimError it throws; any other error, or none, fails the test. */
export function scimErrorOf(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

/**
 * Runs `run`, checks it throws a ScimError with `status` and `scimType` whose message
 * contains `detail` (a string) or matches it (a RegExp), and returns the error.
 */
export function expectScimError(
  run: () => unknown,
  status: number,
  scimType: ScimType,
  detail?: string | RegExp,
): ScimError {
  const error = scimErrorOf(run);
  expect(error.status).toBe(status);
  expect(error.scimType).toBe(scimType);
  if (typeof detail === 'string') expect(error.message).toContain(detail);
  else if (detail !== undefined) expect(error.message).toMatch(detail);
  return error;
}

export type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'type'>>;

/** An attribute definition with RFC 7643 §2.2's defaults unless `options` says otherwise. */
export function attr(
  name: string,
  type: AttributeDefinition['type'] = 'string',
  options: AttributeOptions = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/**
 * A context that resolves paths, names and URNs in any case, against `schemas` (attribute
 * tables by schema URN); a path without a URN is in `coreSchema`.
 */
export function contextOf(coreSchema: string, schemas: Record<string, AttributeDefinition[]>): FilterContext {
  const byUri = new Map(Object.entries(schemas).map(([uri, attributes]) => [uri.toLowerCase(), attributes]));
  return {
    coreSchema,
    resolve(path: AttrPath): AttributeDefinition | undefined {
      const attributes = byUri.get((path.uri ?? coreSchema).toLowerCase());
      const def = attributes?.find((a) => a.name.toLowerCase() === path.attr.toLowerCase());
      if (path.subAttr === undefined || def === undefined) return def;
      return def.subAttributes?.find((s) => s.name.toLowerCase() === path.subAttr!.toLowerCase());
    },
  };
}
