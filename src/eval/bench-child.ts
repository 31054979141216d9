/**
 * The process `kg bench` measures (spawned by src/eval/bench.ts): it reads the document
 * texts of a factRuEval directory (not the gold files), imports and creates the
 * extractor with Node resources, extracts every text once to warm up and then `repeat`
 * timed times on this one thread, and prints one JSON line (BenchChildResult) on stdout.
 * Its peak RSS is therefore what loading the extractor and extracting the texts costs,
 * on top of Node itself, and nothing else (no scorer, no CLI, no gold data).
 *
 * With --baseline it only reads the texts and reports its memory: the same runtime
 * without the extractor, printed beside the peak for context.
 *
 * Usage: bench-child --dir DIR [--limit N] [--repeat N] [--baseline]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { ResourceKind } from '../extract/resources';
import { nodeResources } from '../node/resources';
import { listDocumentIds } from './factru';

export interface BenchChildMemory {
  /** Peak resident set size of this process (resourceUsage().maxRSS), MB. */
  peakRssMB: number;
  /** RSS after the texts were read and the extractor's modules imported, before createExtractor, MB. */
  rssBeforeStartupMB: number;
  /** RSS right after createExtractor, MB. */
  rssAfterStartupMB: number;
  /** V8 heap at the end of the run: live and garbage not yet collected (used), and committed (total), MB. */
  heapUsedMB: number;
  heapTotalMB: number;
  /** ArrayBuffers (the az dictionaries, the model's typed arrays) at the end, MB. */
  arrayBuffersMB: number;
}

export interface BenchChildResult {
  kind: 'kg-bench-child';
  baseline: boolean;
  documents: number;
  characters: number;
  moduleLoadSeconds: number;
  startupSeconds: number;
  warmupSeconds: number;
  /** Seconds of each timed pass over all texts. */
  passes: number[];
  /** Resource names the extractor loaded, sorted. */
  loaded: string[];
  memory: BenchChildMemory;
  /** How this process was run (node version, flags, runtime), for the report. */
  runtime: { node: string; execArgv: string[] };
}

const MB = 1024 * 1024;

function parseArgs(argv: readonly string[]): { dir: string; limit?: number; repeat: number; baseline: boolean } {
  let dir: string | undefined;
  let limit: number | undefined;
  let repeat = 5;
  let baseline = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`bench-child: ${arg} needs a value`);
      return v;
    };
    const count = (): number => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`bench-child: ${arg} must be an integer >= 1, got ${v}`);
      return Number(v);
    };
    if (arg === '--dir') dir = value();
    else if (arg === '--limit') limit = count();
    else if (arg === '--repeat') repeat = count();
    else if (arg === '--baseline') baseline = true;
    else throw new Error(`bench-child: unknown argument ${arg}`);
  }
  if (dir === undefined) throw new Error('bench-child: --dir is required');
  return { dir, ...(limit === undefined ? {} : { limit }), repeat, baseline };
}

/** The texts exactly as the factRuEval loader reads them (UTF-8, BOM stripped), sorted by id. */
async function readDocumentTexts(dir: string, limit?: number): Promise<string[]> {
  let ids = await listDocumentIds(dir);
  if (ids.length === 0) throw new Error(`${dir}: no factRuEval documents (book_<id>.txt) found`);
  if (limit !== undefined) ids = ids.slice(0, limit);
  return Promise.all(ids.map(async (id) => (await readFile(join(dir, `book_${id}.txt`), 'utf8')).replace(/^\uFEFF/, '')));
}

const rssMB = () => process.memoryUsage().rss / MB;

async function main(): Promise<BenchChildResult> {
  const args = parseArgs(process.argv.slice(2));
  const texts = await readDocumentTexts(args.dir, args.limit);
  const characters = texts.reduce((sum, t) => sum + t.length, 0);
  const loaded = new Set<string>();
  const result: BenchChildResult = {
    kind: 'kg-bench-child',
    baseline: args.baseline,
    documents: texts.length,
    characters,
    moduleLoadSeconds: 0,
    startupSeconds: 0,
    warmupSeconds: 0,
    passes: [],
    loaded: [],
    memory: { peakRssMB: 0, rssBeforeStartupMB: 0, rssAfterStartupMB: 0, heapUsedMB: 0, heapTotalMB: 0, arrayBuffersMB: 0 },
    runtime: { node: process.version, execArgv: process.execArgv },
  };

  if (!args.baseline) {
    const importStarted = performance.now();
    const { createExtractor } = await import('../extract/index');
    result.moduleLoadSeconds = (performance.now() - importStarted) / 1000;
    result.memory.rssBeforeStartupMB = rssMB();

    const inner = nodeResources();
    const resources = {
      load(name: string, kind: ResourceKind) {
        loaded.add(name);
        return inner.load(name, kind);
      },
    };
    const startupStarted = performance.now();
    // Russian texts only: the English pipeline is never needed, so never loaded (as in the page).
    const extractor = await createExtractor(resources, { english: false });
    result.startupSeconds = (performance.now() - startupStarted) / 1000;
    result.memory.rssAfterStartupMB = rssMB();

    const pass = (): number => {
      const started = performance.now();
      for (const text of texts) extractor.extract(text, { lang: 'ru' });
      return (performance.now() - started) / 1000;
    };
    result.warmupSeconds = pass();
    for (let i = 0; i < args.repeat; i++) {
      result.passes.push(pass());
      process.stderr.write(`pass ${i + 1}/${args.repeat}: ${result.passes[i]!.toFixed(3)} s\n`);
    }
  } else {
    result.memory.rssBeforeStartupMB = rssMB();
    result.memory.rssAfterStartupMB = result.memory.rssBeforeStartupMB;
  }

  const heap = getHeapStatistics();
  const usage = process.memoryUsage();
  result.loaded = [...loaded].sort();
  result.memory.peakRssMB = process.resourceUsage().maxRSS / 1024; // kilobytes
  result.memory.heapUsedMB = heap.used_heap_size / MB;
  result.memory.heapTotalMB = heap.total_heap_size / MB;
  result.memory.arrayBuffersMB = usage.arrayBuffers / MB;
  return result;
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
