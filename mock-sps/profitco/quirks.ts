/**
 * Profit.co's SCIM quirks: the token formed from the API Key and the SCIM Key (PCO-02), no
 * DELETE (PCO-07), no groups (PCO-04), six stored attributes (PCO-05) and departments
 * (PCO-06).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
import { isBelow, jsonResponse, scimErrorResponse, type AppQuirks } from '#mock-sps';
import { SCIM_CONTENT_TYPE, ScimError, errorBody, type JsonObject } from '#harness/scim';
import { Departments, ENTERPRISE_USER, type ProfitcoDepartment } from './departments.js';
import { PROFITCO_RULES, keysOf, type ProfitcoRules } from './rules.js';

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

/** The hooks of one Profit.co account, on its rules. */
export const profitcoQuirks: AppQuirks<ProfitcoRules> = {
  rules: PROFITCO_RULES,
  build(env, rules) {
    // The profile's base path, without the prefix of an SP served below one (requests arrive without it).
    const basePath = env.scimBaseUrl.slice(env.origin.length);
    const departments = new Departments(rules);
    // PCO-02: the SP's token is the composite of its two keys.
    env.token.token = keysOf(env.token.token).join(':');

    const authenticate = (header: string | undefined): void => {
      const format = '"Authorization: Bearer <API Key>:<SCIM Key>"';
      if (header === undefined || header === '')
        throw new ScimError(401, undefined, `Authorization header missing: send ${format} (PCO-02)`);
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match)
        throw new ScimError(401, undefined, `Authorization must use the Bearer scheme: ${format} (PCO-02)`);
      rules.token(match[1]!, env.token);
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
        if (!isBelow(url.pathname, basePath)) return undefined;
        const [, collection = '', id] = url.pathname.slice(basePath.length).split('/');
        if (collection.toLowerCase() !== 'users' || !id || request.method.toUpperCase() !== 'DELETE')
          return undefined;
        // PCO-07: Profit.co deactivates users and never deletes them (JumpCloud's Profit.co connector
        // notes "Profit.co does not support deletion of a user"), so DELETE is not an allowed method.
        try {
          env.authenticate(request.headers.authorization);
        } catch (error) {
          return scimErrorResponse(error);
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
        rules.supportedAttributes(resource);
        departments.place(resource, local);
        fixSchemas(resource);
      },
      updateUser(previous, next) {
        rules.supportedAttributes(next.resource);
        departments.place(next.resource, next.local, previous);
      },
    };
  },
};
