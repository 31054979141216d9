/**
 * Navigation: the browser's Back and Forward walk selection, focus and path
 * changes; "Path from here" empties the search for the second end, the path
 * found is framed clear of the path panel; path options; and no console error
 * over a typical session.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedGraphFile } from './fixtures/build-fixture';
import { panelTitle, selectBySearch, visibleCounts, waitForHash } from './support/app';
import { useApp } from './support/app-session';

const consoleErrors: string[] = [];

const app = useApp(() => JSON.stringify(seedGraphFile()), { open: 'each' });

beforeAll(() => {
  app.session.page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});

beforeEach(() => {
  consoleErrors.length = 0;
  app.session.pageErrors.length = 0;
});

const panelShows = (title: string) => app.session.page.waitForFunction((title) => document.querySelector('[data-testid=panel-title]')?.textContent === title, title);
const panelClosed = () => app.session.page.waitForFunction(() => document.getElementById('panel')?.hidden === true);

describe('browser history', () => {
  it('Back and Forward walk selection, focus and path changes', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    await page.click('[data-testid=panel-relations] button.node-link[data-node="org:minfin"]');
    await panelShows('Минфин');
    await page.click('[data-testid=focus-1]');
    await waitForHash(page, 'focus=org:minfin');
    const focused = (await visibleCounts(page)).nodes;
    expect(focused).toBeLessThan(19);

    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('focus='));
    expect((await visibleCounts(page)).nodes).toBe(19);
    expect(await panelTitle(page)).toBe('Минфин');
    await page.goBack();
    await panelShows('Тлеген Маткенов');
    await page.goBack();
    await panelClosed();

    await page.goForward();
    await panelShows('Тлеген Маткенов');
    await page.goForward();
    await panelShows('Минфин');
    await page.goForward();
    await page.waitForFunction(() => location.hash.includes('focus='));
    expect((await visibleCounts(page)).nodes).toBe(focused);
  });

  it('Back takes a path away again; camera moves and filter tweaks add no history step', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Tengrinews', 'Tengrinews.kz');
    const length = await page.evaluate(() => history.length);
    await page.uncheck('#legend-LOCATION');
    await page.fill('#filter-min', '1');
    await page.dispatchEvent('#filter-min', 'change');
    await page.click('#zoom-in');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => history.length)).toBe(length);
    await page.click('[data-testid=path-from]');
    await selectBySearch(page, 'платежных', 'электронные платежные системы');
    await page.locator('[data-testid=path-hops]').waitFor();
    await page.goBack();
    await page.waitForFunction(() => !location.hash.includes('pb='));
    expect(await page.isHidden('#path-panel')).toBe(true);
    expect(await panelTitle(page)).toBe('Tengrinews.kz');
  });
});

describe('path', () => {
  it('"Path from here" empties the search box for the other end; the path found is framed clear of the path panel', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Tengrinews', 'Tengrinews.kz');
    expect(await page.inputValue('#search')).toBe('Tengrinews.kz');
    await page.click('[data-testid=path-from]');
    expect(await page.inputValue('#search')).toBe('');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    await page.keyboard.type('платежных');
    await page.locator('#search-results [role=option]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=path-hops]').waitFor();
    await page.waitForTimeout(800);
    const placement = await page.evaluate(() => {
      const explorer = window.__kg.explorer!;
      const { sigma } = explorer.view;
      const canvas = sigma.getContainer().getBoundingClientRect();
      const panel = document.getElementById('path-panel')!.getBoundingClientRect();
      const [a, b] = explorer.state.path!;
      const nodes = ['org:tengrinews', 'person:matkenov', 'org:minfin', 'channel:payments'];
      return {
        ends: [a, b],
        points: nodes.map((node) => {
          const data = sigma.getNodeDisplayData(node)!;
          const p = sigma.framedGraphToViewport({ x: data.x, y: data.y });
          return { x: canvas.left + p.x, y: canvas.top + p.y };
        }),
        canvas: { left: canvas.left, top: canvas.top, right: canvas.right, bottom: canvas.bottom },
        panel: { left: panel.left, top: panel.top, right: panel.right, bottom: panel.bottom },
      };
    });
    expect(placement.ends).toEqual(['org:tengrinews', 'channel:payments']);
    for (const p of placement.points) {
      // On the canvas...
      expect(p.x).toBeGreaterThan(placement.canvas.left);
      expect(p.x).toBeLessThan(placement.canvas.right);
      expect(p.y).toBeGreaterThan(placement.canvas.top);
      expect(p.y).toBeLessThan(placement.canvas.bottom);
      // ...and not under the path panel.
      const under = p.x >= placement.panel.left && p.x <= placement.panel.right && p.y >= placement.panel.top && p.y <= placement.panel.bottom;
      expect(under).toBe(false);
    }
  });

  it('"typed relations only" refuses a path that needs co-occurrence', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Tengrinews', 'Tengrinews.kz');
    await page.click('[data-testid=path-from]');
    await selectBySearch(page, 'платежных', 'электронные платежные системы');
    await page.locator('[data-testid=path-hops]').waitFor();
    await page.check('#path-typed');
    // Tengrinews is linked to anything only by co-occurrence.
    await page.locator('[data-testid=path-none]').waitFor();
    await waitForHash(page, 'pt=1');
    await page.uncheck('#path-typed');
    await page.locator('[data-testid=path-hops]').waitFor();
  });
});

describe('panels', () => {
  it('opening the add-article panel brings the graph into the part of the canvas it leaves uncovered', async () => {
    const { page } = app.session;
    await page.click('#toggle-add');
    await page.waitForTimeout(800);
    const placement = await page.evaluate(() => {
      const { sigma } = window.__kg.explorer!.view;
      const canvas = sigma.getContainer().getBoundingClientRect();
      const panel = document.getElementById('add-panel')!.getBoundingClientRect();
      let covered = 0;
      let outside = 0;
      sigma.getGraph().forEachNode((node) => {
        const data = sigma.getNodeDisplayData(node);
        if (!data || data.hidden) return;
        const p = sigma.framedGraphToViewport({ x: data.x, y: data.y });
        const x = canvas.left + p.x;
        const y = canvas.top + p.y;
        if (x < canvas.left || x > canvas.right || y < canvas.top || y > canvas.bottom) outside++;
        else if (x >= panel.left && x <= panel.right && y >= panel.top && y <= panel.bottom) covered++;
      });
      return { covered, outside };
    });
    expect(placement).toEqual({ covered: 0, outside: 0 });
  });
});

describe('console', () => {
  it('a typical session raises no console error', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    await page.locator('#search').blur();
    await page.click('[data-testid=path-from]');
    await selectBySearch(page, 'гашиш', 'гашиш');
    await page.locator('#search').blur();
    await page.waitForTimeout(300);
    await page.click('[data-testid=path-clear]');
    // The other end picked on the canvas while the search box still has the focus.
    await page.click('#zoom-reset');
    await page.waitForTimeout(600);
    await page.click('[data-testid=path-from]');
    await page.locator('#search').pressSequentially('Мин');
    await page.waitForTimeout(600);
    const minfin = await page.evaluate(() => {
      const { sigma } = window.__kg.explorer!.view;
      const data = sigma.getNodeDisplayData('org:minfin')!;
      const p = sigma.framedGraphToViewport({ x: data.x, y: data.y });
      const box = sigma.getContainer().getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(minfin.x, minfin.y);
    await page.waitForFunction(() => window.__kg.explorer!.state.path?.[1] === 'org:minfin');
    // гашиш and Минфин are not connected: the panel says so.
    await page.locator('[data-testid=path-none]').waitFor();
    await page.click('[data-testid=focus-2]');
    await page.click('[data-testid=focus-clear]');
    await page.click('#zoom-in');
    await page.click('#zoom-fit');
    await page.mouse.move(400, 300);
    await page.mouse.move(700, 400);
    await page.click('#toggle-list');
    await page.click('[data-testid=entity-list] [data-sort=name]');
    await page.keyboard.press('Escape');
    await page.selectOption('#color-by', 'community');
    await page.locator('[data-testid=community-legend]').waitFor();
    await page.goBack();
    await page.goForward();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    expect(consoleErrors).toEqual([]);
    expect(app.session.pageErrors).toEqual([]);
  });
});
