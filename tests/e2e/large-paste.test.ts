/**
 * A large paste (over 200,000 characters) is added in parts split at
 * paragraphs, with progress per part and a Cancel button; a paste over the
 * 5 MB limit is refused (articles.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { seedGraphFile } from './fixtures/build-fixture';
import { searchFor } from './support/app';
import { useApp } from './support/app-session';

const app = useApp(() => JSON.stringify(seedGraphFile()), { open: 'once' });

/** About `chars` characters of invented news paragraphs, each different (so no part repeats another). */
function longText(chars: number, seed: string): string {
  const paragraphs: string[] = [`# Сводка происшествий ${seed}`, ''];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const p = `Сводка ${seed}-${i}. В Алматы полиция задержала курьера с героином, изъято ${i + 1} граммов. Об этом сообщило МВД.`;
    paragraphs.push(p, '');
    length += p.length + 2;
  }
  return paragraphs.join('\n');
}

/** Puts `text` in the article box as a paste would (typing 250 KB key by key would take minutes). */
async function pasteText(text: string): Promise<void> {
  const { page } = app.session;
  if (await page.isHidden('#add-panel')) await page.click('#toggle-add');
  await page.locator('#article-text').waitFor();
  await page.evaluate((text) => {
    const area = document.getElementById('article-text') as HTMLTextAreaElement;
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

const status = () => app.session.page.textContent('[data-testid=add-status]');
const addedCount = () => app.session.page.locator('[data-testid=added-articles] li').count();

describe('a large paste', () => {
  it('is added in parts with progress per part', async () => {
    const { page } = app.session;
    const text = longText(250_000, 'A');
    await pasteText(text);
    const seen = new Set<string>();
    const watcher = setInterval(() => void status().then((s) => s && seen.add(s), () => undefined), 100);
    await page.click('#article-add');
    expect(await page.isVisible('#article-cancel')).toBe(true);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=added-articles] li').length === 3, undefined, { timeout: 240_000 });
    clearInterval(watcher);
    expect([...seen].some((s) => s.startsWith('pasted text, part 1 of 3'))).toBe(true);
    expect([...seen].some((s) => s.startsWith('pasted text, part 3 of 3'))).toBe(true);
    expect(await status()).toMatch(/^Added \d+ new entities/);
    await page.waitForFunction(() => document.getElementById('article-cancel')?.hidden === true);
    // The draft is cleared once every part is in.
    expect(await page.inputValue('#article-text')).toBe('');
  });

  it('Cancel stops after the part under way; what was added stays, the page answers', async () => {
    const { page } = app.session;
    const before = await addedCount();
    await pasteText(longText(450_000, 'B'));
    await page.click('#article-add');
    await page.waitForFunction(() => /part 1 of 5/.test(document.querySelector('[data-testid=add-status]')?.textContent ?? ''));
    await page.click('#article-cancel');
    expect(await status()).toBe('Extraction cancelled.');
    await page.waitForFunction(() => document.getElementById('article-cancel')?.hidden === true, undefined, { timeout: 60_000 });
    expect(await status()).toBe('Extraction cancelled.');
    expect(await addedCount()).toBeLessThan(before + 5);
    // The text stays for another try.
    expect((await page.inputValue('#article-text')).length).toBeGreaterThan(400_000);
    await searchFor(page, 'Маткенов');
  });
});
