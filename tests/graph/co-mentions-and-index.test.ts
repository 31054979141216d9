import { describe, expect, it } from 'vitest';
import { coMentions } from '../../src/graph/co-mentions';
import { MatchIndex } from '../../src/graph/match-index';
import type { EntityMention } from '../../src/model/extraction';

const mention = (start: number, text: string): EntityMention => ({ start, end: start + text.length, type: 'PERSON', text, norm: text });

describe('co-mentions', () => {
  // Sentence 1: [0, 30) names A twice and B; sentence 2: [30, 60) names A, C and D; C and D are related there.
  const mentions = [mention(0, 'A1'), mention(5, 'B'), mention(10, 'A2'), mention(30, 'A'), mention(35, 'C'), mention(40, 'D')];
  const nodes = new Map([
    [0, 'n:a'],
    [1, 'n:b'],
    [2, 'n:a'],
    [3, 'n:a'],
    [4, 'n:c'],
    [5, 'n:d'],
  ]);
  const sentenceOf = (m: EntityMention): [number, number] => (m.start < 30 ? [0, 30] : [30, 60]);

  it('pairs the distinct entities of each sentence once, by their first mentions, except pairs a typed relation links there', () => {
    const pairs = coMentions(mentions, nodes, sentenceOf, new Set(['30|n:c|n:d']));
    expect(pairs.map((p) => [p.sentence[0], p.a, p.b, p.aMention.text, p.bMention.text])).toEqual([
      [0, 'n:a', 'n:b', 'A1', 'B'],
      [30, 'n:a', 'n:c', 'A', 'C'],
      [30, 'n:a', 'n:d', 'A', 'D'],
    ]);
  });

  it('gives no pair for a sentence with one entity', () => {
    expect(coMentions([mentions[0]!, mentions[2]!], new Map([[0, 'n:a'], [1, 'n:a']]), sentenceOf, new Set())).toEqual([]);
  });
});

describe('the match index', () => {
  it('finds nodes by key, forgets them when removed, and drops keys left empty', () => {
    const index = new MatchIndex();
    index.add('person:a', ['n:x', 'w:y']);
    index.add('person:b', ['w:y']);
    expect([...(index.get('w:y') ?? [])].sort()).toEqual(['person:a', 'person:b']);
    index.remove('person:a', ['n:x', 'w:y']);
    expect(index.get('n:x')).toBeUndefined();
    expect([...(index.get('w:y') ?? [])]).toEqual(['person:b']);
    expect(index.size).toBe(1);
  });
});
