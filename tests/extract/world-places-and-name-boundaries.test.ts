/**
 * The Russian extractor's places and name boundaries. Places: every ISO country and CLDR world region from the generated lexicon (in any case and
 * with or without the hyphen), planets and the Moon, and "adjective + place head" names
 * ("Манежная площадь") that the tagger would read as organisations. Organisations: things
 * with quoted names that are not organisations, and platforms that are a channel in one
 * sentence and a company in the next. Sentences written for these tests.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { PROJECT_ROOT } from '../../src/node/resources';
import { extractor, rulesExtractor } from './helpers';

let rules: Extractor;
let full: Extractor;
beforeAll(async () => {
  rules = await rulesExtractor();
  full = await extractor();
}, 60_000);

const places = (ex: Extractor, text: string) =>
  ex
    .extract(text)
    .entities.filter((e) => e.type === 'LOCATION')
    .map((e) => ({ text: e.text, norm: e.norm, ref: e.ref }));

describe('countries and regions of the world', () => {
  it('finds a country nobody wrote by hand, inflected, with or without its hyphen', () => {
    for (const ex of [rules, full]) {
      const found = places(ex, 'Делегации Гондураса и Коста Рики прибыли в Буркина-Фасо, а затем в Коста-Рику.');
      expect(found).toContainEqual({ text: 'Гондураса', norm: 'Гондурас', ref: 'loc:honduras' });
      expect(found.filter((p) => p.ref === 'loc:costa-rica').map((p) => p.text)).toEqual(['Коста Рики', 'Коста-Рику']);
      expect(found.map((p) => p.ref)).toContain('loc:burkina-faso');
    }
  });

  it('names a country by its adjective before a title, so the title is held in it, and nowhere else', () => {
    const result = full.extract('Вчера британский премьер Иван Петров отказался от поездки. Британские специалисты спорят, а российских номеров много.');
    const adjectives = result.entities.filter((e) => e.adjective);
    expect(adjectives.map((e) => [e.text, e.type, e.norm, e.ref])).toEqual([['британский', 'LOCATION', 'Великобритания', 'loc:uk']]);
    const held = result.relations.filter((r) => r.type === 'HOLDS_POSITION').map((r) => [result.entities[r.source]!.norm, result.entities[r.target]!.norm]);
    expect(held).toEqual([['Иван Петров', 'Великобритания']]);
    // A country the article names by name is the target, not the adjective.
    const named = full.extract('Россия ответила. Российский президент Иван Петров уехал.');
    const target = named.relations.filter((r) => r.type === 'HOLDS_POSITION').map((r) => named.entities[r.target]!);
    expect(target.map((e) => [e.text, Boolean(e.adjective)])).toEqual([['Россия', false]]);
  });

  it('gives a renamed city one ref, whichever of its names the article used', () => {
    // Astana was Nur-Sultan from 2019 to 2022 (and Akmola, Tselinograd before): one city, one node.
    for (const ex of [rules, full]) {
      const found = places(ex, 'Делегация вылетела из Нур-Султана в Алматы, а через год вернулась в Астану.');
      expect(found.filter((p) => p.ref === 'loc:astana').map((p) => p.norm)).toEqual(['Нур-Султан', 'Астана']);
    }
  });

  it('keeps a two-word country or region whole, even where the tagger sees only its noun', () => {
    for (const ex of [rules, full]) {
      const found = places(ex, 'Министр финансов Новой Зеландии посетил Центральную Америку и Западную Европу.');
      expect(found.map((p) => p.norm)).toEqual(['Новая Зеландия', 'Центральная Америка', 'Западная Европа']);
    }
  });

  it('gives the English lexicon the same ids, so both languages meet on one node', async () => {
    const en = full.extract('Delegates from Honduras and Costa Rica met in Burkina Faso.', { lang: 'en' });
    const refs = en.entities.filter((e) => e.type === 'LOCATION').map((e) => e.ref);
    expect(refs).toEqual(expect.arrayContaining(['loc:honduras', 'loc:costa-rica', 'loc:burkina-faso']));
  });

  it('leaves out a country whose name is mostly a common word ("Того")', () => {
    expect(places(full, 'Того же мнения придерживаются эксперты.')).toEqual([]);
  });

  it('the lexicon files are what scripts/build-place-lexicon.ts makes of the pinned sources', () => {
    // Exit status 1 (and a message) when locations.json was edited in a way the generator would undo.
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-place-lexicon.ts', '--check'], { cwd: PROJECT_ROOT, stdio: 'pipe' });
  }, 60_000);
});

describe('planets and the Moon', () => {
  it('are places, not people', () => {
    const found = places(full, 'НАСА планирует полёт на Марс после возвращения на Луну.');
    expect(found.map((p) => p.ref)).toEqual(['loc:mars', 'loc:moon']);
    expect(full.extract('НАСА планирует полёт на Марс.').entities.filter((e) => e.type === 'PERSON')).toEqual([]);
  });
});

describe('an adjective before a place head', () => {
  it('names a street, a square, a lake or islands, not an organisation', () => {
    for (const ex of [rules, full]) {
      const text = 'Люди пришли к Кронштадтскому бульвару и на Манежную площадь; самолёт упал в Боденское озеро у Курильских островов.';
      const found = places(ex, text).map((p) => p.norm);
      expect(found).toEqual(['Кронштадтский бульвар', 'Манежная площадь', 'Боденское озеро', 'Курильские острова']);
      expect(ex.extract(text).entities.filter((e) => e.type === 'ORGANIZATION')).toEqual([]);
    }
  });
});

describe('names the tagger may take for organisations', () => {
  const orgs = (ex: Extractor, text: string) => ex.extract(text).entities.filter((e) => e.type === 'ORGANIZATION').map((e) => e.text);

  it('a spacecraft, a car or an album in quotes after its kind is not an organisation; a company in quotes is', () => {
    const text = 'Шаттл «Индевор» доставил на станцию модуль «Заря», а завод выпустил автомобиль «Славута»; компания «Вектор-Плюс» купила альбом «Весна».';
    const found = orgs(full, text);
    for (const thing of ['Индевор', 'Заря', 'Славута', 'Весна']) expect(found).not.toContain(thing);
    expect(found).toContain('Вектор-Плюс');
  });

  it('a letter, a Roman numeral or a mission designation is not an organisation', () => {
    const found = orgs(full, 'Перегрузка достигла 8 G во время полёта STS-124 в начале XXI века, сообщили в NASA.');
    expect(found).not.toEqual(expect.arrayContaining(['G']));
    expect(found).not.toContain('STS-124');
    expect(found).not.toContain('XXI');
  });
});

describe('a platform is a channel where things happen and a company where it acts', () => {
  it('"в Telegram" is the channel; "Telegram заблокировал" is the company, with its own id', () => {
    const result = full.extract('Магазин работал в Telegram. Основатель Telegram Павел Дуров заявил, что Telegram заблокировал каналы.');
    const telegram = result.entities.filter((e) => e.text === 'Telegram').map((e) => `${e.type} ${e.ref}`);
    expect(telegram[0]).toBe('CHANNEL channel:telegram');
    expect(telegram).toContain('ORGANIZATION org:telegram');
  });

  it('a generic channel ("Интернет") never becomes an organisation', () => {
    const result = full.extract('Интернет сообщил о росте продаж, а Интернет-магазины закрылись.');
    expect(result.entities.filter((e) => e.type === 'ORGANIZATION' && /нтернет/.test(e.text))).toEqual([]);
  });
});

describe('organisation spans', () => {
  const orgs = (ex: Extractor, text: string) => ex.extract(text).entities.filter((e) => e.type === 'ORGANIZATION').map((e) => e.text);

  it('two organisations joined by "и" are two mentions; "образования и науки" stays one name', () => {
    expect(orgs(full, 'Письма поддержки пришли от Конгресса профсоюзов и профсоюза водителей.')).not.toContain('Конгресса профсоюзов и профсоюза водителей');
    expect(orgs(full, 'Приказ подписал глава Министерства образования и науки Республики Казахстан.')[0]).toMatch(/^Министерства образования и науки/);
  });

  it('a legal form alone is not an organisation', () => {
    expect(orgs(full, 'Как сообщили в ПАО, сделка закрыта.')).not.toContain('ПАО');
  });
});

describe('a person after a place head', () => {
  it('"мэр города Лужков" is the mayor, "в город Королёв" the town', () => {
    const result = full.extract('В споре победил мэр города Лужков. Затем делегация приехала в город Королёв.');
    expect(result.entities.find((e) => e.text === 'Лужков')?.type).toBe('PERSON');
    expect(result.entities.find((e) => e.text === 'Королёв')?.type).toBe('LOCATION');
  });
});

describe('places the tagger may take for people or organisations', () => {
  it('a word the dictionary knows only as a place is a place, unless the document uses it in a full name', () => {
    const visit = full.extract('Спецпосланник в среду посетил Белград и заявил о переговорах.');
    expect(visit.entities.find((e) => e.text === 'Белград')?.type).toBe('LOCATION');
    const keeper = full.extract('Вратарь Оливер Кан провёл сбор. Позже Кан сообщил, что доволен.');
    expect(keeper.entities.filter((e) => e.text === 'Кан').map((e) => e.type)).toEqual(['PERSON']);
  });

  it('a country of the lexicon is never an organisation', () => {
    const result = full.extract('Об этом заявил министр финансов Новой Зеландии Майкл Каллен.');
    expect(result.entities.find((e) => e.text === 'Новой Зеландии')?.type).toBe('LOCATION');
  });
});

describe('Latin words in a Russian text', () => {
  it('part of a longer capitalised Latin title is not a person; a Latin name alone in brackets is', () => {
    const result = full.extract('В январе пройдёт турнир Tata Steel Chess Festival, сообщил Джон Смит (John Smith).');
    const people = result.entities.filter((e) => e.type === 'PERSON').map((e) => e.text);
    expect(people.filter((t) => /Steel|Chess|Festival/.test(t))).toEqual([]);
    expect(people).toContain('John Smith');
  });
});

describe('what the tagger may take for a place', () => {
  it('a surname used alone after the full name is the person, not a place', () => {
    const result = full.extract('Болельщика Егора Свиридова похоронили в пятницу. Много сказали о Свиридове и о его друзьях.');
    expect(result.entities.filter((e) => e.type === 'LOCATION').map((e) => e.text)).toEqual([]);
  });

  it('an adjective alone and a top-level domain are not places', () => {
    const result = full.extract('Украинский автомобиль получил премию. Регистрация сайтов в зоне .РФ начнётся весной.');
    expect(result.entities.filter((e) => e.type === 'LOCATION').map((e) => e.text)).toEqual([]);
  });
});

describe('regions and landmarks named by an adjective and a head', () => {
  it('keeps the head and a lower-case adjective between', () => {
    const found = places(full, 'Похороны прошли на Новодевичьем кладбище, а делегация Чеченской республики прибыла в Дальневосточный федеральный округ и Чукотский автономный округ. Так было во времена Османской империи.');
    expect(found.map((p) => p.norm)).toEqual([
      'Новодевичье кладбище',
      'Чеченская республика',
      'Дальневосточный федеральный округ',
      'Чукотский автономный округ',
      'Османская империя',
    ]);
  });

  it('a pronoun is not the name of a region', () => {
    expect(places(full, 'Это та область, где нужна помощь.')).toEqual([]);
  });
});

describe('places inside organisation names', () => {
  it('a qualifier is a place of its own; a place inside a medium or a quoted name is part of the name', () => {
    const result = full.extract('Глава МВД России дал интервью «Голосу Америки», а депутат от партии «Единая Россия» промолчал.');
    expect(result.entities.filter((e) => e.type === 'LOCATION').map((e) => e.text)).toEqual(['России']);
    expect(result.relations.filter((r) => r.type === 'LOCATED_IN').map((r) => result.entities[r.source]!.text)).toEqual(['МВД России']);
  });
});

describe('the end of an organisation name', () => {
  it('a Latin name does not take the Russian verb or adverb after it', () => {
    const orgs = full.extract('Лайнер компании Piedmont Airlines сел в аэропорту. Компания Hewlett-Packard официально объявила о сделке.').entities.filter((e) => e.type === 'ORGANIZATION').map((e) => e.text);
    for (const o of orgs) expect(o).not.toMatch(/ сел$| официально$/);
  });
});

describe('abbreviations with a case ending and place adjectives before an organisation', () => {
  const orgs = (text: string) => full.extract(text).entities.filter((e) => e.type === 'ORGANIZATION').map((e) => [e.text, e.norm, e.ref]);

  it('"МИДа России" is МИД России, the same body as "МИД России"', () => {
    expect(orgs('Представитель МИДа России ответил журналистам.')).toEqual([['МИДа России', 'МИД России', 'org:mid@loc:russia']]);
  });

  it('"японского МИДа" joins its adjective and is the Japanese ministry', () => {
    expect(orgs('Глава японского МИДа выразил протест.')).toEqual([['японского МИДа', 'японский МИД', 'org:mid@loc:japan']]);
  });

  it('a capitalised word before the name, or an adjective of no place, stays out', () => {
    const found = orgs('Председатель влиятельного Комитета по иностранным делам прибыл.').map(([text]) => text);
    for (const t of found) expect(t).not.toMatch(/^влиятельного/);
  });
});
