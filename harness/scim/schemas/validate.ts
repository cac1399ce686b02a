/**
 * Validates SCIM resources and protocol messages with ajv against JSON Schemas
 * generated from the schema data, after bringing keys to the schemas' spelling.
 * @see RFC 7643 §2, §3; RFC 7644 §3.3, §3.4.2, §3.12
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { isJsonObject, type JsonObject } from '../attribute-access.js';
import { ERROR_SCHEMA } from '../errors.js';
import { copyObject, resourceNode, type DuplicateKey, type KeyNode } from './canonical-keys.js';
import { isXsdDateTime } from './date-time.js';
import { DATE_TIME_FORMAT, documentSchema, type GenerateOptions, type JsonSchema } from './json-schema.js';
import {
  describeValue,
  formatPath,
  isUrn,
  toIssues,
  type IssueContext,
  type ValidationIssue,
} from './issues.js';
import {
  ERROR_NODE,
  LIST_RESPONSE_NODE,
  errorJsonSchema,
  listResponseJsonSchema,
} from './message-schemas.js';
import { groupSchema, resourceSchema, userSchema, type ResourceSchema } from './registry.js';
import { precompiledValidator } from './precompiled.js';
import { RESOURCE_TYPE_SCHEMA_DEFINITION } from './resource-type.js';
import { SCHEMA_SCHEMA_DEFINITION } from './schema-schema.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION } from './service-provider-config.js';
import type { SchemaDefinition } from './types.js';
import { LIST_RESPONSE_SCHEMA } from './urns.js';

export { canonicaliseKeys } from './canonical-keys.js';
export type { ValidationIssue } from './issues.js';

/** Options of validateResource. */
export interface ValidateResourceOptions {
  /**
   * 'request': readOnly attributes (id, meta, groups) are ignored, not rejected (RFC 7644 §3.3).
   * 'response': every attribute is checked and id, schemas and meta must be present (RFC 7643 §3.1).
   * @default 'response'
   */
  direction?: 'request' | 'response';
  /** Whether an attribute no schema defines is an issue. @default 'error' */
  unknownAttributes?: 'error' | 'ignore';
}

/** Options of validateMessage. */
export interface ValidateMessageOptions {
  /** Whether an attribute the message does not define is an issue. @default 'error' */
  unknownAttributes?: 'error' | 'ignore';
}

/** The protocol messages validateMessage knows. */
export type MessageKind = 'ServiceProviderConfig' | 'ResourceType' | 'Schema' | 'ListResponse' | 'Error';

/** The ajv options of every SCIM validator, compiled here or when the package is built. */
export const SCIM_AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
} as const;
/** The custom formats the generated SCIM schemas use, by name. */
export const SCIM_FORMATS = { [DATE_TIME_FORMAT]: { type: 'string', validate: isXsdDateTime } } as const;
/** The file under dist/precompiled/ the build writes the SCIM validators to (precompiled.ts). */
export const SCIM_VALIDATORS_FILE = 'scim-validators.cjs';

let sharedAjv: Ajv2020 | undefined;

function ajv(): Ajv2020 {
  sharedAjv ??= new Ajv2020(SCIM_AJV_OPTIONS).addFormat(DATE_TIME_FORMAT, SCIM_FORMATS[DATE_TIME_FORMAT]);
  return sharedAjv;
}

const compiled = new WeakMap<object, Map<string, ValidateFunction>>();

/** Compiles `build()` once per owner object and variant key, unless the build compiled it. */
function cachedValidator(owner: object, key: string, build: () => JsonSchema): ValidateFunction {
  let byKey = compiled.get(owner);
  if (!byKey) compiled.set(owner, (byKey = new Map()));
  let validate = byKey.get(key);
  if (!validate) {
    const schema = build();
    validate = precompiledValidator(SCIM_VALIDATORS_FILE, schema, SCIM_FORMATS) ?? ajv().compile(schema);
    byKey.set(key, validate);
  }
  return validate;
}

/** A document validated through generated schemas: a resource, or an SPC / ResourceType / Schema body. */
interface Document {
  schema: ResourceSchema;
  schemasRequired: boolean;
  requiredInResponse: readonly string[];
}

function duplicateIssues(duplicates: readonly DuplicateKey[]): ValidationIssue[] {
  return duplicates.map(({ path, keys: [first, second] }) => ({
    path: formatPath(path),
    message:
      `${formatPath(path)} is given twice, as "${first}" and "${second}"; ` +
      'attribute names are case-insensitive (RFC 7643 §2.1)',
  }));
}

/** `schemas` must list the core URN, no URN twice, only known URNs, and every extension present. @see RFC 7643 §3 */
function schemasIssues(data: JsonObject, document: Document, unknownAttributes: string): ValidationIssue[] {
  const listed = data['schemas'];
  if (!Array.isArray(listed) || !listed.every((urn): urn is string => typeof urn === 'string')) return [];
  const { schema } = document;
  const lower = listed.map((urn) => urn.toLowerCase());
  const issues: ValidationIssue[] = [];
  if (!lower.includes(schema.coreSchema.toLowerCase())) {
    issues.push({
      path: 'schemas',
      message: `schemas must contain "${schema.coreSchema}" (found ${JSON.stringify(listed)}; RFC 7643 §3)`,
    });
  }
  const allowed = new Set(schema.schemaUrns.map((urn) => urn.toLowerCase()));
  listed.forEach((urn, i) => {
    if (lower.indexOf(lower[i]!) !== i) {
      issues.push({ path: `schemas[${i}]`, message: `schemas lists "${urn}" more than once (RFC 7643 §3)` });
    } else if (unknownAttributes === 'error' && !allowed.has(lower[i]!)) {
      issues.push({
        path: `schemas[${i}]`,
        message:
          `schemas lists "${urn}", which is not a schema of the ${schema.resourceType.name} resource type ` +
          `(expected one of ${schema.schemaUrns.join(', ')})`,
      });
    }
  });
  for (const extension of schema.extensions) {
    const value = data[extension.id];
    if (value !== undefined && value !== null && !lower.includes(extension.id.toLowerCase())) {
      issues.push({
        path: extension.id,
        message: `${extension.id} is present but schemas does not list it (RFC 7643 §3)`,
      });
    }
  }
  return issues;
}

function documentContext(document: Document, direction: string): IssueContext {
  const { schema } = document;
  return {
    unknownKey(parent, key) {
      const at = formatPath([...parent, key]);
      if (parent.length === 0 && isUrn(key)) {
        const allowed = schema.extensions.map((extension) => extension.id).join(', ') || 'none';
        return `${key} is not a schema extension of the ${schema.resourceType.name} resource type (it allows: ${allowed})`;
      }
      if (parent.length === 0) return `${key} is not an attribute of ${schema.coreSchema}`;
      if (parent.length === 1 && isUrn(parent[0])) return `${at} is not an attribute of ${parent[0]}`;
      return `${at} is not a sub-attribute of ${formatPath(parent.filter((s) => typeof s === 'string'))}`;
    },
    requiredReason(parent, key) {
      if (parent.length > 0) return undefined;
      if (key === 'schemas') return '(RFC 7643 §3)';
      if (isUrn(key))
        return `: the ${schema.resourceType.name} resource type requires this extension (RFC 7643 §6)`;
      if (direction === 'response' && document.requiredInResponse.includes(key))
        return 'in a response (RFC 7643 §3.1)';
      return undefined;
    },
  };
}

function documentJsonSchema(document: Document, options: GenerateOptions): JsonSchema {
  return documentSchema(
    {
      core: document.schema.core,
      extensions: document.schema.resourceType.schemaExtensions.map((extension, i) => ({
        schema: document.schema.extensions[i]!,
        required: extension.required,
      })),
      schemasRequired: document.schemasRequired,
      requiredInResponse: document.requiredInResponse,
    },
    options,
  );
}

function validateDocument(
  body: unknown,
  document: Document,
  direction: 'request' | 'response',
  unknownAttributes: 'error' | 'ignore',
): ValidationIssue[] {
  return checkDocument(body, document, direction, unknownAttributes).issues;
}

/** Validates and returns the copy with canonical key case it validated (one walk for both). */
function checkDocument(
  body: unknown,
  document: Document,
  direction: 'request' | 'response',
  unknownAttributes: 'error' | 'ignore',
): { issues: ValidationIssue[]; canonical: JsonObject | undefined } {
  if (!isJsonObject(body)) {
    return {
      issues: [{ path: '', message: `the body must be a JSON object (found ${describeValue(body)})` }],
      canonical: undefined,
    };
  }
  const duplicates: DuplicateKey[] = [];
  const data = copyObject(body, resourceNode(document.schema), [], duplicates);
  const options: GenerateOptions = { direction, unknownAttributes };
  const validate = cachedValidator(document.schema, `${direction}/${unknownAttributes}`, () =>
    documentJsonSchema(document, options),
  );
  const issues = validate(data)
    ? []
    : toIssues(validate.errors ?? [], data, documentContext(document, direction));
  return {
    issues: [...duplicateIssues(duplicates), ...issues, ...schemasIssues(data, document, unknownAttributes)],
    canonical: data,
  };
}

/** The document of a resource: what validateResource and checkResource validate against. */
const resourceDocument = (schema: ResourceSchema): Document => ({
  schema,
  schemasRequired: true,
  requiredInResponse: ['id', 'meta'],
});

/**
 * Validates a SCIM resource against its resource type's schemas; [] when valid.
 * Names are matched case-insensitively; issues use the schemas' spelling.
 * @see RFC 7643 §2, §3; RFC 7644 §3.3
 */
export function validateResource(
  resource: unknown,
  schema: ResourceSchema,
  options: ValidateResourceOptions = {},
): ValidationIssue[] {
  return validateDocument(
    resource,
    resourceDocument(schema),
    options.direction ?? 'response',
    options.unknownAttributes ?? 'error',
  );
}

/**
 * Validates a resource and returns the copy it validated, with every key in the
 * schemas' spelling: what `canonicaliseKeys` returns, without a second walk.
 * @see RFC 7643 §2.1
 */
export function checkResource(
  resource: unknown,
  schema: ResourceSchema,
  options: ValidateResourceOptions = {},
): { issues: ValidationIssue[]; canonical: JsonObject | undefined } {
  return checkDocument(
    resource,
    resourceDocument(schema),
    options.direction ?? 'response',
    options.unknownAttributes ?? 'error',
  );
}

/** A resource type for a discovery document, so its schema resolves like a resource's. */
function discoveryDocument(definition: SchemaDefinition, schemasRequired: boolean): Document {
  const type = {
    id: definition.name,
    name: definition.name,
    endpoint: '',
    description: definition.description,
    schema: definition.id,
    schemaExtensions: [],
  };
  return { schema: resourceSchema(type, [definition]), schemasRequired, requiredInResponse: [] };
}

let discovery: Record<'ServiceProviderConfig' | 'ResourceType' | 'Schema', Document> | undefined;

function discoveryDocuments(): NonNullable<typeof discovery> {
  discovery ??= {
    ServiceProviderConfig: discoveryDocument(SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION, true),
    ResourceType: discoveryDocument(RESOURCE_TYPE_SCHEMA_DEFINITION, true),
    // The §8.7 Schema representations carry no `schemas`; when present it is still checked.
    Schema: discoveryDocument(SCHEMA_SCHEMA_DEFINITION, false),
  };
  return discovery;
}

interface FixedMessage {
  urn: string;
  node: KeyNode;
  jsonSchema: (unknownAttributes: 'error' | 'ignore') => JsonSchema;
  rules: (data: JsonObject) => ValidationIssue[];
}

const FIXED_MESSAGES: Readonly<Record<'ListResponse' | 'Error', FixedMessage>> = {
  ListResponse: {
    urn: LIST_RESPONSE_SCHEMA,
    node: LIST_RESPONSE_NODE,
    jsonSchema: listResponseJsonSchema,
    rules: (data) =>
      typeof data['totalResults'] === 'number' && data['totalResults'] > 0 && data['Resources'] === undefined
        ? [
            {
              path: 'Resources',
              message: 'Resources is required when totalResults is not 0 (RFC 7644 §3.4.2)',
            },
          ]
        : [],
  },
  Error: { urn: ERROR_SCHEMA, node: ERROR_NODE, jsonSchema: errorJsonSchema, rules: () => [] },
};

function validateFixed(kind: 'ListResponse' | 'Error', body: unknown, unknownAttributes: 'error' | 'ignore') {
  if (!isJsonObject(body)) {
    return [{ path: '', message: `the body must be a JSON object (found ${describeValue(body)})` }];
  }
  const message = FIXED_MESSAGES[kind];
  const duplicates: DuplicateKey[] = [];
  const data = copyObject(body, message.node, [], duplicates);
  const validate = cachedValidator(message, unknownAttributes, () => message.jsonSchema(unknownAttributes));
  const context: IssueContext = {
    unknownKey: (_parent, key) => `${key} is not an attribute of the ${kind} message (${message.urn})`,
  };
  const issues = validate(data) ? [] : toIssues(validate.errors ?? [], data, context);
  const schemas = data['schemas'];
  if (
    Array.isArray(schemas) &&
    !schemas.some((urn) => String(urn).toLowerCase() === message.urn.toLowerCase())
  ) {
    issues.push({
      path: 'schemas',
      message: `schemas must contain "${message.urn}" (found ${JSON.stringify(schemas)})`,
    });
  }
  return [...duplicateIssues(duplicates), ...issues, ...message.rules(data)];
}

/**
 * Validates a protocol message body: the discovery documents against their
 * schemas, ListResponse and Error against their RFC 7644 shapes; [] when valid.
 * @see RFC 7643 §5–§7; RFC 7644 §3.4.2, §3.12
 */
export function validateMessage(
  kind: MessageKind,
  body: unknown,
  options: ValidateMessageOptions = {},
): ValidationIssue[] {
  const unknownAttributes = options.unknownAttributes ?? 'error';
  if (kind === 'ListResponse' || kind === 'Error') return validateFixed(kind, body, unknownAttributes);
  return validateDocument(body, discoveryDocuments()[kind], 'response', unknownAttributes);
}

/**
 * The JSON Schemas of the standard User and Group, the discovery documents, ListResponse and
 * Error, in every variant the harness validates them in: what the build compiles ahead of time
 * (scripts/precompile-validators.ts, precompiled.ts).
 */
export function standardJsonSchemas(): JsonSchema[] {
  const modes = ['error', 'ignore'] as const;
  const resources = [userSchema, groupSchema].map(resourceDocument);
  return [
    ...resources.flatMap((document) =>
      (['request', 'response'] as const).flatMap((direction) =>
        modes.map((unknownAttributes) => documentJsonSchema(document, { direction, unknownAttributes })),
      ),
    ),
    ...Object.values(discoveryDocuments()).flatMap((document) =>
      modes.map((unknownAttributes) =>
        documentJsonSchema(document, { direction: 'response', unknownAttributes }),
      ),
    ),
    ...Object.values(FIXED_MESSAGES).flatMap((message) => modes.map((mode) => message.jsonSchema(mode))),
  ];
}
