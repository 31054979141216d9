/**
 * `kg bench` for extraction: how fast, how heavy and how big the extractor is.
 * Numbers only; nothing here asserts a speed (the machine is shared and noisy).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
  /** Timed passes over all documents after one warm-up pass. */
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

function pass(extractor: Extractor, texts: readonly string[]): number {
  const started = performance.now();
  for (const text of texts) extractor.extract(text, { lang: 'ru' });
  return (performance.now() - started) / 1000;
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const progress = options.onProgress ?? (() => {});
  const repeat = options.repeat ?? DEFAULT_BENCH_REPEAT;
  if (!Number.isInteger(repeat) || repeat < 1) throw new InputError('bench', `--repeat must be an integer >= 1, got ${repeat}`);
  const dataset = await loadFactRuDirectory(options.dir, { limit: options.limit });
  const texts = dataset.documents.map((d) => d.text);
  const characters = texts.reduce((sum, t) => sum + t.length, 0);

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
  progress(`start-up ${startupSeconds.toFixed(3)} s; warming up`);

  const warmupSeconds = pass(extractor, texts);
  const runs: BenchRun[] = [];
  for (let i = 0; i < repeat; i++) {
    const seconds = pass(extractor, texts);
    runs.push({ seconds, documentsPerSecond: texts.length / seconds, charactersPerSecond: characters / seconds });
    progress(`pass ${i + 1}/${repeat}: ${seconds.toFixed(3)} s`);
  }

  const loadedFiles = await Promise.all([...loaded].sort().map(async (name) => ({ name, bytes: await resourceFileSize(name) })));
  const directories = await Promise.all(
    [AZ_DICTS_DIR, LEXICONS_DIR, MODELS_DIR].map(async (path) => ({ path, ...(await directorySize(path)) })),
  );
  const docsPerSecond = runs.map((r) => r.documentsPerSecond);
  const charsPerSecond = runs.map((r) => r.charactersPerSecond);
  return {
    kind: 'kg-bench',
    version: 1,
    createdAt: new Date().toISOString(),
    dataset: { dir: options.dir, documents: texts.length, characters },
    moduleLoadSeconds,
    startupSeconds,
    warmupSeconds,
    runs,
    documentsPerSecond: { median: median(docsPerSecond), best: Math.max(...docsPerSecond) },
    charactersPerSecond: { median: median(charsPerSecond), best: Math.max(...charsPerSecond) },
    memory: { rssBeforeStartupMB, peakRssMB: peakRssMB(), heapUsedMB: process.memoryUsage().heapUsed / (1024 * 1024) },
    disk: {
      loadedBytes: loadedFiles.reduce((sum, f) => sum + f.bytes, 0),
      loadedFiles,
      directories,
      directoriesBytes: directories.reduce((sum, d) => sum + d.bytes, 0),
    },
    targets: BENCH_TARGETS,
  };
}
