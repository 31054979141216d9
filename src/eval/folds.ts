/**
 * Deterministic k-fold splits for cross-validating a trainable extractor on the
 * dev set: documents sorted by id (numeric ids as numbers), then dealt round-robin,
 * so document i of the sorted list lands in fold i mod k. The same directory always
 * gives the same folds, on any machine, whatever order the file system lists them.
 */
import { InputError } from '../model/errors';
import { compareDocumentIds } from './factru';

export const DEFAULT_FOLDS = 5;

export function splitFolds<T extends { id: string }>(documents: readonly T[], k: number = DEFAULT_FOLDS): T[][] {
  if (!Number.isInteger(k) || k < 2) throw new InputError('eval', `the number of folds must be an integer >= 2, got ${k}`);
  if (k > documents.length) throw new InputError('eval', `cannot split ${documents.length} documents into ${k} folds`);
  const sorted = [...documents].sort((a, b) => compareDocumentIds(a.id, b.id));
  const folds: T[][] = Array.from({ length: k }, () => []);
  sorted.forEach((doc, index) => folds[index % k]!.push(doc));
  return folds;
}

/** The training documents for fold `index`: every other fold, in sorted order. */
export function trainingDocuments<T extends { id: string }>(folds: readonly T[][], index: number): T[] {
  return folds
    .filter((_, i) => i !== index)
    .flat()
    .sort((a, b) => compareDocumentIds(a.id, b.id));
}
