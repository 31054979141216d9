import { describe, expect, it } from 'vitest';
import { addArticleRelations, addEdgeEvidence } from '../../src/graph/edge-evidence';
import { GraphState } from '../../src/graph/graph-state';
import { SentenceLocator } from '../../src/graph/sentences';
import type { RelationEvidence } from '../../src/model/graph-file';
import { extraction } from './fixtures';

const evidence = (source: [number, number], target: [number, number], article = 'a1'): RelationEvidence => ({ article, sentence: 's', sentenceStart: 0, source, target });

function withNodes(...ids: string[]): GraphState {
  const state = new GraphState();
  for (const id of ids) state.ensureNode(id, id.startsWith('drug') ? 'DRUG' : id.startsWith('person') ? 'PERSON' : 'ORGANIZATION', undefined);
  return state;
}

describe('adding edge evidence', () => {
  it('puts an undirected relation said either way round on one edge, naming the smaller id’s mention first', () => {
    const state = withNodes('organization:a', 'organization:b');
    addEdgeEvidence(state, 'COOPERATES_WITH', 'organization:b', 'organization:a', evidence([10, 11], [0, 1]));
    addEdgeEvidence(state, 'COOPERATES_WITH', 'organization:a', 'organization:b', evidence([20, 21], [30, 31], 'a2'));
    expect(state.graph.edges()).toEqual(['COOPERATES_WITH:organization:a--organization:b']);
    const key = 'COOPERATES_WITH:organization:a--organization:b';
    expect(state.graph.isUndirected(key)).toBe(true);
    expect(state.graph.getEdgeAttribute(key, 'evidence').map((ev) => [ev.source, ev.target])).toEqual([
      [[0, 1], [10, 11]],
      [[20, 21], [30, 31]],
    ]);
    // Each article knows the edge it supports, so removing the article finds it.
    expect([...state.articleEdges.get('a2')!]).toEqual([key]);
    expect(state.changes.touched().edges.has(key)).toBe(true);
  });

  it('keeps a directed relation’s direction: the two ways round are two edges', () => {
    const state = withNodes('person:a', 'organization:b');
    addEdgeEvidence(state, 'SENT_REQUEST_TO', 'person:a', 'organization:b', evidence([0, 1], [5, 6]));
    addEdgeEvidence(state, 'SENT_REQUEST_TO', 'organization:b', 'person:a', evidence([5, 6], [0, 1]));
    expect(state.graph.edges().sort()).toEqual(['SENT_REQUEST_TO:organization:b->person:a', 'SENT_REQUEST_TO:person:a->organization:b']);
    expect(state.graph.isDirected('SENT_REQUEST_TO:person:a->organization:b')).toBe(true);
  });
});

describe('an article’s relations', () => {
  const text = 'Министр Ерлан Тургумбаев возглавляет МВД, заявил Токаев. Полиция изъяла героин и гашиш. Тургумбаев сам себя похвалил.';
  const result = extraction(
    text,
    [
      /* 0 */ { type: 'PERSON', text: 'Ерлан Тургумбаев', norm: 'Ерлан Тургумбаев' },
      /* 1 */ { type: 'ORGANIZATION', text: 'МВД', norm: 'МВД' },
      /* 2 */ { type: 'PERSON', text: 'Токаев', norm: 'Токаев' },
      /* 3 */ { type: 'ORGANIZATION', text: 'Полиция', norm: 'полиция' },
      /* 4 */ { type: 'DRUG', text: 'героин', norm: 'героин' },
      /* 5 */ { type: 'DRUG', text: 'гашиш', norm: 'гашиш' },
      /* 6 */ { type: 'PERSON', text: 'Тургумбаев', norm: 'Тургумбаев', nth: 1 },
    ],
    [
      { type: 'HOLDS_POSITION', source: 0, target: 1, props: { position: 'министр' } },
      { type: 'SEIZED', source: 3, target: 4 },
      { type: 'STATED', source: 6, target: 0 },
    ],
  );
  const nodes = new Map([
    [0, 'person:erlan-turgumbaev'],
    [1, 'organization:mvd'],
    [2, 'person:tokaev'],
    [3, 'organization:policiya'],
    [4, 'drug:heroin'],
    [5, 'drug:hashish'],
    [6, 'person:erlan-turgumbaev'],
  ]);

  function add(relations = result.relations) {
    const state = withNodes(...new Set(nodes.values()));
    const typed = addArticleRelations(state, 'a1', text, { ...result, relations }, nodes, new SentenceLocator(text, result.sentences));
    return { state, typed, edges: state.graph.edges().sort() };
  }

  it('adds each typed relation with its sentence and props, and skips a relation of an entity with itself', () => {
    const { state, typed, edges } = add();
    expect(typed).toBe(2);
    expect(edges.filter((e) => !e.startsWith('MENTIONED_WITH'))).toEqual(['HOLDS_POSITION:person:erlan-turgumbaev->organization:mvd', 'SEIZED:organization:policiya->drug:heroin']);
    const [ev] = state.graph.getEdgeAttribute('HOLDS_POSITION:person:erlan-turgumbaev->organization:mvd', 'evidence');
    expect(ev).toMatchObject({ article: 'a1', sentence: 'Министр Ерлан Тургумбаев возглавляет МВД, заявил Токаев.', sentenceStart: 0, props: { position: 'министр' } });
  });

  it('links entities only named together in a sentence by MENTIONED_WITH, except where a typed relation links them there', () => {
    const { edges } = add();
    expect(edges.filter((e) => e.startsWith('MENTIONED_WITH'))).toEqual([
      'MENTIONED_WITH:drug:hashish--drug:heroin',
      'MENTIONED_WITH:drug:hashish--organization:policiya',
      'MENTIONED_WITH:organization:mvd--person:tokaev',
      'MENTIONED_WITH:person:erlan-turgumbaev--person:tokaev',
    ]);
    // Without the typed relation, the pair is co-mentioned instead.
    expect(add([]).edges).toContain('MENTIONED_WITH:organization:mvd--person:erlan-turgumbaev');
  });

  it('takes the sentence around the two mentions when the extractor’s evidence span does not fit the text', () => {
    const broken = result.relations.map((r) => (r.type === 'SEIZED' ? { ...r, evidence: [40, 9999] as [number, number] } : r));
    const { state } = add(broken);
    expect(state.graph.getEdgeAttribute('SEIZED:organization:policiya->drug:heroin', 'evidence')[0]!.sentence).toBe('Полиция изъяла героин и гашиш.');
  });
});
