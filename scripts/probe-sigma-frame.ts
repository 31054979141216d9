/**
 * What one frame costs on the bare Sigma page (`npx tsx scripts/probe-sigma-frame.ts [size]`):
 * the generated bench-ui graph of `size` entities (default 10,000) drawn by graphology + Sigma
 * with defaults, then a redraw with nothing changed, partial refreshes of 10 nodes, of a
 * neighbourhood, of all nodes and of all edges, a full refresh, and redraws with the edges
 * hidden and on a quarter of the canvas; for each, the JavaScript
 * time of the call ("sync"), the time to the second animation frame after it, and the long
 * tasks seen. Tells a slow action's own work from the renderer's floor (see README, bench:ui).
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/support/browser';
import { generateGraphFile, buildBarePage } from './bench-ui';
const SIZE = Number(process.argv[2] ?? 10000);
const dir = mkdtempSync(join(tmpdir(), 'bare-'));
await buildBarePage(dir);
const file = generateGraphFile(SIZE, 5, SIZE);
const json = JSON.stringify(file);
const server = createServer((req, res) => {
  const p = req.url!.split('?')[0]!;
  if (p === '/graph-data/graph.json') { res.setHeader('content-type', 'application/json'); res.end(json); return; }
  const f = join(dir, p === '/' ? 'bare.html' : p.slice(1));
  try { const b = readFileSync(f); res.setHeader('content-type', f.endsWith('.js') ? 'text/javascript' : 'text/html'); res.end(b); } catch { res.statusCode = 404; res.end(); }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const port = (server.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`http://127.0.0.1:${port}/bare.html`);
await page.waitForFunction(() => window.__kg?.ready === true, undefined, { timeout: 300000 });
await page.waitForTimeout(3000);
await page.evaluate(`(() => { window.__tasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' }); })()`);
const node = file.graph.nodes[0]!.key;
const N = JSON.stringify(node);
const actions: Array<[string, string]> = [
  ['render', `window.__bare.scheduleRender()`],
  ['partial refresh 10 nodes', `(() => { const s = window.__bare, g = s.getGraph(); const ns = g.nodes().slice(0, 10); s.refresh({ partialGraph: { nodes: ns, edges: [] }, skipIndexation: true }); })()`],
  ['partial refresh nbhd', `(() => { const s = window.__bare, g = s.getGraph(); const ns = [${N}, ...g.neighbors(${N})]; s.refresh({ partialGraph: { nodes: ns, edges: g.edges(${N}) }, skipIndexation: true }); })()`],
  ['partial refresh all nodes', `(() => { const s = window.__bare, g = s.getGraph(); s.refresh({ partialGraph: { nodes: g.nodes(), edges: [] }, skipIndexation: true }); })()`],
  ['partial refresh all edges', `(() => { const s = window.__bare, g = s.getGraph(); s.refresh({ partialGraph: { nodes: [], edges: g.edges() }, skipIndexation: true }); })()`],
  ['full refresh', `window.__bare.refresh()`],
  ['render', `window.__bare.scheduleRender()`],
  ['edges hidden', `window.__bare.setSetting('edgeReducer', (k, a) => ({ ...a, hidden: true }))`],
  ['render (no edges)', `window.__bare.scheduleRender()`],
  ['edges back', `window.__bare.setSetting('edgeReducer', null)`],
  ['quarter canvas', `(() => { document.getElementById('graph').style.inset = '0 640px 400px 0'; window.__bare.resize(); window.__bare.refresh(); })()`],
  ['render (quarter canvas)', `window.__bare.scheduleRender()`],
];
for (const [name, expr] of actions) {
  await page.evaluate('window.__tasks = []');
  const r = await page.evaluate(`(async () => { const t0 = performance.now(); ${expr}; const sync = performance.now() - t0; await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res))); return { sync: Math.round(sync), twoFrames: Math.round(performance.now() - t0) }; })()`);
  await page.waitForTimeout(4000);
  console.log(name.padEnd(36), JSON.stringify(r), JSON.stringify(await page.evaluate('window.__tasks')));
}
await browser.close(); server.close();
