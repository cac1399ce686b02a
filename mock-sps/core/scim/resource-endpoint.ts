/**
 * One resource type's endpoint (/Users or /Groups): create, read, list, replace,
 * patch and delete over the store, with uniqueness and versioning, through the
 * service's named steps.
 * @see RFC 7644 §3.3–§3.6, §3.14
 */
import {
  findKey,
  isJsonObject,
  listResponse,
  parsePatchRequest,
  parseAttrPath,
  scimErrors,
  type JsonObject,
  type ResourceSchema,
} from '#harness/scim';
import type { ScimProfile } from '../profile.js';
import type { ResourceStore, StoredResource } from '../store.js';
import { indexedCandidates, type ListQuery } from './list-query.js';
import { ingest, schemasOf } from './representation.js';
import { sortByKey, sortKey } from './sort.js';
import type { ScimSteps } from './steps.js';

export interface EndpointContext {
  profile: ScimProfile;
  steps: ScimSteps;
  now: () => Date;
  newId: () => string;
  /** Absolute SCIM base URL, for meta.location and Location. */
  baseUrl: string;
}

export interface EndpointHooks {
  /** Checks a resource about to be stored beyond its schema (e.g. that group members exist). */
  validate?(resource: JsonObject, id: string): void;
  /** Adds computed attributes to the representation (e.g. a User's groups). */
  decorate?(resource: JsonObject, id: string): JsonObject;
  /** An app's check or change of a resource about to be created (ScimQuirks.createUser). */
  beforeCreate?(next: { resource: JsonObject; local: JsonObject }): void;
  /** An app's check or change of a resource about to be updated (ScimQuirks.updateUser). */
  beforeUpdate?(current: StoredResource, next: { resource: JsonObject; local: JsonObject }): void;
  /** Runs after a resource is stored or deleted (e.g. to update the membership index). */
  stored?(id: string, before: JsonObject | undefined, after: JsonObject | undefined): void;
}

export interface Written {
  entry: StoredResource;
  representation: JsonObject;
  /** The resource's URI, for the Location header. */
  location: string;
}

export const etagOf = (version: number): string => `W/"${version}"`;

export class ResourceEndpoint {
  constructor(
    readonly schema: ResourceSchema,
    readonly store: ResourceStore,
    private readonly ctx: EndpointContext,
    private readonly hooks: EndpointHooks = {},
  ) {}

  get name(): string {
    return this.schema.resourceType.name;
  }

  location(id: string): string {
    return `${this.ctx.baseUrl}${this.schema.resourceType.endpoint}/${id}`;
  }

  /** The stored resource or a 404 SCIM error. */
  require(id: string): StoredResource {
    const entry = this.store.get(id);
    if (!entry) throw scimErrors.notFound(`${this.name} '${id}' not found`);
    return entry;
  }

  /** The full representation of a stored resource, with computed attributes. */
  view(entry: StoredResource): JsonObject {
    return this.hooks.decorate ? this.hooks.decorate(entry.resource, entry.id) : entry.resource;
  }

  /** The representation a response carries, after `attributes` / `excludedAttributes`. */
  represent(
    entry: StoredResource,
    options: { attributes?: string[] | undefined; excludedAttributes?: string[] | undefined },
  ): JsonObject {
    const projection = {
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.excludedAttributes ? { excludedAttributes: options.excludedAttributes } : {}),
    };
    return this.ctx.steps.represent(this.view(entry), this.schema, projection);
  }

  #written(entry: StoredResource): Written {
    return { entry, representation: this.represent(entry, {}), location: this.location(entry.id) };
  }

  create(body: unknown): Written {
    const { resource, local } = this.#accept(body);
    this.ctx.steps.onePrimary(resource, this.schema);
    this.hooks.beforeCreate?.({ resource, local });
    if (Array.isArray(resource.schemas)) resource.schemas = sharedUrns(resource.schemas, this.schema);
    const id = this.ctx.newId();
    const at = this.ctx.now().toISOString();
    resource.id = id;
    resource.meta = {
      resourceType: this.name,
      created: at,
      lastModified: at,
      location: this.location(id),
      version: etagOf(1),
    };
    this.#checkUnique(resource, undefined);
    this.hooks.validate?.(resource, id);
    const entry: StoredResource = { id, resource, version: 1, local };
    this.store.put(entry);
    this.hooks.stored?.(id, undefined, resource);
    return this.#written(entry);
  }

  replace(id: string, body: unknown, ifMatch: string | undefined): Written {
    const current = this.require(id);
    this.#checkVersion(current, ifMatch);
    const { resource, local } = this.#accept(body);
    this.ctx.steps.onePrimary(resource, this.schema);
    return this.#write(current, resource, local);
  }

  patch(id: string, body: unknown, ifMatch: string | undefined): Written {
    const current = this.require(id);
    this.#checkVersion(current, ifMatch);
    const operations = parsePatchRequest(body);
    const resource = this.ctx.steps.patch(this.#editable(current), operations, this.schema);
    const { resource: next, local } = this.#accept({
      ...resource,
      schemas: resource.schemas ?? schemasOf(resource, this.schema),
    });
    return this.#write(current, next, local, true);
  }

  delete(id: string): void {
    const entry = this.require(id);
    this.store.delete(id);
    this.hooks.stored?.(id, entry.resource, undefined);
  }

  /** Resources matching the query's filter, in the query's order, each with the key it sorts by. */
  matched(
    query: ListQuery,
  ): { entry: StoredResource; key: string | undefined; endpoint: ResourceEndpoint }[] {
    const matched: StoredResource[] = [];
    const candidates = query.filter ? indexedCandidates(query.filter, this.store, this.schema) : undefined;
    const pool = candidates ? candidates.map((id) => this.store.get(id)!) : this.store.values();
    for (const entry of pool) {
      if (!query.filter || this.ctx.steps.matches(this.view(entry), query.filter, this.schema))
        matched.push(entry);
    }
    const path = query.sortBy === undefined ? undefined : parseAttrPath(query.sortBy);
    const keyed = matched.map((entry) => ({
      entry,
      key: path && sortKey(this.view(entry), path, this.schema),
      endpoint: this as ResourceEndpoint,
    }));
    return path ? sortByKey(keyed, query.sortOrder) : keyed;
  }

  /** Resources matching the query, sorted and paged, as a ListResponse body. */
  list(query: ListQuery): JsonObject {
    // Neither filter nor sortBy: every resource in the store's order, so the page is read from
    // the store's order directly; building (and dropping) the whole list per page made an import quadratic.
    if (query.filter === undefined && query.sortBy === undefined) {
      const page = this.store.page(query.startIndex - 1, query.count);
      return listPage(
        page.map((entry) => ({ entry, endpoint: this as ResourceEndpoint })),
        this.store.size,
        query,
      );
    }
    return pagedList(this.matched(query), query);
  }

  /** Validates a request body and splits it per the profile. */
  #accept(body: unknown): { resource: JsonObject; local: JsonObject } {
    if (!isJsonObject(body))
      throw scimErrors.invalidSyntax(`The request body must be a JSON object holding a ${this.name}`);
    const schemas = body[findKey(body, 'schemas') ?? 'schemas'];
    if (
      !Array.isArray(schemas) ||
      !schemas.some(
        (urn) => typeof urn === 'string' && urn.toLowerCase() === this.schema.coreSchema.toLowerCase(),
      )
    ) {
      throw scimErrors.invalidValue(`'schemas' must list '${this.schema.coreSchema}' (RFC 7643 §3)`);
    }
    const checked = this.ctx.steps.validate(body, this.schema);
    const issues = checked.issues;
    if (issues.length > 0) {
      throw scimErrors.invalidValue(
        `Invalid ${this.name}: ${issues.map((issue) => issue.message).join('; ')}`,
      );
    }
    return ingest(checked.canonical!, this.schema, this.ctx.profile);
  }

  /** The resource as a PATCH sees it: the stored attributes plus the SP-local ones. */
  #editable(entry: StoredResource): JsonObject {
    return structuredClone({ ...entry.resource, ...entry.local });
  }

  /**
   * Stores an update. `localComplete` is set for PATCH, which saw (and may have
   * removed) every local attribute; a PUT only names the ones it sends.
   */
  #write(current: StoredResource, resource: JsonObject, local: JsonObject, localComplete = false): Written {
    this.hooks.beforeUpdate?.(current, { resource, local });
    resource.id = current.id;
    const version = current.version + 1;
    const previousMeta = current.resource.meta as JsonObject;
    // A change always moves lastModified, even within the clock's millisecond, so what reads it
    // (a client's sync, a check of meta) never depends on how fast the requests came.
    const previous = Date.parse(String(previousMeta.lastModified));
    const now = this.ctx.now().getTime();
    const lastModified = new Date(Number.isFinite(previous) && now <= previous ? previous + 1 : now);
    resource.meta = { ...previousMeta, lastModified: lastModified.toISOString(), version: etagOf(version) };
    resource.schemas = schemasOf(resource, this.schema);
    this.#checkUnique(resource, current.id);
    this.hooks.validate?.(resource, current.id);
    // INT-05: local attributes survive an update that does not name them.
    const keptLocal = this.ctx.steps.keepLocal(current.local, local, localComplete);
    const entry: StoredResource = { id: current.id, resource, version, local: keptLocal };
    this.store.put(entry);
    this.hooks.stored?.(current.id, current.resource, resource);
    return this.#written(entry);
  }

  #checkVersion(entry: StoredResource, ifMatch: string | undefined): void {
    if (ifMatch === undefined || !this.ctx.profile.features.etag) return;
    const tags = ifMatch.split(',').map((tag) => tag.trim());
    if (tags.includes('*') || tags.includes(etagOf(entry.version))) return;
    throw scimErrors.preconditionFailed(
      `If-Match ${ifMatch} does not match the current version ${etagOf(entry.version)} of ${this.name} '${entry.id}'; GET it again and retry`,
    );
  }

  #checkUnique(resource: JsonObject, exceptId: string | undefined): void {
    const conflict = this.ctx.steps.conflict(this.store, resource, exceptId);
    if (conflict) {
      throw scimErrors.uniqueness(
        `${conflict.attribute} '${conflict.value}' is already taken by ${this.name} '${conflict.id}'`,
      );
    }
  }
}

/**
 * `schemas` with each URN the resource type knows replaced by the schema's own string: the same
 * values, held once for every stored resource instead of once per resource parsed from a body.
 */
function sharedUrns(schemas: readonly unknown[], schema: ResourceSchema): unknown[] {
  return schemas.map((urn) => schema.schemaUrns.find((known) => known === urn) ?? urn);
}

/** A page of keyed matches (of one resource type or several) as a ListResponse body. @see RFC 7644 §3.4.2.4 */
export function pagedList(
  matched: readonly { entry: StoredResource; endpoint: ResourceEndpoint }[],
  query: ListQuery,
): JsonObject {
  const page = matched.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
  return listPage(page, matched.length, query);
}

/** One page already cut from `totalResults` matches, represented as the query projects it. */
function listPage(
  page: readonly { entry: StoredResource; endpoint: ResourceEndpoint }[],
  totalResults: number,
  query: ListQuery,
): JsonObject {
  const projection = { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
  return listResponse(
    page.map(({ entry, endpoint }) => endpoint.represent(entry, projection)),
    { totalResults, startIndex: query.startIndex },
  );
}
