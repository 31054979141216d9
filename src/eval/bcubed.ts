/**
 * B-cubed (Bagga & Baldwin 1998) for within-document coreference of PER/ORG/LOC.
 *
 * Items are the predicted mentions that align to a gold mention (align.ts); an
 * item's gold cluster is its aligned mention's .coref entity, its predicted cluster
 * its `entity` key (a missing key: one entity per distinct type + norm). Predicted
 * mentions that align to nothing are left out, which is the usual way when mention
 * detection is imperfect; their number is reported beside the score.
 *
 * A second figure counts every gold mention instead (scoreCorefAllGoldDocument):
 * items are all gold mentions of PER/ORG/LOC type (Person, Org, Location, LocOrg
 * objects in .coref entities); a gold mention's predicted cluster is the entity key
 * of the predicted mention aligned to it (align.ts; when several align to it, the one
 * with the highest overlap-over-union, ties: earlier, then shorter), and a gold
 * mention no prediction aligns to is a singleton of its own in the predicted
 * clustering. Missed mentions therefore cost recall (their gold cluster-mates are
 * not with them) but not precision; predicted mentions aligned to no gold mention
 * are not items here either.
 *
 * Per item i: P_i = |pred(i) ∩ gold(i)| / |pred(i)|, R_i = |pred(i) ∩ gold(i)| / |gold(i)|,
 * both over the items of i's document. Precision and recall are the means over all
 * items of all documents (micro-average); F1 their harmonic mean.
 */
import type { EntityMention } from '../model/extraction';
import type { FactRuDocument } from './factru';
import { DocumentAlignment, predictedEntityKey, type GoldMention } from './align';
import { nerTypeOfEntity, ratio, type PrecisionRecallF1 } from './ner-score';
import { addCountFields } from './counts';

export interface BcubedItem {
  predicted: string;
  gold: string;
}

export interface BcubedCounts {
  items: number;
  precisionSum: number;
  recallSum: number;
  /** PER/ORG/LOC predicted mentions that aligned to no gold mention (left out). */
  unaligned: number;
}

export function emptyBcubedCounts(): BcubedCounts {
  return { items: 0, precisionSum: 0, recallSum: 0, unaligned: 0 };
}

export function addBcubedCounts(into: BcubedCounts, other: BcubedCounts): BcubedCounts {
  return addCountFields(into, other);
}

function clusterSizes(keys: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const key of keys) sizes.set(key, (sizes.get(key) ?? 0) + 1);
  return sizes;
}

/** B-cubed sums over the items of one document. */
export function bcubedDocument(items: readonly BcubedItem[]): BcubedCounts {
  const predictedSizes = clusterSizes(items.map((i) => i.predicted));
  const goldSizes = clusterSizes(items.map((i) => i.gold));
  const bothSizes = clusterSizes(items.map((i) => `${i.predicted}\u0000${i.gold}`));
  let precisionSum = 0;
  let recallSum = 0;
  for (const item of items) {
    const both = bothSizes.get(`${item.predicted}\u0000${item.gold}`)!;
    precisionSum += both / predictedSizes.get(item.predicted)!;
    recallSum += both / goldSizes.get(item.gold)!;
  }
  return { items: items.length, precisionSum, recallSum, unaligned: 0 };
}

export function scoreCorefDocument(
  doc: FactRuDocument,
  entities: readonly EntityMention[],
  alignment: DocumentAlignment = new DocumentAlignment(doc),
): BcubedCounts {
  const items: BcubedItem[] = [];
  let unaligned = 0;
  for (const mention of entities) {
    if (!nerTypeOfEntity(mention.type)) continue;
    const gold = alignment.align(mention);
    if (!gold) {
      unaligned += 1;
      continue;
    }
    items.push({ predicted: predictedEntityKey(mention), gold: gold.entityId });
  }
  return { ...bcubedDocument(items), unaligned };
}

export function summarizeBcubed(counts: BcubedCounts): BcubedCounts & PrecisionRecallF1 {
  const precision = ratio(counts.precisionSum, counts.items);
  const recall = ratio(counts.recallSum, counts.items);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...counts, precision, recall, f1 };
}

/** The all-gold-mentions figure: every gold PER/ORG/LOC mention is an item. */
export interface AllGoldBcubedCounts {
  items: number;
  precisionSum: number;
  recallSum: number;
  /** Gold mentions no predicted mention aligned to (each a predicted singleton). */
  missed: number;
}

export function emptyAllGoldBcubedCounts(): AllGoldBcubedCounts {
  return { items: 0, precisionSum: 0, recallSum: 0, missed: 0 };
}

export function addAllGoldBcubedCounts(into: AllGoldBcubedCounts, other: AllGoldBcubedCounts): AllGoldBcubedCounts {
  return addCountFields(into, other);
}

/** B-cubed over every gold PER/ORG/LOC mention of the document (see the module comment). */
export function scoreCorefAllGoldDocument(
  doc: FactRuDocument,
  entities: readonly EntityMention[],
  alignment: DocumentAlignment = new DocumentAlignment(doc),
): AllGoldBcubedCounts {
  const best = new Map<GoldMention, { mention: EntityMention; score: number }>();
  for (const mention of entities) {
    if (!nerTypeOfEntity(mention.type)) continue;
    const aligned = alignment.alignScored(mention);
    if (!aligned) continue;
    const held = best.get(aligned.gold);
    const better =
      !held ||
      aligned.score > held.score ||
      (aligned.score === held.score &&
        (mention.start < held.mention.start || (mention.start === held.mention.start && mention.end < held.mention.end)));
    if (better) best.set(aligned.gold, { mention, score: aligned.score });
  }
  const items: BcubedItem[] = [];
  let missed = 0;
  alignment.mentions.forEach((gold, index) => {
    if (!gold.nerType) return;
    const predicted = best.get(gold)?.mention;
    if (!predicted) missed += 1;
    // A NUL-prefixed key can never equal an entity or norm key: a missed mention is alone.
    items.push({ predicted: predicted ? predictedEntityKey(predicted) : `\u0000missed:${index}`, gold: gold.entityId });
  });
  const { precisionSum, recallSum } = bcubedDocument(items);
  return { items: items.length, precisionSum, recallSum, missed };
}

export function summarizeAllGoldBcubed(counts: AllGoldBcubedCounts): AllGoldBcubedCounts & PrecisionRecallF1 {
  const precision = ratio(counts.precisionSum, counts.items);
  const recall = ratio(counts.recallSum, counts.items);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...counts, precision, recall, f1 };
}
