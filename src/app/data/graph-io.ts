/**
 * Between the versioned graph file and the in-memory graphology graph. The app
 * never keeps display attributes (colour, size) in the graph, so what is
 * exported is exactly the file format, plus the current positions.
 */
import Graph from 'graphology';
import type { ArticleRecord, EntityNodeAttributes, GraphFile, Overrides, RelationEdgeAttributes } from '../../model/graph-file';
import { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION } from '../../model/graph-file';
import { parseGraphFileText } from '../../model/validate';

export type KnowledgeGraph = Graph<EntityNodeAttributes, RelationEdgeAttributes>;

export function emptyGraph(): KnowledgeGraph {
  return new Graph<EntityNodeAttributes, RelationEdgeAttributes>({ type: 'mixed', multi: true, allowSelfLoops: false });
}

export function graphFromFile(file: GraphFile): KnowledgeGraph {
  const graph = new Graph<EntityNodeAttributes, RelationEdgeAttributes>({
    type: 'mixed',
    multi: true,
    allowSelfLoops: file.graph.options.allowSelfLoops,
  });
  graph.import(file.graph);
  return graph;
}

export function fileFromGraph(graph: KnowledgeGraph, articles: readonly ArticleRecord[], overrides?: Overrides): GraphFile {
  const exported = graph.export();
  return {
    type: GRAPH_FILE_TYPE,
    version: GRAPH_FILE_VERSION,
    articles: [...articles],
    graph: {
      attributes: exported.attributes ?? {},
      options: { type: 'mixed', multi: true, allowSelfLoops: graph.allowSelfLoops },
      nodes: exported.nodes.map((n) => ({ key: n.key, attributes: n.attributes as EntityNodeAttributes })),
      edges: exported.edges.map((e) => ({
        key: e.key ?? '',
        source: e.source,
        target: e.target,
        ...(e.undirected ? { undirected: true } : {}),
        attributes: e.attributes as RelationEdgeAttributes,
      })),
    },
    ...(overrides ? { overrides } : {}),
  };
}

export type GraphLoad =
  | { kind: 'loaded'; file: GraphFile }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/** Fetches the built graph; a missing file is not an error (the user may add articles). */
export async function fetchGraphFile(url: string): Promise<GraphLoad> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch (err) {
    return { kind: 'failed', message: (err as Error).message };
  }
  if (response.status === 404) return { kind: 'missing' };
  if (!response.ok) return { kind: 'failed', message: `${url}: HTTP ${response.status}` };
  try {
    return { kind: 'loaded', file: parseGraphFileText(await response.text(), url) };
  } catch (err) {
    return { kind: 'failed', message: (err as Error).message };
  }
}
