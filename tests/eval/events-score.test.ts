import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { f1, scoreArticleEvents, sumCounts, type GoldArticle } from '../../src/eval/events';
import { loadGoldSet } from '../../src/eval/events-run';
import type { EntityMention, ExtractedEvent } from '../../src/model/extraction';

const TEXT = 'В апреле полицейские Алматы изъяли 2 кг героина. Суд приговорил Иванова к 10 годам.';
const at = (s: string, from = 0) => ({ start: TEXT.indexOf(s, from), end: TEXT.indexOf(s, from) + s.length, text: s });

const gold: GoldArticle = {
  text: 'fixture:articles/a.txt',
  sha256: '0'.repeat(64),
  lang: 'ru',
  published: '2020-05-10',
  split: 'dev',
  events: [
    { id: 'e1', subtype: 'seizure', trigger: at('изъяли'), date: '2020-04', arguments: [{ role: 'agent', ...at('полицейские Алматы') }, { role: 'object', ...at('героина'), quantity: at('2 кг') }] },
    { id: 'e2', subtype: 'sentence', trigger: at('приговорил'), arguments: [{ role: 'patient', ...at('Иванова') }, { role: 'term', ...at('10 годам') }] },
  ],
};
const entities: EntityMention[] = [
  { ...at('Алматы'), type: 'LOCATION', norm: 'Алматы' },
  { ...at('2 кг'), type: 'QUANTITY', norm: '2 кг' },
  { ...at('героина'), type: 'DRUG', norm: 'героин' },
];

describe('event scoring', () => {
  it('finds an event by subtype and overlapping trigger, and scores its roles and quantity', () => {
    const predicted: ExtractedEvent[] = [
      { subtype: 'seizure', trigger: at('изъяли'), evidence: [0, 48], date: '2020-04', arguments: [{ role: 'agent', ...at('Алматы') }, { role: 'object', entity: 2, ...at('героина'), quantity: 1 }] },
    ];
    const c = scoreArticleEvents(gold, predicted, entities, gold.published);
    expect(c.detection.seizure).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(c.detection.sentence).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(c.roles.agent).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(c.roles.quantity).toEqual({ tp: 1, fp: 0, fn: 0 });
    // The missed sentence's patient and term are misses too.
    expect(c.roles.patient!.fn + c.roles.term!.fn).toBe(2);
    expect(c.dates).toEqual({ correct: 1, of: 1 });
  });

  it('does not match another subtype on the same trigger, and counts it found in error', () => {
    const predicted: ExtractedEvent[] = [{ subtype: 'arrest', trigger: at('изъяли'), evidence: [0, 48], arguments: [] }];
    const c = scoreArticleEvents(gold, predicted, entities, gold.published);
    expect(c.detection.arrest.fp).toBe(1);
    expect(c.detection.seizure.fn).toBe(1);
    expect(f1(sumCounts(Object.values(c.detection))).f1).toBe(0);
  });

  it('compares dates to the month, falling back to the article date on either side', () => {
    const wrongMonth: ExtractedEvent[] = [{ subtype: 'seizure', trigger: at('изъяли'), evidence: [0, 48], date: '2020-03-30', arguments: [] }];
    expect(scoreArticleEvents(gold, wrongMonth, entities, gold.published).dates).toEqual({ correct: 0, of: 1 });
    const sentence: ExtractedEvent[] = [{ subtype: 'sentence', trigger: at('приговорил'), evidence: [49, TEXT.length], arguments: [] }];
    // Neither side states a date: both fall back to the publication date, to the month.
    expect(scoreArticleEvents(gold, sentence, entities, '2020-05-10').dates).toEqual({ correct: 1, of: 1 });
  });
});

describe('the gold set loader', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (events: unknown[], sha?: string) => {
    dir = mkdtempSync(join(tmpdir(), 'kg-events-gold-'));
    mkdirSync(join(dir, 'articles'));
    writeFileSync(join(dir, 'articles', 'a.txt'), TEXT);
    const hash = sha ?? createHash('sha256').update(TEXT, 'utf8').digest('hex');
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...gold, sha256: hash, events }));
  };

  it('loads a valid file with its text', async () => {
    write(gold.events);
    const [loaded] = await loadGoldSet(dir, dir);
    expect(loaded!.gold.events).toHaveLength(2);
    expect(loaded!.text).toBe(TEXT);
  });

  it('refuses offsets that do not cut the stated text, naming the event', async () => {
    write([{ ...gold.events[0]!, trigger: { start: 0, end: 6, text: 'изъяли' } }]);
    await expect(loadGoldSet(dir, dir)).rejects.toThrow(/e1 trigger.*not "изъяли"/);
  });

  it('refuses a text that changed since annotation, and an unknown subtype', async () => {
    write(gold.events, 'f'.repeat(64));
    await expect(loadGoldSet(dir, dir)).rejects.toThrow(/changed since it was annotated/);
    rmSync(dir, { recursive: true, force: true });
    write([{ ...gold.events[0]!, subtype: 'robbery' }]);
    await expect(loadGoldSet(dir, dir)).rejects.toThrow(/subtype/);
  });

  it('refuses a text reference that leaves its directory', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kg-events-gold-'));
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ ...gold, text: 'fixture:../../etc/passwd' }));
    await expect(loadGoldSet(dir, dir)).rejects.toThrow(/may not leave|factru-dev/);
  });
});
