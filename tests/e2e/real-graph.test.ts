/**
 * The page on a graph file exactly as `kg ingest` writes it: the seed article
 * through the real extractor (extractArticle), merged by the KnowledgeBase,
 * serialised by serializeGraphFile (graph file version 2: sentences stored
 * once per article, evidence refers to them by index). A change of the file
 * format must never again make the page show sentence indices instead of
 * sentences.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createExtractor } from '../../src/extract/index';
import { KnowledgeBase } from '../../src/graph/knowledge-base';
import { serializeGraphFile } from '../../src/graph/serialize';
import { extractArticle, parseArticle } from '../../src/ingest/index';
import type { GraphFile } from '../../src/model/graph-file';
import { nodeResources } from '../../src/node/resources';
import { panelTitle, selectBySearch } from './support/app';
import { openApp, openBrowser, type BrowserSession } from './support/browser';
import { startStaticServer, type StaticServer } from './support/server';

const SEED_FILE = '000_85c1dee59fd444ef.txt';
const SEED_PATH = join(import.meta.dirname, '..', '..', 'graph-data', 'articles', SEED_FILE);

let server: StaticServer;
let session: BrowserSession;
let file: GraphFile;
let stored: string;

beforeAll(async () => {
  const extractor = await createExtractor(nodeResources());
  const kb = new KnowledgeBase();
  const article = parseArticle(new Uint8Array(readFileSync(SEED_PATH)), { file: SEED_FILE });
  kb.addArticle(article, extractArticle(extractor, article));
  file = kb.toFile();
  stored = serializeGraphFile(file);
  server = await startStaticServer(inject('distDir'), { '/graph-data/graph.json': stored });
  session = await openBrowser();
  await openApp(session.page, server.url);
});

afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** The in-memory node (evidence with sentence text) of the entity labelled `label`. */
function nodeLabelled(label: string): GraphFile['graph']['nodes'][number] {
  const node = file.graph.nodes.find((n) => n.attributes.label === label);
  if (!node) throw new Error(`the extractor found no entity labelled ${label}: ${file.graph.nodes.map((n) => n.attributes.label).join(', ')}`);
  return node;
}

describe('the page on a graph file written by the CLI', () => {
  it('is a file that stores sentences by index (the case this test guards)', () => {
    const onDisk = JSON.parse(stored) as { articles: Array<{ sentences?: unknown[] }>; graph: { nodes: Array<{ attributes: { evidence: Array<{ sentence: unknown }> } }> } };
    expect(onDisk.articles[0]?.sentences?.length).toBeGreaterThan(0);
    const sentences = onDisk.graph.nodes.flatMap((n) => n.attributes.evidence.map((ev) => ev.sentence));
    expect(sentences.length).toBeGreaterThan(0);
    expect(sentences.every((s) => typeof s === 'number')).toBe(true);
  });

  it('shows every evidence of Тлеген Маткенов as its sentence, with his name marked', async () => {
    const { page } = session;
    const matkenov = nodeLabelled('Тлеген Маткенов');
    await selectBySearch(page, 'Маткенова', 'Тлеген Маткенов');
    expect(await panelTitle(page)).toBe('Тлеген Маткенов');
    const shown = await page.$$eval('[data-testid=panel-evidence] blockquote.evidence-sentence', (quotes) =>
      quotes.map((q) => ({ text: q.textContent ?? '', marked: [...q.querySelectorAll('mark')].map((m) => m.textContent ?? '') })),
    );
    expect(shown.length).toBe(matkenov.attributes.evidence.length);
    for (const [i, ev] of matkenov.attributes.evidence.entries()) {
      expect(shown[i]!.text).toBe(ev.sentence);
      expect(shown[i]!.marked).toEqual([ev.text]);
    }
    // The sentence a reader finds in the article, not a number.
    const texts = shown.map((s) => s.text).join('\n');
    // (the article has a no-break space before the name)
    expect(texts).toMatch(/Об этом сообщил начальник Департамента по противодействию наркопреступности\sТлеген Маткенов/);
    expect(shown.every((s) => !/^\s*\d+\s*$/.test(s.text))).toBe(true);
  });

  it('shows the evidence sentence of each of his relations', async () => {
    const { page } = session;
    const relationQuotes = await page.$$eval('[data-testid=panel-relations] blockquote.relation-evidence', (quotes) => quotes.map((q) => q.textContent ?? ''));
    const key = nodeLabelled('Тлеген Маткенов').key;
    const edges = file.graph.edges.filter((e) => e.source === key || e.target === key);
    expect(relationQuotes.length).toBe(edges.length);
    const expected = new Set(edges.map((e) => e.attributes.evidence[0]?.sentence));
    for (const quote of relationQuotes) {
      expect(quote.length).toBeGreaterThan(20);
      expect(expected.has(quote)).toBe(true);
    }
  });
});
