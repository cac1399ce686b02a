/**
 * The validators `npm run build` compiles ahead of time (dist/precompiled/) are in step with the
 * sources and judge every document as the run-time compile of the same schema does, errors and
 * all: a run that takes them (harness/scim/schemas/precompiled.ts) reaches the same verdicts.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  SCIM_AJV_OPTIONS,
  SCIM_FORMATS,
  SCIM_VALIDATORS_FILE,
  schemaKey,
  standardJsonSchemas,
} from '#harness/scim';
import type * as Scim from '#harness/scim';
import { REPORT_FORMATS, REPORT_VALIDATOR_FILE, reportSchema } from '#reports';
import { sampleReport } from '../../reports/test-support.js';

const load = (file: string) =>
  (
    createRequire(import.meta.url)(resolve('dist/precompiled', file)) as (
      formats: object,
    ) => Record<string, ValidateFunction>
  )(SCIM_FORMATS);

const SAMPLES: unknown[] = [
  {},
  [],
  'text',
  null,
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '2819c223',
    userName: 'bjensen@example.com',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
    active: true,
    meta: { resourceType: 'User', created: '2026-12-01T10:00:00Z', lastModified: 'yesterday' },
  },
  {
    schemas: 'not a list',
    userName: 7,
    name: { givenName: ['x'], nickname: 'y' },
    emails: [{ value: 1, primary: 'yes' }],
    unknownThing: true,
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
      employeeNumber: 5,
      manager: { value: 3 },
    },
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: 'g1',
    displayName: 'Sales',
    members: [{ value: 'u1', display: 'A' }, { value: 2 }],
    meta: { resourceType: 'Group', created: 'not a date' },
  },
  {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 'many',
    Resources: [{}],
    itemsPerPage: 1,
    startIndex: 1,
  },
  {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: 400,
    scimType: 'invalidValue',
    extra: 1,
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 'x' },
    filter: { supported: true, maxResults: 200 },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'OAuth', description: 'Bearer', primary: 2 }],
  },
];

/** What a validator says of a document: its verdict and its errors, as reports and checks read them. */
function verdict(validate: ValidateFunction, data: unknown): { valid: boolean; errors: ErrorObject[] } {
  const valid = validate(data);
  return { valid, errors: structuredClone(validate.errors ?? []) };
}

describe('the SCIM validators compiled at build time', () => {
  const precompiled = load(SCIM_VALIDATORS_FILE);
  const ajv = new Ajv2020(SCIM_AJV_OPTIONS);
  for (const [name, format] of Object.entries(SCIM_FORMATS)) ajv.addFormat(name, format);
  const schemas = standardJsonSchemas();

  it('hold a validator for every standard schema the sources generate now', () => {
    expect(schemas.length).toBeGreaterThanOrEqual(16);
    for (const schema of schemas)
      expect(precompiled[schemaKey(schema)], schemaKey(schema)).toBeTypeOf('function');
  });

  it('are what the built modules find, from dist/', async () => {
    const built = (await import(resolve('dist/harness/scim/index.js'))) as typeof Scim;
    for (const schema of schemas)
      expect(built.precompiledValidator(SCIM_VALIDATORS_FILE, schema, SCIM_FORMATS)).toBeTypeOf('function');
    expect(
      built.precompiledValidator(SCIM_VALIDATORS_FILE, { type: 'string', title: 'new' }),
    ).toBeUndefined();
  });

  it('judge every sample as the run-time compile does, errors included', () => {
    let invalid = 0;
    for (const schema of schemas) {
      const atRunTime = ajv.compile(schema);
      const built = precompiled[schemaKey(schema)]!;
      for (const sample of SAMPLES) {
        const expected = verdict(atRunTime, sample);
        if (!expected.valid) invalid++;
        expect(verdict(built, sample)).toEqual(expected);
      }
    }
    // The samples exercise refusals, not only acceptance.
    expect(invalid).toBeGreaterThan(schemas.length * 5);
  });
});

describe('the report validator compiled at build time', () => {
  it('judges a report, and a broken one, as the run-time compile does', () => {
    const built = load(REPORT_VALIDATOR_FILE)[schemaKey(reportSchema)]!;
    expect(built).toBeTypeOf('function');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    formats.default(ajv, [...REPORT_FORMATS]);
    const atRunTime = ajv.compile(reportSchema);
    const report = JSON.parse(JSON.stringify(sampleReport())) as Record<string, unknown>;
    const broken = { ...report, startedAt: 'Tuesday', tool: { name: 1 }, extra: true };
    expect(verdict(built, report)).toEqual({ valid: true, errors: [] });
    expect(verdict(built, broken).valid).toBe(false);
    expect(verdict(built, broken)).toEqual(verdict(atRunTime, broken));
  });
});
