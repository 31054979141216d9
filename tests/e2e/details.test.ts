/**
 * Details: a graph file chooser apart from adding articles, relation property
 * keys in the reader's language, the entity panel following the relation
 * filters, and the list view sorted by any column.
 */
import { describe, expect, it } from 'vitest';
import { hostileGraphFile, seedGraphFile } from './fixtures/build-fixture';
import { selectBySearch, visibleCounts } from './support/app';
import { useApp } from './support/app-session';

const app = useApp(() => JSON.stringify(seedGraphFile()), { open: 'each' });

describe('graph files', () => {
  it('a visible button opens a file chooser for graph files, apart from adding articles', async () => {
    const { page } = app.session;
    expect(await page.isVisible('#open-graph')).toBe(true);
    expect(await page.textContent('#open-graph')).toBe('Open graph file…');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#open-graph')]);
    expect(chooser.isMultiple()).toBe(false);
    expect(await chooser.element().getAttribute('accept')).toContain('.json');
    await chooser.setFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostileGraphFile())) });
    await page.waitForFunction(() => document.title.startsWith('3 of 3'));
    expect(await page.textContent('#status')).toContain('other.json');
    // Adding articles stays in its own panel.
    expect(await page.isHidden('#add-panel')).toBe(true);
  });
});

describe('entity panel', () => {
  it('translates relation property keys', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    const holds = page.locator('[data-testid=panel-relations] li[data-relation=HOLDS_POSITION] .props');
    expect(await holds.textContent()).toBe(' (position: начальник)');
    await page.click('#lang-toggle');
    expect(await holds.textContent()).toBe(' (должность: начальник)');
    await page.click('#lang-toggle');
  });

  it('lists only the relation types the filters show', async () => {
    const { page } = app.session;
    await selectBySearch(page, 'Маткенов', 'Тлеген Маткенов');
    const relations = page.locator('[data-testid=panel-relations] li[data-relation]');
    expect(await relations.count()).toBe(4);
    await page.uncheck('#relation-MENTIONED_WITH');
    await expect.poll(() => relations.count()).toBe(3);
    expect(await page.locator('[data-testid=panel-relations] li[data-relation=MENTIONED_WITH]').count()).toBe(0);
    await page.uncheck('#relation-STATED');
    await expect.poll(() => relations.count()).toBe(2);
    await page.click('#filter-reset');
    await expect.poll(() => relations.count()).toBe(4);
  });
});

describe('list view', () => {
  it('sorts by each column; a second click on a header reverses the order', async () => {
    const { page } = app.session;
    await page.click('#toggle-list');
    const column = (index: number) => page.locator('[data-testid=entity-list] tbody tr').evaluateAll((rows, i) => rows.map((r) => r.children[i]!.textContent!), index);
    const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
    const byText = (values: string[]) => [...values].sort((a, b) => collator.compare(a, b));
    const byNumber = (values: string[]) => [...values].sort((a, b) => Number(a) - Number(b));

    await page.click('[data-testid=entity-list] [data-sort=name]');
    const names = await column(0);
    expect(names).toEqual(byText(names));
    expect(await page.getAttribute('[data-testid=entity-list] th:has([data-sort=name])', 'aria-sort')).toBe('ascending');
    await page.click('[data-testid=entity-list] [data-sort=name]');
    expect(await column(0)).toEqual(byText(names).reverse());
    expect(await page.getAttribute('[data-testid=entity-list] th:has([data-sort=name])', 'aria-sort')).toBe('descending');

    await page.click('[data-testid=entity-list] [data-sort=type]');
    const types = await column(1);
    expect(types).toEqual(byText(types));

    await page.click('[data-testid=entity-list] [data-sort=mentions]');
    const mentions = await column(2);
    expect(mentions).toEqual(byNumber(mentions).reverse());
    await page.click('[data-testid=entity-list] [data-sort=mentions]');
    expect(await column(2)).toEqual(byNumber(mentions));

    await page.click('[data-testid=entity-list] [data-sort=degree]');
    const degrees = await column(3);
    expect(degrees).toEqual(byNumber(degrees).reverse());
    expect(Number(degrees[0])).toBe(4);
    // The order survives a filter change (the list re-renders).
    await page.uncheck('#legend-DRUG');
    expect((await visibleCounts(page)).nodes).toBe(16);
    const after = await column(3);
    expect(after).toEqual(byNumber(after).reverse());
  });
});
