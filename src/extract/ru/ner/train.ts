/**
 * Training: averaged structured perceptrons (Collins 2002) with Viterbi decoding
 * over BIO/BILOU tags, stacked in stages. Deterministic: documents are taken in the given order,
 * features are numbered in first-seen order, and each epoch's sentence order comes
 * from a seeded generator, so the same data and options give the same model.
 */
import { splitSentences, tokenize, type Sentence, type Token } from '../../tokens';
import type { ExtractorResources } from '../../resources';
import type { Morphology } from '../morph';
import { seededRandom } from '../../../util/random';
import { FEATURE_VERSION, Featuriser, mergeFeatures, type FeaturisedDocument } from './features';
import { EMPTY_NER_LEXICON, loadNerLexicon, type NerLexicon } from './lexicon';
import { createStage, documentFingerprint, viterbi, type NerModel, type PerceptronStage } from './model';
import { lastStageScores, tagWithModel } from './tag';
import { createTagSet, encodeSpans, type TagScheme, type TagSet } from './tagset';
import { NER_SPAN_TYPES, type NerSpan, type NerSpanType, type TrainingDoc, type TrainingSpan, type TrainOptions } from './types';

export interface FullTrainOptions extends TrainOptions {
  /** Tag scheme (default BILOU). */
  scheme?: TagScheme;
  /** Averaged weights with magnitude below this are dropped (default 0.05). */
  minWeight?: number;
  /** Stacked stages (default 2): stage 2 sees stage 1's spans over the whole document. */
  stages?: number;
  /** Features seen fewer times than this in training are ignored (default 1). */
  minCount?: number;
  /** Perceptrons with different seeds whose weights are averaged (default 1): less variance. */
  bags?: number;
  /** Inner folds that produce the previous stage's spans on training documents (default 4). */
  stackFolds?: number;
  /** Score offset per entity type added to every tag of that type in the last stage (default none). */
  typeBias?: Partial<Record<NerSpanType, number>>;
  /**
   * Choose `typeBias` on the training documents: train on one half, decode the other with
   * candidate biases (both ways round), keep the biases with the best macro F1 (default false).
   */
  tuneBias?: boolean;
  /** Called with the biases tuneBias chose. */
  onBias?: (bias: Partial<Record<NerSpanType, number>>) => void;
  /** Gazetteer table for the lexicon features (loadNerLexicon); shipped inside the model. */
  lexicon?: NerLexicon;
}

/**
 * The settings the shipped model (graph-data/models/ner-ru.json) is trained with, by
 * scripts/train-ner.ts and by kg eval's cross-validation: one source, so the
 * cross-validated numbers describe the model users get.
 */
export const SHIPPED_TRAIN_OPTIONS: Readonly<Required<Omit<FullTrainOptions, 'onEpoch' | 'pruneRatio' | 'stackFolds' | 'lexicon' | 'typeBias' | 'onBias'>>> = {
  epochs: 12,
  scheme: 'BIO',
  minWeight: 0.05,
  stages: 2,
  seed: 1,
  bags: 3,
  minCount: 2,
  tuneBias: true,
};

interface TrainingSentence {
  length: number;
  offsets: Int32Array;
  /** Feature rows (indices into the weight matrix). */
  rows: Int32Array;
  gold: Int8Array;
}


/**
 * Gold spans over characters -> spans over tokens, per sentence. A token belongs to
 * a span when it overlaps it; a span crossing a sentence end is cut at the end.
 */
export function alignSpans(tokens: readonly Token[], sentences: readonly Sentence[], spans: readonly TrainingSpan[]): NerSpan[][] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const bySentence: NerSpan[][] = sentences.map(() => []);
  let si = 0;
  for (const span of sorted) {
    // Tokens overlapping the span.
    let first = -1;
    let last = -1;
    for (let i = lowerBound(tokens, span.start); i < tokens.length && tokens[i]!.start < span.end; i++) {
      if (tokens[i]!.end <= span.start) continue;
      if (first < 0) first = i;
      last = i + 1;
    }
    if (first < 0) continue;
    while (si > 0 && sentences[si]!.first > first) si--;
    while (si < sentences.length && sentences[si]!.last <= first) si++;
    const s = sentences[si];
    if (!s) continue;
    const list = bySentence[si]!;
    const rel = { first: first - s.first, last: Math.min(last, s.last) - s.first, type: span.type };
    const prev = list[list.length - 1];
    if (prev && prev.last > rel.first) continue; // overlapping gold: keep the earlier
    list.push(rel);
  }
  return bySentence;
}

function lowerBound(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface PreparedDoc {
  tokens: Token[];
  sentences: Sentence[];
  features: FeaturisedDocument;
  gold: Int8Array[];
}

function prepare(docs: readonly TrainingDoc[], tags: TagSet, featuriser: Featuriser): PreparedDoc[] {
  return docs.map((doc) => {
    const tokens = tokenize(doc.text);
    const sentences = splitSentences(tokens);
    const spans = alignSpans(tokens, sentences, doc.spans);
    const gold = sentences.map((s, k) => encodeSpans(tags, s.last - s.first, spans[k]!));
    return { tokens, sentences, features: featuriser.featurise(tokens, sentences), gold };
  });
}

/** Trains one perceptron; `previous[d]` are the previous stage's spans of document d (stacking). */
function trainStage(
  docs: readonly PreparedDoc[],
  previous: ReadonlyArray<readonly NerSpan[]> | undefined,
  tags: TagSet,
  featuriser: Featuriser,
  options: FullTrainOptions,
  stageNumber: number,
): PerceptronStage {
  const nt = tags.names.length;
  const epochs = options.epochs ?? 12;
  const minWeight = options.minWeight ?? 0.05;
  const index = new Map<number, number>();
  const sentences: TrainingSentence[] = [];

  // Features seen fewer than minCount times get row -1: too rare to learn from.
  const minCount = Math.max(1, options.minCount ?? 1);
  const featurised = docs.map((doc, d) => {
    const prev = previous?.[d];
    if (!prev) return doc.features.base;
    const stacked = featuriser.stacked(doc.features, prev);
    return doc.features.base.map((sf, k) => mergeFeatures([sf, stacked[k]!]));
  });
  const counts = new Map<number, number>();
  for (const feats of featurised) for (const sf of feats) for (const h of sf.features) counts.set(h, (counts.get(h) ?? 0) + 1);
  featurised.forEach((feats, d) => {
    feats.forEach((sf, k) => {
      const rows = new Int32Array(sf.features.length);
      for (let j = 0; j < sf.features.length; j++) {
        const h = sf.features[j]!;
        let row = index.get(h);
        if (row === undefined) {
          if (counts.get(h)! < minCount) {
            rows[j] = -1;
            continue;
          }
          row = index.size;
          index.set(h, row);
        }
        rows[j] = row;
      }
      sentences.push({ length: sf.length, offsets: sf.offsets, rows, gold: docs[d]!.gold[k]! });
    });
  });

  const nf = index.size;
  const bags = Math.max(1, options.bags ?? 1);
  const avgWeights = new Float64Array(nf * nt);
  const avgTransitions = new Float64Array((nt + 1) * nt);
  for (let bag = 0; bag < bags; bag++) {
    const seed = (options.seed ?? 1) + stageNumber * 7919 + bag * 104729;
    const run = runPerceptron(sentences, nf, tags, epochs, seed, bag === 0 ? options.onEpoch : undefined);
    for (let j = 0; j < avgWeights.length; j++) avgWeights[j]! += run.weights[j]! / bags;
    for (let j = 0; j < avgTransitions.length; j++) avgTransitions[j]! += run.transitions[j]! / bags;
  }

  // Rows whose weights are all negligible are dropped.
  const keptHashes: number[] = [];
  const kept: number[] = [];
  for (const [hash, row] of index) {
    let big = false;
    for (let t = 0; t < nt; t++) if (Math.abs(avgWeights[row * nt + t]!) >= minWeight) big = true;
    if (!big) continue;
    keptHashes.push(hash);
    kept.push(row);
  }
  const weights = new Float32Array(kept.length * nt);
  kept.forEach((row, r) => {
    for (let t = 0; t < nt; t++) weights[r * nt + t] = avgWeights[row * nt + t]!;
  });
  return createStage(Uint32Array.from(keptHashes), weights, Float32Array.from(avgTransitions));
}

/** One averaged-perceptron run over the sentences in a seeded order per epoch. */
function runPerceptron(
  sentences: readonly TrainingSentence[],
  nf: number,
  tags: TagSet,
  epochs: number,
  seed: number,
  onEpoch: TrainOptions['onEpoch'],
): { weights: Float64Array; transitions: Float64Array } {
  const nt = tags.names.length;
  const w = new Float64Array(nf * nt);
  const acc = new Float64Array(nf * nt);
  const tw = new Float64Array((nt + 1) * nt);
  const tacc = new Float64Array((nt + 1) * nt);
  let c = 1;
  const random = seededRandom(seed);
  const order = sentences.map((_, i) => i);

  const update = (s: TrainingSentence, i: number, tag: number, delta: number) => {
    for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
      const row = s.rows[k]!;
      if (row < 0) continue;
      const j = row * nt + tag;
      w[j]! += delta;
      acc[j]! += c * delta;
    }
  };
  const updateTransition = (prev: number, cur: number, delta: number) => {
    const j = prev * nt + cur;
    tw[j]! += delta;
    tacc[j]! += c * delta;
  };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mistakes = 0;
    for (const si of order) {
      const s = sentences[si]!;
      const n = s.length;
      if (n === 0) continue;
      const scores = new Float64Array(n * nt);
      for (let i = 0; i < n; i++) {
        for (let k = s.offsets[i]!; k < s.offsets[i + 1]!; k++) {
          const row = s.rows[k]!;
          if (row < 0) continue;
          const base = row * nt;
          for (let t = 0; t < nt; t++) scores[i * nt + t]! += w[base + t]!;
        }
      }
      const pred = viterbi(tags, tw, scores, n);
      let wrong = false;
      for (let i = 0; i < n; i++) {
        const g = s.gold[i]!;
        const p = pred[i]!;
        const gp = i === 0 ? nt : s.gold[i - 1]!;
        const pp = i === 0 ? nt : pred[i - 1]!;
        if (g !== p) {
          wrong = true;
          update(s, i, g, 1);
          update(s, i, p, -1);
        }
        if (g !== p || gp !== pp) {
          updateTransition(gp, g, 1);
          updateTransition(pp, p, -1);
        }
      }
      if (wrong) mistakes++;
      c++;
    }
    onEpoch?.(epoch, mistakes, sentences.length);
  }

  const weights = new Float64Array(nf * nt);
  for (let j = 0; j < weights.length; j++) weights[j] = w[j]! - acc[j]! / c;
  const transitions = new Float64Array((nt + 1) * nt);
  for (let j = 0; j < transitions.length; j++) transitions[j] = tw[j]! - tacc[j]! / c;
  return { weights, transitions };
}

/**
 * Trains `stages` stacked perceptrons. Stage k learns from stage k-1's spans; so that
 * those spans are as wrong on training documents as they will be on new text, they
 * come from models trained without the document (inner round-robin folds).
 */
function trainStages(docs: readonly PreparedDoc[], tags: TagSet, featuriser: Featuriser, options: FullTrainOptions, stageCount: number): NerModel {
  const stages: PerceptronStage[] = [];
  for (let k = 0; k < stageCount; k++) {
    let previous: NerSpan[][] | undefined;
    if (k > 0) {
      const folds = Math.min(options.stackFolds ?? 4, docs.length);
      previous = docs.map(() => []);
      if (folds < 2) {
        const model: NerModel = { tags, featureVersion: FEATURE_VERSION, stages, lexicon: options.lexicon ?? EMPTY_NER_LEXICON };
        docs.forEach((doc, d) => (previous![d] = tagWithModel(model, featuriser, doc.tokens, doc.sentences, k, doc.features)));
      } else {
        for (let f = 0; f < folds; f++) {
          const inner = trainStages(docs.filter((_, d) => d % folds !== f), tags, featuriser, { ...options, onEpoch: undefined }, k);
          docs.forEach((doc, d) => {
            if (d % folds === f) previous![d] = tagWithModel(inner, featuriser, doc.tokens, doc.sentences, undefined, doc.features);
          });
        }
      }
    }
    stages.push(trainStage(docs, previous, tags, featuriser, options, k));
  }
  return { tags, featureVersion: FEATURE_VERSION, stages, lexicon: options.lexicon ?? EMPTY_NER_LEXICON };
}

/** Sets the last stage's per-tag offsets from per-type biases (inner stacking models never get them). */
function applyTypeBias(model: NerModel, typeBias: FullTrainOptions['typeBias']): NerModel {
  const last = model.stages[model.stages.length - 1];
  if (!last || !typeBias) return model;
  model.tags.names.forEach((name, t) => {
    const bias = typeBias[name.slice(2) as NerSpanType];
    if (name !== 'O' && bias) last.bias[t] = bias;
  });
  return model;
}

export function trainNer(docs: readonly TrainingDoc[], morph: Morphology, options: FullTrainOptions = {}): NerModel {
  const tags = createTagSet(options.scheme ?? 'BILOU');
  const featuriser = new Featuriser(morph, options.lexicon);
  const prepared = prepare(docs, tags, featuriser);
  const stageCount = Math.max(1, options.stages ?? 2);
  const typeBias = options.tuneBias && prepared.length >= 4 ? tuneTypeBias(prepared, tags, featuriser, options, stageCount) : options.typeBias;
  const model = trainStages(prepared, tags, featuriser, options, stageCount);
  model.trainedOn = docs.map((d) => documentFingerprint(d.text)).sort();
  return applyTypeBias(model, typeBias);
}

/** Candidate biases (in weight units; the averaged weights' scale barely moves with the amount of data). */
const BIAS_GRID = [-10, -5, 0, 5, 10, 15, 20, 25, 30, 40];

/**
 * Per-type biases chosen on the training documents only: two inner halves, each tagged by
 * a model trained on the other; coordinate search over BIAS_GRID for ORG, LOC then PER,
 * maximising the macro-averaged token F1 of the three types.
 */
function tuneTypeBias(
  docs: readonly PreparedDoc[],
  tags: TagSet,
  featuriser: Featuriser,
  options: FullTrainOptions,
  stageCount: number,
): Partial<Record<NerSpanType, number>> {
  const inner = { ...options, onEpoch: undefined, tuneBias: false };
  const sentences: Array<{ scores: Float32Array; gold: Int8Array; transitions: Float32Array }> = [];
  for (let f = 0; f < 2; f++) {
    const model = trainStages(docs.filter((_, d) => d % 2 !== f), tags, featuriser, inner, stageCount);
    const transitions = model.stages[model.stages.length - 1]!.transitions;
    docs.forEach((doc, d) => {
      if (d % 2 !== f) return;
      lastStageScores(model, featuriser, doc.features).forEach((scores, k) => sentences.push({ scores, gold: doc.gold[k]!, transitions }));
    });
  }
  const nt = tags.names.length;
  const typeOf = tags.names.map((name) => (name === 'O' ? -1 : NER_SPAN_TYPES.indexOf(name.slice(2) as NerSpanType)));
  const macroF1 = (typeBias: readonly number[]): number => {
    const bias = typeOf.map((t) => (t < 0 ? 0 : typeBias[t]!));
    const tp = [0, 0, 0];
    const fp = [0, 0, 0];
    const fn = [0, 0, 0];
    for (const s of sentences) {
      const n = s.gold.length;
      const scores = Float32Array.from(s.scores);
      for (let i = 0; i < n; i++) for (let t = 0; t < nt; t++) scores[i * nt + t]! += bias[t]!;
      const pred = viterbi(tags, s.transitions, scores, n);
      for (let i = 0; i < n; i++) {
        const g = typeOf[s.gold[i]!]!;
        const p = typeOf[pred[i]!]!;
        if (g === p) {
          if (g >= 0) tp[g]!++;
          continue;
        }
        if (p >= 0) fp[p]!++;
        if (g >= 0) fn[g]!++;
      }
    }
    let sum = 0;
    for (let t = 0; t < 3; t++) sum += tp[t]! === 0 ? 0 : (2 * tp[t]!) / (2 * tp[t]! + fp[t]! + fn[t]!);
    return sum / 3;
  };
  const best = [0, 0, 0];
  let bestF1 = macroF1(best);
  for (const type of ['ORG', 'LOC', 'PER'] as const) {
    const t = NER_SPAN_TYPES.indexOf(type);
    for (const b of BIAS_GRID) {
      const trial = [...best];
      trial[t] = b;
      const f1 = macroF1(trial);
      if (f1 > bestF1 + 1e-9) {
        bestF1 = f1;
        best[t] = b;
      }
    }
  }
  const out: Partial<Record<NerSpanType, number>> = {};
  NER_SPAN_TYPES.forEach((type, t) => {
    if (best[t] !== 0) out[type] = best[t]!;
  });
  options.onBias?.(out);
  return out;
}

/**
 * Trains a model exactly as the shipped one is trained (SHIPPED_TRAIN_OPTIONS and the
 * lexicon table from the resource loader): what scripts/train-ner.ts and kg eval's
 * cross-validation both call, so the cross-validated numbers describe the shipped model.
 */
export async function trainShippedNer(docs: readonly TrainingDoc[], morph: Morphology, resources: ExtractorResources): Promise<NerModel> {
  return trainNer(docs, morph, { ...SHIPPED_TRAIN_OPTIONS, lexicon: await loadNerLexicon(resources, morph) });
}
