/**
 * Tagging a document with a (possibly stacked) model: each stage featurises the
 * sentences, adding the previous stage's spans over the whole document, and decodes
 * with Viterbi.
 */
import type { Sentence, Token } from '../../tokens';
import type { FeaturisedDocument, Featuriser } from './features';
import { emissionScores, viterbi, type NerModel, type PerceptronStage } from './model';
import { decodeTags, type TagSet } from './tagset';
import type { NerSpan } from './types';

/** Spans (absolute token indices) of one stage over the document's sentences. */
export function tagStage(
  tags: TagSet,
  stage: PerceptronStage,
  featuriser: Featuriser,
  doc: FeaturisedDocument,
  previous: readonly NerSpan[] | undefined,
): NerSpan[] {
  const stacked = previous ? featuriser.stacked(doc, previous) : undefined;
  const spans: NerSpan[] = [];
  doc.base.forEach((sf, k) => {
    const offset = doc.sentences[k]!.first;
    const parts = stacked ? [sf, stacked[k]!] : [sf];
    const seq = viterbi(tags, stage.transitions, emissionScores(tags, stage, parts), sf.length);
    for (const s of decodeTags(tags, seq)) spans.push({ first: s.first + offset, last: s.last + offset, type: s.type });
  });
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
  let spans: NerSpan[] | undefined;
  for (let k = 0; k < stageCount; k++) {
    spans = tagStage(model.tags, model.stages[k]!, featuriser, doc, k === 0 ? undefined : spans);
  }
  return spans ?? [];
}

/**
 * The last stage's emission scores of every sentence (before its bias), with the
 * earlier stages run as in tagging: lets training try several per-type biases with one
 * featurisation and one pass of the weights.
 */
export function lastStageScores(model: NerModel, featuriser: Featuriser, doc: FeaturisedDocument): Float32Array[] {
  const k = model.stages.length - 1;
  const previous = k > 0 ? tagWithModel(model, featuriser, doc.tokens, doc.sentences, k, doc) : undefined;
  const stage = model.stages[k]!;
  const stacked = previous ? featuriser.stacked(doc, previous) : undefined;
  const zero = { ...stage, bias: new Float32Array(stage.bias.length) };
  return doc.base.map((sf, s) => emissionScores(model.tags, zero, stacked ? [sf, stacked[s]!] : [sf]));
}
