/**
 * The NER score of the published Russian comparison tables (natasha/naeval),
 * reproduced step by step so that a number printed here is comparable with them:
 *
 *  1. drop spans whose start is not a token start or whose stop is not a token stop;
 *  2. drop overlapping spans: sorted by (start, longest first), a span that starts
 *     before the stop of the previously kept one is dropped (across types);
 *  3. per type, tag every token I or O (IO, not BIO) with naeval's `spans_io` walk;
 *  4. count tokens: I in both / I in prediction / I in gold, summed over documents
 *     (micro-average); P, R, F1 from the sums, 0 where undefined.
 */
import type { EntityType } from '../model/vocabulary';
import type { FactRuObject, FactRuSpan } from './factru';
import { addCountFields } from './counts';

export const NER_TYPES = ['PER', 'LOC', 'ORG'] as const;
export type NerType = (typeof NER_TYPES)[number];

export interface NerSpan {
  start: number;
  /** Exclusive. */
  end: number;
  type: NerType;
}

/** Token offsets [start, stop). */
export type TokenOffsets = ReadonlyArray<readonly [number, number]>;

export interface TokenCounts {
  /** Tokens tagged I by both prediction and gold. */
  truePositive: number;
  /** Tokens tagged I by the prediction. */
  predicted: number;
  /** Tokens tagged I by gold. */
  gold: number;
}

export type NerCounts = Record<NerType, TokenCounts>;

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export function isNerType(value: unknown): value is NerType {
  return typeof value === 'string' && (NER_TYPES as readonly string[]).includes(value);
}

const ENTITY_TO_NER: Partial<Record<EntityType, NerType>> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'LOC' };

/** PERSON -> PER, ORGANIZATION -> ORG, LOCATION -> LOC; other types are not scored. */
export function nerTypeOfEntity(type: EntityType): NerType | undefined {
  return ENTITY_TO_NER[type];
}

/** factRuEval object types as the adaptation maps them. */
export function nerTypeOfObject(objectType: string): NerType | undefined {
  if (objectType === 'Person') return 'PER';
  if (objectType === 'Org') return 'ORG';
  if (objectType === 'Location' || objectType === 'LocOrg') return 'LOC';
  return undefined; // Project, Facility: dropped
}

export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function precisionRecallF1(truePositive: number, predicted: number, gold: number): PrecisionRecallF1 {
  const precision = ratio(truePositive, predicted);
  const recall = ratio(truePositive, gold);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function emptyNerCounts(): NerCounts {
  return {
    PER: { truePositive: 0, predicted: 0, gold: 0 },
    LOC: { truePositive: 0, predicted: 0, gold: 0 },
    ORG: { truePositive: 0, predicted: 0, gold: 0 },
  };
}

export function addNerCounts(into: NerCounts, other: NerCounts): NerCounts {
  for (const type of NER_TYPES) addCountFields(into[type], other[type]);
  return into;
}

/** naeval `filter_misaligned_spans`: start must be some token's start, stop some token's stop. */
export function filterMisalignedSpans<T extends { start: number; end: number }>(spans: readonly T[], tokens: TokenOffsets): T[] {
  const starts = new Set(tokens.map((t) => t[0]));
  const stops = new Set(tokens.map((t) => t[1]));
  return spans.filter((s) => starts.has(s.start) && stops.has(s.end));
}

/**
 * naeval `filter_overlapping`: in (start, -stop) order, drop a span that starts before
 * the stop of the last kept span. Returns the kept spans in their input order.
 */
export function filterOverlappingSpans<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  const order = spans.map((span, index) => ({ span, index }));
  // Array.prototype.sort is stable, as Python's sorted is: equal keys keep input order.
  order.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const dropped = new Set<number>();
  let previous: T | undefined;
  for (const { span, index } of order) {
    if (previous && previous.end > span.start) {
      dropped.add(index);
      continue;
    }
    previous = span;
  }
  return spans.filter((_, index) => !dropped.has(index));
}

/** Steps 1 and 2 of the method, then sorted by start. */
export function prepareSpans(spans: readonly NerSpan[], tokens: TokenOffsets): NerSpan[] {
  return filterOverlappingSpans(filterMisalignedSpans(spans, tokens)).sort((a, b) => a.start - b.start);
}

/**
 * naeval `spans_io`: walks sorted, non-overlapping spans alongside the tokens; a token
 * is I from the first token starting at or after the span's start up to the first
 * token whose stop reaches the span's stop.
 */
export function tagIO(tokens: TokenOffsets, sortedSpans: readonly NerSpan[]): boolean[] {
  const tags: boolean[] = [];
  let next = 0;
  let span = sortedSpans[next];
  for (const [start, stop] of tokens) {
    let inside = false;
    if (span) {
      if (start >= span.start) inside = true;
      if (stop >= span.end) span = sortedSpans[++next];
    }
    tags.push(inside);
  }
  return tags;
}

/** Token counts for one document, per type. Both span lists are filtered as the method says. */
export function scoreNerDocument(tokens: TokenOffsets, gold: readonly NerSpan[], predicted: readonly NerSpan[]): NerCounts {
  const counts = emptyNerCounts();
  const goldKept = prepareSpans(gold, tokens);
  const predictedKept = prepareSpans(predicted, tokens);
  for (const type of NER_TYPES) {
    const goldTags = tagIO(tokens, goldKept.filter((s) => s.type === type));
    const predictedTags = tagIO(tokens, predictedKept.filter((s) => s.type === type));
    const c = counts[type];
    for (let i = 0; i < tokens.length; i++) {
      if (predictedTags[i]) c.predicted += 1;
      if (goldTags[i]) c.gold += 1;
      if (predictedTags[i] && goldTags[i]) c.truePositive += 1;
    }
  }
  return counts;
}

/** Micro-averaged P/R/F1 per type, and over all three types pooled. */
export function summarizeNer(counts: NerCounts): Record<NerType | 'ALL', PrecisionRecallF1 & TokenCounts> {
  const all: TokenCounts = { truePositive: 0, predicted: 0, gold: 0 };
  const out = {} as Record<NerType | 'ALL', PrecisionRecallF1 & TokenCounts>;
  for (const type of NER_TYPES) {
    const c = counts[type];
    all.truePositive += c.truePositive;
    all.predicted += c.predicted;
    all.gold += c.gold;
    out[type] = { ...c, ...precisionRecallF1(c.truePositive, c.predicted, c.gold) };
  }
  out.ALL = { ...all, ...precisionRecallF1(all.truePositive, all.predicted, all.gold) };
  return out;
}

/**
 * The spans the reference reader (corus) sees for an object: when a span id occurs on
 * several lines of .spans, its dictionary keeps the last line.
 */
function referenceReaderSpans(object: FactRuObject): FactRuSpan[] {
  const lastById = new Map<string, FactRuSpan>();
  for (const span of object.spans) lastById.set(span.id, span);
  return [...lastById.values()];
}

/**
 * Gold PER/LOC/ORG spans from .objects and .spans by naeval's `adapt_factru`:
 * a Person object gives one PER span from its first to its last character; each
 * org_name of an Org gives ORG; each loc_name of a Location or LocOrg gives LOC
 * (overlaps inside one object dropped); Project and Facility are dropped; then
 * overlaps across objects are dropped, then spans off token boundaries, then sorted.
 */
export function deriveGoldNerSpans(objects: readonly FactRuObject[], tokens: TokenOffsets): NerSpan[] {
  const selected: NerSpan[] = [];
  for (const object of objects) {
    const spans = referenceReaderSpans(object);
    if (object.type === 'Person') {
      selected.push({
        start: Math.min(...spans.map((s) => s.start)),
        end: Math.max(...spans.map((s) => s.end)),
        type: 'PER',
      });
      continue;
    }
    const nameType = object.type === 'Org' ? 'org_name' : object.type === 'Location' || object.type === 'LocOrg' ? 'loc_name' : undefined;
    if (!nameType) continue;
    const type: NerType = nameType === 'org_name' ? 'ORG' : 'LOC';
    for (const span of filterOverlappingSpans(spans.filter((s) => s.type === nameType))) {
      selected.push({ start: span.start, end: span.end, type });
    }
  }
  return filterMisalignedSpans(filterOverlappingSpans(selected), tokens).sort((a, b) => a.start - b.start);
}
