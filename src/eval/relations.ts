/**
 * HOLDS_POSITION against factRuEval's Occupation facts, matched by entity.
 *
 * Gold: every Occupation fact with an entity (`obj<id>`) in both its Who and its
 * Where slot (Where may be an organisation or a place). Facts with the same
 * (Who, Where) pair are one gold fact: matching is by entity, so they could not be
 * told apart (e.g. "президент" and "глава" of the same state).
 *
 * A predicted HOLDS_POSITION relation hits a gold fact when its source mention
 * shares a character with a mention of the Who entity and its target mention with a
 * mention of the Where entity (per .coref; direction matters).
 *  - recall    = gold facts hit by at least one prediction / gold facts;
 *  - precision = gold facts hit / (gold facts hit + wrong predictions), where all
 *    predictions hitting one gold fact count once, and wrong predictions count once
 *    per predicted (source entity, target entity) pair (see predictedEntityKey),
 *    so repeating a relation in every sentence neither helps nor hurts twice.
 */
import type { ExtractionResult } from '../model/extraction';
import type { FactRuDocument } from './factru';
import { DocumentAlignment, predictedEntityKey } from './align';
import { precisionRecallF1, type PrecisionRecallF1 } from './ner-score';
import { addCountFields } from './counts';

export interface GoldOccupation {
  /** Fact ids merged into this (who, where) pair. */
  factIds: string[];
  whoEntityIds: string[];
  whereEntityIds: string[];
}

export interface RelationCounts {
  goldFacts: number;
  hitFacts: number;
  /** Distinct wrong predicted (source, target) pairs. */
  wrongPredicted: number;
  /** Raw HOLDS_POSITION relations seen, before deduplication. */
  predictedRelations: number;
}

export function emptyRelationCounts(): RelationCounts {
  return { goldFacts: 0, hitFacts: 0, wrongPredicted: 0, predictedRelations: 0 };
}

export function addRelationCounts(into: RelationCounts, other: RelationCounts): RelationCounts {
  return addCountFields(into, other);
}

function entityRefs(fact: FactRuDocument['facts'][number], slotName: string): string[] {
  const ids = new Set<string>();
  for (const slot of fact.slots) {
    if (slot.name !== slotName) continue;
    for (const value of slot.values) if (value.ref?.kind === 'obj') ids.add(value.ref.id);
  }
  return [...ids];
}

export function goldOccupations(doc: FactRuDocument): GoldOccupation[] {
  const byPair = new Map<string, GoldOccupation>();
  for (const fact of doc.facts) {
    if (fact.type !== 'Occupation') continue;
    const who = entityRefs(fact, 'Who');
    const where = entityRefs(fact, 'Where');
    if (who.length === 0 || where.length === 0) continue;
    const key = `${[...who].sort().join(',')}>${[...where].sort().join(',')}`;
    const existing = byPair.get(key);
    if (existing) existing.factIds.push(fact.id);
    else byPair.set(key, { factIds: [fact.id], whoEntityIds: who, whereEntityIds: where });
  }
  return [...byPair.values()];
}

export function scoreRelationsDocument(
  doc: FactRuDocument,
  result: Pick<ExtractionResult, 'entities' | 'relations'>,
  alignment: DocumentAlignment = new DocumentAlignment(doc),
): RelationCounts {
  const gold = goldOccupations(doc);
  const hit = new Set<number>();
  const wrongPairs = new Set<string>();
  let predictedRelations = 0;
  for (const relation of result.relations) {
    if (relation.type !== 'HOLDS_POSITION') continue;
    const source = result.entities[relation.source];
    const target = result.entities[relation.target];
    if (!source || !target) continue; // an index outside `entities` cannot be judged
    predictedRelations += 1;
    let matched = false;
    gold.forEach((fact, index) => {
      const whoOk = fact.whoEntityIds.some((id) => alignment.overlapsEntity(id, source.start, source.end));
      const whereOk = whoOk && fact.whereEntityIds.some((id) => alignment.overlapsEntity(id, target.start, target.end));
      if (whoOk && whereOk) {
        hit.add(index);
        matched = true;
      }
    });
    if (!matched) wrongPairs.add(`${predictedEntityKey(source)}>${predictedEntityKey(target)}`);
  }
  return { goldFacts: gold.length, hitFacts: hit.size, wrongPredicted: wrongPairs.size, predictedRelations };
}

export function summarizeRelations(counts: RelationCounts): RelationCounts & PrecisionRecallF1 {
  return { ...counts, ...precisionRecallF1(counts.hitFacts, counts.hitFacts + counts.wrongPredicted, counts.goldFacts) };
}
