/**
 * Korean, Chinese and Vietnamese names written as three one-syllable words: when the tagger
 * cuts a run of them in the wrong places ("[Кима Чен] [Ира Ким Ир Сен]"), the person spans are
 * cut again into names of three words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { regroupSyllabicNames } from '../../src/extract/ru/persons';
import { extractor } from './helpers';
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

describe('East Asian names in the extractor', () => {
  let full: Extractor;
  beforeAll(async () => {
    full = await extractor();
  }, 60_000);
  const people = (text: string) => full.extract(text).entities.filter((e) => e.type === 'PERSON').map((e) => `${e.text} -> ${e.norm}`);

  it('gives a two-word Chinese name its nominative: the family name never declines, the given name does', () => {
    expect(people('Переговоры с Ху Цзиньтао и встреча с Ли Кэцяном прошли в Пекине.')).toContain('Ли Кэцяном -> Ли Кэцян');
    expect(people('Речь Си Цзиньпина показали все каналы.')).toEqual(['Си Цзиньпина -> Си Цзиньпин']);
    // A first name of one syllable that the dictionary knows is no family name: its own case decides.
    expect(people('Мы спорили с Яном Гусом.').map((p) => p.split(' -> ')[1])).toEqual(['Ян Гус']);
  });

  it('reads a second vowel in the last word of a three-word name as a case ending, never as a woman’s surname', () => {
    expect(people('Речь Мун Чжэ Ина транслировали по телевидению.')).toEqual(['Мун Чжэ Ина -> Мун Чжэ Ин']);
  });

  it('takes three capitalised one-syllable words for a person even where the tagger saw a place', () => {
    const found = full.extract('Мы говорили с Пак Кын Хе о выборах.').entities.filter((e) => e.text === 'Пак Кын Хе');
    expect(found.map((e) => `${e.type} ${e.norm}`)).toEqual(['PERSON Пак Кын Хе']);
  });
});
