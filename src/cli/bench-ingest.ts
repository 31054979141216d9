/**
 * `kg bench-ingest`: what a user waits for when the graph is big.
 *
 * 1. Stores of 1,000 and 10,000 articles (100,000 on request): the 122 factRuEval
 *    dev texts, each copy made unique by an appended line "Копия N." (so its
 *    content hash, hence its article id, differs). Each base text is extracted
 *    once; a copy reuses its base's extraction (the appended line comes after
 *    the body, so every offset stays valid). A store of N articles is built
 *    through the store API: the first N - 50 articles as one graph
 *    (store.importFile, then their texts filled in, as `kg ingest` keeps them),
 *    the last 50 one by one through store.addArticle, each timed: that is the
 *    ingest rate at that size. `--build add` sends every article through
 *    store.addArticle instead (the same graph, tests/cli/bench-ingest.test.ts;
 *    much slower for big stores). Then its size on disk and the time of the
 *    queries an ingest and the explorer run.
 * 2. The headline: the whole `kg ingest FILE --graph STORE` command for one new
 *    article (a dev text with a line no store has seen), as a child process,
 *    into an empty store and into each size: wall-clock and peak RSS, median of
 *    3 runs with 3 different articles, and the ratio to the empty store.
 *
 * With `--postgres URL` the same runs on PostgreSQL, each store a database of
 * its own that the bench creates next to URL's and drops at the end; and then
 * the queue: 100 articles queued, 1, 2 and 4 `kg worker --drain` processes at
 * once on copies of the smallest store, articles per second.
 *
 * Peak RSS comes from each child Node process itself: a file preloaded with
 * NODE_OPTIONS=--require writes process.resourceUsage().maxRSS when it exits
 * (bin/kg.mjs's launcher and the kg process it starts each write their own).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import type { Command } from 'commander';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pgTypes from 'pg';
import { DEFAULT_FACTRU_DIR } from '../eval/cli';
import { KnowledgeBase } from '../graph/knowledge-base';
import { extractArticle } from '../ingest/extract-article';
import { readArticleFile } from '../ingest/files';
import { parseArticle } from '../ingest/parse';
import type { ParsedArticle } from '../model/article';
import { InputError, KgError } from '../model/errors';
import type { ExtractionResult } from '../model/extraction';
import { PROJECT_ROOT } from '../node/resources';
import { openStore, redactUrl } from '../store/open';
import type { Database } from '../store/schema';
import { WorkingSet } from '../store/working-set';
import { action } from './errors';
import { loadExtractor } from './extractor';

export const DEFAULT_BENCH_SIZES = [1_000, 10_000];
export const DEFAULT_REPEATS = 3;
/** The last articles of each store go through store.addArticle one by one, timed. */
export const ADDED_ONE_BY_ONE = 50;
/** The issue's targets for one article into a 10,000-article store. */
export const TARGET_RATIO = 1.5;
export const TARGET_RSS_MB = 250;
/** Copy numbers of the new articles `kg ingest` adds (the stores hold copies 1, 2, ...). */
const NEW_ARTICLE_COPIES = 1_000_000;
/** PostgreSQL: `kg worker` processes at once, and the articles queued for each count. */
export const WORKER_COUNTS = [1, 2, 4];
export const QUEUED_ARTICLES = 240;
/** New articles in the bulk run: `kg ingest DIR` of this many unseen texts into an empty store. */
export const BULK_ARTICLES = 400;
/** Issue 9's floor for bulk ingest on one core (what the JSON-file ingest did), articles/s. */
export const TARGET_BULK_RATE = 35;
/** Issue 9's floor for two workers over one. */
export const TARGET_WORKER_SCALING = 1.7;

const KG = join(PROJECT_ROOT, 'bin', 'kg.mjs');

export interface Base {
  article: ParsedArticle;
  extraction: ExtractionResult;
}

export type BuildMode = 'import' | 'add';

export interface BenchIngestOptions {
  sizes?: readonly number[];
  dir?: string;
  repeats?: number;
  postgres?: string;
  /** Bench SQLite (default true; false with `postgres` benches PostgreSQL alone). */
  sqlite?: boolean;
  build?: BuildMode;
  /** New articles in the bulk `kg ingest DIR` run (default BULK_ARTICLES). */
  bulkArticles?: number;
  /** Where the stores and article files go (default: a new directory in the system's temp dir, removed at the end). */
  workdir?: string;
  keep?: boolean;
  /** Only the first `baseLimit` texts of `dir` (tests). */
  baseLimit?: number;
  log?: (line: string) => void;
}

export interface QueryTimes {
  entities: number;
  keys: number;
  /** The most mentioned entity. */
  hub: { id: string; label: string; mentions: number; edges: number };
  /** An entity in the middle of the mention ranking. */
  median: { id: string; label: string; mentions: number };
  /** One match key: select entity_id from entity_keys where key = ?, median over up to 200 keys, ms. */
  keyLookupMs: number;
  /** An entity row and its mentions with their sentences (what the explorer shows), ms. */
  medianEntityWithEvidenceMs: number;
  hubWithEvidenceMs: number;
  /** WorkingSet.loadNodes([hub]): how an ingest that meets the hub loads it (its names and counts, not its mentions), ms. */
  hubNodeLoadMs: number;
  /** WorkingSet.loadNodes([hub], { full: true }): with every mention, as a merge, split or removal loads it, ms. */
  hubFullLoadMs: number;
  /** WorkingSet.loadEdgesOf([hub]): every edge of the hub with its evidence (merge, split), ms. */
  hubEdgesLoadMs: number;
}

export interface StoreRow {
  articles: number;
  entities: number;
  mentions: number;
  relations: number;
  /** Building the first articles as one graph in memory (resolution only), ms. */
  memoryGraphMs: number;
  /** store.importFile of that graph plus writing the article texts, ms, and how many articles it held. */
  importMs: number;
  imported: number;
  /** store.addArticle, one article each, ms: median and mean over the articles added one by one. */
  addMedianMs: number;
  addMeanMs: number;
  addedOneByOne: number;
  /** Bytes on disk after the one-by-one adds (SQLite: file + -wal; PostgreSQL: pg_database_size). */
  bytes: number;
  /** The same for an empty store (the schema alone), for bytes per article. */
  emptyBytes: number;
  queries: QueryTimes;
}

export interface CommandRun {
  wallMs: number;
  /** Peak RSS of the kg process (the largest process of the command), MB. */
  peakRssMB: number;
  /** Peak RSS of bin/kg.mjs's launcher when it re-ran itself with its Node flags, MB. */
  launcherRssMB?: number;
  /** store.addArticle of the same base text (another copy) in this process, ms. */
  inProcessAddMs: number;
}

export interface CommandRow {
  /** 0 = an empty store. */
  articles: number;
  runs: CommandRun[];
  medianWallMs: number;
  medianRssMB: number;
  medianAddMs: number;
  /** medianWallMs over the empty store's. */
  ratio: number;
}

export interface WorkerRow {
  workers: number;
  /** Each worker pinned to one core (taskset -c w mod cores): a worker stands for a machine's core, its V8 helper threads included. */
  pinned: boolean;
  /** The store the workers added to (a copy of the smallest store). */
  storeArticles: number;
  articles: number;
  /** From the first worker taking jobs (start-up and connecting done) to the last article reported. */
  articlesPerSecond: number;
  /** From starting the workers until the last exited, ms. */
  wallMs: number;
  /** Peak RSS of the largest worker process, MB. */
  peakRssMB: number;
}

/** `kg ingest DIR` of BULK_ARTICLES new texts into an empty store, the whole command. */
export interface BulkRun {
  /** Pinned to one CPU (taskset -c 0) with --jobs 1; otherwise every core, --jobs auto. */
  oneCore: boolean;
  wallMs: number;
  /** articles / wall: start-up, reading the files, extraction and the store, all included. */
  articlesPerSecond: number;
  /** Of the whole process tree (extraction threads included). */
  peakRssMB: number;
}

export interface BulkRow {
  articles: number;
  runs: BulkRun[];
}

export interface BackendReport {
  backend: 'SQLite' | 'PostgreSQL';
  location: string;
  stores: StoreRow[];
  command: CommandRow[];
  /** `kg ingest` of an article the store already has: start-up, parsing, opening the store, no extraction (median, ms). */
  startupMs: number;
  newArticles: Array<{ file: string; mentions: number; chars: number }>;
  /** PostgreSQL: kg worker throughput (the queue). */
  workers?: WorkerRow[];
  bulk?: BulkRow;
}

export interface BenchIngestReport {
  baseTexts: number;
  /** Extracting one base text in this process (warm: third pass), mean ms. */
  extractMeanMs: number;
  build: BuildMode;
  repeats: number;
  backends: BackendReport[];
  node: string;
  cpus: number;
}

/** A base text made unique: the appended line changes the content hash and no offset before it. */
export function copyText(text: string, copy: number): string {
  return `${text}${text.endsWith('\n') ? '' : '\n'}Копия ${copy}.\n`;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

/** Article i of the replicated corpus: base text i mod B, copy floor(i / B) + 1. */
function replica(base: readonly Base[], i: number, copy = Math.floor(i / base.length) + 1): Base {
  const original = base[i % base.length]!;
  return { article: parseArticle(copyText(original.article.text, copy), { file: original.article.file }), extraction: original.extraction };
}

/** The base texts of `dir` (sorted by name; the first `limit`), each extracted, and the warm extraction time. */
export async function loadBase(dir: string, limit: number | undefined): Promise<{ base: Base[]; extractMeanMs: number }> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
  } catch (err) {
    throw new InputError('bench', `cannot read the base texts in ${dir}: ${(err as Error).message}`);
  }
  if (limit !== undefined) files = files.slice(0, limit);
  if (files.length === 0) throw new InputError('bench', `no .txt files in ${dir}`);
  const articles: ParsedArticle[] = [];
  for (const file of files) {
    const article = await readArticleFile(join(dir, file));
    article.file = file;
    articles.push(article);
  }
  const extractor = await loadExtractor({ english: false });
  // Two passes warm the extractor up (the first is about three times slower); the third is timed.
  let extractions = articles.map((article) => extractArticle(extractor, article));
  extractions = articles.map((article) => extractArticle(extractor, article));
  const started = performance.now();
  extractions = articles.map((article) => extractArticle(extractor, article));
  const extractMeanMs = (performance.now() - started) / articles.length;
  return { base: articles.map((article, i) => ({ article, extraction: extractions[i]! })), extractMeanMs };
}

// --- The two backends: where a store lives, its size, a plain connection to it ---

export interface Backend {
  name: BackendReport['backend'];
  location: string;
  /** A new, empty (migrated) store; returns its --graph spec. */
  create(label: string): Promise<string>;
  bytes(spec: string): Promise<number>;
  /** PostgreSQL: a new store that is a copy of `spec` (CREATE DATABASE ... TEMPLATE). */
  copy?(spec: string, label: string): Promise<string>;
  connect(spec: string): Kysely<Database>;
  display(spec: string): string;
  cleanup(keep: boolean): Promise<void>;
}

/** SQLite stores as files in `workdir`. */
export function sqliteBackend(workdir: string): Backend {
  return {
    name: 'SQLite',
    location: workdir,
    async create(label) {
      const path = join(workdir, `${label}.sqlite`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      await (await openStore(path, { create: true })).close();
      return path;
    },
    bytes(path) {
      const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
      return Promise.resolve(size(path) + size(`${path}-wal`));
    },
    connect(path) {
      return new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(path) }) });
    },
    display: (path) => path,
    cleanup: () => Promise.resolve(),
  };
}

/** PostgreSQL stores as databases kg_bench_<pid>_<label> on URL's server. */
export async function postgresBackend(url: string): Promise<Backend> {
  // pg is loaded only when PostgreSQL is measured.
  const pg: typeof pgTypes = (await import('pg')).default;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  admin.on('error', () => undefined);
  const created: string[] = [];
  const urlOf = (name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const nameOf = (label: string) => `kg_bench_${process.pid}_${label.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
  const createDatabase = async (name: string, template?: string) => {
    await admin.query(`drop database if exists ${name}`);
    try {
      await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
    } catch (err) {
      throw new KgError('bench', `cannot create a database for the bench at ${redactUrl(url)}: ${(err as Error).message}`);
    }
    created.push(name);
    return urlOf(name);
  };
  const backend: Backend = {
    name: 'PostgreSQL',
    location: redactUrl(url),
    async create(label) {
      const spec = await createDatabase(nameOf(label));
      await (await openStore(spec)).close();
      return spec;
    },
    copy(spec, label) {
      return createDatabase(nameOf(label), new URL(spec).pathname.slice(1));
    },
    async bytes(spec) {
      const db = this.connect(spec);
      try {
        const { rows } = await sql<{ n: string }>`select pg_database_size(current_database()) as n`.execute(db);
        return Number(rows[0]!.n);
      } finally {
        await db.destroy();
      }
    },
    connect(spec) {
      return new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: spec, max: 1 }) }) });
    },
    display: (spec) => redactUrl(spec),
    async cleanup(keep) {
      try {
        if (!keep) for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
      } finally {
        await admin.end();
      }
    },
  };
  return backend;
}

// --- Building the stores ---

/** Writes the texts of articles 0 .. count-1 (importFile leaves them out; `kg ingest` keeps them), made one at a time. */
async function fillTexts(db: Kysely<Database>, count: number, articleAt: (i: number) => ParsedArticle): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const article = articleAt(i);
      await trx.updateTable('articles').set({ text: article.text }).where('id', '=', article.id).execute();
    }
  });
}

export interface Builder {
  kb: KnowledgeBase;
  /** Articles in kb. */
  inGraph: number;
  /** No bigger store follows: the graph may be handed to importFile as it is (saves a copy of it in memory). */
  last?: boolean;
}

/**
 * A store of `size` articles (articles 0 .. size-1 of the replicated corpus). `builder`
 * carries the in-memory graph from one size to the next (sizes in increasing order).
 */
export async function buildStore(backend: Backend, base: readonly Base[], size: number, mode: BuildMode, builder: Builder, log: (line: string) => void): Promise<{ spec: string; row: Omit<StoreRow, 'queries' | 'emptyBytes' | 'bytes' | 'entities' | 'mentions' | 'relations'> }> {
  const oneByOne = mode === 'add' ? size : Math.min(ADDED_ONE_BY_ONE, Math.ceil(size / 2));
  const imported = size - oneByOne;
  const spec = await backend.create(`s${size}`);
  let memoryGraphMs = 0;
  let importMs = 0;
  if (imported > 0) {
    log(`  ${backend.name} ${size}: resolving ${imported} articles in memory ...`);
    const started = performance.now();
    for (; builder.inGraph < imported; builder.inGraph++) {
      const { article, extraction } = replica(base, builder.inGraph);
      builder.kb.addArticle(article, extraction);
    }
    memoryGraphMs = performance.now() - started;
    log(`  ${backend.name} ${size}: importing them into the store ...`);
    // A deep copy unless this is the last store: importFile refreshes derived attributes on what it is given.
    const file = builder.last ? builder.kb.toFile() : structuredClone(builder.kb.toFile());
    if (builder.last) builder.kb = new KnowledgeBase();
    const t0 = performance.now();
    const store = await openStore(spec, { create: true });
    try {
      await store.importFile(file);
    } finally {
      await store.close();
    }
    const db = backend.connect(spec);
    try {
      await fillTexts(db, imported, (i) => replica(base, i).article);
    } finally {
      await db.destroy();
    }
    importMs = performance.now() - t0;
  }
  log(`  ${backend.name} ${size}: adding ${oneByOne} articles one by one (store.addArticle) ...`);
  const times: number[] = [];
  const store = await openStore(spec, { create: true });
  try {
    for (let i = imported; i < size; i++) {
      const { article, extraction } = replica(base, i);
      const t0 = performance.now();
      const summary = await store.addArticle(article, extraction);
      times.push(performance.now() - t0);
      if (!summary) throw new KgError('bench', `article ${i} (${article.id}) was already in the store`);
      if (mode === 'add' && (i + 1) % 1000 === 0) log(`  ${backend.name} ${size}: ${i + 1} articles, last 1,000 at ${mean(times.slice(-1000)).toFixed(1)} ms/article`);
    }
  } finally {
    await store.close();
  }
  const tail = times.slice(-ADDED_ONE_BY_ONE);
  return { spec, row: { articles: size, memoryGraphMs, importMs, imported, addMedianMs: median(tail), addMeanMs: mean(tail), addedOneByOne: oneByOne } };
}

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn(); // warm: statements prepared, pages cached
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function entityWithEvidence(db: Kysely<Database>, id: string): Promise<number> {
  await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst();
  const rows = await db
    .selectFrom('mentions as m')
    .leftJoin('sentences as s', (join) => join.onRef('s.article_id', '=', 'm.article_id').onRef('s.start', '=', 'm.sentence_start'))
    .select(['m.article_id', 'm.start', 'm.end', 'm.text', 's.text as sentence'])
    .where('m.entity_id', '=', id)
    .execute();
  return rows.length;
}

export async function measureQueries(backend: Backend, spec: string): Promise<{ counts: Pick<StoreRow, 'entities' | 'mentions' | 'relations'>; queries: QueryTimes }> {
  const db = backend.connect(spec);
  try {
    const count = async (table: 'entities' | 'mentions' | 'edges' | 'entity_keys') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const entities = await count('entities');
    const ranked = db.selectFrom('entities').select(['id', 'label', 'mentions']).orderBy('mentions', 'desc').orderBy('id');
    const hub = await ranked.limit(1).executeTakeFirstOrThrow();
    const mid = await ranked.limit(1).offset(Math.floor(entities / 2)).executeTakeFirstOrThrow();
    const hubEdges = Number(
      (
        await db
          .selectFrom('edges')
          .select((eb) => eb.fn.countAll().as('n'))
          .where((eb) => eb.or([eb('source_id', '=', hub.id), eb('target_id', '=', hub.id)]))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const allKeys = (await db.selectFrom('entity_keys').select('key').orderBy('key').execute()).map((r) => r.key);
    const step = Math.max(1, Math.floor(allKeys.length / 200));
    const sample = allKeys.filter((_, i) => i % step === 0).slice(0, 200);
    const keyTimes: number[] = [];
    for (const key of sample) await db.selectFrom('entity_keys').select('entity_id').where('key', '=', key).execute();
    for (const key of sample) {
      const t0 = performance.now();
      await db.selectFrom('entity_keys').select('entity_id').where('key', '=', key).execute();
      keyTimes.push(performance.now() - t0);
    }
    const queries: QueryTimes = {
      entities,
      keys: allKeys.length,
      hub: { id: hub.id, label: hub.label, mentions: Number(hub.mentions), edges: hubEdges },
      median: { id: mid.id, label: mid.label, mentions: Number(mid.mentions) },
      keyLookupMs: median(keyTimes),
      medianEntityWithEvidenceMs: await timeIt(() => entityWithEvidence(db, mid.id), 9),
      hubWithEvidenceMs: await timeIt(() => entityWithEvidence(db, hub.id), 5),
      hubNodeLoadMs: await timeIt(() => new WorkingSet(db).loadNodes([hub.id]), 5),
      hubFullLoadMs: await timeIt(() => new WorkingSet(db).loadNodes([hub.id], { full: true }), 3),
      hubEdgesLoadMs: await timeIt(() => new WorkingSet(db).loadEdgesOf([hub.id]), 3),
    };
    return { counts: { entities, mentions: await count('mentions'), relations: await count('edges') }, queries };
  } finally {
    await db.destroy();
  }
}

// --- The whole command, as a child process ---

/** Preloaded into the child (NODE_OPTIONS=--require): each Node process appends its peak RSS when it exits. */
const RSS_PRELOAD = `const fs = require('node:fs');
process.on('exit', () => {
  try { fs.appendFileSync(process.env.KG_BENCH_RSS_OUT, JSON.stringify({ pid: process.pid, maxRssKB: process.resourceUsage().maxRSS }) + '\\n'); } catch {}
});
`;

interface ChildResult {
  wallMs: number;
  peakRssMB: number;
  launcherRssMB?: number;
  stdout: string;
}

function runKgIngest(file: string, spec: string, workdir: string, tag: string): Promise<ChildResult> {
  return runKg(['ingest', file, '--graph', spec], workdir, tag);
}

/** `node bin/kg.mjs ARGS` from the project root; `onLine` sees each line of its stdout as it comes. */
function runKg(args: readonly string[], workdir: string, tag: string, onLine?: (line: string) => void, options: { oneCore?: boolean; cpu?: number; onErrLine?: (line: string) => void } = {}): Promise<ChildResult> {
  const preload = join(workdir, 'rss-preload.cjs');
  if (!existsSync(preload)) writeFileSync(preload, RSS_PRELOAD);
  const rssOut = join(workdir, `rss-${tag}.jsonl`);
  rmSync(rssOut, { force: true });
  const env = { ...process.env, FORCE_COLOR: '0', KG_BENCH_RSS_OUT: rssOut, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim() };
  return new Promise((done, fail) => {
    const started = performance.now();
    const cpu = options.oneCore ? 0 : options.cpu;
    const command = cpu !== undefined ? ['taskset', '-c', String(cpu), process.execPath] : [process.execPath];
    const child = spawn(command[0]!, [...command.slice(1), KG, ...args], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let pendingErr = '';
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!onLine) return;
      pending += d;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) onLine(line);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!options.onErrLine) return;
      pendingErr += d;
      const lines = pendingErr.split('\n');
      pendingErr = lines.pop()!;
      for (const line of lines) options.onErrLine(line);
    });
    child.on('error', fail);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== 0) {
        fail(new KgError('bench', `kg ${args[0]} exited with ${code}: ${stderr.trim().split('\n').pop() ?? ''}`));
        return;
      }
      const rss = existsSync(rssOut)
        ? readFileSync(rssOut, 'utf8')
            .trim()
            .split('\n')
            .map((line) => (JSON.parse(line) as { maxRssKB: number }).maxRssKB / 1024)
            .sort((a, b) => b - a)
        : [];
      const result: ChildResult = { wallMs, peakRssMB: rss[0] ?? Number.NaN, stdout };
      if (rss.length > 1) result.launcherRssMB = rss[1]!;
      done(result);
    });
  });
}

/** The texts `kg ingest` adds: three of the base texts (quartiles of their mention counts), in copies no store has. */
function pickNewArticleBases(base: readonly Base[], repeats: number): number[] {
  const order = base.map((b, i) => ({ i, n: b.extraction.entities.length })).sort((a, b) => a.n - b.n || a.i - b.i);
  return Array.from({ length: repeats }, (_, r) => order[Math.min(order.length - 1, Math.floor(((r + 1) * order.length) / (repeats + 1)))]!.i);
}

/**
 * PostgreSQL: QUEUED_ARTICLES new articles queued (kg ingest --queue does the same),
 * then 1, 2 and 4 `kg worker --drain` processes at once, each time on a fresh copy of
 * the store: articles per second from the first article a worker reports to the last.
 */
async function benchWorkers(backend: Backend, spec: string, storeArticles: number, base: readonly Base[], workdir: string, log: (line: string) => void, nextCopy: () => number): Promise<WorkerRow[]> {
  const rows: WorkerRow[] = [];
  const cores = cpus().length;
  const modes = existsSync('/usr/bin/taskset') ? [false, true] : [false];
  const runs = modes.flatMap((pinned) => WORKER_COUNTS.map((workers) => ({ pinned, workers })));
  for (const { pinned, workers } of runs) {
    const store = await backend.copy!(spec, `workers${workers}${pinned ? '-pinned' : ''}`);
    const articles = Array.from({ length: QUEUED_ARTICLES }, (_, i) => {
      const original = base[(i * 7) % base.length]!.article;
      return { file: original.file ?? `text${i}`, text: copyText(original.text, nextCopy()) };
    });
    const { enqueueArticles } = await import('../store/queue');
    await enqueueArticles(store, articles);
    log(`  ${backend.name}: ${workers} kg worker process(es)${pinned ? ', each pinned to one core,' : ''} on ${QUEUED_ARTICLES} queued articles (a copy of the ${n0(storeArticles)}-article store) ...`);
    const started = performance.now();
    const stamps: number[] = [];
    let firstTaking = Number.POSITIVE_INFINITY;
    const results = await Promise.all(
      Array.from({ length: workers }, (_, w) =>
        runKg(
          ['worker', '--drain', '--graph', store],
          workdir,
          `worker${workers}${pinned ? 'p' : ''}-${w}`,
          (line) => {
            if (/^\+ /.test(line)) stamps.push(performance.now());
          },
          { ...(pinned ? { cpu: w % cores } : {}), onErrLine: (line) => /^worker: taking articles/.test(line) && (firstTaking = Math.min(firstTaking, performance.now())) },
        ),
      ),
    );
    const wallMs = performance.now() - started;
    if (stamps.length !== QUEUED_ARTICLES) throw new KgError('bench', `the workers added ${stamps.length} of ${QUEUED_ARTICLES} queued articles`);
    stamps.sort((a, b) => a - b);
    rows.push({
      workers,
      pinned,
      storeArticles,
      articles: stamps.length,
      // Workers report a batch at a time: the rate runs from the first worker ready to take jobs.
      articlesPerSecond: (stamps.length * 1000) / (stamps[stamps.length - 1]! - Math.min(firstTaking, stamps[0]!)),
      wallMs,
      peakRssMB: Math.max(...results.map((r) => r.peakRssMB)),
    });
  }
  return rows;
}

async function benchBackend(backend: Backend, base: readonly Base[], options: Required<Pick<BenchIngestOptions, 'sizes' | 'repeats' | 'build' | 'bulkArticles'>> & { workdir: string; log: (line: string) => void }): Promise<BackendReport> {
  const { sizes, repeats, build, bulkArticles, workdir, log } = options;
  const builder: Builder = { kb: new KnowledgeBase(), inGraph: 0 };
  const emptySpec = await backend.create('empty-size');
  const emptyBytes = await backend.bytes(emptySpec);
  const stores: Array<{ spec: string; row: StoreRow }> = [];
  for (const size of sizes) {
    builder.last = size === sizes[sizes.length - 1];
    const { spec, row } = await buildStore(backend, base, size, build, builder, log);
    const bytes = await backend.bytes(spec);
    log(`  ${backend.name} ${size}: queries ...`);
    const { counts, queries } = await measureQueries(backend, spec);
    stores.push({ spec, row: { ...row, ...counts, bytes, emptyBytes, queries } });
  }
  // The graph in memory is no longer needed: let the child processes have the machine.
  builder.kb = new KnowledgeBase();

  const bases = pickNewArticleBases(base, repeats);
  const articlesDir = join(workdir, 'new-articles');
  mkdirSync(articlesDir, { recursive: true });
  let copy = NEW_ARTICLE_COPIES + (backend.name === 'PostgreSQL' ? 500_000 : 0);
  const newArticle = (b: number): string => {
    const original = base[b]!.article;
    const file = join(articlesDir, `${original.file?.replace(/\.txt$/, '') ?? `text${b}`}-copy${++copy}.txt`);
    writeFileSync(file, copyText(original.text, copy));
    return file;
  };
  const inProcessAdd = async (spec: string, b: number): Promise<number> => {
    const { article, extraction } = replica(base, b, ++copy);
    const store = await openStore(spec);
    try {
      const t0 = performance.now();
      await store.addArticle(article, extraction);
      return performance.now() - t0;
    } finally {
      await store.close();
    }
  };

  log(`  ${backend.name}: kg ingest of one new article (warm-up run) ...`);
  const warm = await backend.create('warm-up');
  await runKgIngest(newArticle(bases[0]!), warm, workdir, 'warm-up');
  const targets = [{ articles: 0, specs: [] as string[] }, ...stores.map((s) => ({ articles: s.row.articles, specs: [s.spec] }))];
  const runs = new Map<number, CommandRun[]>(targets.map((t) => [t.articles, []]));
  const startup: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const b = bases[r]!;
    // Interleaved: a slow moment of a shared machine hits every size alike.
    for (const target of targets) {
      const spec = target.articles === 0 ? await backend.create(`empty${r}`) : target.specs[0]!;
      const file = newArticle(b);
      log(`  ${backend.name}: kg ingest ${file.split('/').pop()} --graph <${target.articles === 0 ? 'empty store' : `${target.articles} articles`}> (run ${r + 1}/${repeats})`);
      const child = await runKgIngest(file, spec, workdir, `${target.articles}-${r}`);
      if (!/^1 article\(s\) added/m.test(child.stdout)) throw new KgError('bench', `kg ingest did not add the new article: ${child.stdout.trim().split('\n').pop() ?? ''}`);
      const run: CommandRun = { wallMs: child.wallMs, peakRssMB: child.peakRssMB, inProcessAddMs: await inProcessAdd(spec, b) };
      if (child.launcherRssMB !== undefined) run.launcherRssMB = child.launcherRssMB;
      runs.get(target.articles)!.push(run);
      if (target.articles === 0) {
        // The same file again: already in the store, so start-up, parsing and opening the store only.
        startup.push((await runKgIngest(file, spec, workdir, `skip-${r}`)).wallMs);
      }
    }
  }
  const bulk = await benchBulk(backend, base, options.bulkArticles, workdir, log, () => ++copy);
  let workers: WorkerRow[] | undefined;
  if (backend.copy && stores.length > 0) workers = await benchWorkers(backend, stores[0]!.spec, stores[0]!.row.articles, base, workdir, log, () => ++copy);
  const emptyWall = median(runs.get(0)!.map((x) => x.wallMs));
  const command: CommandRow[] = targets.map((t) => {
    const list = runs.get(t.articles)!;
    const wall = median(list.map((x) => x.wallMs));
    return { articles: t.articles, runs: list, medianWallMs: wall, medianRssMB: median(list.map((x) => x.peakRssMB)), medianAddMs: median(list.map((x) => x.inProcessAddMs)), ratio: wall / emptyWall };
  });
  return {
    backend: backend.name,
    location: backend.location,
    stores: stores.map((s) => s.row),
    command,
    startupMs: median(startup),
    newArticles: bases.map((b) => ({ file: base[b]!.article.file ?? '', mentions: base[b]!.extraction.entities.length, chars: base[b]!.article.text.length })),
    ...(workers ? { workers } : {}),
    bulk,
  };
}

/** `kg ingest DIR` of BULK_ARTICLES unseen texts into an empty store, pinned to one core when taskset is there. */
async function benchBulk(backend: Backend, base: readonly Base[], count: number, workdir: string, log: (line: string) => void, nextCopy: () => number): Promise<BulkRow> {
  const runs: BulkRun[] = [];
  const pinnable = existsSync('/usr/bin/taskset');
  for (const oneCore of pinnable ? [true, false] : [false]) {
    // New texts for each run: nothing the process has seen before.
    const dir = join(workdir, `bulk-${backend.name}-${oneCore ? 'one' : 'all'}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < count; i++) {
      const original = base[(i * 11) % base.length]!.article;
      writeFileSync(join(dir, `bulk${String(i).padStart(4, '0')}.txt`), copyText(original.text, nextCopy()));
    }
    const spec = await backend.create(`bulk-${oneCore ? 'one' : 'all'}`);
    log(`  ${backend.name}: kg ingest of ${count} new articles into an empty store, ${oneCore ? 'on one core' : `on ${cpus().length} cores`} ...`);
    const args = ['ingest', dir, '--graph', spec, '--jobs', oneCore ? '1' : 'auto'];
    const child = await runKg(args, workdir, `bulk-${backend.name}-${oneCore}`, undefined, { oneCore });
    if (!new RegExp(`^${count} article\\(s\\) added`, 'm').test(child.stdout)) throw new KgError('bench', `the bulk kg ingest did not add ${count} articles: ${child.stdout.trim().split('\n').pop() ?? ''}`);
    runs.push({ oneCore, wallMs: child.wallMs, articlesPerSecond: (count * 1000) / child.wallMs, peakRssMB: child.peakRssMB });
  }
  return { articles: count, runs };
}

export async function benchIngest(options: BenchIngestOptions = {}): Promise<BenchIngestReport> {
  const sizes = [...new Set(options.sizes ?? DEFAULT_BENCH_SIZES)].sort((a, b) => a - b);
  const repeats = options.repeats ?? DEFAULT_REPEATS;
  const build = options.build ?? 'import';
  const bulkArticles = options.bulkArticles ?? BULK_ARTICLES;
  const log = options.log ?? (() => {});
  const workdir = options.workdir ? resolve(options.workdir) : mkdtempSync(join(tmpdir(), 'kg-bench-ingest-'));
  mkdirSync(workdir, { recursive: true });
  const keep = options.keep ?? options.workdir !== undefined;
  try {
    log(`bench-ingest: extracting the base texts in ${options.dir ?? DEFAULT_FACTRU_DIR} ...`);
    const { base, extractMeanMs } = await loadBase(options.dir ?? DEFAULT_FACTRU_DIR, options.baseLimit);
    const backends: BackendReport[] = [];
    if (options.sqlite ?? true) backends.push(await benchBackend(sqliteBackend(workdir), base, { sizes, repeats, build, bulkArticles, workdir, log }));
    if (options.postgres) {
      const postgres = await postgresBackend(options.postgres);
      try {
        backends.push(await benchBackend(postgres, base, { sizes, repeats, build, bulkArticles, workdir, log }));
      } finally {
        await postgres.cleanup(keep);
      }
    }
    return { baseTexts: base.length, extractMeanMs, build, repeats, backends, node: process.version, cpus: cpus().length };
  } finally {
    if (!keep) rmSync(workdir, { recursive: true, force: true });
  }
}

// --- The report ---

const MB = 2 ** 20;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

const n0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

export function formatBenchIngest(report: BenchIngestReport): string {
  const out: string[] = [
    `kg bench-ingest: ${report.baseTexts} factRuEval dev texts replicated (each copy + a line "Копия N.", so a new article id); Node ${report.node}, ${report.cpus} CPUs`,
    `extraction (outside the store, warm process): ${f1(report.extractMeanMs)} ms/article`,
  ];
  for (const b of report.backends) {
    out.push('', `== ${b.backend} (${b.location}) ==`, '');
    out.push(
      report.build === 'import'
        ? `Building: the first N-${ADDED_ONE_BY_ONE} articles resolved in memory and written with store.importFile (+ their texts); the last ${ADDED_ONE_BY_ONE} through store.addArticle one by one, timed: the ingest rate at that size.`
        : 'Building: every article through store.addArticle one by one; rate over the last 50.',
    );
    out.push(
      ...table(
        ['articles', 'entities', 'mentions', 'relations', 'addArticle ms (median/mean)', 'articles/s excl./incl. extraction', 'import s', 'store MB', 'MB per 1,000 articles'],
        b.stores.map((s) => [
          n0(s.articles),
          n0(s.entities),
          n0(s.mentions),
          n0(s.relations),
          `${f1(s.addMedianMs)} / ${f1(s.addMeanMs)}`,
          `${f1(1000 / s.addMeanMs)} / ${f1(1000 / (s.addMeanMs + report.extractMeanMs))}`,
          s.imported > 0 ? `${f1(s.importMs / 1000)} (${n0(s.imported / (s.importMs / 1000))}/s)` : '-',
          f1(s.bytes / MB),
          f2(((s.bytes - s.emptyBytes) / MB / s.articles) * 1000),
        ]),
      ),
    );
    out.push(
      '',
      'Queries (median ms): a key look-up; an entity with its mentions and their sentences; the working set loading the most mentioned entity as an ingest does (names and counts), with all its mentions (merge, split, remove), and its edges with their evidence',
    );
    out.push(
      ...table(
        ['articles', 'key look-up', 'median entity + evidence', 'hub + evidence', 'hub load (ingest)', 'hub load (full)', 'hub edges load', 'hub (mentions, edges)'],
        b.stores.map((s) => [
          n0(s.articles),
          f2(s.queries.keyLookupMs),
          `${f2(s.queries.medianEntityWithEvidenceMs)} (${s.queries.median.mentions})`,
          f1(s.queries.hubWithEvidenceMs),
          f1(s.queries.hubNodeLoadMs),
          f1(s.queries.hubFullLoadMs),
          f1(s.queries.hubEdgesLoadMs),
          `${s.queries.hub.label} (${n0(s.queries.hub.mentions)}, ${n0(s.queries.hub.edges)})`,
        ]),
      ),
    );
    out.push(
      '',
      `One new article, the whole command: kg ingest FILE --graph STORE as a child process (median of ${report.repeats}: ${b.newArticles.map((a) => `${a.file} ${a.mentions} mentions`).join(', ')})`,
    );
    out.push(
      ...table(
        ['store', 'wall s', `x empty (target <= ${TARGET_RATIO} at 10,000)`, `peak RSS MB (target <= ${TARGET_RSS_MB})`, 'of it addArticle ms (in-process)'],
        b.command.map((c) => [
          c.articles === 0 ? 'empty' : n0(c.articles),
          f2(c.medianWallMs / 1000),
          `${f2(c.ratio)}${c.articles === 10_000 ? (c.ratio <= TARGET_RATIO ? ' ok' : ' MISSED') : ''}`,
          `${n0(c.medianRssMB)}${c.medianRssMB <= TARGET_RSS_MB ? ' ok' : ' MISSED'}`,
          f1(c.medianAddMs),
        ]),
      ),
    );
    if (b.bulk) {
      out.push('', `Bulk: kg ingest DIR of ${b.bulk.articles} new articles into an empty store, the whole command (start-up, reading, extraction, store)`);
      out.push(
        ...table(
          ['run', 'wall s', `articles/s (target >= ${TARGET_BULK_RATE} on one core)`, 'peak RSS MB'],
          b.bulk.runs.map((r) => [
            r.oneCore ? 'one core (taskset -c 0, --jobs 1)' : `all ${report.cpus} cores (--jobs auto)`,
            f1(r.wallMs / 1000),
            `${f1(r.articlesPerSecond)}${r.oneCore ? (r.articlesPerSecond >= TARGET_BULK_RATE ? ' ok' : ' MISSED') : ''}`,
            n0(r.peakRssMB),
          ]),
        ),
      );
    }
    for (const pinned of [false, true]) {
      const rows = b.workers?.filter((w) => (w.pinned ?? false) === pinned) ?? [];
      if (rows.length === 0) continue;
      const one = rows[0]!.articlesPerSecond;
      out.push(
        '',
        pinned
          ? `The same, each worker pinned to one core (worker i on core i mod ${report.cpus}): a worker stands for one core of a worker machine, its V8 helper threads included`
          : `Queue: ${QUEUED_ARTICLES} articles queued, then N kg worker --drain processes at once on a copy of the ${n0(rows[0]!.storeArticles)}-article store (extraction in parallel, adding under the one write lock), scheduled freely`,
      );
      out.push(
        ...table(
          ['workers', 'articles/s', `x one worker (target >= ${TARGET_WORKER_SCALING} for 2)`, 'wall s (with start-up)', 'peak RSS MB per worker'],
          rows.map((w) => [
            String(w.workers),
            f1(w.articlesPerSecond),
            `${f2(w.articlesPerSecond / one)}${w.workers === 2 ? (w.articlesPerSecond / one >= TARGET_WORKER_SCALING ? ' ok' : ' MISSED') : ''}`,
            f1(w.wallMs / 1000),
            n0(w.peakRssMB),
          ]),
        ),
      );
    }
    const launcher = b.command.flatMap((c) => c.runs.map((r) => r.launcherRssMB ?? Number.NaN)).filter(Number.isFinite);
    out.push(
      `(start-up, parsing and opening the store, no extraction: kg ingest of an article already in the store, ${f2(b.startupMs / 1000)} s;` +
        ` peak RSS is the kg process's${launcher.length ? `, bin/kg.mjs's launcher adds ${n0(median(launcher))} MB` : ''})`,
    );
  }
  return out.join('\n');
}

export function parseSizes(value: string): number[] {
  const sizes = value.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new InputError('bench', `--sizes must be positive integers, got ${JSON.stringify(value)}`);
  return sizes;
}

export function registerBenchIngestCommand(program: Command): void {
  program
    .command('bench-ingest')
    .description('time one `kg ingest` into stores of 1,000 and 10,000 articles against an empty store; ingest rate, store size, query times')
    .option('--sizes <list>', 'comma-separated store sizes in articles; 100000 takes long (about 40 minutes on 2 cores) and about 10 GB of memory: give NODE_OPTIONS=--max-old-space-size=12000', (v) => v, DEFAULT_BENCH_SIZES.join(','))
    .option('--repeats <n>', 'kg ingest runs per store, each with another new article', String(DEFAULT_REPEATS))
    .option('--postgres <url>', `also bench PostgreSQL, and kg worker throughput for ${WORKER_COUNTS.join(', ')} workers: the bench creates databases next to this one (kg_bench_<pid>_*) and drops them at the end`)
    .option('--no-sqlite', 'with --postgres: bench PostgreSQL only')
    .option('--build <mode>', 'import: all but the last 50 articles of a store go in as one graph (fast); add: every article through store.addArticle (slower: tens of ms per article)', 'import')
    .option('--bulk <n>', 'new articles in the bulk run (kg ingest DIR into an empty store, on one core)', String(BULK_ARTICLES))
    .option('--dir <dir>', 'directory with the base texts (*.txt)', DEFAULT_FACTRU_DIR)
    .option('--workdir <dir>', 'where the SQLite stores and article files go (kept); default a temporary directory, removed at the end')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `\nTargets: one article into a 10,000-article store takes at most ${TARGET_RATIO} x the time into an empty one, in at most ${TARGET_RSS_MB} MB peak RSS;\nbulk ingest at least ${TARGET_BULK_RATE} articles/s on one core; 2 workers at least ${TARGET_WORKER_SCALING} x one.\nThe default run (1,000 and 10,000) takes about 4 minutes on 2 busy cores, about 6 with --postgres.\n`,
    )
    .action(
      action(async (flags: { sizes: string; repeats: string; bulk: string; postgres?: string; sqlite: boolean; build: string; dir: string; workdir?: string; json?: boolean }) => {
        if (!flags.sqlite && !flags.postgres) throw new InputError('bench', '--no-sqlite needs --postgres <url>');
        const sizes = parseSizes(flags.sizes);
        const repeats = Number(flags.repeats);
        if (!Number.isInteger(repeats) || repeats < 1) throw new InputError('bench', '--repeats must be a positive integer');
        const bulkArticles = Number(flags.bulk);
        if (!Number.isInteger(bulkArticles) || bulkArticles < 1) throw new InputError('bench', '--bulk must be a positive integer');
        if (flags.build !== 'import' && flags.build !== 'add') throw new InputError('bench', '--build must be import or add');
        const report = await benchIngest({
          sizes,
          repeats,
          build: flags.build,
          bulkArticles,
          dir: flags.dir,
          ...(flags.postgres ? { postgres: flags.postgres } : {}),
          sqlite: flags.sqlite,
          ...(flags.workdir ? { workdir: flags.workdir } : {}),
          log: (line) => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchIngest(report)}\n`);
      }),
    );
}
