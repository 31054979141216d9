/**
 * The `kg` command run as a user runs it (a child process through bin/kg.mjs):
 * bad input gives one clear line on stderr and a non-zero exit, and never
 * changes the graph store (compared through its JSON export, which is
 * deterministic).
 */
import { copyFile, mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_FILE_VERSION } from '../../src/model/graph-file';
import { parseGraphFileText } from '../../src/model/validate';
import { ROOT, runKg, type KgRun } from '../support/run-kg';

const SEED = join(ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt');
const FACTRU = join(ROOT, '..', 'shared', 'datasets', 'factru-dev');

type Run = KgRun;

const kg = (args: string[], cwd = ROOT): Promise<Run> => runKg(args, { cwd });

/** The store's content, as `kg export --format json` writes it. */
async function exported(store: string): Promise<string> {
  const run = await kg(['export', '--format', 'json', '--graph', store]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return run.stdout;
}

let dir: string;
let graphPath: string;
let graphBytes: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kg-cli-'));
  graphPath = join(dir, 'kg.sqlite');
  const first = await kg(['ingest', SEED, '--graph', graphPath]);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  graphBytes = await exported(graphPath);
}, 120_000);

describe('kg ingest', () => {
  it('prints what it added, and the store exports a valid graph file', async () => {
    const file = parseGraphFileText(graphBytes);
    expect(file.articles).toHaveLength(1);
    expect(file.articles[0]!.title).toBe('5 наркогруппировок ликвидировали в Казахстане');
  });

  it('leaves the file byte-identical when the same article is ingested again', async () => {
    const copy = join(dir, 'copies', 'same-text.md');
    await mkdir(join(dir, 'copies'), { recursive: true });
    await copyFile(SEED, copy);
    const again = await kg(['ingest', SEED, join(dir, 'copies'), '--graph', graphPath]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 article\(s\) added, 2 already in the graph/);
    expect(await exported(graphPath)).toBe(graphBytes);
  }, 60_000);

  it.each([
    ['an empty file', Buffer.alloc(0), /empty\.txt is empty/],
    ['a whitespace-only file', Buffer.from(' \n\t \n'), /empty\.txt contains only whitespace/],
    ['binary data', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131) % 256)), /empty\.txt is not text/],
  ])('refuses %s with one error line, a non-zero exit and the graph untouched', async (_label, content, message) => {
    const bad = join(dir, 'empty.txt');
    await writeFile(bad, content);
    const run = await kg(['ingest', SEED, bad, '--graph', graphPath]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(await exported(graphPath)).toBe(graphBytes);
  }, 60_000);

  it('refuses a 20 MB file and a missing path the same way', async () => {
    const huge = join(dir, 'huge.md');
    await writeFile(huge, Buffer.alloc(20 * 1024 * 1024 + 1, 0x61));
    for (const [path, message] of [
      [huge, /huge\.md is too large/],
      [join(dir, 'nope.md'), /nope\.md does not exist/],
    ] as const) {
      const run = await kg(['ingest', path, '--graph', graphPath]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    expect(await exported(graphPath)).toBe(graphBytes);
  }, 60_000);

  it('refuses a store it cannot use with one line, and changes nothing', async () => {
    const notStore = join(dir, 'notes.sqlite');
    await writeFile(notStore, 'just some text, not a database\n'.repeat(100));
    const foreign = join(dir, 'foreign.sqlite');
    const Sqlite = (await import('better-sqlite3')).default;
    const other = new Sqlite(foreign);
    other.exec('create table customers (id integer primary key, name text)');
    other.close();
    const foreignBytes = await readFile(foreign);
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    for (const [store, message] of [
      [notStore, /notes\.sqlite is not a kg store \(not an SQLite database\)/],
      [foreign, /foreign\.sqlite is an SQLite database but not a kg store/],
      [join(blocker, 'sub', 'kg.sqlite'), /cannot create .*a-file\/sub\/kg\.sqlite/],
    ] as const) {
      const run = await kg(['ingest', SEED, '--graph', store]);
      expect(run.code, store).toBe(1);
      expect(run.stderr.trim().split('\n'), store).toHaveLength(1);
      expect(run.stderr, store).toMatch(message);
    }
    expect(await readFile(notStore, 'utf8')).toBe('just some text, not a database\n'.repeat(100));
    expect(await readFile(foreign)).toEqual(foreignBytes);
    const missing = await kg(['export', '--graph', join(dir, 'never-built.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/never-built\.sqlite does not exist \(build it with "kg ingest <files>"\)/);
  }, 60_000);

  it('refuses a store written by a newer kg', async () => {
    const newer = join(dir, 'newer.sqlite');
    expect((await kg(['ingest', SEED, '--graph', newer])).code).toBe(0);
    const Sqlite = (await import('better-sqlite3')).default;
    const db = new Sqlite(newer);
    db.prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')").run();
    db.close();
    const run = await kg(['stats', '--graph', newer]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/newer\.sqlite has a newer schema \(migration 9999_from_the_future\) than this kg knows: upgrade kg to open it$/);
  }, 60_000);

  it('lets two ingests into one graph run at once without losing either', async () => {
    const shared = join(dir, 'shared.sqlite');
    const articles = join(dir, 'two');
    await mkdir(articles, { recursive: true });
    await copyFile(join(FACTRU, 'book_100.txt'), join(articles, 'a.txt'));
    await copyFile(join(FACTRU, 'book_105.txt'), join(articles, 'b.txt'));
    const [a, b] = await Promise.all([kg(['ingest', join(articles, 'a.txt'), '--graph', shared]), kg(['ingest', join(articles, 'b.txt'), '--graph', shared])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(parseGraphFileText(await exported(shared)).articles).toHaveLength(2);
  }, 120_000);
});

describe('kg extract', () => {
  it('writes one JSON line per file in the evaluation contract, and reports a bad file on stderr', async () => {
    const bad = join(dir, 'blank.md');
    await writeFile(bad, '   ');
    const run = await kg(['extract', SEED, bad, '--jsonl']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/blank\.md contains only whitespace/)]);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { id: string; lang: string; entities: Array<Record<string, unknown>>; relations: Array<Record<string, unknown>> };
    expect(Object.keys(line)).toEqual(['id', 'lang', 'entities', 'relations', 'events']);
    expect(line.id).toBe('000_85c1dee59fd444ef');
    expect(line.lang).toBe('ru');
    const text = (await readFile(SEED, 'utf8')).replace(/^\uFEFF/, '');
    for (const e of line.entities) {
      expect(text.slice(e.start as number, e.end as number)).toBe(e.text);
      expect(typeof e.entity).toBe('string');
    }
    for (const r of line.relations) {
      expect(line.entities[r.source as number]).toBeDefined();
      expect(line.entities[r.target as number]).toBeDefined();
    }
  }, 60_000);
});

describe('kg export, import, corrections', () => {
  const exportedOf = exported;
  it('exports GEXF that graphology-gexf loads back', async () => {
    const run = await kg(['export', '--format', 'gexf', '--graph', graphPath]);
    expect(run.code).toBe(0);
    const graph = parseGexf(Graph, run.stdout);
    expect(graph.order).toBe(parseGraphFileText(graphBytes).graph.nodes.length);
  }, 60_000);

  it('writes CSV nodes and edges files, and asks for --out', async () => {
    const out = join(dir, 'csv');
    expect((await kg(['export', '--format', 'csv', '--out', `${out}/`, '--graph', graphPath])).code).toBe(0);
    expect((await readFile(join(out, 'nodes.csv'), 'utf8')).split('\r\n')[0]).toMatch(/^key,label,entity_type/);
    expect((await readFile(join(out, 'edges.csv'), 'utf8')).split('\r\n')[0]).toMatch(/^key,source,target/);
    const noOut = await kg(['export', '--format', 'csv', '--graph', graphPath]);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toMatch(/give --out DIR/);
  }, 60_000);

  it('imports its own JSON export and refuses a file of another type', async () => {
    const copy = join(dir, 'imported.sqlite');
    const exported = join(dir, 'export.json');
    expect((await kg(['export', '--out', exported, '--graph', graphPath])).code).toBe(0);
    expect((await kg(['import', exported, '--graph', copy])).code).toBe(0);
    expect(await exportedOf(copy)).toBe(graphBytes);
    const other = join(dir, 'other.json');
    await writeFile(other, '{"type":"gephi-lite/graph","version":1}');
    const run = await kg(['import', other, '--graph', copy]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/other\.json is not a graph file of this tool/);
    expect(await exportedOf(copy)).toBe(graphBytes);
  }, 60_000);

  it('fails a merge naming a missing id with a clear message, and removes an article', async () => {
    const work = join(dir, 'edit.sqlite');
    const source = join(dir, 'edit-source.json');
    await writeFile(source, graphBytes);
    expect((await kg(['import', source, '--graph', work])).code).toBe(0);
    const merge = await kg(['merge', 'person:matkenov-tlegen', 'person:nobody', '--graph', work]);
    expect(merge.code).toBe(1);
    expect(merge.stderr.trim()).toBe('kg: merge: no entity with id "person:nobody" in the graph');
    expect(await exportedOf(work)).toBe(graphBytes);
    const id = parseGraphFileText(graphBytes).articles[0]!.id;
    const remove = await kg(['remove', id, '--graph', work]);
    expect(remove.code).toBe(0);
    const after = parseGraphFileText(await exportedOf(work));
    expect(after.articles).toHaveLength(0);
    expect(after.graph.nodes).toHaveLength(0);
  }, 60_000);

  it('reports usage mistakes on one line', async () => {
    for (const args of [['export', '--format', 'xml'], ['ingest'], ['frobnicate']]) {
      const run = await kg(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(/^kg: /);
    }
  }, 60_000);

  it('has --help on every command', async () => {
    for (const command of ['ingest', 'extract', 'export', 'import', 'remove', 'merge', 'split', 'stats', 'schema', 'bench-ingest', 'worker', 'serve']) {
      const run = await kg([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout, command).toMatch(new RegExp(`Usage: kg ${command}`));
    }
    // `kg bench` is the extraction benchmark; its help leads to the ingest one.
    const bench = await kg(['bench', '--help']);
    expect(bench.code).toBe(0);
    expect(bench.stdout).toMatch(/kg bench-ingest/);
  }, 120_000);
});
