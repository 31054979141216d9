/**
 * The analyst's features (issue 5): filters with counts, back/forward,
 * possibleSameAs, focus, shortest path with evidence, metrics, colour/size modes,
 * layout in a worker, URL state, exports, language, keyboard, list view, and
 * refusing a bad graph file dropped on the page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGraphFileText } from '../../src/model/validate';
import { EXTRA_ARTICLE_ID, hostileGraphFile, seedGraphFile } from './fixtures/build-fixture';
import { dropFiles, panelTitle, searchFor, selectBySearch, visibleCounts, waitForHash } from './support/app';
import { countColourPixels } from './support/pixels';
import { useApp } from './support/app-session';

const app = useApp(() => JSON.stringify(seedGraphFile()), { open: 'each' });

describe('filters', () => {
  it('type checkboxes hide a type, the counts and the title follow', async () => {
    const { page } = app.session;
    expect(await visibleCounts(page)).toEqual({ nodes: 19, totalNodes: 19, edges: 13, totalEdges: 13 });
    expect(await page.textContent('[data-testid=count-PERSON]')).toBe('3');
    await page.uncheck('#legend-PERSON');
    const counts = await visibleCounts(page);
    expect(counts.nodes).toBe(16);
    // Маткенов's four relations disappear with him.
    expect(counts.edges).toBe(9);
    await waitForHash(page, 'ht=PERSON');
  });

  it('a filter control keeps its focus while it is used: the panels update in place, not rebuilt', async () => {
    const { page } = app.session;
    const before = await page.$('#filter-min');
    await page.focus('#filter-min');
    // Arrow keys step the number and fire change at once, as a user stepping through values does.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('min=2'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('filter-min');
    expect(await page.evaluate((el) => el === document.querySelector('#filter-min'), before)).toBe(true);
    expect((await visibleCounts(page)).nodes).toBeLessThan(19);
    await page.focus('#legend-PERSON');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => decodeURIComponent(location.hash).includes('ht=PERSON'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('legend-PERSON');
    expect(await page.isChecked('#legend-PERSON')).toBe(false);
  });

  it('article, date range, minimum mentions, relation type and isolated nodes each narrow the graph', async () => {
    const { page } = app.session;
    await page.selectOption('#filter-article', EXTRA_ARTICLE_ID);
    expect(await visibleCounts(page)).toMatchObject({ nodes: 5, edges: 4 });
    expect(await page.textContent('[data-testid=count-LOCATION]')).toBe('2');
    await page.click('#filter-reset');
    await page.fill('#filter-from', '2021-01-01');
    await page.dispatchEvent('#filter-from', 'change');
    expect(await visibleCounts(page)).toMatchObject({ nodes: 5, edges: 4 });
    await page.fill('#filter-to', '2020-01-01');
    await page.dispatchEvent('#filter-to', 'change');
    expect(await visibleCounts(page)).toMatchObject({ nodes: 0, edges: 0 });
    await page.click('#filter-reset');
    await page.fill('#filter-min', '2');
    await page.dispatchEvent('#filter-min', 'change');
    expect((await visibleCounts(page)).nodes).toBe(9);
    await page.click('#filter-reset');
    await page.uncheck('#relation-MENTIONED_WITH');
    expect(await visibleCounts(page)).toMatchObject({ nodes: 19, edges: 7 });
    await page.click('#filter-reset');
    await page.check('#filter-isolated');
    // Токаев, "Президент", Казахстан and МВД России have no relation in this graph.
    expect((await visibleCounts(page)).nodes).toBe(15);
  });
});

describe('hover', () => {
  it('highlights the hovered node\'s neighbourhood and dims the rest', async () => {
    const { page } = app.session;
    const drugPurple = '#8e44ad';
    const before = await countColourPixels(page, await page.locator('#graph').screenshot(), drugPurple);
    expect(before).toBeGreaterThan(50);
    // Where Маткенов is drawn, in page coordinates.
    const point = await page.evaluate(() => {
      const { sigma } = window.__kg.explorer!.view;
      const { x, y } = sigma.getGraph().getNodeAttributes('person:matkenov');
      const viewport = sigma.graphToViewport({ x: x!, y: y! });
      const box = sigma.getContainer().getBoundingClientRect();
      return { x: box.left + viewport.x, y: box.top + viewport.y };
    });
    await page.mouse.move(point.x, point.y);
    // The drugs are not his neighbours: once the (debounced) highlight applies they turn grey.
    await expect
      .poll(async () => countColourPixels(page, await page.locator('#graph').screenshot(), drugPurple), { timeout: 5000 })
      .toBeLessThan(before / 4);
    await page.mouse.move(5, 5);
    await expect.poll(async () => countColourPixels(page, await page.locator('#graph').screenshot(), drugPurple), { timeout: 5000 }).toBeGreaterThan(before / 2);
  });
});

describe('details panel', () => {
  it('navigates back and forward through what the user clicked', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    await page.click('[data-testid=panel-relations] button.node-link[data-node="org:minfin"]');
    expect(await panelTitle(page)).toBe('Минфин');
    await page.click('[data-testid=panel-back]');
    expect(await panelTitle(page)).toBe('Тлеген Маткенов');
    await page.click('[data-testid=panel-forward]');
    expect(await panelTitle(page)).toBe('Минфин');
    expect(await page.isDisabled('[data-testid=panel-forward]')).toBe(true);
  });

  it('lists possibleSameAs candidates, clickable', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Президент', 'Президент');
    await page.click('[data-testid=panel-same-as] button.node-link');
    expect(await panelTitle(page)).toBe('Касым-Жомарт Токаев');
  });

  it('shows degree, PageRank, betweenness and community', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    // Computed in a worker: the panel fills them in when they arrive.
    await page.locator('[data-testid=panel-metrics]').waitFor();
    const metrics = await page.locator('[data-testid=panel-metrics] dd').allTextContents();
    expect(metrics[0]).toBe('4');
    expect(Number(metrics[1])).toBeGreaterThan(0);
    // He is the only bridge between МВД's side and Минфин: betweenness above zero.
    expect(Number(metrics[2])).toBeGreaterThan(0);
    expect(metrics[3]).toMatch(/^\d+$/);
  });
});

describe('focus and path', () => {
  it('focus shows a node with its neighbourhood to 1 or 2 hops', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    await page.click('[data-testid=focus-1]');
    expect((await visibleCounts(page)).nodes).toBe(5);
    await page.click('[data-testid=focus-2]');
    // The payment systems are two hops away (through Минфин).
    expect((await visibleCounts(page)).nodes).toBe(6);
    await waitForHash(page, 'focus=person:matkenov');
    await page.click('[data-testid=focus-clear]');
    expect((await visibleCounts(page)).nodes).toBe(19);
  });

  it('shows the shortest path between two entities with the evidence of each hop', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Tengrinews', 'Tengrinews.kz');
    await page.click('[data-testid=path-from]');
    await page.waitForSelector('[data-testid=path-hint]');
    await selectBySearch(page, 'платежных', 'электронные платежные системы');
    const hops = page.locator('[data-testid=path-hops] > li');
    expect(await hops.count()).toBe(3);
    const texts = await hops.allTextContents();
    expect(texts[0]).toContain('Tengrinews.kz');
    expect(texts[1]).toContain('cooperates with');
    // Each hop quotes its sentence with both ends marked.
    expect(await hops.nth(2).locator('mark').allTextContents()).toEqual(['Минфином', 'электронных платежных систем']);
    await waitForHash(page, 'pb=channel:payments');
  });

  it('says so when there is no path', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    await page.click('[data-testid=path-from]');
    await selectBySearch(page, 'Telegram', 'Telegram');
    await page.waitForSelector('[data-testid=path-none]');
  });
});

describe('view state in the URL', () => {
  it('restores selection, filters, focus, modes and camera from a link', async () => {
    const { page } = app.session;
    await page.goto('about:blank');
    await page.goto(`${app.server.url}#sel=org%3Amvd&ht=LOCATION&min=1&focus=person%3Amatkenov&hops=2&size=pagerank&color=community&cam=0.4,0.6,0.5`);
    await page.waitForFunction(() => window.__kg?.ready === true);
    expect(await panelTitle(page)).toBe('МВД');
    expect((await visibleCounts(page)).nodes).toBe(6);
    expect(await page.isChecked('#legend-LOCATION')).toBe(false);
    expect(await page.inputValue('#size-by')).toBe('pagerank');
    expect(await page.inputValue('#color-by')).toBe('community');
    const camera = await page.evaluate(() => window.__kg.explorer!.view.camera());
    expect(camera.ratio).toBeCloseTo(0.5, 3);
    expect(camera.x).toBeCloseTo(0.4, 3);
  });

  it('follows a link pasted into an open explorer (only the hash changes)', async () => {
    const { page } = app.session;
    await page.evaluate(() => {
      location.hash = 'sel=org%3Aminfin&hr=MENTIONED_WITH';
    });
    await page.waitForFunction(() => document.querySelector('[data-testid=panel-title]')?.textContent === 'Минфин');
    expect(await page.isChecked('#relation-MENTIONED_WITH')).toBe(false);
    expect((await visibleCounts(page)).edges).toBe(7);
  });
});

describe('layout', () => {
  it('runs ForceAtlas2 in a worker while the page stays usable, stops, and removes overlaps', async () => {
    const { page } = app.session;
    const positions = () => page.evaluate(() => Object.fromEntries(window.__kg.explorer!.graph.mapNodes((n, a) => [n, [a.x, a.y]])));
    const before = await positions();
    await page.click('#layout-toggle');
    expect(await page.getAttribute('#layout-toggle', 'aria-pressed')).toBe('true');
    // The main thread answers while the layout runs.
    await searchFor(page, 'гашиш');
    await page.waitForTimeout(500);
    await page.click('#layout-toggle');
    expect(await page.getAttribute('#layout-toggle', 'aria-pressed')).toBe('false');
    const after = await positions();
    expect(after).not.toEqual(before);
    await page.click('#layout-noverlap');
    // The saved file carries the new positions.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const file = parseGraphFileText(readFileSync(await download.path(), 'utf8'));
    const saved = Object.fromEntries(file.graph.nodes.map((n) => [n.key, [n.attributes.x, n.attributes.y]]));
    expect(saved).toEqual(await positions());
  });
});

describe('exports', () => {
  it('exports GEXF and a PNG image of the view', async () => {
    const { page } = app.session;
    const [gexf] = await Promise.all([page.waitForEvent('download'), page.click('#export-gexf')]);
    const xml = readFileSync(await gexf.path(), 'utf8');
    expect(xml).toContain('<gexf');
    expect(xml).toContain('Тлеген Маткенов');
    expect((xml.match(/<node /g) ?? []).length).toBe(19);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    const bytes = readFileSync(await png.path());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(5000);
  });
});

describe('language, keyboard and list view', () => {
  it('switches to Russian and remembers it across reloads', async () => {
    const { page } = app.session;
    await page.click('#lang-toggle');
    expect(await page.textContent('#legend h2')).toBe('Типы сущностей');
    await page.reload();
    await page.waitForFunction(() => window.__kg?.ready === true);
    expect(await page.textContent('#legend h2')).toBe('Типы сущностей');
    expect(await page.title()).toContain('Видно сущностей: 19 из 19');
    await page.click('#lang-toggle');
    expect(await page.textContent('#legend h2')).toBe('Entity types');
  });

  it('"/" focuses search, arrows move through results, Enter chooses, Escape closes the panel', async () => {
    const { page } = app.session;
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('м');
    await page.locator('#search-results [role=option]').first().waitFor();
    const options = await page.locator('#search-results [role=option]').count();
    expect(options).toBeGreaterThan(1);
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#search', 'aria-activedescendant')).toBe('search-hit-1');
    const second = await page.locator('#search-hit-1 .hit-label').textContent();
    await page.keyboard.press('Enter');
    expect(await panelTitle(page)).toBe(second);
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#panel')).toBe(true);
  });

  it('the list view is a table of the visible entities; a name selects it', async () => {
    const { page } = app.session;
    await page.click('#toggle-list');
    const rows = page.locator('[data-testid=entity-list] tbody tr');
    expect(await rows.count()).toBe(19);
    // Sorted by mentions: Маткенов or героин (4 each) first.
    expect(await rows.first().locator('th').textContent()).toMatch(/Тлеген Маткенов|героин/);
    await page.uncheck('#legend-DRUG');
    expect(await rows.count()).toBe(16);
    await page.click('[data-testid=entity-list] button[data-node="org:minfin"]');
    expect(await panelTitle(page)).toBe('Минфин');
    await page.keyboard.press('Escape');
    expect(await page.isHidden("#list-view")).toBe(true);
  });
});

describe('bad input', () => {
  it('refuses malformed or foreign JSON dropped on the page and keeps the graph', async () => {
    const { page } = app.session;
    await dropFiles(page, [{ name: 'broken.json', text: '{"type": "kg-news-explorer/graph", ', type: 'application/json' }]);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('File refused'));
    expect(await page.textContent('#status')).toContain('not valid JSON');
    await dropFiles(page, [{ name: 'other.json', text: JSON.stringify({ nodes: [], links: [] }), type: 'application/json' }]);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('other.json'));
    expect(await page.textContent('#status')).toContain('not a graph file of this tool');
    const wrongVersion = { ...seedGraphFile(), version: 99 };
    await dropFiles(page, [{ name: 'future.json', text: JSON.stringify(wrongVersion), type: 'application/json' }]);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('version 99'));
    expect((await visibleCounts(page)).totalNodes).toBe(19);
    await dropFiles(page, [{ name: 'picture.png', text: 'x', type: 'image/png' }]);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('picture.png'));
    // A valid file replaces the graph.
    await dropFiles(page, [{ name: 'hostile.json', text: JSON.stringify(hostileGraphFile()), type: 'application/json' }]);
    await page.waitForFunction(() => document.title.startsWith('3 of 3'));
  });
});
