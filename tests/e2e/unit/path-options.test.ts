/** Shortest-path options: typed relations only, avoiding hubs (runs in Node). */
import { describe, expect, it } from 'vitest';
import { emptyGraph } from '../../../src/app/data/graph-io';
import { hubNodes, shortestPath } from '../../../src/app/view/path';
import type { RelationType } from '../../../src/model/vocabulary';

function graph() {
  const g = emptyGraph();
  const node = (key: string) => g.addNode(key, { label: key, type: 'ORGANIZATION', aliases: [], mentions: 1, articles: [], evidence: [] });
  const edge = (type: RelationType, a: string, b: string) => g.addEdge(a, b, { type, weight: 1, evidence: [] });
  for (const key of ['a', 'b', 'hub', 'x1', 'x2']) node(key);
  for (let i = 0; i < 200; i++) {
    node(`n${i}`);
    edge('MENTIONED_WITH', 'hub', `n${i}`);
  }
  edge('MENTIONED_WITH', 'a', 'hub');
  edge('MENTIONED_WITH', 'hub', 'b');
  edge('COOPERATES_WITH', 'a', 'x1');
  edge('PART_OF', 'x1', 'x2');
  edge('LOCATED_IN', 'x2', 'b');
  return g;
}

describe('shortestPath options', () => {
  it('takes the shortest way by default', () => {
    expect(shortestPath(graph(), 'a', 'b')?.nodes).toEqual(['a', 'hub', 'b']);
  });

  it('walks typed relations only when asked', () => {
    expect(shortestPath(graph(), 'a', 'b', { typedOnly: true, avoidHubs: false })?.nodes).toEqual(['a', 'x1', 'x2', 'b']);
  });

  it('avoids entities above the 99th percentile of neighbours, but not the ends', () => {
    const g = graph();
    expect([...hubNodes(g)]).toEqual(['hub']);
    expect(shortestPath(g, 'a', 'b', { typedOnly: false, avoidHubs: true })?.nodes).toEqual(['a', 'x1', 'x2', 'b']);
    expect(shortestPath(g, 'hub', 'n3', { typedOnly: false, avoidHubs: true })?.nodes).toEqual(['hub', 'n3']);
  });

  it('never walks through a class word (a generic node), whatever the options, but may end at one', () => {
    const g = graph();
    g.setNodeAttribute('hub', 'generic', true);
    expect(shortestPath(g, 'a', 'b')?.nodes).toEqual(['a', 'x1', 'x2', 'b']);
    expect(shortestPath(g, 'a', 'hub')?.nodes).toEqual(['a', 'hub']);
  });
});
