/**
 * Profit.co's SCIM quirks: the token formed from the API Key and the SCIM Key (PCO-02), no
 * DELETE (PCO-07), no groups (PCO-04), six stored attributes (PCO-05) and departments
 * (PCO-06).
 * @see ../../../shared/seeds/003_4ee1358571472e6b.txt
 */
import { SCIM_CONTENT_TYPE, ScimError, errorBody, isJsonObject, type JsonObject } from '#harness';
import { jsonResponse } from '../core/http.js';
import type { QuirkEnv, ScimQuirks } from '../core/profile.js';
import { acceptedGroupCall, scimErrorResponse } from '../core/scim/wire.js';
import { Departments, ENTERPRISE_USER, type ProfitcoDepartment } from './departments.js';

export type { ProfitcoDepartment };

/** PCO-02: the hosts by region; **assumed** for the guide's "api-profit" and "eu-profit" placeholders. */
export const PROFITCO_REGIONS = { us: 'api.profit.co', eu: 'eu.profit.co' } as const;

/** What a Profit.co admin does outside SCIM: Settings → Security → API Access (PCO-02), departments (PCO-06). */
export interface ProfitcoAdmin {
  /** The API Key under Settings → Security → API Access. */
  readonly apiKey: string;
  /** The SCIM Key beside it. */
  readonly scimKey: string;
  /** Every department, enabled or disabled. */
  departments(): ProfitcoDepartment[];
  /** Adds a department; TypeError when one of that name (in any case) exists. */
  addDepartment(name: string, options?: { enabled?: boolean }): ProfitcoDepartment;
  /** Enables or disables the department of that name (in any case). */
  setDepartmentEnabled(name: string, enabled: boolean): void;
}

/** PCO-02 **assumed** format of the token: `<API Key>:<SCIM Key>`. */
const COMPOSITE = /^([^:\s]+):([^:\s]+)$/;

/** PCO-05: what Profit.co stores; `true` keeps the whole attribute, a list keeps those sub-attributes. */
const SUPPORTED: Readonly<Record<string, true | readonly string[]>> = {
  schemas: true,
  username: true,
  emails: true,
  active: true,
  title: true,
  name: ['givenname', 'familyname'],
  [ENTERPRISE_USER.toLowerCase()]: ['department'],
};

/** The two keys a token is formed from; a token not in that form (the SP's default) is split in two. */
function keysOf(token: string): [string, string] {
  const match = COMPOSITE.exec(token);
  if (match) return [match[1]!, match[2]!];
  const half = Math.ceil(token.length / 2);
  return [token.slice(0, half) || 'api-key', token.slice(half) || 'scim-key'];
}

/** PCO-05: drops every attribute (and sub-attribute) Profit.co does not store. */
function keepSupported(resource: JsonObject, faults: ReadonlySet<string>): void {
  if (faults.has('drop-title')) delete resource.title;
  if (faults.has('keep-unsupported-attributes')) return;
  for (const key of Object.keys(resource)) {
    const rule = SUPPORTED[key.toLowerCase()];
    const value = resource[key];
    if (rule === true) continue;
    if (rule === undefined || !isJsonObject(value)) {
      delete resource[key];
      continue;
    }
    for (const sub of Object.keys(value)) if (!rule.includes(sub.toLowerCase())) delete value[sub];
    if (Object.keys(value).length === 0) delete resource[key];
  }
}

/** The schemas a created resource lists, once the extension may have been dropped. */
function fixSchemas(resource: JsonObject): void {
  if (!Array.isArray(resource.schemas)) return;
  resource.schemas = resource.schemas.filter(
    (urn) =>
      typeof urn !== 'string' ||
      urn.toLowerCase() !== ENTERPRISE_USER.toLowerCase() ||
      ENTERPRISE_USER in resource,
  );
}

export function profitcoQuirks(env: QuirkEnv): ScimQuirks {
  const { faults } = env;
  const basePath = new URL(env.scimBaseUrl).pathname;
  const departments = new Departments(faults);
  // PCO-02: the SP's token is the composite of its two keys.
  env.token.token = keysOf(env.token.token).join(':');

  const authenticate = (header: string | undefined): void => {
    const format = '"Authorization: Bearer <API Key>:<SCIM Key>"';
    if (header === undefined || header === '')
      throw new ScimError(401, undefined, `Authorization header missing: send ${format} (PCO-02)`);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      throw new ScimError(401, undefined, `Authorization must use the Bearer scheme: ${format} (PCO-02)`);
    const token = match[1]!;
    if (faults.has('accept-malformed-token') && keysOf(env.token.token).includes(token)) return;
    if (!COMPOSITE.test(token)) {
      throw new ScimError(
        401,
        undefined,
        'The token is not in Profit.co\'s format: join the API Key and the SCIM Key from Settings → Security → API Access as "<API Key>:<SCIM Key>" (PCO-02)',
      );
    }
    if (token !== env.token.token) {
      throw new ScimError(
        401,
        undefined,
        "The API Key and SCIM Key in the token are not this Profit.co account's; copy both again from Settings → Security → API Access (PCO-02)",
      );
    }
    if (!env.token.active)
      throw new ScimError(
        401,
        undefined,
        'SCIM access is turned off for this Profit.co account; turn it on again',
      );
  };

  const admin: ProfitcoAdmin = {
    get apiKey() {
      return keysOf(env.token.token)[0];
    },
    get scimKey() {
      return keysOf(env.token.token)[1];
    },
    departments: () => departments.list(),
    addDepartment: (name, options = {}) => departments.add(name, options.enabled ?? true),
    setDepartmentEnabled: (name, enabled) => departments.setEnabled(name, enabled),
  };

  return {
    admin,
    authenticate,
    // PCO-02: a regenerated token is again the composite of an API Key and a SCIM Key.
    issueToken: (random) => keysOf(random).join(':'),
    route(request, url) {
      const path = url.pathname;
      if (path !== basePath && !path.startsWith(`${basePath}/`)) return undefined;
      if (faults.has('eu-host-unserved') && url.hostname === PROFITCO_REGIONS.eu) {
        return scimErrorResponse(
          new ScimError(404, undefined, `Nothing is served at ${path} on ${url.host}`),
          faults,
        );
      }
      const [, collection = '', id] = path.slice(basePath.length).split('/');
      if (collection.toLowerCase() === 'groups' && faults.has('serves-groups'))
        return acceptedGroupCall(request);
      if (collection.toLowerCase() !== 'users' || !id || request.method.toUpperCase() !== 'DELETE')
        return undefined;
      // PCO-07: Profit.co deactivates users and never deletes them (JumpCloud's Profit.co connector
      // notes "Profit.co does not support deletion of a user"), so DELETE is not an allowed method.
      try {
        if (!faults.has('accept-any-token')) authenticate(request.headers.authorization);
      } catch (error) {
        return scimErrorResponse(error, faults);
      }
      const allow = 'GET, PUT, PATCH';
      return jsonResponse(
        405,
        errorBody(
          405,
          undefined,
          `Profit.co does not delete users; deactivate with PATCH active=false (PCO-07). Allowed: ${allow}`,
        ),
        SCIM_CONTENT_TYPE,
        { allow },
      );
    },
    createUser({ resource, local }) {
      keepSupported(resource, faults);
      departments.place(resource, local);
      fixSchemas(resource);
    },
    updateUser(previous, next) {
      keepSupported(next.resource, faults);
      departments.place(next.resource, next.local, previous);
      if (faults.has('ignore-reactivation') && previous.resource.active === false)
        next.resource.active = false;
    },
  };
}
