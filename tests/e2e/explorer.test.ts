/**
 * The explorer end to end (issue 2): the network is drawn, search finds an
 * entity by an inflected form, the panel shows evidence and navigates, the
 * download is a valid graph file, hostile article text stays text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { serializeGraphFile } from '../../src/graph/serialize';
import { parseGraphFileText } from '../../src/model/validate';
import { HOSTILE_IMG, HOSTILE_SCRIPT, hostileGraphFile, seedGraphFile } from './fixtures/build-fixture';
import { openApp } from './support/browser';
import { countInkPixels } from './support/pixels';
import { startStaticServer } from './support/server';
import { useApp } from './support/app-session';

const app = useApp(() => serializeGraphFile(seedGraphFile()), { open: 'once' });

async function search(query: string): Promise<void> {
  const { page } = app.session;
  await page.fill('#search', '');
  await page.locator('#search').pressSequentially(query);
  await page.locator('#search-results [role=option]').first().waitFor();
}

describe('explorer', () => {
  it('draws the network: the canvas is not blank and the legend lists the types', async () => {
    const { page } = app.session;
    const shot = await page.locator('#graph').screenshot();
    const { ink, total, colours } = await countInkPixels(page, shot);
    // Nodes in several type colours plus edges and labels: far more than a blank or single-colour stage.
    expect(ink).toBeGreaterThan(total * 0.003);
    expect(colours).toBeGreaterThan(5);
    await expect(page.locator('#legend label').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('Person'), expect.stringContaining('Drug')]),
    );
    expect(await page.title()).toContain('19 of 19 entities');
  });

  it('finds Тлеген Маткенов by the inflected form and case-insensitively, and shows his evidence', async () => {
    const { page } = app.session;
    await search('маткенова');
    await expect(page.locator('#search-results [role=option]').first().textContent()).resolves.toContain('Тлеген Маткенов');
    await search('Маткенов');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-testid=panel-title]').textContent()).resolves.toBe('Тлеген Маткенов');
    await expect(page.locator('[data-testid=panel-type]').textContent()).resolves.toContain('Person');
    const evidence = page.locator('[data-testid=panel-evidence]');
    // The seed writes a no-break space after "сообщил"; compare with whitespace folded.
    const evidenceText = ((await evidence.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(evidenceText).toContain('сообщил Тлеген Маткенов на пресс-конференции в МВД');
    // The mention itself is marked inside its sentence, in both inflected forms.
    const marks = await evidence.locator('mark').allTextContents();
    expect(marks).toEqual(expect.arrayContaining(['Тлеген Маткенов', 'Тлегена Маткенова']));
    // The source article with its date and a working link.
    await expect(page.locator('[data-testid=article-link]').first().getAttribute('href')).resolves.toContain('tengrinews.kz');
    await expect(evidence.textContent()).resolves.toContain('2019-11-01');
    await expect(page.locator('[data-testid=panel-aliases]').textContent()).resolves.toContain('Тлегена Маткенова');
  });

  it('groups neighbours by relation, and clicking one navigates to it', async () => {
    const { page } = app.session;
    const relations = page.locator('[data-testid=panel-relations]');
    await expect(relations.locator('h4').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('holds position'), expect.stringContaining('mentioned with')]),
    );
    await relations.locator('li[data-relation=HOLDS_POSITION] button.node-link').click();
    await expect(page.locator('[data-testid=panel-title]').textContent()).resolves.toBe('Департамент по противодействию наркопреступности');
    await expect(page.locator('[data-testid=panel-relations]').textContent()).resolves.toContain('Тлеген Маткенов');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('sel=org:drug-department'));
  });

  it('downloads the graph as a valid versioned graph file', async () => {
    const { page } = app.session;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    const file = parseGraphFileText(text, 'downloaded graph');
    // Written as the CLI writes it: each article's quoted sentences stored once, evidence by index.
    const raw = JSON.parse(text) as { articles: Array<{ sentences?: unknown[] }>; graph: { nodes: Array<{ attributes: { evidence: Array<{ sentence: unknown }> } }> } };
    expect(raw.articles[0]?.sentences?.length).toBeGreaterThan(0);
    expect(typeof raw.graph.nodes[0]?.attributes.evidence[0]?.sentence).toBe('number');
    expect(file.graph.nodes).toHaveLength(19);
    expect(file.articles.map((a) => a.id)).toHaveLength(2);
    const matkenov = file.graph.nodes.find((n) => n.key === 'person:matkenov');
    // Positions from the layout are saved with the graph.
    expect(typeof matkenov?.attributes.x).toBe('number');
    expect(matkenov?.attributes.aliases).toContain('Тлегена Маткенова');
  });
});

describe('hostile article text', () => {
  it('shows HTML and script from an article as text and runs nothing', async () => {
    const hostile = await startStaticServer(inject('distDir'), { '/graph-data/graph.json': JSON.stringify(hostileGraphFile()) });
    const { page, dialogs } = app.session;
    try {
      await openApp(page, hostile.url);
      await search('Ivan');
      await expect(page.locator('#search-results').textContent()).resolves.toContain('Ivan Petrov');
      await page.keyboard.press('Enter');
      const panel = page.locator('#panel');
      const text = await panel.textContent();
      expect(text).toContain(HOSTILE_SCRIPT);
      expect(text).toContain(HOSTILE_IMG);
      // The hostile node's label in the relation list and its search hit are text too.
      await search('img');
      await expect(page.locator('#search-results').textContent()).resolves.toContain(HOSTILE_IMG);
      await page.keyboard.press('Enter');
      await expect(page.locator('[data-testid=panel-title]').textContent()).resolves.toBe(HOSTILE_IMG);
      // No element was created from the text, no handler ran, no dialog opened.
      expect(await page.locator('#panel img, #panel script, #search-results img').count()).toBe(0);
      // A javascript: source link is not made clickable.
      expect(await page.locator('#panel a[href^="javascript"]').count()).toBe(0);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await hostile.close();
    }
  });
});

describe('a malformed graph-data/graph.json', () => {
  it('is not shown: the page says what is wrong and where, with an empty graph', async () => {
    const file = seedGraphFile();
    (file.graph.nodes[3]!.attributes as { type: string }).type = 'SPACESHIP';
    const bad = await startStaticServer(inject('distDir'), { '/graph-data/graph.json': JSON.stringify(file) });
    const { page } = app.session;
    try {
      await openApp(page, bad.url);
      const status = await page.textContent('#status');
      expect(status).toContain('could not be loaded');
      expect(status).toContain('graph.nodes[3].attributes.type');
      expect(await page.title()).toContain('0 of 0 entities');
    } finally {
      await bad.close();
    }
  });
});

describe('a version 1 graph file', () => {
  it('is shown as kg reads it, every entity included', async () => {
    // Version 1 kept each evidence sentence inline (the expanded form), under version 1.
    const file = seedGraphFile();
    const old = await startStaticServer(inject('distDir'), { '/graph-data/graph.json': JSON.stringify({ ...file, version: 1 }) });
    const { page } = app.session;
    try {
      await openApp(page, old.url);
      await page.waitForFunction(() => document.title.includes(' of '));
      expect(await page.title()).toContain(`${file.graph.nodes.length} of ${file.graph.nodes.length} entities`);
      expect(await page.textContent('#status')).not.toContain('could not be loaded');
    } finally {
      await old.close();
    }
  });
});
