import { beforeAll, describe, expect, it } from 'vitest';
import { createMorphology, type Morphology } from '../../src/extract/ru/morph';
import {
  createNerTagger,
  deserializeNerModel,
  nerTaggerFromModel,
  serializeNerModel,
  trainNer,
  type NerTagger,
  type TrainingDoc,
} from '../../src/extract/ru/ner';
import { splitSentences, tokenize } from '../../src/extract/tokens';
import { nodeResources } from '../../src/node/resources';

let morph: Morphology;
let tagger: NerTagger;

beforeAll(async () => {
  const resources = nodeResources();
  morph = await createMorphology(resources);
  tagger = await createNerTagger(resources, morph);
}, 60_000);

/** "TYPE:text" of every span the tagger finds in `text`. */
function entities(t: NerTagger, text: string): string[] {
  const tokens = tokenize(text);
  return t.tag(tokens, splitSentences(tokens)).map((s) => `${s.type}:${text.slice(tokens[s.first]!.start, tokens[s.last - 1]!.end)}`);
}

describe('shipped Russian NER model', () => {
  it('finds a minister, his country and a city', () => {
    const found = entities(tagger, 'Министр внутренних дел России Владимир Колокольцев провёл совещание в Москве.');
    expect(found).toContain('PER:Владимир Колокольцев');
    expect(found).toContain('LOC:Москве');
    expect(found.some((e) => e.startsWith('PER:Министр'))).toBe(false);
  });

  it('finds a quoted company, a country in an oblique case and a person after a title', () => {
    const found = entities(tagger, 'Компания «Газпром» подписала контракт с Китаем, сообщил глава компании Алексей Миллер.');
    expect(found).toContain('ORG:Газпром');
    expect(found).toContain('LOC:Китаем');
    expect(found).toContain('PER:Алексей Миллер');
  });

  it('handles a hyphenated Kazakh first name and agency abbreviations', () => {
    expect(entities(tagger, 'Президент Казахстана Касым-Жомарт Токаев прибыл в Астану.')).toEqual(
      expect.arrayContaining(['LOC:Казахстана', 'PER:Касым-Жомарт Токаев', 'LOC:Астану']),
    );
    expect(entities(tagger, 'Сотрудники ФСБ задержали в Новосибирской области жителя Томска.')).toEqual(
      expect.arrayContaining(['ORG:ФСБ', 'LOC:Томска']),
    );
  });

  it('returns spans that are in order, inside the text and do not overlap', () => {
    const text = 'В Алматы полиция задержала двоих. Глава МВД Ерлан Тургумбаев заявил об этом в Астане.';
    const tokens = tokenize(text);
    const spans = tagger.tag(tokens, splitSentences(tokens));
    let previousLast = 0;
    for (const s of spans) {
      expect(s.first).toBeGreaterThanOrEqual(previousLast);
      expect(s.last).toBeGreaterThan(s.first);
      expect(s.last).toBeLessThanOrEqual(tokens.length);
      previousLast = s.last;
    }
  });

  it('survives bad input without throwing', () => {
    expect(tagger.tag([], [])).toEqual([]);
    const long = tokenize(Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 'Иванов' : 'слово')).join(' '));
    expect(long.length).toBe(5000);
    // One 5,000-token "sentence", as a caller that does no sentence split might pass it.
    const spans = tagger.tag(long, [{ start: 0, end: long[4999]!.end, first: 0, last: 5000 }]);
    expect(Array.isArray(spans)).toBe(true);
    expect(() => entities(tagger, 'The quick brown fox jumps over the lazy dog in New York.')).not.toThrow();
    const latin = tokenize('lorem ipsum');
    // Sentences out of range are clipped, not trusted.
    expect(() => tagger.tag(latin, [{ start: 0, end: 11, first: -3, last: 99 }])).not.toThrow();
    // Tokens without a sentence split are tagged in bounded windows.
    expect(entities(tagger, '')).toEqual([]);
    const noSplit = tokenize('Владимир Путин прибыл в Казань');
    expect(tagger.tag(noSplit, []).length).toBeGreaterThan(0);
  });
});

// A tiny hand-written corpus (not from the dev set) for training behaviour.
function doc(id: string, text: string, names: Array<[string, 'PER' | 'ORG' | 'LOC']>): TrainingDoc {
  return {
    id,
    text,
    spans: names.map(([name, type]) => {
      const start = text.indexOf(name);
      if (start < 0) throw new Error(`test corpus: ${name} not in ${text}`);
      return { start, end: start + name.length, type };
    }),
  };
}

const corpus: TrainingDoc[] = [
  doc('a', 'Иван Петров работает в компании «Ромашка» в Казани.', [['Иван Петров', 'PER'], ['Ромашка', 'ORG'], ['Казани', 'LOC']]),
  doc('b', 'Сотрудники МВД задержали Сергея Иванова в Самаре.', [['МВД', 'ORG'], ['Сергея Иванова', 'PER'], ['Самаре', 'LOC']]),
  doc('c', 'В Омске прошла встреча. Анна Смирнова рассказала о планах банка «Восток».', [['Омске', 'LOC'], ['Анна Смирнова', 'PER'], ['Восток', 'ORG']]),
  doc('d', 'Глава ФСБ посетил Томск и Новосибирск.', [['ФСБ', 'ORG'], ['Томск', 'LOC'], ['Новосибирск', 'LOC']]),
];

describe('training', () => {
  it('is deterministic: the same data and options give the same model file', () => {
    const a = JSON.stringify(serializeNerModel(trainNer(corpus, morph, { epochs: 5, seed: 7 })));
    const b = JSON.stringify(serializeNerModel(trainNer(corpus, morph, { epochs: 5, seed: 7 })));
    expect(a).toBe(b);
  });

  it('learns its training data', () => {
    const model = trainNer(corpus, morph, { epochs: 10 });
    const t = nerTaggerFromModel(model, morph);
    expect(entities(t, 'Сотрудники МВД задержали Сергея Иванова в Самаре.')).toEqual(['ORG:МВД', 'PER:Сергея Иванова', 'LOC:Самаре']);
  });

  it('round-trips through serialisation with the same tags', () => {
    const model = trainNer(corpus, morph, { epochs: 5, scheme: 'BIO' });
    const file = serializeNerModel(model);
    const restored = deserializeNerModel(JSON.parse(JSON.stringify(file)));
    expect(JSON.stringify(serializeNerModel(restored))).toBe(JSON.stringify(file));
    const text = 'Иван Петров прибыл в Омск. Глава МВД встретился с ним.';
    expect(entities(nerTaggerFromModel(restored, morph), text)).toEqual(entities(nerTaggerFromModel(model, morph), text));
  });

  it('rejects a malformed model file with a clear error', () => {
    expect(() => deserializeNerModel(null)).toThrow(/ner: invalid model file/);
    const file = serializeNerModel(trainNer(corpus, morph, { epochs: 1 }));
    expect(() => deserializeNerModel({ ...file, stages: [{ ...file.stages[0]!, weights: 'AAAA' }] })).toThrow(/weight bytes/);
    expect(() => deserializeNerModel({ ...file, stages: [] })).toThrow(/stages/);
    expect(() => deserializeNerModel({ ...file, featureVersion: -1 })).toThrow(/retrain/);
  });
});
