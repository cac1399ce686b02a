/**
 * SP fault switches that break what the reference IdP's lifecycle relies on (group
 * takeover, rename, membership removal, group deletion, deactivation): each is caught
 * by a group-sync check. The SCIM service calls the helpers below at the one point each
 * fault needs.
 */
import { findKey, isJsonObject, type JsonObject } from '#harness';

export const LIFECYCLE_SP_FAULTS = {
  'display-name-filter-ignored':
    'ignores a filter on /Groups and lists every group, so a displayName lookup finds the wrong one (IDP-IDM-07)',
  'rename-not-applied': "answers 200 to a group rename but keeps the group's old displayName (IDP-IDM-07)",
  'member-value-remove-ignored':
    'ignores a members remove in the value-array form {"op":"remove","path":"members","value":[…]} (IDP-IDM-13)',
  'group-delete-deactivates-members':
    'deleting a group also sets active=false on the users that were its members (IDP-IDM-07)',
  'deactivation-drops-memberships':
    'removes a user from every group when it is deactivated, so groups do not stay as they were (IDP-IDM-07)',
} as const;

type LifecycleSpFault = keyof typeof LIFECYCLE_SP_FAULTS;
type Faults = ReadonlySet<string>;

const has = (faults: Faults, fault: LifecycleSpFault): boolean => faults.has(fault);

/** The query parameters of GET /Groups as the SP reads them (`display-name-filter-ignored`). */
export function groupListParams(faults: Faults, params: Record<string, string>): Record<string, string> {
  if (!has(faults, 'display-name-filter-ignored')) return params;
  const { filter: _ignored, ...rest } = params;
  return rest;
}

/**
 * The body of a PATCH to a group (`current` reads the stored one) as the SP applies it:
 * `rename-not-applied` keeps the displayName, `member-value-remove-ignored` skips the value-array member removals. A
 * skipped operation becomes a no-op (displayName replaced by itself), so the PATCH still
 * answers 200 as the faulty SP does.
 */
export function groupPatchBody(faults: Faults, current: () => JsonObject, body: unknown): unknown {
  const rename = has(faults, 'rename-not-applied');
  const removal = has(faults, 'member-value-remove-ignored');
  if ((!rename && !removal) || !isJsonObject(body)) return body;
  const key = findKey(body, 'Operations');
  const operations = key === undefined ? undefined : body[key];
  if (key === undefined || !Array.isArray(operations)) return body;
  const name = current().displayName;
  const unchanged = { op: 'replace', path: 'displayName', value: name };
  const read = operations.map((operation): unknown => {
    if (!isJsonObject(operation)) return operation;
    const op = String(operation[findKey(operation, 'op') ?? 'op'] ?? '').toLowerCase();
    const path = String(operation[findKey(operation, 'path') ?? 'path'] ?? '').toLowerCase();
    const valueKey = findKey(operation, 'value');
    if (removal && op === 'remove' && path === 'members' && valueKey !== undefined) return unchanged;
    if (rename && path === 'displayname') return unchanged;
    if (rename && path === '' && valueKey !== undefined && isJsonObject(operation[valueKey])) {
      const value = { ...(operation[valueKey] as JsonObject) };
      const nameKey = findKey(value, 'displayName');
      if (nameKey !== undefined) value[nameKey] = name;
      return { ...operation, [valueKey]: value };
    }
    return operation;
  });
  return { ...body, [key]: read };
}

/** The body of a PUT to a group as the SP applies it: `rename-not-applied` keeps the stored displayName. */
export function groupReplaceBody(faults: Faults, current: () => JsonObject, body: unknown): unknown {
  if (!has(faults, 'rename-not-applied') || !isJsonObject(body)) return body;
  const name = findKey(body, 'displayName') ?? 'displayName';
  return { ...body, [name]: current().displayName };
}

/** The PATCH a faulty SP applies to deactivate a deleted group's members. */
export const DEACTIVATION_PATCH: JsonObject = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', path: 'active', value: false }],
};

/** Whether deleting a group also deactivates its member users (`group-delete-deactivates-members`). */
export function groupDeleteDeactivatesMembers(faults: Faults): boolean {
  return has(faults, 'group-delete-deactivates-members');
}

/** Whether a deactivated user leaves every group (`deactivation-drops-memberships`). */
export function deactivationDropsMemberships(faults: Faults): boolean {
  return has(faults, 'deactivation-drops-memberships');
}
