/**
 * Canonical-form accuracy: does each PERSON / ORGANIZATION / LOCATION mention carry
 * the right nominative name (`norm`)?
 *
 * Scored mentions: predicted mentions that align to a gold mention (see align.ts)
 * whose gold name can be built. Accuracy = correct / scored, per type; the report
 * also gives how many predicted mentions did not align and how many aligned to a
 * gold mention without a usable gold name, so detection misses never hide here.
 *
 * The gold name of a mention:
 *  - person: the name parts the gold mention itself contains, in text order, each
 *    replaced by the .coref value of its slot (name -> firstname*, surname ->
 *    lastname*, patronymic -> patronymic*, nickname -> nickname*; among numbered
 *    slots such as firstname / firstname1 the value closest to the written word is
 *    taken). "Маткенова" alone -> the lastname only; "Тлегена Маткенова" ->
 *    "Тлеген Маткенов". Word order is not scored for people ("Маткенов Тлеген" is
 *    the same name). A span nested in another span of the same type is not a part
 *    of its own ("Ахмат-Хаджи" annotated whole and as "Ахмат" + "Хаджи" is one part).
 *    A person annotated with a plain `name` slot instead falls back to it.
 *  - organisation / location: any `name` value of the gold entity ("мэрия Москвы",
 *    "Тверская площадь", "Россия"); an entity without a name (a bare descriptor such
 *    as "правительство") accepts any of its `descriptor` values.
 * Strings compare after normalizeName (case, ё = е, quotes, dashes, spaces).
 */
import type { EntityMention } from '../model/extraction';
import type { FactRuCorefEntity, FactRuDocument, FactRuSpan } from './factru';
import { DocumentAlignment, normalizeName, type GoldMention } from './align';
import { NER_TYPES, nerTypeOfEntity, ratio, type NerType } from './ner-score';
import { addCountFields } from './counts';

export interface CanonicalCounts {
  /** Predicted mentions that aligned to a gold mention with a gold name. */
  scored: number;
  correct: number;
  /** Predicted mentions of this type that aligned to no gold mention. */
  unaligned: number;
  /** Aligned, but the gold entity has no usable name for this mention. */
  noGoldName: number;
}

export interface CanonicalMismatch {
  doc: string;
  type: NerType;
  start: number;
  end: number;
  text: string;
  predicted: string;
  gold: string[];
}

export interface CanonicalTally {
  counts: Record<NerType, CanonicalCounts>;
  /** The first mismatches, for a human to look at (capped by the caller). */
  mismatches: CanonicalMismatch[];
}

export function emptyCanonicalTally(): CanonicalTally {
  const counts = {} as Record<NerType, CanonicalCounts>;
  for (const type of NER_TYPES) counts[type] = { scored: 0, correct: 0, unaligned: 0, noGoldName: 0 };
  return { counts, mismatches: [] };
}

export function addCanonicalTally(into: CanonicalTally, other: CanonicalTally, maxMismatches = Infinity): CanonicalTally {
  for (const type of NER_TYPES) addCountFields(into.counts[type], other.counts[type]);
  for (const m of other.mismatches) if (into.mismatches.length < maxMismatches) into.mismatches.push(m);
  return into;
}

const PERSON_SLOT_FAMILY: Record<string, RegExp> = {
  name: /^firstname\d*$/,
  surname: /^lastname\d*$/,
  patronymic: /^patronymic\d*$/,
  nickname: /^nickname\d*$/,
};

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The .coref value for one written name part, or undefined when the entity has none. */
function personPartValue(spansAtPosition: readonly FactRuSpan[], written: string, entity: FactRuCorefEntity): string | undefined {
  const target = normalizeName(written);
  let best: string | undefined;
  let bestPrefix = -1;
  const consider = (family: RegExp) => {
    for (const slot of entity.slots) {
      if (!family.test(slot.key)) continue;
      const prefix = commonPrefixLength(normalizeName(slot.value), target);
      if (prefix > bestPrefix) {
        best = slot.value;
        bestPrefix = prefix;
      }
    }
  };
  for (const span of spansAtPosition) {
    const family = PERSON_SLOT_FAMILY[span.type];
    if (family) consider(family);
  }
  // A few people are annotated with a plain `name` ("Рейган", "Марина") instead of
  // the person slots: use it rather than leave the mention unscored.
  if (best === undefined) consider(/^name$/);
  return best;
}

/** The gold canonical names a predicted mention aligned to `gold` may carry (empty: none usable). */
export function goldCanonicalNames(doc: FactRuDocument, gold: GoldMention, entity: FactRuCorefEntity): string[] {
  if (gold.nerType === 'PER') {
    const positions = new Map<string, FactRuSpan[]>();
    for (const span of gold.spans) {
      const key = `${span.start}:${span.end}`;
      const list = positions.get(key);
      if (list) list.push(span);
      else positions.set(key, [span]);
    }
    // A part annotated both whole and in pieces ("Ахмат-Хаджи" as one name span and again as
    // "Ахмат" and "Хаджи") is one part: a span inside another span of the same type is skipped
    // (a surname inside a longer name span, "Жан-Мари [Ле Пен]", is still a part of its own).
    const inside = (s: FactRuSpan) => gold.spans.some((o) => o.type === s.type && o.start <= s.start && s.end <= o.end && (o.start !== s.start || o.end !== s.end));
    const parts: string[] = [];
    for (const spans of positions.values()) {
      if (inside(spans[0]!)) continue;
      const first = spans[0]!;
      const value = personPartValue(spans, doc.text.slice(first.start, first.end), entity);
      if (value === undefined) return [];
      parts.push(value);
    }
    return parts.length > 0 ? [parts.join(' ')] : [];
  }
  const names = entity.slots.filter((s) => s.key === 'name').map((s) => s.value);
  // A nameless organisation or place ("правительство", "архипелаг") is normalised by its descriptor.
  return names.length > 0 ? names : entity.slots.filter((s) => s.key === 'descriptor').map((s) => s.value);
}

function personKey(name: string): string {
  return normalizeName(name).split(' ').sort().join(' ');
}

/** Whether a predicted canonical form equals one of the gold names (rules in the module comment). */
export function canonicalMatches(type: NerType, predicted: string, goldNames: readonly string[]): boolean {
  if (type === 'PER') {
    const key = personKey(predicted);
    return goldNames.some((g) => personKey(g) === key);
  }
  const key = normalizeName(predicted);
  return goldNames.some((g) => normalizeName(g) === key);
}

export function scoreCanonicalDocument(
  doc: FactRuDocument,
  entities: readonly EntityMention[],
  alignment: DocumentAlignment = new DocumentAlignment(doc),
): CanonicalTally {
  const tally = emptyCanonicalTally();
  const corefById = new Map(doc.entities.map((e) => [e.id, e]));
  for (const mention of entities) {
    const type = nerTypeOfEntity(mention.type);
    if (!type) continue;
    const counts = tally.counts[type];
    const gold = alignment.align(mention);
    if (!gold) {
      counts.unaligned += 1;
      continue;
    }
    const entity = corefById.get(gold.entityId);
    const names = entity ? goldCanonicalNames(doc, gold, entity) : [];
    if (names.length === 0) {
      counts.noGoldName += 1;
      continue;
    }
    counts.scored += 1;
    if (canonicalMatches(type, mention.norm, names)) counts.correct += 1;
    else tally.mismatches.push({ doc: doc.id, type, start: mention.start, end: mention.end, text: mention.text, predicted: mention.norm, gold: names });
  }
  return tally;
}

export interface CanonicalSummary extends CanonicalCounts {
  /** correct / scored (0 when nothing was scored). */
  accuracy: number;
}

export function summarizeCanonical(tally: CanonicalTally): Record<NerType | 'ALL', CanonicalSummary> {
  const out = {} as Record<NerType | 'ALL', CanonicalSummary>;
  const all: CanonicalCounts = { scored: 0, correct: 0, unaligned: 0, noGoldName: 0 };
  for (const type of NER_TYPES) {
    const c = tally.counts[type];
    all.scored += c.scored;
    all.correct += c.correct;
    all.unaligned += c.unaligned;
    all.noGoldName += c.noGoldName;
    out[type] = { ...c, accuracy: ratio(c.correct, c.scored) };
  }
  out.ALL = { ...all, accuracy: ratio(all.correct, all.scored) };
  return out;
}
