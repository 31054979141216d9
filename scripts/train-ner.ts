/**
 * Trains the Russian PER/ORG/LOC tagger on the factRuEval dev set and writes the
 * shipped model, reproducibly (fixed document order, seed and epochs):
 *
 *   npx tsx scripts/train-ner.ts [--dir ../shared/datasets/factru-dev] [--folds 5] [--no-cv]
 *                                [--epochs 12] [--scheme BIO] [--stages 2] [--bags 3] [--seed 1]
 *                                [--min-count 2] [--tune-bias true] [--org-bias N] [--no-lexicon]
 *                                [--out graph-data/models/ner-ru.json]
 *
 * The lexicon features come from graph-data/lexicons (loaded through the resource
 * loader, compiled into a lemma table that is shipped inside the model). With
 * --tune-bias true (the shipped setting) each training run chooses its per-type score
 * biases on an inner split of its own training documents, never on a held-out fold.
 *
 * Before training the shipped model it runs k-fold cross-validation (documents sorted
 * by id, dealt round-robin; train on k-1 folds, score the held-out fold) and prints
 * the per-type token-level P/R/F1 of the published method (src/eval/ner-score.ts),
 * then the resubstitution score of the final model beside it.
 *
 *   npx tsx scripts/train-ner.ts --bench    # only: load the shipped model and time tagging
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFactRuDirectory, type FactRuDocument } from '../src/eval/factru';
import { splitFolds, trainingDocuments } from '../src/eval/folds';
import { addNerCounts, emptyNerCounts, scoreNerDocument, summarizeNer, type NerCounts, type NerSpan as ScoredSpan } from '../src/eval/ner-score';
import { createMorphology, type Morphology } from '../src/extract/ru/morph';
import {
  createNerTagger,
  loadNerLexicon,
  nerTaggerFromModel,
  serializeNerModel,
  trainNer,
  SHIPPED_TRAIN_OPTIONS,
  type FullTrainOptions,
  type NerModel,
  type TagScheme,
  type TrainingDoc,
} from '../src/extract/ru/ner';
import { splitSentences, tokenize } from '../src/extract/tokens';
import { nodeResources, PROJECT_ROOT } from '../src/node/resources';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: join(PROJECT_ROOT, '..', 'shared', 'datasets', 'factru-dev') },
    out: { type: 'string', default: join(PROJECT_ROOT, 'graph-data', 'models', 'ner-ru.json') },
    folds: { type: 'string', default: '5' },
    'no-cv': { type: 'boolean', default: false },
    'cv-only': { type: 'boolean', default: false },
    bench: { type: 'boolean', default: false },
    epochs: { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.epochs) },
    scheme: { type: 'string', default: SHIPPED_TRAIN_OPTIONS.scheme },
    'min-weight': { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.minWeight) },
    stages: { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.stages) },
    seed: { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.seed) },
    bags: { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.bags) },
    'min-count': { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.minCount) },
    'no-lexicon': { type: 'boolean', default: false },
    'org-bias': { type: 'string', default: '0' },
    'tune-bias': { type: 'string', default: String(SHIPPED_TRAIN_OPTIONS.tuneBias) },
  },
});

function toTrainingDoc(doc: FactRuDocument): TrainingDoc {
  return { id: doc.id, text: doc.text, spans: doc.goldNer };
}

function predictSpans(model: NerModel, morph: Morphology, doc: FactRuDocument): ScoredSpan[] {
  const tokens = tokenize(doc.text);
  const sentences = splitSentences(tokens);
  return nerTaggerFromModel(model, morph)
    .tag(tokens, sentences)
    .map((s) => ({ start: tokens[s.first]!.start, end: tokens[s.last - 1]!.end, type: s.type }));
}

function score(model: NerModel, morph: Morphology, docs: readonly FactRuDocument[]): NerCounts {
  const counts = emptyNerCounts();
  for (const doc of docs) addNerCounts(counts, scoreNerDocument(doc.scoringTokens, doc.goldNer, predictSpans(model, morph, doc)));
  return counts;
}

function table(title: string, counts: NerCounts): string {
  const summary = summarizeNer(counts);
  const f = (x: number) => x.toFixed(3);
  const rows = (['PER', 'LOC', 'ORG', 'ALL'] as const).map(
    (t) => `  ${t.padEnd(4)} ${f(summary[t].precision)}  ${f(summary[t].recall)}  ${f(summary[t].f1)}   ${String(summary[t].gold).padStart(5)}`,
  );
  return [`${title}`, '  type P      R      F1      gold tokens', ...rows].join('\n');
}

async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** Load time of the shipped model and tagging time (tokens and sentences given, morphology cache warm). */
async function bench(docs: readonly FactRuDocument[], morph: Morphology): Promise<void> {
  const loadStart = performance.now();
  const tagger = await createNerTagger(nodeResources(), morph);
  const loadMs = performance.now() - loadStart;
  const prepared = docs.map((d) => {
    const tokens = tokenize(d.text);
    return { tokens, sentences: splitSentences(tokens) };
  });
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  for (const d of prepared) tagger.tag(d.tokens, d.sentences); // warm-up: az cache, JIT
  const rounds = 5;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  for (let r = 0; r < rounds; r++) for (const d of prepared) tagger.tag(d.tokens, d.sentences);
  const wallMs = (performance.now() - wallStart) / rounds;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000 / rounds;
  const per = (ms: number) => `${(ms / docs.length).toFixed(2)} ms/article, ${(ms / (chars / 2000)).toFixed(2)} ms per 2,000 characters`;
  console.log(`model load: ${loadMs.toFixed(0)} ms`);
  console.log(`tagging ${docs.length} articles (${chars} characters), mean of ${rounds} rounds:`);
  console.log(`  wall ${per(wallMs)} (${((docs.length / wallMs) * 1000).toFixed(0)} articles/s)`);
  console.log(`  cpu  ${per(cpuMs)}`);
  console.log(`heap used: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
}

async function main(): Promise<void> {
  const folds = Number(args.folds);
  const options: FullTrainOptions = {
    epochs: Number(args.epochs),
    scheme: args.scheme as TagScheme,
    minWeight: Number(args['min-weight']),
    stages: Number(args.stages),
    bags: Number(args.bags),
    minCount: Number(args['min-count']),
    seed: Number(args.seed),
    tuneBias: args['tune-bias'] === 'true',
    onBias: (bias) => console.log(`  biases chosen on the training documents: ${JSON.stringify(bias)}`),
  };
  if (options.scheme !== 'BIO' && options.scheme !== 'BILOU') throw new Error(`--scheme must be BIO or BILOU`);
  const morph = await createMorphology(nodeResources());
  if (Number(args['org-bias']) !== 0) options.typeBias = { ORG: Number(args['org-bias']) };
  if (!args['no-lexicon']) options.lexicon = await loadNerLexicon(nodeResources(), morph);
  const dataset = await loadFactRuDirectory(resolve(args.dir));
  const docs = dataset.documents;
  console.log(`factRuEval: ${docs.length} documents from ${dataset.dir} (gold: ${dataset.hasGoldFile ? 'naeval-gold.jsonl' : 'derived'}, tokens: ${dataset.hasTokenFile ? 'razdel' : 'builtin'})`);

  if (args.bench) return bench(docs, morph);

  if (!args['no-cv']) {
    const parts = splitFolds(docs, folds);
    const cv = emptyNerCounts();
    const started = Date.now();
    for (let k = 0; k < parts.length; k++) {
      const model = trainNer(trainingDocuments(parts, k).map(toTrainingDoc), morph, options);
      addNerCounts(cv, score(model, morph, parts[k]!));
    }
    console.log(table(`\n${folds}-fold cross-validation (held-out folds, published token-level method)`, cv));
    console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  if (args['cv-only']) return;

  const started = Date.now();
  const model = trainNer(docs.map(toTrainingDoc), morph, {
    ...options,
    onEpoch: (e, mistakes, total) => process.stderr.write(`epoch ${e}: ${mistakes}/${total} sentences wrong\n`),
  });
  const json = JSON.stringify(serializeNerModel(model));
  await writeAtomically(resolve(args.out), json);
  console.log(`\nmodel: ${model.stages.map((s) => s.hashes.length).join(' + ')} features, ${(json.length / 1e6).toFixed(2)} MB -> ${args.out} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(table('resubstitution (trained and scored on all documents; not a measure of accuracy on new text)', score(model, morph, docs)));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
