/**
 * The factRuEval projection of mentions (src/extract/conventions.ts) on hand-written
 * sentences (none from the factRuEval texts), with the real morphology and place-head lexicon.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadConventionLexicon,
  parseConventions,
  projectMentions,
  projectToFactRu,
  type ConventionLexicon,
} from '../../src/extract/conventions';
import type { EntityMention } from '../../src/model/extraction';
import type { EntityType } from '../../src/model/vocabulary';
import { nodeResources } from '../../src/node/resources';

let lexicon: ConventionLexicon;
beforeAll(async () => {
  lexicon = await loadConventionLexicon(nodeResources());
});

/** A mention of the n-th occurrence of `written` in `text`. */
function m(text: string, written: string, type: EntityType, norm = written, extra: Partial<EntityMention> = {}, occurrence = 0): EntityMention {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(written, start + 1);
  if (start < 0) throw new Error(`test: ${written} not in text`);
  return { start, end: start + written.length, type, text: written, norm, ...extra };
}

/** [type, text, norm] of each projected mention. */
function projected(text: string, mentions: EntityMention[]): Array<[string, string, string]> {
  return projectToFactRu(text, mentions, lexicon).map((p) => {
    expect(text.slice(p.start, p.end)).toBe(p.text);
    return [p.type, p.text, p.norm];
  });
}

describe('place qualifier out of an organisation', () => {
  it('splits a country or city in the genitive right after the organisation', () => {
    const text = 'Сотрудники МВД Франции и Министерство юстиции Норвегии обменялись данными с мэрией Осло.';
    const mentions = [
      m(text, 'МВД Франции', 'ORGANIZATION', 'МВД Франции', { ref: 'org:mvd@loc:france', entity: 'organization:mvd@france' }),
      m(text, 'Франции', 'LOCATION', 'Франция', { ref: 'loc:france' }),
      m(text, 'Министерство юстиции Норвегии', 'ORGANIZATION', 'Министерство юстиции Норвегии'),
      m(text, 'Норвегии', 'LOCATION', 'Норвегия'),
      m(text, 'Осло', 'LOCATION', 'Осло'),
    ];
    expect(projected(text, mentions)).toEqual([
      ['ORGANIZATION', 'МВД', 'МВД'],
      ['LOCATION', 'Франции', 'Франция'],
      ['ORGANIZATION', 'Министерство юстиции', 'Министерство юстиции'],
      ['LOCATION', 'Норвегии', 'Норвегия'],
      ['LOCATION', 'Осло', 'Осло'],
    ]);
    // Only the span narrows: ref and entity key are the product's.
    expect(projectToFactRu(text, mentions, lexicon)[0]).toMatchObject({ start: text.indexOf('МВД'), ref: 'org:mvd@loc:france', entity: 'organization:mvd@france' });
  });

  it('takes a lower-case town or district head before the place out with it', () => {
    const text = 'Медеуский районный суд города Осло и Управление полиции района Вика.';
    const mentions = [
      m(text, 'Медеуский районный суд города Осло', 'ORGANIZATION'),
      m(text, 'Осло', 'LOCATION'),
      m(text, 'Управление полиции района Вика', 'ORGANIZATION'),
      m(text, 'Вика', 'LOCATION'),
    ];
    expect(projected(text, mentions)).toEqual([
      ['ORGANIZATION', 'Медеуский районный суд', 'Медеуский районный суд'],
      ['LOCATION', 'Осло', 'Осло'],
      ['ORGANIZATION', 'Управление полиции', 'Управление полиции'],
      ['LOCATION', 'Вика', 'Вика'],
    ]);
  });

  it('keeps a place after a preposition or a conjunction, inside the name, in quotes, or without a place mention', () => {
    const text = 'Управление МВД по Омской области, совет при мэре Осло, союз Чехии и Словакии, ГУ МЧС Чехии по Праге, фонд «Будущее Норвегии» и Банк Норвегии.';
    const mentions = [
      m(text, 'Управление МВД по Омской области', 'ORGANIZATION'),
      m(text, 'Омской области', 'LOCATION'),
      m(text, 'совет при мэре Осло', 'ORGANIZATION'),
      m(text, 'Осло', 'LOCATION'),
      m(text, 'союз Чехии и Словакии', 'ORGANIZATION'),
      m(text, 'Чехии', 'LOCATION'),
      m(text, 'Словакии', 'LOCATION'),
      m(text, 'ГУ МЧС Чехии по Праге', 'ORGANIZATION'),
      m(text, 'Чехии', 'LOCATION'),
      m(text, 'Праге', 'LOCATION'),
      m(text, '«Будущее Норвегии', 'ORGANIZATION'),
      m(text, 'Норвегии', 'LOCATION'),
      // No place mention nested in it: nothing says where the name ends.
      m(text, 'Банк Норвегии', 'ORGANIZATION'),
    ];
    expect(projected(text, mentions).filter(([type]) => type === 'ORGANIZATION').map(([, written]) => written)).toEqual([
      'Управление МВД по Омской области',
      'совет при мэре Осло',
      'союз Чехии и Словакии',
      'ГУ МЧС Чехии по Праге',
      '«Будущее Норвегии',
      'Банк Норвегии',
    ]);
  });
});

describe('place descriptors out of a place', () => {
  it('drops a leading place head, with the dot of its abbreviation', () => {
    const text = 'Митинг прошёл на улице Ленина, потом на ул. Гагарина и у реки Смородины.';
    const mentions = [
      m(text, 'улице Ленина', 'LOCATION', 'улица Ленина', { subtype: 'street' }),
      m(text, 'ул. Гагарина', 'LOCATION', 'улица Гагарина', { subtype: 'street' }),
      m(text, 'реки Смородины', 'LOCATION', 'река Смородина'),
    ];
    expect(projected(text, mentions)).toEqual([
      ['LOCATION', 'Ленина', 'Ленина'],
      ['LOCATION', 'Гагарина', 'Гагарина'],
      ['LOCATION', 'Смородины', 'Смородина'],
    ]);
  });

  it('drops a trailing street head but keeps regions, lakes and islands whole', () => {
    const text = 'С Пушкинской площади колонна ушла по Садовому бульвару; жители Омской области и Ладожского озера на Соловецких островах ждали.';
    const mentions = [
      m(text, 'Пушкинской площади', 'LOCATION', 'Пушкинская площадь', { subtype: 'street' }),
      m(text, 'Садовому бульвару', 'LOCATION', 'Садовый бульвар', { subtype: 'street' }),
      m(text, 'Омской области', 'LOCATION', 'Омская область', { subtype: 'region' }),
      m(text, 'Ладожского озера', 'LOCATION', 'Ладожское озеро'),
      m(text, 'Соловецких островах', 'LOCATION', 'Соловецкие острова'),
    ];
    expect(projected(text, mentions)).toEqual([
      ['LOCATION', 'Пушкинской', 'Пушкинская'],
      ['LOCATION', 'Садовому', 'Садовый'],
      ['LOCATION', 'Омской области', 'Омская область'],
      ['LOCATION', 'Ладожского озера', 'Ладожское озеро'],
      ['LOCATION', 'Соловецких островах', 'Соловецкие острова'],
    ]);
    // The measured alternative (every trailing head out) is there to compare with, not the default.
    const all = projectToFactRu(text, mentions, lexicon, { placeQualifier: true, leadingDescriptor: true, trailingDescriptor: 'all' });
    expect(all.map((p) => p.text)).toEqual(['Пушкинской', 'Садовому', 'Омской', 'Ладожского', 'Соловецких']);
  });

  it('leaves capitalised words, one-word places, people and a head with no name alone', () => {
    const text = 'Город Омск, Красная Площадь, Москва, Иван Гора и улица.';
    const mentions = [
      m(text, 'Город Омск', 'LOCATION'),
      m(text, 'Красная Площадь', 'LOCATION'),
      m(text, 'Москва', 'LOCATION'),
      m(text, 'Иван Гора', 'PERSON'),
      m(text, 'улица', 'LOCATION'),
    ];
    expect(projected(text, mentions).map(([, written]) => written)).toEqual(['Город Омск', 'Красная Площадь', 'Москва', 'Иван Гора', 'улица']);
  });
});

describe('choosing conventions', () => {
  it('product leaves the mentions as they are; factru projects them', () => {
    const text = 'Посол США в МИД Японии.';
    const mentions = [m(text, 'МИД Японии', 'ORGANIZATION'), m(text, 'Японии', 'LOCATION')];
    expect(projectMentions(text, mentions, 'product', lexicon)).toEqual(mentions);
    expect(projectMentions(text, mentions, 'factru', lexicon).map((p) => p.text)).toEqual(['МИД', 'Японии']);
    expect(() => projectMentions(text, mentions, 'factru', undefined)).toThrow(/needs its lexicon/);
  });

  it('accepts product and factru and names them when given anything else', () => {
    expect(parseConventions('product')).toBe('product');
    expect(parseConventions('factru')).toBe('factru');
    expect(() => parseConventions('FactRu')).toThrow('expected product or factru, got "FactRu"');
  });
});
