import { describe, expect, it } from 'vitest';
import { countEvidence, loadLightCounts, newNodeState } from '../../src/graph/evidence-counts';
import { mentionsOfAliases, redirect, routeSplit, splitNodeId } from '../../src/graph/overrides';
import type { MentionEvidence } from '../../src/model/graph-file';

describe('user overrides', () => {
  const overrides = {
    merges: [
      ['person:a', 'person:b'],
      ['person:b', 'person:c'],
      ['person:x', 'person:y'],
      ['person:y', 'person:x'],
    ] as Array<[string, string]>,
    splits: [{ id: 'person:ivanov', aliases: ['Иванова'] }],
  };

  it('follows chains of merges, and stops on a cycle', () => {
    expect(redirect(overrides, 'person:c')).toBe('person:a');
    expect(redirect(overrides, 'person:z')).toBe('person:z');
    expect(['person:x', 'person:y']).toContain(redirect(overrides, 'person:x'));
  });

  it('sends a split-off alias to its own node, in any case and ё/е spelling, and other names to the original', () => {
    const split = splitNodeId('person:ivanov', ['Иванова']);
    expect(split).toMatch(/^person:ivanov~/);
    expect(routeSplit(overrides, 'person:ivanov', { norm: 'иванова', text: 'Ивановой' })).toBe(split);
    expect(routeSplit(overrides, 'person:ivanov', { norm: 'Иванов', text: 'Иванова' })).toBe(split);
    expect(routeSplit(overrides, 'person:ivanov', { norm: 'Иванов', text: 'Иванову' })).toBe('person:ivanov');
    expect(routeSplit(overrides, 'person:petrov', { norm: 'Иванова', text: 'Иванова' })).toBe('person:petrov');
  });
});

describe('evidence counts', () => {
  const ev = (article: string, norm: string, text = norm): MentionEvidence => ({ article, sentence: '', sentenceStart: 0, start: 0, end: text.length, text, norm });

  it('counts names, forms and articles in and out, and which articles name the entity in full', () => {
    const state = newNodeState('PERSON');
    const mentions = [ev('a1', 'Тлеген Маткенов', 'Тлегена Маткенова'), ev('a1', 'Маткенов'), ev('a2', 'Маткенов', 'Маткенова')];
    for (const m of mentions) countEvidence(state, m, +1);
    expect(Object.fromEntries(state.norms)).toEqual({ 'Тлеген Маткенов': 1, Маткенов: 2 });
    expect([...state.texts.keys()].sort()).toEqual(['Маткенов', 'Маткенова', 'Тлегена Маткенова']);
    expect(Object.fromEntries(state.articles)).toEqual({ a1: 2, a2: 1 });
    expect([...state.fullArticles.keys()]).toEqual(['a1']);
    state.fullNames = new Set(['cached']);
    countEvidence(state, mentions[0]!, -1);
    expect(state.fullNames).toBeUndefined();
    expect(state.norms.has('Тлеген Маткенов')).toBe(false);
    expect(state.fullArticles.size).toBe(0);
    expect(Object.fromEntries(state.articles)).toEqual({ a1: 1, a2: 1 });
  });
});

describe('counts of a node loaded without its mentions', () => {
  const ev = (article: string, norm: string): MentionEvidence => ({ article, sentence: '', sentenceStart: 0, start: 0, end: norm.length, text: norm, norm });

  it('adds this run’s articles to the stored number of articles, so a store need not load every mention to resolve against a node', () => {
    const stored = { norms: new Map([['Сергей Петров', 3], ['Петров', 1]]), texts: new Map([['Сергея Петрова', 3], ['Петров', 1]]), refs: new Map<string, number>(), genericMentions: 0, articleCount: 3, fullArticleCount: 2 };
    const state = newNodeState('PERSON');
    state.fullNames = new Set(['stale']);
    loadLightCounts(state, stored);
    expect(state.fullNames).toBeUndefined();
    expect(state.articles.size).toBe(3);
    expect(state.fullArticles.size).toBe(2);
    countEvidence(state, ev('new-article', 'Петров'), +1);
    expect(state.articles.size).toBe(4);
    // Named only by the surname there: not an article that names it in full.
    expect(state.fullArticles.size).toBe(2);
    expect(state.norms.get('Петров')).toBe(2);
    // The store's own counts are copied, not changed.
    expect(stored.norms.get('Петров')).toBe(1);
  });
});

describe('the mentions a split takes', () => {
  const ev = (norm: string, text: string): MentionEvidence => ({ article: 'a', sentence: '', sentenceStart: 0, start: 0, end: text.length, text, norm });

  it('takes mentions written or normalised as an alias, in any case and ё/е spelling, and no others', () => {
    const evidence = [ev('Тлеген Маткенов', 'Тлегена Маткенова'), ev('Маткенов', 'МАТКЕНОВУ'), ev('Маткенов', 'Маткенов'), ev('Семён Петров', 'Семёна Петрова')];
    expect(mentionsOfAliases(evidence, ['маткенову']).map((e) => e.text)).toEqual(['МАТКЕНОВУ']);
    expect(mentionsOfAliases(evidence, ['Маткенов']).map((e) => e.text)).toEqual(['МАТКЕНОВУ', 'Маткенов']);
    expect(mentionsOfAliases(evidence, ['Семен Петров']).map((e) => e.text)).toEqual(['Семёна Петрова']);
    expect(mentionsOfAliases(evidence, ['Иванов'])).toEqual([]);
  });
});
