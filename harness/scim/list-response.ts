/**
 * The ListResponse message: what a list or search answers.
 * @see RFC 7644 §3.4.2
 */
import type { JsonObject } from './attribute-access.js';
import { LIST_RESPONSE_SCHEMA } from './schemas/index.js';

/** Builds a ListResponse; `itemsPerPage` is always the number of resources returned. @see RFC 7644 §3.4.2 */
export function listResponse(
  resources: JsonObject[],
  page: { totalResults?: number; startIndex?: number } = {},
): JsonObject {
  const totalResults = page.totalResults ?? resources.length;
  if (!Number.isInteger(totalResults) || totalResults < resources.length) {
    throw new TypeError(
      `totalResults (${totalResults}) must be an integer no smaller than the ${resources.length} resources returned`,
    );
  }
  return {
    schemas: [LIST_RESPONSE_SCHEMA],
    totalResults,
    startIndex: page.startIndex ?? 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
