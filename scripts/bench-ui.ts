/**
 * UI benchmark (`npx tsx scripts/bench-ui.ts`): opens the built explorer in
 * headless Debian Chromium on generated graphs of 1,000 and 10,000 nodes
 * (5 edges per node) and, in the same run, a bare Sigma page on the same graph.
 * The explorer is measured showing everything (`#all=1`, like for like with the
 * bare page) and on the readable default a large graph opens on ("dflt").
 * Prints time to first frame, frame times during a camera animation, and the
 * gzipped size of the JavaScript the explorer loads before any article is added.
 * Numbers only: no thresholds are asserted (the machine is shared and noisy).
 *
 * Then the explorer as `kg serve` serves it (the page reads api/summary; evidence
 * and metrics come on demand) on generated graphs of 10,000 and 50,000 entities
 * imported into a store: time to first frame against the bare page on the same
 * graph, and the longest main-thread task (PerformanceObserver 'longtask') during
 * a click, a search, a filter change and colour-by-community.
 *
 *   npx tsx scripts/bench-ui.ts [--sizes 1000,10000|0] [--served 10000,50000] [--runs 2]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import type { EntityNodeAttributes, GraphFile } from '../src/model/graph-file';
import { GRAPH_FILE_TYPE, GRAPH_FILE_VERSION } from '../src/model/graph-file';
import { ENTITY_TYPES, RELATION_TYPES, UNDIRECTED_RELATIONS } from '../src/model/vocabulary';
import { edgeKey } from '../src/model/edge-key';
import { CHROMIUM_ARGS } from '../tests/e2e/support/browser';
import { startStaticServer, type StaticServer } from '../tests/e2e/support/server';
import { buildServer } from '../src/server/app';
import { openStore } from '../src/store/open';

const ROOT = resolve(import.meta.dirname, '..');
const TYPED_RELATIONS = RELATION_TYPES.filter((r) => r !== 'MENTIONED_WITH');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
// `--sizes 0` skips the static-host part (only the served graphs are measured).
const SIZES = option('sizes', '1000,10000').split(',').map(Number).filter((n) => n > 0);
const RUNS = Number(option('runs', '2'));
const SERVED = option('served', '10000,50000').split(',').filter(Boolean).map(Number);
const EDGES_PER_NODE = 5;

/** Deterministic PRNG so every run measures the same graph. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A graph file shaped like real output: typed entities with aliases and one
 * evidence sentence, clustered positions, typed relations with evidence.
 */
export function generateGraphFile(nodes: number, edgesPerNode: number, seed = 1): GraphFile {
  const random = rng(seed);
  const article = 'bench-article';
  const clusters = Math.max(4, Math.round(Math.sqrt(nodes) / 3));
  const centres = Array.from({ length: clusters }, () => [random() * 1000, random() * 1000] as const);
  const nodeList: GraphFile['graph']['nodes'] = [];
  const clusterOf: number[] = [];
  for (let i = 0; i < nodes; i++) {
    const c = Math.floor(random() * clusters);
    clusterOf.push(c);
    const [cx, cy] = centres[c]!;
    const angle = random() * Math.PI * 2;
    const r = Math.sqrt(random()) * 120;
    const type = ENTITY_TYPES[Math.floor(random() * 5)]!;
    const label = `Сущность ${i} ${type.toLowerCase()}`;
    const sentence = `В сообщении упоминается ${label} и другие участники.`;
    const start = sentence.indexOf(label);
    const attributes: EntityNodeAttributes = {
      label,
      type,
      aliases: [label, `Сущности ${i}`],
      mentions: 1 + Math.floor(random() ** 3 * 40),
      articles: [article],
      evidence: [{ article, sentence, sentenceStart: 0, start, end: start + label.length, text: label }],
      x: cx + Math.cos(angle) * r,
      y: cy + Math.sin(angle) * r,
    };
    nodeList.push({ key: `n${i}`, attributes });
  }
  const edges: GraphFile['graph']['edges'] = [];
  const keys = new Set<string>();
  for (let i = 0; i < nodes; i++) {
    for (let k = 0; k < edgesPerNode; k++) {
      // Mostly within the cluster, some across: like co-occurrence in related articles.
      let j = Math.floor(random() * nodes);
      if (random() < 0.8) {
        for (let tries = 0; tries < 20 && clusterOf[j] !== clusterOf[i]; tries++) j = Math.floor(random() * nodes);
      }
      if (j === i) j = (i + 1) % nodes;
      // Most edges of real news graphs are co-occurrence (93% on 300 articles); the rest typed.
      const type = random() < 0.9 ? 'MENTIONED_WITH' : TYPED_RELATIONS[Math.floor(random() * TYPED_RELATIONS.length)]!;
      const undirected = UNDIRECTED_RELATIONS.has(type);
      const [source, target] = undirected && j < i ? [`n${j}`, `n${i}`] : [`n${i}`, `n${j}`];
      // Keyed as the knowledge base keys edges: one per relation type and pair.
      const key = edgeKey(type, source, target);
      if (keys.has(key)) continue;
      keys.add(key);
      edges.push({
        key,
        source,
        target,
        ...(undirected ? { undirected: true } : {}),
        attributes: { type, weight: 1, evidence: [{ article, sentence: 'Связь.', sentenceStart: 0, source: [0, 1], target: [1, 2] }] },
      });
    }
  }
  return {
    type: GRAPH_FILE_TYPE,
    version: GRAPH_FILE_VERSION,
    articles: [{ id: article, title: 'Generated benchmark article', lang: 'ru', length: 100 }],
    graph: { attributes: {}, options: { type: 'mixed', multi: true, allowSelfLoops: false }, nodes: nodeList, edges },
  };
}

/** The bare page: graphology + Sigma with defaults, the same file, display attributes computed the plain way. */
const BARE_ENTRY = `
import Graph from 'graphology';
import Sigma from 'sigma';
const COLORS = { PERSON: '#2f6fd0', ORGANIZATION: '#d0402f', LOCATION: '#2e9e4f', DRUG: '#8e44ad', CHANNEL: '#e08a00' };
window.__kg = { ready: false, firstFrameMs: null };
const file = await (await fetch('graph-data/graph.json')).json();
const graph = new Graph({ type: 'mixed', multi: true });
for (const n of file.graph.nodes) {
  const a = n.attributes;
  graph.addNode(n.key, { x: a.x, y: a.y, label: a.label, size: 4 + Math.sqrt(a.mentions) * 2, color: COLORS[a.type] ?? '#999' });
}
for (const e of file.graph.edges) {
  if (e.undirected) graph.addUndirectedEdgeWithKey(e.key, e.source, e.target, { size: 1 });
  else graph.addDirectedEdgeWithKey(e.key, e.source, e.target, { size: 1 });
}
const sigma = new Sigma(graph, document.getElementById('graph'));
window.__bare = sigma;
requestAnimationFrame(() => { window.__kg.firstFrameMs = performance.now(); window.__kg.ready = true; });
`;

export async function buildBarePage(dir: string): Promise<void> {
  await esbuild({
    stdin: { contents: BARE_ENTRY, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    outfile: join(dir, 'bare.js'),
    logLevel: 'warning',
  });
  writeFileSync(
    join(dir, 'bare.html'),
    '<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%}#graph{position:absolute;inset:0}</style></head><body><div id="graph"></div><script type="module" src="./bare.js"></script></body></html>',
  );
}

interface Measurement {
  firstFrameMs: number;
  frames: number;
  meanFrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
}

/** Animates the camera (zoom in, pan, zoom out) and records every frame interval. */
async function measure(page: Page, url: string, cameraExpr: string): Promise<Measurement> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => window.__kg?.firstFrameMs !== null && window.__kg?.firstFrameMs !== undefined, undefined, { timeout: 180_000 });
  const firstFrameMs = await page.evaluate(() => window.__kg.firstFrameMs!);
  await page.waitForTimeout(500);
  // A string, not a function: tsx's transform would add helpers (__name) the page does not have.
  const intervals = (await page.evaluate(`(async () => {
    const camera = ${cameraExpr};
    const times = [];
    let recording = true;
    const tick = (t) => { times.push(t); if (recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    await camera.animate({ ratio: 0.25 }, { duration: 1500 });
    await camera.animate({ x: 0.3, y: 0.7 }, { duration: 1500 });
    await camera.animate({ x: 0.5, y: 0.5, ratio: 1 }, { duration: 1500 });
    recording = false;
    return times.slice(1).map((t, i) => t - times[i]);
  })()`)) as number[];
  const sorted = [...intervals].sort((a, b) => a - b);
  const mean = intervals.reduce((s, v) => s + v, 0) / Math.max(intervals.length, 1);
  return {
    firstFrameMs,
    frames: intervals.length,
    meanFrameMs: mean,
    p95FrameMs: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    maxFrameMs: sorted[sorted.length - 1] ?? 0,
  };
}

/** Installs a long-task observer: window.__longest (ms) and window.__lastTaskEnd (performance.now() of the last one's end). */
const OBSERVE_LONG_TASKS = `(() => {
  window.__longest = 0;
  window.__lastTaskEnd = performance.now();
  new PerformanceObserver((list) => { for (const e of list.getEntries()) { window.__longest = Math.max(window.__longest, e.duration); window.__lastTaskEnd = Math.max(window.__lastTaskEnd, e.startTime + e.duration); } }).observe({ type: 'longtask' });
})()`;

/**
 * Runs `script` and returns the longest main-thread task (ms, 0 when none passed 50 ms)
 * until the page has settled: at least `minWaitMs`, then until no long task has ended for
 * QUIET_MS (at most MAX_WAIT_MS). Waiting for quiet charges an action with the redraws it
 * sets off, which on software WebGL come seconds later, instead of with the next action.
 */
const QUIET_MS = 1500;
const MAX_WAIT_MS = 20_000;
async function longestTaskOf(page: Page, script: string, minWaitMs: number): Promise<number> {
  await page.evaluate('window.__longest = 0; window.__lastTaskEnd = performance.now()');
  const started = Date.now();
  await page.evaluate(script);
  await page.waitForTimeout(minWaitMs);
  while (Date.now() - started < MAX_WAIT_MS) {
    const quietFor = (await page.evaluate('performance.now() - window.__lastTaskEnd')) as number;
    if (quietFor >= QUIET_MS) break;
    await page.waitForTimeout(250);
  }
  return (await page.evaluate('window.__longest')) as number;
}

/**
 * The longest main-thread task during each action a user takes on the served page:
 * selecting an entity, searching, hiding a type, and colouring by community until the
 * communities are drawn.
 */
async function longTasks(page: Page, file: GraphFile): Promise<Record<string, number>> {
  await page.waitForFunction(() => window.__kg?.ready === true, undefined, { timeout: 180_000 });
  await page.evaluate(OBSERVE_LONG_TASKS);
  const node = file.graph.nodes[0]!;
  const actions: Array<[string, string]> = [
    ['click', `window.__kg.explorer.select(${JSON.stringify(node.key)})`],
    ['search', `(() => { const box = document.querySelector('input[type=search]'); box.focus(); box.value = ${JSON.stringify(node.attributes.label.slice(0, 4))}; box.dispatchEvent(new Event('input', { bubbles: true })); })()`],
    ['filter', `(() => { const box = document.querySelector('#filters input[type=checkbox]'); box.click(); })()`],
    ['community', `window.__kg.explorer.setColorMode('community')`],
  ];
  const out: Record<string, number> = {};
  // Long enough for what the action sets off (a search's results, the communities from the worker or the server).
  for (const [name, script] of actions) out[name] = await longestTaskOf(page, script, name === 'community' ? 4000 : 1500);
  return out;
}

/**
 * The floor under every action's redraw: the longest task of one render of the bare
 * Sigma page on the same graph, nothing changed (the median of three). Any Sigma page
 * pays this for a frame on this renderer.
 */
async function bareRenderTask(page: Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => window.__kg?.ready === true, undefined, { timeout: 180_000 });
  await page.evaluate(OBSERVE_LONG_TASKS);
  await longestTaskOf(page, '0', 1000);
  const renders: number[] = [];
  for (let i = 0; i < 3; i++) renders.push(await longestTaskOf(page, 'window.__bare.scheduleRender()', 500));
  return median(renders);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function summarise(runs: Measurement[]): Measurement {
  return {
    firstFrameMs: median(runs.map((r) => r.firstFrameMs)),
    frames: median(runs.map((r) => r.frames)),
    meanFrameMs: median(runs.map((r) => r.meanFrameMs)),
    p95FrameMs: median(runs.map((r) => r.p95FrameMs)),
    maxFrameMs: median(runs.map((r) => r.maxFrameMs)),
  };
}

const fmt = (n: number) => n.toFixed(1).padStart(8);

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kg-bench-ui-'));
  const dist = join(work, 'dist');
  let server: StaticServer | undefined;
  const profile = mkdtempSync(join(tmpdir(), 'kg-bench-chromium-'));
  try {
    console.log('building the explorer and the bare Sigma page…');
    await build({ configFile: join(ROOT, 'vite.config.ts'), build: { outDir: dist, emptyOutDir: true }, logLevel: 'warn' });
    await buildBarePage(dist);
    server = await startStaticServer(dist, { '/graph-data/graph.json': null });
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
    });
    const page = context.pages()[0] ?? (await context.newPage());

    // JavaScript loaded before any article is added: everything the page fetched once it is ready.
    server.sent.clear();
    server.routes.set('/graph-data/graph.json', JSON.stringify(generateGraphFile(200, EDGES_PER_NODE)));
    await page.goto(server.url);
    await page.waitForFunction(() => window.__kg?.ready === true, undefined, { timeout: 60_000 });
    await page.waitForTimeout(1000);
    let jsRaw = 0;
    let jsGzip = 0;
    const jsFiles: string[] = [];
    for (const path of server.sent.keys()) {
      if (!path.endsWith('.js')) continue;
      const bytes = readFileSync(join(dist, path));
      jsRaw += bytes.length;
      jsGzip += gzipSync(bytes, { level: 9 }).length;
      jsFiles.push(path);
    }
    const resources = [...server.sent.keys()].filter((p) => p.startsWith('/resources/'));
    console.log(`\nJavaScript loaded before any article is added: ${(jsRaw / 1024).toFixed(1)} KB raw, ${(jsGzip / 1024).toFixed(1)} KB gzipped (target < 300 KB)`);
    console.log(`  files: ${jsFiles.join(', ')}`);
    console.log(`  dictionaries/lexicons fetched before adding an article: ${resources.length}`);

    console.log(`\n${'graph'.padEnd(22)}${'page'.padEnd(6)}${'first frame ms'.padStart(16)}${'frames'.padStart(8)}${'mean ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}`);
    for (const size of SIZES) {
      const file = generateGraphFile(size, EDGES_PER_NODE, size);
      const text = JSON.stringify(file);
      server.routes.set('/graph-data/graph.json', text);
      const app: Measurement[] = [];
      const readable: Measurement[] = [];
      const bare: Measurement[] = [];
      for (let run = 0; run < RUNS; run++) {
        // Alternate so drift on a shared machine affects both pages alike.
        app.push(await measure(page, `${server.url}#all=1`, 'window.__kg.explorer.view.sigma.getCamera()'));
        readable.push(await measure(page, server.url, 'window.__kg.explorer.view.sigma.getCamera()'));
        bare.push(await measure(page, `${server.url}bare.html`, 'window.__bare.getCamera()'));
      }
      const a = summarise(app);
      const d = summarise(readable);
      const b = summarise(bare);
      const label = `${size} n / ${file.graph.edges.length} e (${(text.length / 1e6).toFixed(1)} MB)`;
      for (const [name, m] of [['app', a], ['dflt', d], ['bare', b]] as const) {
        console.log(`${label.padEnd(22)}${name.padEnd(6)}${fmt(m.firstFrameMs).padStart(16)}${String(m.frames).padStart(8)}${fmt(m.meanFrameMs).padStart(9)}${fmt(m.p95FrameMs).padStart(9)}${fmt(m.maxFrameMs).padStart(9)}`);
      }
      console.log(`${''.padEnd(22)}app/bare first frame: ${(a.firstFrameMs / b.firstFrameMs).toFixed(2)}x (target <= 1.2x); runs: ${app.map((m) => m.firstFrameMs.toFixed(0)).join('/')} vs ${bare.map((m) => m.firstFrameMs.toFixed(0)).join('/')}`);
    }

    if (SERVED.length > 0) {
      console.log(`\nServed by kg serve (api/summary first, evidence on demand): first frame against the bare page, and the longest main-thread task per action`);
      console.log(`${'graph'.padEnd(26)}${'first frame ms'.padStart(16)}${'bare ms'.padStart(9)}${'x bare'.padStart(8)}${'summary MB'.padStart(12)}${'click'.padStart(8)}${'search'.padStart(8)}${'filter'.padStart(8)}${'community'.padStart(11)}${'bare render'.padStart(13)}`);
    }
    for (const size of SERVED) {
      const file = generateGraphFile(size, EDGES_PER_NODE, size);
      const text = JSON.stringify(file);
      server.routes.set('/graph-data/graph.json', text);
      const storeDir = mkdtempSync(join(tmpdir(), 'kg-bench-ui-store-'));
      const store = await openStore(join(storeDir, 'kg.sqlite'), { create: true });
      await store.importFile(file);
      const served = await buildServer({ store, host: '127.0.0.1', distDir: dist });
      const address = await served.app.listen({ port: 0, host: '127.0.0.1' });
      try {
        const app: Measurement[] = [];
        const bare: Measurement[] = [];
        let tasks: Record<string, number> = {};
        for (let run = 0; run < RUNS; run++) {
          app.push(await measure(page, `${address}/`, 'window.__kg.explorer.view.sigma.getCamera()'));
          if (run === 0) tasks = await longTasks(page, file);
          bare.push(await measure(page, `${server.url}bare.html`, 'window.__bare.getCamera()'));
        }
        const bareRender = await bareRenderTask(page, `${server.url}bare.html`);
        const summaryBytes = Number((await fetch(`${address}/api/summary`)).headers.get('content-length') ?? 0);
        const a = summarise(app);
        const b = summarise(bare);
        const label = `${size} n / ${file.graph.edges.length} e`;
        const ms = (name: string) => (tasks[name] ?? 0).toFixed(0).padStart(name === 'community' ? 11 : 8);
        console.log(
          `${label.padEnd(26)}${fmt(a.firstFrameMs).padStart(16)}${fmt(b.firstFrameMs).padStart(9)}${(a.firstFrameMs / b.firstFrameMs).toFixed(2).padStart(8)}${(summaryBytes / 1e6).toFixed(1).padStart(12)}${ms('click')}${ms('search')}${ms('filter')}${ms('community')}${bareRender.toFixed(0).padStart(13)}`,
        );
      } finally {
        await served.app.close();
        await store.close();
        rmSync(storeDir, { recursive: true, force: true });
      }
    }
    if (SERVED.length > 0) console.log(`(targets: first frame <= 1.2x bare; no task over 200 ms per action; "0" = no task over 50 ms;\n "bare render": the longest task of one redraw of the bare Sigma page on the same graph, the floor under any action that redraws)`);
    await context.close();
  } finally {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("bench-ui.ts")) void main().catch((err: unknown) => {
  console.error(`bench-ui: ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
});
