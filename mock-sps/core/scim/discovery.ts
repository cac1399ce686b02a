/**
 * Discovery documents: /ServiceProviderConfig, /ResourceTypes and /Schemas, built
 * from the profile so what an SP advertises is what it does.
 * @see RFC 7644 §4, RFC 7643 §5–§7
 */
import {
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  listResponse,
  type JsonObject,
  type ResourceSchema,
  type SchemaDefinition,
} from '#harness/scim';
import type { ScimProfile } from '../profile.js';

export function serviceProviderConfig(profile: ScimProfile, baseUrl: string, bodyLimit: number): JsonObject {
  return {
    schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
    documentationUri: `${baseUrl}/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: bodyLimit },
    filter: { supported: true, maxResults: profile.features.filterMaxResults },
    changePassword: { supported: profile.features.changePassword },
    sort: { supported: profile.features.sort },
    etag: { supported: profile.features.etag },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with the bearer token the SP generated',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypeDocument(schema: ResourceSchema, baseUrl: string): JsonObject {
  const type = schema.resourceType;
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: type.id,
    name: type.name,
    endpoint: type.endpoint,
    description: type.description,
    schema: type.schema,
    schemaExtensions: type.schemaExtensions,
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${type.id}` },
  };
}

export function schemaDocument(schema: SchemaDefinition, baseUrl: string): JsonObject {
  return {
    schemas: [SCHEMA_SCHEMA],
    ...schema,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  };
}

export function listOf(resources: JsonObject[]): JsonObject {
  return listResponse(resources);
}
