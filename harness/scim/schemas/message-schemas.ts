/**
 * JSON Schemas of the two fixed-shape protocol messages, ListResponse and Error,
 * which no SCIM schema resource describes.
 * @see RFC 7644 §3.4.2, §3.12
 */
import { flatNode, type KeyNode } from './canonical-keys.js';
import type { JsonSchema } from './json-schema.js';

const schemas = { type: 'array', items: { type: 'string' }, minItems: 1 };

function closed(unknownAttributes: 'error' | 'ignore'): { additionalProperties?: false } {
  return unknownAttributes === 'error' ? { additionalProperties: false } : {};
}

const LIST_RESPONSE_PROPERTIES = {
  schemas,
  totalResults: { type: 'integer', minimum: 0 },
  Resources: { type: 'array', items: { type: 'object' } },
  startIndex: { type: 'integer', minimum: 1 },
  itemsPerPage: { type: 'integer', minimum: 0 },
  // Cursor-based pagination (RFC 9865) adds these two.
  nextCursor: { type: 'string' },
  previousCursor: { type: 'string' },
};

/** The names of a ListResponse, for case-insensitive key matching. */
export const LIST_RESPONSE_NODE: KeyNode = flatNode(Object.keys(LIST_RESPONSE_PROPERTIES));

/** A ListResponse: totalResults required; Resources, startIndex and itemsPerPage typed. @see RFC 7644 §3.4.2 */
export function listResponseJsonSchema(unknownAttributes: 'error' | 'ignore'): JsonSchema {
  return {
    type: 'object',
    properties: LIST_RESPONSE_PROPERTIES,
    required: ['schemas', 'totalResults'],
    ...closed(unknownAttributes),
  };
}

const ERROR_PROPERTIES = {
  schemas,
  status: {
    type: 'string',
    pattern: '^[1-5][0-9][0-9]$',
    description: 'the HTTP status code as a string of three digits, e.g. "404"',
  },
  scimType: { type: 'string' },
  detail: { type: 'string' },
};

/** The names of an Error, for case-insensitive key matching. */
export const ERROR_NODE: KeyNode = flatNode(Object.keys(ERROR_PROPERTIES));

/** An Error: status a string of digits; scimType and detail optional strings. @see RFC 7644 §3.12 */
export function errorJsonSchema(unknownAttributes: 'error' | 'ignore'): JsonSchema {
  return {
    type: 'object',
    properties: ERROR_PROPERTIES,
    required: ['schemas', 'status'],
    ...closed(unknownAttributes),
  };
}
