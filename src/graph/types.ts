import Graph from 'graphology';
import type { EntityNodeAttributes, RelationEdgeAttributes } from '../model/graph-file';

/** The knowledge graph: a mixed multi graph of entity nodes and relation edges. */
export type KnowledgeGraph = Graph<EntityNodeAttributes, RelationEdgeAttributes>;

export function createKnowledgeGraph(): KnowledgeGraph {
  return new Graph<EntityNodeAttributes, RelationEdgeAttributes>({ type: 'mixed', multi: true, allowSelfLoops: false });
}
