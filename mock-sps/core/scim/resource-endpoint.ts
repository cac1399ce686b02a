/**
 * One resource type's endpoint (/Users or /Groups): create, read, list, replace,
 * patch and delete over the store, with uniqueness, versioning and the fault
 * switches applied in one place each.
 * @see RFC 7644 §3.3–§3.6, §3.14
 */
import {
  ScimError,
  applyPatch,
  findKey,
  isJsonObject,
  listResponse,
  matchesFilter,
  parsePatchRequest,
  project,
  readPath,
  parseAttrPath,
  scimErrors,
  checkResource,
  type Filter,
  type JsonObject,
  type PatchOperation,
  type ResourceSchema,
} from '#harness';
import type { ScimFault } from '../faults.js';
import type { ScimProfile } from '../profile.js';
import type { ResourceStore, StoredResource } from '../store.js';
import { indexedCandidates, type ListQuery } from './list-query.js';
import { ingest, schemasOf } from './representation.js';

export interface EndpointContext {
  profile: ScimProfile;
  faults: ReadonlySet<ScimFault>;
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

  /** Whether this is /Groups (some fault switches break group requests only). */
  get #isGroup(): boolean {
    return this.name === 'Group';
  }

  location(id: string): string {
    return `${this.ctx.baseUrl}${this.schema.resourceType.endpoint}/${id}`;
  }

  /** The stored resource or a 404 SCIM error. */
  require(id: string): StoredResource {
    const entry = this.store.get(id);
    if (!entry) throw scimErrors.notFound(`${this.name} '${id}' not found`);
    if (this.ctx.faults.has('deactivated-user-404') && entry.resource.active === false) {
      throw scimErrors.notFound(`${this.name} '${id}' not found`);
    }
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
    const faults = this.ctx.faults;
    const projection = {
      ...(options.attributes && !faults.has('ignore-attributes-param')
        ? { attributes: options.attributes }
        : {}),
      ...(options.excludedAttributes && !faults.has('ignore-excluded-attributes')
        ? { excludedAttributes: options.excludedAttributes }
        : {}),
    };
    const out = project(this.view(entry), this.schema, projection);
    if (faults.has('missing-meta')) delete out.meta;
    return out;
  }

  #written(entry: StoredResource): Written {
    return { entry, representation: this.represent(entry, {}), location: this.location(entry.id) };
  }

  create(body: unknown): Written {
    const { resource, local } = this.#accept(body);
    this.hooks.beforeCreate?.({ resource, local });
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
    if (this.ctx.faults.has('put-not-applied')) return this.#written(current);
    if (this.#isGroup && this.ctx.faults.has('rename-not-applied'))
      resource.displayName = current.resource.displayName;
    return this.#write(current, resource, local);
  }

  patch(id: string, body: unknown, ifMatch: string | undefined): Written {
    const current = this.require(id);
    this.#checkVersion(current, ifMatch);
    let operations = parsePatchRequest(body);
    if (this.ctx.faults.has('case-sensitive-patch-op')) {
      const bad = operations.findIndex((_, i) => !isLowerCaseOp(body, i));
      if (bad >= 0) throw scimErrors.invalidSyntax(`Unknown op in operation ${bad + 1}`);
    }
    if (this.ctx.faults.has('pathless-patch-ignored'))
      operations = operations.filter((op) => op.path !== undefined);
    if (this.ctx.faults.has('sub-attribute-replace-clears-parent'))
      operations = operations.flatMap(clearParentOnReplace);
    if (this.ctx.faults.has('ignore-member-remove-filter')) {
      operations = operations.filter((op) => !(op.op === 'remove' && /^members\[/i.test(op.path ?? '')));
    }
    if (this.ctx.faults.has('member-value-remove-ignored')) {
      operations = operations.filter(
        (op) => !(op.op === 'remove' && op.path?.toLowerCase() === 'members' && op.value !== undefined),
      );
    }
    if (this.#isGroup && this.ctx.faults.has('rename-not-applied')) operations = operations.flatMap(keepName);
    const base = this.#editable(current);
    if (this.ctx.faults.has('non-atomic-patch')) return this.#patchStepwise(current, base, operations);
    const { resource } = applyPatch(base, operations, this.schema);
    if (this.ctx.faults.has('member-add-duplicates')) duplicateMemberAdds(resource, operations);
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

  /** Resources matching the query, sorted and paged, as a ListResponse body. */
  list(query: ListQuery): JsonObject {
    let matched: StoredResource[] = [];
    if (this.#isGroup && this.ctx.faults.has('display-name-filter-ignored'))
      query = { ...query, filter: undefined };
    if (query.filter && this.ctx.faults.has('value-path-matches-all')) {
      query = { ...query, filter: valuePathsAlwaysTrue(query.filter) };
    }
    const candidates = query.filter ? indexedCandidates(query.filter, this.store, this.schema) : undefined;
    const pool = candidates ? candidates.map((id) => this.store.get(id)!) : this.store.values();
    for (const entry of pool) {
      if (this.ctx.faults.has('deactivated-user-404') && entry.resource.active === false) continue;
      if (!query.filter || matchesFilter(this.view(entry), query.filter, this.schema)) matched.push(entry);
    }
    const filter = query.filter;
    if (
      this.ctx.faults.has('case-sensitive-username-filter') &&
      filter?.op === 'eq' &&
      filter.path.attr.toLowerCase() === 'username'
    ) {
      matched = matched.filter((entry) => entry.resource.userName === filter.value);
    }
    if (query.sortBy && !this.ctx.faults.has('ignore-sort'))
      this.#sort(matched, query.sortBy, query.sortOrder);
    const page = matched.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
    const projection = { attributes: query.attributes, excludedAttributes: query.excludedAttributes };
    return listResponse(
      page.map((entry) => this.represent(entry, projection)),
      {
        // Fault `wrong-total-results`: the page's size passes for the total, so a client stops after it.
        totalResults: this.ctx.faults.has('wrong-total-results') ? page.length : matched.length,
        startIndex: query.startIndex,
      },
    );
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
    const checked = checkResource(body, this.schema, { direction: 'request', unknownAttributes: 'ignore' });
    let issues = checked.issues;
    if (this.ctx.faults.has('no-required-check'))
      issues = issues.filter((issue) => !/required/i.test(issue.message));
    if (issues.length > 0) {
      throw scimErrors.invalidValue(
        `Invalid ${this.name}: ${issues.map((issue) => issue.message).join('; ')}`,
      );
    }
    return ingest(checked.canonical!, this.schema, this.ctx.profile, {
      renameStoredAs: !this.ctx.faults.has('drop-formatted-address'),
    });
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
    resource.meta = { ...previousMeta, lastModified: this.ctx.now().toISOString(), version: etagOf(version) };
    resource.schemas = schemasOf(resource, this.schema);
    this.#checkUnique(resource, current.id);
    this.hooks.validate?.(resource, current.id);
    // INT-05: local attributes survive an update that does not name them.
    const merged = localComplete ? local : { ...current.local, ...local };
    const keptLocal = this.ctx.faults.has('reset-unmanaged-attributes') ? {} : merged;
    const entry: StoredResource = { id: current.id, resource, version, local: keptLocal };
    this.store.put(entry);
    this.hooks.stored?.(current.id, current.resource, resource);
    return this.#written(entry);
  }

  #patchStepwise(current: StoredResource, base: JsonObject, operations: PatchOperation[]): Written {
    let state = current;
    let working = base;
    for (const operation of operations) {
      try {
        working = applyPatch(working, [operation], this.schema).resource;
      } catch (error) {
        if (error instanceof ScimError) {
          const { resource, local } = this.#accept({ ...working, schemas: schemasOf(working, this.schema) });
          this.#write(state, resource, local, true);
        }
        throw error;
      }
    }
    const { resource, local } = this.#accept({ ...working, schemas: schemasOf(working, this.schema) });
    state = this.store.get(current.id) ?? current;
    return this.#write(state, resource, local, true);
  }

  #checkVersion(entry: StoredResource, ifMatch: string | undefined): void {
    if (ifMatch === undefined || !this.ctx.profile.features.etag || this.ctx.faults.has('ignore-if-match'))
      return;
    const tags = ifMatch.split(',').map((tag) => tag.trim());
    if (tags.includes('*') || tags.includes(etagOf(entry.version))) return;
    throw scimErrors.preconditionFailed(
      `If-Match ${ifMatch} does not match the current version ${etagOf(entry.version)} of ${this.name} '${entry.id}'; GET it again and retry`,
    );
  }

  #checkUnique(resource: JsonObject, exceptId: string | undefined): void {
    if (this.ctx.faults.has('no-uniqueness-check')) return;
    const conflict = this.store.conflict(resource, exceptId);
    if (conflict) {
      throw scimErrors.uniqueness(
        `${conflict.attribute} '${conflict.value}' is already taken by ${this.name} '${conflict.id}'`,
      );
    }
  }

  #sort(entries: StoredResource[], sortBy: string, order: 'ascending' | 'descending'): void {
    const path = parseAttrPath(sortBy);
    const caseExact = this.schema.resolve(path)?.caseExact ?? false;
    const key = (entry: StoredResource): string | undefined => {
      const value = readPath(this.view(entry), path, this.schema.coreSchema);
      const first = Array.isArray(value) ? value[0] : value;
      if (first === undefined || first === null) return undefined;
      const text = typeof first === 'string' ? first : JSON.stringify(first);
      return caseExact ? text : text.toLowerCase();
    };
    const keyed = entries.map((entry) => ({ entry, key: key(entry) }));
    // RFC 7644 §3.4.2.3: resources without the attribute sort last in either order.
    keyed.sort((a, b) => {
      if (a.key === b.key) return 0;
      if (a.key === undefined) return 1;
      if (b.key === undefined) return -1;
      const cmp = a.key < b.key ? -1 : 1;
      return order === 'ascending' ? cmp : -cmp;
    });
    entries.splice(0, entries.length, ...keyed.map((item) => item.entry));
  }
}

/** Fault `sub-attribute-replace-clears-parent`: `replace name.givenName` rewrites the whole of `name`. */
function clearParentOnReplace(op: PatchOperation): PatchOperation[] {
  const match =
    op.op === 'replace' && op.path !== undefined ? /^([A-Za-z]\w*)\.([A-Za-z]\w*)$/.exec(op.path) : null;
  if (!match) return [op];
  return [
    { op: 'remove', path: match[1]! },
    { op: 'add', path: match[1]!, value: { [match[2]!]: op.value } },
  ];
}

/** Fault `rename-not-applied`: a group's displayName is left out of every replace and add. */
function keepName(op: PatchOperation): PatchOperation[] {
  if (op.path?.toLowerCase() === 'displayname') return [];
  if (op.path === undefined && isJsonObject(op.value)) {
    const key = findKey(op.value, 'displayName');
    if (key === undefined) return [op];
    const { [key]: _name, ...rest } = op.value;
    return [{ ...op, value: rest }];
  }
  return [op];
}

/** Fault `value-path-matches-all`: every `attr[…]` filter becomes `attr pr`. */
function valuePathsAlwaysTrue(filter: Filter): Filter {
  switch (filter.op) {
    case 'valuePath':
      return { op: 'pr', path: filter.path };
    case 'and':
    case 'or':
      return {
        op: filter.op,
        left: valuePathsAlwaysTrue(filter.left),
        right: valuePathsAlwaysTrue(filter.right),
      };
    case 'not':
      return { op: 'not', filter: valuePathsAlwaysTrue(filter.filter) };
    default:
      return filter;
  }
}

function isLowerCaseOp(body: unknown, index: number): boolean {
  const operations = isJsonObject(body) ? body.Operations : undefined;
  const op = Array.isArray(operations) ? (operations[index] as { op?: unknown } | undefined)?.op : undefined;
  return typeof op === 'string' && op === op.toLowerCase();
}

/** Fault `member-add-duplicates`: appends added members again, as a non-idempotent SP does. */
function duplicateMemberAdds(resource: JsonObject, operations: readonly PatchOperation[]): void {
  const key = findKey(resource, 'members');
  if (key === undefined || !Array.isArray(resource[key])) return;
  const members = resource[key] as unknown[];
  for (const op of operations) {
    if (op.op === 'add' && op.path?.toLowerCase() === 'members' && Array.isArray(op.value))
      members.push(...op.value);
  }
}
