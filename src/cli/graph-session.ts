/** Opening and updating the graph file for a command (Node-only). */
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../node/resources';
import { KnowledgeBase } from '../graph/knowledge-base';
import { readGraphFile, withGraphLock, writeGraphFile } from '../graph/file-io';
import { serializeGraphFile } from '../graph/serialize';

export const DEFAULT_GRAPH_PATH = resolve(PROJECT_ROOT, 'graph-data', 'graph.json');
export const GRAPH_OPTION_HELP = 'graph file to read and write';

/** Loads the graph for reading (the file must exist). */
export async function openGraph(path: string): Promise<KnowledgeBase> {
  return KnowledgeBase.fromFile(await readGraphFile(path));
}

export interface GraphChange<T> {
  changed: boolean;
  result: T;
  /** A new knowledge base to save instead of the loaded one (a rebuild). */
  replacement?: KnowledgeBase | undefined;
}

/**
 * Read-modify-write under the file's lock. `change` returns whether it changed
 * anything; the file is rewritten (atomically) only then, and only if the bytes differ.
 * If `change` throws, nothing is written.
 */
export async function updateGraph<T>(
  path: string,
  change: (kb: KnowledgeBase) => Promise<GraphChange<T>> | GraphChange<T>,
  options: { missing: 'empty' | 'error' } = { missing: 'error' },
): Promise<T> {
  return withGraphLock(path, async () => {
    const file = await readGraphFile(path, options);
    const before = options.missing === 'empty' && file.articles.length === 0 ? undefined : serializeGraphFile(file);
    const kb = KnowledgeBase.fromFile(file);
    const { changed, result, replacement } = await change(kb);
    if (changed) {
      const after = (replacement ?? kb).toFile();
      if (serializeGraphFile(after) !== before) await writeGraphFile(path, after);
    }
    return result;
  });
}
