import { beforeAll, describe, expect, it } from 'vitest';
import type { LexiconFile } from '../../src/extract/lexicon';
import { createMorphology, type Morphology } from '../../src/extract/ru/morph';
import {
  compileNerLexicon,
  createNerTagger,
  deserializeNerModel,
  loadNerModel,
  nerTaggerFromModel,
  serializeNerModel,
  trainNer,
  type NerTagger,
} from '../../src/extract/ru/ner';
import { hashString } from '../../src/extract/ru/ner/hash';
import { LEX_LOC_NAME, LEX_ORG_HEAD, LEX_ORG_HEAD_WORD, LEX_POSITION } from '../../src/extract/ru/ner/lexicon';
import { splitSentences, tokenize } from '../../src/extract/tokens';
import { nodeResources } from '../../src/node/resources';

let morph: Morphology;
let tagger: NerTagger;

beforeAll(async () => {
  morph = await createMorphology(nodeResources());
  tagger = await createNerTagger(nodeResources(), morph);
}, 60_000);

function lexicon(kind: string, forms: string[]): LexiconFile {
  return { format: 'kg-lexicon', version: 1, lang: 'ru', kind, entries: forms.map((f, i) => ({ id: `${kind}:e${i}`, name: f, forms: [f] })) };
}

function entities(t: NerTagger, text: string): string[] {
  const tokens = tokenize(text);
  return t.tag(tokens, splitSentences(tokens)).map((s) => `${s.type}:${text.slice(tokens[s.first]!.start, tokens[s.last - 1]!.end)}`);
}

describe('NER lexicon features', () => {
  it('indexes lexicon words by lemma, so any inflected form of a head noun is found', () => {
    const table = compileNerLexicon(
      [
        { name: 'org-heads', file: lexicon('org-head', ['министерство', 'группа компаний']) },
        { name: 'positions', file: lexicon('position', ['министр']) },
        { name: 'locations', file: lexicon('location', ['Казахстан']) },
      ],
      morph,
    );
    const bits = (word: string) => table.entries.get(hashString(morph.parse(word)[0]!.lemma)) ?? 0;
    expect(bits('министерствами') & LEX_ORG_HEAD).toBeTruthy();
    expect(bits('группой') & LEX_ORG_HEAD).toBeTruthy();
    expect(bits('компаний') & LEX_ORG_HEAD_WORD).toBeTruthy();
    expect(bits('министру') & LEX_POSITION).toBeTruthy();
    expect(bits('Казахстане') & LEX_LOC_NAME).toBeTruthy();
    expect(bits('газета')).toBe(0);
  });

  it('ships the lexicon table inside the model, so tagging needs no lexicon files', async () => {
    const model = await loadNerModel(nodeResources());
    expect(model.lexicon.entries.size).toBeGreaterThan(300);
    const restored = deserializeNerModel(JSON.parse(JSON.stringify(serializeNerModel(model))));
    expect([...restored.lexicon.entries]).toEqual([...model.lexicon.entries].sort((a, b) => a[0] - b[0]));
    const file = serializeNerModel(model);
    expect(() => deserializeNerModel({ ...file, lexicon: { lemmas: 'AAAA', bits: '' } })).toThrow(/lexicon/);
    expect(() => deserializeNerModel({ ...file, lexicon: undefined })).toThrow(/lexicon/);
  });

  it('a model trained with a head-noun table learns heads it saw and keeps the table', () => {
    const heads = compileNerLexicon([{ name: 'org-heads', file: lexicon('org-head', ['служба', 'комитет']) }], morph);
    const text = 'Налоговая служба проверила завод. Сотрудники комитета приехали в Томск.';
    const start = text.indexOf('Налоговая служба');
    const model = trainNer([{ id: 'x', text, spans: [{ start, end: start + 'Налоговая служба'.length, type: 'ORG' }] }], morph, { epochs: 5, lexicon: heads, stages: 1 });
    expect(model.lexicon.entries.size).toBe(heads.entries.size);
    expect(entities(nerTaggerFromModel(model, morph), 'Налоговая служба проверила завод.')).toEqual(['ORG:Налоговая служба']);
  });

  it('the shipped model keeps the head noun of an agency name written in lower case', () => {
    expect(entities(tagger, 'Федеральная таможенная служба оштрафовала местного предпринимателя.')).toContain('ORG:Федеральная таможенная служба');
    expect(entities(tagger, 'Национальный антидопинговый комитет Норвегии отстранил лыжника от соревнований.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ORG:Национальный антидопинговый комитет/)]),
    );
  });
});

describe('per-type bias', () => {
  const text = 'Иван Петров работает в компании «Ромашка» в Казани. Сотрудники МВД задержали Сергея Иванова в Самаре.';
  const span = (name: string, type: 'PER' | 'ORG' | 'LOC') => {
    const start = text.indexOf(name);
    return { start, end: start + name.length, type };
  };
  const docs = [
    { id: 'a', text, spans: [span('Иван Петров', 'PER'), span('Ромашка', 'ORG'), span('Казани', 'LOC'), span('МВД', 'ORG'), span('Сергея Иванова', 'PER'), span('Самаре', 'LOC')] },
  ];

  it('a large organisation bias turns more tokens into organisations, and survives serialisation', () => {
    const plain = trainNer(docs, morph, { epochs: 5, stages: 1 });
    const biased = trainNer(docs, morph, { epochs: 5, stages: 1, typeBias: { ORG: 1000 } });
    const orgTokens = (t: NerTagger) => entities(t, 'Вчера Анна Смирнова прилетела в Омск.').filter((e) => e.startsWith('ORG:')).length;
    expect(orgTokens(nerTaggerFromModel(plain, morph))).toBe(0);
    expect(orgTokens(nerTaggerFromModel(biased, morph))).toBeGreaterThan(0);
    const restored = deserializeNerModel(JSON.parse(JSON.stringify(serializeNerModel(biased))));
    expect(Array.from(restored.stages[0]!.bias)).toEqual(Array.from(biased.stages[0]!.bias));
    const file = serializeNerModel(biased);
    expect(() => deserializeNerModel({ ...file, stages: [{ ...file.stages[0]!, bias: [1, 2] }] })).toThrow(/bias/);
  });

  it('tuneBias chooses the biases on the training documents and reports them', () => {
    const many = Array.from({ length: 4 }, (_, i) => ({ ...docs[0]!, id: `d${i}` }));
    let chosen: unknown;
    const model = trainNer(many, morph, { epochs: 3, stages: 1, tuneBias: true, onBias: (b) => (chosen = b) });
    expect(chosen).toBeTypeOf('object');
    expect(model.stages[0]!.bias.length).toBe(model.tags.names.length);
  });
});
