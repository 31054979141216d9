/**
 * Russian PER / ORG / LOC tagger: stacked averaged structured perceptrons over
 * BILOU tags (see train.ts), with weights shipped in graph-data/models/ner-ru.json and
 * loaded through the injected resource loader, so it runs the same in Node and
 * in the browser.
 */
import type { ExtractorResources } from '../../resources';
import { MAX_SENTENCE_TOKENS, type Sentence, type Token } from '../../tokens';
import type { Morphology } from '../morph';
import { Featuriser } from './features';
import { deserializeNerModel, type NerModel } from './model';
import { tagWithModel } from './tag';
import type { NerTagger } from './types';

export type { NerSpan, NerSpanType, NerTagger, TrainingDoc, TrainingSpan, TrainOptions } from './types';
export { NER_SPAN_TYPES } from './types';
export type { NerModel, NerModelFile, PerceptronStage } from './model';
export { serializeNerModel, deserializeNerModel, documentFingerprint, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './model';
export { trainNer, trainShippedNer, alignSpans, SHIPPED_TRAIN_OPTIONS, type FullTrainOptions } from './train';
export type { TagScheme } from './tagset';
export { loadNerLexicon, compileNerLexicon, NER_LEXICON_FILES, type NerLexicon } from './lexicon';

/** Resource name of the shipped model (graph-data/models/ner-ru.json in Node). */
export const NER_MODEL_RESOURCE = 'models/ner-ru.json';

/** Sentences that are safe to index: inside the token array, non-empty, in order. */
function usableSentences(tokens: readonly Token[], sentences: readonly Sentence[]): Sentence[] {
  const out: Sentence[] = [];
  if (sentences.length === 0 && tokens.length > 0) {
    // No sentence split given: tag the tokens in bounded windows.
    for (let first = 0; first < tokens.length; first += MAX_SENTENCE_TOKENS) {
      const last = Math.min(tokens.length, first + MAX_SENTENCE_TOKENS);
      out.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last });
    }
    return out;
  }
  let floor = 0;
  for (const s of sentences) {
    const first = Math.max(floor, Math.trunc(s.first));
    const last = Math.min(tokens.length, Math.trunc(s.last));
    if (!(last > first)) continue;
    out.push({ ...s, first, last });
    floor = last;
  }
  return out;
}

/** A tagger over an in-memory model (used by createNerTagger and by cross-validation). */
export function nerTaggerFromModel(model: NerModel, morph: Morphology): NerTagger {
  const featuriser = new Featuriser(morph, model.lexicon);
  return {
    tag(tokens, sentences) {
      return tagWithModel(model, featuriser, tokens, usableSentences(tokens, sentences));
    },
  };
}

export async function loadNerModel(resources: ExtractorResources, name = NER_MODEL_RESOURCE): Promise<NerModel> {
  let data: unknown;
  try {
    data = await resources.load(name, 'json');
  } catch (err) {
    throw new Error(`ner: cannot load the model ${name}: ${(err as Error).message}`);
  }
  return deserializeNerModel(data);
}

export async function createNerTagger(resources: ExtractorResources, morph: Morphology): Promise<NerTagger> {
  return nerTaggerFromModel(await loadNerModel(resources), morph);
}
