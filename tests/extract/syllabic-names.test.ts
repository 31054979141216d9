/**
 * Korean, Chinese and Vietnamese names written as three one-syllable words: when the tagger
 * cuts a run of them in the wrong places ("[Кима Чен] [Ира Ким Ир Сен]"), the person spans are
 * cut again into names of three words.
 */
import { describe, expect, it } from 'vitest';
import { regroupSyllabicNames } from '../../src/extract/ru/persons';
import type { NerSpan } from '../../src/extract/ru/ner/types';

const words = (text: string) => text.split(' ').map((w) => ({ lower: w.toLowerCase(), cyr: /[а-яё]/i.test(w) }));
const texts = (ws: ReturnType<typeof words>, spans: NerSpan[]) => spans.map((s) => ws.slice(s.first, s.last).map((w) => w.lower).join(' '));

describe('regroupSyllabicNames', () => {
  it('cuts two adjacent spans of syllable words into names of three', () => {
    const ws = words('отец Пака Мин Хо Ли Сун Бок сказал');
    const spans: NerSpan[] = [
      { first: 1, last: 3, type: 'PER' },
      { first: 3, last: 7, type: 'PER' },
    ];
    expect(texts(ws, regroupSyllabicNames(ws, spans))).toEqual(['пака мин хо', 'ли сун бок']);
  });

  it('joins a name cut in two, leaving a trailing web address out', () => {
    const ws = words('цитирует Чона Ду Хана Yonhap.kr сегодня');
    const spans: NerSpan[] = [
      { first: 1, last: 2, type: 'PER' },
      { first: 2, last: 5, type: 'PER' },
    ];
    expect(texts(ws, regroupSyllabicNames(ws, spans))).toEqual(['чона ду хана']);
  });

  it('leaves Russian names and runs that are not a multiple of three alone', () => {
    const ws = words('встретились Иван Петров Ким Ир');
    const spans: NerSpan[] = [
      { first: 1, last: 3, type: 'PER' },
      { first: 3, last: 5, type: 'PER' },
    ];
    expect(regroupSyllabicNames(ws, spans)).toEqual(spans);
  });
});
