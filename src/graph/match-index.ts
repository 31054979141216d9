/**
 * The resolution index: match key -> the nodes indexed under it (canonical name
 * keys, alias words, acronyms, lexicon refs, each scoped by country; see
 * src/resolve/across-articles.ts for the keys). A store keeps the same pairs in
 * its entity_keys table.
 */
export class MatchIndex {
  private readonly byKey = new Map<string, Set<string>>();

  get(key: string): ReadonlySet<string> | undefined {
    return this.byKey.get(key);
  }

  add(id: string, keys: Iterable<string>): void {
    for (const key of keys) {
      const set = this.byKey.get(key);
      if (set) set.add(id);
      else this.byKey.set(key, new Set([id]));
    }
  }

  remove(id: string, keys: Iterable<string>): void {
    for (const key of keys) {
      const set = this.byKey.get(key);
      if (!set) continue;
      set.delete(id);
      if (set.size === 0) this.byKey.delete(key);
    }
  }

  /** Number of keys with at least one node. */
  get size(): number {
    return this.byKey.size;
  }
}
