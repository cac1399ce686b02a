/**
 * The add and replace operations: set a single value, merge a complex one, add to or
 * replace a multi-valued attribute's values, or the values a value filter selects.
 * @see RFC 7644 §3.5.2.1, §3.5.2.3
 */
import { getAttribute, isJsonObject } from '../attribute-access.js';
import type { JsonObject } from '../attribute-access.js';
import type { Filter } from '../filter/ast.js';
import { matchesValue } from '../filter/evaluate.js';
import type { AttributeDefinition } from '../schemas/types.js';
import { fail, noMatch, subAttributeOf } from './target.js';
import type { Step, Target } from './target.js';
import {
  ElementSet,
  checkSingle,
  deleteKey,
  mergeComplex,
  newElement,
  settlePrimary,
  storeValues,
  valuesOf,
  writeKey,
  writeSub,
} from './values.js';

/** Adds or replaces what `target` names in `container`. @see RFC 7644 §3.5.2.1, §3.5.2.3 */
export function writeTo(container: JsonObject, target: Target, value: unknown, step: Step): void {
  const { def } = target;
  if (target.filter !== undefined) return writeFiltered(container, target, target.filter, value, step);
  if (target.subDef !== undefined) return writeSubPath(container, def, target.subDef, value, step);
  // Null or an empty list on replace unassigns (RFC 7643 §2.5); add of an empty list adds nothing.
  if (value === null || (def.multiValued && Array.isArray(value) && value.length === 0)) {
    if (step.op === 'replace') deleteKey(container, def.name);
    return;
  }
  const existing = getAttribute(container, def.name);
  if (def.multiValued) {
    const items = valuesOf(value).map((item) => newElement(def, item, step));
    const known = step.op === 'add' && Array.isArray(existing) ? step.sets?.get(existing) : undefined;
    if (known !== undefined) return addInPlace(def, existing as unknown[], known, items, step);
    const values = step.op === 'add' ? valuesOf(existing) : [];
    const present = new ElementSet(def, values);
    const touched: unknown[] = [];
    for (const item of items) {
      // Adding a value already present changes nothing (RFC 7644 §3.5.2.1).
      if (present.has(item)) continue;
      values.push(item);
      present.add(item);
      touched.push(item);
    }
    if (step.op === 'add' && touched.length === 0) return;
    settlePrimary(def, values, touched, step);
    const stored = storeValues(container, def, values);
    // The set describes the stored array only when no value was dropped on the way.
    if (stored !== undefined && stored.length === values.length) step.sets?.set(stored, present);
  } else if (def.type === 'complex') {
    // Sub-attributes the value leaves out stay as they were (RFC 7644 §3.5.2.1, §3.5.2.3).
    const merged = mergeComplex(isJsonObject(existing) ? existing : {}, def, value, step);
    if (Object.keys(merged).length === 0) deleteKey(container, def.name);
    else writeKey(container, def, merged);
  } else {
    checkSingle(value, def, def.name, step);
    writeKey(container, def, structuredClone(value));
  }
}

/**
 * An add to the array an earlier operation of this request stored, whose element set `known`
 * describes: in place, in the time of the values added. Copying the whole array for each
 * operation made a PATCH of 1,000 single-member adds to a large group quadratic.
 */
function addInPlace(
  def: AttributeDefinition,
  stored: unknown[],
  known: ElementSet,
  items: readonly unknown[],
  step: Step,
): void {
  const touched: unknown[] = [];
  for (const item of items) {
    // Adding a value already present changes nothing (RFC 7644 §3.5.2.1).
    if (known.has(item)) continue;
    known.add(item);
    touched.push(item);
  }
  if (touched.length === 0) return;
  settlePrimary(def, stored, touched, step);
  // As storeValues does: a complex value without any sub-attribute is no value at all.
  for (const item of touched) if (!(isJsonObject(item) && Object.keys(item).length === 0)) stored.push(item);
}

/** `name.givenName`, or `emails.display` which sets the sub-attribute on every value. */
function writeSubPath(
  container: JsonObject,
  def: AttributeDefinition,
  sub: AttributeDefinition,
  value: unknown,
  step: Step,
): void {
  const existing = getAttribute(container, def.name);
  if (!def.multiValued) {
    const obj = isJsonObject(existing) ? existing : {};
    writeSub(obj, def, sub, value, step);
    if (Object.keys(obj).length === 0) deleteKey(container, def.name);
    else writeKey(container, def, obj);
    return;
  }
  const values = valuesOf(existing);
  const objects = values.filter(isJsonObject);
  if (objects.length === 0) {
    throw fail(
      step,
      'noTarget',
      `No values in '${def.name}' for path '${def.name}.${sub.name}'`,
      `add a whole value, or name one with a filter such as ${def.name}[type eq "work"].${sub.name}`,
    );
  }
  objects.forEach((obj) => writeSub(obj, def, sub, value, step));
  if (sub.name === 'primary') settlePrimary(def, values, objects, step);
  storeValues(container, def, values);
}

/** `emails[type eq "work"]` and `emails[type eq "work"].value`. @see RFC 7644 §3.5.2.1, §3.5.2.3 */
function writeFiltered(
  container: JsonObject,
  target: Target,
  filter: Filter,
  value: unknown,
  step: Step,
): void {
  const { def, subDef } = target;
  const values = valuesOf(getAttribute(container, def.name));
  const matched = values.filter((item) => matchesValue(item, filter, def));
  let touched: unknown[];
  if (matched.length === 0) {
    // RFC 7644 §3.5.2.3 makes a replace that matches nothing noTarget; for add the RFC is silent. Entra ID
    // sends add addresses[type eq "work"].streetAddress to a user without a work address and expects the
    // value created, so the filter's equalities seed it and later adds to the same filter fill it in.
    const seed = step.op === 'add' ? seedOf(filter, def) : undefined;
    if (seed === undefined) throw noMatch(target, step);
    const element = newElement(def, seed, step) as JsonObject;
    if (subDef !== undefined) writeSub(element, def, subDef, value, step);
    else mergeComplex(element, def, value, step);
    values.push(element);
    touched = [element];
  } else {
    touched = matched.map((item) => {
      if (subDef !== undefined && isJsonObject(item)) {
        writeSub(item, def, subDef, value, step);
        return item;
      }
      // add merges into a matched complex value; replace swaps the whole value; null unassigns it.
      if (step.op === 'add' && isJsonObject(item)) return mergeComplex(item, def, value, step);
      const replacement = value === null ? {} : newElement(def, value, step);
      values[values.indexOf(item)] = replacement;
      return replacement;
    });
  }
  settlePrimary(def, values, touched, step);
  storeValues(container, def, values);
}

/** The value an `eq`/`and` filter describes (`type eq "work"` → `{ type: "work" }`), if it is that simple. */
function seedOf(filter: Filter, def: AttributeDefinition): JsonObject | undefined {
  if (def.type !== 'complex') return undefined;
  if (filter.op === 'eq') {
    const sub =
      filter.path.uri === undefined && filter.path.subAttr === undefined
        ? subAttributeOf(def, filter.path.attr)
        : undefined;
    return sub === undefined || filter.value === null ? undefined : { [sub.name]: filter.value };
  }
  if (filter.op !== 'and') return undefined;
  const left = seedOf(filter.left, def);
  const right = seedOf(filter.right, def);
  if (left === undefined || right === undefined) return undefined;
  const clash = Object.keys(right).some((key) => Object.hasOwn(left, key) && left[key] !== right[key]);
  return clash ? undefined : { ...left, ...right };
}
