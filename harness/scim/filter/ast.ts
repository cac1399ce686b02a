import type { AttrPath } from '../schemas/types.js';

/** Comparison operators of RFC 7644 §3.4.2.2 (Table 3), `pr` excepted. */
export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'lt' | 'ge' | 'le';

/** A JSON literal as it may appear on the right of a comparison. */
export type CompareValue = string | number | boolean | null;

/**
 * A parsed SCIM filter. Grouping parentheses leave no node of their own: the tree's
 * shape carries the precedence (`not` > `and` > `or`).
 * @see RFC 7644 §3.4.2.2
 */
export type Filter =
  | { op: CompareOperator; path: AttrPath; value: CompareValue }
  | { op: 'pr'; path: AttrPath }
  | { op: 'and' | 'or'; left: Filter; right: Filter }
  | { op: 'not'; filter: Filter }
  /** `emails[type eq "work" and value co "@example.com"]`: `filter` applies to each value of `path`. */
  | { op: 'valuePath'; path: AttrPath; filter: Filter };

/**
 * A PATCH operation path: `attrPath`, or `valuePath` optionally followed by `.subAttr`
 * (`members[value eq "2819c223"]`, `emails[type eq "work"].value`).
 * @see RFC 7644 §3.5.2 (PATH ABNF)
 */
export interface PatchPath {
  path: AttrPath;
  /** The value filter in brackets, when present. */
  filter?: Filter;
  /** The sub-attribute after a value filter (`emails[type eq "work"].value` → `value`). */
  subAttr?: string;
}
