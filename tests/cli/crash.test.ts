/**
 * The store survives what users and machines do to it:
 *  - `kg ingest` killed with SIGKILL (no cleanup code runs) at 20 points of a
 *    batch leaves a store that opens and exports, with each article either wholly
 *    in it or absent, and the next run completes the batch (two articles per
 *    transaction here, so that kills land between commits as well as in them);
 *  - four `kg ingest` processes on overlapping article sets at once give exactly
 *    their union: the same export as one sequential ingest of all of them.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFileText } from '../../src/model/validate';
import type { GraphFile } from '../../src/model/graph-file';
import { seededRandom } from '../../src/util/random';
import { KG, ROOT, runKg } from '../support/run-kg';

const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');

async function exported(store: string): Promise<string> {
  const run = await runKg(['export', '--format', 'json', '--graph', store]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

/** Mentions per article: what an article brings does not depend on the others. */
function mentionsPerArticle(file: GraphFile): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of file.graph.nodes) for (const ev of node.attributes.evidence) counts.set(ev.article, (counts.get(ev.article) ?? 0) + 1);
  return counts;
}

/** Starts `kg ingest` and SIGKILLs it after `afterArticles` progress lines and `delayMs` more. */
function ingestAndKill(args: string[], afterArticles: number, delayMs: number): Promise<{ signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    // Its own process group: bin/kg.mjs runs the command in a child node process, and
    // the kill must reach the process doing the work at once, as a power cut would.
    const child = spawn(process.execPath, [KG, 'ingest', ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' }, detached: true });
    let stderr = '';
    let armed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => {
        if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      }, delayMs);
    };
    if (afterArticles === 0) arm();
    child.stderr.on('data', (d) => {
      stderr += d;
      if ((stderr.match(/^ingest \d+\//gm)?.length ?? 0) >= afterArticles) arm();
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal }));
  });
}

let dir: string;
let batch: string[];
let reference: Map<string, number>;
let referenceExport: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kg-crash-'));
  const books = (await readdir(FACTRU)).filter((f) => /^book_\d+\.txt$/.test(f)).sort();
  batch = books.slice(0, 6).map((f) => join(FACTRU, f));
  const store = join(dir, 'reference.sqlite');
  expect((await runKg(['ingest', ...batch, '--graph', store])).code).toBe(0);
  referenceExport = await exported(store);
  reference = mentionsPerArticle(parseGraphFileText(referenceExport));
  expect(reference.size).toBe(6);
}, 180_000);

describe('kg ingest killed at random points', () => {
  it('leaves a valid store with every article whole or absent, 20 times, and the next run completes it', async () => {
    const random = seededRandom(20261203);
    let killed = 0;
    const seen = new Set<number>();
    let store = '';
    // Kills are counted only when they land in real work: a run that finished before
    // its kill, or was killed before it created the store, is tried again with new
    // random points, so the test does not depend on how fast this machine is today.
    for (let round = 0; killed < 20 && round < 80; round++) {
      store = join(dir, `killed-${round}.sqlite`);
      const run = await ingestAndKill([...batch, '--graph', store, '--batch', '2'], Math.floor(random() * batch.length), Math.floor(random() * 150));
      if (run.signal === 'SIGKILL' && (await readdir(dir)).every((f) => !f.startsWith(`killed-${round}.sqlite`))) {
        continue; // killed before it created the store: nothing to check
      }
      if (run.signal === 'SIGKILL') killed++;
      const file = parseGraphFileText(await exported(store));
      const counts = mentionsPerArticle(file);
      seen.add(file.articles.length);
      for (const article of file.articles) expect(counts.get(article.id), `article ${article.id} after kill ${round}`).toBe(reference.get(article.id));
      for (const id of counts.keys()) expect(file.articles.some((a) => a.id === id), `mentions of a missing article ${id}`).toBe(true);
    }
    expect(killed).toBe(20);
    // Stores killed part-way hold some articles, not always none or all.
    expect([...seen].some((n) => n > 0 && n < batch.length)).toBe(true);
    const next = await runKg(['ingest', ...batch, '--graph', store]);
    expect(next.code).toBe(0);
    expect(await exported(store)).toBe(referenceExport);
  }, 600_000);
});

describe('four kg ingest at once', () => {
  it('on overlapping article sets give exactly their union', async () => {
    const store = join(dir, 'concurrent.sqlite');
    const sets = [
      [0, 1, 2],
      [2, 3, 4],
      [4, 5, 0],
      [1, 3, 5],
    ].map((set) => set.map((i) => batch[i]!));
    const runs = await Promise.all(sets.map((set) => runKg(['ingest', ...set, '--graph', store])));
    expect(runs.map((r) => r.code), runs.map((r) => r.stderr).join('\n')).toEqual([0, 0, 0, 0]);
    expect(await exported(store)).toBe(referenceExport);
  }, 300_000);
});
