/** The explorer's producers and memoised derived data, without a browser. */
import { describe, expect, it, vi } from 'vitest';
import { createKnowledgeGraph } from '../../src/graph/types';
import { createDerived } from '../../src/app/state/derived';
import * as p from '../../src/app/state/explorer-state';
import { Store, memo, shallowEqual } from '../../src/app/state/store';
import { defaultFilters, defaultViewState } from '../../src/app/state/view-state';
import type { KnowledgeGraph } from '../../src/app/data/graph-io';

const initial = () => p.initialExplorerState(defaultViewState(), [], 'en');
const has = (nodes: string[]) => (node: string) => nodes.includes(node);

function graph(): KnowledgeGraph {
  const g = createKnowledgeGraph() as KnowledgeGraph;
  const node = (key: string, type: 'PERSON' | 'ORGANIZATION', mentions: number) =>
    g.addNode(key, { label: key, type, aliases: [key], mentions, articles: ['a1'], evidence: [], x: 0, y: 0 });
  node('a', 'PERSON', 3);
  node('b', 'ORGANIZATION', 1);
  node('c', 'PERSON', 5);
  g.addDirectedEdgeWithKey('ab', 'a', 'b', { type: 'HOLDS_POSITION', weight: 1, evidence: [] });
  g.addUndirectedEdgeWithKey('bc', 'b', 'c', { type: 'MENTIONED_WITH', weight: 1, evidence: [] });
  return g;
}

describe('producers', () => {
  it('are pure: the old state is unchanged, and no change returns the same object', () => {
    const s0 = initial();
    const frozen = JSON.stringify({ ...s0, fresh: null });
    const s1 = p.select(s0, 'a');
    expect(JSON.stringify({ ...s0, fresh: null })).toBe(frozen);
    expect(s1).toMatchObject({ selected: 'a', history: ['a'], historyIndex: 0 });
    expect(p.clearSelection(s0)).toBe(s0);
    expect(p.setColorMode(s0, 'type')).toBe(s0);
    expect(p.clearPath(s0)).toBe(s0);
  });

  it('select after startPath makes the path; back and forward walk the history', () => {
    let s = p.select(initial(), 'a');
    s = p.startPath(s, 'a');
    s = p.select(s, 'c');
    expect(s.path).toEqual(['a', 'c']);
    expect(s.pathStart).toBeNull();
    s = p.goHistory(s, -1, has(['a', 'c']));
    expect(s).toMatchObject({ selected: 'a', historyIndex: 0, history: ['a', 'c'] });
    expect(p.goHistory(s, -1, has(['a', 'c']))).toBe(s);
  });

  it('graphChanged follows successors, lets go of what is gone, and advances the revision', () => {
    let s = p.select(p.select(p.select(initial(), 'old'), 'gone'), 'old');
    s = p.setFocus(s, { node: 'old', hops: 1 });
    const next = p.graphChanged(s, { articles: [], successors: new Map([['old', 'new']]) }, has(['new']));
    expect(next).toMatchObject({ selected: 'new', focus: { node: 'new', hops: 1 }, history: ['new'], historyIndex: 0, graphRevision: s.graphRevision + 1 });
  });

  it('applyView drops a focus or path that names a missing node and leaves selection to select()', () => {
    const view = { ...defaultViewState(), selected: 'a', focus: { node: 'zz', hops: 1 as const }, path: ['a', 'c'] as [string, string] };
    const s = p.applyView(initial(), view, has(['a', 'c']));
    expect(s).toMatchObject({ selected: null, focus: null, path: ['a', 'c'] });
  });
});

describe('store', () => {
  it('calls a subscriber only when its slice changes', () => {
    const store = new Store(initial());
    const listener = vi.fn();
    store.subscribe((s) => [s.filters] as const, listener, shallowEqual);
    store.dispatch(p.select, 'a');
    store.dispatch(p.setCamera, { x: 1, y: 1, ratio: 1 });
    expect(listener).not.toHaveBeenCalled();
    store.dispatch(p.setFilters, { ...defaultFilters(), minMentions: 2 });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('memo recomputes only when an input changes', () => {
    const compute = vi.fn((a: number, b: object) => [a, b]);
    const f = memo(compute);
    const o = {};
    expect(f(1, o)).toBe(f(1, o));
    f(2, o);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('derived data', () => {
  it('visibility is recomputed for a filter change, not for a click or a camera move', () => {
    const g = graph();
    let forEachNode = 0;
    const original = g.forEachNode.bind(g);
    g.forEachNode = ((cb: Parameters<KnowledgeGraph['forEachNode']>[0]) => {
      forEachNode++;
      return original(cb);
    }) as KnowledgeGraph['forEachNode'];
    const derived = createDerived(g, () => null);
    let s = initial();
    const v0 = derived.visibility(s);
    expect([...v0.nodes].sort()).toEqual(['a', 'b', 'c']);
    const passes = forEachNode;
    s = p.setCamera(p.select(s, 'a'), { x: 0, y: 0, ratio: 2 });
    expect(derived.visibility(s)).toBe(v0);
    expect(forEachNode).toBe(passes);
    s = p.setFilters(s, { ...defaultFilters(), minMentions: 2 });
    const v1 = derived.visibility(s);
    expect([...v1.nodes].sort()).toEqual(['a', 'c']);
    expect(v1.edges.size).toBe(0);
    expect(forEachNode).toBe(passes + 1);
  });

  it('sizes ignore metrics while nodes are sized by mentions; the path is keyed on its ends and options', () => {
    const derived = createDerived(graph(), () => null);
    let s = initial();
    const size = derived.sizeOf(s);
    s = p.metricsChanged(s);
    expect(derived.sizeOf(s)).toBe(size);
    s = p.showPath(s, 'a', 'c');
    const path = derived.path(s);
    expect(path?.nodes).toEqual(['a', 'b', 'c']);
    expect(derived.path(p.select(s, 'b'))).toBe(path);
    expect(derived.visibility(s).nodes.has('b')).toBe(true);
  });
});
