/**
 * Which nodes and edges the current filters and focus leave visible, and the
 * per-type counts the legend shows. Pure: graph + state in, sets out.
 */
import type { ArticleRecord } from '../../model/graph-file';
import type { EntityType } from '../../model/vocabulary';
import type { KnowledgeGraph } from '../data/graph-io';
import type { Filters, Focus } from '../state/view-state';
import type { ReadableDefault } from './readable-default';

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
  /** Nodes of each type that pass every filter but the type filter (what the legend counts). */
  typeCounts: Map<EntityType, number>;
}

function articleInRange(article: ArticleRecord | undefined, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  const date = article?.published?.slice(0, 10);
  if (!date) return false;
  return (!from || date >= from) && (!to || date <= to);
}

export function computeVisibility(
  graph: KnowledgeGraph,
  articles: ReadonlyMap<string, ArticleRecord>,
  filters: Filters,
  focus: Focus | null,
  /** A large graph's readable default (readable-default.ts); ignored while a focus is set. */
  restrict: ReadableDefault | null = null,
): Visibility {
  const limit = focus ? null : restrict;
  const hiddenTypes = new Set(filters.hiddenTypes);
  const hiddenRelations = new Set(filters.hiddenRelations);
  const dated = Boolean(filters.dateFrom || filters.dateTo);
  const articleOk = (id: string) =>
    (!filters.article || id === filters.article) && (!dated || articleInRange(articles.get(id), filters.dateFrom, filters.dateTo));
  const restrictsArticles = Boolean(filters.article) || dated;

  const typeCounts = new Map<EntityType, number>();
  let nodes = new Set<string>();
  graph.forEachNode((node, attrs) => {
    if (attrs.mentions < filters.minMentions) return;
    if (limit && !limit.nodes.has(node)) return;
    if (restrictsArticles && !attrs.articles.some(articleOk)) return;
    typeCounts.set(attrs.type, (typeCounts.get(attrs.type) ?? 0) + 1);
    // A class word ("наркотики") links everything to everything: shown on request, or when focused.
    if (attrs.generic && !filters.showClassWords && node !== focus?.node) return;
    if (!hiddenTypes.has(attrs.type)) nodes.add(node);
  });

  let edges = new Set<string>();
  graph.forEachEdge((edge, attrs, source, target) => {
    if (hiddenRelations.has(attrs.type)) return;
    if (!nodes.has(source) || !nodes.has(target)) return;
    if (attrs.type === 'MENTIONED_WITH') {
      if (attrs.weight < filters.minCooccurrence) return;
      if (limit && !(limit.top.has(source) && limit.top.has(target))) return;
    }
    if (restrictsArticles && attrs.evidence.length > 0 && !attrs.evidence.some((ev) => articleOk(ev.article))) return;
    edges.add(edge);
  });

  if (focus && graph.hasNode(focus.node)) {
    const reached = new Set<string>([focus.node]);
    let frontier = [focus.node];
    for (let hop = 0; hop < focus.hops; hop++) {
      const next: string[] = [];
      for (const node of frontier) {
        graph.forEachEdge(node, (edge, _attrs, source, target) => {
          if (!edges.has(edge)) return;
          const other = source === node ? target : source;
          if (!reached.has(other)) {
            reached.add(other);
            next.push(other);
          }
        });
      }
      frontier = next;
    }
    reached.add(focus.node);
    nodes = reached;
    edges = new Set([...edges].filter((edge) => nodes.has(graph.source(edge)) && nodes.has(graph.target(edge))));
  }

  if (filters.hideIsolated) {
    const connected = new Set<string>();
    for (const edge of edges) {
      connected.add(graph.source(edge));
      connected.add(graph.target(edge));
    }
    if (focus) connected.add(focus.node);
    nodes = new Set([...nodes].filter((node) => connected.has(node)));
  }
  return { nodes, edges, typeCounts };
}
