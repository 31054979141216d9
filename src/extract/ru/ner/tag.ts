/**
 * Tagging a document with a (possibly stacked) model: each stage featurises the
 * sentences, adding the previous stage's spans over the whole document, and decodes
 * with Viterbi.
 *
 * Every stage sees the same base features, so their rows are looked up once per
 * document in one table over all stages' features (per-stage weights aligned to it);
 * only the stacked features are looked up per stage. Feature lookups are most of the
 * tagging time.
 */
import type { Sentence, Token } from '../../tokens';
import type { FeaturisedDocument, Featuriser, SentenceFeatures } from './features';
import { FeatureTable } from './hash';
import { viterbi, type NerModel } from './model';
import { decodeTags } from './tagset';
import type { NerSpan } from './types';

interface TaggingTables {
  table: FeatureTable;
  /** Per stage: union rows x tags (zeros where the stage has no weight for the feature). */
  weights: Float32Array[];
}

const tablesByModel = new WeakMap<NerModel, TaggingTables>();

function taggingTables(model: NerModel): TaggingTables {
  const cached = tablesByModel.get(model);
  if (cached) return cached;
  const nt = model.tags.names.length;
  const rows = new Map<number, number>();
  for (const stage of model.stages) for (const h of stage.hashes) if (!rows.has(h)) rows.set(h, rows.size);
  const table = new FeatureTable(rows.size);
  for (const [h, row] of rows) table.set(h, row);
  const weights = model.stages.map((stage) => {
    const w = new Float32Array(rows.size * nt);
    stage.hashes.forEach((h, r) => w.set(stage.weights.subarray(r * nt, (r + 1) * nt), rows.get(h)! * nt));
    return w;
  });
  const tables = { table, weights };
  tablesByModel.set(model, tables);
  return tables;
}

/** Row (or -1) of every feature of a sentence. */
function lookupRows(table: FeatureTable, sf: SentenceFeatures): Int32Array {
  const rows = new Int32Array(sf.features.length);
  for (let k = 0; k < rows.length; k++) rows[k] = table.get(sf.features[k]!);
  return rows;
}

/** Emission scores (n x tags) of stage k from looked-up rows of its feature sets. */
function scoresOf(model: NerModel, tables: TaggingTables, k: number, parts: ReadonlyArray<{ sf: SentenceFeatures; rows: Int32Array }>, withBias: boolean): Float32Array {
  const nt = model.tags.names.length;
  const n = parts[0]?.sf.length ?? 0;
  const scores = new Float32Array(n * nt);
  const weights = tables.weights[k]!;
  if (withBias) for (let i = 0; i < n; i++) scores.set(model.stages[k]!.bias, i * nt);
  for (const { sf, rows } of parts) {
    for (let i = 0; i < n; i++) {
      const base = i * nt;
      for (let f = sf.offsets[i]!; f < sf.offsets[i + 1]!; f++) {
        const row = rows[f]!;
        if (row < 0) continue;
        const w = row * nt;
        for (let t = 0; t < nt; t++) scores[base + t]! += weights[w + t]!;
      }
    }
  }
  return scores;
}

/** Runs stages 0..stageCount-1; returns the spans of the last stage run and, when asked, its raw scores. */
function runStages(
  model: NerModel,
  featuriser: Featuriser,
  doc: FeaturisedDocument,
  stageCount: number,
  rawLastScores?: Float32Array[],
): NerSpan[] {
  const tables = taggingTables(model);
  const baseRows = doc.base.map((sf) => lookupRows(tables.table, sf));
  let spans: NerSpan[] = [];
  for (let k = 0; k < stageCount; k++) {
    const stacked = k > 0 ? featuriser.stacked(doc, spans) : undefined;
    const last = k === stageCount - 1;
    const next: NerSpan[] = [];
    doc.base.forEach((sf, s) => {
      const parts = [{ sf, rows: baseRows[s]! }];
      if (stacked) parts.push({ sf: stacked[s]!, rows: lookupRows(tables.table, stacked[s]!) });
      if (last && rawLastScores) {
        rawLastScores.push(scoresOf(model, tables, k, parts, false));
        return;
      }
      const seq = viterbi(model.tags, model.stages[k]!.transitions, scoresOf(model, tables, k, parts, true), sf.length);
      const offset = doc.sentences[s]!.first;
      for (const span of decodeTags(model.tags, seq)) next.push({ first: span.first + offset, last: span.last + offset, type: span.type });
    });
    spans = next;
  }
  return spans;
}

/** Runs the first `stageCount` stages (all by default) and returns the last one's spans. */
export function tagWithModel(
  model: NerModel,
  featuriser: Featuriser,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  stageCount = model.stages.length,
  featurised?: FeaturisedDocument,
): NerSpan[] {
  const doc = featurised ?? featuriser.featurise(tokens, sentences);
  return runStages(model, featuriser, doc, Math.min(stageCount, model.stages.length));
}

/**
 * The last stage's emission scores of every sentence (before its bias), with the
 * earlier stages run as in tagging: lets training try several per-type biases with one
 * featurisation and one pass of the weights.
 */
export function lastStageScores(model: NerModel, featuriser: Featuriser, doc: FeaturisedDocument): Float32Array[] {
  const scores: Float32Array[] = [];
  runStages(model, featuriser, doc, model.stages.length, scores);
  return scores;
}
