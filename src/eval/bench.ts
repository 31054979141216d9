/**
 * `kg bench` for extraction: how fast, how heavy and how big the extractor is.
 * Numbers only; nothing here asserts a speed (the machine is shared and noisy).
 *
 * The headline speed is one cold pass: a fresh process that has just loaded the
 * extractor parses and extracts each document once, exactly as `kg extract` does
 * (src/eval/bench-pass.ts: parseArticle + extractArticle, so within-article resolution
 * included), with every cache empty and no text seen before. That is what a user
 * running `kg extract` or `kg ingest` on new articles gets. Warm passes over the same
 * documents (caches full, code optimised) are reported beside it, labelled warm: they
 * say how fast a long-running process gets, not how fast new articles go.
 *
 * Speed and memory are measured in a child process (src/eval/bench-child.ts) that does
 * nothing but load the extractor and extract the texts, so its peak RSS is the
 * extractor's plus Node's own, not this CLI's (commander, the factRuEval reader) or
 * tsx's. The child runs on plain `node` from an esbuild bundle of bench-child.ts and
 * the modules it imports, as the browser runs a bundle; when esbuild cannot be loaded it
 * runs through tsx instead, and the report says which. It runs with KG_NODE_FLAGS, the
 * Node flags bin/kg.mjs gives every kg command. The same child with --baseline (read the
 * texts, load nothing) gives the runtime's own RSS for context. The headline peak memory
 * is the whole child's peak RSS: nothing is subtracted.
 */
import { nodeBundleOptions } from '../../bin/cli-bundle.mjs';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchChildResult } from './bench-child';
import { articlePass } from './bench-pass';
import type { Extractor } from '../extract/index';
import type { ExtractorResources, ResourceKind } from '../extract/resources';
import { AZ_DICTS_DIR, LEXICONS_DIR, PROJECT_ROOT, nodeResources, resolveResourcePath } from '../node/resources';
import { InputError } from '../model/errors';
import { loadFactRuDirectory } from './factru';
import { BENCH_TARGETS, type BenchReport, type BenchRun } from './report';

export const DEFAULT_BENCH_REPEAT = 5;
export const MODELS_DIR = join(PROJECT_ROOT, 'graph-data', 'models');

export interface BenchOptions {
  dir: string;
  /** Warm passes over all documents after the cold one. */
  repeat?: number;
  limit?: number;
  /** Defaults to the project's createExtractor, imported (and timed) on first use. */
  createExtractor?: (resources: ExtractorResources) => Promise<Extractor>;
  /** Defaults to nodeResources(). */
  resources?: ExtractorResources;
  onProgress?: (message: string) => void;
}

/** Wraps a loader to remember every resource name it was asked for. */
export function recordingResources(inner: ExtractorResources): { resources: ExtractorResources; loaded: Set<string> } {
  const loaded = new Set<string>();
  return {
    loaded,
    resources: {
      load(name: string, kind: ResourceKind) {
        loaded.add(name);
        return inner.load(name, kind);
      },
    },
  };
}

/** Total bytes of the regular files under `path` (0 and exists=false when absent). */
export async function directorySize(path: string): Promise<{ bytes: number; exists: boolean }> {
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { bytes: 0, exists: false };
    throw error;
  }
  let bytes = 0;
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) bytes += (await directorySize(full)).bytes;
    else if (entry.isFile()) bytes += (await stat(full)).size;
  }
  return { bytes, exists: true };
}

async function resourceFileSize(name: string): Promise<number> {
  try {
    return (await stat(resolveResourcePath(name))).size;
  } catch {
    return 0; // a name the Node loader cannot place: nothing on disk to count
  }
}

export function peakRssMB(): number {
  // maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The Node flags every `kg` command runs with (bin/kg.mjs adds them; keep the two lists the
 * same, tests/unit/bench-child.test.ts checks), so the measured child gets them too: a young
 * generation of 3 x 4 MB instead of 3 x 16 MB, one V8 helper thread instead of four (each
 * thread's malloc arena stays resident), and a full GC whenever the old generation has
 * doubled since the last one (V8's own factor goes up to 4). Together about 60 MB less peak
 * RSS on the factRuEval dev set at the same speed (measured with kg bench, see the report).
 */
export const KG_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--v8-pool-size=1', '--heap-growing-percent=100', '--max-inlined-bytecode-size-cumulative=250'];

/** How the measured child process runs. */
export type BenchRuntime = 'node-bundle' | 'tsx';

const CHILD_SOURCE = fileURLToPath(new URL('./bench-child.ts', import.meta.url));

/**
 * Bundles bench-child.ts (and what it imports: the extractor, az, the Node loader) into
 * `outdir` as ES modules; the English pipeline stays in its own chunk, loaded only if
 * imported, as in the browser build. Returns the entry file.
 */
export async function bundleChild(outdir: string): Promise<string> {
  const esbuild = await import('esbuild');
  // Packages bundled too: the child loads one file tree, as a deployed build would.
  await esbuild.build(nodeBundleOptions({ 'bench-child': CHILD_SOURCE }, outdir, { external: false }));
  return join(outdir, 'bench-child.mjs');
}

/** Runs one child to completion: its JSON result, its stderr lines passed to `progress`. */
function runChild(command: string, args: readonly string[], progress: (message: string) => void): Promise<BenchChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) progress(line);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`bench: the measuring process failed (${signal ?? `exit code ${code}`}): ${stderr.trim().split('\n').slice(-5).join('\n')}`));
        return;
      }
      try {
        const result = JSON.parse(stdout.trim().split('\n').pop() ?? '') as BenchChildResult;
        if (result.kind !== 'kg-bench-child') throw new Error('not a bench result');
        resolve(result);
      } catch {
        reject(new Error(`bench: the measuring process printed no result: ${stdout.slice(0, 200)}`));
      }
    });
  });
}

interface Measured {
  runtime: BenchRuntime;
  command: string;
  run: BenchChildResult;
  baseline: BenchChildResult;
}

/** Measures extraction in a fresh child process (and the runtime's baseline in another). */
async function measureInChild(dir: string, repeat: number, limit: number | undefined, progress: (message: string) => void): Promise<Measured> {
  const args = ['--dir', dir, '--repeat', String(repeat), ...(limit === undefined ? [] : ['--limit', String(limit)])];
  const outdir = await mkdtemp(join(tmpdir(), 'kg-bench-'));
  try {
    let runtime: BenchRuntime;
    let argv: string[];
    try {
      argv = [...KG_NODE_FLAGS, await bundleChild(outdir)];
      runtime = 'node-bundle';
    } catch (err) {
      progress(`cannot bundle the measuring process (${(err as Error).message.split('\n')[0]}); running it through tsx`);
      argv = [...KG_NODE_FLAGS, '--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, CHILD_SOURCE];
      runtime = 'tsx';
    }
    const command = `${process.execPath} ${argv.join(' ')}`;
    progress(`measuring in a child process: ${runtime === 'node-bundle' ? 'plain node on an esbuild bundle' : 'node --import tsx'}, ${KG_NODE_FLAGS.join(' ')}`);
    const baseline = await runChild(process.execPath, [...argv, ...args, '--baseline'], progress);
    const run = await runChild(process.execPath, [...argv, ...args], progress);
    return { runtime, command, run, baseline };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

function benchRun(texts: number, characters: number, seconds: number): BenchRun {
  return { seconds, documentsPerSecond: texts / seconds, charactersPerSecond: characters / seconds };
}

function warmSummary(texts: number, characters: number, passes: readonly number[]): BenchReport['warm'] {
  const runs = passes.map((seconds) => benchRun(texts, characters, seconds));
  const docsPerSecond = runs.map((r) => r.documentsPerSecond);
  const charsPerSecond = runs.map((r) => r.charactersPerSecond);
  return {
    runs,
    documentsPerSecond: { median: median(docsPerSecond), best: Math.max(...docsPerSecond) },
    charactersPerSecond: { median: median(charsPerSecond), best: Math.max(...charsPerSecond) },
  };
}

/** Where the memory was measured, with the context the headline number needs. */
export interface BenchMemoryDetail {
  /** 'child process': a process that only loads the extractor and extracts; 'this process': in-process (custom extractor). */
  measuredIn: 'child process' | 'this process';
  runtime?: BenchRuntime;
  command?: string;
  /** Peak RSS of the same runtime reading the same texts without the extractor, MB. */
  baselinePeakRssMB?: number;
  rssAfterStartupMB?: number;
  heapTotalMB?: number;
  arrayBuffersMB?: number;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const progress = options.onProgress ?? (() => {});
  const repeat = options.repeat ?? DEFAULT_BENCH_REPEAT;
  if (!Number.isInteger(repeat) || repeat < 1) throw new InputError('bench', `--repeat must be an integer >= 1, got ${repeat}`);
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new InputError('bench', `--limit must be an integer >= 1, got ${options.limit}`);
  }
  // Reads every document (and checks the directory) before anything is measured.
  const dataset = await loadFactRuDirectory(options.dir, { limit: options.limit });
  const inProcess = options.createExtractor !== undefined || options.resources !== undefined;
  const child = inProcess ? undefined : await measureInChild(options.dir, repeat, options.limit, progress);
  const run = child ? child.run : await measureInProcess(options, dataset.documents.map((d) => d.text), repeat, progress);
  progress(`cold pass ${run.coldSeconds.toFixed(3)} s = ${(run.documents / run.coldSeconds).toFixed(1)} articles/s (the headline)`);
  if (run.documents !== dataset.documents.length) throw new Error(`bench: the measuring process read ${run.documents} documents, expected ${dataset.documents.length}`);

  const loadedFiles = await Promise.all(run.loaded.map(async (name) => ({ name, bytes: await resourceFileSize(name) })));
  const directories = await Promise.all(
    [AZ_DICTS_DIR, LEXICONS_DIR, MODELS_DIR].map(async (path) => ({ path, ...(await directorySize(path)) })),
  );
  const memory: BenchReport['memory'] & BenchMemoryDetail = {
    rssBeforeStartupMB: run.memory.rssBeforeStartupMB,
    peakRssMB: run.memory.peakRssMB,
    heapUsedMB: run.memory.heapUsedMB,
    measuredIn: inProcess ? 'this process' : 'child process',
    rssAfterStartupMB: run.memory.rssAfterStartupMB,
    heapTotalMB: run.memory.heapTotalMB,
    arrayBuffersMB: run.memory.arrayBuffersMB,
    ...(child ? { runtime: child.runtime, command: child.command, baselinePeakRssMB: child.baseline.memory.peakRssMB } : {}),
  };
  progress(
    `memory (${memory.measuredIn}${memory.runtime ? `, ${memory.runtime}` : ''}): peak RSS ${memory.peakRssMB.toFixed(0)} MB` +
      (memory.baselinePeakRssMB === undefined ? '' : `; the same runtime without the extractor ${memory.baselinePeakRssMB.toFixed(0)} MB`) +
      `; after start-up ${run.memory.rssAfterStartupMB.toFixed(0)} MB; V8 heap at the end ${run.memory.heapUsedMB.toFixed(0)} MB used of ${run.memory.heapTotalMB.toFixed(0)} MB; array buffers ${run.memory.arrayBuffersMB.toFixed(0)} MB`,
  );
  return {
    kind: 'kg-bench',
    version: 1,
    createdAt: new Date().toISOString(),
    dataset: { dir: options.dir, documents: run.documents, characters: run.characters },
    moduleLoadSeconds: run.moduleLoadSeconds,
    startupSeconds: run.startupSeconds,
    measuredIn: inProcess ? 'this process' : 'fresh child process',
    cold: { ...benchRun(run.documents, run.characters, run.coldSeconds), cpuSeconds: run.coldCpuSeconds },
    warm: warmSummary(run.documents, run.characters, run.warmPasses),
    memory,
    disk: {
      loadedBytes: loadedFiles.reduce((sum, f) => sum + f.bytes, 0),
      loadedFiles,
      directories,
      directoriesBytes: directories.reduce((sum, d) => sum + d.bytes, 0),
    },
    targets: BENCH_TARGETS,
  };
}

/**
 * The measurement in this process, for a caller's own extractor or resources (tests).
 * Its "cold" pass is only as cold as this process is: whatever ran here before may
 * have warmed the code and caches (the report says measuredIn: 'this process').
 */
async function measureInProcess(options: BenchOptions, texts: readonly string[], repeat: number, progress: (message: string) => void): Promise<BenchChildResult> {
  let moduleLoadSeconds = 0;
  let create = options.createExtractor;
  if (!create) {
    const started = performance.now();
    create = (await import('../extract/index')).createExtractor;
    moduleLoadSeconds = (performance.now() - started) / 1000;
  }
  const { resources, loaded } = recordingResources(options.resources ?? nodeResources());
  const rssBeforeStartupMB = process.memoryUsage().rss / (1024 * 1024);
  const startupStarted = performance.now();
  const extractor = await create(resources);
  const startupSeconds = (performance.now() - startupStarted) / 1000;
  const rssAfterStartupMB = process.memoryUsage().rss / (1024 * 1024);
  progress(`start-up ${startupSeconds.toFixed(3)} s`);
  const cold = await articlePass(extractor, texts);
  const warmPasses: number[] = [];
  for (let i = 0; i < repeat; i++) {
    warmPasses.push((await articlePass(extractor, texts)).seconds);
    progress(`warm pass ${i + 1}/${repeat}: ${warmPasses[i]!.toFixed(3)} s`);
  }
  const usage = process.memoryUsage();
  return {
      kind: 'kg-bench-child',
      baseline: false,
      documents: texts.length,
      characters: cold.characters,
      moduleLoadSeconds,
      startupSeconds,
      coldSeconds: cold.seconds,
      coldCpuSeconds: cold.cpuSeconds,
      warmPasses,
      loaded: [...loaded].sort(),
      memory: {
        peakRssMB: peakRssMB(),
        rssBeforeStartupMB,
        rssAfterStartupMB,
        heapUsedMB: usage.heapUsed / (1024 * 1024),
        heapTotalMB: usage.heapTotal / (1024 * 1024),
        arrayBuffersMB: usage.arrayBuffers / (1024 * 1024),
      },
      runtime: { node: process.version, execArgv: process.execArgv },
  };
}
