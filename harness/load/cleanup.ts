/**
 * What the load created, and its removal afterwards: every id it was told of, then a sweep for
 * users under the run's prefix it was not (a create that timed out may still have landed).
 * Best effort: what cannot be removed is reported, never retried forever.
 * @see RFC 7644 §3.6
 */
import { ScimTransportError, isJsonObject, type ScimClient } from '#harness/scim';

export type Collection = 'Users' | 'Groups';

/** What the cleanup removed, and each resource it could not remove with the reason. */
export interface CleanupResult {
  removed: number;
  notRemoved: { collection: Collection; id: string; reason: string }[];
  /** Why the sweep for unknown leftovers did not run, if it did not. */
  sweepSkipped?: string;
}

/** The resources a run created, by collection, in the order they were created. */
export class CreatedResources {
  readonly #ids: Record<Collection, Set<string>> = { Users: new Set(), Groups: new Set() };

  add(collection: Collection, id: string): void {
    this.#ids[collection].add(id);
  }

  count(collection: Collection): number {
    return this.#ids[collection].size;
  }

  /** Groups first (they hold the users as members), then users. */
  entries(): { collection: Collection; id: string }[] {
    return (['Groups', 'Users'] as const).flatMap((collection) =>
      [...this.#ids[collection]].map((id) => ({ collection, id })),
    );
  }
}

/** Runs `work` over `items` with at most `concurrency` at once. */
async function pooled<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const NO_ANSWER = 'no answer to DELETE';

/** Deletes one resource; a 404 counts as removed (something else removed it). */
async function remove(client: ScimClient, collection: Collection, id: string): Promise<string | undefined> {
  try {
    const response = await client.delete(`/${collection}/${encodeURIComponent(id)}`);
    return response.status < 300 || response.status === 404
      ? undefined
      : `DELETE answered ${response.status}`;
  } catch (error) {
    return error instanceof ScimTransportError ? NO_ANSWER : String(error);
  }
}

/** Pages the sweep reads at most (of {@link SWEEP_PAGE} users each). */
const SWEEP_PAGES = 50;
const SWEEP_PAGE = 200;

/**
 * The ids of every user whose userName starts with `runPrefix` (a filter with `sw`, page after
 * page), or why they could not be listed.
 */
async function leftovers(client: ScimClient, runPrefix: string): Promise<string[] | string> {
  const ids: string[] = [];
  let startIndex = 1;
  for (let page = 0; page < SWEEP_PAGES; page++) {
    const response = await client
      .get('/Users', {
        query: {
          filter: `userName sw "${runPrefix}"`,
          startIndex,
          count: SWEEP_PAGE,
          attributes: 'userName',
        },
      })
      .catch(() => undefined);
    if (response === undefined) return 'no answer to the filter';
    const body = isJsonObject(response.body) ? response.body : {};
    if (response.status !== 200 || !Array.isArray(body.Resources))
      return `the filter userName sw answered ${response.status}`;
    for (const resource of body.Resources)
      if (isJsonObject(resource) && typeof resource.id === 'string') ids.push(resource.id);
    const total = typeof body.totalResults === 'number' ? body.totalResults : 0;
    if (body.Resources.length === 0 || startIndex - 1 + body.Resources.length >= total) break;
    startIndex += body.Resources.length;
  }
  return ids;
}

/**
 * Deletes every created resource, `concurrency` at a time, then sweeps the users under
 * `runPrefix` the run was not told of, and reports what is left.
 */
export async function removeCreated(
  client: ScimClient,
  created: CreatedResources,
  runPrefix: string,
  concurrency: number,
): Promise<CleanupResult> {
  const result: CleanupResult = { removed: 0, notRemoved: [] };
  const attempted = new Set<string>();
  // Unanswered DELETEs in a row: past `concurrency` of them the server is gone, and the rest
  // are reported untried rather than each waited out.
  let unanswered = 0;
  const removeAll = (items: { collection: Collection; id: string }[]) =>
    pooled(items, concurrency, async ({ collection, id }) => {
      attempted.add(id);
      if (unanswered >= concurrency) {
        result.notRemoved.push({ collection, id, reason: 'not tried: the server stopped answering' });
        return;
      }
      const reason = await remove(client, collection, id);
      unanswered = reason === NO_ANSWER ? unanswered + 1 : 0;
      if (reason === undefined) result.removed++;
      else result.notRemoved.push({ collection, id, reason });
    });
  await removeAll(created.entries());
  // Read every page first, then delete: deleting while paging would shift the pages.
  const found =
    unanswered >= concurrency ? 'the server stopped answering' : await leftovers(client, runPrefix);
  if (typeof found === 'string') result.sweepSkipped = found;
  else
    await removeAll(
      found.filter((id) => !attempted.has(id)).map((id) => ({ collection: 'Users' as const, id })),
    );
  return result;
}
