/**
 * The training hook kg eval's cross-validation uses: trains the Russian NER model on
 * the training folds exactly as the shipped model is trained (settings and lexicon
 * features: trainShippedNer) and builds the whole extractor (rules, lexicons,
 * relations) around it, so the held-out fold is scored as users' articles are
 * extracted, by a model that never saw it.
 */
import { createExtractor } from '../extract/index';
import { createMorphology } from '../extract/ru/morph';
import { trainShippedNer } from '../extract/ru/ner/index';
import type { TrainHook } from './evaluate';

export const trainRussianExtractor: TrainHook = async (trainDocs, { resources }) => {
  const morph = await createMorphology(resources);
  const model = await trainShippedNer(
    trainDocs.map((doc) => ({ id: doc.id, text: doc.text, spans: doc.goldNer })),
    morph,
    resources,
  );
  return createExtractor(resources, { nerModel: model, english: false });
};
