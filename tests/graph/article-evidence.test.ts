import { describe, expect, it } from 'vitest';
import { addMentionEvidence, retractArticle } from '../../src/graph/article-evidence';
import { refreshNode } from '../../src/graph/derived-attributes';
import { GraphState } from '../../src/graph/graph-state';
import { SentenceLocator } from '../../src/graph/sentences';
import type { EntityMention } from '../../src/model/extraction';
import { ev, mention, recordingGuard, relate } from './state-fixtures';

describe('an article’s mentions', () => {
  it('become evidence quoting their sentence, counted on the node and indexed under the article', () => {
    const text = 'Первое предложение. Полиция задержала Тлегена Маткенова вчера. Третье.';
    const start = text.indexOf('Тлегена Маткенова');
    const m: EntityMention = { start, end: start + 'Тлегена Маткенова'.length, type: 'PERSON', text: 'Тлегена Маткенова', norm: 'Тлеген Маткенов', ref: 'per:matkenov' };
    const state = new GraphState();
    state.ensureNode('person:matkenov-tlegen', 'PERSON', undefined);
    addMentionEvidence(state, 'a1', text, m, 'person:matkenov-tlegen', new SentenceLocator(text, [[0, 19], [20, 62], [63, 70]]));
    const [evidence] = state.graph.getNodeAttribute('person:matkenov-tlegen', 'evidence');
    expect(evidence).toEqual({
      article: 'a1',
      sentence: 'Полиция задержала Тлегена Маткенова вчера.',
      sentenceStart: 20,
      start,
      end: m.end,
      text: 'Тлегена Маткенова',
      norm: 'Тлеген Маткенов',
      ref: 'per:matkenov',
    });
    expect(evidence!.sentence.slice(evidence!.start - evidence!.sentenceStart, evidence!.end - evidence!.sentenceStart)).toBe('Тлегена Маткенова');
    expect(state.stateOf('person:matkenov-tlegen').refs.get('per:matkenov')).toBe(1);
    expect([...state.articleNodes.get('a1')!]).toEqual(['person:matkenov-tlegen']);
  });
});

describe('retracting an article', () => {
  function twoArticles() {
    const state = new GraphState();
    const a1 = { tokaev: ev('a1', 'Касым-Жомарт Токаев'), mvd: ev('a1', 'МВД', { start: 30 }), petrov: ev('a1', 'Петров', { start: 50 }) };
    const a2 = { tokaev: ev('a2', 'Токаев', { text: 'Токаеву' }), mvd: ev('a2', 'МВД', { start: 30 }) };
    state.articles.set('a1', { id: 'a1', title: 'A1', lang: 'ru', length: 100 });
    state.articles.set('a2', { id: 'a2', title: 'A2', lang: 'ru', length: 100 });
    mention(state, 'person:jomart-kasim-tokaev', a1.tokaev, a2.tokaev);
    mention(state, 'organization:mvd', a1.mvd, a2.mvd);
    mention(state, 'person:petrov', a1.petrov);
    mention(state, 'person:petrov-sergei', ev('a2', 'Сергей Петров', { start: 60 }));
    state.stateOf('person:petrov').possibleSameAs.add('person:petrov-sergei');
    state.stateOf('person:petrov-sergei').possibleSameAs.add('person:petrov');
    relate(state, 'SENT_REQUEST_TO', 'person:jomart-kasim-tokaev', a1.tokaev, 'organization:mvd', a1.mvd);
    relate(state, 'SENT_REQUEST_TO', 'person:jomart-kasim-tokaev', a2.tokaev, 'organization:mvd', a2.mvd);
    relate(state, 'MENTIONED_WITH', 'person:jomart-kasim-tokaev', a1.tokaev, 'person:petrov', a1.petrov);
    return state;
  }

  it('takes back its mentions and evidence, keeping what other articles said', () => {
    const state = twoArticles();
    expect(retractArticle(state, 'a1')).toEqual(['person:petrov']);
    expect(state.graph.getNodeAttribute('person:jomart-kasim-tokaev', 'evidence').map((e) => e.article)).toEqual(['a2']);
    expect([...state.stateOf('person:jomart-kasim-tokaev').norms.keys()]).toEqual(['Токаев']);
    expect(state.graph.getEdgeAttribute('SENT_REQUEST_TO:person:jomart-kasim-tokaev->organization:mvd', 'evidence').map((e) => e.article)).toEqual(['a2']);
    expect(state.articles.has('a1')).toBe(false);
    expect(state.articleNodes.has('a1')).toBe(false);
  });

  it('drops the entities and edges only it supported, and the possibleSameAs that named them', () => {
    const state = twoArticles();
    retractArticle(state, 'a1');
    expect(state.graph.hasNode('person:petrov')).toBe(false);
    expect(state.graph.edges().sort()).toEqual(['SENT_REQUEST_TO:person:jomart-kasim-tokaev->organization:mvd']);
    expect(state.stateOf('person:petrov-sergei').possibleSameAs.size).toBe(0);
    // Nothing finds the dropped node any more, and a name only a1 used is forgotten.
    expect([...state.candidates('id:person:petrov')]).toEqual([]);
    expect([...state.candidates('n:person:jomart-kasim-tokaev')]).toEqual([]);
  });

  it('touches only the nodes of that article', () => {
    const state = twoArticles();
    mention(state, 'person:unrelated', ev('a3', 'Иван Иванов'));
    state.changes.begin();
    const guard = recordingGuard();
    state.guard = guard;
    // Сергей Петров goes (the return value says so); Петров loses him as a possibleSameAs.
    expect(retractArticle(state, 'a2')).toEqual(['person:petrov-sergei']);
    expect([...state.changes.touched().nodes].sort()).toEqual(['organization:mvd', 'person:jomart-kasim-tokaev', 'person:petrov']);
    expect(guard.log).not.toContain('evidence person:unrelated');
  });
});

describe('a class word', () => {
  it('makes its node generic while a mention of it as a class word is there, and no longer once that article is gone', () => {
    const state = new GraphState();
    state.ensureNode('channel:website', 'CHANNEL', 'website');
    const text = 'Наркотики продавали через сайт.';
    const start = text.indexOf('сайт');
    const locate = new SentenceLocator(text, [[0, text.length]]);
    const plain: EntityMention = { start, end: start + 4, type: 'CHANNEL', text: 'сайт', norm: 'сайт' };
    addMentionEvidence(state, 'a1', text, plain, 'channel:website', locate);
    addMentionEvidence(state, 'a2', text, { ...plain, ref: 'channel:website', generic: true }, 'channel:website', locate);
    state.changes.drain((id) => refreshNode(state.graph, id, state.stateOf(id)), () => {});
    expect(state.graph.getNodeAttribute('channel:website', 'generic')).toBe(true);
    retractArticle(state, 'a2');
    state.changes.drain((id) => refreshNode(state.graph, id, state.stateOf(id)), () => {});
    expect(state.graph.getNodeAttribute('channel:website', 'generic')).toBeUndefined();
  });
});
