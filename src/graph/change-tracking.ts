/**
 * What changed, kept two ways because two readers need different things: the
 * derived attributes of a node or edge are only recomputed in `flush()` (dirty
 * since the last flush, so a batch of articles refreshes each node once), while a
 * store writes back exactly what one change touched (work since `begin()`,
 * whatever was flushed in between), and tests count that work to prove the cost
 * of an article follows the article, not the graph.
 */

/** The work one addArticle did, counted rather than timed (wall time on a shared machine proves nothing). */
export interface AddWork {
  /** Distinct nodes whose evidence or derived attributes changed. */
  nodesTouched: number;
  /** Distinct edges whose evidence changed. */
  edgesTouched: number;
  /** Node ids read from the match-key index while resolving the article's entities. */
  candidatesVisited: number;
  /** Evidence items copied or moved between nodes (merges, detaching short names). */
  evidenceMoved: number;
}

const newWork = (): AddWork => ({ nodesTouched: 0, edgesTouched: 0, candidatesVisited: 0, evidenceMoved: 0 });

export class ChangeTracker {
  private readonly dirtyNodes = new Set<string>();
  private readonly dirtyEdges = new Set<string>();
  private readonly workNodes = new Set<string>();
  private readonly workEdges = new Set<string>();
  /** Counters the resolution and the evidence moves add to as they go. */
  work: AddWork = newWork();

  touchNode(id: string): void {
    this.dirtyNodes.add(id);
    this.workNodes.add(id);
  }

  touchEdge(key: string): void {
    this.dirtyEdges.add(key);
    this.workEdges.add(key);
  }

  /** A dropped node has nothing left to refresh; a store still learns of it from touched(). */
  forgetNode(id: string): void {
    this.dirtyNodes.delete(id);
  }

  forgetEdge(key: string): void {
    this.dirtyEdges.delete(key);
  }

  /** After loading raw evidence everything needs refreshing, but none of it is a change to write back. */
  refreshAll(nodes: Iterable<string>, edges: Iterable<string>): void {
    for (const id of nodes) this.dirtyNodes.add(id);
    for (const key of edges) this.dirtyEdges.add(key);
  }

  /** Hands every node, then every edge, dirty since the last drain to the refresh, once each. */
  drain(refreshNode: (id: string) => void, refreshEdge: (key: string) => void): void {
    for (const id of this.dirtyNodes) refreshNode(id);
    this.dirtyNodes.clear();
    for (const key of this.dirtyEdges) refreshEdge(key);
    this.dirtyEdges.clear();
  }

  begin(): void {
    this.work = newWork();
    this.workNodes.clear();
    this.workEdges.clear();
  }

  /** Turns the touched sets into the AddWork counts (what an article's summary of work reports). */
  countTouched(): void {
    this.work.nodesTouched = this.workNodes.size;
    this.work.edgesTouched = this.workEdges.size;
  }

  touched(): { nodes: ReadonlySet<string>; edges: ReadonlySet<string> } {
    return { nodes: this.workNodes, edges: this.workEdges };
  }
}
