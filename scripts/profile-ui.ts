/**
 * Where the main thread goes during one bench-ui action (`npx tsx scripts/profile-ui.ts
 * [--size 10000] [--action search|click,search] [--skip click] [--wait ms]`): the served explorer on a generated graph, the
 * actions bench-ui takes up to and including the one named, with a CPU profile of
 * that one; prints the functions with the most self time and their callers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../tests/e2e/support/browser';
import { buildServer } from '../src/server/app';
import { openStore } from '../src/store/open';
import { generateGraphFile } from './bench-ui';

const ROOT = resolve(import.meta.dirname, '..');
const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const SIZE = Number(option('size', '10000'));
// One action, or several (`click,search`) profiled as one window: a task may start in one and end in the next.
const ACTIONS = option('action', 'search').split(',');
// Actions not to take at all (`--skip click`): tells a task an earlier action set off from the profiled one's own.
const SKIP = new Set(option('skip', '').split(',').filter(Boolean));
// How long to watch after each action, ms (`--wait 5000`); by default bench-ui's waits.
const WAIT = Number(option('wait', '0'));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kg-profile-ui-'));
  const dist = join(work, 'dist');
  await build({ configFile: join(ROOT, 'vite.config.ts'), build: { outDir: dist, emptyOutDir: true, minify: false }, logLevel: 'warn' });
  const file = generateGraphFile(SIZE, 5, SIZE);
  const store = await openStore(join(work, 'kg.sqlite'), { create: true });
  await store.importFile(file);
  const served = await buildServer({ store, host: '127.0.0.1', distDir: dist });
  const address = await served.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    await page.goto(`${address}/`);
    await page.waitForFunction(() => window.__kg?.ready === true, undefined, { timeout: 300_000 });
    await page.evaluate(`(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tasks.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
    })()`);
    const node = file.graph.nodes[0]!;
    const actions: Array<[string, string, number]> = [
      ['idle', `0`, 3000],
      ['click', `window.__kg.explorer.select(${JSON.stringify(node.key)})`, 1500],
      ['search', `(() => { const box = document.querySelector('input[type=search]'); box.focus(); box.value = ${JSON.stringify(node.attributes.label.slice(0, 4))}; box.dispatchEvent(new Event('input', { bubbles: true })); })()`, 1500],
      ['filter', `(() => { const box = document.querySelector('#filters input[type=checkbox]'); box.click(); })()`, 1500],
      ['community', `window.__kg.explorer.setColorMode('community')`, 4000],
    ];
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    for (const [name, script, wait] of actions) {
      if (SKIP.has(name)) continue;
      if (name === ACTIONS[0]) await cdp.send('Profiler.start');
      const profiling = name === ACTIONS[ACTIONS.length - 1];
      await page.evaluate('window.__tasks = []');
      await page.evaluate(script);
      await page.waitForTimeout(WAIT || wait);
      console.log(`${name}: long tasks ${JSON.stringify(await page.evaluate('window.__tasks'))}`);
      if (!profiling) continue;
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      const byFn = new Map<string, { ms: number; stacks: Map<string, number> }>();
      for (const [id, ms] of self) {
        const n = byId.get(id)!;
        const key = label(n);
        const entry = byFn.get(key) ?? { ms: 0, stacks: new Map() };
        entry.ms += ms;
        const chain: string[] = [];
        for (let p = parent.get(id); p !== undefined && chain.length < 6; p = parent.get(p)) chain.push(label(byId.get(p)!));
        const stack = chain.join(' < ');
        entry.stacks.set(stack, (entry.stacks.get(stack) ?? 0) + ms);
        byFn.set(key, entry);
      }
      // Time outside JavaScript (rendering, waiting on the GPU process) shows as (program); idle as (idle).
      const outside = (name: string) => [...byFn.entries()].filter(([k]) => k.startsWith(name)).reduce((sum, [, e]) => sum + e.ms, 0);
      const total = [...byFn.values()].reduce((sum, e) => sum + e.ms, 0);
      console.log(`profiled ${total.toFixed(0)} ms: (program) ${outside('(program)').toFixed(0)} ms, (idle) ${outside('(idle)').toFixed(0)} ms, (garbage collector) ${outside('(garbage collector)').toFixed(0)} ms`);
      const top = [...byFn.entries()].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
      for (const [key, { ms, stacks }] of top) {
        console.log(`${ms.toFixed(0).padStart(7)} ms  ${key}`);
        for (const [stack, sms] of [...stacks.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2)) console.log(`            ${sms.toFixed(0)} ms < ${stack}`);
      }
      break;
    }
  } finally {
    await browser.close();
    await served.app.close();
    await store.close();
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exitCode = 1;
});
