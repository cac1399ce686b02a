/**
 * Value rules the PATCH engine enforces: type checks against the attribute definition,
 * SCIM equality (case-insensitive names, caseExact-aware strings), sub-attribute writes
 * with their mutability, and `primary` uniqueness.
 * @see RFC 7643 §2.2–§2.4, RFC 7644 §3.5.2
 */
import { findKey, getAttribute, isJsonObject } from '../attribute-access.js';
import type { JsonObject } from '../attribute-access.js';
import type { AttributeDefinition } from '../schemas/types.js';
import { describeJson } from './patch-op.js';
import { fail, subAttributeOf } from './target.js';
import type { Step } from './target.js';

// RFC 7643 §2.3.5: xsd:dateTime, time zone optional.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

const EXPECTED: Readonly<Record<AttributeDefinition['type'], string>> = {
  string: 'a string',
  reference: 'a string (URI reference)',
  binary: 'a string (base64)',
  dateTime: 'an xsd:dateTime string such as "2025-01-31T12:00:00Z"',
  boolean: 'true or false',
  integer: 'an integer',
  decimal: 'a number',
  complex: 'an object of sub-attributes',
};

function hasType(value: unknown, def: AttributeDefinition): boolean {
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return typeof value === 'string';
    case 'dateTime':
      return typeof value === 'string' && DATE_TIME.test(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'complex':
      return isJsonObject(value);
  }
}

/**
 * Throws invalidValue unless `value` is one value of `def`'s type. Strict: the string "True"
 * is not a boolean (a mock SP profile may coerce before calling the engine).
 * @see RFC 7643 §2.3
 */
export function checkSingle(value: unknown, def: AttributeDefinition, name: string, step: Step): void {
  if (Array.isArray(value)) {
    throw fail(
      step,
      'invalidValue',
      `'${name}' takes one value here but found ${describeJson(value)}`,
      `send ${EXPECTED[def.type]}, not an array (RFC 7643 §2.4)`,
    );
  }
  if (!hasType(value, def)) {
    throw fail(
      step,
      'invalidValue',
      `'${name}' expects ${EXPECTED[def.type]} but found ${describeJson(value)}`,
      `send ${EXPECTED[def.type]} (RFC 7643 §2.3)`,
    );
  }
}

/** Deep equality of JSON values; object key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  );
}

/** Whether the value is unassigned: absent, null or an empty array. @see RFC 7643 §2.5 */
export function isUnassigned(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/**
 * SCIM equality of two values of `def`: sub-attribute names compare case-insensitively,
 * strings case-insensitively unless caseExact, and unassigned sub-attributes are ignored.
 * @see RFC 7643 §2.1, §2.2
 */
export function sameValue(a: unknown, b: unknown, def: AttributeDefinition | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x) => b.some((y) => sameValue(x, y, def)));
  }
  if (def?.type === 'complex' && isJsonObject(a) && isJsonObject(b)) {
    const assigned = (obj: JsonObject): string[] => Object.keys(obj).filter((key) => !isUnassigned(obj[key]));
    const keysA = assigned(a);
    if (keysA.length !== assigned(b).length) return false;
    return keysA.every((key) => {
      const other = getAttribute(b, key);
      return !isUnassigned(other) && sameValue(a[key], other, subAttributeOf(def, key));
    });
  }
  if (typeof a === 'string' && typeof b === 'string' && def !== undefined && !def.caseExact) {
    return a.toLowerCase() === b.toLowerCase();
  }
  return deepEqual(a, b);
}

/**
 * Whether two values of a multi-valued attribute are the same value. When the `value`
 * sub-attribute is immutable (Group `members`), it identifies the value: re-adding a member
 * with another `display` is still the same member.
 * @see RFC 7643 §4.2, §8.7.1
 */
export function sameElement(a: unknown, b: unknown, def: AttributeDefinition): boolean {
  const idDef = def.type === 'complex' ? subAttributeOf(def, 'value') : undefined;
  if (idDef?.mutability === 'immutable' && isJsonObject(a) && isJsonObject(b)) {
    const idA = getAttribute(a, 'value');
    const idB = getAttribute(b, 'value');
    if (!isUnassigned(idA) && !isUnassigned(idB)) return sameValue(idA, idB, idDef);
  }
  return sameValue(a, b, def);
}

/**
 * The identity of a value of multi-valued `def` that {@link sameElement} compares by its
 * immutable string `value` (a Group member): the string, lower-cased unless caseExact.
 * Undefined for any other value, which only a full comparison can match.
 */
function identityOf(item: unknown, def: AttributeDefinition): string | undefined {
  const idDef = def.type === 'complex' ? subAttributeOf(def, 'value') : undefined;
  if (idDef?.mutability !== 'immutable' || !isJsonObject(item)) return undefined;
  const id = getAttribute(item, 'value');
  if (typeof id !== 'string') return undefined;
  return idDef.caseExact ? id : id.toLowerCase();
}

/**
 * Values of multi-valued `def`, answering "is one of them the same element as this?" as
 * {@link sameElement} does, in constant time for values identified by an immutable string
 * `value` (members): a group of 25,000 takes a PATCH of 100 more without 2.5 million comparisons.
 * A value identified by a string `value` is never the same element as one without it.
 */
export class ElementSet {
  readonly #def: AttributeDefinition;
  readonly #identities = new Set<string>();
  /** The values without an identity, compared in full. */
  readonly #others: unknown[] = [];

  constructor(def: AttributeDefinition, values: readonly unknown[] = []) {
    this.#def = def;
    for (const value of values) this.add(value);
  }

  add(value: unknown): void {
    const identity = identityOf(value, this.#def);
    if (identity === undefined) this.#others.push(value);
    else this.#identities.add(identity);
  }

  /** Whether `value` is the same element as one of the values. */
  has(value: unknown): boolean {
    const identity = identityOf(value, this.#def);
    if (identity !== undefined && this.#identities.has(identity)) return true;
    return this.#others.some((other) => sameElement(other, value, this.#def));
  }
}

/** Writes `obj[name]`, keeping the case of an existing key and the schema's case for a new one. */
export function writeKey(obj: JsonObject, def: AttributeDefinition, value: unknown): void {
  obj[findKey(obj, def.name) ?? def.name] = value;
}

/** Deletes `obj[name]` case-insensitively. */
export function deleteKey(obj: JsonObject, name: string): void {
  const key = findKey(obj, name);
  // JSON keys are data here, not fields, hence Reflect rather than `delete`.
  if (key !== undefined) Reflect.deleteProperty(obj, key);
}

/**
 * Sets, or with null unassigns, one sub-attribute of a complex value, enforcing its
 * type and mutability: readOnly never, immutable only while unassigned, required never removed.
 * @see RFC 7643 §2.2, RFC 7644 §3.5.2
 */
export function writeSub(
  obj: JsonObject,
  parent: AttributeDefinition,
  sub: AttributeDefinition,
  value: unknown,
  step: Step,
): void {
  const name = `${parent.name}.${sub.name}`;
  const existing = getAttribute(obj, sub.name);
  if (sub.mutability === 'readOnly') {
    throw fail(
      step,
      'mutability',
      `Cannot set readOnly sub-attribute '${name}'`,
      'leave it out; the service provider sets it',
    );
  }
  if (isUnassigned(value)) {
    if (isUnassigned(existing)) return;
    if (sub.required || sub.mutability === 'immutable') {
      throw fail(
        step,
        'mutability',
        `Cannot remove ${sub.required ? 'required' : 'immutable'} sub-attribute '${name}'`,
        'leave it in place (RFC 7644 §3.5.2.2)',
      );
    }
    deleteKey(obj, sub.name);
    return;
  }
  if (sub.multiValued) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    items.forEach((item) => checkSingle(item, sub, name, step));
  } else {
    checkSingle(value, sub, name, step);
  }
  if (sub.mutability === 'immutable' && !isUnassigned(existing) && !sameValue(existing, value, sub)) {
    throw fail(
      step,
      'mutability',
      `Cannot change immutable sub-attribute '${name}' from ${describeJson(existing)} to ${describeJson(value)}`,
      'remove the whole value and add a new one instead (RFC 7643 §2.2)',
    );
  }
  writeKey(obj, sub, structuredClone(value));
}

/** Merges a complex `value`'s sub-attributes into `obj` (null unassigns one). @see RFC 7644 §3.5.2.1 */
export function mergeComplex(
  obj: JsonObject,
  def: AttributeDefinition,
  value: unknown,
  step: Step,
): JsonObject {
  checkSingle(value, def, def.name, step);
  for (const [key, item] of Object.entries(value as JsonObject)) {
    const sub = subAttributeOf(def, key);
    if (sub === undefined) {
      throw fail(
        step,
        'invalidValue',
        `Unknown sub-attribute '${key}' in the value of '${def.name}'`,
        `use ${def.subAttributes?.map((s) => `'${s.name}'`).join(', ') ?? 'its sub-attributes'} (RFC 7643 §2.3.8)`,
      );
    }
    writeSub(obj, def, sub, item, step);
  }
  return obj;
}

/** A new value of multi-valued `def`, type-checked and with the schema's key case. */
export function newElement(def: AttributeDefinition, value: unknown, step: Step): unknown {
  if (def.type === 'complex') return mergeComplex({}, def, value, step);
  checkSingle(value, def, def.name, step);
  return structuredClone(value);
}

/**
 * Keeps `primary: true` on at most one value: when an operation sets it on one value, the
 * others become false; when it sets it on several, the operation fails.
 * @see RFC 7643 §2.4, RFC 7644 §3.5.2
 */
export function settlePrimary(
  def: AttributeDefinition,
  values: unknown[],
  touched: unknown[],
  step: Step,
): void {
  const primary = subAttributeOf(def, 'primary');
  if (primary?.type !== 'boolean') return;
  const isPrimary = (value: unknown): value is JsonObject =>
    isJsonObject(value) && getAttribute(value, primary.name) === true;
  const chosen = touched.filter(isPrimary);
  if (chosen.length > 1) {
    throw fail(
      step,
      'invalidValue',
      `${chosen.length} values of '${def.name}' have "primary": true`,
      'mark at most one value primary (RFC 7643 §2.4)',
    );
  }
  for (const value of values) {
    if (chosen.length === 1 && value !== chosen[0] && isPrimary(value)) writeKey(value, primary, false);
  }
}

/** The values of a multi-valued attribute as an array (a lone value counts as one). */
export function valuesOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value];
  return isUnassigned(value) ? [] : [value];
}

/** Stores a multi-valued attribute's values, unassigning it when none remain. @see RFC 7644 §3.5.2.2 */
export function storeValues(
  container: JsonObject,
  def: AttributeDefinition,
  values: unknown[],
): unknown[] | undefined {
  // A complex value whose sub-attributes were all removed is no value at all.
  const kept = values.filter((value) => !(isJsonObject(value) && Object.keys(value).length === 0));
  if (kept.length === 0) {
    deleteKey(container, def.name);
    return undefined;
  }
  writeKey(container, def, kept);
  return kept;
}
