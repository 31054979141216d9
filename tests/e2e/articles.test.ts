/**
 * Adding articles in the page (issue 5 item 7): extraction in a worker with
 * progress, dictionaries fetched only when the first article is added, new
 * entities highlighted and searchable, kept across reloads in IndexedDB,
 * removable; an oversized paste and hostile text are handled.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, inject, it } from 'vitest';
import { seedGraphFile } from './fixtures/build-fixture';
import { dropFiles, panelTitle, searchFor, visibleCounts, waitForHash } from './support/app';
import { openApp } from './support/browser';
import { useApp } from './support/app-session';

/** An invented news item: the test checks what the page does with whatever the extractor finds in it. */
const ARTICLE = [
  '# Полиция Алматы задержала курьеров',
  '',
  'Published at: **2020-05-12T10:00:00+00:00**',
  '',
  'В Алматы полиция задержала двух курьеров с героином. Об этом сообщил начальник Департамента полиции Алматы Канат Таимбетов.',
  'По его словам, наркотики продавали через Telegram-каналы, а оплату принимали через электронные кошельки.',
  'Тлеген Маткенов ранее заявлял, что МВД усиливает борьбу с интернет-магазинами.',
].join('\n');

const HOSTILE_ARTICLE = [
  '# <img src=x onerror="window.__pwned=1;alert(1)"> Задержания в Караганде',
  '',
  'В Караганде сотрудники МВД задержали Ивана Петрова. <script>window.__pwned=2;alert(2)</script> Изъято 2 килограмма гашиша.',
].join('\n');

/** An invented news item in Russian, to be saved in Windows-1251 as old Russian archives are. */
const CP1251_ARTICLE = [
  'Наркокурьер задержан в Шымкенте',
  '',
  'В Шымкенте полицейские задержали курьера с героином. Об этом сообщил начальник департамента полиции Шымкента Ерлан Садыков.',
  '',
].join('\n');

const app = useApp(() => JSON.stringify(seedGraphFile()), { open: 'once' });

const resourceBytes = () => [...app.server.sent.entries()].filter(([path]) => path.startsWith('/resources/'));

async function addPasted(text: string): Promise<string> {
  const { page } = app.session;
  if (await page.isHidden('#add-panel')) await page.click('#toggle-add');
  await page.fill('#article-text', text);
  await page.click('#article-add');
  await page.waitForFunction(() => /Added|already|too large|empty|:/.test(document.querySelector('[data-testid=add-status]')?.textContent ?? '') && !/…$/.test(document.querySelector('[data-testid=add-status]')?.textContent ?? ''), undefined, { timeout: 120_000 });
  return (await page.textContent('[data-testid=add-status]')) ?? '';
}

describe('adding articles in the page', () => {
  it('loads no dictionary before the first article is added', () => {
    expect(resourceBytes()).toEqual([]);
  });

  it('extracts a pasted article in the worker, then shows its new entities highlighted and searchable', async () => {
    const { page } = app.session;
    const before = await visibleCounts(page);
    const placesBefore = await page.evaluate(() => window.__kg.explorer!.graph.mapNodes((_n, a) => `${a.x},${a.y}`));
    const progress: string[] = [];
    const watcher = setInterval(() => {
      void page.textContent('[data-testid=add-status]').then((t) => t && progress.push(t), () => undefined);
    }, 50);
    const status = await addPasted(ARTICLE);
    clearInterval(watcher);
    const added = Number(/Added (\d+) new entities/.exec(status)?.[1]);
    // Resolution may merge an existing entity into a new one (re-keyed); the message says how many.
    const merged = Number(/(\d+) entities merged/.exec(status)?.[1] ?? 0);
    expect(added).toBeGreaterThan(0);
    // Progress was shown while the worker ran.
    expect(progress.some((p) => p.endsWith('…'))).toBe(true);
    const after = await visibleCounts(page);
    expect(after.totalNodes).toBe(before.totalNodes + added - merged);
    // The dictionaries were fetched now, once.
    const az = resourceBytes().filter(([path]) => path.startsWith('/resources/az/'));
    expect(az.length).toBeGreaterThan(3);
    const fresh = await page.evaluate(() => {
      const explorer = window.__kg.explorer!;
      return [...explorer.state.fresh.nodes].map((node) => explorer.graph.getNodeAttribute(node, 'label'));
    });
    expect(fresh).toHaveLength(added);
    // New nodes linked to known ones are placed next to them, not at random (a re-keyed node keeps its old place).
    const distances = await page.evaluate((places) => {
      const { graph, state: { fresh: news } } = window.__kg.explorer!;
      const known = new Set(places);
      const xs = graph.mapNodes((_n, a) => a.x!);
      const ys = graph.mapNodes((_n, a) => a.y!);
      const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
      const ratios: number[] = [];
      const keptPlace = (node: string) => known.has(`${graph.getNodeAttribute(node, 'x')},${graph.getNodeAttribute(node, 'y')}`);
      for (const node of news.nodes) {
        if (keptPlace(node)) continue;
        // Placed neighbours: known before, or re-keyed in place.
        const neighbours = graph.neighbors(node).filter((n) => !news.nodes.has(n) || keptPlace(n));
        if (neighbours.length === 0) continue;
        const a = graph.getNodeAttributes(node);
        const cx = neighbours.reduce((sum, n) => sum + graph.getNodeAttribute(n, 'x')!, 0) / neighbours.length;
        const cy = neighbours.reduce((sum, n) => sum + graph.getNodeAttribute(n, 'y')!, 0) / neighbours.length;
        ratios.push(Math.hypot(a.x! - cx, a.y! - cy) / span);
      }
      return ratios;
    }, placesBefore);
    expect(distances.length).toBeGreaterThan(0);
    for (const d of distances) expect(d).toBeLessThan(0.1);
    // A new entity is found by search and its evidence quotes the pasted article.
    const label = fresh[0]!;
    await searchFor(page, label);
    await page.keyboard.press('Enter');
    expect(await panelTitle(page)).toBe(label);
    expect(await page.textContent('[data-testid=panel-evidence]')).toContain('Полиция Алматы задержала курьеров');
    expect(await page.textContent('[data-testid=added-articles]')).toContain('Полиция Алматы задержала курьеров');
  });

  it('does not add the same text twice and reuses the loaded dictionaries', async () => {
    const before = resourceBytes().length;
    const total = (await visibleCounts(app.session.page)).totalNodes;
    expect(await addPasted(ARTICLE)).toContain('already in the graph');
    expect(resourceBytes().length).toBe(before);
    expect((await visibleCounts(app.session.page)).totalNodes).toBe(total);
  });

  it('keeps added articles across a reload, and removes one on request', async () => {
    const { page } = app.session;
    const withArticle = (await visibleCounts(page)).totalNodes;
    await openApp(page, app.server.url);
    expect((await visibleCounts(page)).totalNodes).toBe(withArticle);
    await page.click('#toggle-add');
    expect(await page.textContent('[data-testid=added-articles]')).toContain('Полиция Алматы задержала курьеров');
    await page.click('[data-testid=remove-article]');
    await page.waitForFunction(() => document.title.startsWith('19 of 19'));
    await openApp(page, app.server.url);
    expect((await visibleCounts(page)).totalNodes).toBe(19);
  });

  it('keeps selection, focus, URL and position on an entity that an added article re-keys, and follows it back on removal', async () => {
    const { page } = app.session;
    // The fixture names him person:matkenov; the article's full name makes resolution re-key him.
    await openApp(page, `${app.server.url}#sel=${encodeURIComponent('person:matkenov')}&focus=${encodeURIComponent('person:matkenov')}&hops=1`);
    expect(await panelTitle(page)).toBe('Тлеген Маткенов');
    const before = await page.evaluate(() => {
      const { graph } = window.__kg.explorer!;
      const { x, y } = graph.getNodeAttributes('person:matkenov');
      return { x, y, neighbours: graph.neighbors('person:matkenov').length };
    });
    const status = await addPasted(ARTICLE);
    expect(status).toMatch(/Added \d+/);
    const after = await page.evaluate(() => {
      const explorer = window.__kg.explorer!;
      const selected = explorer.state.selected;
      return {
        oldExists: explorer.graph.hasNode('person:matkenov'),
        selected,
        focus: explorer.state.focus,
        position: selected ? { x: explorer.graph.getNodeAttribute(selected, 'x'), y: explorer.graph.getNodeAttribute(selected, 'y') } : null,
      };
    });
    // The precondition of this test: the entity was re-keyed, not kept.
    expect(after.oldExists).toBe(false);
    expect(after.selected).not.toBeNull();
    expect(after.selected).not.toBe('person:matkenov');
    expect(after.focus).toEqual({ node: after.selected, hops: 1 });
    expect(after.position).toEqual({ x: before.x, y: before.y });
    expect(await panelTitle(page)).toBe('Тлеген Маткенов');
    // The focus still shows his neighbourhood (the new article adds to it), not the whole graph.
    const counts = await visibleCounts(page);
    expect(counts.nodes).toBeGreaterThan(before.neighbours);
    expect(counts.nodes).toBeLessThan(counts.totalNodes);
    await waitForHash(page, `sel=${after.selected}`);
    expect(decodeURIComponent(page.url())).toContain(`focus=${after.selected}`);
    // A reload of that URL shows the same view.
    await page.reload();
    await page.waitForFunction(() => window.__kg?.ready === true);
    expect(await panelTitle(page)).toBe('Тлеген Маткенов');
    // Removing the article: whatever key he ends up with, the view follows him.
    await page.click('#toggle-add');
    await page.click('[data-testid=remove-article]');
    await page.waitForFunction(() => / of 19 entities/.test(document.title));
    expect(await panelTitle(page)).toBe('Тлеген Маткенов');
    const selected = await page.evaluate(() => window.__kg.explorer!.state.selected);
    await waitForHash(page, `sel=${selected}`);
    await waitForHash(page, `focus=${selected}`);
    // Back to the plain graph for the next tests.
    await openApp(page, app.server.url);
  });

  it('adds a dropped .md file', async () => {
    const { page } = app.session;
    await dropFiles(page, [{ name: 'karaganda.md', text: HOSTILE_ARTICLE.replace(/<[^>]+>/g, ''), type: 'text/markdown' }]);
    await page.waitForFunction(() => /Added \d+/.test(document.querySelector('[data-testid=add-status]')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect(await page.textContent('[data-testid=added-articles]')).toContain('Задержания в Караганде');
    await page.click('[data-testid=remove-article]');
    await page.waitForFunction(() => document.title.startsWith('19 of 19'));
  });

  it('reads a dropped Windows-1251 file as the CLI does, so its Cyrillic entities are found', async () => {
    const { page } = app.session;
    const bytes = new Uint8Array(iconv.encode(CP1251_ARTICLE, 'win1251'));
    // Really not UTF-8: read as UTF-8 it would be replacement characters.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    await dropFiles(page, [{ name: 'shymkent-cp1251.txt', bytes }]);
    await page.waitForFunction(() => (document.querySelector('[data-testid=added-articles]')?.textContent ?? '').includes('Наркокурьер задержан в Шымкенте'), undefined, { timeout: 120_000 });
    await searchFor(page, 'Шымкент');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid=panel-title]')?.textContent === 'Шымкент');
    const evidence = (await page.textContent('[data-testid=panel-evidence]')) ?? '';
    expect(evidence).toContain('В Шымкенте полицейские задержали курьера с героином.');
    expect(evidence).not.toContain('\uFFFD');
    // The drop opened the article panel.
    await page.click('[data-testid=remove-article]');
    await page.waitForFunction(() => document.title.startsWith('19 of 19'));
  });

  it('shows HTML from a pasted article as text and runs no script', async () => {
    const { page, dialogs } = app.session;
    const status = await addPasted(HOSTILE_ARTICLE);
    expect(status).toMatch(/Added \d+/);
    const list = await page.textContent('[data-testid=added-articles]');
    expect(list).toContain('<img src=x onerror="window.__pwned=1;alert(1)"> Задержания в Караганде');
    await searchFor(page, 'МВД');
    await page.keyboard.press('Enter');
    expect(await page.locator('#panel img, #panel script, #add-panel img, #add-panel script').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('refuses a 20 MB paste with a message and stays responsive', async () => {
    const { page } = app.session;
    await page.fill('#article-text', '');
    await page.evaluate(() => {
      const area = document.getElementById('article-text')!;
      const transfer = new DataTransfer();
      transfer.setData('text/plain', 'наркотики '.repeat(2_000_000));
      area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    expect(await page.textContent('[data-testid=add-status]')).toMatch(/too large \(20\.0 MB\)/);
    expect(await page.inputValue('#article-text')).toBe('');
    await searchFor(page, 'Маткенов');
  });
});

describe('a failing extraction worker', () => {
  it('is reported in the page instead of leaving the article waiting', async () => {
    const { page } = app.session;
    const workerFile = readdirSync(join(inject('distDir'), 'assets')).find((name) => /^extract\.worker-.*\.js$/.test(name));
    expect(workerFile).toBeDefined();
    // The worker's script throws as it loads, as a broken deployment or a crashed worker would.
    app.server.routes.set(`/assets/${workerFile}`, 'throw new Error("worker script broken on purpose");');
    try {
      await openApp(page, app.server.url);
      const before = (await visibleCounts(page)).totalNodes;
      const status = await addPasted(ARTICLE);
      expect(status).toMatch(/^Extraction stopped: the extraction worker failed \(.*broken on purpose.*\)/);
      // Nothing was added and the page still works.
      expect((await visibleCounts(page)).totalNodes).toBe(before);
      await searchFor(page, 'Маткенов');
    } finally {
      app.server.routes.delete(`/assets/${workerFile}`);
    }
  });
});
