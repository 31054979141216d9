/**
 * How a predicted mention is matched to the gold annotation, shared by the
 * canonical-form, relation and coreference scores.
 *
 * A gold mention is a factRuEval object that belongs to a .coref entity; its
 * characters are the union of its spans (not the gap between them: "мэрии ...
 * Москвы" spans two places). A predicted PERSON / ORGANIZATION / LOCATION mention
 * aligns to the gold mention of the same type (Person -> PER, Org -> ORG,
 * Location and LocOrg -> LOC) with the highest character overlap-over-union
 * (Jaccard) with it; ties go to the earlier, then shorter gold mention. No
 * overlap, no alignment. Several predicted mentions may align to one gold mention
 * (e.g. a name split in two): each is judged on its own.
 */
import type { EntityMention } from '../model/extraction';
import type { FactRuDocument, FactRuSpan } from './factru';
import { nerTypeOfEntity, nerTypeOfObject, type NerType } from './ner-score';

export interface GoldMention {
  /** The .coref entity the object belongs to. */
  entityId: string;
  objectId: string;
  /** Person, Org, Location, LocOrg, Project, Facility */
  objectType: string;
  nerType: NerType | undefined;
  /** The object's spans in text order (a span typed twice appears twice). */
  spans: FactRuSpan[];
  /** Merged character ranges covered by the spans, sorted. */
  ranges: Array<[number, number]>;
  chars: number;
}

export function mergeRanges(ranges: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const sorted = ranges.map((r) => [r[0], r[1]] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/** Characters of [start, end) that fall inside the merged ranges. */
export function overlapChars(ranges: ReadonlyArray<readonly [number, number]>, start: number, end: number): number {
  let total = 0;
  for (const [s, e] of ranges) total += Math.max(0, Math.min(e, end) - Math.max(s, start));
  return total;
}

export function goldMentions(doc: FactRuDocument): GoldMention[] {
  const objects = new Map(doc.objects.map((o) => [o.id, o]));
  const mentions: GoldMention[] = [];
  for (const entity of doc.entities) {
    for (const objectId of entity.objectIds) {
      const object = objects.get(objectId);
      if (!object) continue; // the reader already rejects this; kept total for safety
      const spans = [...object.spans].sort((a, b) => a.start - b.start || a.end - b.end);
      const ranges = mergeRanges(spans.map((s) => [s.start, s.end] as const));
      mentions.push({
        entityId: entity.id,
        objectId,
        objectType: object.type,
        nerType: nerTypeOfObject(object.type),
        spans,
        ranges,
        chars: ranges.reduce((sum, [s, e]) => sum + e - s, 0),
      });
    }
  }
  return mentions;
}

/** The gold mentions of one document, indexed for alignment. */
export class DocumentAlignment {
  readonly mentions: GoldMention[];
  private readonly byEntity = new Map<string, GoldMention[]>();

  constructor(readonly doc: FactRuDocument) {
    this.mentions = goldMentions(doc);
    for (const mention of this.mentions) {
      const list = this.byEntity.get(mention.entityId);
      if (list) list.push(mention);
      else this.byEntity.set(mention.entityId, [mention]);
    }
  }

  mentionsOf(entityId: string): readonly GoldMention[] {
    return this.byEntity.get(entityId) ?? [];
  }

  /** Whether [start, end) shares a character with any mention of the gold entity. */
  overlapsEntity(entityId: string, start: number, end: number): boolean {
    return this.mentionsOf(entityId).some((m) => overlapChars(m.ranges, start, end) > 0);
  }

  /** The best gold mention of the same type (see the module comment), if any. */
  align(mention: Pick<EntityMention, 'start' | 'end' | 'type'>): GoldMention | undefined {
    return this.alignScored(mention)?.gold;
  }

  /** align() with the overlap-over-union of the chosen gold mention (0 < score <= 1). */
  alignScored(mention: Pick<EntityMention, 'start' | 'end' | 'type'>): { gold: GoldMention; score: number } | undefined {
    const type = nerTypeOfEntity(mention.type);
    if (!type) return undefined;
    let best: GoldMention | undefined;
    let bestScore = 0;
    for (const gold of this.mentions) {
      if (gold.nerType !== type) continue;
      const overlap = overlapChars(gold.ranges, mention.start, mention.end);
      if (overlap === 0) continue;
      const score = overlap / (gold.chars + (mention.end - mention.start) - overlap);
      const better =
        score > bestScore ||
        (score === bestScore && best !== undefined && (gold.ranges[0]![0] < best.ranges[0]![0] || (gold.ranges[0]![0] === best.ranges[0]![0] && gold.chars < best.chars)));
      if (better) {
        best = gold;
        bestScore = score;
      }
    }
    return best ? { gold: best, score: bestScore } : undefined;
  }
}

/**
 * The within-document entity a predicted mention belongs to: its `entity` key when
 * resolution filled it, else one entity per distinct type + normalised `norm`.
 */
export function predictedEntityKey(mention: Pick<EntityMention, 'entity' | 'type' | 'norm'>): string {
  if (mention.entity !== undefined && mention.entity !== '') return `entity:${mention.entity}`;
  return `norm:${mention.type}:${normalizeName(mention.norm)}`;
}

/**
 * The comparison form of a name: lower case, ё -> е, quotes dropped, dashes unified,
 * initials without their dot, whitespace collapsed ("«Левый   Фронт»" and "левый фронт" compare equal).
 */
export function normalizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"“”„‟'’‘‚`]/g, '')
    .replace(/[‐‑‒–—−]/g, '-')
    // An initial with or without its dot is the same name part (the gold stores "Э Чернов").
    .replace(/(^|[\s-])(\p{L})\./gu, '$1$2 ')
    .replace(/\s*-\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}
