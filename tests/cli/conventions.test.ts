/**
 * `kg extract --conventions` and `kg eval --conventions` run as a user runs them
 * (bin/kg.mjs in a child process), on a hand-written article and the synthetic
 * factRuEval document of tests/eval/fixtures.ts.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKg } from '../support/run-kg';
import { writeSyntheticDocument } from '../eval/fixtures';

const ARTICLE = 'Сотрудники МВД России задержали курьера. Позже представители Минздрава Франции провели встречу на Пушкинской площади.\n';

interface Line {
  entities: Array<{ start: number; end: number; type: string; text: string; norm: string; entity: string }>;
  relations: Array<{ type: string; source: number; target: number }>;
}

let dir: string;
let article: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kg-conventions-'));
  article = join(dir, 'article.txt');
  await writeFile(article, ARTICLE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spans = (line: Line) => line.entities.filter((e) => ['PERSON', 'ORGANIZATION', 'LOCATION'].includes(e.type)).map((e) => `${e.type} ${e.text}`);

describe('kg extract --conventions', () => {
  it('keeps the product spans by default and projects them with factru', async () => {
    const [product, same, factru] = await Promise.all([
      runKg(['extract', article]),
      runKg(['extract', article, '--conventions', 'product']),
      runKg(['extract', article, '--conventions', 'factru']),
    ]);
    for (const run of [product, same, factru]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    expect(same.stdout).toBe(product.stdout);
    const p = JSON.parse(product.stdout) as Line;
    const f = JSON.parse(factru.stdout) as Line;
    expect(spans(p)).toEqual(expect.arrayContaining(['ORGANIZATION МВД России', 'LOCATION России', 'ORGANIZATION Минздрава Франции', 'LOCATION Франции', 'LOCATION Пушкинской площади']));
    expect(spans(f)).toEqual(expect.arrayContaining(['ORGANIZATION МВД', 'LOCATION России', 'ORGANIZATION Минздрава', 'LOCATION Франции', 'LOCATION Пушкинской']));
    expect(spans(f)).not.toContain('ORGANIZATION МВД России');
    // The same mentions in the same order: relations and entity keys still hold.
    expect(f.entities.map((e) => e.entity)).toEqual(p.entities.map((e) => e.entity));
    expect(f.relations).toEqual(p.relations);
    for (const e of f.entities) expect(ARTICLE.slice(e.start, e.end)).toBe(e.text);
  }, 60_000);

  it('refuses an unknown value with one line and exit code 1', async () => {
    const run = await runKg(['extract', article, '--conventions', 'naeval']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--conventions.*'naeval' is invalid\. expected product or factru/)]);
  }, 60_000);
});

describe('kg eval --conventions', () => {
  it('prints the product and the factru tables, the chosen one first', async () => {
    const data = join(dir, 'factru');
    await mkdir(data);
    writeSyntheticDocument(data);
    const args = ['eval', '--dir', data, '--mode', 'shipped', '--no-bench', '--quiet'];
    const [product, factru] = await Promise.all([runKg(args), runKg([...args, '--conventions', 'factru'])]);
    for (const run of [product, factru]) expect(run.code).toBe(0);
    const order = (out: string) => [...out.matchAll(/^Named entities, (product|factru) conventions/gm)].map((m) => m[1]);
    expect(order(product.stdout)).toEqual(['product', 'factru']);
    expect(order(factru.stdout)).toEqual(['factru', 'product']);
  }, 120_000);

  it('refuses an unknown value with one line and exit code 1', async () => {
    const run = await runKg(['eval', '--conventions', 'both', '--quiet']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/'both' is invalid\. expected product or factru/)]);
  }, 60_000);
});
