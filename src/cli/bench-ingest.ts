/**
 * `kg bench-ingest`: how ingest time and memory grow with the graph. Articles
 * are the factRuEval dev texts (122 real news texts), replicated with new ids
 * for the larger sizes. Extraction is done once per text and not counted: this
 * measures the graph side (resolution, merge, indices, save).
 *
 * While the extractor finds nothing (the placeholder), the factRuEval gold
 * mentions (people, organisations, places with their real offsets) stand in for
 * its output; the report says which source was used.
 */
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import type { ParsedArticle } from '../model/article';
import type { EntityMention, ExtractionResult } from '../model/extraction';
import type { EntityType } from '../model/vocabulary';
import { detectLanguage } from '../extract/language';
import { loadFactRuDirectory, type FactRuDocument } from '../eval/factru';
import { DEFAULT_FACTRU_DIR } from '../eval/cli';
import { KnowledgeBase } from '../graph/knowledge-base';
import { serializeGraphFile } from '../graph/serialize';
import { parseGraphFileText } from '../model/validate';
import { articleId } from '../ingest/sha256';
import { extractArticle } from '../ingest/extract-article';
import { InputError } from '../model/errors';
import { action } from './errors';
import { loadExtractor } from './extractor';

export const DEFAULT_BENCH_SIZES = [100, 1_000, 10_000];

interface BaseArticle {
  article: ParsedArticle;
  extraction: ExtractionResult;
}

export interface BenchRow {
  articles: number;
  entities: number;
  relations: number;
  /** Wall time of adding all articles, ms. */
  ingestMs: number;
  /** Mean time to add one article over the last tenth of the run, ms. */
  lastTenthMsPerArticle: number;
  /** Heap used by the graph after the run (after a GC when --expose-gc is on), MB. */
  heapMB: number;
  /** Serialising the whole file, ms, and its size, MB. */
  saveMs: number;
  fileMB: number;
  /** Loading that file (parse, validate, build indices), ms. */
  loadMs: number;
  /** Adding one more article to the loaded graph, ms. */
  addOneMs: number;
}

export interface BenchReport {
  source: 'extractor' | 'factRuEval gold mentions';
  baseTexts: number;
  rows: BenchRow[];
}

const GOLD_TYPES: Record<string, EntityType> = { Person: 'PERSON', Org: 'ORGANIZATION', Location: 'LOCATION', LocOrg: 'LOCATION' };

/** factRuEval gold objects as an extraction result (the stand-in for the placeholder extractor). */
export function goldExtraction(doc: FactRuDocument): ExtractionResult {
  const entities: EntityMention[] = [];
  for (const object of doc.objects) {
    const type = GOLD_TYPES[object.type];
    if (!type || object.end <= object.start) continue;
    const text = doc.text.slice(object.start, object.end);
    entities.push({ start: object.start, end: object.end, type, text, norm: text.replace(/\s+/g, ' ') });
  }
  entities.sort((a, b) => a.start - b.start || a.end - b.end);
  const sentences: Array<[number, number]> = [];
  for (const token of doc.tokens) {
    const current = sentences[token.sentence];
    if (current) current[1] = Math.max(current[1], token.end);
    else sentences[token.sentence] = [token.start, token.end];
  }
  return { lang: 'ru', entities, relations: [], sentences: sentences.filter(Boolean) };
}

async function baseArticles(dir: string): Promise<{ base: BaseArticle[]; source: BenchReport['source'] }> {
  const dataset = await loadFactRuDirectory(dir);
  const extractor = await loadExtractor();
  const articles = dataset.documents.map((doc) => {
    const article: ParsedArticle = { id: articleId(doc.text), title: doc.text.split('\n')[0]!.slice(0, 120), text: doc.text, bodyStart: 0, lang: detectLanguage(doc.text), file: `book_${doc.id}.txt` };
    return { doc, article };
  });
  const extracted = articles.map(({ article }) => extractArticle(extractor, article));
  if (extracted.some((r) => r.entities.length > 0)) {
    return { base: articles.map(({ article }, i) => ({ article, extraction: extracted[i]! })), source: 'extractor' };
  }
  return { base: articles.map(({ doc, article }) => ({ article, extraction: goldExtraction(doc) })), source: 'factRuEval gold mentions' };
}

function replica(base: BaseArticle[], i: number): BaseArticle {
  const original = base[i % base.length]!;
  const copy = Math.floor(i / base.length);
  if (copy === 0) return original;
  return { article: { ...original.article, id: `${original.article.id}r${copy}` }, extraction: original.extraction };
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

export async function benchIngest(sizes: readonly number[] = DEFAULT_BENCH_SIZES, dir = DEFAULT_FACTRU_DIR, log: (line: string) => void = () => {}): Promise<BenchReport> {
  const { base, source } = await baseArticles(dir);
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    log(`bench-ingest: ${size} articles ...`);
    const kb = new KnowledgeBase();
    const tenth = Math.max(1, Math.floor(size / 10));
    let lastTenth = 0;
    const start = performance.now();
    for (let i = 0; i < size; i++) {
      const { article, extraction } = replica(base, i);
      const t0 = performance.now();
      kb.addArticle(article, extraction);
      if (i >= size - tenth) lastTenth += performance.now() - t0;
    }
    const ingestMs = performance.now() - start;
    const heap = heapMB(); // the graph alone, before its serialisation and a reloaded copy exist
    const t1 = performance.now();
    const text = serializeGraphFile(kb.toFile());
    const saveMs = performance.now() - t1;
    const t2 = performance.now();
    const loaded = KnowledgeBase.fromFile(parseGraphFileText(text, 'bench graph'));
    const loadMs = performance.now() - t2;
    const extra = replica(base, size);
    const one = { ...extra, article: { ...extra.article, id: `${extra.article.id}x` } };
    const t3 = performance.now();
    loaded.addArticle(one.article, one.extraction);
    const addOneMs = performance.now() - t3;
    rows.push({
      articles: size,
      entities: kb.graph.order,
      relations: kb.graph.size,
      ingestMs,
      lastTenthMsPerArticle: lastTenth / tenth,
      heapMB: heap,
      saveMs,
      fileMB: Buffer.byteLength(text) / 2 ** 20,
      loadMs,
      addOneMs,
    });
  }
  return { source, baseTexts: base.length, rows };
}

export function formatBenchIngest(report: BenchReport): string {
  const f = (n: number, digits = 1) => n.toFixed(digits);
  const lines = [
    `ingest benchmark: ${report.baseTexts} factRuEval dev texts replicated with new ids; entities from: ${report.source}`,
    'articles  entities  relations  ingest ms  ms/article(last 10%)  heap MB  save ms  file MB  load ms  add-one ms',
  ];
  for (const r of report.rows) {
    lines.push(
      [
        String(r.articles).padStart(8),
        String(r.entities).padStart(9),
        String(r.relations).padStart(10),
        f(r.ingestMs, 0).padStart(10),
        f(r.lastTenthMsPerArticle, 2).padStart(21),
        f(r.heapMB).padStart(8),
        f(r.saveMs, 0).padStart(8),
        f(r.fileMB).padStart(8),
        f(r.loadMs, 0).padStart(8),
        f(r.addOneMs, 2).padStart(11),
      ].join(' '),
    );
  }
  for (let i = 1; i < report.rows.length; i++) {
    const a = report.rows[i - 1]!;
    const b = report.rows[i]!;
    const n = b.articles / a.articles;
    lines.push(
      `x${f(n, 0)} articles (${a.articles} -> ${b.articles}): ingest time x${f(b.ingestMs / a.ingestMs)}, per-article time x${f(b.lastTenthMsPerArticle / a.lastTenthMsPerArticle)}, heap x${f(b.heapMB / a.heapMB)}, file x${f(b.fileMB / a.fileMB)}, add-one x${f(b.addOneMs / Math.max(a.addOneMs, 1e-3))}`,
    );
  }
  lines.push('(linear growth = ingest, heap and file grow like the article count while the per-article and add-one times stay flat)');
  return lines.join('\n');
}

export function registerBenchIngestCommand(program: Command): void {
  program
    .command('bench-ingest')
    .description('measure ingest time and memory for growing graphs (default 100, 1,000 and 10,000 articles)')
    .option('--sizes <list>', 'comma-separated article counts', (v) => v.split(',').map((s) => Number.parseInt(s.trim(), 10)), DEFAULT_BENCH_SIZES)
    .option('--dir <dir>', 'factRuEval-format directory with the base texts', DEFAULT_FACTRU_DIR)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nRun with node --expose-gc (NODE_OPTIONS=--expose-gc) for heap numbers after a full GC.\n')
    .action(
      action(async (flags: { sizes: number[]; dir: string; json?: boolean }) => {
        if (flags.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new InputError('bench', '--sizes must be positive integers');
        const report = await benchIngest(flags.sizes, flags.dir, (line) => process.stderr.write(`${line}\n`));
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchIngest(report)}\n`);
      }),
    );
}
