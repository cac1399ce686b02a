/**
 * The mock SP's SCIM service: routing, authentication, content negotiation, the
 * body-size limit, and errors as SCIM Error responses. It never throws: any
 * request, however malformed, gets an answer and changes nothing it should not.
 * @see RFC 7644 §3
 */
import {
  CORE_SCHEMAS,
  SCIM_CONTENT_TYPE,
  errorBody,
  groupSchema,
  isJsonObject,
  parseAttributeList,
  scimErrors,
  userSchema,
  type Filter,
  type JsonObject,
} from '#harness/scim';
import { DEFAULT_BODY_LIMIT, type CoreRequest, type CoreResponse } from '../http.js';
import type { ScimProfile, ScimQuirks } from '../profile.js';
import { MembershipIndex, ResourceStore } from '../store.js';
import type { TokenState } from './auth.js';
import { scimErrorResponse } from './wire.js';
import { listOf, resourceTypeDocument, schemaDocument, serviceProviderConfig } from './discovery.js';
import { checkSearchRequest, parseListQuery, type ListParams } from './list-query.js';
import { checkMembersNamed } from './members-limit.js';
import { ResourceEndpoint, etagOf, type EndpointContext, type Written } from './resource-endpoint.js';
import { bulkNotImplemented, meNotImplemented, rootSearch } from './service-endpoints.js';
import { strictSteps, type ScimSteps } from './steps.js';
import type { RefusedCount } from '#harness/http';
import { logRequest, type RequestLogEntry } from './request-log.js';

export { REQUEST_LOG_LIMIT, type RequestLogEntry } from './request-log.js';

export interface ScimServiceOptions {
  profile: ScimProfile;
  baseUrl: string;
  token: TokenState;
  now: () => Date;
  newId: () => string;
  bodyLimit?: number;
  /** Whether request bodies are logged (INT-01). */
  logBodies: boolean;
  /** The app's hooks (ScimProfile.quirks), already built. */
  quirks?: ScimQuirks;
  /** Replaces named steps of the service (a fault's `steps` seam). @default the strict steps */
  steps?: (strict: ScimSteps) => ScimSteps;
}

type Handler = (request: CoreRequest, url: URL, id: string | undefined) => CoreResponse;

export class ScimService {
  readonly users: ResourceEndpoint;
  readonly groups: ResourceEndpoint | undefined;
  readonly membership = new MembershipIndex();
  /** The most recent requests: at least the last REQUEST_LOG_LIMIT, at most twice that. */
  readonly log: RequestLogEntry[] = [];
  /** Requests refused before authentication (401): counted, not logged. */
  readonly refused: RefusedCount = { count: 0, latest: [] };
  /** The steps the service takes, as faults may have replaced them. */
  readonly steps: ScimSteps;
  readonly #options: ScimServiceOptions;
  readonly #bodyLimit: number;
  readonly #discoveryRoutes = new Map<string, Record<string, Handler>>();
  /** Authenticated endpoints of no resource type: root `.search`, `/Me`, `/Bulk`. */
  readonly #serviceRoutes = new Map<string, Record<string, Handler>>();
  readonly #resourceRoutes = new Map<
    string,
    { collection: Record<string, Handler>; item: Record<string, Handler>; search: Record<string, Handler> }
  >();

  constructor(options: ScimServiceOptions) {
    this.#options = options;
    this.#bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    const quirks = options.quirks ?? {};
    const strict = strictSteps({
      token: options.token,
      appAuthenticate: quirks.authenticate?.bind(quirks),
      bodyLimit: this.#bodyLimit,
      logBodies: options.logBodies,
    });
    this.steps = options.steps ? options.steps(strict) : strict;
    const ctx: EndpointContext = {
      profile: options.profile,
      steps: this.steps,
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
    this.users = new ResourceEndpoint(userSchema, userStore, ctx, {
      decorate: (resource, id) => {
        const withGroups = this.#withGroups(resource, id);
        if (!quirks.representUser) return withGroups;
        return quirks.representUser(withGroups, this.users.store.get(id)?.local ?? {});
      },
      ...(quirks.createUser ? { beforeCreate: (next) => quirks.createUser!(next) } : {}),
      ...(quirks.updateUser ? { beforeUpdate: (current, next) => quirks.updateUser!(current, next) } : {}),
      stored: (id, _before, after) => {
        if (after === undefined) this.#removeMemberEverywhere(id);
      },
    });
    if (options.profile.groups) {
      this.groups = new ResourceEndpoint(groupSchema, groupStore, ctx, {
        validate: (resource) => this.#checkMembers(resource),
        stored: (id, before, after) => {
          this.membership.setMembers(id, memberIds(before), memberIds(after));
          // A deleted group leaves the groups it was nested in, as a deleted user does.
          if (after === undefined) this.#removeMemberEverywhere(id);
        },
      });
    }
    this.#buildRoutes();
  }

  get #endpoints(): ResourceEndpoint[] {
    return this.groups ? [this.users, this.groups] : [this.users];
  }

  /** Answers one request below the SCIM base path (`rest` starts with `/`); never throws. */
  answer(request: CoreRequest, url: URL, rest: string): CoreResponse {
    let response: CoreResponse;
    try {
      response = this.#route(request, url, rest);
    } catch (error) {
      response = scimErrorResponse(error);
    }
    if (request.method.toUpperCase() !== 'HEAD') return response;
    // The status and headers GET would have, without the content (RFC 9110 §9.3.2).
    const { body: _content, ...head } = response;
    return head;
  }

  /** Records a request in the SP's log, with the status it was answered with (INT-01). */
  record(request: CoreRequest, url: URL, rest: string, status: number): void {
    logRequest(
      this,
      this.#options.now().toISOString(),
      request,
      url,
      rest,
      status,
      this.steps.logBody(request),
    );
  }

  #route(request: CoreRequest, url: URL, rest: string): CoreResponse {
    // A trailing slash names the collection itself (`/Users/` is `/Users`).
    const [, collection = '', id, extra] = (rest.length > 1 ? rest.replace(/\/$/, '') : rest).split('/');
    if (extra !== undefined) throw scimErrors.notFound(`No SCIM endpoint at ${rest}`);
    const key = collection.toLowerCase();
    const discoveryRoutes = this.#discoveryRoutes.get(key);
    if (discoveryRoutes) return this.#dispatch(discoveryRoutes, request, url, id);
    this.steps.authenticate(request.headers.authorization);
    const serviceRoutes = id === undefined ? this.#serviceRoutes.get(key) : undefined;
    if (serviceRoutes) return this.#dispatch(serviceRoutes, request, url, undefined);
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
    this.#serviceRoutes.set('.search', {
      POST: (req) =>
        this.#json(200, rootSearch(this.#endpoints, this.#known(this.#searchQuery(req), this.#endpoints))),
    });
    const me = meNotImplemented;
    this.#serviceRoutes.set('me', { GET: me, POST: me, PUT: me, PATCH: me, DELETE: me });
    this.#serviceRoutes.set('bulk', { POST: bulkNotImplemented });
    for (const endpoint of this.#endpoints) {
      this.#resourceRoutes.set(endpoint.schema.resourceType.endpoint.slice(1).toLowerCase(), {
        collection: {
          GET: (_req, u) =>
            this.#json(
              200,
              endpoint.list(this.#known(this.#query(Object.fromEntries(u.searchParams)), [endpoint])),
            ),
          POST: (req, u) => this.#created(endpoint.create(this.#body(req, endpoint)), endpoint, u),
        },
        item: {
          GET: (_req, u, rid) => this.#resource(200, endpoint.require(rid!), endpoint, u),
          PUT: (req, u, rid) =>
            this.#resource(
              200,
              endpoint.replace(rid!, this.#body(req, endpoint), req.headers['if-match']).entry,
              endpoint,
              u,
            ),
          PATCH: (req, u, rid) =>
            this.#resource(
              200,
              endpoint.patch(rid!, this.#body(req, endpoint, true), req.headers['if-match']).entry,
              endpoint,
              u,
            ),
          DELETE: (_req, _u, rid) => {
            endpoint.delete(rid!);
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
    const method = request.method.toUpperCase();
    // HEAD is GET without the content (RFC 9110 §9.3.2); answer() leaves the content out.
    const handler = routes[method] ?? (method === 'HEAD' ? routes['GET'] : undefined);
    if (!handler) {
      const allow = [...Object.keys(routes), ...(routes['GET'] ? ['HEAD'] : [])].join(', ');
      return this.#json(
        405,
        errorBody(405, undefined, `${request.method} is not allowed here; allowed: ${allow}`),
        { allow },
      );
    }
    return handler(request, url, id === undefined ? undefined : decodeId(id));
  }

  #query(params: ListParams): ReturnType<typeof parseListQuery> {
    return parseListQuery(params, this.#options.profile.features.filterMaxResults);
  }

  #search(endpoint: ResourceEndpoint, request: CoreRequest): CoreResponse {
    return this.#json(200, endpoint.list(this.#known(this.#searchQuery(request), [endpoint])));
  }

  /** `query`, once its filter is found to name only attributes of `endpoints`' resource types. */
  #known<Q extends { filter?: Filter | undefined }>(query: Q, endpoints: readonly ResourceEndpoint[]): Q {
    if (query.filter)
      this.steps.knownFilter(
        query.filter,
        endpoints.map((endpoint) => endpoint.schema),
      );
    return query;
  }

  #searchQuery(request: CoreRequest): ReturnType<typeof parseListQuery> {
    const body = this.#body(request);
    if (!isJsonObject(body)) throw scimErrors.invalidSyntax('A SearchRequest body must be a JSON object');
    checkSearchRequest(body);
    return this.#query(body as ListParams);
  }

  /** The request's body; for a group write, refused first when it names too many members. */
  #body(request: CoreRequest, endpoint?: ResourceEndpoint, patch = false): unknown {
    const body = this.steps.readBody(request);
    if (endpoint !== undefined && endpoint === this.groups) checkMembersNamed(body, patch);
    return body;
  }

  #resource(status: number, entry: Written['entry'], endpoint: ResourceEndpoint, url: URL): CoreResponse {
    const body = endpoint.represent(entry, {
      attributes: parseAttributeList(url.searchParams.get('attributes')),
      excludedAttributes: parseAttributeList(
        url.searchParams.get('excludedAttributes'),
        'excludedAttributes',
      ),
    });
    return this.#json(status, body, { etag: etagOf(entry.version) });
  }

  /** A write answers with the resource as `attributes` / `excludedAttributes` ask (RFC 7644 §3.9). */
  #created(written: Written, endpoint: ResourceEndpoint, url: URL): CoreResponse {
    const response = this.#resource(201, written.entry, endpoint, url);
    return { ...response, headers: { ...response.headers, location: written.location } };
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
    return { status, headers: { 'content-type': SCIM_CONTENT_TYPE, ...headers }, body: JSON.stringify(body) };
  }

  #withGroups(resource: JsonObject, id: string): JsonObject {
    const groupIds = this.membership.groupsOf(id);
    if (groupIds.length === 0 || !this.groups) return resource;
    const groups = groupIds.map((groupId) => {
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

  #removeMemberEverywhere(memberId: string): void {
    if (!this.groups) return;
    for (const groupId of this.membership.groupsOf(memberId)) {
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
