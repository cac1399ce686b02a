/**
 * The `attributes` and `excludedAttributes` query parameters: which attributes a
 * response carries, honouring each attribute's `returned` characteristic.
 * @see RFC 7644 §3.4.2.5, RFC 7643 §2.4 (returned)
 */
import { findKey, isJsonObject, type JsonObject } from './attribute-access.js';
import { parseAttrPath } from './filter/parse.js';
import { REQUEST_LIMITS, overLimit } from './limits.js';
import type { ResourceSchema } from './schemas/registry.js';
import type { AttrPath } from './schemas/types.js';

export interface ProjectionOptions {
  /** Attribute paths to return (plus those returned always). */
  attributes?: readonly string[];
  /** Attribute paths to leave out (those returned always stay). */
  excludedAttributes?: readonly string[];
}

/** Splits a comma-separated attribute list from a query parameter. */
export function parseAttributeList(
  text: string | null | undefined,
  parameter = 'attributes',
): string[] | undefined {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  const names = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  checkAttributeCount(names, parameter);
  return names;
}

/** Refuses more names than REQUEST_LIMITS.attributeNames in one parameter. @see RFC 7644 §3.4.2.5 */
export function checkAttributeCount(names: readonly unknown[], parameter: string): void {
  const limit = REQUEST_LIMITS.attributeNames;
  if (names.length > limit)
    throw overLimit(
      `The ${parameter} parameter`,
      names.length,
      'names',
      limit,
      'a SCIM resource has fewer attributes than that; name each one once, or leave the parameter out for all of them',
    );
}

/** Returns a copy of `resource` holding only the attributes a response may carry. @see RFC 7644 §3.4.2.5 */
export function project(
  resource: JsonObject,
  schema: ResourceSchema,
  options: ProjectionOptions = {},
): JsonObject {
  const wanted = options.attributes?.map(parseAttrPath);
  const excluded = options.excludedAttributes?.map(parseAttrPath);
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas') {
      out[key] = value;
      continue;
    }
    const extension = schema.schemaUrns.find(
      (urn) => urn.toLowerCase() === key.toLowerCase() && urn !== schema.coreSchema,
    );
    if (extension !== undefined && isJsonObject(value)) {
      const inner = projectObject(value, extension, schema, wanted, excluded);
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    const kept = projectAttribute(key, value, undefined, schema, wanted, excluded);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function projectObject(
  container: JsonObject,
  uri: string,
  schema: ResourceSchema,
  wanted: AttrPath[] | undefined,
  excluded: AttrPath[] | undefined,
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(container)) {
    const kept = projectAttribute(key, value, uri, schema, wanted, excluded);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function projectAttribute(
  name: string,
  value: unknown,
  uri: string | undefined,
  schema: ResourceSchema,
  wanted: AttrPath[] | undefined,
  excluded: AttrPath[] | undefined,
): unknown {
  const definition = schema.resolve({ ...(uri === undefined ? {} : { uri }), attr: name });
  const returned = definition?.returned ?? 'default';
  if (returned === 'never') return undefined;
  if (returned === 'always') return value;
  const matching = (paths: AttrPath[]) => paths.filter((p) => sameAttribute(p, name, uri, schema));
  if (wanted !== undefined) {
    const hits = matching(wanted);
    if (hits.length === 0) return undefined;
    // `name` asked for whole, or only some sub-attributes of it.
    if (hits.some((p) => p.subAttr === undefined)) return value;
    return pickSubAttributes(
      value,
      hits.map((p) => p.subAttr!),
    );
  }
  if (returned === 'request') return undefined;
  if (excluded !== undefined) {
    const hits = matching(excluded);
    if (hits.some((p) => p.subAttr === undefined)) return undefined;
    if (hits.length > 0)
      return dropSubAttributes(
        value,
        hits.map((p) => p.subAttr!),
      );
  }
  return value;
}

function sameAttribute(
  path: AttrPath,
  name: string,
  uri: string | undefined,
  schema: ResourceSchema,
): boolean {
  if (path.attr.toLowerCase() !== name.toLowerCase()) return false;
  const pathUri = path.uri?.toLowerCase() ?? schema.coreSchema.toLowerCase();
  return pathUri === (uri ?? schema.coreSchema).toLowerCase();
}

function mapElements(value: unknown, fn: (item: JsonObject) => JsonObject): unknown {
  if (Array.isArray(value)) return value.map((item) => (isJsonObject(item) ? fn(item) : item));
  return isJsonObject(value) ? fn(value) : value;
}

function pickSubAttributes(value: unknown, names: string[]): unknown {
  return mapElements(value, (item) => {
    const out: JsonObject = {};
    for (const name of names) {
      const key = findKey(item, name);
      if (key !== undefined) out[key] = item[key];
    }
    return out;
  });
}

function dropSubAttributes(value: unknown, names: string[]): unknown {
  return mapElements(value, (item) => {
    const out: JsonObject = { ...item };
    for (const name of names) {
      const key = findKey(out, name);
      if (key !== undefined) delete out[key];
    }
    return out;
  });
}
