import { describe, expect, it } from 'vitest';
import { ERROR_SCHEMA } from '../errors.js';
import { CORE_SCHEMAS } from './registry.js';
import { RESOURCE_TYPE_SCHEMA_DEFINITION } from './resource-type.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION } from './service-provider-config.js';
import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  LIST_RESPONSE_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  USER_SCHEMA,
} from './urns.js';
import { validateMessage } from './validate.js';

/** RFC 7643 §8.5 Service Provider Configuration Representation. */
const serviceProviderConfig = {
  schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
  documentationUri: 'http://example.com/help/scim.html',
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: true },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [
    {
      name: 'OAuth Bearer Token',
      description: 'Authentication scheme using the OAuth Bearer Token Standard',
      specUri: 'http://www.rfc-editor.org/info/rfc6750',
      documentationUri: 'http://example.com/help/oauth.html',
      type: 'oauthbearertoken',
      primary: true,
    },
    {
      name: 'HTTP Basic',
      description: 'Authentication scheme using the HTTP Basic Standard',
      specUri: 'http://www.rfc-editor.org/info/rfc2617',
      documentationUri: 'http://example.com/help/httpBasic.html',
      type: 'httpbasic',
    },
  ],
  meta: {
    location: 'https://example.com/v2/ServiceProviderConfig',
    resourceType: 'ServiceProviderConfig',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff594"',
  },
};

/** RFC 7643 §8.6 Resource Type Representation (User, then Group). */
const resourceTypes = [
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: USER_SCHEMA,
    schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: true }],
    meta: { location: 'https://example.com/v2/ResourceTypes/User', resourceType: 'ResourceType' },
  },
  {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Group',
    schema: GROUP_SCHEMA,
    meta: { location: 'https://example.com/v2/ResourceTypes/Group', resourceType: 'ResourceType' },
  },
];

const messagesOf = (...args: Parameters<typeof validateMessage>): string[] =>
  validateMessage(...args).map((issue) => issue.message);

describe('validateMessage', () => {
  it('accepts the RFC 7643 §8.5 ServiceProviderConfig', () => {
    expect(validateMessage('ServiceProviderConfig', serviceProviderConfig)).toEqual([]);
  });

  it('reports a ServiceProviderConfig without etag or with a mistyped option', () => {
    const body: Record<string, unknown> = { ...serviceProviderConfig, patch: { supported: 'yes' } };
    delete body['etag'];
    expect(messagesOf('ServiceProviderConfig', body)).toEqual([
      'etag is required',
      'patch.supported must be a boolean (found string "yes")',
    ]);
  });

  it.each(resourceTypes.map((body) => [body.id, body]))(
    'accepts the RFC 7643 §8.6 %s ResourceType',
    (_id, body) => {
      expect(validateMessage('ResourceType', body)).toEqual([]);
    },
  );

  // Not SCHEMA_SCHEMA_DEFINITION: it describes sub-attributes of sub-attributes, one level deeper
  // than the Schema schema itself allows (RFC 7643 §8.7.2 has the same shape).
  it('accepts every other schema definition served as a Schema resource', () => {
    const served = [
      ...CORE_SCHEMAS,
      SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION,
      RESOURCE_TYPE_SCHEMA_DEFINITION,
    ].map((definition) => ({
      schemas: [SCHEMA_SCHEMA],
      ...definition,
      meta: { resourceType: 'Schema', location: `/v2/Schemas/${definition.id}` },
    }));
    for (const body of served) expect(validateMessage('Schema', body)).toEqual([]);
  });

  it('reports a Schema resource whose attribute lacks its type', () => {
    const body = { id: 'urn:example:x', name: 'X', attributes: [{ name: 'a', multiValued: false }] };
    expect(messagesOf('Schema', body)).toEqual(['attributes[0].type is required']);
  });

  it('accepts the RFC 7644 §4 ListResponse of resource types', () => {
    const body = {
      totalResults: 2,
      itemsPerPage: 10,
      startIndex: 1,
      schemas: [LIST_RESPONSE_SCHEMA],
      Resources: resourceTypes,
    };
    expect(validateMessage('ListResponse', body)).toEqual([]);
    expect(validateMessage('ListResponse', { schemas: [LIST_RESPONSE_SCHEMA], totalresults: 0 })).toEqual([]);
  });

  it('reports a ListResponse with bad paging values or no Resources', () => {
    const body = { schemas: ['urn:example:list'], totalResults: 3, startIndex: 0, itemsPerPage: '10' };
    expect(messagesOf('ListResponse', body)).toEqual([
      'startIndex must be at least 1 (found number 0)',
      'itemsPerPage must be an integer (found string "10")',
      `schemas must contain "${LIST_RESPONSE_SCHEMA}" (found ["urn:example:list"])`,
      'Resources is required when totalResults is not 0 (RFC 7644 §3.4.2)',
    ]);
    expect(messagesOf('ListResponse', { schemas: [LIST_RESPONSE_SCHEMA] })).toEqual([
      'totalResults is required',
    ]);
  });

  it('accepts an RFC 7644 §3.12 Error', () => {
    const body = {
      schemas: [ERROR_SCHEMA],
      detail: 'Resource 2819c223-7f76-453a-919d-413861904646 not found',
      status: '404',
    };
    expect(validateMessage('Error', body)).toEqual([]);
    expect(validateMessage('Error', { ...body, status: '400', scimType: 'invalidFilter' })).toEqual([]);
  });

  it('reports an Error whose status is a number or not three digits', () => {
    expect(messagesOf('Error', { schemas: [ERROR_SCHEMA], status: 404 })).toEqual([
      'status must be a string (found number 404)',
    ]);
    expect(
      messagesOf('Error', { schemas: [ERROR_SCHEMA], status: 'Not Found', scimType: 3, code: 1 }),
    ).toEqual([
      `code is not an attribute of the Error message (${ERROR_SCHEMA})`,
      'status must be the HTTP status code as a string of three digits, e.g. "404" (found string "Not Found")',
      'scimType must be a string (found number 3)',
    ]);
    expect(messagesOf('Error', { status: '500' })).toEqual(['schemas is required']);
  });

  it('reports a body that is not an object', () => {
    expect(messagesOf('Error', 'oops')).toEqual(['the body must be a JSON object (found string "oops")']);
  });
});
