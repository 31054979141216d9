/**
 * The English pipeline (compromise, ~20 MB) is loaded only when an English text needs it,
 * by an extractor created with `english: false` (the page's worker, kg bench); English
 * articles still come out as with an eager extractor.
 */
import { describe, expect, it } from 'vitest';
import { createExtractor } from '../../src/extract/index';
import type { ExtractorResources, ResourceKind } from '../../src/extract/resources';
import { extractArticle, extractArticleWhenReady } from '../../src/ingest/extract-article';
import { parseArticle } from '../../src/ingest/parse';
import { nodeResources } from '../../src/node/resources';

function recording(): { resources: ExtractorResources; names: Set<string> } {
  const inner = nodeResources();
  const names = new Set<string>();
  return {
    names,
    resources: {
      load(name: string, kind: ResourceKind) {
        names.add(name);
        return inner.load(name, kind);
      },
    },
  };
}

const english = (names: Set<string>) => [...names].filter((n) => n.startsWith('lexicons/en/'));
const ENGLISH_TEXT = 'Police in London arrested John Smith on Monday, the BBC reported.';

describe('English on demand', () => {
  it('a Russian-only run never loads the English resources; the first English text does', async () => {
    const { resources, names } = recording();
    const ex = await createExtractor(resources, { english: false });
    const ru = ex.extract('Полиция Алматы задержала Ержана Сапарова.');
    expect(ru.entities.some((e) => e.type === 'PERSON')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(english(names)).toEqual([]);

    expect(() => ex.extract(ENGLISH_TEXT)).toThrow(/English pipeline is not loaded.*extractWhenReady/);
    const en = await ex.extractWhenReady(ENGLISH_TEXT);
    expect(english(names).length).toBeGreaterThan(0);
    expect(en.lang).toBe('en');
    expect(en.entities.some((e) => e.type === 'PERSON' && e.text === 'John Smith')).toBe(true);
    // Loaded once, then the synchronous call works too.
    expect(ex.extract(ENGLISH_TEXT).entities).toEqual(en.entities);
  }, 60_000);

  it('extractArticleWhenReady gives an English article the same result as the eager extractor', async () => {
    const article = parseArticle(`# Arrest in London\n\n${ENGLISH_TEXT}\n`, { file: 'london.md' });
    expect(article.lang).toBe('en');
    const lazy = await createExtractor(nodeResources(), { english: false });
    const eager = await createExtractor(nodeResources());
    expect(await extractArticleWhenReady(lazy, article)).toEqual(extractArticle(eager, article));
  }, 60_000);
});
