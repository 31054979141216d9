/**
 * Article-level extraction with the real extractor: the markdown header is
 * metadata, not prose (no "Published at" organisation, no "[Central Asia Wire]"
 * place), the author and the site come from the parsed header with their offsets
 * in the file's text, and the publication date resolves relative dates.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import type { ParsedArticle } from '../../src/model/article';
import type { ExtractionResult } from '../../src/model/extraction';
import { loadExtractor } from '../../src/cli/extractor';
import { completeArticleExtraction, extractArticle, parseArticle, parseHeader, referenceDateOf } from '../../src/ingest';
import { readArticleFile } from '../../src/ingest/files';

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

  it('adds the author as a person and the site as a media organisation, at their offsets in the header', () => {
    const author = seedResult.entities.find((m) => m.type === 'PERSON' && m.norm === 'Ботагоз Айтжанова');
    expect(author).toBeDefined();
    expect(seed.text.slice(author!.start, author!.end)).toBe('Ботагоз Айтжанова');
    expect(seed.text.slice(author!.start - 10, author!.start)).toBe('Author: **');
    const site = seedResult.entities.filter((m) => m.type === 'ORGANIZATION' && m.norm === 'Tengrinews.kz');
    expect(site[0]!.start).toBeLessThan(seed.bodyStart);
    expect(site[0]!.subtype).toBe('media');
    expect(seed.text.slice(site[0]!.start - 1, site[0]!.end + 1)).toBe('[Tengrinews.kz]');
    // The site in the header and in the body ("передает корреспондент Tengrinews.kz") are one entity.
    expect(site.length).toBeGreaterThan(1);
    expect(new Set(site.map((m) => m.entity)).size).toBe(1);

    const enAuthor = enResult.entities.find((m) => m.type === 'PERSON' && m.start < en.bodyStart);
    expect(enAuthor?.text).toBe('Daniel Harper');
    const enSite = enResult.entities.find((m) => m.type === 'ORGANIZATION' && m.start < en.bodyStart && m.start > en.text.indexOf('Original'));
    expect(enSite).toMatchObject({ text: 'Central Asia Wire', subtype: 'media' });
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

  it('splits a byline of several authors and leaves plain-text articles alone', () => {
    const text = '# Полиция задержала курьеров\n\nAuthor: **Анна Петрова, Иван Сидоров**\n\nВ Алматы полиция задержала двух курьеров.\n';
    const article = parseArticle(text);
    const people = extractArticle(extractor, article).entities.filter((m) => m.type === 'PERSON').map((m) => text.slice(m.start, m.end));
    expect(people).toEqual(['Анна Петрова', 'Иван Сидоров']);

    // A byline that is the outlet itself is not a person.
    const outlet = parseArticle('# Полиция задержала курьеров\n\nAuthor: **Tengrinews.kz**\n\nOriginal: [Tengrinews.kz](https://tengrinews.kz/x)\n\nВ Алматы полиция задержала двух курьеров.\n');
    const mentions = extractArticle(extractor, outlet).entities.filter((m) => m.start > outlet.text.indexOf('Author') && m.start < outlet.bodyStart);
    expect(mentions.filter((m) => m.type === 'PERSON')).toEqual([]);
    expect(mentions.filter((m) => m.type === 'ORGANIZATION').map((m) => m.text)).toEqual(['Tengrinews.kz']);

    const plain = parseArticle('Author: Иван Сидоров\nВ Алматы полиция задержала двух курьеров.\n');
    expect(parseHeader(plain.text).metadataLines).toEqual([]);
    const raw = extractor.extract(plain.text, { lang: plain.lang });
    expect(extractArticle(extractor, plain).entities.map((m) => [m.start, m.end, m.type])).toEqual(raw.entities.map((m) => [m.start, m.end, m.type]));
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
