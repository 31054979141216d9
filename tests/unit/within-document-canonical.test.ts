import { describe, expect, it } from 'vitest';
import type { EntityMention, ExtractionResult } from '../../src/model/extraction';
import { resolveWithinDocument } from '../../src/resolve';
import { personNormFromBest } from '../../src/resolve/within-document';
import { spellingDistance } from '../../src/resolve/names';

/** Person mentions at given offsets: [text, norm, start]. */
function people(...specs: Array<[string, string, number]>): ExtractionResult {
  const entities: EntityMention[] = specs.map(([text, norm, start]) => ({ start, end: start + text.length, type: 'PERSON', text, norm }));
  return { lang: 'ru', entities, relations: [], sentences: [] };
}

const resolved = (r: ExtractionResult) => resolveWithinDocument(r).entities;

describe('a person mention takes its canonical parts from the best name of its person', () => {
  it('expands an initial to the first name the text gives elsewhere', () => {
    const out = resolved(people(['Аркадий Свирельников', 'Аркадий Свирельников', 0], ['А. Свирельников', 'А. Свирельников', 200]));
    expect(out.map((m) => m.norm)).toEqual(['Аркадий Свирельников', 'Аркадий Свирельников']);
    expect(out[1]!.entity).toBe(out[0]!.entity);
  });

  it('gives a lone surname read with the wrong ending the surname of the full name', () => {
    // "По словам Гроббна": read as a nominative "Гроббна", it is Гроббн's genitive.
    const out = resolved(people(['Мартин Гроббн', 'Мартин Гроббн', 0], ['Гроббна', 'Гроббна', 300]));
    expect(out[1]!.norm).toBe('Гроббн');
    expect(out[1]!.entity).toBe(out[0]!.entity);
  });

  it('keeps a woman\'s surname feminine when her full name is feminine', () => {
    const out = resolved(people(['Дарья Семиреченская', 'Дарья Семиреченская', 0], ['Семиреченской', 'Семиреченский', 300]));
    expect(out[1]!.norm).toBe('Семиреченская');
  });

  it('takes the part a shorter mention contains, not the whole name', () => {
    expect(personNormFromBest('Свирельников', 'Аркадий Петрович Свирельников')).toBe('Свирельников');
    expect(personNormFromBest('Аркадий Свирельников', 'Аркадий Петрович Свирельников')).toBe('Аркадий Свирельников');
    expect(personNormFromBest('Свирельников А. П.', 'Аркадий Петрович Свирельников')).toBe('Свирельников Аркадий Петрович');
  });

  it('links a lone surname to the full name with that exact surname before one that merely starts like it', () => {
    const out = resolved(people(['Дуглас Брайтонс', 'Дуглас Брайтонс', 0], ['Брайтон Кларк', 'Брайтон Кларк', 100], ['Брайтонс', 'Брайтонс', 200]));
    expect(out[2]!.entity).toBe(out[0]!.entity);
    expect(out[2]!.norm).toBe('Брайтонс');
  });

  it('prefers the name written as it is (nominative) over an inflected reading of the same length', () => {
    const out = resolved(people(['Пак Сон Мин', 'Пак Сон Мин', 0], ['Пак', 'Пак', 100], ['Пака Сон Мина', 'Пака Сон Мина', 200]));
    expect(out[1]!.norm).toBe('Пак');
  });
});

describe('a Latin spelling of a Cyrillic name in the same text is the same person', () => {
  it('joins the appositive "Дженнифер Хьюстонсон (Jennifer Houstonson)" and gives it the Cyrillic name', () => {
    const out = resolved(people(['Дженнифер Хьюстонсон', 'Дженнифер Хьюстонсон', 0], ['Jennifer Houstonson', 'Jennifer Houstonson', 22]));
    expect(out[1]!.entity).toBe(out[0]!.entity);
    expect(out[1]!.norm).toBe('Дженнифер Хьюстонсон');
  });

  it('joins a loose transliteration only right after the Cyrillic name', () => {
    // "Хассеми" / "Hussemi": one letter in six off; far away that is too loose to be sure.
    const near = resolved(people(['Тарик Хассеми', 'Тарик Хассеми', 0], ['Tariq Hussemi', 'Tariq Hussemi', 15]));
    expect(near[1]!.entity).toBe(near[0]!.entity);
    expect(near[1]!.norm).toBe('Тарик Хассеми');
    const far = resolved(people(['Тарик Хассеми', 'Тарик Хассеми', 0], ['Tariq Hussemi', 'Tariq Hussemi', 600]));
    expect(far[1]!.entity).not.toBe(far[0]!.entity);
    expect(far[1]!.norm).toBe('Tariq Hussemi');
    // An exact transliteration is the same person anywhere in the text.
    const exact = resolved(people(['Тарик Хуссеми', 'Тарик Хуссеми', 0], ['Tariq Hussemi', 'Tariq Hussemi', 600]));
    expect(exact[1]!.entity).toBe(exact[0]!.entity);
  });

  it('does not join a Latin name to a different Cyrillic name next to it', () => {
    const out = resolved(people(['Тобиас Саймонт', 'Тобиас Саймонт', 0], ['Walter Brandt', 'Walter Brandt', 16]));
    expect(out[1]!.entity).not.toBe(out[0]!.entity);
    expect(out[1]!.norm).toBe('Walter Brandt');
  });

  it('measures spelling distance across scripts', () => {
    expect(spellingDistance('Хьюстонсон', 'Houstonson')).toBeLessThan(0.2);
    expect(spellingDistance('Саймонт', 'Brandt')).toBeGreaterThan(0.5);
  });

  it('links a lone surname read in the wrong gender to the full name', () => {
    const out = resolved(people(['Дарья Семиреченская', 'Дарья Семиреченская', 0], ['Семиреченский', 'Семиреченский', 100], ['Олег Семиреч', 'Олег Семиреч', 300]));
    expect(out[1]!.entity).toBe(out[0]!.entity);
  });
});
