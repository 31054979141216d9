/**
 * Class words ("наркотики", "сайт": nodes marked generic) in the explorer: hidden by
 * default, since they link everything to everything, shown on request, kept in the URL.
 */
import Graph from 'graphology';
import { describe, expect, it } from 'vitest';
import { seedGraphFile } from './fixtures/build-fixture';
import { selectBySearch, visibleCounts, waitForHash } from './support/app';
import { useApp } from './support/app-session';
import { openApp } from './support/browser';

const CLASS_WORD = 'drug:synthetic';

function graphWithClassWord(): string {
  const file = seedGraphFile();
  const node = file.graph.nodes.find((n) => n.key === CLASS_WORD)!;
  node.attributes.generic = true;
  return JSON.stringify(file);
}

/** Two entities, each with a label of its own, that only the class word links. */
function linkedOnlyThroughClassWord(): { from: string; to: string; word: string } {
  const file = seedGraphFile();
  const graph = new Graph({ multi: true, type: 'mixed' });
  graph.import(file.graph as never);
  const label = (n: string) => graph.getNodeAttribute(n, 'label') as string;
  const unique = (n: string) => graph.filterNodes((_, a) => a.label === label(n)).length === 1;
  const pruned = graph.copy();
  pruned.dropNode(CLASS_WORD);
  const reachable = (a: string) => {
    const seen = new Set([a]);
    const queue = [a];
    while (queue.length > 0) for (const n of pruned.neighbors(queue.shift()!)) if (!seen.has(n)) seen.add(n) && queue.push(n);
    return seen;
  };
  const neighbours = graph.neighbors(CLASS_WORD).filter(unique);
  for (const a of neighbours) {
    const from = reachable(a);
    const b = neighbours.find((n) => !from.has(n));
    if (b) return { from: label(a), to: label(b), word: label(CLASS_WORD) };
  }
  throw new Error('the fixture has no pair linked only through the class word');
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

  it('are never a step of a path, and the page says when one is all that links two entities', async () => {
    const { page } = app.session;
    const { from, to, word } = linkedOnlyThroughClassWord();
    await selectBySearch(page, from, from);
    await page.click('[data-testid=path-from]');
    await page.waitForSelector('[data-testid=path-hint]');
    await selectBySearch(page, to, to);
    await page.locator('[data-testid=path-none]').waitFor();
    expect(await page.locator('[data-testid=path-class-words]').textContent()).toContain(`«${word}»`);
  });
});
