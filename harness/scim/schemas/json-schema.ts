/**
 * Generates JSON Schemas from the SCIM schema data, so validation reads the same
 * definitions as the filter and PATCH code instead of a second hand-written copy.
 * @see RFC 7643 §2, §3, §7
 */
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import type { AttributeDefinition, AttributeType, SchemaDefinition } from './types.js';

/** A JSON Schema (2020-12) as plain data. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** The ajv format name for SCIM dateTime values. */
export const DATE_TIME_FORMAT = 'scim-dateTime';

export interface GenerateOptions {
  /** Requests ignore readOnly attributes (RFC 7644 §3.3); responses check them. */
  direction: 'request' | 'response';
  /** 'error' closes every object (`additionalProperties: false`). */
  unknownAttributes: 'error' | 'ignore';
}

/** What a document must carry beyond its schemas' attributes. */
export interface DocumentShape {
  core: SchemaDefinition;
  extensions: readonly { schema: SchemaDefinition; required: boolean }[];
  /** Whether `schemas` must be present (RFC 7643 §3); the §8.7 Schema representations omit it. */
  schemasRequired: boolean;
  /** Top-level attributes a response must carry although no schema marks them required (id, meta). */
  requiredInResponse: readonly string[];
}

const VALUE_SCHEMAS: Readonly<Record<Exclude<AttributeType, 'complex'>, { type: string; format?: string }>> =
  {
    string: { type: 'string' },
    reference: { type: 'string' },
    binary: { type: 'string' },
    boolean: { type: 'boolean' },
    decimal: { type: 'number' },
    integer: { type: 'integer' },
    dateTime: { type: 'string', format: DATE_TIME_FORMAT },
  };

/** Whether the attribute must be present; readOnly attributes are the server's to set, so requests may omit them. */
function mustBePresent(attribute: AttributeDefinition, options: GenerateOptions): boolean {
  return attribute.required && !(options.direction === 'request' && attribute.mutability === 'readOnly');
}

// Null and [] are "unassigned" (RFC 7643 §2.5), so an optional attribute may be null.
function nullable(schema: { type: string } & Record<string, unknown>, allowNull: boolean): JsonSchema {
  return allowNull ? { ...schema, type: [schema.type, 'null'] } : schema;
}

/** The JSON Schema of one attribute's value. @see RFC 7643 §2.3, §2.4 */
export function attributeSchema(attribute: AttributeDefinition, options: GenerateOptions): JsonSchema {
  if (options.direction === 'request' && attribute.mutability === 'readOnly') return true;
  const single =
    attribute.type === 'complex'
      ? objectSchema(attribute.subAttributes ?? [], options)
      : { ...VALUE_SCHEMAS[attribute.type] };
  if (!attribute.multiValued) return nullable(single, !attribute.required);
  const array = { type: 'array', items: single, ...(attribute.required ? { minItems: 1 } : {}) };
  return nullable(array, !attribute.required);
}

/** An object whose properties are `attributes`; the first of two same-named attributes wins. */
export function objectSchema(
  attributes: readonly AttributeDefinition[],
  options: GenerateOptions,
): { type: string; properties: Record<string, JsonSchema>; required: string[] } {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const seen = new Set<string>();
  for (const attribute of attributes) {
    const lower = attribute.name.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    properties[attribute.name] = attributeSchema(attribute, options);
    if (mustBePresent(attribute, options)) required.push(attribute.name);
  }
  return {
    type: 'object',
    properties,
    required,
    ...(options.unknownAttributes === 'error' ? { additionalProperties: false } : {}),
  };
}

/**
 * The JSON Schema of a whole document: `schemas`, the core attributes, the
 * common attributes, and each extension as an object under its URN.
 * @see RFC 7643 §3, §3.1, §3.3
 */
export function documentSchema(shape: DocumentShape, options: GenerateOptions): JsonSchema {
  const top = objectSchema([...shape.core.attributes, ...COMMON_ATTRIBUTES], options);
  top.properties = {
    schemas: { type: 'array', items: { type: 'string' }, minItems: 1 },
    ...top.properties,
  };
  if (shape.schemasRequired) top.required.unshift('schemas');
  for (const { schema, required } of shape.extensions) {
    const extension = objectSchema(schema.attributes, options);
    top.properties[schema.id] = required ? extension : { ...extension, type: ['object', 'null'] };
    if (required) top.required.push(schema.id);
  }
  if (options.direction === 'response') {
    for (const name of shape.requiredInResponse) {
      if (!top.required.includes(name)) top.required.push(name);
    }
  }
  return top;
}
