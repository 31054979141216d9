/**
 * Exports for other tools (isomorphic: strings in, strings out).
 *
 * GEXF and GraphML readers (Gephi, Gephi Lite, graphology-gexf/-graphml) want flat,
 * typed attributes, so every node and edge is flattened: arrays become strings
 * joined by " | ", evidence becomes a count plus the first sentence, relation
 * properties become `prop_<name>` columns. Attribute names avoid the formats' own
 * words ("type" is an edge's direction in GEXF, so the entity type is `entity_type`
 * and the relation type `relation`).
 */
import Graph from 'graphology';
import writeGexf from 'graphology-gexf/browser/writer.js';
import type { GraphFile } from '../model/graph-file';

export { EXPORT_FORMATS, type ExportFormat } from './export-formats';

const LIST_SEPARATOR = ' | ';

export interface FlatNode {
  key: string;
  label: string;
  entity_type: string;
  subtype: string;
  aliases: string;
  mentions: number;
  article_count: number;
  articles: string;
  possible_same_as: string;
  /** A class word's node ("наркотики", "сайт"): Gephi can filter them out. */
  generic: boolean;
  first_evidence: string;
}

export interface FlatEdge {
  key: string;
  source: string;
  target: string;
  directed: boolean;
  relation: string;
  weight: number;
  evidence_count: number;
  first_evidence: string;
  [prop: `prop_${string}`]: string;
}

export function flatNodes(file: GraphFile): FlatNode[] {
  return file.graph.nodes.map(({ key, attributes: a }) => ({
    key,
    label: a.label,
    entity_type: a.type,
    subtype: a.subtype ?? '',
    aliases: a.aliases.join(LIST_SEPARATOR),
    mentions: a.mentions,
    article_count: a.articles.length,
    articles: a.articles.join(LIST_SEPARATOR),
    possible_same_as: (a.possibleSameAs ?? []).join(LIST_SEPARATOR),
    generic: a.generic === true,
    first_evidence: a.evidence[0]?.sentence.trim() ?? '',
  }));
}

/** Every relation property name used in the file, sorted (one column each). */
function propNames(file: GraphFile): string[] {
  const names = new Set<string>();
  for (const edge of file.graph.edges) for (const name of Object.keys(edge.attributes.props ?? {})) names.add(name);
  return [...names].sort();
}

const propColumn = (name: string): `prop_${string}` => `prop_${name.replace(/[^\p{L}\p{N}_]+/gu, '_')}`;

export function flatEdges(file: GraphFile): FlatEdge[] {
  const props = propNames(file);
  return file.graph.edges.map(({ key, source, target, undirected, attributes: a }) => {
    const edge: FlatEdge = {
      key,
      source,
      target,
      directed: !undirected,
      relation: a.type,
      weight: a.weight,
      evidence_count: a.evidence.length,
      first_evidence: a.evidence[0]?.sentence.trim() ?? '',
    };
    for (const name of props) edge[propColumn(name)] = a.props?.[name] ?? '';
    return edge;
  });
}

/** A graphology graph with flat attributes, for the XML writers. */
function flatGraph(file: GraphFile): Graph {
  const graph = new Graph({ type: 'mixed', multi: true });
  for (const { key, ...attributes } of flatNodes(file)) graph.addNode(key, attributes);
  for (const { key, source, target, directed, ...attributes } of flatEdges(file)) {
    if (directed) graph.addDirectedEdgeWithKey(key, source, target, attributes);
    else graph.addUndirectedEdgeWithKey(key, source, target, attributes);
  }
  return graph;
}

export function toGexf(file: GraphFile): string {
  return writeGexf(flatGraph(file), { pretty: true });
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for XML and drops the characters XML 1.0 cannot carry at all. */
function xml(value: string): string {
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

type GraphmlType = 'string' | 'int' | 'double' | 'boolean';

function graphmlType(values: unknown[]): GraphmlType {
  if (values.every((v) => typeof v === 'boolean')) return 'boolean';
  if (values.every((v) => typeof v === 'number' && Number.isInteger(v))) return 'int';
  if (values.every((v) => typeof v === 'number')) return 'double';
  return 'string';
}

/**
 * GraphML (graphology-graphml only reads it). Edge direction is per edge
 * (`directed` attribute of <edge>), the graph default being undirected.
 */
export function toGraphml(file: GraphFile): string {
  const nodes = flatNodes(file);
  const edges = flatEdges(file);
  const nodeColumns = nodes[0] ? Object.keys(nodes[0]).filter((k) => k !== 'key') : Object.keys(flatNodes({ ...file, graph: { ...file.graph, nodes: [] } })[0] ?? {});
  const edgeColumns = [...new Set(edges.flatMap((e) => Object.keys(e)))].filter((k) => !['key', 'source', 'target', 'directed'].includes(k));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
  ];
  for (const column of nodeColumns) {
    const type = graphmlType(nodes.map((n) => n[column as keyof FlatNode]));
    lines.push(`  <key id="n_${xml(column)}" for="node" attr.name="${xml(column)}" attr.type="${type}"/>`);
  }
  for (const column of edgeColumns) {
    const type = graphmlType(edges.map((e) => e[column as keyof FlatEdge]));
    lines.push(`  <key id="e_${xml(column)}" for="edge" attr.name="${xml(column)}" attr.type="${type}"/>`);
  }
  lines.push('  <graph id="G" edgedefault="undirected">');
  for (const node of nodes) {
    lines.push(`    <node id="${xml(node.key)}">`);
    for (const column of nodeColumns) lines.push(`      <data key="n_${xml(column)}">${xml(String(node[column as keyof FlatNode]))}</data>`);
    lines.push('    </node>');
  }
  for (const edge of edges) {
    lines.push(`    <edge id="${xml(edge.key)}" source="${xml(edge.source)}" target="${xml(edge.target)}" directed="${edge.directed}">`);
    for (const column of edgeColumns) lines.push(`      <data key="e_${xml(column)}">${xml(String(edge[column as keyof FlatEdge] ?? ''))}</data>`);
    lines.push('    </edge>');
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
function csvField(value: unknown): string {
  const text = String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: Array<Record<string, unknown>>, columns: string[]): string {
  return [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(','))].join('\r\n') + '\r\n';
}

/** Two CSV files: nodes (one row per entity) and edges (one row per relation). */
export function toCsv(file: GraphFile): { nodes: string; edges: string } {
  const nodes = flatNodes(file);
  const edges = flatEdges(file);
  const nodeColumns = ['key', 'label', 'entity_type', 'subtype', 'aliases', 'mentions', 'article_count', 'articles', 'possible_same_as', 'generic', 'first_evidence'];
  const edgeColumns = ['key', 'source', 'target', 'directed', 'relation', 'weight', 'evidence_count', 'first_evidence', ...propNames(file).map(propColumn)];
  return { nodes: csv(nodes as unknown as Array<Record<string, unknown>>, nodeColumns), edges: csv(edges as unknown as Array<Record<string, unknown>>, edgeColumns) };
}
