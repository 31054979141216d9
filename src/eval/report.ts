/**
 * The printed tables and the JSON files of `kg eval` and `kg bench`. The JSON holds
 * the same numbers as the table (and more detail), written atomically: a failed
 * write leaves any previous file untouched.
 */
import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Conventions } from '../extract/conventions';
import type { EvalScores, EvaluationRun } from './evaluate';
import { NER_TYPES } from './ner-score';

export interface EvalDatasetInfo {
  dir: string;
  documents: number;
  characters: number;
  /** Documents whose gold spans came from naeval-gold.jsonl / were derived from .objects. */
  goldFromFile: number;
  goldDerived: number;
  /** Documents scored on razdel-tokens.jsonl / on the built-in tokenizer. */
  tokensFromFile: number;
  tokensBuiltin: number;
}

export interface EvalReport extends EvaluationRun {
  kind: 'kg-eval';
  version: 1;
  createdAt: string;
  dataset: EvalDatasetInfo;
  /**
   * Which scores are the headline: cross-validated when the model was retrained per fold;
   * the shipped extractor's score on documents it never learned from ('shipped-extractor').
   */
  headline: 'cross-validation' | 'resubstitution' | 'shipped-extractor';
  /**
   * The span conventions of the first NER table (--conventions): 'product' = the mentions as
   * extracted (scores `ner`), 'factru' = projected onto factRuEval's conventions (`nerFactru`).
   * Both are scored and printed; absent in reports of earlier versions (product).
   */
  conventions?: Conventions;
  /** How many of the documents the shipped NER model was trained on (undefined: unknown). */
  shippedModelSeen?: { seen: number; of: number } | undefined;
  memory: { peakRssMB: number };
  /**
   * The shipped extractor measured as kg bench measures it (a child process that only loads
   * the extractor and extracts these documents): the speed, start-up and memory the targets
   * are about. Absent when a caller's own extractor factory was evaluated.
   */
  performance?: BenchReport;
}

export interface BenchRun {
  seconds: number;
  documentsPerSecond: number;
  charactersPerSecond: number;
}

export interface BenchReport {
  kind: 'kg-bench';
  version: 1;
  createdAt: string;
  dataset: { dir: string; documents: number; characters: number };
  /** Importing the extraction modules (0 when something had imported them already). */
  moduleLoadSeconds: number;
  /** createExtractor(nodeResources()): loading dictionaries, lexicons and models. */
  startupSeconds: number;
  /** 'fresh child process' for the shipped extractor; 'this process' for a caller's own (its cold pass may not be cold). */
  measuredIn: 'fresh child process' | 'this process';
  /**
   * The headline: one pass over every document right after start-up, each parsed and
   * extracted as `kg extract` does (src/eval/bench-pass.ts), caches empty, texts unseen.
   * An article is one document.
   */
  cold: BenchRun & {
    /** CPU time of the pass, every thread (V8 compiles and collects on a helper thread beside the main one). */
    cpuSeconds: number;
  };
  /** The same documents again in the same process: caches full, code optimised. Not the headline. */
  warm: {
    runs: BenchRun[];
    documentsPerSecond: { median: number; best: number };
    charactersPerSecond: { median: number; best: number };
  };
  memory: {
    /** Resident set size before createExtractor, after the documents were read. */
    rssBeforeStartupMB: number;
    /** Peak resident set size of the whole process (resourceUsage().maxRSS). */
    peakRssMB: number;
    heapUsedMB: number;
  };
  disk: {
    /** Bytes of every resource the extractor actually loaded. */
    loadedBytes: number;
    loadedFiles: Array<{ name: string; bytes: number }>;
    /** The resource directories in full: az dicts, graph-data/lexicons, graph-data/models. */
    directories: Array<{ path: string; bytes: number; exists: boolean }>;
    directoriesBytes: number;
  };
  targets: typeof BENCH_TARGETS;
}

export const BENCH_TARGETS = {
  articlesPerSecond: 250,
  startupSeconds: 1,
  peakMemoryMB: 200,
  diskMB: 30,
} as const;

export const CANONICAL_PERSON_TARGET = 0.95;

/** Pads columns: the first left-aligned, the rest right-aligned. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const f3 = (x: number) => x.toFixed(3);
const int = (x: number) => String(Math.round(x));
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

function meets(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

interface Column {
  label: string;
  scores: EvalScores;
}

function scoreColumns(report: EvaluationRun): Column[] {
  const columns: Column[] = [];
  if (report.crossValidation) columns.push({ label: 'CV', scores: report.crossValidation.scores });
  columns.push({ label: 'resub', scores: report.resubstitution });
  return columns;
}

function prfHeaders(columns: readonly Column[], extra: readonly string[]): string[] {
  const headers = [''];
  for (const c of columns) {
    const prefix = columns.length > 1 ? `${c.label} ` : '';
    headers.push(`${prefix}P`, `${prefix}R`, `${prefix}F1`);
  }
  return [...headers, ...extra];
}

export function formatEvalReport(report: EvalReport): string {
  const columns = scoreColumns(report);
  const head = columns[0]!.scores;
  const d = report.dataset;
  const out: string[] = [];
  out.push(`kg eval: ${d.dir}`);
  out.push(
    `${d.documents} documents, ${d.characters} characters; gold spans: ${d.goldFromFile} from naeval-gold.jsonl, ${d.goldDerived} derived; ` +
      `tokens: ${d.tokensFromFile} razdel, ${d.tokensBuiltin} built-in`,
  );
  const seen = report.shippedModelSeen;
  const seenText = seen ? `the shipped model learned from ${seen.seen} of these ${seen.of} documents` : 'the shipped model does not say which documents it learned from';
  out.push(
    report.trained
      ? `extractor: trained per fold by the training hook (${seenText}); headline = ${report.headline}`
      : `extractor: the shipped extractor as it is (${seenText}); headline = ${report.headline}` +
          (report.crossValidation ? '; folds only regroup the same extraction' : ''),
  );
  if (report.crossValidation) {
    const how = report.trained ? 'each fold scored by an extractor trained without it' : 'the same extraction regrouped by fold';
    out.push(`CV = ${report.crossValidation.folds}-fold cross-validation (${how}), resub = all documents; counts are those of the CV column`);
  }
  out.push('');

  const nerTable = (conventions: Conventions, headline: boolean): void => {
    const pick = (scores: EvalScores) => (conventions === 'factru' ? scores.nerFactru : scores.ner);
    const headScores = pick(head);
    if (!headScores) return;
    out.push(
      conventions === 'product'
        ? `Named entities, product conventions: the mentions as extracted ("МВД России" one ORG)${headline ? '' : ', for comparison'}`
        : `Named entities, factru conventions: the same mentions projected as src/eval/README.md says ("МВД России" -> ORG МВД + LOC России; "улице Тверской" -> LOC Тверской)${headline ? '' : ', for comparison'}`,
    );
    out.push(
      formatTable(
        prfHeaders(columns, ['gold tok', 'pred tok']),
        [...NER_TYPES, 'ALL' as const].map((type) => [
          type,
          ...columns.flatMap((c) => {
            const s = pick(c.scores)?.[type];
            return s ? [f3(s.precision), f3(s.recall), f3(s.f1)] : ['', '', ''];
          }),
          int(headScores[type].gold),
          int(headScores[type].predicted),
        ]),
      ),
    );
    out.push('');
  };
  const first = report.conventions ?? 'product';
  out.push('Named entities (token level, IO over razdel tokens, micro-averaged; as the published tables)');
  nerTable(first, true);
  nerTable(first === 'product' ? 'factru' : 'product', false);

  out.push(`Canonical forms (share of aligned mentions whose norm equals the gold name; target PER >= ${CANONICAL_PERSON_TARGET})`);
  out.push(
    formatTable(
      ['', ...columns.map((c) => (columns.length > 1 ? `${c.label} acc` : 'accuracy')), 'scored', 'correct', 'unaligned', 'no gold name'],
      [...NER_TYPES, 'ALL' as const].map((type) => {
        const c = head.canonical[type];
        return [type, ...columns.map((col) => f3(col.scores.canonical[type].accuracy)), int(c.scored), int(c.correct), int(c.unaligned), int(c.noGoldName)];
      }),
    ),
  );
  out.push('');

  out.push('Relations: HOLDS_POSITION vs Occupation facts with Who and Where, matched by entity');
  const r = head.relations;
  out.push(
    formatTable(prfHeaders(columns, ['gold facts', 'hit', 'wrong']), [
      [
        'HOLDS_POSITION',
        ...columns.flatMap((c) => [f3(c.scores.relations.precision), f3(c.scores.relations.recall), f3(c.scores.relations.f1)]),
        int(r.goldFacts),
        int(r.hitFacts),
        int(r.wrongPredicted),
      ],
    ]),
  );
  out.push('');

  out.push('Within-document coreference of PER/ORG/LOC, B-cubed');
  const b = head.coref;
  const g = head.corefAllGold;
  out.push(
    formatTable(prfHeaders(columns, ['items', 'left out']), [
      [
        'aligned predicted mentions',
        ...columns.flatMap((c) => [f3(c.scores.coref.precision), f3(c.scores.coref.recall), f3(c.scores.coref.f1)]),
        int(b.items),
        `${int(b.unaligned)} unaligned predicted`,
      ],
      [
        'all gold mentions',
        ...columns.flatMap((c) => [f3(c.scores.corefAllGold.precision), f3(c.scores.corefAllGold.recall), f3(c.scores.corefAllGold.f1)]),
        int(g.items),
        `${int(g.missed)} missed gold (singletons)`,
      ],
    ]),
  );
  out.push('  aligned: items are predicted mentions aligned to a gold mention; all gold: items are every gold mention, one with no aligned prediction a singleton (target F1 >= 0.90)');
  out.push('');

  const speed = report.resubstitution.speed;
  const bench = report.performance;
  if (bench) {
    const t = bench.targets;
    const diskMB = bench.disk.loadedBytes / (1024 * 1024);
    out.push(
      `Performance of the shipped extractor (as kg bench: a fresh process that only loads it and runs what kg extract runs on these ${bench.dataset.documents} documents, one thread)`,
    );
    out.push(
      formatTable(
        ['', 'value', 'target', ''],
        [
          ['articles/s, cold (one pass, texts unseen)', bench.cold.documentsPerSecond.toFixed(1), `>= ${t.articlesPerSecond}`, meets(bench.cold.documentsPerSecond >= t.articlesPerSecond)],
          ['characters/s, cold', int(bench.cold.charactersPerSecond), '', ''],
          ['articles/s, warm (same texts again, median)', bench.warm.documentsPerSecond.median.toFixed(1), '', ''],
          ['start-up (s)', bench.startupSeconds.toFixed(3), `< ${t.startupSeconds}`, meets(bench.startupSeconds < t.startupSeconds)],
          ['peak memory (MB RSS, whole process)', bench.memory.peakRssMB.toFixed(0), `< ${t.peakMemoryMB}`, meets(bench.memory.peakRssMB < t.peakMemoryMB)],
          ['on disk, everything loaded (MB)', diskMB.toFixed(1), `< ${t.diskMB}`, meets(diskMB < t.diskMB)],
        ],
      ),
    );
    out.push('');
    out.push('This evaluation run (for reference: it also trains, and times extraction inside a busy process)');
    out.push(
      formatTable(
        ['', 'value'],
        [
          ['documents/s during scoring (resub)', speed.documentsPerSecond.toFixed(1)],
          [report.trained ? 'training on all (s)' : 'start-up (s)', report.setupSeconds.toFixed(3)],
          ['peak memory of this process (MB RSS)', report.memory.peakRssMB.toFixed(0)],
        ],
      ),
    );
    return out.join('\n');
  }
  out.push('Performance (extraction only, one thread, after start-up)');
  out.push(
    formatTable(
      ['', 'value', 'target', ''],
      [
        ['documents (articles)/s', speed.documentsPerSecond.toFixed(1), `>= ${BENCH_TARGETS.articlesPerSecond}`, meets(speed.documentsPerSecond >= BENCH_TARGETS.articlesPerSecond)],
        ['characters/s', int(speed.charactersPerSecond), '', ''],
        [report.trained ? 'training on all (s)' : 'start-up (s)', report.setupSeconds.toFixed(3), report.trained ? '' : `< ${BENCH_TARGETS.startupSeconds}`, report.trained ? '' : meets(report.setupSeconds < BENCH_TARGETS.startupSeconds)],
        [report.trained ? 'peak memory (MB RSS, incl. training)' : 'peak memory (MB RSS)', report.memory.peakRssMB.toFixed(0), `< ${BENCH_TARGETS.peakMemoryMB}`, meets(report.memory.peakRssMB < BENCH_TARGETS.peakMemoryMB)],
      ],
    ),
  );
  return out.join('\n');
}

export function formatBenchReport(report: BenchReport): string {
  const t = report.targets;
  const out: string[] = [];
  out.push(`kg bench: ${report.dataset.dir}`);
  out.push(`${report.dataset.documents} documents (articles), ${report.dataset.characters} characters, one thread, measured in ${report.measuredIn}`);
  out.push(
    'cold = one pass right after start-up, each document parsed and extracted as kg extract does (extraction + within-article resolution), no text seen before;',
  );
  out.push(`warm = ${report.warm.runs.length} more passes over the same documents (caches full): how fast a long-running process gets, not the headline`);
  out.push('');
  const diskMB = report.disk.loadedBytes / (1024 * 1024);
  out.push(
    formatTable(
      ['', 'value', 'target', ''],
      [
        ['articles/s, cold', report.cold.documentsPerSecond.toFixed(1), `>= ${t.articlesPerSecond}`, meets(report.cold.documentsPerSecond >= t.articlesPerSecond)],
        ['characters/s, cold', int(report.cold.charactersPerSecond), '', ''],
        ['cold pass: wall / CPU, all threads (s)', `${report.cold.seconds.toFixed(3)} / ${report.cold.cpuSeconds.toFixed(3)}`, '', ''],
        // What one core would do: every thread's CPU time on it. Steadier than wall time on a busy machine.
        ['articles per CPU second, cold', (report.dataset.documents / report.cold.cpuSeconds).toFixed(1), '', ''],
        ['articles/s, warm (median)', report.warm.documentsPerSecond.median.toFixed(1), '', ''],
        ['articles/s, warm (best)', report.warm.documentsPerSecond.best.toFixed(1), '', ''],
        ['module load (s)', report.moduleLoadSeconds.toFixed(3), '', ''],
        ['start-up (s)', report.startupSeconds.toFixed(3), `< ${t.startupSeconds}`, meets(report.startupSeconds < t.startupSeconds)],
        ['peak memory (MB RSS)', report.memory.peakRssMB.toFixed(0), `< ${t.peakMemoryMB}`, meets(report.memory.peakRssMB < t.peakMemoryMB)],
        ['RSS before start-up (MB)', report.memory.rssBeforeStartupMB.toFixed(0), '', ''],
        ['on disk, loaded (MB)', diskMB.toFixed(1), `< ${t.diskMB}`, meets(diskMB < t.diskMB)],
        ['on disk, resource dirs (MB)', mb(report.disk.directoriesBytes), '', ''],
      ],
    ),
  );
  out.push('');
  out.push('Resource directories:');
  for (const dir of report.disk.directories) out.push(`  ${mb(dir.bytes).padStart(7)} MB  ${dir.path}${dir.exists ? '' : ' (absent)'}`);
  out.push(`Loaded by the extractor: ${report.disk.loadedFiles.length} files`);
  for (const file of report.disk.loadedFiles) out.push(`  ${mb(file.bytes).padStart(7)} MB  ${file.name}`);
  out.push('');
  out.push(`Cold pass (s): ${report.cold.seconds.toFixed(3)}; warm passes (s): ${report.warm.runs.map((r) => r.seconds.toFixed(3)).join(', ')}`);
  return out.join('\n');
}

/** Writes JSON next to its destination, then renames it into place. */
export async function writeJsonFile(path: string, data: unknown): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, `${JSON.stringify(data, null, 2)}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
