/**
 * The setting most browser test files share: the built app served with one graph
 * file, one Chromium for the file's tests, both closed after them.
 * `open: 'once'` opens the app before the first test (the tests go on from each
 * other's page); `'each'` opens it afresh, from about:blank, before every test.
 */
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { openApp, openBrowser, type BrowserSession } from './browser';
import { startStaticServer, type StaticServer } from './server';

export interface AppSession {
  readonly server: StaticServer;
  readonly session: BrowserSession;
}

export function useApp(graphText: () => string, options: { open: 'once' | 'each' }): AppSession {
  const app = {} as { server: StaticServer; session: BrowserSession };
  beforeAll(async () => {
    app.server = await startStaticServer(inject('distDir'), { '/graph-data/graph.json': graphText() });
    app.session = await openBrowser();
    if (options.open === 'once') await openApp(app.session.page, app.server.url);
  });
  afterAll(async () => {
    await app.session?.close();
    await app.server?.close();
  });
  if (options.open === 'each') {
    beforeEach(async () => {
      await app.session.page.goto('about:blank');
      await openApp(app.session.page, app.server.url);
    });
  }
  return app;
}
