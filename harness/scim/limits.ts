/**
 * How much one SCIM request may ask of the mock SPs: limits as data, each far above what an
 * IdP's real traffic needs (Entra, Okta and JumpCloud send filters of one or two comparisons,
 * PATCH requests of a few operations and at most a few hundred members a request) and far below
 * what would let one request exhaust the stack or take seconds. A request over a limit is refused
 * before any work, with a 400 SCIM Error that names the limit (413 for the body size, which
 * /ServiceProviderConfig advertises as bulk.maxPayloadSize; filter.maxResults caps a page).
 * RFC 7644 sets no figure for any of them and has no place to advertise the others: the README
 * lists them.
 * @see RFC 7644 §3.4.2.2 (filters), §3.5.2 (PATCH), §3.4.2.5 (attributes), §3.12 (errors)
 */
import type { ScimError } from './errors.js';
import { scimErrors } from './errors.js';

export const REQUEST_LIMITS = {
  /** Nesting of a JSON body's arrays and objects; a SCIM resource nests five at most. */
  jsonDepth: 64,
  /** Comparisons (`attr op value`, `attr pr`) in one filter or PATCH path. */
  filterTerms: 1_000,
  /** Parentheses and brackets nested in one filter. */
  filterDepth: 100,
  /** Operations in one PATCH request. */
  patchOperations: 1_000,
  /** Names in one `attributes` or `excludedAttributes` parameter. */
  attributeNames: 200,
  /** Members named in one request (a group's members in POST or PUT, or in one PATCH's values). */
  members: 10_000,
} as const;

/**
 * The deepest nesting of arrays and objects in `value`, counted without recursion (a body nested
 * 100,000 levels must not exhaust the stack here either), stopping once it passes `stopAbove`.
 */
export function jsonDepth(value: unknown, stopAbove = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: [node: unknown, depth: number][] = [[value, 1]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > deepest) deepest = depth;
    if (deepest > stopAbove) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node as object))
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
  }
  return deepest;
}

/** Refuses a parsed body nested deeper than the limit: 400 invalidSyntax. @see RFC 7644 §3.12 */
export function checkJsonDepth(body: unknown, limit: number = REQUEST_LIMITS.jsonDepth): void {
  if (jsonDepth(body, limit) > limit) {
    throw scimErrors.invalidSyntax(
      `The request body nests arrays and objects more than ${limit} levels deep; this SP reads at most ${limit} (a SCIM resource needs five)`,
    );
  }
}

/** A 400 invalidValue for a count over its limit, naming both ("The request has 12000 members; …"). @see RFC 7644 §3.12 */
export function overLimit(
  subject: string,
  count: number,
  noun: string,
  limit: number,
  hint: string,
): ScimError {
  return scimErrors.invalidValue(
    `${subject} has ${count} ${noun}; this SP takes at most ${limit} in one request: ${hint}`,
  );
}
