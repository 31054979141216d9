/**
 * Class words ("наркотики", "сайт": nodes marked generic) in the explorer: hidden by
 * default, since they link everything to everything, shown on request, kept in the URL.
 */
import { describe, expect, it } from 'vitest';
import { seedGraphFile } from './fixtures/build-fixture';
import { visibleCounts, waitForHash } from './support/app';
import { useApp } from './support/app-session';
import { openApp } from './support/browser';

function graphWithClassWord(): string {
  const file = seedGraphFile();
  const node = file.graph.nodes.find((n) => n.key === 'drug:synthetic')!;
  node.attributes.generic = true;
  return JSON.stringify(file);
}

const app = useApp(graphWithClassWord, { open: 'each' });

describe('class words', () => {
  it('are hidden by default and shown by a filter that the URL keeps', async () => {
    const { page } = app.session;
    const hidden = await visibleCounts(page);
    expect(hidden.nodes).toBe(hidden.totalNodes - 1);
    expect(await page.isChecked('#filter-class-words')).toBe(false);
    await page.check('#filter-class-words');
    await waitForHash(page, 'cls=1');
    const shown = await visibleCounts(page);
    expect(shown.nodes).toBe(shown.totalNodes);
    expect(shown.edges).toBeGreaterThan(hidden.edges);
    // A shared link opens with them shown.
    const link = page.url();
    await page.goto('about:blank');
    await openApp(page, link);
    expect(await page.isChecked('#filter-class-words')).toBe(true);
    expect((await visibleCounts(page)).nodes).toBe(shown.totalNodes);
  });
});
