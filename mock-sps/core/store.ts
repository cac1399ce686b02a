/**
 * In-memory resource store with the indexes a SCIM service needs to stay O(1)
 * at 100k users: id, userName, externalId, displayName, and group membership.
 */
import { IdIndex, type JsonObject } from '#harness/scim';

export interface StoredResource {
  id: string;
  /** The SCIM representation as stored (canonical key case, meta included). */
  resource: JsonObject;
  /** Increases on every change; the ETag is derived from it. */
  version: number;
  /** Attributes the SP manages itself (INT-05), never part of the SCIM resource. */
  local: JsonObject;
}

/** How an indexed attribute is keyed: case-folded (caseExact false) or exact. */
export interface IndexSpec {
  attribute: string;
  caseExact: boolean;
  /** Whether the attribute must be unique (uniqueness server). */
  unique: boolean;
}

/** Reads a top-level string attribute of a stored resource. */
function readIndexed(resource: JsonObject, attribute: string): string | undefined {
  const value = resource[attribute];
  return typeof value === 'string' ? value : undefined;
}

export class ResourceStore {
  readonly #byId = new Map<string, StoredResource>();
  readonly #indexes = new Map<string, { spec: IndexSpec; keys: IdIndex }>();
  /**
   * The ids in insertion order (the order of `values()`), so a page is a slice, not a walk from
   * the first resource. A new id is appended; a delete drops the array, rebuilt at the next page.
   */
  #order: string[] | undefined = [];

  constructor(indexes: readonly IndexSpec[]) {
    for (const spec of indexes)
      this.#indexes.set(spec.attribute.toLowerCase(), { spec, keys: new IdIndex() });
  }

  get size(): number {
    return this.#byId.size;
  }

  get(id: string): StoredResource | undefined {
    return this.#byId.get(id);
  }

  /** All resources in insertion order. */
  values(): IterableIterator<StoredResource> {
    return this.#byId.values();
  }

  /** Up to `count` resources from the 0-based `offset` of insertion order: the same as slicing `values()`. */
  page(offset: number, count: number): StoredResource[] {
    const order = (this.#order ??= [...this.#byId.keys()]);
    const page: StoredResource[] = [];
    const end = Math.min(order.length, offset + count);
    for (let i = Math.max(0, offset); i < end; i++) page.push(this.#byId.get(order[i]!)!);
    return page;
  }

  /** The resources of `ids` that exist, in insertion order: the order a scan would meet them. */
  ordered(ids: ReadonlySet<string>): string[] {
    if (ids.size === 0) return [];
    const order = (this.#order ??= [...this.#byId.keys()]);
    return order.filter((id) => ids.has(id));
  }

  /** Whether `attribute` is indexed (so an `eq` filter on it needs no scan). */
  isIndexed(attribute: string): boolean {
    return this.#indexes.has(attribute.toLowerCase());
  }

  /** Ids whose indexed attribute equals `value` under the index's case rule. */
  lookup(attribute: string, value: string): string[] {
    const index = this.#indexes.get(attribute.toLowerCase());
    if (!index) throw new TypeError(`attribute '${attribute}' is not indexed`);
    return [...index.keys.ids(index.spec.caseExact ? value : value.toLowerCase())];
  }

  /** The id of another resource holding a unique value `resource` would take, if any. */
  conflict(
    resource: JsonObject,
    exceptId?: string,
  ): { attribute: string; value: string; id: string } | undefined {
    for (const { spec, keys } of this.#indexes.values()) {
      if (!spec.unique) continue;
      const value = readIndexed(resource, spec.attribute);
      if (value === undefined) continue;
      for (const id of keys.ids(spec.caseExact ? value : value.toLowerCase())) {
        if (id !== exceptId) return { attribute: spec.attribute, value, id };
      }
    }
    return undefined;
  }

  /** Inserts or replaces a resource, keeping the indexes in step; a replaced one keeps its place. */
  put(entry: StoredResource): void {
    const previous = this.#byId.get(entry.id);
    if (previous) this.#unindex(previous);
    else this.#order?.push(entry.id);
    this.#byId.set(entry.id, entry);
    this.#index(entry);
  }

  delete(id: string): StoredResource | undefined {
    const entry = this.#byId.get(id);
    if (!entry) return undefined;
    this.#unindex(entry);
    this.#byId.delete(id);
    this.#order = undefined;
    return entry;
  }

  clear(): void {
    this.#byId.clear();
    this.#order = [];
    for (const index of this.#indexes.values()) index.keys.clear();
  }

  #index(entry: StoredResource): void {
    for (const { spec, keys } of this.#indexes.values()) {
      const value = readIndexed(entry.resource, spec.attribute);
      if (value !== undefined) keys.add(spec.caseExact ? value : value.toLowerCase(), entry.id);
    }
  }

  #unindex(entry: StoredResource): void {
    for (const { spec, keys } of this.#indexes.values()) {
      const value = readIndexed(entry.resource, spec.attribute);
      if (value !== undefined) keys.remove(spec.caseExact ? value : value.toLowerCase(), entry.id);
    }
  }
}

/** Group membership in both directions: member id → group ids, for `groups` on a User. */
export class MembershipIndex {
  /** Member id → group ids, a member's one group held without a Set (most members have one). */
  readonly #groupsOf = new IdIndex();

  /** The groups holding `memberId`, in the order they took it in. */
  groupsOf(memberId: string): readonly string[] {
    return [...this.#groupsOf.ids(memberId)];
  }

  /** Replaces the recorded members of `groupId`. */
  setMembers(groupId: string, previous: readonly string[], next: readonly string[]): void {
    for (const member of previous) this.#groupsOf.remove(member, groupId);
    for (const member of next) this.#groupsOf.add(member, groupId);
  }

  clear(): void {
    this.#groupsOf.clear();
  }
}
