/**
 * The Russian extractor on sentences written for these tests: canonical
 * person names (ё, foreign first names, particles, apposition), HOLDS_POSITION patterns
 * with the position in the nominative, and places nested in organisation names.
 * Rules only (plus the shared name normaliser), so the behaviour does not move when the
 * NER model is retrained.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { analyzeTokens, WordAnalyser } from '../../src/extract/ru/analysis';
import { createMorphology } from '../../src/extract/ru/morph';
import { personSpan } from '../../src/extract/ru/persons';
import { splitSentences, tokenize } from '../../src/extract/tokens';
import { nodeResources } from '../../src/node/resources';
import { byText, norms, relationsOf, rulesExtractor } from './helpers';

let ex: Extractor;
let analyser: WordAnalyser;
beforeAll(async () => {
  ex = await rulesExtractor();
  analyser = new WordAnalyser(await createMorphology(nodeResources()));
}, 60_000);

/** The canonical form of the person over the words `from`..`to` (as the NER tagger would hand it over). */
function nameOf(sentence: string, from: string, to: string = from): string {
  const tokens = tokenize(sentence);
  const infos = analyzeTokens(tokens, analyser);
  const first = tokens.findIndex((t) => t.text === from);
  const last = tokens.findIndex((t, i) => i >= first && t.text === to) + 1;
  return personSpan(infos, first, last, splitSentences(tokens)[0]!).norm;
}

describe('person names', () => {
  it('keeps ё in names whose lemma has it', () => {
    expect(norms(ex.extract('Выставку открыл сын Петра Семёнова.'), 'PERSON')).toEqual(['Пётр Семёнов']);
  });

  it('puts back the fleeting vowel of a first name ("Льва", "Павла" are Лев, Павел)', () => {
    expect(nameOf('Книги Льва Толстого читают.', 'Льва', 'Толстого')).toBe('Лев Толстой');
    expect(nameOf('Встреча со Львом Толстым прошла.', 'Львом', 'Толстым')).toBe('Лев Толстой');
    expect(nameOf('Мы спорили о Льве Толстом.', 'Льве', 'Толстом')).toBe('Лев Толстой');
    expect(nameOf('Рядом с Павлом Ивановым сидели.', 'Павлом', 'Ивановым')).toBe('Павел Иванов');
  });

  it('does not decline foreign first names and their surnames in -а', () => {
    expect(nameOf('Пост займёт дипломат Сейдзи Харада, сообщили в Токио.', 'Сейдзи', 'Харада')).toBe('Сейдзи Харада');
    expect(nameOf('Матч судил Хорхе Ларрионда из Уругвая.', 'Хорхе', 'Ларрионда')).toBe('Хорхе Ларрионда');
    expect(nameOf('Соглашение подписал Фелипе Масса.', 'Фелипе', 'Масса')).toBe('Фелипе Масса');
    // but a genitive is still a genitive
    expect(nameOf('Пресс-служба министра Сейджи Маехары сообщила об этом.', 'Сейджи', 'Маехары')).toBe('Сейджи Маехара');
  });

  it('keeps lower-case particles inside names', () => {
    expect(nameOf('Поиски Усамы бин Ладена продолжались годами.', 'Усамы', 'Ладена')).toBe('Усама бин Ладен');
  });

  it('reads the gender of a lone first name from the noun in apposition', () => {
    expect(nameOf('На встречу пришла его мать Раиса.', 'Раиса')).toBe('Раиса');
  });

  it('takes a first name that is also a city for a name before a surname', () => {
    expect(norms(ex.extract('Министр финансов Новой Зеландии Питер Данн подчеркнул это.'), 'PERSON')).toEqual(['Питер Данн']);
  });

  it('does not read a single letter as an abbreviation of a title', () => {
    expect(norms(ex.extract('Т. Маткенов и О. Петренко провели брифинг.'), 'PERSON')).toEqual(['Т. Маткенов', 'О. Петренко']);
  });

  it('reads the case after a sentence-initial preposition', () => {
    expect(nameOf('Согласно Марку, решение уже принято.', 'Марку')).toBe('Марк');
  });
});

describe('HOLDS_POSITION', () => {
  const holds = (text: string) => relationsOf(ex.extract(text), 'HOLDS_POSITION').map((r) => [r.source.norm, r.target.norm, r.props?.position]);

  it('reads a quoted organisation name followed by the person', () => {
    expect(holds('Координатор движения «Зелёный берег» Иван Карпов выступил на митинге.')).toEqual([['Иван Карпов', 'Зелёный берег', 'координатор']]);
  });

  it('gives the position in the nominative whatever its case in the text', () => {
    const rel = holds('Вчера министра иностранных дел Польши Яна Ковальского приняли в Минске.');
    expect(rel).toEqual([['Ян Ковальский', 'Польша', 'министр иностранных дел']]);
  });

  it('links every title of a chain to the one person after it', () => {
    const rel = holds('Выступил лидер движения «Чистый город», народный депутат Украины Олег Мельник.');
    expect(rel).toEqual([
      ['Олег Мельник', 'Чистый город', 'лидер'],
      ['Олег Мельник', 'Украина', 'депутат'],
    ]);
  });

  it('reads "<country adjective> <title> <Person>" as a post in that country', () => {
    const rel = holds('Переговоры с Францией продолжаются. Французский президент Жан Дюпон прилетел в Берлин.');
    expect(rel).toEqual([['Жан Дюпон', 'Франция', 'президент']]);
  });

  it('points "глава компании X" back to the company named before', () => {
    const rel = holds('Компания «Северный ветер» открыла новый завод. Глава компании Пётр Смирнов рассказал о планах.');
    expect(rel).toEqual([['Пётр Смирнов', 'Северный ветер', 'глава']]);
  });

  it('reads "<org> в лице <title> <Person>"', () => {
    const rel = holds('Соглашение подписало Министерство финансов Казахстана в лице министра Ерлана Тургумбаева.');
    expect(rel.map((r) => r[0])).toEqual(['Ерлан Тургумбаев']);
    expect(rel[0]![1]).toBe('Министерство финансов Казахстана');
    expect(rel[0]![2]).toBe('министр');
  });

  it('reads appointments "назначен на должность <title> <org>"', () => {
    const rel = holds('Иван Петров назначен на должность начальника Федеральной таможенной службы.');
    expect(rel).toEqual([['Иван Петров', 'Федеральная таможенная служба', 'начальник']]);
  });

  it('reads "<Person>, возглавлявший <org>"', () => {
    const rel = holds('Олег Иванов, ранее возглавлявший Федеральную таможенную службу, ушёл в отставку.');
    expect(rel).toEqual([['Олег Иванов', 'Федеральная таможенная служба', 'руководитель']]);
  });

  it('keeps list items apart: "X - директор A, Y - директор B"', () => {
    const rel = holds('Выступят Анна Белова - директор Института истории, Олег Серов - директор Института права.');
    expect(rel).toEqual([
      ['Анна Белова', 'Институт истории', 'директор'],
      ['Олег Серов', 'Институт права', 'директор'],
    ]);
  });

  it('keeps the title\'s own complement in the position', () => {
    expect(holds('Министр связи и коммуникаций Эстонии Тоомас Саар прибыл в Ригу.')).toEqual([['Тоомас Саар', 'Эстония', 'министр связи и коммуникаций']]);
  });

  it('reads titles that govern the instrumental and organisations in brackets', () => {
    expect(holds('Игорь Панов, управляющий компанией «Вектор», выступил на форуме.')).toEqual([['Игорь Панов', 'Вектор', 'управляющий']]);
    expect(holds('Службу провёл архиепископ Лонгин Клинский (РПЦ).')).toEqual([['Лонгин Клинский', 'РПЦ', 'архиепископ']]);
  });

  it('continues the previous sentence\'s subject when a titled sentence names nobody', () => {
    const rel = holds('Сенатор Пол Райт прибыл в Берлин. Председатель Комитета по обороне провёл там переговоры.');
    expect(rel).toEqual([['Пол Райт', 'Комитет по обороне', 'председатель']]);
  });

  it('does not give a plural title to one person', () => {
    expect(holds('Депутаты Городской думы поддержали предложение Ивана Сидорова.')).toEqual([]);
  });
});

describe('places inside organisation names', () => {
  it('keeps the organisation whole and adds the place with LOCATED_IN', () => {
    const r = ex.extract('Сотрудники МВД Киргизии задержали курьера.');
    expect(byText(r, 'МВД Киргизии').map((e) => e.type)).toEqual(['ORGANIZATION']);
    expect(byText(r, 'Киргизии').map((e) => [e.type, e.norm, e.ref])).toEqual([['LOCATION', 'Киргизия', 'loc:kyrgyzstan']]);
    expect(relationsOf(r, 'LOCATED_IN').map((x) => [x.source.text, x.target.norm])).toEqual([['МВД Киргизии', 'Киргизия']]);
  });

  it('does the same for a full ministry name', () => {
    const r = ex.extract('Министерство внутренних дел Республики Узбекистан сообщило о задержании.');
    const located = relationsOf(r, 'LOCATED_IN');
    expect(located.map((x) => [x.source.norm, x.target.ref])).toEqual([['Министерство внутренних дел Республики Узбекистан', 'loc:uzbekistan']]);
  });
});
