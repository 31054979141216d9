import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compareDocumentIds, loadFactRuDirectory, type FactRuDataset } from '../../src/eval/factru';
import { tokenizeForScoring } from '../../src/eval/tokenizer';
import { InputError } from '../../src/model/errors';
import { REAL_DEV_DIR, tempDir, writeSyntheticDocument, type TempDir } from './fixtures';

describe('reading the factRuEval dev set', () => {
  let data: FactRuDataset;
  beforeAll(async () => {
    data = await loadFactRuDirectory(REAL_DEV_DIR);
  });

  it('reads all 122 documents in id order with both scoring files', () => {
    expect(data.documents).toHaveLength(122);
    expect(data.hasGoldFile && data.hasTokenFile).toBe(true);
    const ids = data.documents.map((d) => d.id);
    expect([...ids].sort(compareDocumentIds)).toEqual(ids);
    expect(Number(ids[0])).toBeLessThan(Number(ids[1]));
  });

  it('links coref entities to their objects and spans, and facts to entities', () => {
    const doc = data.documents.find((d) => d.id === '100')!;
    const luzhkov = doc.entities.find((e) => e.id === '48')!;
    expect(luzhkov.objectIds).toEqual(['10435', '10441']);
    expect(luzhkov.slots).toEqual([
      { key: 'firstname', value: 'Юрий' },
      { key: 'lastname', value: 'Лужков' },
    ]);
    const object = doc.objects.find((o) => o.id === '10435')!;
    expect(doc.text.slice(object.start, object.end)).toBe('Юрия Лужкова');
    const fact = doc.facts.find((f) => f.id === '100-0')!;
    expect(fact.type).toBe('Occupation');
    expect(fact.slots.map((s) => [s.name, s.values[0]!.ref])).toEqual([
      ['Who', { kind: 'obj', id: '48' }],
      ['Position', { kind: 'span', id: '22777' }],
      ['Where', { kind: 'obj', id: '47' }],
    ]);
  });

  it('keeps every line of a span id that .spans lists twice', () => {
    const doc = data.documents.find((d) => d.id === '100')!;
    const dolgoruky = doc.objects.find((o) => o.id === '10444')!;
    expect(dolgoruky.spans.map((s) => s.type)).toEqual(['name', 'surname', 'nickname']);
  });

  it('reads the .tokens sentences', () => {
    const doc = data.documents.find((d) => d.id === '100')!;
    expect(doc.tokens[0]).toMatchObject({ start: 0, end: 1, text: 'В', sentence: 0 });
    expect(doc.tokens.find((t) => t.text === 'Среди')!.sentence).toBe(1);
  });

  it('honours --limit', async () => {
    const limited = await loadFactRuDirectory(REAL_DEV_DIR, { limit: 3 });
    expect(limited.documents.map((d) => d.id)).toEqual(data.documents.slice(0, 3).map((d) => d.id));
  });

  it('has a built-in tokenizer that splits every dev text exactly as razdel does', () => {
    for (const doc of data.documents) expect(tokenizeForScoring(doc.text), `book_${doc.id}`).toEqual(doc.scoringTokens);
  });
});

describe('the built-in tokenizer', () => {
  const split = (text: string) => tokenizeForScoring(text).map(([s, e]) => text.slice(s, e));
  it('keeps hyphenated words, decimals and ellipses whole and splits punctuation off', () => {
    expect(split('28-летний Касым-Жомарт изъял 19,4 тонны...')).toEqual(['28-летний', 'Касым-Жомарт', 'изъял', '19,4', 'тонны', '...']);
    expect(split('«Tengrinews.kz»: МВД.')).toEqual(['«', 'Tengrinews', '.', 'kz', '»', ':', 'МВД', '.']);
  });
});

describe('robustness of the reader', () => {
  let dir: TempDir | undefined;
  afterEach(() => dir?.remove());

  it('reads a document whose optional files are all missing', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir, ['spans', 'objects', 'coref', 'facts']);
    const doc = (await loadFactRuDirectory(dir.dir)).documents[0]!;
    expect(doc).toMatchObject({ id: '1', spans: [], objects: [], entities: [], facts: [], goldNer: [], tokens: [] });
    expect(doc.scoringTokens.length).toBeGreaterThan(10);
  });

  it('names the file and line of a malformed span', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    writeFileSync(join(dir.dir, 'book_1.spans'), '1 org_name 19 3 0 1\n2 loc_name x 3 0 1\n');
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/book_1\.spans:2: expected an integer span start/);
  });

  it('rejects spans outside the text', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    writeFileSync(join(dir.dir, 'book_1.spans'), '1 org_name 100000 3 0 1\n');
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/book_1\.spans:1: offsets .* outside the text/);
  });

  it('rejects an object that refers to an unknown span', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    writeFileSync(join(dir.dir, 'book_1.objects'), '10 Org 999 # ?\n');
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/book_1\.objects:1: object 10 refers to span 999/);
  });

  it('rejects a coref entity that refers to an unknown object', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    writeFileSync(join(dir.dir, 'book_1.coref'), '100 10\nname МВД\n\n101 77\nname ?\n');
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/book_1\.coref:4: entity 101 refers to object 77/);
  });

  it('names the scoring file of a malformed JSON line', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    writeFileSync(join(dir.dir, 'naeval-gold.jsonl'), '{"id": "1", "spans": []}\n{"id": "2", "spans": [[0, 3, "MISC"]]}\n');
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/naeval-gold\.jsonl:2: span type must be PER, LOC or ORG/);
    writeFileSync(join(dir.dir, 'naeval-gold.jsonl'), '{"id": "1", "spans": [\n');
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/naeval-gold\.jsonl:1: invalid JSON/);
  });

  it('says so when the directory is missing or holds no documents', async () => {
    dir = tempDir();
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(InputError);
    await expect(loadFactRuDirectory(dir.dir)).rejects.toThrow(/no factRuEval documents/);
    await expect(loadFactRuDirectory(join(dir.dir, 'nope'))).rejects.toThrow(/not a directory/);
  });
});
