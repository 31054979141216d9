/**
 * Canonical forms of person names by class: particles, gender agreement, East Asian
 * syllabic names, case from the neighbouring name. All names are invented.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeResources } from '../../src/node/resources';
import { createMorphology } from '../../src/extract/ru/morph';
import { WordAnalyser, analyzeTokens } from '../../src/extract/ru/analysis';
import { splitSentences, tokenize } from '../../src/extract/tokens';
import { personSpan } from '../../src/extract/ru/persons';
import { normalisePersonName, type NamePart } from '../../src/extract/ru/inflect';
import type { MorphParse } from '../../src/extract/ru/morph';
import type { TokenInfo } from '../../src/extract/ru/analysis';

/** A Cyrillic capitalised word with the given parses (for readings az cannot be made to give). */
function wordInfo(text: string, parses: MorphParse[]): TokenInfo {
  const lower = text.toLowerCase();
  return {
    token: { index: 0, start: 0, end: text.length, text, norm: text, kind: 'word', newlineBefore: false, spaceBefore: true },
    lower,
    parses,
    keys: new Set([lower]),
    cap: true,
    upper: false,
    cyr: true,
    known: false,
    memo: [],
  };
}

let analyser: WordAnalyser;
beforeAll(async () => {
  analyser = new WordAnalyser(await createMorphology(nodeResources()));
});

/** The canonical form of `name` as written inside `sentence` (the name's tokens taken as one person). */
function canonical(sentence: string, name: string): string {
  const tokens = tokenize(sentence);
  const at = sentence.indexOf(name);
  if (at < 0) throw new Error(`"${name}" is not in "${sentence}"`);
  const first = tokens.findIndex((t) => t.start === at);
  const last = tokens.findIndex((t) => t.end === at + name.length) + 1;
  const sentences = splitSentences(tokens);
  const infos = analyzeTokens(tokens, analyser);
  const s = sentences.find((x) => x.first <= first && last <= x.last)!;
  return personSpan(infos, first, last, s).norm;
}

describe('name particles never decline', () => {
  it.each([
    ['На встрече выступил Юсуф Абд Эль Карим.', 'Юсуф Абд Эль Карим', 'Юсуф Абд Эль Карим'],
    ['Интервью дал Эль Мансур.', 'Эль Мансур', 'Эль Мансур'],
    ['Это изложено в трудах Авраама и Абу Салмана.', 'Абу Салмана', 'Абу Салман'],
    ['Слово дали Ле Гару.', 'Ле Гару', 'Ле Гар'],
    ['Слово дали Де Фарру.', 'Де Фарру', 'Де Фарр'],
    ['Книга посвящена Усаме бин Ладену.', 'Усаме бин Ладену', 'Усама бин Ладен'],
  ])('%s', (sentence, name, norm) => {
    expect(canonical(sentence, name)).toBe(norm);
  });
});

describe('first names the dictionary does not know', () => {
  it('reads an unknown first name in -ю as a dative ("Гросселю" -> "Гроссель")', () => {
    // az's suffix guesser cut the start off the word (lemma "сель"): no usable parse is left.
    const cut: MorphParse = { lemma: 'сель', pos: 'NOUN', tags: new Set(['NOUN', 'inan', 'masc', 'sing', 'datv']), case: 'datv', gender: 'masc', number: 'sing', score: 0.5, known: false, inflect: () => undefined };
    const parts: NamePart[] = [
      { info: wordInfo('Гросселю', [cut]), role: 'first' },
      { info: wordInfo('Маку', []), role: 'surname' },
    ];
    expect(normalisePersonName(parts)[0]!.norm).toBe('Гроссель Мак');
  });

  it('keeps a surname in -ава a nominative next to a foreign first name', () => {
    expect(canonical('Второе место заняла Эа Ванбом-Кочава из Нидерландов.', 'Эа Ванбом-Кочава')).toBe('Эа Ванбом-Кочава');
  });

  it('still declines a foreign surname whose neighbour in "и" is clearly in the genitive', () => {
    expect(canonical('Неудача постигла Юкки Ярвинена и Марка Петрова.', 'Юкки Ярвинена')).toBe('Юкки Ярвинен');
  });

  it('keeps a foreign surname in -а as written without such evidence', () => {
    expect(canonical('В турнире победил Синдзи Комада.', 'Синдзи Комада')).toBe('Синдзи Комада');
  });
});

describe('Korean and Chinese three-syllable names', () => {
  it.each([
    ['После визита Пака Сон Ира переговоры прервались.', 'Пака Сон Ира', 'Пак Сон Ир'],
    ['Его отец Пак Сон Ир умер в 1994 году.', 'Пак Сон Ир', 'Пак Сон Ир'],
    ['Журналисты цитируют Чона Ду Хвана.', 'Чона Ду Хвана', 'Чон Ду Хван'],
    // Only the last word declined ("Пак Сон Ына" alone could be a woman's name in the nominative).
    ['Министр встретился с Пак Сон Ыном в столице.', 'Пак Сон Ыном', 'Пак Сон Ын'],
    // "Ким" ends like an adjective's instrumental ("Горьким"): it stays Ким, never "Кий".
    ['Журналисты говорили с Ким Ду Ханом.', 'Ким Ду Ханом', 'Ким Ду Хан'],
  ])('%s', (sentence, name, norm) => {
    expect(canonical(sentence, name)).toBe(norm);
  });

  it('does not treat longer Russian names as syllabic', () => {
    expect(canonical('Мы говорили с Анной Ильиной Петровой.', 'Анной Ильиной Петровой')).not.toContain('Анной');
  });
});
