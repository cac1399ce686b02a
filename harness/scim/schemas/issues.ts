/**
 * Turns ajv's errors into sentences a person can act on, with SCIM-style paths
 * (`emails[0].primary`, `urn:…:enterprise:2.0:User:manager.value`).
 * @see RFC 7644 §3.10 (attribute notation)
 */
import type { ErrorObject } from 'ajv/dist/2020.js';

/** One problem found in a SCIM body; `path` is '' for the body itself. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** A step into a JSON value: an object key or an array index. */
export type PathSegment = string | number;

/** Formats segments as a SCIM attribute path: URN-qualified keys join with ':', indexes as `[i]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  segments.forEach((segment, i) => {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (i === 0) out = segment;
    else if (i === 1 && isUrn(segments[0])) out += `:${segment}`;
    else out += `.${segment}`;
  });
  return out;
}

/** Whether a key is a schema URN (an extension container) rather than an attribute name. */
export function isUrn(key: unknown): key is string {
  return typeof key === 'string' && key.toLowerCase().startsWith('urn:');
}

/** Splits an ajv instancePath (a JSON Pointer) into segments; digits inside arrays become indexes. */
function pointerSegments(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const segment: PathSegment = Array.isArray(node) ? Number(key) : key;
    segments.push(segment);
    node = node === null || typeof node !== 'object' ? undefined : (node as Record<string, unknown>)[segment];
  }
  return segments;
}

/** `string "true"`, `number 5`, `null`, `an array`, … for "found …" clauses. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  boolean: 'a boolean',
  integer: 'an integer',
  number: 'a number',
  array: 'an array',
  object: 'an object',
};

function expectedTypes(type: unknown): string {
  const types = String(type)
    .split(',')
    .filter((t) => t !== 'null');
  return types.map((t) => EXPECTED[t] ?? t).join(' or ');
}

/** Wording for the places an unknown key can sit, supplied by the caller that knows the schemas. */
export interface IssueContext {
  /** Message for a key no schema defines, given the path of its parent and the key. */
  unknownKey(parent: readonly PathSegment[], key: string): string;
  /** Extra words for a missing property, e.g. the RFC clause that requires it. */
  requiredReason?(parent: readonly PathSegment[], key: string): string | undefined;
}

/** One ValidationIssue per ajv error, in ajv's order; `data` is the (canonicalised) body ajv saw. */
export function toIssues(
  errors: readonly ErrorObject[],
  data: unknown,
  context: IssueContext,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath, data);
    const path = formatPath(segments);
    const subject = path || 'the body';
    const params = error.params as Record<string, unknown>;
    const found = describeValue(error.data);
    switch (error.keyword) {
      case 'required': {
        const key = String(params['missingProperty']);
        const at = formatPath([...segments, key]);
        const reason = context.requiredReason?.(segments, key);
        issues.push({ path: at, message: `${at} is required${reason ? ` ${reason}` : ''}` });
        break;
      }
      case 'additionalProperties': {
        const key = String(params['additionalProperty']);
        issues.push({ path: formatPath([...segments, key]), message: context.unknownKey(segments, key) });
        break;
      }
      case 'type':
        issues.push({
          path,
          message:
            error.data === null && typeof segments.at(-1) === 'string'
              ? `${subject} is required (found null, which leaves an attribute unassigned: RFC 7643 §2.5)`
              : `${subject} must be ${expectedTypes(params['type'])} (found ${found})`,
        });
        break;
      case 'format':
        issues.push({
          path,
          message: `${subject} must be an xsd:dateTime with date and time, e.g. "2008-01-23T04:56:22Z" (RFC 7643 §2.3.5; found ${found})`,
        });
        break;
      case 'minItems':
        issues.push({ path, message: `${subject} is required and must not be empty (found an empty array)` });
        break;
      case 'minimum':
        issues.push({
          path,
          message: `${subject} must be at least ${String(params['limit'])} (found ${found})`,
        });
        break;
      case 'pattern': {
        const schema = error.parentSchema as { description?: string } | undefined;
        const expected = schema?.description ?? `match /${String(params['pattern'])}/`;
        issues.push({ path, message: `${subject} must be ${expected} (found ${found})` });
        break;
      }
      default:
        issues.push({ path, message: `${subject} ${error.message ?? 'is invalid'} (found ${found})` });
    }
  }
  return issues;
}
