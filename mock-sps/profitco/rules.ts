/**
 * Profit.co's rules, by name: the checks an account applies to its SCIM token and to the
 * users it is sent. The hooks (quirks.ts, departments.ts) call them; a Profit.co fault
 * replaces one (faults.ts).
 * @see README.md (the app's quirks and the guide sections behind them)
 */
import { ScimError, isJsonObject, type JsonObject } from '#harness/scim';
import { ENTERPRISE_USER, departmentNamed, type ProfitcoDepartment } from './departments.js';

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

/** The rules of a Profit.co account. */
export interface ProfitcoRules {
  /** PCO-02: the bearer token is this account's `<API Key>:<SCIM Key>`, with SCIM access on; throws a 401 ScimError. */
  token(token: string, account: { token: string; active: boolean }): void;
  /** PCO-05: drops every attribute (and sub-attribute) Profit.co does not store. */
  supportedAttributes(resource: JsonObject): void;
  /** PCO-06: the department a name matches: an existing one, enabled or disabled (**assumed**: in any case). */
  departmentMatch(departments: readonly ProfitcoDepartment[], name: string): ProfitcoDepartment | undefined;
  /** PCO-06: whether users may be placed in a department: not in a disabled one. */
  departmentOpen(department: ProfitcoDepartment): boolean;
}

/** The rules as Profit.co applies them. */
export const PROFITCO_RULES: ProfitcoRules = {
  token(token, account) {
    if (!COMPOSITE.test(token)) {
      throw new ScimError(
        401,
        undefined,
        'The token is not in Profit.co\'s format: join the API Key and the SCIM Key from Settings → Security → API Access as "<API Key>:<SCIM Key>" (PCO-02)',
      );
    }
    if (token !== account.token) {
      throw new ScimError(
        401,
        undefined,
        "The API Key and SCIM Key in the token are not this Profit.co account's; copy both again from Settings → Security → API Access (PCO-02)",
      );
    }
    if (!account.active)
      throw new ScimError(
        401,
        undefined,
        'SCIM access is turned off for this Profit.co account; turn it on again',
      );
  },
  supportedAttributes(resource) {
    for (const key of Object.keys(resource)) {
      // Own keys only: `__proto__` or `constructor` is an attribute Profit.co does not know, not Object's.
      const lower = key.toLowerCase();
      const rule = Object.hasOwn(SUPPORTED, lower) ? SUPPORTED[lower] : undefined;
      const value = resource[key];
      if (rule === true) continue;
      if (rule === undefined || !isJsonObject(value)) {
        delete resource[key];
        continue;
      }
      for (const sub of Object.keys(value)) if (!rule.includes(sub.toLowerCase())) delete value[sub];
      if (Object.keys(value).length === 0) delete resource[key];
    }
  },
  departmentMatch: departmentNamed,
  departmentOpen: (department) => department.enabled,
};

/** The two keys a token is formed from; a token not in that form (the SP's default) is split in two. */
export function keysOf(token: string): [string, string] {
  const match = COMPOSITE.exec(token);
  if (match) return [match[1]!, match[2]!];
  const half = Math.ceil(token.length / 2);
  return [token.slice(0, half) || 'api-key', token.slice(half) || 'scim-key'];
}
