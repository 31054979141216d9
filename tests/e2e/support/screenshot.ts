/**
 * Refreshes docs/screenshot.png: the built explorer on graph-data/graph.json as
 * it is, in Debian's Chromium at 1400x850, Тлеген Маткенов selected, the panel
 * showing his evidence, the graph laid out by ForceAtlas2 (a few seconds) and
 * noverlap, the camera framed on the whole graph.
 *
 *   npx tsx tests/e2e/support/screenshot.ts [--out docs/screenshot.png] [--select Маткенова]
 *     [--title 'Тлеген Маткенов'] [--layout-ms 3000] [--rotate auto|DEGREES] [--margin 1.25]
 *
 * The laid-out graph is turned (a force layout has no orientation) by the angle,
 * in steps of 15°, at which the labels on screen collide least (or by --rotate).
 * Look at the result before committing it.
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
    await selectBySearch(page, query, title);
    // Let the selection's camera animation finish first.
    await page.waitForTimeout(800);
    // A force layout has no preferred orientation: turn it so that the labels shown (the selected entity and
    // its neighbours; labels run to the right of their node) collide least and stay inside the canvas.
    const rotate = option('rotate', 'auto');
    // tsx names the inner functions below with a helper the page does not have.
    await page.evaluate('window.__name = (fn) => fn');
    const degrees = await page.evaluate(
      ({ rotate, margin }) => {
        const { graph, view, state } = window.__kg.explorer!;
        const center = state.selected!;
        const shown = [center, ...graph.neighbors(center)];
        const connected = graph.filterNodes((node) => graph.degree(node) > 0);
        const { width, height } = view.sigma.getDimensions();
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = '500 13px system-ui, "Segoe UI", Roboto, Arial, sans-serif';
        const labelWidth = new Map(shown.map((node) => [node, ctx.measureText(graph.getNodeAttribute(node, 'label')).width]));
        const original = new Map(graph.mapNodes((node, a) => [node, { x: a.x!, y: a.y! }] as const));
        const turned = (node: string, angle: number) => {
          const { x, y } = original.get(node)!;
          return { x: x * Math.cos(angle) - y * Math.sin(angle), y: x * Math.sin(angle) + y * Math.cos(angle) };
        };
        /** Overlapping area of the shown labels (and their nodes) plus what runs off the canvas, in pixels². */
        const cost = (angle: number) => {
          const points = connected.map((node) => turned(node, angle));
          const xs = points.map((p) => p.x);
          const ys = points.map((p) => p.y);
          const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) * margin;
          const scale = Math.min(width, height) / span;
          const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
          const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
          const boxes = shown.map((node) => {
            const p = turned(node, angle);
            const sx = (p.x - cx) * scale + width / 2;
            const sy = (cy - p.y) * scale + height / 2;
            return { x0: sx - 8, x1: sx + 10 + labelWidth.get(node)!, y0: sy - 9, y1: sy + 9 };
          });
          let total = 0;
          for (let i = 0; i < boxes.length; i++) {
            const a = boxes[i]!;
            total += Math.max(0, a.x1 - width) * 18 + Math.max(0, -a.x0) * 18;
            for (let j = i + 1; j < boxes.length; j++) {
              const b = boxes[j]!;
              total += Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) * Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
            }
          }
          return total;
        };
        let best = rotate === 'auto' ? 0 : Number(rotate);
        if (rotate === 'auto') {
          let lowest = Infinity;
          for (let d = 0; d < 360; d += 15) {
            const c = cost((d * Math.PI) / 180);
            if (c < lowest - 1e-6) [lowest, best] = [c, d];
          }
        }
        const angle = (best * Math.PI) / 180;
        graph.updateEachNodeAttributes((node, attrs) => ({ ...attrs, ...turned(node, angle) }));
        return best;
      },
      { rotate, margin: Number(option('margin', '1.25')) },
    );
    console.log(`rotated the layout by ${degrees}°`);
    await page.waitForTimeout(300);
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
