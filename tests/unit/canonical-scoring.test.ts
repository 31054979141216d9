import { describe, expect, it } from 'vitest';
import { goldCanonicalNames } from '../../src/eval/canonical';
import { mergeRanges, type GoldMention } from '../../src/eval/align';
import type { FactRuCorefEntity, FactRuDocument, FactRuSpan } from '../../src/eval/factru';

const text = 'Об этом сказал Салих-Бекир Таймазов.';
const span = (id: string, type: string, word: string): FactRuSpan => {
  const start = text.indexOf(word);
  return { id, type, start, end: start + word.length };
};

describe('gold canonical name of a person', () => {
  it('counts a name part annotated both whole and in pieces once', () => {
    // factRuEval annotates some hyphenated names three times: the whole and each half.
    const spans = [span('1', 'name', 'Салих'), span('2', 'name', 'Бекир'), span('3', 'name', 'Салих-Бекир'), span('4', 'surname', 'Таймазов')];
    const doc = { id: 't', text } as FactRuDocument;
    const ranges = mergeRanges(spans.map((x) => [x.start, x.end] as const));
    const gold: GoldMention = { entityId: 'e', objectId: 'o', objectType: 'Person', nerType: 'PER', spans, ranges, chars: ranges.reduce((n, [a, b]) => n + b - a, 0) };
    const entity: FactRuCorefEntity = { id: 'e', objectIds: ['o'], slots: [{ key: 'firstname', value: 'Салих-Бекир' }, { key: 'lastname', value: 'Таймазов' }] };
    expect(goldCanonicalNames(doc, gold, entity)).toEqual(['Салих-Бекир Таймазов']);
  });
});
