/**
 * The explorer served by `kg serve` (its Fastify app over a temp SQLite store of
 * real news: the seed article and a few factRuEval dev texts). The page draws the
 * summary, never the whole graph file; evidence and article text come from the
 * API when shown; articles are added and removed through the API.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadExtractor } from '../../src/cli/extractor';
import { serializeGraphFile } from '../../src/graph/serialize';
import { parseGraphFileText } from '../../src/model/validate';
import { extractArticle, parseArticle } from '../../src/ingest';
import { buildServer, type KgServer } from '../../src/server/app';
import { openStore } from '../../src/store/open';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { dropFiles, selectBySearch, visibleCounts } from './support/app';
import { openApp, openBrowser, type BrowserSession } from './support/browser';
import { countInkPixels } from './support/pixels';
import { startStaticServer } from './support/server';
import { runKg } from '../support/run-kg';

const ROOT = join(import.meta.dirname, '..', '..');
const SHARED = join(ROOT, '..', 'shared');
const SEED = join(SHARED, 'seed', '000_85c1dee59fd444ef.txt');
const FACTRU = join(SHARED, 'datasets', 'factru-dev');

const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const HOSTILE_SCRIPT = '<script>window.__pwned=2;alert(2)</script>';
const HOSTILE = [
  `# ${HOSTILE_IMG} Задержание в Караганде`,
  '',
  'Published at: **2020-03-01T10:00:00+00:00**',
  '',
  `Полиция Карагандинской области задержала Ержана Сапарова. По данным полиции, Ержан Сапаров ${HOSTILE_IMG} хранил героин. ${HOSTILE_SCRIPT} Ержан Сапаров признал вину.`,
  '',
].join('\n');

/** One more person with more mentions than one page of evidence (50), so "show more" has something to show. */
const DIGEST = [
  '# Сводка: задержания курьеров',
  '',
  'Published at: **2020-02-01T10:00:00+00:00**',
  '',
  ...Array.from({ length: 60 }, (_, i) => `Тлеген Маткенов сообщил о задержании курьера номер ${i + 1} в Павлодаре.`),
  '',
].join('\n');

/** Names a person by surname only; REKEY_LATER gives his first name, which re-keys the entity (person:kasimov → person:kasimov-nurlan). */
const REKEY_FIRST = '# Задержание в Павлодаре\n\nПолковник Касымов сообщил, что полиция Павлодара изъяла героин. По словам Касымова, задержаны двое.\n';
const REKEY_LATER = '# Героин в Павлодаре\n\nНачальник полиции Нурлан Касымов рассказал о задержании. Нурлан Касымов добавил, что героин уничтожен.\n';

let store: SqlGraphStore;
let storePath: string;
let server: KgServer;
let url: string;
let session: BrowserSession;
let exportBytes: number;
const requested: string[] = [];
/** Two factRuEval texts not in the store: one pasted, one dropped as a file on the page. */
let pasted: string;
let DROPPED: string;

beforeAll(async () => {
  const extractor = await loadExtractor({ english: false });
  storePath = join(await mkdtemp(join(tmpdir(), 'kg-served-')), 'kg.sqlite');
  store = await openStore(storePath, { create: true });
  const factru = readdirSync(FACTRU).filter((f) => f.endsWith('.txt')).sort();
  const texts: Array<[string, string]> = [
    ['seed.txt', readFileSync(SEED, 'utf8')],
    ...factru.slice(0, 4).map((f): [string, string] => [f, readFileSync(join(FACTRU, f), 'utf8')]),
    ['digest.md', DIGEST],
    ['hostile.md', HOSTILE],
    ['kasymov.md', REKEY_FIRST],
  ];
  pasted = readFileSync(join(FACTRU, factru[4]!), 'utf8');
  DROPPED = readFileSync(join(FACTRU, factru[5]!), 'utf8');
  for (const [file, text] of texts) {
    const article = parseArticle(text, { file });
    await store.addArticle(article, extractArticle(extractor, article));
  }
  exportBytes = Buffer.byteLength(serializeGraphFile(await store.exportFile()));
  server = await buildServer({ store, host: '127.0.0.1', distDir: inject('distDir') });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}/`;
  session = await openBrowser();
  session.page.on('request', (request) => requested.push(request.url()));
  await openApp(session.page, url);
});

afterAll(async () => {
  await session?.close();
  await server?.app.close();
  await store?.close();
});

const panelEvidence = () => session.page.locator('[data-testid=panel-evidence]');

describe('explorer served by kg serve', () => {
  it('draws the graph from api/summary and never asks for graph-data/graph.json', async () => {
    const { page } = session;
    const counts = await store.counts();
    const shown = await visibleCounts(page);
    expect(shown.totalNodes).toBe(counts.entities);
    expect(shown.totalEdges).toBe(counts.relations);
    const { ink, total } = await countInkPixels(page, await page.locator('#graph').screenshot());
    expect(ink).toBeGreaterThan(total * 0.003);
    expect(requested.some((u) => u.endsWith('/api/summary'))).toBe(true);
    expect(requested.filter((u) => u.includes('graph-data/graph.json'))).toEqual([]);
  });

  it('fetches at most 25% of the export before the first frame', async () => {
    const { page } = session;
    // Same-origin resources report their body sizes; only what had arrived when the first frame was drawn counts.
    const fetched = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.initiatorType === 'fetch' && e.responseEnd <= (window.__kg.firstFrameMs ?? 0))
        .map((e) => ({ name: new URL(e.name).pathname, bytes: e.decodedBodySize })),
    );
    expect(fetched.map((f) => f.name)).toEqual(['/api/summary']);
    const bytes = fetched.reduce((sum, f) => sum + f.bytes, 0);
    // The page's count agrees with what the server sends.
    const direct = await fetch(`${url}api/summary`);
    expect(bytes).toBe(Buffer.byteLength(await direct.text()));
    expect(bytes / exportBytes).toBeLessThanOrEqual(0.25);
  });

  it('shows an entity’s evidence from api/entities with the mention marked, and the next page on "show more"', async () => {
    const { page } = session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    const evidence = panelEvidence();
    await evidence.waitFor();
    expect(requested.some((u) => /\/api\/entities\/[^?]+\?offset=0&limit=50$/.test(u))).toBe(true);
    // 60 mentions in the digest and a few in the seed: more than one page of 50.
    const sentences = () => evidence.locator('blockquote.evidence-sentence').count();
    expect(await sentences()).toBe(50);
    expect(await evidence.locator('mark').first().textContent()).toBe('Тлеген Маткенов');
    const more = page.locator('[data-testid=evidence-more]');
    expect(await more.textContent()).toMatch(/50 of 6\d/);
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=panel-evidence] blockquote.evidence-sentence').length > 50);
    expect(requested.some((u) => /\/api\/entities\/[^?]+\?offset=50&limit=50$/.test(u))).toBe(true);
    expect(await page.locator('[data-testid=evidence-more]').count()).toBe(0);
    expect(await sentences()).toBeGreaterThan(60);
    // The second page reaches the seed article: its sentences, his name marked in both inflected forms, its source.
    const text = ((await evidence.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('сообщил Тлеген Маткенов на пресс-конференции в МВД');
    expect(await evidence.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['Тлеген Маткенов', 'Тлегена Маткенова']));
    await expect(page.locator('[data-testid=article-link]').first().getAttribute('href')).resolves.toContain('tengrinews.kz');
    // A neighbour's relation evidence comes from api/edges.
    await page.locator('[data-testid=panel-relations] blockquote.relation-evidence').first().waitFor();
    expect(requested.some((u) => u.includes('/api/edges/'))).toBe(true);
  });

  it('shows the article text from api/articles as text', async () => {
    const { page } = session;
    await page.locator('[data-testid=article-read]').first().click();
    const article = page.locator('[data-testid=article-text]').first();
    await article.locator('p.article-body').waitFor();
    expect(requested.some((u) => u.includes('/api/articles/'))).toBe(true);
    expect(await article.locator('mark').count()).toBeGreaterThan(0);
  });

  it('renders hostile article text as text', async () => {
    const { page } = session;
    const file = await store.exportFile();
    const hostile = file.graph.nodes.find((n) => n.attributes.evidence.some((ev) => ev.sentence.includes('<img')));
    expect(hostile, 'an entity quoted in the hostile sentence').toBeDefined();
    const label = hostile!.attributes.label;
    await selectBySearch(page, label, label);
    await panelEvidence().waitFor();
    expect(await panelEvidence().textContent()).toContain(HOSTILE_IMG);
    const group = page.locator('#panel .evidence-article', { hasText: 'Задержание в Караганде' });
    await group.locator('[data-testid=article-read]').click();
    await group.locator('[data-testid=article-text] p.article-body').waitFor();
    expect(await group.locator('[data-testid=article-text]').textContent()).toContain(HOSTILE_SCRIPT);
    expect(await page.locator('#panel img, #panel script').count()).toBe(0);
    expect(await page.evaluate(() => (window as Window & { __pwned?: number }).__pwned)).toBeUndefined();
    expect(session.dialogs).toEqual([]);
  });

  it('adds a pasted article through the API and removes it again', { timeout: 180_000 }, async () => {
    const { page } = session;
    const before = await store.counts();
    const shownBefore = await visibleCounts(page);
    await page.click('#toggle-add');
    await page.fill('#article-text', pasted);
    await page.click('#article-add');
    const status = page.locator('[data-testid=add-status]');
    await page.waitForFunction(() => /new entities|новых сущностей/i.test(document.querySelector('[data-testid=add-status]')?.textContent ?? ''), undefined, { timeout: 150_000 });
    expect(requested.some((u) => /\/api\/jobs\//.test(u))).toBe(true);
    const after = await store.counts();
    expect(after.articles).toBe(before.articles + 1);
    expect(after.entities).toBeGreaterThan(before.entities);
    const shownAfter = await visibleCounts(page);
    expect(shownAfter.totalNodes).toBe(after.entities);
    expect(shownAfter.totalNodes).toBeGreaterThan(shownBefore.totalNodes);
    expect(await status.textContent()).not.toContain('failed');

    await page.locator('[data-testid=remove-article]').click();
    await page.waitForFunction((n) => document.title.includes(`of ${n} entities`), before.entities);
    expect((await store.counts()).articles).toBe(before.articles);
    expect(requested.filter((u) => u.includes('graph-data/graph.json'))).toEqual([]);
  });

  it('keeps the selection (following a re-keyed entity) and the camera when an article changes the graph', async () => {
    const { page } = session;
    await selectBySearch(page, 'Касымов', 'Касымов');
    await page.waitForTimeout(800); // the selection's camera animation
    const camera = () => page.evaluate(() => window.__kg.explorer!.view.sigma.getCamera().getState());
    const before = await camera();
    if (await page.locator('#add-panel').isHidden()) await page.click('#toggle-add');
    await page.fill('#article-text', REKEY_LATER);
    await page.click('#article-add');
    await page.waitForFunction(() => document.querySelector('[data-testid=panel-title]')?.textContent === 'Нурлан Касымов', undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.__kg.explorer!.state.selected)).toBe('person:kasimov-nurlan');
    const after = await camera();
    expect(after.x).toBeCloseTo(before.x, 6);
    expect(after.y).toBeCloseTo(before.y, 6);
    expect(after.ratio).toBeCloseTo(before.ratio, 6);
    // Every node has a place on the canvas.
    expect(await page.evaluate(() => window.__kg.explorer!.graph.everyNode((_n, a) => Number.isFinite(a.x) && Number.isFinite(a.y)))).toBe(true);
  });

  it('adds a dropped file through the API', async () => {
    const { page } = session;
    const before = await store.counts();
    await dropFiles(page, [{ name: 'dropped.txt', text: DROPPED }]);
    await page.waitForFunction((n) => document.title.includes(`of ${n} entities`) === false && /new entities/.test(document.querySelector('[data-testid=add-status]')?.textContent ?? ''), before.entities, { timeout: 60_000 });
    const after = await store.counts();
    expect(after.articles).toBe(before.articles + 1);
    expect((await visibleCounts(page)).totalNodes).toBe(after.entities);
  });

  it('downloads the whole graph file, with evidence, from the server', async () => {
    const { page } = session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const file = parseGraphFileText(readFileSync(await download.path(), 'utf8'), 'downloaded graph');
    expect(file.graph.nodes).toHaveLength((await store.counts()).entities);
    const matkenov = file.graph.nodes.find((n) => n.attributes.label === 'Тлеген Маткенов');
    expect(matkenov?.attributes.evidence.length).toBeGreaterThan(50);
    // The positions the page shows are saved with it.
    expect(typeof matkenov?.attributes.x).toBe('number');
  });

  it('downloads GEXF, GraphML and CSV with the same bytes as kg export on the same store', async () => {
    const { page } = session;
    const out = await mkdtemp(join(tmpdir(), 'kg-served-export-'));
    for (const [format, names] of [['gexf', ['graph.gexf']], ['graphml', ['graph.graphml']], ['csv', ['nodes.csv', 'edges.csv']]] as const) {
      const downloads = new Map<string, string>();
      const collect = (download: import('playwright-core').Download) => void download.path().then((path) => downloads.set(download.suggestedFilename(), readFileSync(path, 'utf8')));
      page.on('download', collect);
      await page.click(`#export-${format}`);
      await expect.poll(() => downloads.size, { timeout: 20_000 }).toBe(names.length);
      page.off('download', collect);
      const target = format === 'csv' ? `${out}/` : join(out, names[0]);
      const cli = await runKg(['export', '--format', format, '--out', target, '--graph', storePath]);
      expect(cli.code, cli.stderr).toBe(0);
      for (const name of names) expect(downloads.get(name), `${format}: ${name}`).toBe(readFileSync(join(out, name), 'utf8'));
    }
  });

  it('searches on the server: an inflected form finds the entity through api/search', async () => {
    const { page } = session;
    const before = requested.length;
    await selectBySearch(page, 'Маткенова', 'Тлеген Маткенов');
    expect(requested.slice(before).some((u) => /\/api\/search\?q=/.test(u))).toBe(true);
  });

  it('says why when the evidence cannot be loaded', async () => {
    const { page } = session;
    // An entity not opened yet (the open one stays cached), whose label no other label contains, so search lists it first.
    const labels = (await store.exportFile()).graph.nodes.map((n) => n.attributes.label);
    const opened = new Set(['Тлеген Маткенов', await page.locator('[data-testid=panel-title]').textContent()]);
    const label = labels.find((l) => l.length > 5 && !opened.has(l) && labels.every((other) => other === l || !other.toLowerCase().includes(l.toLowerCase())))!;
    await page.route('**/api/entities/**', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'the store is busy' }) }));
    try {
      await selectBySearch(page, label, label);
      const error = page.locator('#panel [data-testid=evidence-error]');
      await error.waitFor();
      expect(await error.textContent()).toContain('the store is busy');
    } finally {
      await page.unroute('**/api/entities/**');
    }
  });

  it('says so when the link names an entity the graph does not have', async () => {
    const { page } = session;
    // A fresh load: from the current page, a new hash alone would not reload it.
    await page.goto('about:blank');
    await openApp(page, `${url}#sel=person:nobody-here`);
    const status = page.locator('#status');
    await page.waitForFunction(() => (document.querySelector('#status')?.textContent ?? '').includes('nobody-here'));
    expect(await status.textContent()).toContain('no entity with id');
    expect(await status.getAttribute('data-kind')).toBe('error');
    expect(session.pageErrors).toEqual([]);
  });

  it('works on a graph file dropped on the served page as on a static host', async () => {
    const { page } = session;
    const file = await (await fetch(`${url}graph-data/graph.json`)).text();
    await dropFiles(page, [{ name: 'other.json', text: file, type: 'application/json' }]);
    // The served graph holds no evidence; the dropped file does.
    await page.waitForFunction(() => window.__kg.explorer!.graph.someNode((_n, a) => a.evidence.length > 0));
    const start = requested.length;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    // The dropped file's own evidence, the first page of it (no API page size) with the seed's sentence.
    expect(((await panelEvidence().textContent()) ?? '').replace(/\s+/g, ' ')).toContain('сообщил Тлеген Маткенов на пресс-конференции в МВД');
    expect(await page.locator('[data-testid=evidence-more]').count()).toBe(0);
    expect(requested.slice(start).filter((u) => u.includes('/api/'))).toEqual([]);
  });

  it('reads the graph file on a static copy that has api/summary but no API behind it', async () => {
    const { page } = session;
    // What `kg export --format site` writes: the app, graph-data/graph.json and api/summary as plain files.
    const summary = await (await fetch(`${url}api/summary`)).text();
    const graph = await (await fetch(`${url}graph-data/graph.json`)).text();
    const site = await startStaticServer(inject('distDir'), { '/api/summary': summary, '/graph-data/graph.json': graph });
    try {
      const start = requested.length;
      await page.goto('about:blank');
      await openApp(page, site.url);
      await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
      expect(((await panelEvidence().textContent()) ?? '').replace(/\s+/g, ' ')).toContain('сообщил Тлеген Маткенов на пресс-конференции в МВД');
      const since = requested.slice(start);
      expect(since.some((u) => u.includes('graph-data/graph.json'))).toBe(true);
      expect(since.filter((u) => /\/api\/(entities|edges|articles|metrics)/.test(u))).toEqual([]);
    } finally {
      await site.close();
    }
  });
});
