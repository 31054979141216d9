import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/graph';
import { mentionId, mergeInto, moveEvidence } from '../../src/graph/evidence-move';
import { GraphState } from '../../src/graph/graph-state';
import { parseArticle } from '../../src/ingest';
import { extraction } from './fixtures';
import { ev, mention, recordingGuard, relate } from './state-fixtures';

describe('merging one node into another', () => {
  function twoMatkenovs() {
    const state = new GraphState();
    const full = ev('a1', 'Тлеген Маткенов', { text: 'Тлегена Маткенова' });
    const dept = ev('a1', 'Департамент', { start: 30 });
    const short = ev('a2', 'Matkenov');
    const police = ev('a2', 'полиция', { start: 20 });
    const alsoShort = ev('a2', 'Matkenov', { start: 40 });
    mention(state, 'person:matkenov-tlegen', full);
    mention(state, 'organization:departament', dept);
    mention(state, 'person:matkenov', short, alsoShort);
    mention(state, 'organization:policiya', police);
    mention(state, 'person:other');
    relate(state, 'HOLDS_POSITION', 'person:matkenov-tlegen', full, 'organization:departament', dept);
    relate(state, 'MENTIONED_WITH', 'person:matkenov', short, 'organization:policiya', police);
    relate(state, 'STATED', 'person:matkenov', short, 'person:matkenov-tlegen', full);
    state.stateOf('person:matkenov').possibleSameAs.add('person:other');
    state.stateOf('person:other').possibleSameAs.add('person:matkenov');
    state.changes.begin();
    return state;
  }

  it('gives the target every mention, name and relation of the absorbed node, and drops it', () => {
    const state = twoMatkenovs();
    mergeInto(state, 'person:matkenov-tlegen', 'person:matkenov');
    expect(state.graph.hasNode('person:matkenov')).toBe(false);
    expect(state.graph.getNodeAttribute('person:matkenov-tlegen', 'evidence').map((e) => e.text)).toEqual(['Тлегена Маткенова', 'Matkenov', 'Matkenov']);
    expect(Object.fromEntries(state.stateOf('person:matkenov-tlegen').norms)).toEqual({ 'Тлеген Маткенов': 1, Matkenov: 2 });
    expect(state.graph.edges().sort()).toEqual([
      'HOLDS_POSITION:person:matkenov-tlegen->organization:departament',
      'MENTIONED_WITH:organization:policiya--person:matkenov-tlegen',
    ]);
    expect(state.changes.work.evidenceMoved).toBe(2);
  });

  it('drops a relation between the two merged names instead of making a self-loop', () => {
    const state = twoMatkenovs();
    mergeInto(state, 'person:matkenov-tlegen', 'person:matkenov');
    expect(state.graph.edges().some((e) => e.startsWith('STATED'))).toBe(false);
    expect([...state.articleEdges.get('a2')!]).toEqual(['MENTIONED_WITH:organization:policiya--person:matkenov-tlegen']);
  });

  it('leaves no trace of the absorbed id: index, article index and possibleSameAs all name the target', () => {
    const state = twoMatkenovs();
    mergeInto(state, 'person:matkenov-tlegen', 'person:matkenov');
    expect([...state.candidates('id:person:matkenov')]).toEqual([]);
    expect([...state.articleNodes.get('a2')!].sort()).toEqual(['organization:policiya', 'person:matkenov-tlegen']);
    expect([...state.stateOf('person:other').possibleSameAs]).toEqual(['person:matkenov-tlegen']);
    expect([...state.stateOf('person:matkenov-tlegen').possibleSameAs]).toEqual(['person:other']);
    // An article still being resolved finds where its node went.
    expect(state.forwarded('person:matkenov')).toBe('person:matkenov-tlegen');
  });

  it('asks a working set for both nodes’ mentions and the absorbed node’s edges first', () => {
    const state = twoMatkenovs();
    const guard = recordingGuard();
    state.guard = guard;
    mergeInto(state, 'person:matkenov-tlegen', 'person:matkenov');
    expect(guard.log.slice(0, 3)).toEqual(['edges person:matkenov', 'evidence person:matkenov', 'evidence person:matkenov-tlegen']);
  });
});

describe('moving some mentions to another node', () => {
  it('moves the chosen mentions with the relation evidence that names them, and drops edges left empty', () => {
    const state = new GraphState();
    const full = ev('a1', 'Касым-Жомарт Токаев');
    const dative = ev('a1', 'Токаев', { text: 'Токаеву', start: 50 });
    const mvd = ev('a1', 'МВД', { start: 80 });
    mention(state, 'person:jomart-kasim-tokaev', full, dative);
    mention(state, 'organization:mvd', mvd);
    relate(state, 'SENT_REQUEST_TO', 'person:jomart-kasim-tokaev', dative, 'organization:mvd', mvd);
    state.ensureNode('person:jomart-kasim-tokaev~tokaevu', 'PERSON', undefined);
    moveEvidence(state, 'person:jomart-kasim-tokaev', 'person:jomart-kasim-tokaev~tokaevu', new Set([mentionId('a1', [dative.start, dative.end])]));
    expect(state.graph.getNodeAttribute('person:jomart-kasim-tokaev', 'evidence')).toEqual([full]);
    expect(state.graph.getNodeAttribute('person:jomart-kasim-tokaev~tokaevu', 'evidence')).toEqual([dative]);
    expect(state.graph.edges()).toEqual(['SENT_REQUEST_TO:person:jomart-kasim-tokaev~tokaevu->organization:mvd']);
    // Both still have a mention in a1: removing that article must find both.
    expect([...state.articleNodes.get('a1')!].sort()).toEqual(['organization:mvd', 'person:jomart-kasim-tokaev', 'person:jomart-kasim-tokaev~tokaevu']);
    expect(state.stateOf('person:jomart-kasim-tokaev').norms.has('Токаев')).toBe(false);
  });
});

describe('user merges and splits through the knowledge base', () => {
  const text = '# Визит\n\nГенерал Ерлан Тургумбаев встретился с Владимиром Колокольцевым. Колокольцев возглавляет МВД России.';
  const parsed = parseArticle(text, { file: 'visit.md' });
  const result = extraction(
    parsed.text,
    [
      { type: 'PERSON', text: 'Ерлан Тургумбаев', norm: 'Ерлан Тургумбаев' },
      { type: 'PERSON', text: 'Владимиром Колокольцевым', norm: 'Владимир Колокольцев' },
      { type: 'PERSON', text: 'Колокольцев', norm: 'Колокольцев', nth: 1 },
      { type: 'ORGANIZATION', text: 'МВД России', norm: 'МВД России', subtype: 'government_agency' },
    ],
    [{ type: 'HOLDS_POSITION', source: 2, target: 3 }],
  );

  it('keeps the relations of a merged entity on the entity it was merged into, also after the article is ingested again', () => {
    const kb = new KnowledgeBase();
    kb.addArticle(parsed, result);
    kb.mergeNodes('person:erlan-turgumbaev', 'person:kolokolcev-vladimir');
    const edgesAfterMerge = kb.graph.edges().sort();
    // Their co-mention became a relation of the entity with itself, and is gone.
    expect(edgesAfterMerge).toEqual(['HOLDS_POSITION:person:erlan-turgumbaev->organization:mvd-rosi']);
    kb.removeArticle(parsed.id);
    kb.addArticle(parsed, result);
    expect(kb.graph.hasNode('person:kolokolcev-vladimir')).toBe(false);
    expect(kb.graph.edges().sort()).toEqual(edgesAfterMerge);
  });

  it('takes a split-off name’s relations with it', () => {
    const kb = new KnowledgeBase();
    kb.addArticle(parsed, result);
    const newId = kb.splitNode('person:kolokolcev-vladimir', ['Колокольцев']);
    expect(kb.graph.edges(newId, 'organization:mvd-rosi')).toEqual([`HOLDS_POSITION:${newId}->organization:mvd-rosi`]);
    expect(kb.graph.edges('person:kolokolcev-vladimir', 'organization:mvd-rosi')).toEqual([]);
  });
});
