/**
 * In-memory resource store with the indexes a SCIM service needs to stay O(1)
 * at 100k users: id, userName, externalId, displayName, and group membership.
 */
import type { JsonObject } from '#harness/scim';

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
  readonly #indexes = new Map<string, { spec: IndexSpec; keys: Map<string, Set<string>> }>();

  constructor(indexes: readonly IndexSpec[]) {
    for (const spec of indexes) this.#indexes.set(spec.attribute.toLowerCase(), { spec, keys: new Map() });
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

  /** Whether `attribute` is indexed (so an `eq` filter on it needs no scan). */
  isIndexed(attribute: string): boolean {
    return this.#indexes.has(attribute.toLowerCase());
  }

  /** Ids whose indexed attribute equals `value` under the index's case rule. */
  lookup(attribute: string, value: string): string[] {
    const index = this.#indexes.get(attribute.toLowerCase());
    if (!index) throw new TypeError(`attribute '${attribute}' is not indexed`);
    const ids = index.keys.get(index.spec.caseExact ? value : value.toLowerCase());
    return ids ? [...ids] : [];
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
      for (const id of keys.get(spec.caseExact ? value : value.toLowerCase()) ?? []) {
        if (id !== exceptId) return { attribute: spec.attribute, value, id };
      }
    }
    return undefined;
  }

  /** Inserts or replaces a resource, keeping the indexes in step. */
  put(entry: StoredResource): void {
    const previous = this.#byId.get(entry.id);
    if (previous) this.#unindex(previous);
    this.#byId.set(entry.id, entry);
    this.#index(entry);
  }

  delete(id: string): StoredResource | undefined {
    const entry = this.#byId.get(id);
    if (!entry) return undefined;
    this.#unindex(entry);
    this.#byId.delete(id);
    return entry;
  }

  clear(): void {
    this.#byId.clear();
    for (const index of this.#indexes.values()) index.keys.clear();
  }

  #index(entry: StoredResource): void {
    for (const { spec, keys } of this.#indexes.values()) {
      const value = readIndexed(entry.resource, spec.attribute);
      if (value === undefined) continue;
      const key = spec.caseExact ? value : value.toLowerCase();
      let ids = keys.get(key);
      if (!ids) keys.set(key, (ids = new Set()));
      ids.add(entry.id);
    }
  }

  #unindex(entry: StoredResource): void {
    for (const { spec, keys } of this.#indexes.values()) {
      const value = readIndexed(entry.resource, spec.attribute);
      if (value === undefined) continue;
      const key = spec.caseExact ? value : value.toLowerCase();
      const ids = keys.get(key);
      ids?.delete(entry.id);
      if (ids?.size === 0) keys.delete(key);
    }
  }
}

/** Group membership in both directions: member id → group ids, for `groups` on a User. */
export class MembershipIndex {
  readonly #groupsOf = new Map<string, Set<string>>();

  groupsOf(memberId: string): ReadonlySet<string> {
    return this.#groupsOf.get(memberId) ?? new Set();
  }

  /** Replaces the recorded members of `groupId`. */
  setMembers(groupId: string, previous: readonly string[], next: readonly string[]): void {
    for (const member of previous) {
      const groups = this.#groupsOf.get(member);
      groups?.delete(groupId);
      if (groups?.size === 0) this.#groupsOf.delete(member);
    }
    for (const member of next) {
      let groups = this.#groupsOf.get(member);
      if (!groups) this.#groupsOf.set(member, (groups = new Set()));
      groups.add(groupId);
    }
  }

  clear(): void {
    this.#groupsOf.clear();
  }
}
