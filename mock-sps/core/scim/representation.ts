/**
 * How the SP turns what a client sent into what it stores, following its profile:
 * readOnly attributes ignored, keys in the schema's case, attributes renamed
 * (INT-04), attributes the SP manages itself kept aside (INT-05).
 */
import { findKey, isJsonObject, type JsonObject, type ResourceSchema } from '#harness/scim';
import type { ScimProfile } from '../profile.js';

/** Attributes a client cannot set; RFC 7644 §3.3 says they are ignored in requests. */
const READ_ONLY = ['id', 'meta', 'groups'];

/**
 * Splits a validated resource, already copied with canonical key case
 * (`checkResource`), into the SCIM part and the SP-local part. The SCIM part is
 * that copy, or a copy of it without the attributes taken out (a `delete` would
 * turn the object V8 stores into a hash table several times its size).
 */
export function ingest(
  resource: JsonObject,
  schema: ResourceSchema,
  profile: ScimProfile,
): { resource: JsonObject; local: JsonObject } {
  // One case-folded index of the keys, instead of a scan per attribute looked for.
  const keys = new Map(Object.keys(resource).map((key) => [key.toLowerCase(), key]));
  const taken = new Set<string>();
  const take = (name: string): { found: boolean; value: unknown } => {
    const key = keys.get(name.toLowerCase());
    if (key === undefined) return { found: false, value: undefined };
    const value = taken.has(key) ? undefined : resource[key];
    taken.add(key);
    return { found: true, value };
  };
  for (const name of READ_ONLY) take(name);
  for (const name of profile.ignoredAttributes) take(name);
  const local: JsonObject = {};
  for (const name of profile.localAttributes) {
    const { found, value } = take(name);
    if (found) local[name] = value;
  }
  const kept = taken.size === 0 ? resource : without(resource, taken);
  for (const rule of profile.storedAs) {
    const values = kept[keys.get(rule.attribute.toLowerCase()) ?? rule.attribute];
    if (!Array.isArray(values)) continue;
    for (const [i, element] of values.entries()) {
      if (!isJsonObject(element)) continue;
      const from = findKey(element, rule.from);
      if (from === undefined) continue;
      // As `element[to] = element[from]; delete element[from]`, in a copy.
      const renamed = without(element, new Set([from]), (key) =>
        key === rule.to ? element[from] : element[key],
      );
      if (rule.to !== from && !Object.hasOwn(renamed, rule.to)) renamed[rule.to] = element[from];
      values[i] = renamed;
    }
  }
  return { resource: kept, local };
}

/** A copy of `object` without the `left` keys, in the same key order; `value` reads each kept one. */
function without(
  object: JsonObject,
  left: ReadonlySet<string>,
  value: (key: string) => unknown = (key) => object[key],
): JsonObject {
  const copy: JsonObject = {};
  for (const key of Object.keys(object)) if (!left.has(key)) copy[key] = value(key);
  return copy;
}

/** The schema URNs a stored resource carries: its core schema plus each extension it holds. */
export function schemasOf(resource: JsonObject, schema: ResourceSchema): string[] {
  const urns = [schema.coreSchema];
  for (const urn of schema.schemaUrns) {
    if (urn !== schema.coreSchema && findKey(resource, urn) !== undefined) urns.push(urn);
  }
  return urns;
}
