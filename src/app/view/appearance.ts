/** Colours and sizes: display only, never written into the graph. */
import type { EntityType, RelationType } from '../../model/vocabulary';
import type { KnowledgeGraph } from '../data/graph-io';

export const TYPE_COLORS: Record<EntityType, string> = {
  PERSON: '#2f6fd0',
  ORGANIZATION: '#d0402f',
  LOCATION: '#2e9e4f',
  DRUG: '#8e44ad',
  CHANNEL: '#e08a00',
  MONEY: '#8c6d46',
  QUANTITY: '#6f7782',
  DATE: '#1aa3b8',
};

/** Colours for communities (Tableau 20 without the greys), cycled. */
const COMMUNITY_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f',
  '#a0cbe8', '#ffbe7d', '#8cd17d', '#b6992d', '#f1ce63', '#86bcb6', '#ff9d9a', '#d37295', '#fabfd2', '#d4a6c8',
];

export function communityColor(community: number): string {
  return COMMUNITY_COLORS[((community % COMMUNITY_COLORS.length) + COMMUNITY_COLORS.length) % COMMUNITY_COLORS.length]!;
}

/**
 * Colours by community size: the largest community gets the first colour and so on,
 * so the communities a legend lists (the largest) never share a colour. Louvain's
 * own ids carry no meaning and would collide modulo the palette.
 */
export function communityPalette(community: ReadonlyMap<string, number>): (id: number) => string {
  const sizes = new Map<number, number>();
  for (const c of community.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const rank = new Map([...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c], i) => [c, i]));
  return (id) => communityColor(rank.get(id) ?? id);
}

/**
 * One colour per typed relation, none of them grey: co-occurrence is the grey,
 * thin background the typed relations stand out from.
 */
export const RELATION_COLORS: Record<RelationType, string> = {
  HOLDS_POSITION: '#1e88e5',
  PART_OF: '#00897b',
  LOCATED_IN: '#43a047',
  COOPERATES_WITH: '#fb8c00',
  SENT_REQUEST_TO: '#6d4c41',
  STATED: '#5e35b1',
  SEIZED: '#e53935',
  DISTRIBUTED_VIA: '#00acc1',
  MENTIONED_WITH: '#cfd5dd',
};

export function relationColor(type: RelationType): string {
  return RELATION_COLORS[type] ?? EDGE_COLOR;
}

/** Edge width in pixels: co-occurrence stays thin whatever its count, typed relations grow slowly with evidence. */
export function edgeSize(type: RelationType, weight: number): number {
  const w = Math.log2(Math.max(weight, 1));
  return type === 'MENTIONED_WITH' ? Math.min(0.6 + 0.4 * w, 2) : Math.min(2 + w, 5);
}

export const DIMMED_NODE = '#d9dde3';
export const DIMMED_EDGE = '#eef0f3';
export const EDGE_COLOR = '#b8c0cc';
export const HIGHLIGHT_EDGE = '#3b4452';
export const PATH_COLOR = '#e0218a';
export const NEW_COLOR = '#ffb000';

export const MIN_NODE_SIZE = 4;
export const MAX_NODE_SIZE = 22;

/** Square-root scale from [min, max] to node sizes in pixels, so areas grow with the value. */
export function sizeScale(min: number, max: number): (value: number) => number {
  const lo = Math.sqrt(Math.max(min, 0));
  const hi = Math.sqrt(Math.max(max, 0));
  if (hi - lo < 1e-12) return () => (MIN_NODE_SIZE + MAX_NODE_SIZE) / 3;
  return (value) => MIN_NODE_SIZE + ((Math.sqrt(Math.max(value, 0)) - lo) / (hi - lo)) * (MAX_NODE_SIZE - MIN_NODE_SIZE);
}

/** Node sizes scaled over the graph's range of `valueOf`; nodes not (or no longer) in the graph get a middle size. */
export function sizeByValue(graph: KnowledgeGraph, valueOf: (node: string) => number): (node: string) => number {
  let min = Infinity;
  let max = -Infinity;
  graph.forEachNode((node) => {
    const v = valueOf(node);
    min = Math.min(min, v);
    max = Math.max(max, v);
  });
  const scale = sizeScale(Number.isFinite(min) ? min : 0, Number.isFinite(max) ? max : 1);
  return (node) => (graph.hasNode(node) ? scale(valueOf(node)) : 6);
}

/** The mention count as a number (a file still being validated may carry anything). */
export function mentionsOf(graph: KnowledgeGraph, node: string): number {
  return Number(graph.getNodeAttribute(node, 'mentions')) || 0;
}

/** Colour by entity type, with a fallback while the file is still being validated (an unknown type is then refused). */
export function typeColorOf(graph: KnowledgeGraph, node: string): string {
  return TYPE_COLORS[graph.getNodeAttribute(node, 'type')] ?? '#999999';
}
