/**
 * SCIMMY peer: the `scimmy` resource library behind the `scimmy-routers`
 * express middleware, backed by a per-server in-memory store.
 *
 * SCIMMY keeps resource declarations, handlers, basepaths and the
 * ServiceProviderConfig in process-wide singletons. Handlers are therefore
 * declared once and find their server's store through the router's `context`
 * callback; two SCIMMY peers may run side by side, but both report the same
 * ServiceProviderConfig and the last request's basepath.
 * @see RFC 7644 §3
 */
import { randomBytes, randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { listenOnLoopback, type PeerServer } from './index.js';

/** A stored resource: the JSON of a SCIMMY schema instance plus id and meta. */
type StoredResource = Record<string, unknown> & {
  id: string;
  meta: { created: string; lastModified: string };
};

/** One SCIMMY peer's data, handed to the handlers as their `ctx`. */
interface Store {
  Users: Map<string, StoredResource>;
  Groups: Map<string, StoredResource>;
  /**
   * With `startScimmy({ indexed: true })`: each resource type's unique attribute, lower-cased, to
   * the id holding it, as a deployment's database keeps a unique index on it.
   */
  index?: Record<Endpoint, Map<string, string>>;
}

/** What the handlers need of a SCIMMY resource instance (`SCIMMY.Types.Resource`). */
interface ResourceRequest {
  id?: string;
  filter?: SCIMMY.Types.Filter;
}

type Endpoint = 'Users' | 'Groups';

/** Attribute whose value must be unique (case-insensitively) per resource type. @see RFC 7643 §4.1.1, §4.2 */
const uniqueAttribute: Record<Endpoint, string> = { Users: 'userName', Groups: 'displayName' };

/**
 * A SCIMMY error. The d.ts types `scimType` as `string`, but the runtime (and
 * RFC 7644 §3.12) allow it to be absent, e.g. for 404.
 */
function scimError(status: number, message: string, scimType?: string): Error {
  return new SCIMMY.Types.Error(status, scimType as string, message);
}

function storeOf(ctx: unknown): Store {
  if (typeof ctx !== 'object' || ctx === null || !('Users' in ctx)) {
    throw scimError(500, 'SCIMMY peer: request context carries no store');
  }
  return ctx as Store;
}

/** Builds the ingress/egress/degress handlers for one resource type. */
function handlersFor(endpoint: Endpoint) {
  const unique = uniqueAttribute[endpoint];
  const notFound = (id: string | undefined) => scimError(404, `Resource ${id ?? ''} not found`);

  return {
    // SCIMMY hands over a validated schema instance ("in" direction: readOnly id/meta already dropped).
    ingress(resource: ResourceRequest, instance: object, ctx: unknown): StoredResource {
      const store = storeOf(ctx)[endpoint];
      const data = JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
      const existing = resource.id === undefined ? undefined : store.get(resource.id);
      if (resource.id !== undefined && !existing) throw notFound(resource.id);

      const value = String(data[unique] ?? '').toLowerCase();
      const index = storeOf(ctx).index?.[endpoint];
      const holder = index
        ? index.get(value)
        : [...store.values()].find(
            (other) => other.id !== resource.id && String(other[unique] ?? '').toLowerCase() === value,
          )?.id;
      if (holder !== undefined && holder !== resource.id)
        throw scimError(409, `${unique} '${String(data[unique])}' is already taken`, 'uniqueness');

      const now = new Date().toISOString();
      const id = existing?.id ?? randomUUID();
      const stored: StoredResource = {
        ...data,
        id,
        meta: { created: existing?.meta.created ?? now, lastModified: now },
      };
      store.set(id, stored);
      if (index) {
        if (existing) index.delete(String(existing[unique] ?? '').toLowerCase());
        index.set(value, id);
      }
      return stored;
    },
    // SCIMMY sorts and paginates the returned list itself (ListResponse); filtering is ours.
    egress(resource: ResourceRequest, ctx: unknown): StoredResource | StoredResource[] {
      const store = storeOf(ctx)[endpoint];
      if (resource.id !== undefined) {
        const found = store.get(resource.id);
        if (!found) throw notFound(resource.id);
        return found;
      }
      const index = storeOf(ctx).index?.[endpoint];
      const wanted = index && resource.filter ? equalsUnique(resource.filter, unique) : undefined;
      if (wanted !== undefined) {
        // The index answers `<unique> eq "…"` as a database would; SCIMMY's match still judges it.
        const id = index!.get(wanted.toLowerCase());
        const found = id === undefined ? undefined : store.get(id);
        return found ? (resource.filter!.match([found]) as StoredResource[]) : [];
      }
      const all = [...store.values()];
      return resource.filter ? (resource.filter.match(all) as StoredResource[]) : all;
    },
    degress(resource: ResourceRequest, ctx: unknown): void {
      const store = storeOf(ctx)[endpoint];
      const existing = resource.id === undefined ? undefined : store.get(resource.id);
      if (resource.id === undefined || !store.delete(resource.id)) throw notFound(resource.id);
      storeOf(ctx).index?.[endpoint].delete(String(existing?.[unique] ?? '').toLowerCase());
    },
  };
}

/** The value of a filter that is exactly `<attribute> eq "value"` (one term), else undefined. */
function equalsUnique(filter: SCIMMY.Types.Filter, attribute: string): string | undefined {
  const terms = filter as unknown as Record<string, unknown>[];
  if (terms.length !== 1) return undefined;
  const [term] = terms;
  const keys = Object.keys(term ?? {});
  const comparison = term?.[attribute];
  if (keys.length !== 1 || !Array.isArray(comparison)) return undefined;
  const [operator, value] = comparison as unknown[];
  return operator === 'eq' && typeof value === 'string' ? value : undefined;
}

let declared = false;

/** Declares User (with the EnterpriseUser extension) and Group once per process. @see RFC 7643 §4 */
function declareResources(): void {
  if (declared) return;
  SCIMMY.Resources.declare(SCIMMY.Resources.User, {
    ...handlersFor('Users'),
    extensions: [{ schema: SCIMMY.Schemas.EnterpriseUser, required: false }],
  });
  SCIMMY.Resources.declare(SCIMMY.Resources.Group, handlersFor('Groups'));
  declared = true;
}

/**
 * Express 5 re-parses `req.query` on every read, so scimmy-routers' in-place
 * cast of `startIndex`/`count` to numbers is lost and SCIMMY silently ignores
 * paging (it wants integers). scimmy-routers declares `express >=4.18` but is
 * tested on express 4, where `req.query` is a plain property; restore that.
 * @see RFC 7644 §3.4.2.4
 */
function pinQuery(req: Request, _res: Response, next: NextFunction): void {
  Object.defineProperty(req, 'query', {
    value: { ...req.query },
    writable: true,
    enumerable: true,
    configurable: true,
  });
  next();
}

/** Options of {@link startScimmy}. */
export interface ScimmyOptions {
  /**
   * Keep a unique index on userName and displayName, as a deployment's database would: a create
   * looks its value up instead of scanning the store, and a filter that is exactly
   * `userName eq "…"` (or `displayName eq "…"`) is answered from the index. Without it, both scan
   * every stored resource (fine for conformance tests, not for a throughput figure).
   * @default false
   */
  indexed?: boolean;
}

/** Starts a SCIMMY peer at `http://127.0.0.1:PORT/scim/v2` with a random bearer token. */
export async function startScimmy(options: ScimmyOptions = {}): Promise<PeerServer> {
  declareResources();
  const token = randomBytes(24).toString('base64url');
  const store: Store = {
    Users: new Map(),
    Groups: new Map(),
    ...(options.indexed ? { index: { Users: new Map(), Groups: new Map() } } : {}),
  };
  const loopback = await listenOnLoopback();

  // Each SCIMMYRouters construction appends its scheme to the global config; reset first.
  SCIMMY.Config.set({ authenticationSchemes: [] });
  const router = new SCIMMYRouters({
    type: 'bearer',
    handler: (req) => {
      if (req.header('authorization') !== `Bearer ${token}`)
        throw new Error('Bearer token missing or invalid');
      return 'scim-client';
    },
    context: () => store,
    // Absolute meta.location values instead of SCIMMY's default relative paths.
    baseUri: () => loopback.origin,
  });
  // The constructor above already set ServiceProviderConfig to patch, filter, sort and bulk supported
  // (all of which SCIMMY implements); etag and changePassword keep SCIMMY's default of unsupported.

  const app = express();
  app.disable('x-powered-by');
  app.use(pinQuery);
  app.use('/scim/v2', router);
  // The router forwards 5xx errors after answering them; swallow them here so express stays quiet.
  app.use((_error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (!res.headersSent) res.status(500).end();
  });
  loopback.server.on('request', app);

  const peer: PeerServer = {
    name: 'scimmy',
    baseUrl: `${loopback.origin}/scim/v2`,
    token,
    close: loopback.close,
  };
  stores.set(peer, store);
  return peer;
}

/** Each running peer's store, for {@link seedScimmyUsers}. */
const stores = new WeakMap<PeerServer, Store>();

/**
 * Pre-loads users into a peer started by {@link startScimmy}, stored exactly as
 * the `ingress` handler stores a created User (SCIMMY's User schema instance,
 * plus id and meta), but without going through HTTP and with one uniqueness
 * check per user instead of a scan of the store; for benchmarks that need
 * thousands of users. Returns the new ids.
 * @see RFC 7643 §4.1
 */
export function seedScimmyUsers(peer: PeerServer, users: readonly Record<string, unknown>[]): string[] {
  const peerStore = stores.get(peer);
  const store = peerStore?.Users;
  if (!store) throw new TypeError('seedScimmyUsers: peer was not started by startScimmy() in this process');
  const taken = new Set([...store.values()].map((user) => String(user.userName ?? '').toLowerCase()));
  return users.map((user) => {
    const data = JSON.parse(JSON.stringify(new SCIMMY.Schemas.User(user, 'in'))) as Record<string, unknown>;
    const userName = String(data.userName ?? '').toLowerCase();
    if (taken.has(userName))
      throw new TypeError(`seedScimmyUsers: userName '${String(data.userName)}' is already taken`);
    taken.add(userName);
    const now = new Date().toISOString();
    const id = randomUUID();
    store.set(id, { ...data, id, meta: { created: now, lastModified: now } });
    peerStore.index?.Users.set(userName, id);
    return id;
  });
}

/** The users a SCIMMY peer holds now (what an app sharing its store reads). */
export function scimmyUsers(peer: PeerServer): StoredResource[] {
  const store = stores.get(peer)?.Users;
  if (!store) throw new TypeError('scimmyUsers: peer was not started by startScimmy() in this process');
  return [...store.values()];
}
