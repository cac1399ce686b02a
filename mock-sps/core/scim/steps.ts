/**
 * The named steps of the mock SP's SCIM service: each is the strict behaviour, and the
 * service and its endpoints call them in one straight reading. A fault replaces a step
 * (docs/decisions/0012-faults-wrap.md); the service never asks which faults are on.
 */
import {
  applyPatch,
  checkResource,
  matchesFilter,
  project,
  type Filter,
  type JsonObject,
  type PatchOperation,
  type ProjectionOptions,
  type ResourceSchema,
  type ValidationIssue,
} from '#harness/scim';
import type { CoreRequest } from '../http.js';
import type { ResourceStore } from '../store.js';
import { authenticate as bearerCheck, type TokenState } from './auth.js';
import { readJsonBody } from './wire.js';
import { refuseSeveralPrimaries, refuseUnknownFilterAttributes, userNameIssues } from './request-rules.js';

/** What the schema check of a request body found: its issues and its copy with canonical keys. */
export interface BodyCheck {
  issues: ValidationIssue[];
  canonical: JsonObject | undefined;
}

/** The steps of the SCIM service, by name. */
export interface ScimSteps {
  /** Checks the request's credentials; throws a 401 (or 403) ScimError. @see RFC 7644 §2 */
  authenticate(authorization: string | undefined): void;
  /** The request's JSON body, within the size limit and media types. @see RFC 7644 §3.1, §8.1 */
  readBody(request: CoreRequest): unknown;
  /** The schema check of a resource a client sent. @see RFC 7643 §2, §4 */
  validate(body: JsonObject, schema: ResourceSchema): BodyCheck;
  /** Refuses a POST or PUT body with several `primary: true` values of one attribute (400 invalidValue). @see RFC 7643 §2.4 */
  onePrimary(resource: JsonObject, schema: ResourceSchema): void;
  /** Refuses a list filter naming an attribute none of the resource types has (400 invalidFilter). @see RFC 7644 §3.4.2.2 */
  knownFilter(filter: Filter, schemas: readonly ResourceSchema[]): void;
  /** Whether a resource, as the SP shows it, matches a list filter. @see RFC 7644 §3.4.2.2 */
  matches(resource: JsonObject, filter: Filter, schema: ResourceSchema): boolean;
  /** Another resource holding a unique value `resource` would take. @see RFC 7644 §3.3 (409 uniqueness) */
  conflict(
    store: ResourceStore,
    resource: JsonObject,
    exceptId: string | undefined,
  ): { attribute: string; value: string; id: string } | undefined;
  /** The PATCH engine: the resource with the operations applied, all or nothing. @see RFC 7644 §3.5.2 */
  patch(resource: JsonObject, operations: readonly PatchOperation[], schema: ResourceSchema): JsonObject;
  /**
   * The SP-local attributes an update keeps: those it sent over the stored ones, or exactly
   * those it sent when it saw them all (a PATCH). @see INT-05
   */
  keepLocal(stored: JsonObject, sent: JsonObject, sawAll: boolean): JsonObject;
  /** The request body the SP's request log keeps, if any. @see INT-01 */
  logBody(request: CoreRequest): string | undefined;
  /** A stored resource as a response shows it: returned characteristics and attributes / excludedAttributes. @see RFC 7643 §2.2, RFC 7644 §3.9 */
  represent(resource: JsonObject, schema: ResourceSchema, projection: ProjectionOptions): JsonObject;
}

/** What the strict steps need from the SP. */
export interface StrictStepsOptions {
  token: TokenState;
  /** The app's own credential check (ScimQuirks.authenticate), instead of the plain bearer token. */
  appAuthenticate: ((authorization: string | undefined) => void) | undefined;
  bodyLimit: number;
  /** Whether request bodies are logged (INT-01). */
  logBodies: boolean;
}

/** The strict steps. */
export function strictSteps(options: StrictStepsOptions): ScimSteps {
  return {
    authenticate: (authorization) =>
      options.appAuthenticate
        ? options.appAuthenticate(authorization)
        : bearerCheck(authorization, options.token),
    readBody: (request) => readJsonBody(request, options.bodyLimit),
    validate: (body, schema) => {
      const checked = checkResource(body, schema, { direction: 'request', unknownAttributes: 'ignore' });
      if (checked.issues.length > 0 || !checked.canonical) return checked;
      return { ...checked, issues: userNameIssues(checked.canonical, schema) };
    },
    onePrimary: (resource, schema) => refuseSeveralPrimaries(resource, schema),
    knownFilter: (filter, schemas) => refuseUnknownFilterAttributes(filter, schemas),
    matches: (resource, filter, schema) => matchesFilter(resource, filter, schema),
    conflict: (store, resource, exceptId) => store.conflict(resource, exceptId),
    patch: (resource, operations, schema) => applyPatch(resource, operations, schema).resource,
    keepLocal: (stored, sent, sawAll) => (sawAll ? sent : { ...stored, ...sent }),
    logBody: (request) => (options.logBodies ? request.body : undefined),
    represent: (resource, schema, projection) => project(resource, schema, projection),
  };
}
