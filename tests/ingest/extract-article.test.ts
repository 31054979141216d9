/**
 * Article-level extraction with the real extractor: the markdown header is
 * metadata, not prose (no "Published at" organisation, no "[Central Asia Wire]"
 * place); the site comes from the parsed header as one outlet per domain, the author
 * is an attribute of the article (a person only when the text mentions them), and the
 * publication date resolves relative dates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import type { ParsedArticle } from '../../src/model/article';
import type { ExtractionResult } from '../../src/model/extraction';
import { loadExtractor } from '../../src/cli/extractor';
import { completeArticleExtraction, extractArticle, parseArticle, parseHeader, referenceDateOf } from '../../src/ingest';
import { readArticleFile } from '../../src/ingest/files';
import { registrableDomain } from '../../src/ingest/source-domain';
import { KnowledgeBase } from '../../src/graph/knowledge-base';

const SEED = new URL('../../graph-data/articles/000_85c1dee59fd444ef.txt', import.meta.url).pathname;
const EN = new URL('../fixtures/articles/en-kazakhstan-drug-gangs-dismantled.md', import.meta.url).pathname;

let extractor: Extractor;
let seed: ParsedArticle;
let en: ParsedArticle;
let seedResult: ExtractionResult;
let enResult: ExtractionResult;

beforeAll(async () => {
  extractor = await loadExtractor();
  seed = await readArticleFile(SEED);
  en = await readArticleFile(EN);
  seedResult = extractArticle(extractor, seed);
  enResult = extractArticle(extractor, en);
}, 120_000);

const headerMentions = (article: ParsedArticle, result: ExtractionResult) => result.entities.filter((m) => m.start < article.bodyStart);

describe('extractArticle', () => {
  it('finds no entity in the words of the header lines themselves', () => {
    for (const [article, result] of [
      [seed, seedResult],
      [en, enResult],
    ] as const) {
      const texts = result.entities.map((m) => m.text);
      expect(texts).not.toContain('Published at');
      expect(texts).not.toContain('Original');
      expect(texts).not.toContain('Author');
      // Only the title's mentions, the author and the site name come from before the body.
      const header = parseHeader(article.text);
      for (const m of headerMentions(article, result)) {
        const inTitle = m.start >= header.titleLine[0] && m.end <= header.titleLine[1];
        const isAuthor = m.type === 'PERSON' && m.start >= header.author![0] && m.end <= header.author![1];
        const isSite = m.type === 'ORGANIZATION' && m.start === header.sourceName![0] && m.end === header.sourceName![1];
        expect(inTitle || isAuthor || isSite, `${m.type} "${m.text}" at ${m.start}`).toBe(true);
      }
    }
    expect(enResult.entities.some((m) => m.type === 'LOCATION' && /Central Asia Wire/.test(m.text))).toBe(false);
  });

  it('keeps the author as an article attribute, not a person, when the text never mentions them', () => {
    expect(seed.author).toBe('Ботагоз Айтжанова');
    expect(seedResult.entities.filter((m) => m.type === 'PERSON' && /Айтжанов/.test(m.text))).toEqual([]);
    expect(en.author).toBe('Daniel Harper');
    expect(enResult.entities.filter((m) => m.type === 'PERSON' && m.start < en.bodyStart)).toEqual([]);
  });

  it('adds the site as one media organisation named by its domain, at the offsets of its name in the header', () => {
    const site = seedResult.entities.filter((m) => m.type === 'ORGANIZATION' && m.subtype === 'media' && /tengrinews/i.test(m.text));
    expect(site[0]).toMatchObject({ text: 'Tengrinews.kz', norm: 'tengrinews.kz', ref: 'org:media:tengrinews.kz', entity: 'organization:media:tengrinews.kz' });
    expect(site[0]!.start).toBeLessThan(seed.bodyStart);
    expect(seed.text.slice(site[0]!.start - 1, site[0]!.end + 1)).toBe('[Tengrinews.kz]');
    // The site in the header and in the body ("передает корреспондент Tengrinews.kz") are one entity.
    expect(site.length).toBeGreaterThan(1);
    expect(new Set(site.map((m) => m.entity)).size).toBe(1);

    const enSite = enResult.entities.find((m) => m.type === 'ORGANIZATION' && m.start < en.bodyStart && m.start > en.text.indexOf('Original'));
    expect(enSite).toMatchObject({ text: 'Central Asia Wire', subtype: 'media', norm: 'example.org', entity: 'organization:media:example.org' });
  });

  it('takes the publication date as the article date, not as a mention, and resolves "в апреле этого года" with it', () => {
    expect(seedResult.entities.filter((m) => m.type === 'DATE' && m.start < seed.bodyStart)).toEqual([]);
    expect(referenceDateOf(seed)).toBe('2019-11-01');
    const april = seedResult.entities.find((m) => m.type === 'DATE' && m.text.includes('апреле этого года'));
    expect(april?.value).toEqual({ kind: 'date', date: '2019-04' });
  });

  it('keeps every offset an offset into the decoded text, and fills entity on every mention', () => {
    for (const [article, result] of [
      [seed, seedResult],
      [en, enResult],
    ] as const) {
      for (const m of result.entities) {
        expect(article.text.slice(m.start, m.end)).toBe(m.text);
        expect(m.entity).toMatch(/^[a-z]+:/);
      }
      for (const r of result.relations) {
        expect(result.entities[r.source]).toBeDefined();
        expect(result.entities[r.target]).toBeDefined();
      }
    }
  });

  it('is idempotent, so the graph can apply it to any extraction it is given', () => {
    expect(completeArticleExtraction(seed, seedResult)).toEqual(seedResult);
    const raw = extractor.extract(seed.text, { lang: seed.lang, referenceDate: '2019-11-01' });
    expect(completeArticleExtraction(seed, raw)).toEqual(seedResult);
  });

  it('makes an author a person only when the text mentions them, joined with those mentions', () => {
    const text =
      '# Полиция задержала курьеров\n\nAuthor: **Анна Петрова, Иван Сидоров**\n\n' +
      'В Алматы полиция задержала двух курьеров. Об этом сообщила Анна Петрова, представитель городской полиции.\n';
    const article = parseArticle(text);
    const people = extractArticle(extractor, article).entities.filter((m) => m.type === 'PERSON');
    const petrova = people.filter((m) => m.text === 'Анна Петрова');
    // Her byline and her mention in the body are one entity; the other author is no one in this story.
    expect(petrova.map((m) => m.start < article.bodyStart)).toEqual([true, false]);
    expect(new Set(petrova.map((m) => m.entity)).size).toBe(1);
    expect(people.filter((m) => /Сидоров/.test(m.text))).toEqual([]);
    expect(article.author).toBe('Анна Петрова, Иван Сидоров');
  });

  it('never takes a byline role, a desk or the outlet for a person', () => {
    const body = 'В Алматы полиция задержала двух курьеров, сообщил корреспондент. Редакция и пресс-служба МВД подтвердили задержание.\n';
    for (const byline of ['Корреспондент', 'Staff reporter', 'Редакция', 'Пресс-служба МВД', 'Корреспондент Tengrinews.kz', 'Tengrinews.kz', 'editor@example.org']) {
      const article = parseArticle(`# Полиция задержала курьеров\n\nAuthor: **${byline}**\n\nOriginal: [Tengrinews.kz](https://tengrinews.kz/x)\n\n${body}`);
      const result = extractArticle(extractor, article);
      const header = result.entities.filter((m) => m.start > article.text.indexOf('Author') && m.start < article.bodyStart);
      expect(header.filter((m) => m.type === 'PERSON'), byline).toEqual([]);
      expect(header.filter((m) => m.type === 'ORGANIZATION').map((m) => m.text), byline).toEqual(['Tengrinews.kz']);
      expect(article.author).toBe(byline);
    }
    // A role before a name is not part of the name.
    const named = parseArticle('# Полиция задержала курьеров\n\nAuthor: **Корреспондент Иван Петров**\n\nИван Петров побывал на месте задержания.\n');
    const author = extractArticle(extractor, named).entities.find((m) => m.type === 'PERSON' && m.start < named.bodyStart);
    expect(author).toMatchObject({ text: 'Иван Петров', norm: 'Иван Петров' });
  });

  it('leaves plain-text articles alone', () => {
    const plain = parseArticle('Author: Иван Сидоров\nВ Алматы полиция задержала двух курьеров.\n');
    expect(parseHeader(plain.text).metadataLines).toEqual([]);
    const raw = extractor.extract(plain.text, { lang: plain.lang });
    expect(extractArticle(extractor, plain).entities.map((m) => [m.start, m.end, m.type])).toEqual(raw.entities.map((m) => [m.start, m.end, m.type]));
  });
});

describe('the site of an article', () => {
  it('is named by the registrable domain of its link, however the link is written', () => {
    expect(registrableDomain('https://www.example.org/a')).toBe('example.org');
    expect(registrableDomain('http://example.org/b')).toBe('example.org');
    expect(registrableDomain('HTTPS://M.Lenta.RU:443/news/1?x=2#top')).toBe('lenta.ru');
    expect(registrableDomain('https://news.bbc.co.uk/world')).toBe('bbc.co.uk');
    expect(registrableDomain('https://www.gov.kz/memleket')).toBe('gov.kz');
    expect(registrableDomain('https://пример.рф/статья')).toBe('пример.рф');
    expect(registrableDomain('example.org/page')).toBe('example.org');
    expect(registrableDomain('no link here')).toBeUndefined();
  });

  it('is one media node for every article from that site, whatever name the header gives it', () => {
    const a = parseArticle('# Полиция задержала курьеров\n\nOriginal: [Степной вестник](https://www.example.org/a)\n\nВ Алматы полиция задержала двух курьеров.\n');
    const b = parseArticle('# Police detain couriers\n\nOriginal: [Steppe Herald](http://example.org/b)\n\nPolice in Almaty detained two couriers on Monday.\n');
    const kb = new KnowledgeBase();
    for (const article of [a, b]) kb.addArticle(article, extractArticle(extractor, article));
    kb.flush();
    const media = kb.graph.filterNodes((_, attributes) => attributes.type === 'ORGANIZATION' && attributes.subtype === 'media');
    expect(media).toEqual(['organization:media:example.org']);
    expect(kb.graph.getNodeAttribute(media[0]!, 'articles')).toHaveLength(2);
  });
});

describe('fact keys', () => {
  it('never folds digits, and keys MONEY / QUANTITY / DATE by their parsed values', () => {
    const quantity = seedResult.entities.find((m) => m.text === '1400 абонентов');
    expect(quantity?.entity).toBe('quantity:1400-abonent');
    const date = seedResult.entities.find((m) => m.text === '10 месяцев 2019 года');
    expect(date?.entity).toBe('date:10-month-2019');
    const money = seedResult.entities.find((m) => m.type === 'MONEY');
    expect(money?.entity).toBe('money:over-80000000-kzt');
    // The same quantity in the English article has the same unit-free parts.
    expect(enResult.entities.find((m) => m.text === '19.4 tonnes')?.entity).toBe(seedResult.entities.find((m) => m.text === '19,4 тонны')?.entity);
  });
});

describe('what is not prose', () => {
  const NAMED = ['PERSON', 'ORGANIZATION', 'LOCATION'];
  const named = (text: string) => {
    const article = parseArticle(text);
    return extractArticle(extractor, article).entities.filter((m) => NAMED.includes(m.type));
  };
  /** The named mentions that overlap any of the given substrings of the text. */
  const inside = (text: string, parts: readonly string[]) =>
    named(text).filter((m) =>
      parts.some((part) => {
        const at = text.indexOf(part);
        return m.start < at + part.length && m.end > at;
      }),
    );

  it('finds no person, organisation or place in a link, and keeps the prose around it', () => {
    const links = ['https://www.Kazinform.kz/ru/Policiya-Almaty/Ivan-Petrov_a123', 'http://Moscow.Police.ru/Moskva/Novosti', 'www.Moskva-Narko.ru/Ivan-Petrov', 'lenta.ru/news/Moscow/Police', 'ftp://Almaty.Store.kz/Petrov'];
    const text = `В Алматы полиция задержала курьера, сообщил Иван Петров. Подробности: ${links[0]} и ${links[1]}. Сайт ${links[2]} продавал героин, пишет ${links[3]}; архив: ${links[4]}.\n`;
    expect(inside(text, links)).toEqual([]);
    expect(named(text).map((m) => m.norm)).toEqual(expect.arrayContaining(['Алматы', 'Иван Петров']));
  });

  it('finds no person, organisation or place in an e-mail address', () => {
    const addresses = ['Ivan.Petrov@Mvd.Gov.kz', 'Moskva-Press@Mail.ru', 'алматы@полиция.рф'];
    const text = `Пишите на ${addresses[0]}, ${addresses[1]} или ${addresses[2]}, сообщил Иван Петров из МВД Казахстана.\n`;
    expect(inside(text, addresses)).toEqual([]);
    expect(named(text).map((m) => m.norm)).toEqual(expect.arrayContaining(['Иван Петров', 'Казахстан']));
  });

  it('finds no person, organisation or place in a text that is mostly markup or code', () => {
    const html =
      '<div class="Moskva"><a href="https://example.org/Ivan-Petrov">Иван Петров</a><span style="color: red">МВД России</span></div>\n' +
      '<script>var Moskva = "Almaty"; function IvanPetrov() { return Kazakhstan.Police; }</script>\n' +
      '<table><tr><td>Москва</td><td>Алматы</td></tr></table>\n';
    const code =
      'function Moscow(Ivan, Petrov) {\n  const Almaty = new Map();\n  if (Kazakhstan.Police === undefined) { return Moskva.Narko(Ivan); }\n' +
      '  console.log("Иван Петров", Almaty);\n}\nclass Kazakhstan extends Police { constructor() { super(); this.MVD = "МВД"; } }\n';
    expect(named(html)).toEqual([]);
    expect(named(code)).toEqual([]);
  });

  it('reads prose with some markup or a code block as prose, and never takes a name from the markup or the code', () => {
    const html = '<p>Глава <b>МВД</b> Казахстана Ерлан Тургумбаев сообщил об изъятии <i>героина</i> в <a href="https://www.gov.kz/Almaty">Алматы</a>.</p>\n';
    const mentions = named(html);
    expect(mentions.map((m) => [m.type, m.norm])).toEqual(
      expect.arrayContaining([
        ['ORGANIZATION', 'МВД'],
        ['PERSON', 'Ерлан Тургумбаев'],
        ['LOCATION', 'Алматы'],
      ]),
    );
    expect(mentions.filter((m) => /[<>|]/.test(m.text))).toEqual([]);

    const markdown =
      '# Полиция Алматы задержала курьеров\n\nВ Алматы полиция задержала курьеров, сообщил Иван Петров.\n\n' +
      '```js\nconst Moskva = fetchCity("Kazakhstan Police");\nsendTo("Ivan Petrov");\n```\n\nПо данным МВД, курьеры работали на магазин `Almaty.Shop`.\n';
    expect(inside(markdown, ['const Moskva', 'Kazakhstan Police', 'Ivan Petrov', 'Almaty.Shop'])).toEqual([]);
    expect(named(markdown).map((m) => m.norm)).toEqual(expect.arrayContaining(['Алматы', 'Иван Петров', 'МВД']));
  });

  it('keeps prose with semicolons and brackets, and a site named by its domain, as prose', () => {
    const text = 'Задержан Иван Петров; он сообщил, что (по данным МВД) героин продавали в Алматы, передает корреспондент Tengrinews.kz.\n- изъято 5 кг героина;\n- задержаны 3 человека (в Москве и Алматы);\n';
    const mentions = named(text);
    expect(mentions.map((m) => m.norm)).toEqual(expect.arrayContaining(['Иван Петров', 'МВД', 'Алматы', 'Москва']));
    expect(mentions.find((m) => m.text === 'Tengrinews.kz')).toMatchObject({ type: 'ORGANIZATION', subtype: 'media' });
  });
});
