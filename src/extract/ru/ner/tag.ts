/**
 * Tagging a document with a (possibly stacked) model: each stage featurises the
 * sentences, adding the previous stage's spans over the whole document, and decodes
 * with Viterbi.
 */
import type { Sentence, Token } from '../../tokens';
import type { Featuriser } from './features';
import { emissionScores, viterbi, type NerModel, type PerceptronStage } from './model';
import { decodeTags, type TagSet } from './tagset';
import type { NerSpan } from './types';

/** Spans (absolute token indices) of one stage over the given sentences. */
export function tagStage(
  tags: TagSet,
  stage: PerceptronStage,
  featuriser: Featuriser,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  previous: readonly NerSpan[] | undefined,
): NerSpan[] {
  const feats = featuriser.featurise(tokens, sentences, previous);
  const spans: NerSpan[] = [];
  feats.forEach((sf, k) => {
    const offset = sentences[k]!.first;
    const seq = viterbi(tags, stage.transitions, emissionScores(tags, stage, sf), sf.length);
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
): NerSpan[] {
  let spans: NerSpan[] | undefined;
  for (let k = 0; k < stageCount; k++) {
    spans = tagStage(model.tags, model.stages[k]!, featuriser, tokens, sentences, k === 0 ? undefined : spans);
  }
  return spans ?? [];
}
