/**
 * How the SP turns what a client sent into what it stores, following its profile:
 * readOnly attributes ignored, keys in the schema's case, attributes renamed
 * (INT-04), attributes the SP manages itself kept aside (INT-05).
 */
import { canonicaliseKeys, findKey, isJsonObject, type JsonObject, type ResourceSchema } from '#harness';
import type { ScimProfile } from '../profile.js';

/** Attributes a client cannot set; RFC 7644 §3.3 says they are ignored in requests. */
const READ_ONLY = ['id', 'meta', 'groups'];

/** Splits an incoming resource into the SCIM part and the SP-local part. */
export function ingest(
  incoming: JsonObject,
  schema: ResourceSchema,
  profile: ScimProfile,
  options: { renameStoredAs: boolean },
): { resource: JsonObject; local: JsonObject } {
  const resource = canonicaliseKeys(incoming, schema);
  for (const name of READ_ONLY) {
    const key = findKey(resource, name);
    if (key !== undefined && !(name === 'groups' && schema.resourceType.endpoint === '/Groups'))
      delete resource[key];
  }
  for (const name of profile.ignoredAttributes) {
    const key = findKey(resource, name);
    if (key !== undefined) delete resource[key];
  }
  const local: JsonObject = {};
  for (const name of profile.localAttributes) {
    const key = findKey(resource, name);
    if (key === undefined) continue;
    local[name] = resource[key];
    delete resource[key];
  }
  if (options.renameStoredAs) {
    for (const rule of profile.storedAs) {
      const key = findKey(resource, rule.attribute);
      const values = key === undefined ? undefined : resource[key];
      if (!Array.isArray(values)) continue;
      for (const element of values) {
        if (!isJsonObject(element)) continue;
        const from = findKey(element, rule.from);
        if (from === undefined) continue;
        element[rule.to] = element[from];
        delete element[from];
      }
    }
  }
  return { resource, local };
}

/** The schema URNs a stored resource carries: its core schema plus each extension it holds. */
export function schemasOf(resource: JsonObject, schema: ResourceSchema): string[] {
  const urns = [schema.coreSchema];
  for (const urn of schema.schemaUrns) {
    if (urn !== schema.coreSchema && findKey(resource, urn) !== undefined) urns.push(urn);
  }
  return urns;
}
