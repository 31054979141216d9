/**
 * Between the versioned graph file and the in-memory graphology graph. The app
 * never keeps display attributes (colour, size) in the graph, so what is
 * exported is exactly the file format, plus the current positions.
 */
import Graph from 'graphology';
import type { ArticleRecord, EntityNodeAttributes, GraphFile, Overrides, RelationEdgeAttributes } from '../../model/graph-file';
import { FormatError } from '../../model/errors';
// Version 2 files store each quoted sentence once; this zod-free expansion runs while the worker validates.
import { expandStoredSentences } from '../../graph/stored-form';

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

/**
 * The graph as the versioned file. Async because the file-format module carries
 * the zod schemas: loading it on demand keeps zod out of the code that draws
 * the first frame (the page validates in a worker).
 */
export async function fileFromGraph(graph: KnowledgeGraph, articles: readonly ArticleRecord[], overrides?: Overrides): Promise<GraphFile> {
  const { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION } = await import('../../model/graph-file');
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

/** Validates graph-file text in a worker (see validate.worker.ts); rejects with the validator's message. */
export function validateGraphText(text: string, source: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../workers/validate.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<{ ok: boolean; message?: string }>) => {
      worker.terminate();
      if (event.data.ok) resolve();
      else reject(new FormatError('graph-file', (event.data.message ?? 'invalid graph file').replace(/^graph-file: /, '')));
    });
    worker.addEventListener('error', (event) => {
      worker.terminate();
      reject(new Error(`graph validation worker failed: ${event.message || 'unknown error'}`));
    });
    worker.postMessage({ text, source });
  });
}

/**
 * Parses graph-file text into a graph: validation runs in a worker while this
 * thread parses and imports, and nothing is returned unless validation passed.
 * Throws a FormatError saying what is wrong and where.
 */
export async function graphFromText(text: string, source: string): Promise<{ file: GraphFile; graph: KnowledgeGraph }> {
  const validation = validateGraphText(text, source);
  // Attach the handler now: an early rejection must not count as unhandled.
  validation.catch(() => undefined);
  let imported: { file: GraphFile; graph: KnowledgeGraph } | null = null;
  let importError: unknown = null;
  try {
    const file = expandStoredSentences(JSON.parse(text));
    imported = { file, graph: graphFromFile(file) };
  } catch (err) {
    importError = err;
  }
  await validation;
  if (!imported) throw new FormatError('graph-file', `${source} could not be imported: ${(importError as Error).message}`);
  return imported;
}

export type GraphLoad =
  /**
   * `validate()` starts the worker that checks the whole file (once; later calls
   * return the same promise). The graph is already imported (graphology checked
   * its structure: keys, edge ends), so the page draws it first and validates
   * after the first frame, when the worker no longer competes for the CPU; on
   * rejection the page must drop it.
   */
  | { kind: 'loaded'; file: GraphFile; graph: KnowledgeGraph; validate: () => Promise<void> }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

/** Fetches the built graph; a missing file is not an error (the user may add articles). */
export async function fetchGraphFile(url: string, timings: Record<string, number> = {}): Promise<GraphLoad> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch (err) {
    return { kind: 'failed', message: (err as Error).message };
  }
  if (response.status === 404) return { kind: 'missing' };
  if (!response.ok) return { kind: 'failed', message: `${url}: HTTP ${response.status}` };
  let text: string;
  try {
    text = await response.text();
  } catch (err) {
    return { kind: 'failed', message: (err as Error).message };
  }
  timings['fetched'] = performance.now();
  // Full validation (zod) costs more than drawing a large graph: it runs in a worker, on demand.
  let validation: Promise<void> | null = null;
  const validate = () => (validation ??= validateGraphText(text, url));
  try {
    const file = expandStoredSentences(JSON.parse(text));
    return { kind: 'loaded', file, graph: graphFromFile(file), validate };
  } catch (err) {
    // The validator's message says what is wrong and where; prefer it.
    return validate().then(
      () => ({ kind: 'failed', message: `${url} could not be imported: ${(err as Error).message}` }),
      (invalid: unknown) => ({ kind: 'failed', message: (invalid as Error).message }),
    );
  }
}
