/**
 * A `kg ingest` killed in the middle of its work (SIGKILL: no cleanup code runs)
 * leaves the previous graph file exactly as it was, and nothing that stops the
 * next run: that run waits for the dead run's lock to go stale, ingests, and
 * removes temp files that killed runs left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFileText } from '../../src/model/validate';
import { KG, ROOT, runKg } from '../support/run-kg';

const SEED = join(ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt');
const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');

const kg = (args: string[]) => runKg(args);

/** Starts `kg ingest` and SIGKILLs it as soon as it reports its first article (it is then extracting, holding the lock). */
function ingestAndKill(args: string[]): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [KG, 'ingest', ...args], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/^ingest 1\//m.test(stderr) && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, stderr }));
  });
}

let dir: string;
let graphPath: string;
let batch: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kg-crash-'));
  graphPath = join(dir, 'graph.json');
  const first = await kg(['ingest', SEED, '--graph', graphPath]);
  expect(first.code).toBe(0);
  const books = (await readdir(FACTRU)).filter((f) => /^book_\d+\.txt$/.test(f)).sort();
  batch = books.slice(0, 40).map((f) => join(FACTRU, f));
}, 120_000);

describe('kg ingest killed in the middle of a batch', () => {
  it('leaves the previous graph file byte-identical, and the next run works and cleans up', async () => {
    const before = await readFile(graphPath, 'utf8');
    // What a run killed between writing its temp file and renaming it leaves behind
    // (pid 2^22 + 1 is above Linux's default pid_max: no such process).
    const orphan = join(dir, '.graph.json.4194305.0badf00d.tmp');
    await writeFile(orphan, '{"half": "a file');

    const killed = await ingestAndKill([...batch, '--graph', graphPath]);
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).toMatch(/^ingest 1\/40 /m);
    expect(await readFile(graphPath, 'utf8')).toBe(before);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp') && join(dir, f) !== orphan)).toEqual([]);

    // The next run waits for the killed run's lock to go stale, then ingests.
    const next = await kg(['ingest', ...batch.slice(0, 2), '--graph', graphPath]);
    expect(next.stderr).not.toMatch(/kg: /);
    expect(next.code).toBe(0);
    const after = await readFile(graphPath, 'utf8');
    const file = parseGraphFileText(after, graphPath);
    expect(file.articles).toHaveLength(3);
    expect(parseGraphFileText(before).articles.every((a) => file.articles.some((b) => b.id === a.id))).toBe(true);
    // No temp file and no lock are left behind.
    expect((await readdir(dir)).sort()).toEqual(['graph.json']);
  }, 120_000);
});
