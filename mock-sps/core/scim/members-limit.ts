/**
 * The members one request names, counted before the request is applied: a group's `members` in
 * POST or PUT, and the member values of a PATCH's operations (a `members` path, or `members` in a
 * path-less value). Over REQUEST_LIMITS.members the request is refused with a 400 that names the
 * limit, before any member is looked up.
 * @see RFC 7644 §3.5.2 (PATCH), RFC 7643 §4.2 (members)
 */
import { REQUEST_LIMITS, getAttribute, isJsonObject, overLimit } from '#harness/scim';

function countMembers(value: unknown): number {
  return Array.isArray(value) ? value.length : value === undefined || value === null ? 0 : 1;
}

/** How many members `body` names: a group resource, or a PatchOp body when `patch`. */
export function membersNamed(body: unknown, patch: boolean): number {
  if (!isJsonObject(body)) return 0;
  if (!patch) return countMembers(getAttribute(body, 'members'));
  const operations = getAttribute(body, 'Operations');
  if (!Array.isArray(operations)) return 0;
  let count = 0;
  for (const operation of operations) {
    if (!isJsonObject(operation)) continue;
    const path = getAttribute(operation, 'path');
    const value = getAttribute(operation, 'value');
    if (typeof path === 'string' && /^members\b/i.test(path.trim())) count += countMembers(value);
    else if (path === undefined && isJsonObject(value)) count += countMembers(getAttribute(value, 'members'));
  }
  return count;
}

/** Refuses a group request naming more members than the limit. */
export function checkMembersNamed(body: unknown, patch: boolean): void {
  const count = membersNamed(body, patch);
  if (count > REQUEST_LIMITS.members) {
    throw overLimit(
      'The request',
      count,
      'members',
      REQUEST_LIMITS.members,
      "send a large group's members in several PATCH add operations, a few hundred in each",
    );
  }
}
