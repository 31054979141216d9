import { describe, expect, it } from 'vitest';
import { resolveGroup } from '../../src/graph/cross-article-resolution';
import { GraphState } from '../../src/graph/graph-state';
import { fullCandidatesOfShort, detachAmbiguousShortMentions } from '../../src/graph/short-names';
import { splitNodeId } from '../../src/graph/overrides';
import { matchKeys, type EntityProfile } from '../../src/resolve/across-articles';
import { entityKey } from '../../src/resolve/keys';
import type { EntityType } from '../../src/model/vocabulary';
import { ev, mention, recordingGuard } from './state-fixtures';

/** An article's entity as prepareArticle would give it (unscoped). */
function group(type: EntityType, norms: string[], ref?: string) {
  const profile: EntityProfile = { type, norms, scope: '' };
  if (ref !== undefined) profile.ref = ref;
  return { proposedId: entityKey(type, norms[0]!), profile, keys: matchKeys(profile), subtype: undefined };
}

const people = (state: GraphState) => state.graph.nodes().filter((id) => id.startsWith('person:')).sort();
const possible = (state: GraphState, id: string) => [...state.stateOf(id).possibleSameAs].sort();

describe('resolving an entity against the graph', () => {
  it('finds the node of a person named in another case or another script', () => {
    const state = new GraphState();
    mention(state, 'person:jomart-kasim-tokaev', ev('a1', 'Касым-Жомарт Токаев', { text: 'Касым-Жомарта Токаева' }));
    expect(resolveGroup(state, group('PERSON', ['Касым-Жомарт Токаев']))).toBe('person:jomart-kasim-tokaev');
    expect(resolveGroup(state, group('PERSON', ['Kassym-Jomart Tokayev']))).toBe('person:jomart-kasim-tokaev');
    expect(people(state)).toEqual(['person:jomart-kasim-tokaev']);
  });

  it('attaches a lone surname to the one full name that fits it', () => {
    const state = new GraphState();
    mention(state, 'person:matkenov-tlegen', ev('a1', 'Тлеген Маткенов'));
    expect(resolveGroup(state, group('PERSON', ['Маткенов']))).toBe('person:matkenov-tlegen');
    expect(people(state)).toEqual(['person:matkenov-tlegen']);
  });

  it('keeps a surname that two full names fit apart, as possibly either', () => {
    const state = new GraphState();
    mention(state, 'person:aleksandr-petrov', ev('a1', 'Александр Петров'));
    mention(state, 'person:petrov-sergei', ev('a2', 'Сергей Петров'));
    expect(resolveGroup(state, group('PERSON', ['Петров']))).toBe('person:petrov');
    expect(people(state)).toEqual(['person:aleksandr-petrov', 'person:petrov', 'person:petrov-sergei']);
    expect(possible(state, 'person:petrov')).toEqual(['person:aleksandr-petrov', 'person:petrov-sergei']);
  });

  it('never merges two different full names that share a surname', () => {
    const state = new GraphState();
    mention(state, 'person:petrov-sergei', ev('a1', 'Сергей Петров'));
    expect(resolveGroup(state, group('PERSON', ['Александр Петров']))).toBe('person:aleksandr-petrov');
    expect(people(state)).toEqual(['person:aleksandr-petrov', 'person:petrov-sergei']);
  });

  it('merges a short node into a new full name only when no other full name fits it', () => {
    const alone = new GraphState();
    mention(alone, 'person:matkenov', ev('a1', 'Маткенов'));
    expect(resolveGroup(alone, group('PERSON', ['Тлеген Маткенов']))).toBe('person:matkenov-tlegen');
    expect(people(alone)).toEqual(['person:matkenov-tlegen']);

    const rivalled = new GraphState();
    mention(rivalled, 'person:petrov', ev('a1', 'Петров'));
    mention(rivalled, 'person:petrov-sergei', ev('a2', 'Сергей Петров'));
    expect(resolveGroup(rivalled, group('PERSON', ['Александр Петров']))).toBe('person:aleksandr-petrov');
    expect(people(rivalled)).toEqual(['person:aleksandr-petrov', 'person:petrov', 'person:petrov-sergei']);
    expect(possible(rivalled, 'person:aleksandr-petrov')).toContain('person:petrov');
  });

  it('joins different names a lexicon entry identifies as one entity, keeping the fuller name’s id', () => {
    const state = new GraphState();
    mention(state, 'location:ssha', ev('a1', 'США', { ref: 'loc:usa' }));
    const target = resolveGroup(state, group('LOCATION', ['Америка'], 'loc:usa'));
    expect(state.graph.nodes()).toEqual([target]);
    expect(target).toBe('location:amerika');
    expect(state.stateOf(target).refs.get('loc:usa')).toBe(1);
  });

  it('lets a lexicon entry pick, among the full names an acronym fits, the one it identifies', () => {
    const state = new GraphState();
    mention(state, 'location:shtaty-soedinennye', ev('a1', 'Соединённые Штаты', { ref: 'loc:usa' }));
    mention(state, 'location:ameriki-severnye-shtaty', ev('a2', 'Северные Штаты Америки'));
    expect(resolveGroup(state, group('LOCATION', ['США'], 'loc:usa'))).toBe('location:shtaty-soedinennye');
    expect(state.graph.order).toBe(2);
    expect(possible(state, 'location:shtaty-soedinennye')).toEqual(['location:ameriki-severnye-shtaty']);
  });

  it('does not match across entity types', () => {
    const state = new GraphState();
    mention(state, 'organization:tokaev', ev('a1', 'Токаев'));
    expect(resolveGroup(state, group('PERSON', ['Токаев']))).toBe('person:tokaev');
    expect(state.graph.order).toBe(2);
  });

  it('sends an entity the user merged away to the node it was merged into', () => {
    const state = new GraphState();
    state.overrides = { merges: [['person:erlan-turgumbaev', 'person:kolokolcev-vladimir']], splits: [] };
    mention(state, 'person:erlan-turgumbaev', ev('a1', 'Ерлан Тургумбаев'));
    expect(resolveGroup(state, group('PERSON', ['Владимир Колокольцев']))).toBe('person:erlan-turgumbaev');
    expect(people(state)).toEqual(['person:erlan-turgumbaev']);
  });

  it('does not find a node the user split off by its names (only the split sends mentions there)', () => {
    const state = new GraphState();
    const splitId = splitNodeId('person:matkenov-tlegen', ['Маткенов']);
    state.overrides = { merges: [], splits: [{ id: 'person:matkenov-tlegen', aliases: ['Маткенов'] }] };
    mention(state, 'person:matkenov-tlegen', ev('a1', 'Тлеген Маткенов'));
    mention(state, splitId, ev('a2', 'Маткенов'));
    expect(resolveGroup(state, group('PERSON', ['Маткенов']))).toBe('person:matkenov-tlegen');
    expect(state.graph.hasNode(splitId)).toBe(true);
    expect(fullCandidatesOfShort(state, 'person:matkenov-tlegen', new Set([splitId]))).toEqual([]);
  });
});

describe('short names rivalled by a new full name', () => {
  /** Сергей Петров, named in full in a1 and only as "Петров" in a2 (and, when `ref`, in a3 through a lexicon entry). */
  function sergeiNamedShortInA2(ref = false): GraphState {
    const state = new GraphState();
    mention(state, 'person:petrov-sergei', ev('a1', 'Сергей Петров'), ev('a2', 'Петров', { text: 'Петрова' }), ev('a2', 'Петров', { start: 40 }));
    if (ref) mention(state, 'person:petrov-sergei', ev('a3', 'Петров', { ref: 'per:petrov' }));
    return state;
  }

  it('lists the full names a short node could stand for', () => {
    const state = sergeiNamedShortInA2();
    mention(state, 'person:petrov', ev('a9', 'Петров'));
    mention(state, 'person:aleksandr-petrov', ev('a8', 'Александр Петров'));
    mention(state, 'person:ivanov-sergei', ev('a7', 'Сергей Иванов'));
    expect(fullCandidatesOfShort(state, 'person:petrov', new Set()).sort()).toEqual(['person:aleksandr-petrov', 'person:petrov-sergei']);
  });

  it('detaches the articles that named the old full name only by the shared surname, as ingesting in the other order would', () => {
    const state = sergeiNamedShortInA2();
    expect(resolveGroup(state, group('PERSON', ['Александр Петров']))).toBe('person:aleksandr-petrov');
    expect(state.graph.getNodeAttribute('person:petrov', 'evidence').map((e) => `${e.article} ${e.text}`)).toEqual(['a2 Петрова', 'a2 Петров']);
    expect(state.graph.getNodeAttribute('person:petrov-sergei', 'evidence').map((e) => e.article)).toEqual(['a1']);
    expect(possible(state, 'person:petrov')).toEqual(['person:aleksandr-petrov', 'person:petrov-sergei']);
    expect(possible(state, 'person:petrov-sergei')).toEqual(['person:petrov']);
  });

  it('leaves an article that named the entity through the lexicon where it is', () => {
    const state = sergeiNamedShortInA2(true);
    detachAmbiguousShortMentions(state, 'person:petrov-sergei', new Set(matchKeys({ type: 'PERSON', norms: ['Александр Петров'], scope: '' }).indexed), 'person:aleksandr-petrov');
    expect(state.graph.getNodeAttribute('person:petrov-sergei', 'evidence').map((e) => e.article).sort()).toEqual(['a1', 'a3']);
  });

  it('does not even read the mentions of a full name named in full wherever it appears (a store need not load them)', () => {
    const state = new GraphState();
    mention(state, 'person:petrov-sergei', ev('a1', 'Сергей Петров'), ev('a2', 'Сергей Петров'));
    const guard = recordingGuard();
    state.guard = guard;
    resolveGroup(state, group('PERSON', ['Александр Петров']));
    expect(people(state)).toEqual(['person:aleksandr-petrov', 'person:petrov-sergei']);
    expect(state.graph.getNodeAttribute('person:petrov-sergei', 'evidence')).toHaveLength(2);
    expect(guard.log).toContain('node person:petrov-sergei');
    expect(guard.log).not.toContain('evidence person:petrov-sergei');
  });
});
