/**
 * Key → the ids of the resources holding it: the reference IdP's directory and the mock SPs'
 * stores index users and groups with it. A key's one id is held as itself, a Set only for several
 * (most keys have one, and a Set per stored user is most of what an index would weigh); ids come
 * back in the order they were added.
 */
export class IdIndex {
  readonly #held = new Map<string, string | Set<string>>();

  ids(key: string): Iterable<string> {
    const held = this.#held.get(key);
    return held === undefined ? [] : typeof held === 'string' ? [held] : held;
  }

  add(key: string, id: string): void {
    const held = this.#held.get(key);
    if (held === undefined) this.#held.set(key, id);
    else if (typeof held !== 'string') held.add(id);
    else if (held !== id) this.#held.set(key, new Set([held, id]));
  }

  remove(key: string, id: string): void {
    const held = this.#held.get(key);
    if (held === id) this.#held.delete(key);
    else if (typeof held === 'object' && held.delete(id) && held.size === 1)
      this.#held.set(key, held.values().next().value!);
  }

  delete(key: string): void {
    this.#held.delete(key);
  }

  clear(): void {
    this.#held.clear();
  }
}
