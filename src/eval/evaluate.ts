/**
 * Runs an extractor over factRuEval documents and scores it: NER (ner-score.ts),
 * canonical forms (canonical.ts), HOLDS_POSITION (relations.ts) and within-document
 * coreference (bcubed.ts). Counts are kept raw and summed, so fold results merge into
 * one micro-averaged cross-validated score.
 */
import { projectToFactRu, type ConventionLexicon } from '../extract/conventions';
import { resolveWithinDocument } from '../resolve/within-document';
import type { Extractor } from '../extract/index';
import type { ExtractorResources } from '../extract/resources';
import type { ExtractionResult } from '../model/extraction';
import { DocumentAlignment } from './align';
import {
  addAllGoldBcubedCounts,
  addBcubedCounts,
  emptyAllGoldBcubedCounts,
  emptyBcubedCounts,
  scoreCorefAllGoldDocument,
  scoreCorefDocument,
  summarizeAllGoldBcubed,
  summarizeBcubed,
  type AllGoldBcubedCounts,
  type BcubedCounts,
} from './bcubed';
import { addCanonicalTally, emptyCanonicalTally, scoreCanonicalDocument, summarizeCanonical, type CanonicalTally } from './canonical';
import type { FactRuDocument } from './factru';
import { splitFolds, trainingDocuments } from './folds';
import {
  addNerCounts,
  emptyNerCounts,
  nerTypeOfEntity,
  ratio,
  scoreNerDocument,
  summarizeNer,
  type NerCounts,
  type NerSpan,
} from './ner-score';
import { addRelationCounts, emptyRelationCounts, scoreRelationsDocument, summarizeRelations, type RelationCounts } from './relations';

/** Mismatch examples kept per run, for the JSON report. */
export const MAX_MISMATCHES = 200;

export interface TrainContext {
  resources: ExtractorResources;
}

/**
 * The hook a trainable extractor plugs in: given the training documents of a fold
 * (gold spans, objects, coref and facts included), return an extractor trained on
 * them only. Called once per fold and once on all documents.
 */
export type TrainHook = (trainDocs: FactRuDocument[], context: TrainContext) => Promise<Extractor>;

/** Makes the untrained extractor (normally createExtractor(nodeResources())). */
export type ExtractorFactory = () => Promise<Extractor>;

export interface EvalCounts {
  documents: number;
  characters: number;
  /** Wall time spent inside extract() only. */
  extractMs: number;
  /** NER under the product's conventions (the mentions as extracted). */
  ner: NerCounts;
  /** NER of the same mentions projected onto factRuEval's conventions (src/extract/conventions.ts); absent without its lexicon. */
  nerFactru?: NerCounts;
  canonical: CanonicalTally;
  relations: RelationCounts;
  /** B-cubed over predicted mentions aligned to gold ones. */
  coref: BcubedCounts;
  /** B-cubed over every gold mention (a missed one is a predicted singleton). */
  corefAllGold: AllGoldBcubedCounts;
}

export function emptyEvalCounts(): EvalCounts {
  return {
    documents: 0,
    characters: 0,
    extractMs: 0,
    ner: emptyNerCounts(),
    canonical: emptyCanonicalTally(),
    relations: emptyRelationCounts(),
    coref: emptyBcubedCounts(),
    corefAllGold: emptyAllGoldBcubedCounts(),
  };
}

export function addEvalCounts(into: EvalCounts, other: EvalCounts): EvalCounts {
  into.documents += other.documents;
  into.characters += other.characters;
  into.extractMs += other.extractMs;
  addNerCounts(into.ner, other.ner);
  if (other.nerFactru) addNerCounts((into.nerFactru ??= emptyNerCounts()), other.nerFactru);
  addCanonicalTally(into.canonical, other.canonical, MAX_MISMATCHES);
  addRelationCounts(into.relations, other.relations);
  addBcubedCounts(into.coref, other.coref);
  addAllGoldBcubedCounts(into.corefAllGold, other.corefAllGold);
  return into;
}

/**
 * The PERSON / ORGANIZATION / LOCATION mentions of a result as PER / ORG / LOC spans.
 * Nominal mentions ("ведомство", "президент") are not named-entity spans: factRuEval's NER
 * gold marks names only (org_name, loc_name, person name parts; descriptors never), so they
 * are left out here, as from the canonical-form score; coreference counts them.
 */
export function predictedNerSpans(result: Pick<ExtractionResult, 'entities'>): NerSpan[] {
  return result.entities.flatMap((e) => {
    // Descriptors ("ведомство") and places named by their adjective ("британский") are no names:
    // the published gold leaves org_descr, job and geo_adj out.
    if (e.nominal || e.adjective) return [];
    const type = nerTypeOfEntity(e.type);
    return type ? [{ start: e.start, end: e.end, type }] : [];
  });
}

/**
 * Every score of one document for a given extraction result (no timing). With the conventions'
 * lexicon, NER is also scored on the mentions projected onto factRuEval's conventions; the
 * other scores align whole mentions to gold objects and always use the product's spans.
 */
export function scoreDocument(doc: FactRuDocument, result: Pick<ExtractionResult, 'entities' | 'relations'>, conventions?: ConventionLexicon): EvalCounts {
  const alignment = new DocumentAlignment(doc);
  return {
    documents: 1,
    characters: doc.text.length,
    extractMs: 0,
    ner: scoreNerDocument(doc.scoringTokens, doc.goldNer, predictedNerSpans(result)),
    ...(conventions
      ? { nerFactru: scoreNerDocument(doc.scoringTokens, doc.goldNer, predictedNerSpans({ entities: projectToFactRu(doc.text, result.entities, conventions) })) }
      : {}),
    canonical: scoreCanonicalDocument(doc, result.entities.filter((e) => !e.nominal), alignment),
    relations: scoreRelationsDocument(doc, result, alignment),
    coref: scoreCorefDocument(doc, result.entities, alignment),
    corefAllGold: scoreCorefAllGoldDocument(doc, result.entities, alignment),
  };
}

export interface DocumentOutcome {
  doc: FactRuDocument;
  counts: EvalCounts;
}

/** Extracts (timed) and scores each document. */
export function evaluateDocuments(documents: readonly FactRuDocument[], extractor: Extractor, conventions?: ConventionLexicon): DocumentOutcome[] {
  return documents.map((doc) => {
    const started = performance.now();
    let result: ExtractionResult;
    try {
      // Scored as users get it: within-document resolution fills each mention's `entity`
      // (kg extract and the graph builder apply the same step).
      result = resolveWithinDocument(extractor.extract(doc.text, { lang: 'ru' }));
    } catch (error) {
      // Name the document so the failure can be reproduced on its own.
      throw new Error(`eval: the extractor failed on book_${doc.id}: ${(error as Error).message}`, { cause: error });
    }
    const extractMs = performance.now() - started;
    const counts = scoreDocument(doc, result, conventions);
    counts.extractMs = extractMs;
    return { doc, counts };
  });
}

export function sumOutcomes(outcomes: readonly DocumentOutcome[]): EvalCounts {
  return outcomes.reduce((total, o) => addEvalCounts(total, o.counts), emptyEvalCounts());
}

export function summarizeEval(counts: EvalCounts) {
  const extractSeconds = counts.extractMs / 1000;
  return {
    ner: summarizeNer(counts.ner),
    ...(counts.nerFactru ? { nerFactru: summarizeNer(counts.nerFactru) } : {}),
    canonical: summarizeCanonical(counts.canonical),
    relations: summarizeRelations(counts.relations),
    coref: summarizeBcubed(counts.coref),
    corefAllGold: summarizeAllGoldBcubed(counts.corefAllGold),
    speed: {
      documents: counts.documents,
      characters: counts.characters,
      extractSeconds,
      /** An article is one factRuEval document, so documents/s = articles/s. */
      documentsPerSecond: ratio(counts.documents, extractSeconds),
      charactersPerSecond: ratio(counts.characters, extractSeconds),
    },
  };
}
export type EvalScores = ReturnType<typeof summarizeEval>;

export interface FoldResult {
  fold: number;
  trainDocuments: number;
  testDocuments: number;
  setupSeconds: number;
  scores: EvalScores;
}

export interface EvaluationRun {
  /** Train on all, score on all (or the given extractor on all when there is no trainer). */
  resubstitution: EvalScores;
  /** Micro-averaged over held-out folds; absent without --folds. */
  crossValidation?: { folds: number; scores: EvalScores; perFold: FoldResult[] };
  /** Whether a training hook produced the extractors. */
  trained: boolean;
  /** Seconds to create (or train, on all documents) the resubstitution extractor. */
  setupSeconds: number;
  /** Canonical-form mistakes (held-out ones when a trainer ran folds), at most MAX_MISMATCHES. */
  mismatches: CanonicalTally['mismatches'];
}

export interface EvaluationOptions {
  documents: readonly FactRuDocument[];
  createExtractor: ExtractorFactory;
  resources: ExtractorResources;
  train?: TrainHook;
  /** k >= 2 for k-fold cross-validation. */
  folds?: number;
  /** Also score NER under factRuEval's conventions (the mapping's lexicon: loadConventionLexicon). */
  conventions?: ConventionLexicon;
  onProgress?: (message: string) => void;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/**
 * With a trainer: for each fold, train on the other folds and score the held-out one;
 * then train on everything and score everything (resubstitution). Without one, the
 * extractor is created once and scored once; folds then only regroup those results,
 * so the cross-validated number equals the resubstitution one by construction.
 */
export async function runEvaluation(options: EvaluationOptions): Promise<EvaluationRun> {
  const { documents, train, resources } = options;
  const progress = options.onProgress ?? (() => {});
  const folds = options.folds !== undefined ? splitFolds(documents, options.folds) : undefined;

  const setup = await timed(() => (train ? train([...documents], { resources }) : options.createExtractor()));
  progress(`${train ? 'trained on all documents' : 'extractor ready'} in ${setup.seconds.toFixed(2)} s`);
  const outcomes = evaluateDocuments(documents, setup.value, options.conventions);
  const resubstitutionCounts = sumOutcomes(outcomes);

  let crossValidation: EvaluationRun['crossValidation'];
  let cvMismatches: CanonicalTally['mismatches'] | undefined;
  if (folds) {
    const perFold: FoldResult[] = [];
    const total = emptyEvalCounts();
    for (let index = 0; index < folds.length; index++) {
      const held = folds[index]!;
      const trainDocs = trainingDocuments(folds, index);
      let counts: EvalCounts;
      let setupSeconds = 0;
      if (train) {
        const trained = await timed(() => train(trainDocs, { resources }));
        setupSeconds = trained.seconds;
        counts = sumOutcomes(evaluateDocuments(held, trained.value, options.conventions));
      } else {
        const ids = new Set(held.map((d) => d.id));
        counts = sumOutcomes(outcomes.filter((o) => ids.has(o.doc.id)));
      }
      progress(`fold ${index + 1}/${folds.length}: ${held.length} held-out documents`);
      perFold.push({ fold: index + 1, trainDocuments: trainDocs.length, testDocuments: held.length, setupSeconds, scores: summarizeEval(counts) });
      addEvalCounts(total, counts);
    }
    crossValidation = { folds: folds.length, scores: summarizeEval(total), perFold };
    if (train) cvMismatches = total.canonical.mismatches;
  }

  return {
    resubstitution: summarizeEval(resubstitutionCounts),
    crossValidation,
    trained: train !== undefined,
    setupSeconds: setup.seconds,
    // Held-out mistakes are the ones that say something about unseen text.
    mismatches: cvMismatches ?? resubstitutionCounts.canonical.mismatches,
  };
}
