/**
 * The order `sortBy` and `sortOrder` give a list: the value a resource sorts by (the primary
 * value of a multi-valued attribute, else its first), compared by the attribute's caseExact,
 * with resources lacking it last when ascending and first when descending.
 * @see RFC 7644 §3.4.2.3
 */
import {
  findKey,
  isJsonObject,
  readPath,
  type AttrPath,
  type JsonObject,
  type ResourceSchema,
} from '#harness/scim';

/** The value `resource` sorts by under `path`, case-folded unless the attribute is caseExact; undefined when it has none. */
export function sortKey(resource: JsonObject, path: AttrPath, schema: ResourceSchema): string | undefined {
  const caseExact = schema.resolve(path)?.caseExact ?? false;
  const whole = readPath(
    resource,
    { ...(path.uri === undefined ? {} : { uri: path.uri }), attr: path.attr },
    schema.coreSchema,
  );
  let value: unknown;
  if (Array.isArray(whole)) {
    // "sorted by the value of the primary attribute …, if any, or else the first value in the list".
    const entry = whole.find((item) => isJsonObject(item) && item.primary === true) ?? whole[0];
    const key = isJsonObject(entry) ? findKey(entry, path.subAttr ?? 'value') : undefined;
    value = isJsonObject(entry) ? (key === undefined ? undefined : entry[key]) : entry;
  } else {
    value = readPath(resource, path, schema.coreSchema);
  }
  if (value === undefined || value === null) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return caseExact ? text : text.toLowerCase();
}

/** Sorts keyed items in place: by key in `order`, items without a key last if ascending and first if descending. */
export function sortByKey<T extends { key: string | undefined }>(
  items: T[],
  order: 'ascending' | 'descending',
): T[] {
  const sign = order === 'ascending' ? 1 : -1;
  return items.sort((a, b) => {
    if (a.key === b.key) return 0;
    // A missing value counts as greater than any: last in ascending order, first in descending.
    if (a.key === undefined) return sign;
    if (b.key === undefined) return -sign;
    return (a.key < b.key ? -1 : 1) * sign;
  });
}
