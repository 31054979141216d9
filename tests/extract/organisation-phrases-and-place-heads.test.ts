/**
 * The Russian extractor on sentences written for these tests: organisation
 * phrases that stop where the name stops, model designations that are not organisations,
 * the weakest organisation rule left to the rules-only pipeline, place heads ("реки X",
 * "город X"), new organisation heads and media, and a place before a person's name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { byText, extractor, norms, rulesExtractor } from './helpers';

let rules: Extractor;
let full: Extractor;
beforeAll(async () => {
  rules = await rulesExtractor();
  full = await extractor();
}, 60_000);

// Named organisations: descriptor candidates (`nominal`, resolved or dropped later) are no names.
const orgTexts = (ex: Extractor, text: string): string[] => ex.extract(text).entities.filter((e) => e.type === 'ORGANIZATION' && !e.nominal).map((e) => e.text);

describe('organisation phrases by rule', () => {
  it('do not swallow a conjunction, a preposition or a verb after the head', () => {
    for (const ex of [rules, full]) {
      for (const t of orgTexts(ex, 'Демонстранты столкнулись с полицией и военными, а Лондонская полиция в своём блоге сообщила об арестах.')) {
        expect(t).not.toMatch(/ и$| в$/);
      }
      for (const t of orgTexts(ex, 'Утром автобусы с милицией стали подъезжать к площади.')) expect(t).not.toMatch(/стали/);
    }
  });

  it('a lower-case "парламент страны" or "администрация президента" is a description, not a name', () => {
    expect(orgTexts(rules, 'Партия победила на выборах в парламент страны, но администрация президента не признала итоги.')).toEqual([]);
  });

  it('a lower-case colony or commission with a descriptive tail is not a named organisation', () => {
    expect(orgTexts(rules, 'Осуждённый проведёт три года в колонии усиленного режима.')).toEqual([]);
    expect(orgTexts(rules, 'Они привлекли в эту комиссию независимых специалистов.')).toEqual([]);
  });

  it('a spacecraft or aircraft designation is not an organisation', () => {
    for (const ex of [rules, full]) {
      const r = ex.extract('Экипаж вернулся на корабле «Союз ТМА-14», а груз доставил самолёт Ил-76.');
      expect(byText(r, 'ТМА-14').filter((e) => e.type === 'ORGANIZATION')).toEqual([]);
      expect(byText(r, 'Ил-76').filter((e) => e.type === 'ORGANIZATION')).toEqual([]);
    }
  });

  it('a government head alone is not kept when a place takes its tail', () => {
    const r = full.extract('На прошлой неделе Правительство Норвегии объявило о новых мерах.');
    expect(norms(r, 'ORGANIZATION')).not.toContain('Правительство');
  });
});

describe('a place right before a person', () => {
  const types = (ex: Extractor, text: string) => ex.extract(text).entities.map((e) => [e.type, e.text]);

  it('a dateline place is split off the person after it, with and without the tagger', () => {
    for (const ex of [rules, full]) {
      for (const text of ['По словам эксперта, Алматы Канат Таимбетов считает безопасным городом.', 'Новости Алматы Канат Таимбетов', '12 мая 2021, Алматы Канат Таимбетов рассказал о рейде.']) {
        const got = types(ex, text);
        expect(got).toContainEqual(['LOCATION', 'Алматы']);
        expect(got).toContainEqual(['PERSON', 'Канат Таимбетов']);
      }
    }
  });

  it('a first name that is also a city stays a name', () => {
    for (const ex of [rules, full]) {
      expect(types(ex, 'На встрече выступил Владимир Сафронов из Омска.')).toContainEqual(['PERSON', 'Владимир Сафронов']);
    }
  });
});

describe('start-up without English', () => {
  it('a Russian-only extractor handles an English text through extractWhenReady', async () => {
    const { createExtractor } = await import('../../src/extract/index');
    const { nodeResources } = await import('../../src/node/resources');
    const ex = await createExtractor(nodeResources(), { english: false });
    const ru = ex.extract('Полиция Алматы задержала Ержана Сапарова.');
    expect(ru.lang).toBe('ru');
    const en = await ex.extractWhenReady('Police in London arrested John Smith on Monday, the BBC reported.');
    expect(en.lang).toBe('en');
    expect(en.entities.some((e) => e.type === 'PERSON' && e.text === 'John Smith')).toBe(true);
  }, 60_000);
});

describe('place heads', () => {
  const locs = (ex: Extractor, text: string) => ex.extract(text).entities.filter((e) => e.type === 'LOCATION').map((e) => [e.text, e.norm]);

  it('the name after a river, town, lake or mountain head is a place in the nominative', () => {
    for (const ex of [rules, full]) {
      const got = locs(ex, 'Группа спустилась вдоль реки Славянки к посёлку Заречный, затем поднялась на гору Белуха.');
      expect(got).toContainEqual(['Славянки', 'Славянка']);
      expect(got).toContainEqual(['Заречный', 'Заречный']);
      expect(got).toContainEqual(['Белуха', 'Белуха']);
    }
  });

  it('a name after "село" is a place even where the tagger would read a person', () => {
    for (const ex of [rules, full]) expect(locs(ex, 'В селе Кировка прошли обыски.')).toContainEqual(['Кировка', 'Кировка']);
  });

  it('a street keeps its head and its name as written', () => {
    for (const ex of [rules, full]) {
      expect(locs(ex, 'Задержание произошло на проспекте Назарбаева.')).toEqual([['проспекте Назарбаева', 'проспект Назарбаева']]);
      expect(locs(ex, 'Задержание произошло на ул. Абая.')).toEqual([['ул. Абая', 'улица Абая']]);
    }
  });

  it('"the streets of" a known town is the town, and a TV "канал" is no place head', () => {
    for (const ex of [rules, full]) {
      expect(locs(ex, 'Тысячи людей вышли на улицы Ливерпуля.')).toEqual([['Ливерпуля', 'Ливерпуль']]);
      expect(locs(ex, 'Сериал покажет канал Пятница.')).toEqual([]);
    }
  });

  it('abbreviated heads count only with their dot', () => {
    expect(locs(rules, 'Встреча с Петровым прошла в г. Тараз.')).toEqual([['Тараз', 'Тараз']]);
  });
});

describe('new organisation heads and media', () => {
  it('commissions and laboratories are organisations, without a dangling conjunction', () => {
    expect(orgTexts(rules, 'Вчера Комиссия по делам несовершеннолетних и Лаборатория судебной экспертизы провели проверку.')).toEqual([
      'Комиссия по делам несовершеннолетних',
      'Лаборатория судебной экспертизы',
    ]);
  });

  it('national news agencies and outlets are media organisations', () => {
    for (const ex of [rules, full]) {
      const r = ex.extract('Об этом сообщили Голос Америки, агентство Синьхуа и КазТАГ.');
      const media = r.entities.filter((e) => e.type === 'ORGANIZATION' && e.subtype === 'media').map((e) => e.norm);
      expect(media).toEqual(expect.arrayContaining(['Голос Америки', 'Синьхуа', 'КазТАГ']));
    }
  });
});
