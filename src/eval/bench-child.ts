/**
 * The process `kg bench` measures (spawned by src/eval/bench.ts): it reads the document
 * files of a factRuEval directory (not the gold files), imports and creates the
 * extractor with Node resources as `kg extract` does, and then, on this one thread:
 *  - the cold pass, the headline: every document once, parsed and extracted as
 *    `kg extract` does it (src/eval/bench-pass.ts), in a process that has never seen
 *    these texts, so every morphology look-up, cache and JIT-compiled path starts empty;
 *  - `repeat` warm passes over the same documents: caches full, code optimised; the
 *    speed of a long-running process on text it has seen, reported beside the headline.
 * It prints one JSON line (BenchChildResult) on stdout. Its peak RSS is therefore what
 * loading the extractor and extracting the texts costs, on top of Node itself, and
 * nothing else (no scorer, no CLI, no gold data).
 *
 * With --baseline it only reads the files and reports its memory: the same runtime
 * without the extractor, printed beside the peak for context.
 *
 * Usage: bench-child --dir DIR [--limit N] [--repeat N] [--baseline]
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import type { ResourceKind } from '../extract/resources';
import { nodeResources } from '../node/resources';
import { articlePass } from './bench-pass';
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
  /** Seconds of the first pass over all documents in a fresh process (the headline; 0 with --baseline). */
  coldSeconds: number;
  /** CPU seconds of the cold pass, every thread of the process (see PassResult.cpuSeconds). */
  coldCpuSeconds: number;
  /** Seconds of each later pass over the same documents (caches full, code optimised). */
  warmPasses: number[];
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

/** The document files' bytes, sorted by id (decoding is part of what is timed, as in kg extract). */
async function readDocumentFiles(dir: string, limit?: number): Promise<Uint8Array[]> {
  let ids = await listDocumentIds(dir);
  if (ids.length === 0) throw new Error(`${dir}: no factRuEval documents (book_<id>.txt) found`);
  if (limit !== undefined) ids = ids.slice(0, limit);
  return Promise.all(ids.map((id) => readFile(join(dir, `book_${id}.txt`))));
}

/** Characters once decoded as UTF-8 with the BOM stripped (what the baseline reports without parsing). */
const decodedLength = (bytes: Uint8Array) => new TextDecoder('utf-8').decode(bytes).length;

const rssMB = () => process.memoryUsage().rss / MB;

async function main(): Promise<BenchChildResult> {
  const args = parseArgs(process.argv.slice(2));
  const files = await readDocumentFiles(args.dir, args.limit);
  const characters = files.reduce((sum, f) => sum + decodedLength(f), 0);
  const loaded = new Set<string>();
  const result: BenchChildResult = {
    kind: 'kg-bench-child',
    baseline: args.baseline,
    documents: files.length,
    characters,
    moduleLoadSeconds: 0,
    startupSeconds: 0,
    coldSeconds: 0,
    coldCpuSeconds: 0,
    warmPasses: [],
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
    // As kg extract loads it: the English pipeline only on the first English article.
    const extractor = await createExtractor(resources, { english: false });
    result.startupSeconds = (performance.now() - startupStarted) / 1000;
    result.memory.rssAfterStartupMB = rssMB();

    const cold = await articlePass(extractor, files);
    result.coldSeconds = cold.seconds;
    result.coldCpuSeconds = cold.cpuSeconds;
    result.characters = cold.characters;
    process.stderr.write(`cold pass: ${cold.seconds.toFixed(3)} s (CPU ${cold.cpuSeconds.toFixed(3)} s, all threads)\n`);
    for (let i = 0; i < args.repeat; i++) {
      result.warmPasses.push((await articlePass(extractor, files)).seconds);
      process.stderr.write(`warm pass ${i + 1}/${args.repeat}: ${result.warmPasses[i]!.toFixed(3)} s\n`);
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
