/**
 * The explorer on a large graph (3,000 synthetic entities, mostly co-occurrence):
 * the readable default and "show everything", relation colours and their
 * legend, the co-occurrence weight filter, edge tooltips, the community legend,
 * zoom buttons, label density, hub-avoiding paths, and metrics that never block
 * the page.
 */
import { describe, expect, it } from 'vitest';
import { expectedReadableDefault, syntheticGraphFile } from './fixtures/synthetic-graph';
import { selectBySearch, visibleCounts, waitForHash } from './support/app';
import { countColourPixels } from './support/pixels';
import { useApp } from './support/app-session';

const file = syntheticGraphFile();
const TOTAL_NODES = file.graph.nodes.length;
const TOTAL_EDGES = file.graph.edges.length;

const app = useApp(() => JSON.stringify(file), { open: 'each' });

/** Where a graph node is drawn, in page coordinates. */
async function nodeOnPage(node: string): Promise<{ x: number; y: number }> {
  return app.session.page.evaluate((node) => {
    const { sigma } = window.__kg.explorer!.view;
    const data = sigma.getNodeDisplayData(node)!;
    const viewport = sigma.framedGraphToViewport({ x: data.x, y: data.y });
    const box = sigma.getContainer().getBoundingClientRect();
    return { x: box.left + viewport.x, y: box.top + viewport.y };
  }, node);
}

const camera = () => app.session.page.evaluate(() => window.__kg.explorer!.view.camera());

describe('a large graph opens readable', () => {
  it('shows typed relations and the most-mentioned entities, says "showing N of M", and shows everything on request', async () => {
    const { page } = app.session;
    const expected = expectedReadableDefault(file);
    expect(expected.nodes).toBeLessThan(TOTAL_NODES / 2);
    expect(await visibleCounts(page)).toEqual({ nodes: expected.nodes, totalNodes: TOTAL_NODES, edges: expected.edges, totalEdges: TOTAL_EDGES });
    expect(await page.textContent('[data-testid=showing-count]')).toBe(`Showing ${expected.nodes} of ${TOTAL_NODES} entities`);
    expect(await page.textContent('#scale-notice')).toContain('typed relations and the 200 most-mentioned');
    await page.click('#show-all');
    expect(await visibleCounts(page)).toEqual({ nodes: TOTAL_NODES, totalNodes: TOTAL_NODES, edges: TOTAL_EDGES, totalEdges: TOTAL_EDGES });
    await waitForHash(page, 'all=1');
    // A reload (or a shared link) keeps showing everything.
    await page.reload();
    await page.waitForFunction(() => window.__kg?.ready === true);
    expect((await visibleCounts(page)).nodes).toBe(TOTAL_NODES);
    await page.click('#show-readable');
    expect((await visibleCounts(page)).nodes).toBe(expected.nodes);
  });
});

describe('selection on the readable default', () => {
  it('an entity found by search outside the default is shown once selected', async () => {
    const { page } = app.session;
    const expected = expectedReadableDefault(file);
    const hidden = () => page.evaluate(() => window.__kg.explorer!.view.sigma.getNodeDisplayData('syn:quiet')?.hidden ?? true);
    expect(await hidden()).toBe(true);
    await selectBySearch(page, 'Quiet entity', 'Quiet entity');
    expect((await visibleCounts(page)).nodes).toBe(expected.nodes + 1);
    expect(await hidden()).toBe(false);
  });
});

describe('relations', () => {
  it('draws typed relations in their legend colours over thin grey co-occurrence', async () => {
    const { page } = app.session;
    const legend = await page.$$eval('[data-testid=relation-legend] .edge-swatch', (spans) =>
      spans.map((s) => ({ color: (s as HTMLElement).dataset['color']!, thin: s.classList.contains('thin'), label: s.parentElement!.textContent! })),
    );
    const typed = legend.filter((l) => !l.thin);
    expect(typed.length).toBe(8);
    expect(new Set(typed.map((l) => l.color)).size).toBe(8);
    const cooccurrence = legend.find((l) => l.thin)!;
    expect(cooccurrence.label).toContain('mentioned with');
    // Grey: the three channels within a few units of each other.
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(cooccurrence.color.slice(i, i + 2), 16)) as [number, number, number];
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(20);
    // The planted SEIZED edge is drawn in SEIZED's colour.
    const seized = typed.find((l) => l.label.startsWith('seized'))!;
    expect(await countColourPixels(page, await page.locator('#graph').screenshot(), seized.color, 30)).toBeGreaterThan(20);
  });

  it('a minimum co-occurrence weight hides lighter co-occurrence edges, never typed relations', async () => {
    const { page } = app.session;
    await page.click('#show-all');
    await page.fill('#filter-min-weight', '3');
    await page.dispatchEvent('#filter-min-weight', 'change');
    const kept = file.graph.edges.filter((e) => e.attributes.type !== 'MENTIONED_WITH' || e.attributes.weight >= 3).length;
    expect((await visibleCounts(page)).edges).toBe(kept);
    await waitForHash(page, 'mw=3');
  });

  it('names an edge\'s relation in a tooltip when the pointer is on it', async () => {
    const { page } = app.session;
    const a = await nodeOnPage('syn:seizer');
    const b = await nodeOnPage('syn:drug');
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2);
    const tooltip = page.locator('[data-testid=edge-tooltip]');
    await tooltip.waitFor({ state: 'visible', timeout: 5000 });
    expect(await tooltip.textContent()).toBe('Seizing agency → seized ×4 → Seized drug');
    await page.mouse.move(5, 5);
    await tooltip.waitFor({ state: 'hidden', timeout: 5000 });
  });
});

describe('appearance', () => {
  it('colouring by community brings a legend of community colours with counts', async () => {
    const { page } = app.session;
    await page.selectOption('#color-by', 'community');
    const legend = page.locator('[data-testid=community-legend]');
    await legend.waitFor({ timeout: 60_000 });
    const items = await legend.locator('li').evaluateAll((lis) =>
      lis.map((li) => ({ swatch: (li.querySelector('.swatch') as HTMLElement | null)?.style.background ?? '', count: Number(li.querySelector('.count')!.textContent) })),
    );
    expect(items.length).toBeGreaterThan(2);
    // Every entity is in one community: the counts add up to the graph.
    expect(items.reduce((sum, i) => sum + i.count, 0)).toBe(TOTAL_NODES);
    // Largest first, each listed community with a colour.
    const listed = items.filter((i) => i.swatch);
    expect(listed.map((i) => i.count)).toEqual([...listed.map((i) => i.count)].sort((x, y) => y - x));
    expect(new Set(listed.map((i) => i.swatch)).size).toBe(listed.length);
  });

  it('zoom in, zoom out, fit and reset buttons move the camera', async () => {
    const { page } = app.session;
    const start = await camera();
    await page.click('#zoom-in');
    await expect.poll(async () => (await camera()).ratio).toBeLessThan(start.ratio * 0.8);
    const zoomed = await camera();
    await page.click('#zoom-out');
    await expect.poll(async () => (await camera()).ratio).toBeGreaterThan(zoomed.ratio * 1.2);
    await page.click('#zoom-reset');
    await expect.poll(async () => (await camera()).ratio).toBeCloseTo(1, 2);
    await page.click('#zoom-in');
    await page.click('#zoom-in');
    await page.waitForTimeout(500);
    await page.click('#zoom-fit');
    await page.waitForTimeout(600);
    // Fit: every visible entity is inside the canvas.
    const outside = await page.evaluate(() => {
      const { sigma } = window.__kg.explorer!.view;
      const { width, height } = sigma.getDimensions();
      let count = 0;
      sigma.getGraph().forEachNode((node) => {
        const data = sigma.getNodeDisplayData(node);
        if (!data || data.hidden) return;
        const p = sigma.framedGraphToViewport({ x: data.x, y: data.y });
        if (p.x < 0 || p.y < 0 || p.x > width || p.y > height) count++;
      });
      return count;
    });
    expect(outside).toBe(0);
  });

  it('labels do not pile up: no two labels drawn over each other on the whole graph', async () => {
    const { page } = app.session;
    await page.click('#show-all');
    await page.waitForTimeout(500);
    const labels = await page.evaluate(() => {
      const { sigma } = window.__kg.explorer!.view;
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = '500 13px system-ui, "Segoe UI", Roboto, Arial, sans-serif';
      // Sigma draws a label to the right of its node, vertically centred on it.
      const boxes = [...sigma.getNodeDisplayedLabels()].map((node) => {
        const data = sigma.getNodeDisplayData(node)!;
        const p = sigma.framedGraphToViewport({ x: data.x, y: data.y });
        const left = p.x + sigma.scaleSize(data.size) + 3;
        return { x0: left, x1: left + ctx.measureText(data.label ?? '').width, y0: p.y - 7, y1: p.y + 7 };
      });
      let overlapping = 0;
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0)) overlapping++;
        }
      }
      return { shown: boxes.length, overlapping };
    });
    expect(labels.shown).toBeGreaterThan(5);
    expect(labels.overlapping).toBe(0);
  });
});

describe('paths on a large graph', () => {
  it('avoids hub entities when asked', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Path start', 'Path start');
    await page.click('[data-testid=path-from]');
    expect(await page.inputValue('#search')).toBe('');
    await selectBySearch(page, 'Path end', 'Path end');
    const hops = page.locator('[data-testid=path-hops] > li');
    await expect.poll(() => hops.count()).toBe(2);
    expect(await hops.first().textContent()).toContain('Hub agency');
    await page.check('#path-avoid-hubs');
    await expect.poll(() => hops.count()).toBe(3);
    expect((await hops.allTextContents()).join(' ')).not.toContain('Hub agency');
    await waitForHash(page, 'ph=1');
  });
});

describe('never blocking', () => {
  it('the first click computes metrics in a worker: the panel says "computing…" and the page keeps answering', async () => {
    const { page } = app.session;
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.evaluate(() => {
      const w = window as unknown as { __tasks: Array<[number, number]> };
      w.__tasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__tasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask' });
    });
    expect(workers.some((url) => url.includes('metrics'))).toBe(false);
    await selectBySearch(page, 'Hub agency', 'Hub agency');
    // Read where and when the note shows in one step: on a fast run the metrics replace it at once.
    const shown = await page.waitForFunction(
      () => {
        const note = document.querySelector('[data-testid=metrics-computing]');
        return note ? { at: performance.now(), text: note.textContent } : null;
      },
      undefined,
      { timeout: 5000 },
    );
    const { at: computingAt, text } = (await shown.jsonValue())!;
    expect(text).toBe('computing…');
    await page.locator('[data-testid=panel-metrics]').waitFor({ timeout: 90_000 });
    const metricsAt = await page.evaluate(() => performance.now());
    const metrics = await page.locator('[data-testid=panel-metrics] dd').allTextContents();
    expect(Number(metrics[0])).toBeGreaterThan(300);
    expect(workers.some((url) => url.includes('metrics'))).toBe(true);
    // While the worker computed, the main thread only drew frames (slow in software WebGL, but
    // far below the computation itself): no task as long as a metrics run.
    const tasks = await page.evaluate(() => (window as unknown as { __tasks: Array<[number, number]> }).__tasks);
    const during = tasks.filter(([start]) => start >= computingAt && start < metricsAt).map(([, duration]) => duration);
    expect(Math.max(0, ...during)).toBeLessThan(1000);
  });
});
