/**
 * Refreshes docs/screenshot.png: the built explorer on graph-data/graph.json as
 * it is, in Debian's Chromium at 1400x850, Тлеген Маткенов selected, the panel
 * showing his evidence, the graph laid out by ForceAtlas2 (a few seconds) and
 * noverlap, the camera framed on the whole graph.
 *
 *   npx tsx tests/e2e/support/screenshot.ts [--out docs/screenshot.png] [--select Маткенова]
 *     [--title 'Тлеген Маткенов'] [--layout-ms 3000] [--rotate DEGREES] [--margin 1.25]
 *
 * `--rotate` turns the laid-out graph (a force layout has no orientation) so the
 * labels collide least; look at the result. The committed screenshot of the seed
 * graph used --rotate 90.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { openApp, openBrowser } from './browser';
import { selectBySearch } from './app';
import { startStaticServer } from './server';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

async function main(): Promise<void> {
  const out = resolve(option('out', join(ROOT, 'docs', 'screenshot.png')));
  const query = option('select', 'Маткенова');
  const title = option('title', 'Тлеген Маткенов');
  const dist = mkdtempSync(join(tmpdir(), 'kg-screenshot-'));
  // The build copies graph-data/graph.json next to the app, as `npm start` serves it.
  await build({ configFile: join(ROOT, 'vite.config.ts'), build: { outDir: dist, emptyOutDir: true }, logLevel: 'warn' });
  const server = await startStaticServer(dist);
  const session = await openBrowser({ viewport: { width: 1400, height: 850 } });
  try {
    const { page } = session;
    await openApp(page, server.url);
    // What a user would do first on a fresh graph: let ForceAtlas2 settle it, then remove overlaps.
    await page.click('#layout-toggle');
    await page.waitForTimeout(Number(option('layout-ms', '3000')));
    await page.click('#layout-toggle');
    await page.evaluate(() => window.__kg.explorer!.view.sigma.getCamera().animatedReset({ duration: 0 }));
    await page.click('#layout-noverlap');
    // A force layout has no preferred orientation: turn it so that labels (which run to the right) collide least.
    await page.evaluate((degrees) => {
      const { graph } = window.__kg.explorer!;
      const angle = (degrees * Math.PI) / 180;
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      graph.updateEachNodeAttributes((_node, attrs) => ({ ...attrs, x: attrs.x! * cos - attrs.y! * sin, y: attrs.x! * sin + attrs.y! * cos }));
    }, Number(option('rotate', '0')));
    await selectBySearch(page, query, title);
    // Let the selection's camera animation finish first.
    await page.waitForTimeout(800);
    // The selection zooms in on him; frame the connected part of the graph instead, next to the open panel
    // (isolated entities drift to the edges and would leave the network small in the middle).
    await page.evaluate((margin) => {
      const { graph, view } = window.__kg.explorer!;
      const points = graph.filterNodes((node) => graph.degree(node) > 0).map((node) => view.sigma.getNodeDisplayData(node)!);
      const xs = points.map((p) => p.x);
      const ys = points.map((p) => p.y);
      const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      view.setCamera({ x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: Math.max(maxX - minX, maxY - minY) * margin });
    }, Number(option('margin', '1.25')));
    await page.locator('#search').blur();
    await page.mouse.move(2, 840);
    await page.waitForTimeout(800);
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await session.close();
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error(`screenshot: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
