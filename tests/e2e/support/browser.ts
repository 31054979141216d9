/**
 * Debian's Chromium through playwright-core, one persistent context per test
 * file with a fresh profile directory, and a page that records console errors,
 * dialogs (an XSS would open one) and uncaught page errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openBrowser(options: { acceptDownloads?: boolean; viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'kg-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: options.acceptDownloads ?? true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return {
    context,
    page,
    dialogs,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the app and waits until it has drawn its first frame. */
export async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.__kg?.ready === true && window.__kg.firstFrameMs !== null, undefined, { timeout: 60_000 });
}
