/**
 * Courts, prosecutors and police units on sentences written for these tests: one ORGANIZATION
 * mention with the whole name as written, its canonical nominative, and LOCATED_IN to the place
 * it names (by name, or by the adjective of a lexicon town or region, nested in the name).
 * Also the derivation of town and region adjectives (ru/place-adjectives.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { regionAdjective, townAdjectives } from '../../src/extract/ru/place-adjectives';
import type { EntityMention, ExtractionResult } from '../../src/model/extraction';
import { extractor, relationsOf, rulesExtractor } from './helpers';

let full: Extractor;
let rules: Extractor;
beforeAll(async () => {
  full = await extractor();
  rules = await rulesExtractor();
}, 60_000);

const organisations = (r: ExtractionResult): EntityMention[] => r.entities.filter((e) => e.type === 'ORGANIZATION' && !e.nominal);

/** The sentence's one organisation, with its text and norm, and the place it is LOCATED_IN (norm and ref), if any. */
function court(ex: Extractor, sentence: string) {
  const r = ex.extract(sentence);
  const orgs = organisations(r);
  const located = relationsOf(r, 'LOCATED_IN').filter((x) => orgs.includes(x.source));
  return { orgs: orgs.map((o) => [o.text, o.norm]), places: located.map((x) => [x.target.norm, x.target.ref]) };
}

describe('courts', () => {
  it('a town adjective before "городской суд": the whole name, its nominative, and the town', () => {
    for (const ex of [full, rules]) {
      expect(court(ex, 'Шымкентский городской суд приговорил его к десяти годам лишения свободы.')).toEqual({
        orgs: [['Шымкентский городской суд', 'Шымкентский городской суд']],
        places: [['Шымкент', 'loc:shymkent']],
      });
      expect(court(ex, 'Приговор огласил судья Шымкентского городского суда.')).toEqual({
        orgs: [['Шымкентского городского суда', 'Шымкентский городской суд']],
        places: [['Шымкент', 'loc:shymkent']],
      });
    }
  });

  it('derives the adjective of other towns: "Алматинский", "Московский"', () => {
    expect(court(full, 'Алматинский городской суд оставил приговор в силе.')).toEqual({
      orgs: [['Алматинский городской суд', 'Алматинский городской суд']],
      places: [['Алматы', 'loc:almaty']],
    });
    expect(court(full, 'Жалобу рассмотрел Московский городской суд.')).toEqual({
      orgs: [['Московский городской суд', 'Московский городской суд']],
      places: [['Москва', 'loc:moscow']],
    });
  });

  it('before "областной" the adjective names the region', () => {
    expect(court(full, 'Дело передали в Туркестанский областной суд.').places).toEqual([['Туркестанская область', 'loc:turkestan-region']]);
  });

  it('the adjective place is a LOCATION mention nested in the name, flagged as an adjective', () => {
    const r = full.extract('Шымкентский городской суд приговорил его к десяти годам.');
    const place = r.entities.find((e) => e.type === 'LOCATION' && e.text === 'Шымкентский');
    expect(place).toMatchObject({ norm: 'Шымкент', ref: 'loc:shymkent', adjective: true });
  });

  it('a district court of a named town: "Медеуский районный суд города Алматы"', () => {
    for (const ex of [full, rules]) {
      expect(court(ex, 'Медеуский районный суд города Алматы арестовал подозреваемого.')).toEqual({
        orgs: [['Медеуский районный суд города Алматы', 'Медеуский районный суд города Алматы']],
        places: [['Алматы', 'loc:almaty']],
      });
    }
  });

  it('"Верховный суд РФ" keeps its country; "Мосгорсуд" is one court', () => {
    expect(court(full, 'Жалобу отклонил Верховный суд РФ.')).toEqual({ orgs: [['Верховный суд РФ', 'Верховный суд РФ']], places: [['РФ', 'loc:russia']] });
    for (const ex of [full, rules]) {
      expect(court(ex, 'Приговор утвердил Мосгорсуд.').orgs).toEqual([['Мосгорсуд', 'Мосгорсуд']]);
      expect(court(ex, 'Адвокат обжаловал решение Мосгорсуда.').orgs).toEqual([['Мосгорсуда', 'Мосгорсуд']]);
    }
  });

  it('a lower-case "суд" with no name stays a description', () => {
    expect(organisations(full.extract('Городской суд приговорил его к штрафу.')).filter((o) => /суд/i.test(o.text))).toEqual([]);
  });
});

describe('prosecutors', () => {
  it('"прокуратура" with a town or region in the genitive', () => {
    for (const ex of [full, rules]) {
      expect(court(ex, 'Об этом сообщили в прокуратуре Алматы.')).toEqual({ orgs: [['прокуратуре Алматы', 'прокуратура Алматы']], places: [['Алматы', 'loc:almaty']] });
      expect(court(ex, 'Материалы дела направлены в прокуратуру Туркестанской области.')).toEqual({
        orgs: [['прокуратуру Туркестанской области', 'прокуратура Туркестанской области']],
        places: [['Туркестанская область', 'loc:turkestan-region']],
      });
    }
  });

  it('"Генеральная прокуратура Казахстана"', () => {
    expect(court(full, 'Генеральная прокуратура Казахстана возбудила уголовное дело.')).toEqual({
      orgs: [['Генеральная прокуратура Казахстана', 'Генеральная прокуратура Казахстана']],
      places: [['Казахстан', 'loc:kazakhstan']],
    });
  });
});

describe('police units', () => {
  it('"Департамент полиции Туркестанской области" is one organisation, not "полиции ..."', () => {
    for (const ex of [full, rules]) {
      expect(court(ex, 'Департамент полиции Туркестанской области сообщил о задержании.')).toEqual({
        orgs: [['Департамент полиции Туркестанской области', 'Департамент полиции Туркестанской области']],
        places: [['Туркестанская область', 'loc:turkestan-region']],
      });
    }
  });

  it('"Управление полиции города Шымкента", "отдел полиции Медеуского района"', () => {
    expect(court(full, 'В Управлении полиции города Шымкента сообщили о рейде.')).toEqual({
      orgs: [['Управлении полиции города Шымкента', 'Управление полиции города Шымкента']],
      places: [['Шымкент', 'loc:shymkent']],
    });
    expect(court(full, 'Его доставили в отдел полиции Медеуского района.').orgs).toEqual([['отдел полиции Медеуского района', 'отдел полиции Медеуского района']]);
  });

  it('police abbreviations with their place: "УВД Алматы", "ОВД по району Хамовники", "ГУ МВД по Москве"', () => {
    for (const ex of [full, rules]) {
      expect(court(ex, 'Сотрудники УВД Алматы задержали курьера.')).toEqual({ orgs: [['УВД Алматы', 'УВД Алматы']], places: [['Алматы', 'loc:almaty']] });
      expect(court(ex, 'Задержанного доставили в ОВД по району Хамовники.').orgs).toEqual([['ОВД по району Хамовники', 'ОВД по району Хамовники']]);
      expect(court(ex, 'В ГУ МВД по Москве сообщили о задержании.')).toEqual({ orgs: [['ГУ МВД по Москве', 'ГУ МВД по Москве']], places: [['Москва', 'loc:moscow']] });
    }
  });

  it('"Управление по борьбе с наркотиками" keeps its whole name', () => {
    expect(court(full, 'Управление по борьбе с наркотиками провело рейд.').orgs).toEqual([['Управление по борьбе с наркотиками', 'Управление по борьбе с наркотиками']]);
  });
});

describe('English courts and prosecutors', () => {
  it('"Shymkent City Court": the whole name, with the town nested and LOCATED_IN', () => {
    const r = full.extract('Shymkent City Court sentenced him to ten years in prison.');
    expect(organisations(r).map((o) => [o.text, o.norm])).toEqual([['Shymkent City Court', 'Shymkent City Court']]);
    expect(relationsOf(r, 'LOCATED_IN').map((x) => [x.source.text, x.target.ref])).toEqual([['Shymkent City Court', 'loc:shymkent']]);
  });

  it("\"the Prosecutor General's Office\"", () => {
    const r = full.extract("The Prosecutor General's Office opened a criminal case against the dealers.");
    expect(organisations(r).map((o) => o.text)).toEqual(["Prosecutor General's Office"]);
  });
});

describe('town and region adjectives by derivation', () => {
  it('forms the regular adjective of a town name', () => {
    expect(townAdjectives('Шымкент')).toContain('шымкентский');
    expect(townAdjectives('Алматы')).toContain('алматинский');
    expect(townAdjectives('Москва')).toContain('московский');
    expect(townAdjectives('Омск')).toContain('омский');
    expect(townAdjectives('Казань')).toContain('казанский');
    expect(townAdjectives('Севастополь')).toContain('севастопольский');
    expect(townAdjectives('Одесса')).toContain('одесский');
    expect(townAdjectives('Грозный')).toEqual([]);
  });

  it('reads a region\'s adjective from its name', () => {
    expect(regionAdjective('Туркестанская область')).toBe('туркестанский');
    expect(regionAdjective('Краснодарский край')).toBe('краснодарский');
    expect(regionAdjective('Латинская Америка')).toBeUndefined();
  });
});
