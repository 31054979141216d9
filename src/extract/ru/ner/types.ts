/** Public types of the Russian PER/ORG/LOC sequence labeller. */
import type { Sentence, Token } from '../../tokens';

export const NER_SPAN_TYPES = ['PER', 'ORG', 'LOC'] as const;
export type NerSpanType = (typeof NER_SPAN_TYPES)[number];

/** A tagged entity over tokens [first, last) (last is exclusive). */
export interface NerSpan {
  first: number;
  last: number;
  type: NerSpanType;
}

export interface NerTagger {
  /** Tags every sentence; spans never cross a sentence and never overlap. */
  tag(tokens: readonly Token[], sentences: readonly Sentence[]): NerSpan[];
}

/** A gold span over characters [start, end) of a training text. */
export interface TrainingSpan {
  start: number;
  end: number;
  type: NerSpanType;
}

export interface TrainingDoc {
  id: string;
  text: string;
  spans: readonly TrainingSpan[];
}

export interface TrainOptions {
  /** Passes over the training sentences (default 12). */
  epochs?: number;
  /** Seed of the per-epoch sentence shuffle (default 1): same seed, same model. */
  seed?: number;
  /** Averaged weights below this magnitude are dropped from the model (default 0.01 of the largest). */
  pruneRatio?: number;
  /** Called after each epoch, e.g. to print progress. */
  onEpoch?: (epoch: number, mistakes: number, sentences: number) => void;
}
