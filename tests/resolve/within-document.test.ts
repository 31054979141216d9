import { describe, expect, it } from 'vitest';
import type { EntityMention, ExtractionResult } from '../../src/model/extraction';
import type { EntityType } from '../../src/model/vocabulary';
import { isAbbreviationOf, representativeName, resolveWithinDocument } from '../../src/resolve';

/** Mentions laid out one after another (offsets only matter for "nearest" decisions). */
function doc(...specs: Array<[EntityType, string, string?]>): ExtractionResult {
  let at = 0;
  const entities: EntityMention[] = specs.map(([type, text, norm]) => {
    const m: EntityMention = { start: at, end: at + text.length, type, text, norm: norm ?? text };
    at += text.length + 20;
    return m;
  });
  return { lang: 'ru', entities, relations: [], sentences: [] };
}

const keys = (result: ExtractionResult) => resolveWithinDocument(result).entities.map((m) => m.entity);

describe('resolveWithinDocument', () => {
  it('gives every mention an entity key and keeps everything else', () => {
    const input = doc(['PERSON', 'Тлегена Маткенова', 'Тлеген Маткенов']);
    const out = resolveWithinDocument(input);
    expect(out.entities[0]).toEqual({ ...input.entities[0], entity: 'person:matkenov-tlegen' });
    expect(input.entities[0]!.entity).toBeUndefined();
  });

  it('joins case forms, partial names and initials of one person', () => {
    const k = keys(doc(['PERSON', 'Тлегена Маткенова', 'Тлеген Маткенов'], ['PERSON', 'Маткенов'], ['PERSON', 'Т. Маткенов'], ['PERSON', 'Маткенову', 'Маткенов'], ['PERSON', 'Тлеген']));
    expect(new Set(k).size).toBe(1);
  });

  it('does not join a surname to a full name whose initials do not fit', () => {
    const k = keys(doc(['PERSON', 'Тлеген Маткенов'], ['PERSON', 'А. Маткенов']));
    expect(k[0]).not.toBe(k[1]);
  });

  it('takes the nearest preceding full name when two share a surname', () => {
    const k = keys(doc(['PERSON', 'Александр Петров'], ['PERSON', 'Петров'], ['PERSON', 'Сергей Петров'], ['PERSON', 'Петров']));
    expect(k[1]).toBe(k[0]);
    expect(k[3]).toBe(k[2]);
    expect(k[0]).not.toBe(k[2]);
  });

  it('joins acronyms and abbreviations to their expansions', () => {
    const k = keys(
      doc(
        ['ORGANIZATION', 'Министерства внутренних дел', 'Министерство внутренних дел'],
        ['ORGANIZATION', 'МВД'],
        ['ORGANIZATION', 'организованных преступных групп', 'организованная преступная группа'],
        ['ORGANIZATION', 'ОПГ'],
        ['ORGANIZATION', 'Минфином', 'Минфин'],
        ['ORGANIZATION', 'Министерство финансов'],
      ),
    );
    expect(k[1]).toBe(k[0]);
    expect(k[3]).toBe(k[2]);
    expect(k[4]).toBe(k[5]);
    expect(new Set(k).size).toBe(3);
  });

  it('keeps МВД России apart from МВД, and quoted names with their unquoted forms', () => {
    const k = keys(doc(['ORGANIZATION', 'МВД'], ['ORGANIZATION', 'МВД России'], ['ORGANIZATION', '«Лукойл»'], ['ORGANIZATION', 'ПАО "Лукойл"'], ['ORGANIZATION', 'Лукойл']));
    expect(k[0]).not.toBe(k[1]);
    expect(k[2]).toBe(k[3]);
    expect(k[3]).toBe(k[4]);
  });

  it('joins names across scripts and lexicon references, never across types', () => {
    const result = doc(['PERSON', 'Tokayev'], ['PERSON', 'Касым-Жомарт Токаев'], ['DRUG', 'героина', 'героин'], ['DRUG', 'heroin'], ['LOCATION', 'Вашингтон'], ['PERSON', 'Вашингтон']);
    result.entities[2]!.ref = 'drug:heroin';
    result.entities[3]!.ref = 'drug:heroin';
    const k = keys(result);
    expect(k[0]).toBe(k[1]);
    expect(k[2]).toBe('drug:heroin');
    expect(k[3]).toBe('drug:heroin');
    expect(k[4]).not.toBe(k[5]);
  });

  it('recognises abbreviations only when every word contributes', () => {
    expect(isAbbreviationOf('МВД', 'Министерство внутренних дел')).toBe(true);
    expect(isAbbreviationOf('Генпрокуратура', 'Генеральная прокуратура')).toBe(true);
    expect(isAbbreviationOf('КНБ', 'Комитет национальной безопасности')).toBe(true);
    expect(isAbbreviationOf('МВД', 'Министерство финансов')).toBe(false);
    expect(isAbbreviationOf('Минфин', 'Министерство иностранных дел')).toBe(false);
    expect(isAbbreviationOf('МИД', 'Министерство иностранных дел Казахстана')).toBe(false);
  });
});

describe('the label of an entity named in two languages', () => {
  it('keeps the language most of its mentions use, the other names staying aliases', () => {
    // One English article among Russian ones: the longer English name does not take the label.
    expect(representativeName(new Map([['МВД России', 2], ['Interior Ministry of Russia', 1], ['Ministry of Internal Affairs of Russia', 1]]))).toBe('МВД России');
    // Mostly English: the English name, the fullest of them.
    expect(representativeName(new Map([['МВД России', 1], ['Interior Ministry of Russia', 2], ['Russian Interior Ministry', 1]]))).toBe('Interior Ministry of Russia');
    // Within one script, the fullest name still wins over a more frequent short one.
    expect(representativeName(new Map([['Маткенов', 5], ['Тлеген Маткенов', 1]]))).toBe('Тлеген Маткенов');
  });
});
