/**
 * Canonical forms, HOLDS_POSITION and B-cubed on the hand-annotated document
 * (hand-computed numbers), then on the dev set with the gold fed back (1.0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentAlignment, normalizeName } from '../../src/eval/align';
import { bcubedDocument, scoreCorefAllGoldDocument, scoreCorefDocument, summarizeAllGoldBcubed, summarizeBcubed } from '../../src/eval/bcubed';
import { canonicalMatches, goldCanonicalNames, scoreCanonicalDocument, summarizeCanonical } from '../../src/eval/canonical';
import { addEvalCounts, emptyEvalCounts, scoreDocument, summarizeEval } from '../../src/eval/evaluate';
import { loadFactRuDirectory, type FactRuDocument } from '../../src/eval/factru';
import { goldOccupations, scoreRelationsDocument, summarizeRelations } from '../../src/eval/relations';
import type { EntityMention, ExtractedRelation } from '../../src/model/extraction';
import { mention, REAL_DEV_DIR, tempDir, writeSyntheticDocument, type TempDir } from './fixtures';

let dir: TempDir;
let doc: FactRuDocument;
beforeAll(async () => {
  dir = tempDir();
  writeSyntheticDocument(dir.dir);
  doc = (await loadFactRuDirectory(dir.dir)).documents[0]!;
});
afterAll(() => dir.remove());

function holds(source: number, target: number): ExtractedRelation {
  return { type: 'HOLDS_POSITION', source, target, evidence: [0, 0] };
}

describe('alignment', () => {
  it('aligns a mention to the overlapping gold mention of its type only', () => {
    const alignment = new DocumentAlignment(doc);
    expect(alignment.align(mention('PERSON', 'Маткенова', ''))?.entityId).toBe('102');
    expect(alignment.align(mention('PERSON', 'Маткенов', ''))?.objectId).toBe('12');
    expect(alignment.align(mention('ORGANIZATION', 'департамента МВД', ''))?.entityId).toBe('100');
    expect(alignment.align(mention('LOCATION', 'МВД', ''))).toBeUndefined();
    expect(alignment.align(mention('PERSON', 'ОПГ', ''))).toBeUndefined();
  });
});

describe('canonical forms', () => {
  it('builds the person gold name from the parts the mention contains, in text order', () => {
    const alignment = new DocumentAlignment(doc);
    const entity = doc.entities.find((e) => e.id === '102')!;
    const full = alignment.mentions.find((m) => m.objectId === '12')!;
    const surnameOnly = alignment.mentions.find((m) => m.objectId === '13')!;
    expect(goldCanonicalNames(doc, full, entity)).toEqual(['Тлеген Маткенов']);
    expect(goldCanonicalNames(doc, surnameOnly, entity)).toEqual(['Маткенов']);
  });

  it('compares case-insensitively with ё = е, ignoring quotes; person word order is free', () => {
    expect(normalizeName(' «Пётр   КОРОЛЁВ» ')).toBe('петр королев');
    // The gold stores initials without their dot.
    expect(normalizeName('Э. Чернов')).toBe(normalizeName('Э Чернов'));
    expect(normalizeName('А.-Ж. Иванов')).toBe('а-ж иванов');
    expect(canonicalMatches('PER', 'королев петр', ['Пётр Королёв'])).toBe(true);
    expect(canonicalMatches('ORG', 'Фронт Левый', ['Левый фронт'])).toBe(false);
    expect(canonicalMatches('ORG', '«левый фронт»', ['Левый фронт'])).toBe(true);
  });

  it('counts right, wrong, unaligned and nameless mentions per type', () => {
    const entities: EntityMention[] = [
      mention('PERSON', 'Тлеген Маткенов', 'Тлеген Маткенов'), // right
      mention('PERSON', 'Маткенова', 'Маткенов'), // right: lastname only
      mention('PERSON', 'Маткенова', 'Тлеген Маткенов'), // wrong: the mention has no first name
      mention('PERSON', 'Касым-Жомарт Токаев', 'токаев касым-жомарт'), // right
      mention('PERSON', 'Пётр Королёв', 'Петр Королев'), // right: ё = е
      mention('PERSON', 'ОПГ', 'ОПГ'), // unaligned
      mention('ORGANIZATION', 'МВД', 'МВД'), // right
      mention('LOCATION', 'Казахстане', 'Казахстане'), // wrong: not nominative
    ];
    const tally = scoreCanonicalDocument(doc, entities);
    const s = summarizeCanonical(tally);
    expect(s.PER).toMatchObject({ scored: 5, correct: 4, unaligned: 1, noGoldName: 0, accuracy: 0.8 });
    expect(s.ORG).toMatchObject({ scored: 1, correct: 1, accuracy: 1 });
    expect(s.LOC).toMatchObject({ scored: 1, correct: 0, accuracy: 0 });
    expect(tally.mismatches.map((m) => [m.predicted, m.gold])).toEqual([
      ['Тлеген Маткенов', ['Маткенов']],
      ['Казахстане', ['Казахстан']],
    ]);
  });
});

describe('HOLDS_POSITION against Occupation facts', () => {
  it('reads the gold facts that have both Who and Where', () => {
    expect(goldOccupations(doc)).toEqual([{ factIds: ['1-0'], whoEntityIds: ['102'], whereEntityIds: ['100'] }]);
  });

  it('counts a gold fact once and each wrong pair once; direction matters', () => {
    const entities: EntityMention[] = [
      mention('PERSON', 'Тлеген Маткенов', 'Тлеген Маткенов', { entity: 'p1' }), // 0
      mention('PERSON', 'Маткенова', 'Маткенов', { entity: 'p1' }), // 1
      mention('ORGANIZATION', 'МВД', 'МВД', { entity: 'o1' }), // 2
      mention('PERSON', 'Касым-Жомарт Токаев', 'Касым-Жомарт Токаев', { entity: 'p2' }), // 3
    ];
    const relations = [holds(0, 2), holds(1, 2), holds(3, 2), holds(3, 2), holds(2, 0), { ...holds(0, 2), type: 'MENTIONED_WITH' as const }];
    const counts = scoreRelationsDocument(doc, { entities, relations });
    expect(counts).toEqual({ goldFacts: 1, hitFacts: 1, wrongPredicted: 2, predictedRelations: 5 });
    const s = summarizeRelations(counts);
    expect(s.precision).toBeCloseTo(1 / 3, 12);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(0.5, 12);
  });

  it('gives zero recall and no precision penalty when nothing is predicted', () => {
    const s = summarizeRelations(scoreRelationsDocument(doc, { entities: [], relations: [] }));
    expect(s).toMatchObject({ goldFacts: 1, hitFacts: 0, precision: 0, recall: 0, f1: 0 });
  });
});

describe('B-cubed', () => {
  it('matches the hand-computed example', () => {
    // gold A = {1,2,3}, B = {4,5}; predicted X = {1,2}, Y = {3,4,5}
    const items = [
      { predicted: 'X', gold: 'A' },
      { predicted: 'X', gold: 'A' },
      { predicted: 'Y', gold: 'A' },
      { predicted: 'Y', gold: 'B' },
      { predicted: 'Y', gold: 'B' },
    ];
    const split = summarizeBcubed(bcubedDocument(items));
    expect(split.precision).toBeCloseTo((1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5, 12);
    expect(split.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5, 12);
    // everything merged: P = (3 * 3/5 + 2 * 2/5) / 5, R = 1
    const merged = summarizeBcubed(bcubedDocument(items.map((i) => ({ ...i, predicted: 'Z' }))));
    expect(merged.precision).toBeCloseTo(13 / 25, 12);
    expect(merged.recall).toBe(1);
  });

  it('groups mentions by entity key, else by type and norm, and leaves unaligned ones out', () => {
    const entities: EntityMention[] = [
      mention('PERSON', 'Тлеген Маткенов', 'Тлеген Маткенов'),
      mention('PERSON', 'Маткенова', 'Маткенов'),
      mention('PERSON', 'Касым-Жомарт Токаев', 'Маткенов'), // same norm as the one above: grouped with it
      mention('PERSON', 'ОПГ', 'ОПГ'), // unaligned
    ];
    const counts = scoreCorefDocument(doc, entities);
    expect(counts.items).toBe(3);
    expect(counts.unaligned).toBe(1);
    // items: a(102,"Тлеген Маткенов"), b(102,"Маткенов"), c(103,"Маткенов")
    // P: a 1, b 1/2, c 1/2; R: a 1/2, b 1/2, c 1
    const s = summarizeBcubed(counts);
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    const keyed = summarizeBcubed(
      scoreCorefDocument(doc, [entities[0]!, entities[1]!, entities[2]!].map((m, i) => ({ ...m, entity: i < 2 ? 'e1' : 'e2' }))),
    );
    expect(keyed).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('B-cubed over all gold mentions', () => {
  // Gold mentions of the synthetic document: 10 МВД (entity 100), 11 Казахстане (101),
  // 12 Тлеген Маткенов and 13 Маткенова (102), 14 Токаев (103), 15 Королёв (104).
  it('makes every gold PER/ORG/LOC mention an item and a missed one a singleton', () => {
    const entities: EntityMention[] = [
      mention('ORGANIZATION', 'МВД', 'МВД', { entity: 'o1' }),
      mention('PERSON', 'Тлеген Маткенов', 'Тлеген Маткенов', { entity: 'p1' }),
      mention('PERSON', 'ОПГ', 'ОПГ', { entity: 'x' }), // aligned to nothing: not an item
    ];
    const counts = scoreCorefAllGoldDocument(doc, entities);
    expect(counts.items).toBe(6);
    expect(counts.missed).toBe(4);
    // Маткенова (13) is missed, so 12 and 13 are apart: R(12) = R(13) = 1/2, the rest 1.
    const s = summarizeAllGoldBcubed(counts);
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(5 / 6, 12);
    // The aligned-only figure does not see the missed mention at all.
    expect(summarizeBcubed(scoreCorefDocument(doc, entities))).toMatchObject({ items: 2, precision: 1, recall: 1 });
  });

  it('costs nothing for a missed mention whose gold entity has no other mention', () => {
    const entities: EntityMention[] = [
      mention('ORGANIZATION', 'МВД', 'МВД', { entity: 'o1' }),
      mention('PERSON', 'Тлеген Маткенов', 'Тлеген Маткенов', { entity: 'p1' }),
      mention('PERSON', 'Маткенова', 'Маткенов', { entity: 'p1' }),
    ];
    expect(summarizeAllGoldBcubed(scoreCorefAllGoldDocument(doc, entities))).toMatchObject({ items: 6, missed: 3, precision: 1, recall: 1, f1: 1 });
  });

  it('takes the best-overlapping of several predictions aligned to one gold mention', () => {
    const entities: EntityMention[] = [
      mention('PERSON', 'Маткенов', 'Маткенов', { entity: 'p2' }), // inside "Тлеген Маткенов": overlap 8/15
      mention('PERSON', 'Тлеген Маткенов', 'Тлеген Маткенов', { entity: 'p1' }), // the same gold mention, exactly
      mention('PERSON', 'Маткенова', 'Маткенов', { entity: 'p1' }),
    ];
    const s = summarizeAllGoldBcubed(scoreCorefAllGoldDocument(doc, entities));
    expect(s).toMatchObject({ items: 6, missed: 4, precision: 1, recall: 1 });
    // Had the partial one been taken, 12 and 13 would be apart.
    const wrong = summarizeAllGoldBcubed(scoreCorefAllGoldDocument(doc, [entities[0]!, entities[2]!]));
    expect(wrong.recall).toBeCloseTo(5 / 6, 12);
  });

  it('merging two gold entities costs precision', () => {
    const entities: EntityMention[] = [
      mention('PERSON', 'Касым-Жомарт Токаев', 'Касым-Жомарт Токаев', { entity: 'p' }),
      mention('PERSON', 'Пётр Королёв', 'Пётр Королёв', { entity: 'p' }),
    ];
    // 14 and 15 share one predicted cluster: P = 1/2 each; the other four are missed singletons.
    const s = summarizeAllGoldBcubed(scoreCorefAllGoldDocument(doc, entities));
    expect(s.precision).toBeCloseTo((4 + 0.5 + 0.5) / 6, 12);
    expect(s.recall).toBeCloseTo((1 + 1 + 0.5 + 0.5 + 1 + 1) / 6, 12);
  });
});

describe('gold fed back on the dev set', () => {
  it('scores canonical forms, relations and coreference at 1.0', async () => {
    const data = await loadFactRuDirectory(REAL_DEV_DIR);
    const types = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' } as const;
    const total = emptyEvalCounts();
    for (const d of data.documents) {
      const alignment = new DocumentAlignment(d);
      const entities: EntityMention[] = [];
      for (const m of alignment.mentions) {
        // A predicted mention is one stretch of text: feed back the gold mentions whose
        // spans are separated by spaces only (not "органами Китая, Малайзии, Сингапура").
        if (!m.nerType) continue;
        const gaps = m.ranges.slice(1).map((r, i) => d.text.slice(m.ranges[i]![1], r[0]));
        if (!gaps.every((g) => /^\s*$/.test(g))) continue;
        const names = goldCanonicalNames(d, m, d.entities.find((e) => e.id === m.entityId)!);
        const start = m.ranges[0]![0];
        const end = m.ranges[m.ranges.length - 1]![1];
        entities.push({ start, end, type: types[m.nerType], text: d.text.slice(start, end), norm: names[0] ?? '', entity: m.entityId });
      }
      // Relations: one mention on the first span of the Who and of the Where entity of each fact.
      const relationEntities: EntityMention[] = [];
      const relations = goldOccupations(d).map((f) => {
        for (const id of [f.whoEntityIds[0]!, f.whereEntityIds[0]!]) {
          const span = alignment.mentionsOf(id)[0]!.spans[0]!;
          relationEntities.push({ start: span.start, end: span.end, type: 'PERSON', text: '', norm: id, entity: id });
        }
        return holds(relationEntities.length - 2, relationEntities.length - 1);
      });
      const counts = scoreDocument(d, { entities, relations: [] });
      counts.relations = scoreDocument(d, { entities: relationEntities, relations }).relations;
      addEvalCounts(total, counts);
    }
    const s = summarizeEval(total);
    expect(s.canonical.PER.scored).toBeGreaterThan(600);
    expect(s.canonical.PER.accuracy).toBe(1);
    expect(s.canonical.ALL.accuracy).toBeGreaterThan(0.995);
    expect(s.relations.goldFacts).toBeGreaterThan(150);
    expect(s.relations).toMatchObject({ precision: 1, recall: 1 });
    expect(s.coref.items).toBeGreaterThan(2000);
    expect(s.coref.f1).toBeGreaterThan(0.995);
    // Every gold mention is an item; the ones not fed back (split spans) are singletons.
    expect(s.corefAllGold.items).toBeGreaterThanOrEqual(s.coref.items);
    expect(s.corefAllGold.precision).toBe(1);
    // (at least: a fed-back mention may also be the best overlap of a second gold mention)
    expect(s.corefAllGold.missed).toBeGreaterThanOrEqual(s.corefAllGold.items - s.coref.items);
  });
});
