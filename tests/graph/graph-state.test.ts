import { describe, expect, it } from 'vitest';
import { ChangeTracker } from '../../src/graph/change-tracking';
import { mergeEdgeProps, refreshEdge, refreshNode } from '../../src/graph/derived-attributes';
import { GraphState } from '../../src/graph/graph-state';
import { ev, mention, recordingGuard, relate } from './state-fixtures';
import { emptyGraphFile } from '../../src/graph/knowledge-base';
import type { GraphFile } from '../../src/model/graph-file';

describe('the graph state', () => {
  it('creates a node once, keeps the first subtype it is given, and lets a later one fill a missing subtype', () => {
    const state = new GraphState();
    state.ensureNode('organization:mvd', 'ORGANIZATION', undefined);
    state.ensureNode('organization:mvd', 'ORGANIZATION', 'government_agency');
    state.ensureNode('organization:mvd', 'ORGANIZATION', 'criminal_group');
    expect(state.graph.order).toBe(1);
    expect(state.graph.getNodeAttribute('organization:mvd', 'subtype')).toBe('government_agency');
    expect(state.stateOf('organization:mvd').type).toBe('ORGANIZATION');
    expect(state.changes.touched().nodes.has('organization:mvd')).toBe(true);
  });

  it('finds a node by every name it has been called, in any script, and forgets a name no mention uses any more', () => {
    const state = new GraphState();
    state.ensureNode('person:jomart-kasim-tokaev', 'PERSON', undefined);
    mention(state, 'person:jomart-kasim-tokaev', ev('a1', 'Касым-Жомарт Токаев'));
    const byName = (name: string) => [...state.candidates(`n:person:${name}`)];
    expect(byName('jomart-kasim-tokaev')).toEqual(['person:jomart-kasim-tokaev']);
    expect([...state.candidates('id:person:jomart-kasim-tokaev')]).toEqual(['person:jomart-kasim-tokaev']);
    mention(state, 'person:jomart-kasim-tokaev', ev('a2', 'Kassym-Jomart Tokayev'));
    // The English spelling folds to the same key: still one entry, one node.
    expect(byName('jomart-kasim-tokaev')).toEqual(['person:jomart-kasim-tokaev']);
    state.graph.dropNode('person:jomart-kasim-tokaev');
    state.reindex('person:jomart-kasim-tokaev');
    expect(byName('jomart-kasim-tokaev')).toEqual([]);
  });

  it('is found by the lexicon entry its mentions were identified by, whatever the name', () => {
    const state = new GraphState();
    state.ensureNode('location:ssha', 'LOCATION', 'country');
    mention(state, 'location:ssha', ev('a1', 'США', { text: 'США', ref: 'loc:usa' }));
    expect(state.stateOf('location:ssha').keys.filter((k) => k.includes('usa'))).not.toEqual([]);
    const refKey = state.stateOf('location:ssha').keys.find((k) => k.startsWith('n:') && k.includes('usa'))!;
    expect([...state.candidates(refKey)]).toEqual(['location:ssha']);
  });

  it('tells the guard of every key and candidate it reads, and counts the candidates as work', () => {
    const state = new GraphState();
    state.ensureNode('person:a', 'PERSON', undefined);
    state.index.add('person:a', ['w:person:petrov']);
    state.index.add('person:b', ['w:person:petrov']);
    const guard = recordingGuard();
    state.guard = guard;
    state.changes.begin();
    expect([...state.candidates('w:person:petrov')].sort()).toEqual(['person:a', 'person:b']);
    expect(guard.log).toEqual(['key w:person:petrov', 'node person:a', 'node person:b']);
    expect(state.changes.work.candidatesVisited).toBe(2);
    state.candidates('w:person:nobody');
    expect(guard.log.at(-1)).toBe('key w:person:nobody');
  });

  it('caches a node’s full names until a new name arrives', () => {
    const state = new GraphState();
    state.ensureNode('person:petrov-sergei', 'PERSON', undefined);
    mention(state, 'person:petrov-sergei', ev('a1', 'Петров'));
    expect(state.fullNames('person:petrov-sergei').size).toBe(0);
    mention(state, 'person:petrov-sergei', ev('a2', 'Сергей Петров'));
    expect([...state.fullNames('person:petrov-sergei')]).toEqual(['person:petrov-sergei']);
    expect(state.fullNames('person:missing').size).toBe(0);
  });

  it('loads a graph file with every node recounted and findable, and stubs only as the ends of edges', () => {
    const source = new GraphState();
    const ivanov = ev('a1', 'Иван Иванов', { text: 'Ивана Иванова' });
    const mvd = ev('a1', 'МВД', { start: 20 });
    mention(source, 'person:ivan-ivanov', ivanov);
    mention(source, 'organization:mvd', mvd);
    relate(source, 'HOLDS_POSITION', 'person:ivan-ivanov', ivanov, 'organization:mvd', mvd);
    const file = { ...emptyGraphFile(), graph: source.graph.export() as GraphFile['graph'] };
    const loaded = new GraphState();
    loaded.load(file, ['organization:mvd']);
    expect(loaded.graph.order).toBe(2);
    expect(Object.fromEntries(loaded.stateOf('person:ivan-ivanov').texts)).toEqual({ 'Ивана Иванова': 1 });
    expect([...loaded.candidates('n:person:ivan-ivanov')]).toEqual(['person:ivan-ivanov']);
    expect(loaded.nodeState.has('organization:mvd')).toBe(false);
    expect([...loaded.candidates('id:organization:mvd')]).toEqual([]);
    expect([...loaded.articleNodes.get('a1')!]).toEqual(['person:ivan-ivanov']);
    expect([...loaded.articleEdges.get('a1')!]).toEqual(['HOLDS_POSITION:person:ivan-ivanov->organization:mvd']);
  });

  it('follows a chain of nodes merged away during one article', () => {
    const state = new GraphState();
    state.forwards.set('person:a', 'person:b');
    state.forwards.set('person:b', 'person:c');
    expect(state.forwarded('person:a')).toBe('person:c');
    expect(state.forwarded('person:x')).toBe('person:x');
  });
});

describe('change tracking', () => {
  it('refreshes each dirty node and edge once per flush, and a dropped one not at all', () => {
    const changes = new ChangeTracker();
    changes.touchNode('n1');
    changes.touchNode('n1');
    changes.touchNode('n2');
    changes.touchEdge('e1');
    changes.forgetNode('n2');
    const seen: string[] = [];
    changes.drain((id) => seen.push(id), (key) => seen.push(key));
    expect(seen).toEqual(['n1', 'e1']);
    changes.drain((id) => seen.push(id), (key) => seen.push(key));
    expect(seen).toEqual(['n1', 'e1']);
  });

  it('reports to a store what a change touched, flushed or dropped since, but not what a load marked for refresh', () => {
    const changes = new ChangeTracker();
    changes.refreshAll(['loaded'], ['loaded-edge']);
    changes.begin();
    changes.touchNode('n1');
    changes.touchEdge('e1');
    changes.touchNode('gone');
    changes.forgetNode('gone');
    changes.drain(() => {}, () => {});
    expect([...changes.touched().nodes].sort()).toEqual(['gone', 'n1']);
    expect([...changes.touched().edges]).toEqual(['e1']);
    changes.countTouched();
    expect(changes.work).toMatchObject({ nodesTouched: 2, edgesTouched: 1 });
    changes.begin();
    expect(changes.touched().nodes.size).toBe(0);
    expect(changes.work).toEqual({ nodesTouched: 0, edgesTouched: 0, candidatesVisited: 0, evidenceMoved: 0 });
  });
});

describe('derived attributes', () => {
  it('labels a node by its fullest name and lists every name and written form once', () => {
    const state = new GraphState();
    state.ensureNode('person:matkenov-tlegen', 'PERSON', undefined);
    mention(state, 'person:matkenov-tlegen', ev('b', 'Тлеген Маткенов', { text: 'Тлегена Маткенова' }), ev('a', 'Маткенов', { text: 'Маткенову' }), ev('a', 'Тлеген Маткенов'));
    refreshNode(state.graph, 'person:matkenov-tlegen', state.stateOf('person:matkenov-tlegen'));
    expect(state.graph.getNodeAttributes('person:matkenov-tlegen')).toMatchObject({
      label: 'Тлеген Маткенов',
      aliases: ['Маткенов', 'Маткенову', 'Тлеген Маткенов', 'Тлегена Маткенова'],
      mentions: 3,
      articles: ['a', 'b'],
    });
  });

  it('lists as possibly the same only the candidates still in the graph', () => {
    const state = new GraphState();
    state.ensureNode('person:petrov', 'PERSON', undefined);
    state.ensureNode('person:petrov-sergei', 'PERSON', undefined);
    mention(state, 'person:petrov', ev('a', 'Петров'));
    state.stateOf('person:petrov').possibleSameAs.add('person:petrov-sergei').add('person:aleksandr-petrov');
    refreshNode(state.graph, 'person:petrov', state.stateOf('person:petrov'));
    expect(state.graph.getNodeAttribute('person:petrov', 'possibleSameAs')).toEqual(['person:petrov-sergei']);
    state.graph.dropNode('person:petrov-sergei');
    refreshNode(state.graph, 'person:petrov', state.stateOf('person:petrov'));
    expect(state.graph.getNodeAttributes('person:petrov')).not.toHaveProperty('possibleSameAs');
  });

  it('weighs an edge by its evidence sentences and joins each prop’s distinct values', () => {
    const state = new GraphState();
    state.ensureNode('organization:a', 'ORGANIZATION', undefined);
    state.ensureNode('drug:heroin', 'DRUG', undefined);
    const evidence = (quantity?: string) => ({ article: 'x', sentence: 's', sentenceStart: 0, source: [0, 1] as [number, number], target: [2, 3] as [number, number], ...(quantity ? { props: { quantity } } : {}) });
    state.graph.addDirectedEdgeWithKey('SEIZED:organization:a->drug:heroin', 'organization:a', 'drug:heroin', {
      type: 'SEIZED',
      weight: 0,
      evidence: [evidence('2 тонны'), evidence(), evidence('19,4 тонны'), evidence('2 тонны')],
    });
    refreshEdge(state.graph, 'SEIZED:organization:a->drug:heroin');
    expect(state.graph.getEdgeAttributes('SEIZED:organization:a->drug:heroin')).toMatchObject({ weight: 4, props: { quantity: '19,4 тонны; 2 тонны' } });
    expect(mergeEdgeProps([{}, { props: {} }])).toBeUndefined();
  });
});
