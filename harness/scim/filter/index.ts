/**
 * SCIM filters: parse, print and evaluate.
 * @see RFC 7644 §3.4.2.2
 */

// Syntax tree
export type { CompareOperator, CompareValue, Filter, PatchPath } from './ast.js';

// Parsing and printing
export { parseAttrPath, parseFilter, parsePatchPath } from './parse.js';
export { printAttrPath, printFilter } from './print.js';

// Evaluation
export { matchesFilter, matchesValue } from './evaluate.js';
export type { FilterContext } from './evaluate.js';
