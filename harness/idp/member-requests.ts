/**
 * Group member changes in requests an SP can take: adds and removals in operations of at most
 * `max` members, the operations packed into requests of at most `max` members in all. A group of
 * 25,000 is 250 requests of 100 members, never one body of 1.2 MB that the SP refuses with 413.
 * @see IDP-IDM-14; RFC 7644 §3.5.2.1, §3.12 (413 Payload Too Large)
 */
import type { JsonObject } from '#harness/scim';

/** One PATCH operation on `members` and how many members it names. */
export interface MemberOp {
  op: JsonObject;
  members: number;
}

/**
 * The operations, in order, packed into requests naming at most `max` members in all (every
 * operation in one request when max is null); an operation is never split.
 */
export function packMemberOps(ops: readonly MemberOp[], max: number | null): JsonObject[][] {
  const requests: JsonObject[][] = [];
  let size = Infinity;
  for (const { op, members } of ops) {
    if (max === null ? requests.length === 0 : size + members > max) {
      requests.push([]);
      size = 0;
    }
    requests.at(-1)!.push(op);
    size += members;
  }
  return requests;
}
