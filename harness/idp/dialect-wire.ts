/**
 * The bodies and queries a dialect profile describes, built as plain JSON: PATCH ops (names,
 * booleans, paths, bundling), create bodies, PUT bodies and member references. No I/O here;
 * dialect-connector.ts sends what these return.
 * @see IDP-IDM-13; RFC 7644 §3.5.2
 */
import { ENTERPRISE_USER_SCHEMA, isJsonObject, type JsonObject } from '#harness/scim';
import type { DirectoryUser } from './directory.js';
import type { ActiveWire, DialectProfile, QueryTemplate } from './dialects/index.js';
import { spHolds } from './mapping.js';

const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A PatchOp request body. */
export const patchBody = (operations: JsonObject[]): JsonObject => ({
  schemas: [PATCH_SCHEMA],
  Operations: operations,
});

/** A quoted filter value: `"jdoe@example.com"`. */
export const quote = (value: string): string => JSON.stringify(value);

/** The query a template names, `{value}` and `{guid}` filled in, in the template's order. */
export function fillQuery(
  template: QueryTemplate,
  fill: { value?: string; guid?: string },
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of template) {
    query[name] = value
      .replace('{value}', fill.value === undefined ? '' : quote(fill.value))
      .replace('{guid}', fill.guid === undefined ? '' : quote(fill.guid));
  }
  return query;
}

/** A value as the dialect writes it in a PATCH: booleans as JSON or as "True"/"False". */
function patchValue(profile: DialectProfile, value: unknown): unknown {
  if (typeof value === 'boolean' && profile.patch.booleans === 'string') return value ? 'True' : 'False';
  return value;
}

/** The enterprise `manager` as the dialect writes it: a bare id, `{value}`, or as mapped. */
function managerValue(profile: DialectProfile, value: unknown): unknown {
  const id = isJsonObject(value) ? value.value : value;
  if (profile.manager === 'string') return id;
  if (profile.manager === 'object') return isJsonObject(value) ? value : { value: id };
  return value;
}

/** `resource` with its enterprise manager written in the dialect's layout. */
function withManager(profile: DialectProfile, resource: JsonObject): JsonObject {
  const ext = resource[ENTERPRISE_USER_SCHEMA];
  if (!isJsonObject(ext) || !('manager' in ext)) return resource;
  return {
    ...resource,
    [ENTERPRISE_USER_SCHEMA]: { ...ext, manager: managerValue(profile, ext.manager) } as JsonObject,
  };
}

/** The POST /Users body: the mapped user with the dialect's additions. */
export function createUserBody(
  profile: DialectProfile,
  resource: JsonObject,
  user: DirectoryUser,
): JsonObject {
  const { create } = profile;
  const body: JsonObject = { ...withManager(profile, resource), ...structuredClone(create.extras) };
  const schemas = [...((resource.schemas as string[] | undefined) ?? [])];
  for (const urn of create.schemas) if (!schemas.includes(urn)) schemas.push(urn);
  if (schemas.length > 0) body.schemas = schemas;
  if (create.externalId === 'directory-id' && body.externalId === undefined) body.externalId = user.id;
  if (create.nameFormatted && isJsonObject(body.name)) {
    const { givenName, familyName } = body.name;
    const formatted = [givenName, familyName].filter((part) => typeof part === 'string').join(' ');
    if (formatted !== '') body.name = { formatted, ...body.name };
  }
  return body;
}

/**
 * The leaf paths of a mapped user and their values: `name.familyName`,
 * `emails[type eq "work"].value`, `urn:…:User:department`; the enterprise manager as one path.
 */
export function leafPaths(profile: DialectProfile, resource: JsonObject): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'schemas' || key === 'id' || key === 'meta') continue;
    if (key.startsWith('urn:') && isJsonObject(value)) {
      for (const [attr, inner] of Object.entries(value)) {
        if (attr === 'manager') leaves.set(`${key}:manager`, managerValue(profile, inner));
        else if (isJsonObject(inner))
          for (const [sub, leaf] of Object.entries(inner)) leaves.set(`${key}:${attr}.${sub}`, leaf);
        else leaves.set(`${key}:${attr}`, inner);
      }
    } else if (
      Array.isArray(value) &&
      value.every((item) => isJsonObject(item) && typeof item.type === 'string')
    ) {
      for (const item of value as JsonObject[]) {
        for (const [sub, leaf] of Object.entries(item)) {
          if (sub !== 'type' && sub !== 'primary')
            leaves.set(`${key}[type eq "${String(item.type)}"].${sub}`, leaf);
        }
      }
    } else if (isJsonObject(value)) {
      for (const [sub, leaf] of Object.entries(value)) leaves.set(`${key}.${sub}`, leaf);
    } else leaves.set(key, value);
  }
  return leaves;
}

/**
 * The PATCH ops that bring an SP user from `previous` to `next`, for the changed top-level
 * `keys`, as the dialect's update wire spells them. A value no longer mapped is left as it is.
 */
export function updateOps(
  profile: DialectProfile,
  previous: JsonObject | undefined,
  next: JsonObject,
  keys: readonly string[],
): JsonObject[] {
  const { update, patch } = profile;
  if (update.method !== 'PATCH') throw new TypeError(`${profile.id} updates by ${update.method}, not PATCH`);
  const op = (name: 'add' | 'replace', path: string, value: unknown): JsonObject => ({
    op: patch.ops[name],
    path,
    value: patchValue(profile, value) as JsonObject,
  });
  if (update.paths === 'attribute') {
    // One replace per changed attribute; an extension object gets one URN-qualified path per attribute.
    return keys.flatMap((key) => {
      const value = withManager(profile, next)[key];
      if (key.startsWith('urn:') && isJsonObject(value))
        return Object.entries(value).map(([attr, inner]) => op('replace', `${key}:${attr}`, inner));
      return [op('replace', key, value)];
    });
  }
  const before = leafPaths(profile, previous ?? {});
  const picked: JsonObject = {};
  for (const key of keys) if (key in next) picked[key] = next[key]!;
  const changed = [...leafPaths(profile, picked)].filter(
    ([path, value]) => JSON.stringify(before.get(path)) !== JSON.stringify(value),
  );
  const ops = changed.map(([path, value]) =>
    op(update.addForNew && !before.has(path) ? 'add' : 'replace', path, value),
  );
  const bundled = ops.filter((o) => o.op === patch.ops.replace && !String(o.path).includes('['));
  if (!update.bundleReplaces || bundled.length < 2) return ops;
  const value: JsonObject = {};
  for (const o of bundled) value[String(o.path)] = o.value!;
  return [...ops.filter((o) => !bundled.includes(o)), { op: patch.ops.replace, value }];
}

/** The PATCH op that sets `active` alone, in the wire's form. */
export function activeOp(
  profile: DialectProfile,
  wire: ActiveWire & { method: 'PATCH' },
  active: boolean,
): JsonObject {
  const value = patchValue(profile, active) as JsonObject;
  return wire.form === 'path'
    ? { op: profile.patch.ops.replace, path: 'active', value }
    : { op: profile.patch.ops.replace, value: { active: value } };
}

/**
 * The PUT body: the SP's resource with each of `next`'s `keys` written over it; a singular
 * complex attribute (name, an extension) is merged, anything else replaced.
 */
export function putBody(
  profile: DialectProfile,
  existing: JsonObject,
  next: JsonObject,
  keys: readonly string[],
): JsonObject {
  const body = structuredClone(existing);
  const written = withManager(profile, next);
  for (const key of keys) {
    if (key === 'schemas' || !(key in written)) continue;
    const value = written[key];
    body[key] = isJsonObject(value) && isJsonObject(body[key]) ? { ...body[key], ...value } : value!;
  }
  const schemas = new Set([
    ...((existing.schemas as string[] | undefined) ?? []),
    ...((next.schemas as string[] | undefined) ?? []),
  ]);
  if (schemas.size > 0) body.schemas = [...schemas];
  return body;
}

/** The top-level attributes of `resource` an SP user does not hold yet. */
export function differingAttributes(existing: JsonObject, resource: JsonObject): string[] {
  return Object.keys(resource).filter(
    (key) =>
      !WRITE_ONCE.has(key) &&
      resource[key] !== null &&
      resource[key] !== undefined &&
      !spHolds(existing, key, resource[key]),
  );
}

/**
 * Attributes a takeover never resends: the schemas list, and the password, which an SP never
 * returns (RFC 7643 §4.1.1 returned "never"), so it can never be seen to differ.
 */
const WRITE_ONCE = new Set(['schemas', 'password']);

/** A member reference as the dialect writes it: `{value}`, with `display` and `"$ref": null` if it says so. */
export function memberRef(
  profile: DialectProfile,
  value: string,
  display: string | undefined,
  forRemoval = false,
): JsonObject {
  const ref: JsonObject = {};
  if (profile.groups.memberRef.nullRef) ref.$ref = null;
  ref.value = value;
  if (profile.groups.memberRef.display && !forRemoval && display !== undefined) ref.display = display;
  return ref;
}

/** `items` in runs of at most `size` (all in one run when size is null). */
export function chunks<T>(items: readonly T[], size: number | null): T[][] {
  if (size === null || items.length <= size) return items.length === 0 ? [] : [[...items]];
  const runs: T[][] = [];
  for (let i = 0; i < items.length; i += size) runs.push(items.slice(i, i + size));
  return runs;
}

/** The last test-user stamp handed out per clock, so two activations in one millisecond differ. */
const lastStamp = new WeakMap<() => number, number>();

/**
 * The `{suffix}` of a connection test's user and group: the clock's milliseconds in base 36,
 * one past the last stamp of the same clock when that clock has not moved on. A test user the
 * app keeps (deactivated, not deleted) would otherwise make a second activation within the same
 * millisecond collide with it and fail its connection test with a 409.
 */
export function testStamp(now: () => number): string {
  const last = lastStamp.get(now);
  const stamp = last === undefined ? now() : Math.max(now(), last + 1);
  lastStamp.set(now, stamp);
  return stamp.toString(36);
}
