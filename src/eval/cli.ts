/**
 * The `kg eval` and `kg bench` commands. src/cli/main.ts registers them with
 * registerEvalCommands(program); src/eval/run.ts does the same standalone.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { CONVENTIONS, loadConventionLexicon, parseConventions, type Conventions } from '../extract/conventions';
import type { ExtractorResources } from '../extract/resources';
import { PROJECT_ROOT, nodeResources } from '../node/resources';
import { peakRssMB, runBench, DEFAULT_BENCH_REPEAT } from './bench';
import { runEvaluation, type ExtractorFactory, type TrainHook } from './evaluate';
import { loadFactRuDirectory, type FactRuDocument } from './factru';
import { documentFingerprint, loadNerModel } from '../extract/ru/ner/index';
import { DEFAULT_FOLDS } from './folds';
import { formatBenchReport, formatEvalReport, writeJsonFile, type EvalReport } from './report';
import { DEFAULT_EVENTS_GOLD_DIR, runEventEvaluation } from './events-run';
import { formatEventReport } from './events-report';

/** ../shared/datasets/factru-dev relative to the project root. */
export const DEFAULT_FACTRU_DIR = resolve(PROJECT_ROOT, '..', 'shared', 'datasets', 'factru-dev');

export interface EvalCommandOptions {
  /**
   * A trainable extractor's hook (see TrainHook). When given, `kg eval` runs
   * DEFAULT_FOLDS-fold cross-validation unless --folds says otherwise.
   */
  train?: TrainHook;
  /** Overrides how the untrained extractor is made (default: createExtractor(nodeResources())). */
  createExtractor?: (resources: ExtractorResources) => Promise<import('../extract/index').Extractor>;
}

function integerOption(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return Number(value);
  };
}

async function defaultCreate(resources: ExtractorResources) {
  const { createExtractor } = await import('../extract/index');
  return createExtractor(resources);
}

/** Warm passes of the performance measurement at the end of kg eval (kg bench defaults to more). */
const EVAL_BENCH_REPEAT = 3;

type EvalMode = 'auto' | 'cv' | 'shipped';

/** --conventions for commander: a bad value is a usage error (one line, exit 1). */
export function conventionsOption(value: string): Conventions {
  try {
    return parseConventions(value);
  } catch {
    throw new InvalidArgumentError(`expected ${CONVENTIONS.join(' or ')}`);
  }
}

function evalMode(value: string): EvalMode {
  if (value !== 'auto' && value !== 'cv' && value !== 'shipped') throw new InvalidArgumentError('expected auto, cv or shipped');
  return value;
}

/** How many of the documents the shipped NER model learned from (by text fingerprint); undefined without a model. */
export async function shippedModelOverlap(docs: readonly FactRuDocument[], resources: ExtractorResources): Promise<{ seen: number; of: number } | undefined> {
  let trainedOn: string[] | undefined;
  try {
    trainedOn = (await loadNerModel(resources)).trainedOn;
  } catch {
    return undefined;
  }
  if (!trainedOn) return undefined;
  const known = new Set(trainedOn);
  return { seen: docs.filter((d) => known.has(documentFingerprint(d.text))).length, of: docs.length };
}

/**
 * cv when the shipped model learned from any of the documents (scoring it on them would be
 * resubstitution), or when it cannot tell (a model without fingerprints); shipped otherwise:
 * documents the model never saw are scored with the extractor users get.
 */
export async function chooseEvalMode(docs: readonly FactRuDocument[], resources: ExtractorResources, trainable: boolean): Promise<'cv' | 'shipped'> {
  if (!trainable) return 'shipped';
  const overlap = await shippedModelOverlap(docs, resources);
  return overlap === undefined || overlap.seen > 0 ? 'cv' : 'shipped';
}

interface EvalFlags {
  mode: EvalMode;
  conventions: Conventions;
  bench?: boolean;
  dir: string;
  json?: string;
  folds?: number;
  limit?: number;
  quiet?: boolean;
  events?: boolean;
  gold: string;
}

interface BenchFlags {
  dir: string;
  json?: string;
  repeat: number;
}

export function registerEvalCommands(program: Command, options: EvalCommandOptions = {}): void {
  const create = options.createExtractor ?? defaultCreate;

  program
    .command('eval')
    .description('score the extractor on a factRuEval directory: NER (PER/LOC/ORG), canonical forms, HOLDS_POSITION, coreference, speed')
    .option('--dir <dir>', 'factRuEval-format directory (book_<id>.txt/.spans/.objects/.coref/.facts, optional naeval-gold.jsonl and razdel-tokens.jsonl)', DEFAULT_FACTRU_DIR)
    .option('--json <file>', 'also write every number as JSON to this file')
    .option(
      '--folds <k>',
      `k-fold cross-validation (documents sorted by id, dealt round-robin); each fold trains on the others through the training hook; default ${DEFAULT_FOLDS} when a trainer is registered, none otherwise`,
      integerOption(2),
    )
    .option('--limit <n>', 'score only the first n documents (sorted by id)', integerOption(1))
    .option(
      '--mode <mode>',
      'cv: retrain per fold (the documents are the model\'s training data); shipped: score the shipped extractor as it is (held-out documents); auto: cv when the shipped model learned from any of these documents, else shipped',
      evalMode,
      'auto' as const,
    )
    .option(
      '--conventions <conventions>',
      'span conventions of the first NER table: product (the mentions as extracted: "МВД России" one ORG) or factru (projected onto factRuEval\'s: ORG "МВД" + LOC "России", "улице Тверской" -> LOC "Тверской"; see src/eval/README.md); the other is printed below it',
      conventionsOption,
      'product' as const,
    )
    .option('--quiet', 'no progress messages on stderr; print only the table')
    .option('--events', 'score events instead (issue 12) against the hand-annotated gold set (--gold): detection per subtype, roles, dates; dev and held-out splits apart')
    .option('--gold <dir>', 'the events gold set (see docs/events-annotation.md)', DEFAULT_EVENTS_GOLD_DIR)
    .option('--no-bench', 'skip the performance measurement of the shipped extractor (a kg bench child process) at the end')
    .addHelpText(
      'after',
      `
Scores (see src/eval/*.ts for the exact definitions):
  NER         token-level P/R/F1 per type, IO tags over razdel tokens, micro-averaged:
              the method of the published Russian NER tables (natasha/naeval).
  canonical   share of aligned PERSON/ORGANIZATION/LOCATION mentions whose norm equals
              the gold name from .coref (people: the name parts the mention contains).
  relations   HOLDS_POSITION vs Occupation facts with Who and Where, matched by entity.
  coreference B-cubed of the mentions' entity keys vs .coref, twice: over predicted
              mentions aligned to gold ones, and over all gold mentions (a gold
              mention with no aligned prediction is a singleton).
Examples:
  kg eval
  kg eval --folds 5 --json eval.json
  kg eval --conventions factru
  kg eval --events
  kg eval --dir ../factRuEval-2016/testset --quiet`,
    )
    .action(async (flags: EvalFlags) => {
      const log = flags.quiet ? () => {} : (message: string) => process.stderr.write(`eval: ${message}\n`);
      const dir = resolve(flags.dir);
      if (flags.events) {
        const resources = nodeResources();
        // Dev-set articles are the NER model's training data: cross-validate them unless told not to.
        const train = flags.mode === 'shipped' ? undefined : options.train;
        const report = await runEventEvaluation({
          goldDir: resolve(flags.gold),
          factruDir: dir,
          resources,
          createExtractor: () => create(resources),
          ...(train ? { train } : {}),
          folds: flags.folds ?? DEFAULT_FOLDS,
          progress: log,
        });
        process.stdout.write(`${formatEventReport(report)}\n`);
        if (flags.json) await writeJsonFile(resolve(flags.json), { kind: 'kg-eval-events', version: 1, createdAt: new Date().toISOString(), ...report });
        return;
      }
      const dataset = await loadFactRuDirectory(dir, { limit: flags.limit });
      const docs = dataset.documents;
      log(`${docs.length} documents from ${dir}`);
      const resources = nodeResources();
      const createExtractor: ExtractorFactory = () => create(resources);
      const mode = flags.mode === 'auto' ? await chooseEvalMode(docs, resources, options.train !== undefined) : flags.mode;
      const train = mode === 'cv' ? options.train : undefined;
      if (mode === 'cv' && !train) throw new InvalidArgumentError('--mode cv needs a trainable extractor');
      log(mode === 'cv' ? 'mode cv: the shipped model learned from these documents; each fold is scored by a model trained without it' : 'mode shipped: the shipped extractor as it is');
      const folds = mode === 'cv' ? (flags.folds ?? DEFAULT_FOLDS) : flags.folds;
      const conventions = await loadConventionLexicon(resources);
      const run = await runEvaluation({ documents: docs, createExtractor, resources, train, folds, conventions, onProgress: log });
      const report: EvalReport = {
        kind: 'kg-eval',
        version: 1,
        createdAt: new Date().toISOString(),
        dataset: {
          dir,
          documents: docs.length,
          characters: docs.reduce((sum, d) => sum + d.text.length, 0),
          goldFromFile: docs.filter((d) => d.goldNerSource === 'naeval-gold.jsonl').length,
          goldDerived: docs.filter((d) => d.goldNerSource === 'derived').length,
          tokensFromFile: docs.filter((d) => d.scoringTokensSource === 'razdel-tokens.jsonl').length,
          tokensBuiltin: docs.filter((d) => d.scoringTokensSource === 'builtin-tokenizer').length,
        },
        headline: run.trained && run.crossValidation ? 'cross-validation' : run.trained ? 'resubstitution' : 'shipped-extractor',
        conventions: flags.conventions,
        shippedModelSeen: await shippedModelOverlap(docs, resources),
        memory: { peakRssMB: peakRssMB() },
        ...run,
      };
      // The targets are about the shipped extractor on its own: measure it as kg bench does.
      if (flags.bench !== false && !options.createExtractor) {
        log('measuring the shipped extractor (as kg bench)');
        report.performance = await runBench({ dir, limit: flags.limit, repeat: EVAL_BENCH_REPEAT, onProgress: log });
      }
      process.stdout.write(`${formatEvalReport(report)}\n`);
      if (flags.json) {
        await writeJsonFile(resolve(flags.json), report);
        log(`wrote ${resolve(flags.json)}`);
      }
    });

  program
    .command('bench')
    .description('benchmark extraction: articles/s, characters/s, start-up time, peak memory, size on disk')
    .option('--dir <dir>', 'factRuEval-format directory whose texts are extracted', DEFAULT_FACTRU_DIR)
    .option('--json <file>', 'also write the numbers as JSON to this file')
    .option('--repeat <n>', 'warm passes over the same documents after the cold one (reported beside the headline)', integerOption(1), DEFAULT_BENCH_REPEAT)
    .addHelpText(
      'after',
      `
The headline speed is one cold pass: a fresh process loads the extractor (start-up), then
parses and extracts every document once exactly as kg extract does (extraction and
within-article resolution; reading the files is not timed), no text seen before. Warm
passes re-extract the same documents with every cache full and are labelled warm.
Targets printed beside the numbers: >= 250 articles/s cold on one thread, start-up < 1 s,
peak memory < 200 MB, < 30 MB on disk. An article is one document. Start-up is
createExtractor(nodeResources()); peak memory is the process's maximum RSS.
Numbers vary with the machine's load: compare runs on the same machine.`,
    )
    .action(async (flags: BenchFlags) => {
      const dir = resolve(flags.dir);
      const report = await runBench({
        dir,
        repeat: flags.repeat,
        createExtractor: options.createExtractor,
        onProgress: (message) => process.stderr.write(`bench: ${message}\n`),
      });
      process.stdout.write(`${formatBenchReport(report)}\n`);
      if (flags.json) await writeJsonFile(resolve(flags.json), report);
    });
}
