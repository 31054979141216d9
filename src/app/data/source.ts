/**
 * Where the displayed graph came from: a graph file (evidence in the graph's
 * attributes) or kg serve's API (the summary only; evidence, article text and
 * metrics are asked for when shown). Kept here, not in graph attributes, which
 * hold only what the graph file holds.
 */
export type GraphSource = { kind: 'file' } | { kind: 'api'; revision: string };

let current: GraphSource = { kind: 'file' };

export function graphSource(): GraphSource {
  return current;
}

export function setGraphSource(source: GraphSource): void {
  current = source;
}

export function isApiSource(): boolean {
  return current.kind === 'api';
}
