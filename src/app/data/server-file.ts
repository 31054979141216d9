/**
 * In API mode the page's graph has no evidence; the whole graph file is the
 * server's (GET graph-data/graph.json, `kg export` as of the current revision),
 * with the positions the user sees laid over it.
 */
import type { GraphFile } from '../../model/graph-file';
import { expandStoredSentences } from '../../graph/stored-form';
import { requestJson } from './api-client';
import type { KnowledgeGraph } from './graph-io';

export async function serverGraphFile(graph: KnowledgeGraph): Promise<GraphFile> {
  const file = expandStoredSentences(await requestJson<unknown>('graph-data/graph.json', { cache: 'no-cache' }));
  for (const node of file.graph.nodes) {
    if (!graph.hasNode(node.key)) continue;
    const { x, y } = graph.getNodeAttributes(node.key);
    if (typeof x === 'number' && typeof y === 'number') Object.assign(node.attributes, { x, y });
  }
  return file;
}
