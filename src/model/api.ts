/**
 * The HTTP API of `kg serve`: one source of truth for the server (src/server) and
 * the page (src/app), so a change to a response shape is a type error on both
 * sides. Every path is under /api; every error is `ApiError` with a 4xx/5xx status.
 *
 * The page loads only what it draws: `GET /api/summary` first (nodes with label,
 * type, counts and position; edges with type and weight; no evidence, no text),
 * then evidence, article text, metrics and paths when the user asks for them.
 */
import type { ArticleRecord, MentionEvidence, Overrides, RelationEvidence } from './graph-file';
import type { EntityType, Language, RelationType } from './vocabulary';

export const API_SUMMARY_TYPE = 'kg-news-explorer/summary';
export const API_VERSION = 1;

/** Every error response: a message fit to show to the user as it is. */
export interface ApiError {
  error: string;
}

/** An article as the summary lists it (no text, no facts). */
export interface SummaryArticle {
  id: string;
  title: string;
  lang: Language;
  published?: string;
  source?: { name: string; url: string };
}

export interface SummaryNode {
  id: string;
  label: string;
  type: EntityType;
  subtype?: string;
  /** Every distinct surface form and known alternative name (what search matches). */
  aliases: string[];
  mentions: number;
  /** Indexes into `SummaryResponse.articles` of the articles that mention it. */
  articles: number[];
  possibleSameAs?: string[];
  /** A class word ("наркотики", "сайт"): see EntityNodeAttributes.generic. */
  generic?: true;
  x?: number;
  y?: number;
}

export interface SummaryEdge {
  id: string;
  source: string;
  target: string;
  undirected?: boolean;
  type: RelationType;
  weight: number;
  /** Indexes into `SummaryResponse.articles` of the articles its evidence comes from. */
  articles: number[];
  props?: Record<string, string>;
}

/** The graph without its evidence: what the page draws (summary-wire.ts puts it on the wire). */
export interface Summary {
  type: typeof API_SUMMARY_TYPE;
  version: typeof API_VERSION;
  /** Changes whenever the graph changes (any writer): a cache key for metrics and for the page. */
  revision: string;
  articles: SummaryArticle[];
  nodes: SummaryNode[];
  edges: SummaryEdge[];
  overrides: Overrides;
}

/**
 * One edge on the wire: [source, target, relation, weight, articles, props?, id?],
 * the ends as indexes into `nodes`, the relation as an index into `relations`. The
 * edge's id and direction follow from these (edgeKey, UNDIRECTED_RELATIONS); `id`
 * is sent only for an edge whose key is not that (a graph imported from elsewhere).
 * Most of a graph is edges, and spelling each one's ids out twice (in its key and
 * its ends) made the summary half the size of the whole graph file.
 */
export type WireEdge = [source: number, target: number, relation: number, weight: number, articles: number[], props?: Record<string, string> | null, id?: string];

/** GET /api/summary: the Summary, with its edges compact (see summary-wire.ts). */
export interface SummaryResponse extends Omit<Summary, 'edges'> {
  relations: RelationType[];
  edges: WireEdge[];
}

/** GET /api/entities/:id?offset=0&limit=50: the node with one page of its evidence, in article then text order. */
export interface EntityResponse {
  node: SummaryNode;
  evidence: MentionEvidence[];
  /** All the evidence the node has (the page asks for the next page with offset). */
  total: number;
  offset: number;
}

/** GET /api/edges/:id?offset=0&limit=50 */
export interface EdgeResponse {
  edge: SummaryEdge;
  evidence: RelationEvidence[];
  total: number;
  offset: number;
}

/** GET /api/articles/:id */
export interface ArticleResponse {
  article: ArticleRecord;
  text: string;
}

/** GET /api/search?q=…&limit=20 */
export interface SearchResponse {
  hits: Array<{ id: string; label: string; type: EntityType; mentions: number; /** the alias that matched, when not the label */ matched?: string }>;
}

/** GET /api/neighbourhood/:id?hops=1|2 */
export interface NeighbourhoodResponse {
  nodes: string[];
  edges: string[];
}

/** GET /api/path?from=…&to=…&typed=1&avoidHubs=1: 404 with ApiError when there is no path. */
export interface PathResponse {
  /** Node ids from `from` to `to`. */
  nodes: string[];
  /** For each hop, the edge id between nodes[i] and nodes[i + 1]. */
  edges: string[];
}

export interface NodeMetrics {
  degree: number;
  pagerank: number;
  betweenness: number;
  community: number;
}

/** GET /api/metrics: computed off the request path and cached per revision. */
export interface MetricsResponse {
  revision: string;
  nodes: Record<string, NodeMetrics>;
  communities: number;
}

/** POST /api/articles: one article's text and what is known of it. */
export interface AddArticleRequest {
  text: string;
  title?: string;
  published?: string;
  source?: { name: string; url: string };
  /** The file name, when it came from a file. */
  file?: string;
}

/** 202 to POST /api/articles; GET /api/jobs/:id reports the same shape. */
export interface JobResponse {
  id: string;
  state: 'queued' | 'extracting' | 'writing' | 'done' | 'failed';
  /** 0..1 */
  progress: number;
  /** When done: the article and what it added. */
  result?: { article: string; newEntities: Array<{ id: string; label: string; type: EntityType }>; knownEntities: number; relations: number; alreadyInGraph: boolean };
  /** When failed: why, fit to show. */
  error?: string;
}

/** DELETE /api/articles/:id */
export interface RemoveArticleResponse {
  removedEntities: string[];
}

/** POST /api/merge */
export interface MergeRequest {
  keep: string;
  absorb: string;
}
/** The node that now holds both. */
export interface MergeResponse {
  id: string;
}

/** POST /api/split; the response names the new node. */
export interface SplitRequest {
  id: string;
  aliases: string[];
}
export interface SplitResponse {
  id: string;
}
