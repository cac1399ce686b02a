/**
 * Evaluates parsed filters against resources. A filter is first checked against the
 * attribute definitions, so an unsupported attribute / operator combination fails the
 * same way whatever the data; evaluation itself never throws.
 *
 * Readings of RFC points the text leaves open:
 * - Unassigned, null and [] are one state (RFC 7643 §2.5), so `eq null` matches an
 *   absent attribute and `ne "x"` matches it too: null is not identical to "x".
 * - On a multi-valued attribute every operator, `ne` included, matches when ANY value
 *   matches ("the filter matches if any of the values … match").
 * - invalidFilter covers "the specified attribute and filter comparison combination is
 *   not supported" (RFC 7644 §3.12): gt/ge/lt/le on boolean or binary (a SHALL), on true,
 *   false or null; co/sw/ew on boolean, integer, decimal or binary attributes or with a
 *   non-string value; and a value whose JSON type cannot denote the attribute's type
 *   (`active eq "true"`, `meta.lastModified gt "yesterday"`). No type coercion happens.
 * - An attribute without a definition compares by the JSON types found, strings
 *   case-insensitively; values of different JSON types are simply not identical.
 * - A dateTime without a time zone is read as UTC; years have four digits.
 * @see RFC 7644 §3.4.2.2, RFC 7643 §2.1–§2.5
 */
import { getAttribute, isJsonObject, readPath, type JsonObject } from '../attribute-access.js';
import { scimErrors } from '../errors.js';
import type { AttrPath, AttributeDefinition, AttributeType } from '../schemas/types.js';
import type { CompareOperator, CompareValue, Filter } from './ast.js';
import { printAttrPath, printFilter } from './print.js';

/** How a filter finds attribute definitions on a resource. @see RFC 7644 §3.4.2.2 */
export interface FilterContext {
  /** URN of the resource's core schema: attributes qualified with it live at the top level; other URNs name extension objects. */
  coreSchema: string;
  /** Definition of the attribute `path` names (the sub-attribute when path.subAttr is set); undefined when unknown. */
  resolve(path: AttrPath): AttributeDefinition | undefined;
}

type Comparison = Extract<Filter, { value: CompareValue }>;

/** Where the paths of a filter are read: a resource, or one value inside a value filter. */
interface Scope {
  /** The definition of what `path` names; throws invalidFilter for a path the scope cannot name. */
  resolve(path: AttrPath): AttributeDefinition | undefined;
  /** The values `path` names, arrays flattened, null and undefined dropped. */
  read(path: AttrPath): unknown[];
  /** The multi-valued attribute whose value this scope is, inside brackets. */
  parent?: string;
}

const ORDERING: ReadonlySet<CompareOperator> = new Set(['gt', 'ge', 'lt', 'le']);
const SUBSTRING: ReadonlySet<CompareOperator> = new Set(['co', 'sw', 'ew']);
const JSON_TYPE_OF: Readonly<Record<Exclude<AttributeType, 'complex'>, string>> = {
  string: 'string',
  reference: 'string',
  binary: 'string',
  dateTime: 'string',
  boolean: 'boolean',
  integer: 'number',
  decimal: 'number',
};
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The filters already checked against each context: the check reads only the filter and the
 * definitions, never the resource, so a list request checks its filter once, not once for every
 * stored resource it scans (which made a filter's cost its comparisons times the store's size twice).
 */
const checkedIn = new WeakMap<Filter, WeakSet<FilterContext>>();

/** Whether `resource` matches `filter`; throws invalidFilter for unsupported comparisons. @see RFC 7644 §3.4.2.2 */
export function matchesFilter(resource: JsonObject, filter: Filter, ctx: FilterContext): boolean {
  const scope: Scope = {
    resolve: (path) => ctx.resolve(path),
    read: (path) => flatten(readPath(resource, path, ctx.coreSchema)),
  };
  let contexts = checkedIn.get(filter);
  if (!contexts?.has(ctx)) {
    check(filter, scope);
    if (!contexts) checkedIn.set(filter, (contexts = new WeakSet()));
    contexts.add(ctx);
  }
  return evaluate(filter, scope);
}

/**
 * Tests one value of a multi-valued (usually complex) attribute against the filter inside brackets; paths in `filter` are sub-attribute names of `attribute` (or `value` for simple multi-valued attributes).
 * @see RFC 7644 §3.4.2.2
 */
export function matchesValue(
  value: unknown,
  filter: Filter,
  attribute: AttributeDefinition | undefined,
): boolean {
  const scope = valueScope(attribute, value);
  check(filter, scope);
  return evaluate(filter, scope);
}

function valueScope(attribute: AttributeDefinition | undefined, value: unknown): Scope {
  const parent = attribute?.name ?? 'the attribute';
  return {
    parent,
    resolve(path) {
      if (path.uri !== undefined || path.subAttr !== undefined) {
        throw scimErrors.invalidFilter(
          `Inside the brackets of a value filter on '${parent}', name one of its sub-attributes alone, not '${printAttrPath(path)}'`,
        );
      }
      // The values of a simple multi-valued attribute are reached through the name `value`.
      if (attribute !== undefined && attribute.type !== 'complex') {
        return isValueName(path.attr) ? { ...attribute, multiValued: false } : undefined;
      }
      return subAttribute(attribute, path.attr);
    },
    read(path) {
      if (isJsonObject(value)) return flatten(getAttribute(value, path.attr));
      return isValueName(path.attr) ? flatten(value) : [];
    },
  };
}

const isValueName = (name: string): boolean => name.toLowerCase() === 'value';

function subAttribute(
  attribute: AttributeDefinition | undefined,
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return attribute?.subAttributes?.find((sub) => sub.name.toLowerCase() === lower);
}

function flatten(value: unknown): unknown[] {
  const values = Array.isArray(value) ? (value.flat() as unknown[]) : [value];
  return values.filter((item) => item !== undefined && item !== null);
}

/** Rejects the comparisons RFC 7644 says SHALL fail, before any data is looked at. */
function check(filter: Filter, scope: Scope): void {
  switch (filter.op) {
    case 'and':
    case 'or':
      check(filter.left, scope);
      check(filter.right, scope);
      return;
    case 'not':
      check(filter.filter, scope);
      return;
    case 'pr':
      scope.resolve(filter.path);
      return;
    case 'valuePath':
      if (scope.parent !== undefined) {
        throw scimErrors.invalidFilter(
          `Value filters cannot be nested: '${printFilter(filter)}' inside '${scope.parent}[…]'`,
        );
      }
      check(filter.filter, valueScope(scope.resolve(filter.path), undefined));
      return;
    default:
      checkComparison(filter, comparedDefinition(scope.resolve(filter.path), filter.path));
  }
}

/**
 * A comparison on a complex attribute without a sub-attribute (`emails co "x"`) compares its
 * `value` sub-attribute, the attribute's "significant value".
 * @see RFC 7643 §2.4
 */
function comparedDefinition(
  definition: AttributeDefinition | undefined,
  path: AttrPath,
): AttributeDefinition | undefined {
  if (definition?.type !== 'complex') return definition;
  const value = subAttribute(definition, 'value');
  if (value === undefined && definition.subAttributes !== undefined) {
    const example = definition.subAttributes[0]?.name ?? 'subAttribute';
    throw scimErrors.invalidFilter(
      `'${printAttrPath(path)}' is a complex attribute without a 'value' sub-attribute; compare one of its sub-attributes, such as '${printAttrPath(path)}.${example}'`,
    );
  }
  return value;
}

function checkComparison(filter: Comparison, definition: AttributeDefinition | undefined): void {
  const { op, value } = filter;
  const text = `'${printFilter(filter)}'`;
  const json = JSON.stringify(value);
  if (ORDERING.has(op) && (typeof value === 'boolean' || value === null)) {
    throw scimErrors.invalidFilter(
      `'${op}' orders values and cannot compare with ${json} in ${text}; use 'eq' or 'ne'`,
    );
  }
  if (SUBSTRING.has(op) && typeof value !== 'string') {
    throw scimErrors.invalidFilter(
      `'${op}' matches part of a string and needs a string value, not ${json}, in ${text}`,
    );
  }
  if (definition === undefined || definition.type === 'complex') return;
  const type = definition.type;
  if (ORDERING.has(op) && (type === 'boolean' || type === 'binary')) {
    throw scimErrors.invalidFilter(
      `'${op}' is not supported on the ${type} attribute in ${text}: RFC 7644 §3.4.2.2 says comparing Boolean and Binary attributes with gt, ge, lt or le SHALL fail with invalidFilter`,
    );
  }
  // Substrings of numbers, booleans or base64 data have no meaning the RFC defines.
  if (SUBSTRING.has(op) && (JSON_TYPE_OF[type] !== 'string' || type === 'binary')) {
    throw scimErrors.invalidFilter(
      `'${op}' is not supported on the ${type} attribute in ${text}; use eq or ne`,
    );
  }
  if (value === null) return;
  if (typeof value !== JSON_TYPE_OF[type]) {
    throw scimErrors.invalidFilter(
      `${text} compares the ${type} attribute with the ${typeof value} ${json}; write a JSON ${JSON_TYPE_OF[type]} (RFC 7644 §3.4.2.2 does not coerce types)`,
    );
  }
  if (type === 'dateTime' && !SUBSTRING.has(op) && parseDateTime(value as string) === undefined) {
    throw scimErrors.invalidFilter(
      `${text} needs an xsd:dateTime value such as "2011-05-13T04:42:34Z", not ${json}`,
    );
  }
}

function evaluate(filter: Filter, scope: Scope): boolean {
  switch (filter.op) {
    case 'and':
      return evaluate(filter.left, scope) && evaluate(filter.right, scope);
    case 'or':
      return evaluate(filter.left, scope) || evaluate(filter.right, scope);
    case 'not':
      return !evaluate(filter.filter, scope);
    case 'pr':
      return scope.read(filter.path).some(isPresent);
    case 'valuePath': {
      const attribute = scope.resolve(filter.path);
      return scope.read(filter.path).some((value) => evaluate(filter.filter, valueScope(attribute, value)));
    }
    default: {
      const definition = comparedDefinition(scope.resolve(filter.path), filter.path);
      // Elements of a complex attribute are compared through their `value` sub-attribute.
      const values = scope
        .read(filter.path)
        .flatMap((v) => (isJsonObject(v) ? flatten(getAttribute(v, 'value')) : [v]));
      // RFC 7643 §2.5: no value is the null state, identical to null and to nothing else.
      if (values.length === 0) return filter.value === null ? filter.op === 'eq' : filter.op === 'ne';
      return values.some((value) => compare(filter.op, value, filter.value, definition));
    }
  }
}

/** "A non-empty value, or … a non-empty node for complex attributes." @see RFC 7644 §3.4.2.2 (pr) */
function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isJsonObject(value)) return Object.values(value).some(isPresent);
  return true;
}

function compare(
  op: CompareOperator,
  actual: unknown,
  expected: CompareValue,
  definition?: AttributeDefinition,
): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    if (definition?.type === 'dateTime' && !SUBSTRING.has(op)) {
      const a = parseDateTime(actual);
      const b = parseDateTime(expected);
      return a === undefined || b === undefined ? op === 'ne' : order(op, a - b);
    }
    // An unknown attribute compares as caseExact false, the RFC 7643 §2.2 default.
    const exact = definition?.caseExact ?? false;
    const a = exact ? actual : actual.toLowerCase();
    const b = exact ? expected : expected.toLowerCase();
    if (op === 'co') return a.includes(b);
    if (op === 'sw') return a.startsWith(b);
    if (op === 'ew') return a.endsWith(b);
    return order(op, a < b ? -1 : a > b ? 1 : 0);
  }
  if (typeof actual === 'number' && typeof expected === 'number') return order(op, actual - expected);
  if (typeof actual === 'boolean' && typeof expected === 'boolean')
    return order(op, actual === expected ? 0 : 1);
  // Values of different JSON types (or an object against a literal) are never identical.
  return op === 'ne';
}

function order(op: CompareOperator, difference: number): boolean {
  switch (op) {
    case 'eq':
      return difference === 0;
    case 'ne':
      return difference !== 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}

/** Milliseconds since the epoch for an xsd:dateTime, or undefined when `text` is not one. @see RFC 7643 §2.3.5 */
function parseDateTime(text: string): number | undefined {
  const match = DATE_TIME.exec(text.toUpperCase());
  if (match === null) return undefined;
  const [, dateTime, fraction = '', zone = 'Z'] = match;
  // The fraction is added separately so that digits beyond milliseconds still order values.
  const whole = Date.parse(`${dateTime}${zone}`);
  return Number.isNaN(whole) ? undefined : whole + Number(`0${fraction}`) * 1000;
}
