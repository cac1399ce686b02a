import { describe, expect, it } from 'vitest';
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import { ENTERPRISE_USER_SCHEMA_DEFINITION } from './enterprise-user.js';
import { GROUP_SCHEMA_DEFINITION } from './group.js';
import { CORE_SCHEMAS, userSchema, groupSchema } from './registry.js';
import { RESOURCE_TYPE_SCHEMA_DEFINITION } from './resource-type.js';
import { SCHEMA_SCHEMA_DEFINITION } from './schema-schema.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION } from './service-provider-config.js';
import type { AttributeDefinition } from './types.js';
import { USER_SCHEMA_DEFINITION } from './user.js';

const TYPES = ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary', 'complex'];
const MUTABILITY = ['readOnly', 'readWrite', 'immutable', 'writeOnly'];
const RETURNED = ['always', 'never', 'default', 'request'];
const UNIQUENESS = ['none', 'server', 'global'];

const ALL = {
  common: COMMON_ATTRIBUTES,
  User: USER_SCHEMA_DEFINITION.attributes,
  Group: GROUP_SCHEMA_DEFINITION.attributes,
  EnterpriseUser: ENTERPRISE_USER_SCHEMA_DEFINITION.attributes,
  ServiceProviderConfig: SERVICE_PROVIDER_CONFIG_SCHEMA_DEFINITION.attributes,
  ResourceType: RESOURCE_TYPE_SCHEMA_DEFINITION.attributes,
  Schema: SCHEMA_SCHEMA_DEFINITION.attributes,
};

/** Every attribute with its dotted path, sub-attributes included. */
function walk(attributes: readonly AttributeDefinition[], prefix = ''): [string, AttributeDefinition][] {
  return attributes.flatMap((attribute): [string, AttributeDefinition][] => [
    [prefix + attribute.name, attribute],
    ...walk(attribute.subAttributes ?? [], `${prefix}${attribute.name}.`),
  ]);
}

const everyAttribute = Object.entries(ALL).flatMap(([schema, attributes]) =>
  walk(attributes).map(([path, attribute]) => [`${schema}:${path}`, attribute] as const),
);

const byPath = (schema: keyof typeof ALL, path: string): AttributeDefinition | undefined =>
  walk(ALL[schema]).find(([p]) => p === path)?.[1];

describe('schema data', () => {
  it.each(everyAttribute)('gives %s every characteristic of RFC 7643 §7', (_path, attribute) => {
    expect(attribute.name).toMatch(/^(\$ref|[A-Za-z][\w-]*)$/);
    expect(TYPES).toContain(attribute.type);
    expect(typeof attribute.multiValued).toBe('boolean');
    expect(typeof attribute.required).toBe('boolean');
    expect(typeof attribute.caseExact).toBe('boolean');
    expect(MUTABILITY).toContain(attribute.mutability);
    expect(RETURNED).toContain(attribute.returned);
    expect(UNIQUENESS).toContain(attribute.uniqueness);
    expect(attribute.description?.length).toBeGreaterThan(0);
    if (attribute.type === 'complex') expect(attribute.subAttributes?.length).toBeGreaterThan(0);
    else expect(attribute.subAttributes).toBeUndefined();
    if (attribute.type === 'reference') expect(attribute.referenceTypes?.length).toBeGreaterThan(0);
    else expect(attribute.referenceTypes).toBeUndefined();
  });

  it('nests no complex attribute inside another (RFC 7643 §2.3.8), except in the Schema schema', () => {
    const nested = everyAttribute.filter(
      ([path, attribute]) =>
        attribute.type === 'complex' && path.includes('.') && !path.startsWith('Schema:'),
    );
    expect(nested).toEqual([]);
  });

  it('names each attribute once per level, ignoring case', () => {
    const levels = [...Object.values(ALL), ...everyAttribute.map(([, a]) => a.subAttributes ?? [])];
    for (const level of levels) {
      const names = level.map((attribute) => attribute.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('matches the characteristics RFC 7643 gives the attributes others rely on', () => {
    expect(byPath('common', 'id')).toMatchObject({
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    });
    expect(byPath('common', 'externalId')).toMatchObject({ caseExact: true, mutability: 'readWrite' });
    expect(
      walk(COMMON_ATTRIBUTES)
        .filter(([p]) => p.startsWith('meta'))
        .map(([, a]) => a.mutability),
    ).toEqual(Array(6).fill('readOnly'));
    expect(byPath('User', 'userName')).toMatchObject({
      required: true,
      caseExact: false,
      uniqueness: 'server',
    });
    expect(byPath('User', 'password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(byPath('User', 'groups')).toMatchObject({ multiValued: true, mutability: 'readOnly' });
    expect(byPath('User', 'groups.$ref')).toMatchObject({
      referenceTypes: ['User', 'Group'],
      mutability: 'readOnly',
    });
    expect(byPath('User', 'emails.type')?.canonicalValues).toEqual(['work', 'home', 'other']);
    expect(byPath('User', 'x509Certificates.value')?.type).toBe('binary');
    expect(byPath('User', 'active')?.type).toBe('boolean');
    expect(byPath('Group', 'displayName')?.required).toBe(true);
    expect(byPath('Group', 'members.value')?.mutability).toBe('immutable');
    expect(byPath('Group', 'members.type')?.canonicalValues).toEqual(['User', 'Group']);
    expect(byPath('EnterpriseUser', 'manager.$ref')?.referenceTypes).toEqual(['User']);
    expect(byPath('EnterpriseUser', 'manager.displayName')?.mutability).toBe('readOnly');
  });

  it('lists every multi-valued attribute of the User schema', () => {
    const multiValued = USER_SCHEMA_DEFINITION.attributes.filter((a) => a.multiValued).map((a) => a.name);
    expect(multiValued).toEqual([
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
  });

  it('binds the ready-made resource schemas to the core schemas', () => {
    expect(CORE_SCHEMAS.map((schema) => schema.id)).toEqual([
      USER_SCHEMA_DEFINITION.id,
      GROUP_SCHEMA_DEFINITION.id,
      ENTERPRISE_USER_SCHEMA_DEFINITION.id,
    ]);
    expect(userSchema.core).toBe(USER_SCHEMA_DEFINITION);
    expect(userSchema.extensions).toEqual([ENTERPRISE_USER_SCHEMA_DEFINITION]);
    expect(groupSchema.resourceType.endpoint).toBe('/Groups');
    expect(userSchema.resourceType.schemaExtensions).toEqual([
      { schema: ENTERPRISE_USER_SCHEMA_DEFINITION.id, required: false },
    ]);
  });
});
