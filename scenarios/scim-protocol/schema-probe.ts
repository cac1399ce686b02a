/**
 * What a server says its resources look like: its /ResourceTypes and /Schemas read into one
 * attribute list per resource type, so a check family can exercise a rule at every place it
 * applies (extension and custom attributes included) rather than at one example.
 * @see RFC 7643 §2.2 (characteristics and their defaults), §6, §7
 */
import type { ScenarioContext } from '#harness/runner';
import {
  CORE_SCHEMAS,
  GROUP_RESOURCE_TYPE,
  USER_RESOURCE_TYPE,
  ScimClient,
  isJsonObject,
  type AttributeDefinition,
  type AttributeType,
  type JsonObject,
  type Mutability,
  type Returned,
  type SchemaDefinition,
  type Uniqueness,
} from '#harness/scim';

/** One attribute, or one sub-attribute of a complex attribute, with the path filters and PATCH use. */
export interface ProbedAttribute {
  /**
   * `userName`, `name.givenName`, `emails.value`; an extension's attributes fully qualified,
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`.
   */
  path: string;
  /** The schema URN it belongs to. */
  schema: string;
  /** Whether it belongs to the resource type's core schema (not an extension). */
  core: boolean;
  /** Its characteristics, with RFC 7643 §2.2's defaults filled in where the server left them out. */
  definition: AttributeDefinition;
  /** The complex attribute it is a sub-attribute of. */
  parent?: AttributeDefinition;
}

export interface ProbedResourceType {
  name: string;
  /** `/Users`, as the server names it. */
  endpoint: string;
  schema: string;
  extensions: string[];
  attributes: ProbedAttribute[];
}

export interface ProbedSchemas {
  /** Whether the server's own /Schemas answered (else RFC 7643's definitions stand in). */
  served: boolean;
  /** The resource types found (User, Group…). */
  types: ProbedResourceType[];
  /** The resource type by name, case-insensitively. */
  type(name: string): ProbedResourceType | undefined;
}

const TYPES: readonly AttributeType[] = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'reference',
  'binary',
  'complex',
];
const MUTABILITY: readonly Mutability[] = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED: readonly Returned[] = ['always', 'never', 'default', 'request'];
const UNIQUENESS: readonly Uniqueness[] = ['none', 'server', 'global'];

function oneOf<T extends string>(value: unknown, known: readonly T[], fallback: T): T {
  if (typeof value !== 'string') return fallback;
  return known.find((item) => item.toLowerCase() === value.toLowerCase()) ?? fallback;
}

/** An attribute as a server served it, with the defaults of RFC 7643 §2.2 where it is silent. */
function attributeOf(raw: JsonObject): AttributeDefinition | undefined {
  if (typeof raw.name !== 'string' || raw.name === '') return undefined;
  const type = oneOf(raw.type, TYPES, 'string');
  const subAttributes = Array.isArray(raw.subAttributes)
    ? raw.subAttributes
        .filter(isJsonObject)
        .map(attributeOf)
        .filter((sub) => sub !== undefined)
    : undefined;
  return {
    name: raw.name,
    type,
    multiValued: raw.multiValued === true,
    required: raw.required === true,
    caseExact: raw.caseExact === true,
    mutability: oneOf(raw.mutability, MUTABILITY, 'readWrite'),
    returned: oneOf(raw.returned, RETURNED, 'default'),
    uniqueness: oneOf(raw.uniqueness, UNIQUENESS, 'none'),
    ...(Array.isArray(raw.canonicalValues)
      ? { canonicalValues: raw.canonicalValues.filter((v): v is string => typeof v === 'string') }
      : {}),
    ...(Array.isArray(raw.referenceTypes)
      ? { referenceTypes: raw.referenceTypes.filter((v): v is string => typeof v === 'string') }
      : {}),
    ...(subAttributes && subAttributes.length > 0 ? { subAttributes } : {}),
  };
}

/** A discovery answer's entries: a ListResponse, or (as some servers send) a bare array. */
function entriesOf(body: unknown): JsonObject[] {
  const list = isJsonObject(body) && Array.isArray(body.Resources) ? body.Resources : body;
  return Array.isArray(list) ? list.filter(isJsonObject) : [];
}

function flatten(schema: SchemaDefinition, core: boolean): ProbedAttribute[] {
  const prefix = core ? '' : `${schema.id}:`;
  return schema.attributes.flatMap((definition) => [
    { path: `${prefix}${definition.name}`, schema: schema.id, core, definition },
    ...(definition.subAttributes ?? []).map((sub) => ({
      path: `${prefix}${definition.name}.${sub.name}`,
      schema: schema.id,
      core,
      definition: sub,
      parent: definition,
    })),
  ]);
}

function probedType(
  name: string,
  endpoint: string,
  schema: string,
  extensions: readonly string[],
  schemas: readonly SchemaDefinition[],
): ProbedResourceType | undefined {
  const find = (urn: string) => schemas.find((item) => item.id.toLowerCase() === urn.toLowerCase());
  const core = find(schema);
  if (core === undefined) return undefined;
  const found = extensions.map(find).filter((item) => item !== undefined);
  return {
    name,
    endpoint,
    schema,
    extensions: found.map((item) => item.id),
    attributes: [...flatten(core, true), ...found.flatMap((item) => flatten(item, false))],
  };
}

function probed(served: boolean, types: ProbedResourceType[]): ProbedSchemas {
  return {
    served,
    types,
    type: (name) => types.find((type) => type.name.toLowerCase() === name.toLowerCase()),
  };
}

/** RFC 7643's User (with the Enterprise extension) and Group, for a server whose /Schemas says nothing usable. */
const RFC_TYPES = probed(
  false,
  [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE]
    .map((type) =>
      probedType(
        type.name,
        type.endpoint,
        type.schema,
        type.schemaExtensions.map((extension) => extension.schema),
        CORE_SCHEMAS,
      ),
    )
    .filter((type) => type !== undefined),
);

/**
 * Reads the target's /ResourceTypes and /Schemas. The reads are not recorded as the check's
 * exchanges (they are not what it judges); a server whose discovery does not answer gets
 * RFC 7643's definitions, with `served: false`, so a family can say what it assumed.
 */
export async function probeSchemas(ctx: ScenarioContext): Promise<ProbedSchemas> {
  const baseUrl = ctx.instance.scimBaseUrl;
  if (baseUrl === undefined) ctx.notApplicable(`${ctx.target.sp} has no SCIM service`);
  const quiet = new ScimClient({ baseUrl, token: ctx.instance.token, fetch: ctx.instance.fetch });
  const [typesAnswer, schemasAnswer] = await Promise.all([
    quiet.get('/ResourceTypes').catch(() => undefined),
    quiet.get('/Schemas').catch(() => undefined),
  ]);
  const schemas = entriesOf(schemasAnswer?.status === 200 ? schemasAnswer.body : undefined).flatMap(
    (raw): SchemaDefinition[] =>
      typeof raw.id === 'string' && Array.isArray(raw.attributes)
        ? [
            {
              id: raw.id,
              name: typeof raw.name === 'string' ? raw.name : raw.id,
              description: typeof raw.description === 'string' ? raw.description : '',
              attributes: raw.attributes
                .filter(isJsonObject)
                .map(attributeOf)
                .filter((item) => item !== undefined),
            },
          ]
        : [],
  );
  const types = entriesOf(typesAnswer?.status === 200 ? typesAnswer.body : undefined)
    .map((raw) =>
      typeof raw.name === 'string' && typeof raw.endpoint === 'string' && typeof raw.schema === 'string'
        ? probedType(
            raw.name,
            raw.endpoint,
            raw.schema,
            Array.isArray(raw.schemaExtensions)
              ? raw.schemaExtensions.flatMap((item) =>
                  isJsonObject(item) && typeof item.schema === 'string' ? [item.schema] : [],
                )
              : [],
            schemas,
          )
        : undefined,
    )
    .filter((type) => type !== undefined);
  return types.some((type) => type.name.toLowerCase() === 'user') ? probed(true, types) : RFC_TYPES;
}
