/** Small helpers that drive the explorer the way a user does. */
import type { Page } from 'playwright-core';

export async function searchFor(page: Page, query: string): Promise<void> {
  await page.fill('#search', '');
  await page.locator('#search').pressSequentially(query);
  await page.locator('#search-results [role=option]').first().waitFor();
}

/** Search and choose the first hit, wait for the panel to show it. */
export async function selectBySearch(page: Page, query: string, expectedTitle: string): Promise<void> {
  await searchFor(page, query);
  await page.keyboard.press('Enter');
  await page.waitForFunction((title) => document.querySelector('[data-testid=panel-title]')?.textContent === title, expectedTitle);
}

/** "12 of 18 entities, 3 of 13 relations visible" -> numbers, from the page title. */
export async function visibleCounts(page: Page): Promise<{ nodes: number; totalNodes: number; edges: number; totalEdges: number }> {
  const title = await page.title();
  const numbers = (title.match(/\d+/g) ?? []).map(Number);
  if (numbers.length < 4) throw new Error(`unexpected title: ${title}`);
  const [nodes, totalNodes, edges, totalEdges] = numbers as [number, number, number, number];
  return { nodes, totalNodes, edges, totalEdges };
}

export async function panelTitle(page: Page): Promise<string | null> {
  return page.locator('[data-testid=panel-title]').textContent();
}

/**
 * Drops files on the page as a user dragging them from the desktop would. A file
 * is given as text (written as UTF-8) or as raw bytes (any encoding).
 */
export async function dropFiles(page: Page, files: Array<{ name: string; text?: string; bytes?: Uint8Array; type?: string }>): Promise<void> {
  const list = files.map((f) => ({ name: f.name, type: f.type ?? 'text/plain', text: f.text ?? null, base64: f.bytes ? Buffer.from(f.bytes).toString('base64') : null }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const content = f.base64 !== null ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : (f.text ?? '');
      transfer.items.add(new File([content], f.name, { type: f.type }));
    }
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, list);
}

export async function waitForHash(page: Page, fragment: string): Promise<void> {
  await page.waitForFunction((f) => decodeURIComponent(location.hash).includes(f), fragment);
}
