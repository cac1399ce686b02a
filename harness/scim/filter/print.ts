/**
 * Canonical text for filters: lowercase operators, single spaces, JSON values, and
 * only the parentheses the tree needs, so `parseFilter(printFilter(f))` deep-equals `f`.
 * @see RFC 7644 §3.4.2.2
 */
import type { AttrPath } from '../schemas/types.js';
import type { CompareValue, Filter } from './ast.js';

// Binding strength: a child binding more weakly than its position allows is parenthesised.
const OR = 0;
const AND = 1;
const TERM = 2;

/** Prints a filter canonically; the text parses back to the same tree. @see RFC 7644 §3.4.2.2 */
export function printFilter(filter: Filter): string {
  return print(filter, OR);
}

/** Prints an attribute path as `[uri:]attr[.subAttr]`. @see RFC 7644 §3.4.2.2 (ABNF attrPath) */
export function printAttrPath(path: AttrPath): string {
  const qualified = path.uri === undefined ? path.attr : `${path.uri}:${path.attr}`;
  return path.subAttr === undefined ? qualified : `${qualified}.${path.subAttr}`;
}

function print(filter: Filter, minimum: number): string {
  switch (filter.op) {
    // Both operators are left-associative, so only a right operand of equal strength needs parentheses.
    case 'or':
      return wrap(`${print(filter.left, OR)} or ${print(filter.right, AND)}`, OR, minimum);
    case 'and':
      return wrap(`${print(filter.left, AND)} and ${print(filter.right, TERM)}`, AND, minimum);
    case 'not':
      return `not (${print(filter.filter, OR)})`;
    case 'valuePath':
      return `${printAttrPath(filter.path)}[${print(filter.filter, OR)}]`;
    case 'pr':
      return `${printAttrPath(filter.path)} pr`;
    default:
      return `${printAttrPath(filter.path)} ${filter.op} ${printValue(filter.value)}`;
  }
}

function wrap(text: string, strength: number, minimum: number): string {
  return strength < minimum ? `(${text})` : text;
}

function printValue(value: CompareValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`A filter value must be a finite JSON number, got ${value}`);
    // JSON.stringify(-0) is "0"; keep the sign so the tree survives a round trip.
    if (Object.is(value, -0)) return '-0';
  }
  return JSON.stringify(value);
}
