/**
 * The PatchOp request message: its schema URN, its operations, and the check that
 * turns an untrusted request body into a list of operations the engine can apply.
 * @see RFC 7644 §3.5.2
 */
import { findKey, getAttribute, isJsonObject } from '../attribute-access.js';
import type { JsonObject } from '../attribute-access.js';
import { ScimError, scimErrors } from '../errors.js';
import { parsePatchPath } from '../filter/parse.js';
import { REQUEST_LIMITS, overLimit } from '../limits.js';
import type { PatchPath } from '../filter/ast.js';

/** The schema URN of a PatchOp request body. @see RFC 7644 §3.5.2 */
export const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The three PATCH operations. @see RFC 7644 §3.5.2 */
export type PatchOperationName = 'add' | 'remove' | 'replace';

/** One entry of a PatchOp body's `Operations` array, op name lower-cased. @see RFC 7644 §3.5.2 */
export interface PatchOperation {
  op: PatchOperationName;
  path?: string;
  value?: unknown;
}

const OPERATION_NAMES: readonly PatchOperationName[] = ['add', 'remove', 'replace'];
const BODY_MEMBERS = ['schemas', 'Operations'];
const OPERATION_MEMBERS = ['op', 'path', 'value'];

/** Where an operation sits, as error messages name it: `'remove' op of operation 2 in PatchOp request body`. */
export function operationLabel(op: string, index: number): string {
  return `for '${op}' op of operation ${index} in PatchOp request body`;
}

/** A short description of a JSON value's kind for "found …" in messages. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'an object';
  return `the ${typeof value} ${String(value)}`;
}

/**
 * The operation name of `op`, case-insensitively ("Add", "Replace" as Entra ID sends them),
 * or undefined when it is none of add / remove / replace.
 * @see RFC 7644 §3.5.2
 */
export function toOperationName(op: unknown): PatchOperationName | undefined {
  if (typeof op !== 'string') return undefined;
  const lower = op.toLowerCase();
  return OPERATION_NAMES.find((name) => name === lower);
}

/**
 * Parses `path` as a PATCH path, restating a syntax error with the operation it came from.
 * @see RFC 7644 §3.5.2 (PATH ABNF)
 */
export function parseOperationPath(path: string, op: string, index: number): PatchPath {
  try {
    return parsePatchPath(path);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw scimErrors.invalidPath(
      `Invalid path '${path}' ${operationLabel(op, index)}; write an attribute path (name.givenName), ` +
        `optionally with a value filter (emails[type eq "work"].value): ${error.message}`,
    );
  }
}

/**
 * Validates a PatchOp request body and returns its operations, op names lower-cased.
 * Op names and member names are case-insensitive; unknown members are refused.
 * @see RFC 7644 §3.5.2
 */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isJsonObject(body)) {
    throw scimErrors.invalidSyntax(
      `PatchOp request body must be a JSON object but found ${describeJson(body)}; ` +
        `send {"schemas": ["${PATCH_OP_SCHEMA}"], "Operations": [...]}`,
    );
  }
  refuseUnknownMembers(body, BODY_MEMBERS, 'PatchOp request body');
  const schemas = getAttribute(body, 'schemas');
  // A schema URI compares case-insensitively (RFC 7643 §2.1); the message has no extensions.
  const onlyPatchOp =
    Array.isArray(schemas) &&
    schemas.length === 1 &&
    typeof schemas[0] === 'string' &&
    schemas[0].toLowerCase() === PATCH_OP_SCHEMA.toLowerCase();
  if (!onlyPatchOp) {
    throw scimErrors.invalidSyntax(
      `PatchOp request body must have "schemas": ["${PATCH_OP_SCHEMA}"] but found ${describeJson(schemas)}; ` +
        'set exactly that one URN (RFC 7644 §3.5.2)',
    );
  }
  const operations = getAttribute(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw scimErrors.invalidSyntax(
      `PatchOp request body must have an "Operations" array of one or more operations but found ` +
        `${describeJson(operations)}; send at least one {"op": "add" | "remove" | "replace", ...} (RFC 7644 §3.5.2)`,
    );
  }
  if (operations.length > REQUEST_LIMITS.patchOperations) {
    throw overLimit(
      'The PatchOp request body',
      operations.length,
      'operations',
      REQUEST_LIMITS.patchOperations,
      "send the changes in several PATCH requests, or a group's members as the values of one add operation",
    );
  }
  return operations.map((operation, i) => parseOperation(operation, i + 1));
}

function parseOperation(operation: unknown, index: number): PatchOperation {
  if (!isJsonObject(operation)) {
    throw scimErrors.invalidSyntax(
      `Operation ${index} in PatchOp request body must be an object but found ${describeJson(operation)}; ` +
        'send {"op": ..., "path": ..., "value": ...}',
    );
  }
  refuseUnknownMembers(operation, OPERATION_MEMBERS, `operation ${index} in PatchOp request body`);
  const rawOp = getAttribute(operation, 'op');
  const op = toOperationName(rawOp);
  if (op === undefined) {
    const found = rawOp === undefined ? "no 'op'" : describeJson(rawOp);
    throw scimErrors.invalidSyntax(
      `Operation ${index} in PatchOp request body must have an 'op' of "add", "remove" or "replace" ` +
        `but found ${found}; use one of those names (case-insensitive, RFC 7644 §3.5.2)`,
    );
  }
  const path = getAttribute(operation, 'path');
  const hasValue = findKey(operation, 'value') !== undefined;
  const value = getAttribute(operation, 'value');
  const parsed: PatchOperation = { op };

  if (path !== undefined) {
    if (typeof path !== 'string' || path.trim() === '') {
      throw scimErrors.invalidPath(
        `Attribute 'path' must be a non-empty string but found ${describeJson(path)} ${operationLabel(op, index)}; ` +
          'omit it to target the resource itself (add, replace) or name the attribute',
      );
    }
    parseOperationPath(path, op, index);
    parsed.path = path;
  } else if (op === 'remove') {
    // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with ... "noTarget"".
    throw scimErrors.noTarget(
      `Missing required attribute 'path' ${operationLabel(op, index)}; ` +
        'name the attribute or value to remove, e.g. members[value eq "…"] (RFC 7644 §3.5.2.2)',
    );
  }

  if (op !== 'remove' && (!hasValue || (op === 'add' && value === null))) {
    throw scimErrors.invalidValue(
      `Missing required attribute 'value' ${operationLabel(op, index)}; ` +
        `send the value to ${op} (RFC 7644 §3.5.2.${op === 'add' ? '1' : '3'})`,
    );
  }
  if (hasValue) parsed.value = value;
  return parsed;
}

function refuseUnknownMembers(obj: JsonObject, allowed: readonly string[], where: string): void {
  const known = new Set(allowed.map((name) => name.toLowerCase()));
  const unknown = Object.keys(obj).filter((key) => !known.has(key.toLowerCase()));
  if (unknown.length > 0) {
    throw scimErrors.invalidSyntax(
      `Unexpected attribute ${unknown.map((key) => `'${key}'`).join(', ')} in ${where}; ` +
        `only ${allowed.map((name) => `'${name}'`).join(', ')} are defined (RFC 7644 §3.5.2)`,
    );
  }
}
