/**
 * Case-insensitive access to resource attributes. SCIM attribute names and schema
 * URNs are case-insensitive (RFC 7643 §2.1), while JSON keys are not, so every
 * engine reads and writes through these helpers.
 * @see RFC 7643 §2.1, §3.3
 */
import type { AttrPath } from './schemas/types.js';

/** A JSON object as the engines see it. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The actual key of `obj` that equals `name` case-insensitively, if any. */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(obj, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) {
    if (key.toLowerCase() === lower) return key;
  }
  return undefined;
}

/** Reads `obj[name]` case-insensitively. */
export function getAttribute(obj: JsonObject, name: string): unknown {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/**
 * The object that holds `path.attr`: the resource itself for core-schema attributes,
 * or the extension object keyed by the schema URN (created when `create` is set).
 * Returns undefined when an extension container is absent and not created.
 */
export function containerOf(
  resource: JsonObject,
  path: AttrPath,
  coreSchema: string,
  create = false,
): JsonObject | undefined {
  if (path.uri === undefined || path.uri.toLowerCase() === coreSchema.toLowerCase()) return resource;
  const key = findKey(resource, path.uri);
  if (key !== undefined) {
    const existing = resource[key];
    return isJsonObject(existing) ? existing : undefined;
  }
  if (!create) return undefined;
  const fresh: JsonObject = {};
  resource[path.uri] = fresh;
  return fresh;
}

/** Reads the value `path` names (attribute, then sub-attribute) from a resource. */
export function readPath(resource: JsonObject, path: AttrPath, coreSchema: string): unknown {
  const container = containerOf(resource, path, coreSchema);
  if (container === undefined) return undefined;
  const value = getAttribute(container, path.attr);
  if (path.subAttr === undefined) return value;
  if (Array.isArray(value)) {
    return value.filter(isJsonObject).map((item) => getAttribute(item, path.subAttr!));
  }
  return isJsonObject(value) ? getAttribute(value, path.subAttr) : undefined;
}
