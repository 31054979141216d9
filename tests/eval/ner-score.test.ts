import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFactRuDirectory, type FactRuDataset, type FactRuDocument } from '../../src/eval/factru';
import {
  addNerCounts,
  deriveGoldNerSpans,
  emptyNerCounts,
  filterMisalignedSpans,
  filterOverlappingSpans,
  NER_TYPES,
  scoreNerDocument,
  summarizeNer,
  tagIO,
  type NerSpan,
} from '../../src/eval/ner-score';
import { predictedNerSpans } from '../../src/eval/evaluate';
import { locate, mention, REAL_DEV_DIR, SYNTHETIC_TEXT, tempDir, writeSyntheticDocument, type TempDir } from './fixtures';

function span(text: string, type: NerSpan['type'], occurrence = 0): NerSpan {
  return { ...locate(SYNTHETIC_TEXT, text, occurrence), type };
}

describe('span filters (naeval semantics)', () => {
  it('drops spans that do not start and stop on token boundaries', () => {
    const tokens: Array<[number, number]> = [
      [0, 5],
      [6, 10],
      [11, 15],
    ];
    const spans: NerSpan[] = [
      { start: 0, end: 10, type: 'PER' },
      { start: 1, end: 5, type: 'PER' }, // starts mid-token
      { start: 6, end: 12, type: 'LOC' }, // stops mid-token
      { start: 11, end: 15, type: 'ORG' },
    ];
    expect(filterMisalignedSpans(spans, tokens)).toEqual([spans[0], spans[3]]);
  });

  it('keeps the earliest, longest of overlapping spans across types', () => {
    const spans: NerSpan[] = [
      { start: 2, end: 5, type: 'ORG' },
      { start: 0, end: 10, type: 'PER' },
      { start: 0, end: 4, type: 'LOC' },
      { start: 10, end: 12, type: 'LOC' },
      { start: 9, end: 11, type: 'ORG' },
    ];
    expect(filterOverlappingSpans(spans)).toEqual([
      { start: 0, end: 10, type: 'PER' },
      { start: 10, end: 12, type: 'LOC' },
    ]);
  });

  it('tags tokens inside a span I and the rest O', () => {
    const tokens: Array<[number, number]> = [
      [0, 2],
      [3, 5],
      [6, 8],
      [9, 11],
    ];
    expect(tagIO(tokens, [{ start: 3, end: 8, type: 'PER' }])).toEqual([false, true, true, false]);
  });
});

describe('NER score on a hand-annotated document', () => {
  let dir: TempDir;
  let doc: FactRuDocument;
  beforeAll(async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    doc = (await loadFactRuDirectory(dir.dir)).documents[0]!;
  });
  afterAll(() => dir.remove());

  it('derives the gold spans by the published adaptation when there is no gold file', () => {
    expect(doc.goldNerSource).toBe('derived');
    expect(doc.scoringTokensSource).toBe('builtin-tokenizer');
    const gold = doc.goldNer.map((s) => [SYNTHETIC_TEXT.slice(s.start, s.end), s.type]);
    // Person -> one span first..last character; org_name only for Org (not the descriptor); loc_name for LocOrg.
    expect(gold).toEqual([
      ['МВД', 'ORG'],
      ['Тлеген Маткенов', 'PER'],
      ['Казахстане', 'LOC'],
      ['Маткенова', 'PER'],
      ['Касым-Жомарт Токаев', 'PER'],
      ['Пётр Королёв', 'PER'],
    ]);
  });

  it('gives 1.0 for every type when the prediction is the gold', () => {
    const summary = summarizeNer(scoreNerDocument(doc.scoringTokens, doc.goldNer, doc.goldNer));
    for (const type of NER_TYPES) expect(summary[type].f1).toBe(1);
  });

  it('gives the hand-computed P/R/F1 for a partial prediction', () => {
    const predicted = predictedNerSpans({
      entities: [
        mention('PERSON', 'Маткенов', 'Маткенов'), // 1 of the 2 tokens of "Тлеген Маткенов"
        mention('PERSON', 'Маткенова', 'Маткенов'), // right
        mention('PERSON', 'Глава', 'Глава'), // wrong
        mention('PERSON', 'Касым', 'Касым'), // stops inside "Касым-Жомарт": dropped, not counted
        mention('LOCATION', 'МВД', 'МВД'), // wrong type
        mention('DRUG', 'ОПГ', 'ОПГ'), // not scored
      ],
    });
    const s = summarizeNer(scoreNerDocument(doc.scoringTokens, doc.goldNer, predicted));
    // PER gold tokens: Тлеген Маткенов Маткенова Касым-Жомарт Токаев Пётр Королёв = 7; predicted 3; both 2.
    expect(s.PER).toMatchObject({ truePositive: 2, predicted: 3, gold: 7 });
    expect(s.PER.precision).toBeCloseTo(2 / 3, 12);
    expect(s.PER.recall).toBeCloseTo(2 / 7, 12);
    expect(s.PER.f1).toBeCloseTo((2 * (2 / 3) * (2 / 7)) / (2 / 3 + 2 / 7), 12);
    expect(s.LOC).toMatchObject({ truePositive: 0, predicted: 1, gold: 1, precision: 0, recall: 0, f1: 0 });
    expect(s.ORG).toMatchObject({ truePositive: 0, predicted: 0, gold: 1, precision: 0, recall: 0, f1: 0 });
  });

  it('maps PERSON, ORGANIZATION, LOCATION to PER, ORG, LOC and ignores other types', () => {
    const spans = predictedNerSpans({
      entities: [mention('ORGANIZATION', 'МВД', 'МВД'), mention('LOCATION', 'Казахстане', 'Казахстан'), mention('CHANNEL', 'ОПГ', 'ОПГ')],
    });
    expect(spans.map((s) => s.type)).toEqual(['ORG', 'LOC']);
    expect(spans[0]).toEqual(span('МВД', 'ORG'));
  });

  it('leaves out a country named by its adjective ("британский"), as the published gold leaves geo_adj out', () => {
    const spans = predictedNerSpans({ entities: [mention('LOCATION', 'Казахстане', 'Казахстан'), { ...mention('LOCATION', 'МВД', 'Великобритания'), adjective: true }] });
    expect(spans.map((s) => s.type)).toEqual(['LOC']);
  });
});

describe('NER score on the factRuEval dev set', () => {
  let data: FactRuDataset;
  beforeAll(async () => {
    data = await loadFactRuDirectory(REAL_DEV_DIR);
  });

  it('scores gold against gold as 1.0 for each type', () => {
    const total = emptyNerCounts();
    for (const doc of data.documents) addNerCounts(total, scoreNerDocument(doc.scoringTokens, doc.goldNer, doc.goldNer));
    const s = summarizeNer(total);
    for (const type of NER_TYPES) {
      expect(s[type].gold).toBeGreaterThan(1000);
      expect(s[type].f1).toBe(1);
    }
  });

  it('derives from .objects exactly the spans of naeval-gold.jsonl for every document', () => {
    expect(data.hasGoldFile).toBe(true);
    for (const doc of data.documents) {
      expect(doc.goldNerSource).toBe('naeval-gold.jsonl');
      expect(deriveGoldNerSpans(doc.objects, doc.scoringTokens), `book_${doc.id}`).toEqual(doc.goldNer);
    }
  });

  it('penalises a prediction that misses every LOC', () => {
    const total = emptyNerCounts();
    for (const doc of data.documents) {
      addNerCounts(total, scoreNerDocument(doc.scoringTokens, doc.goldNer, doc.goldNer.filter((s) => s.type !== 'LOC')));
    }
    const s = summarizeNer(total);
    expect(s.PER.f1).toBe(1);
    expect(s.LOC.recall).toBe(0);
    expect(s.ALL.recall).toBeCloseTo((s.PER.gold + s.ORG.gold) / s.ALL.gold, 12);
  });
});
