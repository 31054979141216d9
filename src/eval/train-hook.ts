/**
 * The training hook kg eval's cross-validation uses: trains the Russian NER model on
 * the training folds with the shipped settings and builds the whole extractor
 * (rules, lexicons, relations) around it, so the held-out fold is scored exactly as
 * users' articles are extracted, by a model that never saw it.
 */
import { createExtractor } from '../extract/index';
import { createMorphology } from '../extract/ru/morph';
import { SHIPPED_TRAIN_OPTIONS, trainNer } from '../extract/ru/ner/index';
import type { TrainHook } from './evaluate';

export const trainRussianExtractor: TrainHook = async (trainDocs, { resources }) => {
  const morph = await createMorphology(resources);
  const model = trainNer(
    trainDocs.map((doc) => ({ id: doc.id, text: doc.text, spans: doc.goldNer })),
    morph,
    SHIPPED_TRAIN_OPTIONS,
  );
  return createExtractor(resources, { nerModel: model, english: false });
};
