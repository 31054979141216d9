/**
 * kg serve's summary as the page's graph. The summary is read into the shape of
 * a graph file with empty evidence, so the code that imports a file
 * (graphFromFile) and the code that updates the shown graph in place
 * (articles/sync.ts) serve both sources. Evidence is fetched when shown
 * (ui/evidence-loader.ts).
 */
import { API_SUMMARY_TYPE, type Summary, type SummaryResponse } from '../../model/api';
import type { ArticleRecord, GraphFile } from '../../model/graph-file';
import { fromWire } from '../../model/summary-wire';
import { useRevision } from './api-client';
import { graphFromFile, type GraphLoad } from './graph-io';
import { setGraphSource } from './source';

export type SummaryLoad =
  | { kind: 'summary'; summary: Summary }
  /** No API here (a static host, a 404, something else than a summary): the page reads the graph file. */
  | { kind: 'absent' }
  | { kind: 'failed'; message: string };

function isSummaryResponse(body: unknown): body is SummaryResponse {
  if (typeof body !== 'object' || body === null) return false;
  const wire = body as Partial<SummaryResponse>;
  return wire.type === API_SUMMARY_TYPE && Array.isArray(wire.nodes) && Array.isArray(wire.edges) && Array.isArray(wire.articles) && Array.isArray(wire.relations);
}

export async function fetchSummary(url = 'api/summary'): Promise<SummaryLoad> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch {
    return { kind: 'absent' };
  }
  if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return { kind: 'absent' };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'absent' };
  }
  if (!isSummaryResponse(body)) return { kind: 'absent' };
  // kg serve tags the summary with its revision (docs/serve.md). A static copy (`kg export --format site`) has
  // the summary as a file but no API behind it: its host's ETag differs, and the page reads the graph file.
  const etag = (response.headers.get('etag') ?? '').replace(/^W\//, '');
  if (etag !== `"r${body.revision}"`) return { kind: 'absent' };
  try {
    return { kind: 'summary', summary: fromWire(body) };
  } catch (err) {
    return { kind: 'failed', message: (err as Error).message };
  }
}

/** The summary's articles as records: no text length is known without the text, so `length` is 0. */
export function summaryArticles(summary: Summary): ArticleRecord[] {
  return summary.articles.map((a) => ({ ...a, length: 0 }));
}

/** The summary as a graph file without evidence; articles are referred to by id, as in a file. */
export function fileFromSummary(summary: Summary): GraphFile {
  const articleIds = summary.articles.map((a) => a.id);
  const ids = (indexes: readonly number[]) => indexes.map((i) => articleIds[i]).filter((a): a is string => a !== undefined);
  return {
    type: 'kg-news-explorer/graph',
    version: 2,
    articles: summaryArticles(summary),
    graph: {
      attributes: {},
      options: { type: 'mixed', multi: true, allowSelfLoops: false },
      nodes: summary.nodes.map(({ id, articles, x, y, possibleSameAs, subtype, ...rest }) => ({
        key: id,
        attributes: {
          ...rest,
          ...(subtype !== undefined ? { subtype } : {}),
          ...(possibleSameAs ? { possibleSameAs } : {}),
          articles: ids(articles),
          evidence: [],
          ...(x !== undefined && y !== undefined ? { x, y } : {}),
        },
      })),
      edges: summary.edges.map(({ id, source, target, undirected, type, weight, props }) => ({
        key: id,
        source,
        target,
        ...(undirected ? { undirected: true } : {}),
        attributes: { type, weight, evidence: [], ...(props ? { props } : {}) },
      })),
    },
    overrides: summary.overrides,
  };
}

/** The summary as the page's first graph: from now on the page is in API mode. */
export function loadFromSummary(summary: Summary): GraphLoad {
  const file = fileFromSummary(summary);
  setGraphSource({ kind: 'api', revision: summary.revision });
  useRevision(summary.revision);
  // fromWire checked the edges' ends; the server built the summary from a validated store.
  return { kind: 'loaded', file, graph: graphFromFile(file), validate: () => Promise.resolve() };
}
