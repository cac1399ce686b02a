/**
 * The mock SP's SCIM service: routing, authentication, content negotiation, the
 * body-size limit, and errors as SCIM Error responses. It never throws: any
 * request, however malformed, gets an answer and changes nothing it should not.
 * @see RFC 7644 §3
 */
import {
  CORE_SCHEMAS,
  PATCH_OP_SCHEMA,
  ScimError,
  errorBody,
  groupSchema,
  isJsonObject,
  parseAttributeList,
  scimErrors,
  userSchema,
  type JsonObject,
} from '#harness';
import type { ScimFault } from '../faults.js';
import { DEFAULT_BODY_LIMIT, type CoreRequest, type CoreResponse } from '../http.js';
import type { ScimProfile, ScimQuirks } from '../profile.js';
import { MembershipIndex, ResourceStore } from '../store.js';
import { authenticate, type TokenState } from './auth.js';
import { contentTypeOf, readJsonBody, scimErrorResponse } from './wire.js';
import { listOf, resourceTypeDocument, schemaDocument, serviceProviderConfig } from './discovery.js';
import { checkSearchRequest, parseListQuery, type ListParams } from './list-query.js';
import { ResourceEndpoint, etagOf, type EndpointContext, type Written } from './resource-endpoint.js';

/** One request as the SP's own log records it (INT-01 request-body logging). */
export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  status: number;
  /** Decoded query parameters. */
  query: Record<string, string>;
  /** Present when request-body logging is on. */
  body?: string;
}

export interface ScimServiceOptions {
  profile: ScimProfile;
  faults: ReadonlySet<ScimFault>;
  baseUrl: string;
  token: TokenState;
  now: () => Date;
  newId: () => string;
  bodyLimit?: number;
  /** Whether request bodies are logged (INT-01). */
  logBodies: boolean;
  /** The app's hooks (ScimProfile.quirks), already built. */
  quirks?: ScimQuirks;
}

/** How many requests the SP's log keeps at least. */
export const REQUEST_LOG_LIMIT = 10_000;

type Handler = (request: CoreRequest, url: URL, id: string | undefined) => CoreResponse;

export class ScimService {
  readonly users: ResourceEndpoint;
  readonly groups: ResourceEndpoint | undefined;
  readonly membership = new MembershipIndex();
  /** The most recent requests: at least the last REQUEST_LOG_LIMIT, at most twice that. */
  readonly log: RequestLogEntry[] = [];
  readonly #options: ScimServiceOptions;
  readonly #bodyLimit: number;
  readonly #contentType: string;
  readonly #discoveryRoutes = new Map<string, Record<string, Handler>>();
  readonly #resourceRoutes = new Map<
    string,
    { collection: Record<string, Handler>; item: Record<string, Handler>; search: Record<string, Handler> }
  >();

  constructor(options: ScimServiceOptions) {
    this.#options = options;
    this.#bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.#contentType = contentTypeOf(options.faults);
    const ctx: EndpointContext = {
      profile: options.profile,
      faults: options.faults,
      now: options.now,
      newId: options.newId,
      baseUrl: options.baseUrl,
    };
    const userStore = new ResourceStore([
      { attribute: 'userName', caseExact: false, unique: true },
      { attribute: 'externalId', caseExact: true, unique: false },
    ]);
    const groupStore = new ResourceStore([
      { attribute: 'displayName', caseExact: false, unique: true },
      { attribute: 'externalId', caseExact: true, unique: false },
    ]);
    // The shared schemas keep their compiled validators across SP instances.
    const quirks = options.quirks ?? {};
    this.users = new ResourceEndpoint(userSchema, userStore, ctx, {
      decorate: (resource, id) => {
        const withGroups = this.#withGroups(resource, id);
        if (!quirks.representUser) return withGroups;
        return quirks.representUser(withGroups, this.users.store.get(id)?.local ?? {});
      },
      ...(quirks.createUser ? { beforeCreate: (next) => quirks.createUser!(next) } : {}),
      ...(quirks.updateUser ? { beforeUpdate: (current, next) => quirks.updateUser!(current, next) } : {}),
      stored: (id, _before, after) => {
        // Fault `deactivation-drops-memberships`: a deactivated user leaves its groups too.
        const dropped = options.faults.has('deactivation-drops-memberships') && this.#inactive(id);
        if (after === undefined || dropped) this.#removeMemberEverywhere(id);
      },
    });
    if (options.profile.groups) {
      this.groups = new ResourceEndpoint(groupSchema, groupStore, ctx, {
        validate: (resource) => this.#checkMembers(resource),
        stored: (id, before, after) => {
          this.membership.setMembers(id, memberIds(before), memberIds(after));
          // A deleted group leaves the groups it was nested in, as a deleted user does.
          if (after === undefined) this.#removeMemberEverywhere(id);
          // Fault `group-delete-deactivates-members`: the deleted group's users are deactivated too.
          if (after === undefined && options.faults.has('group-delete-deactivates-members'))
            for (const member of memberIds(before)) this.#deactivateQuietly(member);
        },
      });
    }
    this.#buildRoutes();
  }

  get #endpoints(): ResourceEndpoint[] {
    return this.groups ? [this.users, this.groups] : [this.users];
  }

  /** Handles one request below the SCIM base path (`rest` starts with `/`). */
  handle(request: CoreRequest, url: URL, rest: string): CoreResponse {
    let response: CoreResponse;
    try {
      response = this.#route(request, url, rest);
    } catch (error) {
      response = scimErrorResponse(error, this.#options.faults);
    }
    this.log.push({
      at: this.#options.now().toISOString(),
      method: request.method,
      path: rest,
      query: Object.fromEntries(url.searchParams),
      status: response.status,
      ...(this.#options.logBodies && request.body && !this.#options.faults.has('no-request-body-log')
        ? { body: request.body }
        : {}),
    });
    // Bounded, so a long load test does not grow memory without end; trimmed in halves to stay O(1) amortised.
    if (this.log.length > 2 * REQUEST_LOG_LIMIT) this.log.splice(0, this.log.length - REQUEST_LOG_LIMIT);
    return response;
  }

  #route(request: CoreRequest, url: URL, rest: string): CoreResponse {
    // A trailing slash names the collection itself (`/Users/` is `/Users`).
    const [, collection = '', id, extra] = (rest.length > 1 ? rest.replace(/\/$/, '') : rest).split('/');
    if (extra !== undefined) throw scimErrors.notFound(`No SCIM endpoint at ${rest}`);
    const key = collection.toLowerCase();
    const discoveryRoutes = this.#discoveryRoutes.get(key);
    if (discoveryRoutes && this.#options.faults.has('no-discovery'))
      throw scimErrors.notFound(`No SCIM endpoint at ${rest}`);
    if (discoveryRoutes) return this.#dispatch(discoveryRoutes, request, url, id);
    if (this.#options.faults.has('accept-any-token')) {
      // The fault skips every credential check.
    } else if (this.#options.quirks?.authenticate) {
      this.#options.quirks.authenticate(request.headers.authorization);
    } else {
      authenticate(request.headers.authorization, this.#options.token);
    }
    const routes = this.#resourceRoutes.get(key);
    if (!routes) {
      const served = this.#endpoints.map((e) => e.schema.resourceType.endpoint).join(', ');
      throw scimErrors.notFound(`No SCIM endpoint at ${rest}; this SP serves ${served}`);
    }
    if (id === '.search') return this.#dispatch(routes.search, request, url, undefined);
    return this.#dispatch(id === undefined ? routes.collection : routes.item, request, url, id);
  }

  /** Route tables, built once: a Map, so `/constructor` or `/__proto__` finds nothing. */
  #buildRoutes(): void {
    this.#discoveryRoutes.set('serviceproviderconfig', {
      GET: () =>
        this.#json(200, serviceProviderConfig(this.#options.profile, this.#options.baseUrl, this.#bodyLimit)),
    });
    this.#discoveryRoutes.set('resourcetypes', { GET: (_r, _u, typeId) => this.#resourceTypes(typeId) });
    this.#discoveryRoutes.set('schemas', { GET: (_r, _u, schemaId) => this.#schemas(schemaId) });
    for (const endpoint of this.#endpoints) {
      this.#resourceRoutes.set(endpoint.schema.resourceType.endpoint.slice(1).toLowerCase(), {
        collection: {
          GET: (_req, u) => this.#json(200, endpoint.list(this.#query(Object.fromEntries(u.searchParams)))),
          POST: (req) => this.#created(endpoint.create(this.#body(req))),
        },
        item: {
          GET: (_req, u, rid) => this.#resource(200, endpoint.require(rid!), endpoint, u),
          PUT: (req, _u, rid) =>
            this.#written(endpoint.replace(rid!, this.#body(req), req.headers['if-match'])),
          PATCH: (req, _u, rid) =>
            this.#written(endpoint.patch(rid!, this.#body(req), req.headers['if-match'])),
          DELETE: (_req, _u, rid) => {
            endpoint.delete(rid!);
            if (this.#options.faults.has('delete-returns-200')) return this.#json(200, { deleted: rid });
            return { status: 204, headers: {} };
          },
        },
        search: { POST: (req) => this.#search(endpoint, req) },
      });
    }
  }

  #dispatch(
    routes: Record<string, Handler>,
    request: CoreRequest,
    url: URL,
    id: string | undefined,
  ): CoreResponse {
    const handler = routes[request.method.toUpperCase()];
    if (!handler) {
      const allow = Object.keys(routes).join(', ');
      return this.#json(
        405,
        errorBody(405, undefined, `${request.method} is not allowed here; allowed: ${allow}`),
        { allow },
      );
    }
    return handler(request, url, id === undefined ? undefined : decodeId(id));
  }

  #query(params: ListParams): ReturnType<typeof parseListQuery> {
    if (this.#options.faults.has('ignore-filter')) params = { ...params, filter: undefined };
    try {
      return parseListQuery(
        params,
        this.#options.profile.features.filterMaxResults,
        this.#options.faults.has('zero-based-start-index'),
      );
    } catch (error) {
      if (
        error instanceof ScimError &&
        error.scimType === 'invalidFilter' &&
        this.#options.faults.has('invalid-filter-returns-all')
      ) {
        return parseListQuery(
          { ...params, filter: undefined },
          this.#options.profile.features.filterMaxResults,
          false,
        );
      }
      throw error;
    }
  }

  #search(endpoint: ResourceEndpoint, request: CoreRequest): CoreResponse {
    const body = this.#body(request);
    if (!isJsonObject(body)) throw scimErrors.invalidSyntax('A SearchRequest body must be a JSON object');
    checkSearchRequest(body);
    return this.#json(200, endpoint.list(this.#query(body as ListParams)));
  }

  #body(request: CoreRequest): unknown {
    return readJsonBody(request, this.#bodyLimit, this.#options.faults);
  }

  #resource(status: number, entry: Written['entry'], endpoint: ResourceEndpoint, url: URL): CoreResponse {
    const body = endpoint.represent(entry, {
      attributes: parseAttributeList(url.searchParams.get('attributes')),
      excludedAttributes: parseAttributeList(url.searchParams.get('excludedAttributes')),
    });
    const answer = this.#options.faults.has('get-returns-list') ? listOf([body]) : body;
    return this.#json(status, answer, { etag: etagOf(entry.version) });
  }

  #created(written: Written): CoreResponse {
    const status = this.#options.faults.has('create-returns-200') ? 200 : 201;
    const headers: Record<string, string> = { etag: etagOf(written.entry.version) };
    if (!this.#options.faults.has('missing-location')) headers.location = written.location;
    return this.#json(status, written.representation, headers);
  }

  #written(written: Written): CoreResponse {
    return this.#json(200, written.representation, { etag: etagOf(written.entry.version) });
  }

  #resourceTypes(id: string | undefined): CoreResponse {
    const docs = this.#endpoints.map((endpoint) =>
      resourceTypeDocument(endpoint.schema, this.#options.baseUrl),
    );
    if (id === undefined) return this.#json(200, listOf(docs));
    const doc = docs.find((candidate) => candidate.id === id);
    if (!doc) throw scimErrors.notFound(`ResourceType '${id}' not found`);
    return this.#json(200, doc);
  }

  #schemas(id: string | undefined): CoreResponse {
    const used = new Set(this.#endpoints.flatMap((endpoint) => endpoint.schema.schemaUrns));
    const docs = CORE_SCHEMAS.filter((schema) => used.has(schema.id)).map((schema) =>
      schemaDocument(schema, this.#options.baseUrl),
    );
    if (id === undefined) return this.#json(200, listOf(docs));
    const doc = docs.find((candidate) => candidate.id === id);
    if (!doc) throw scimErrors.notFound(`Schema '${id}' not found`);
    return this.#json(200, doc);
  }

  #json(status: number, body: unknown, headers: Record<string, string> = {}): CoreResponse {
    return { status, headers: { 'content-type': this.#contentType, ...headers }, body: JSON.stringify(body) };
  }

  #withGroups(resource: JsonObject, id: string): JsonObject {
    const groupIds = this.membership.groupsOf(id);
    if (groupIds.size === 0 || !this.groups) return resource;
    const groups = [...groupIds].map((groupId) => {
      const group = this.groups!.store.get(groupId);
      return {
        value: groupId,
        $ref: this.groups!.location(groupId),
        display: group?.resource.displayName,
        type: 'direct',
      };
    });
    return { ...resource, groups };
  }

  #checkMembers(resource: JsonObject): void {
    for (const member of memberIds(resource)) {
      if (!this.users.store.get(member) && !this.groups?.store.get(member)) {
        throw scimErrors.invalidValue(`members: '${member}' is neither a User nor a Group of this SP`);
      }
    }
  }

  /** Sets active=false on a user, if it exists and the app lets it (the `group-delete-deactivates-members` fault). */
  #deactivateQuietly(id: string): void {
    if (!this.users.store.get(id)) return;
    try {
      this.users.patch(
        id,
        { schemas: [PATCH_OP_SCHEMA], Operations: [{ op: 'replace', path: 'active', value: false }] },
        undefined,
      );
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
    }
  }

  /** Whether the stored user shows active=false (as its representation says, app hooks included). */
  #inactive(id: string): boolean {
    const entry = this.users.store.get(id);
    return entry !== undefined && this.users.view(entry).active === false;
  }

  #removeMemberEverywhere(memberId: string): void {
    if (!this.groups) return;
    for (const groupId of [...this.membership.groupsOf(memberId)]) {
      const group = this.groups.store.get(groupId);
      if (!group) continue;
      const members = (group.resource.members as JsonObject[] | undefined) ?? [];
      const next = { ...group.resource, members: members.filter((m) => m.value !== memberId) };
      this.groups.store.put({ ...group, resource: next, version: group.version + 1 });
      this.membership.setMembers(groupId, memberIds(group.resource), memberIds(next));
    }
  }
}

/** A percent-decoded path segment; one that does not decode names no resource. */
function decodeId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    throw scimErrors.notFound(`No resource at '${id}': the path segment is not valid percent-encoding`);
  }
}

function memberIds(resource: JsonObject | undefined): string[] {
  const members = resource?.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((member) =>
    isJsonObject(member) && typeof member.value === 'string' ? [member.value] : [],
  );
}
