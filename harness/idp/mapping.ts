/**
 * Attribute mappings: which JumpCloud property feeds which SCIM attribute, as the
 * integration guides' tables list them, and how a directory user becomes a SCIM
 * User under a mapping.
 * @see IDP-IDM-04, IDP-IDM-09
 */
import { findKey, isJsonObject, type JsonObject } from '#harness/scim';
import { USER_SCHEMA } from '#harness/scim';
import type { DirectoryUser } from './directory.js';

/** Where a mapped value comes from. */
export type MappingSource =
  | { property: string; from?: 'address' | 'phone' }
  | { constant: string | boolean | null }
  | { derived: 'active' };

/** One row of an app's attribute table. */
export interface AttributeMapping {
  /**
   * The SCIM attribute: `userName`, `name.givenName`, `emails[type eq "work"].value`,
   * or a URN-qualified extension path `urn:…:enterprise:2.0:User:department`.
   */
  scim: string;
  source: MappingSource;
  /** Optional rows can be excluded by the admin (IDP-IDM-09). */
  optional: boolean;
  /** Sent at creation only, never on updates (e.g. Salesforce's entitlement, SF-03). */
  createOnly?: boolean;
}

const VALUE_PATH = /^(?<attr>[A-Za-z$][\w$-]*)\[type eq "(?<type>[^"]+)"\]\.(?<sub>[A-Za-z$][\w$-]*)$/;
const URN_PATH = /^(?<urn>urn:[^\s]+):(?<attr>[A-Za-z$][\w$-]*)(?:\.(?<sub>[A-Za-z$][\w$-]*))?$/;

function sourceValue(user: DirectoryUser, source: MappingSource, type: string | undefined): unknown {
  if ('constant' in source) return source.constant;
  if ('derived' in source) return !user.suspended && !user.passwordExpired;
  if (source.from === 'address') {
    const address = user.addresses?.find((item) => item.type === (type ?? 'work'));
    return address?.[source.property as keyof typeof address];
  }
  if (source.from === 'phone')
    return user.phoneNumbers?.find((item) => item.type === (type ?? 'work'))?.number;
  return user[source.property as keyof DirectoryUser];
}

/** Sets one mapped value in `target`, creating the containers the path needs. */
function setMapped(target: JsonObject, scim: string, value: unknown): void {
  const urn = URN_PATH.exec(scim)?.groups;
  if (urn) {
    const ext = (target[urn.urn!] ??= {}) as JsonObject;
    if (urn.sub) ((ext[urn.attr!] ??= {}) as JsonObject)[urn.sub] = value;
    else ext[urn.attr!] = value;
    return;
  }
  const valuePath = VALUE_PATH.exec(scim)?.groups;
  if (valuePath) {
    const list = (target[valuePath.attr!] ??= []) as JsonObject[];
    let element = list.find((item) => item.type === valuePath.type);
    if (!element) list.push((element = { type: valuePath.type!, primary: list.length === 0 }));
    element[valuePath.sub!] = value;
    return;
  }
  const [attr, sub] = scim.split('.') as [string, string | undefined];
  if (sub === undefined) target[attr] = value;
  else ((target[attr] ??= {}) as JsonObject)[sub] = value;
}

/** The type a value-path row selects (`emails[type eq "work"].value` → `work`). */
function typeOf(scim: string): string | undefined {
  return VALUE_PATH.exec(scim)?.groups?.type;
}

/**
 * The SCIM User a directory user maps to. Rows whose value is absent are left out;
 * `excluded` rows are never sent (IDP-IDM-09); `createOnly` rows only when `forCreate`.
 */
export function mapUser(
  user: DirectoryUser,
  mappings: readonly AttributeMapping[],
  options: { excluded?: ReadonlySet<string>; forCreate: boolean },
): JsonObject {
  const resource: JsonObject = { schemas: [USER_SCHEMA] };
  for (const row of mappings) {
    if (options.excluded?.has(row.scim)) continue;
    if (row.createOnly && !options.forCreate) continue;
    const value = sourceValue(user, row.source, typeOf(row.scim));
    if (value === undefined || value === '') continue;
    setMapped(resource, row.scim, value);
  }
  for (const key of Object.keys(resource)) {
    if (key.startsWith('urn:') && !(resource.schemas as string[]).includes(key))
      (resource.schemas as string[]).push(key);
  }
  return resource;
}

/**
 * The value a mapping row names in a SCIM resource (the inverse of `mapUser` for one row):
 * attribute names compare case-insensitively; a value-path row reads the element of its type.
 * Used to import SP users (IDP-IDM-08) and to check what was sent (IDP-IDM-09).
 */
export function mappedValue(resource: JsonObject, scim: string): unknown {
  const at = (container: unknown, name: string): unknown => {
    if (!isJsonObject(container)) return undefined;
    const key = findKey(container, name);
    return key === undefined ? undefined : container[key];
  };
  const urn = URN_PATH.exec(scim)?.groups;
  if (urn) {
    const inner = at(at(resource, urn.urn!), urn.attr!);
    return urn.sub ? at(inner, urn.sub) : inner;
  }
  const valuePath = VALUE_PATH.exec(scim)?.groups;
  if (valuePath) {
    const list = at(resource, valuePath.attr!);
    if (!Array.isArray(list)) return undefined;
    const element = list.find(
      (item) =>
        isJsonObject(item) && String(at(item, 'type')).toLowerCase() === valuePath.type!.toLowerCase(),
    );
    return at(element, valuePath.sub!);
  }
  const [attr, sub] = scim.split('.') as [string, string | undefined];
  const value = at(resource, attr);
  return sub === undefined ? value : at(value, sub);
}

/** Top-level attributes (and extension URNs) whose mapped value differs between two mapped users. */
export function changedAttributes(previous: JsonObject | undefined, next: JsonObject): string[] {
  const keys = new Set([...Object.keys(next), ...Object.keys(previous ?? {})]);
  keys.delete('schemas');
  return [...keys].filter((key) => JSON.stringify(previous?.[key]) !== JSON.stringify(next[key]));
}

/** Whether the SP's representation already holds every mapped value of `wanted[key]`. */
export function spHolds(sp: JsonObject, key: string, wanted: unknown): boolean {
  const actualKey = findKey(sp, key);
  const actual = actualKey === undefined ? undefined : sp[actualKey];
  return contains(actual, wanted);
}

function contains(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) {
    return (
      Array.isArray(actual) && wanted.every((item) => actual.some((candidate) => contains(candidate, item)))
    );
  }
  if (isJsonObject(wanted)) {
    return (
      isJsonObject(actual) &&
      Object.entries(wanted).every(([key, value]) => contains(actual[findKey(actual, key) ?? key], value))
    );
  }
  if (typeof wanted === 'string' && typeof actual === 'string') return wanted === actual;
  return wanted === actual;
}
