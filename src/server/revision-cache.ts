/**
 * One value per store revision: computed once while the graph stays the same,
 * shared by every request that asks meanwhile (one computation in flight, not
 * one per request), and recomputed after any write by any process.
 */
export class RevisionCache<T> {
  private current?: { revision: string; value: Promise<T> };

  constructor(
    /** The store's revision now (cheap: one row). */
    private readonly revision: () => Promise<string>,
    /** Computes the value; `revision` is what it was asked for (the value may see a newer one). */
    private readonly compute: (revision: string) => Promise<T>,
  ) {}

  async get(): Promise<T> {
    const revision = await this.revision();
    if (this.current?.revision === revision) return this.current.value;
    const value = this.compute(revision);
    const entry = { revision, value };
    this.current = entry;
    // A failure is not cached: the next request tries again.
    value.catch(() => {
      if (this.current === entry) this.current = undefined;
    });
    return value;
  }
}
