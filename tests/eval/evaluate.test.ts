/**
 * Folds, cross-validation through the training hook, and the `kg eval` / `kg bench`
 * commands end to end (with stand-in extractors: the real one is tested elsewhere).
 */
import { existsSync, readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBench } from '../../src/eval/bench';
import { chooseEvalMode, DEFAULT_FACTRU_DIR, registerEvalCommands, shippedModelOverlap } from '../../src/eval/cli';
import { runEvaluation, type TrainHook } from '../../src/eval/evaluate';
import { loadFactRuDirectory, type FactRuDocument } from '../../src/eval/factru';
import { splitFolds, trainingDocuments } from '../../src/eval/folds';
import { formatEvalReport, writeJsonFile } from '../../src/eval/report';
import { loadConventionLexicon } from '../../src/extract/conventions';
import { createExtractor, type Extractor } from '../../src/extract/index';
import type { EntityMention } from '../../src/model/extraction';
import { nodeResources } from '../../src/node/resources';
import { REAL_DEV_DIR, tempDir, writeSyntheticDocument, type TempDir } from './fixtures';

const TYPES = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION' } as const;

/** An "extractor" that knows the gold spans of the documents it was trained on, and nothing else. */
function memorizingExtractor(known: readonly FactRuDocument[]): Extractor {
  const byText = new Map(known.map((d) => [d.text, d]));
  return {
    extract(text) {
      const doc = byText.get(text);
      const entities: EntityMention[] = (doc?.goldNer ?? []).map((s) => ({
        start: s.start,
        end: s.end,
        type: TYPES[s.type],
        text: text.slice(s.start, s.end),
        norm: text.slice(s.start, s.end),
      }));
      return { lang: 'ru', entities, relations: [], sentences: [] };
    },
  };
}

describe('folds', () => {
  const docs = ['10', '2', '33', '4', '5', '100', '7'].map((id) => ({ id }));

  it('sorts by id (numbers as numbers) and deals round-robin, deterministically', () => {
    const folds = splitFolds(docs, 3);
    expect(folds.map((f) => f.map((d) => d.id))).toEqual([
      ['2', '7', '100'],
      ['4', '10'],
      ['5', '33'],
    ]);
    expect(splitFolds([...docs].reverse(), 3)).toEqual(folds);
  });

  it('puts every document in exactly one fold and trains on all the others', () => {
    const folds = splitFolds(docs, 3);
    expect(folds.flat().map((d) => d.id).sort()).toEqual(docs.map((d) => d.id).sort());
    expect(trainingDocuments(folds, 1).map((d) => d.id)).toEqual(['2', '5', '7', '33', '100']);
  });

  it('defaults to 5 folds and rejects impossible k', () => {
    expect(splitFolds(docs)).toHaveLength(5);
    expect(() => splitFolds(docs, 1)).toThrow(/folds must be an integer >= 2/);
    expect(() => splitFolds(docs, 8)).toThrow(/cannot split 7 documents into 8 folds/);
  });
});

describe('cross-validation through the training hook', () => {
  let docs: FactRuDocument[];
  beforeAll(async () => {
    docs = (await loadFactRuDirectory(REAL_DEV_DIR, { limit: 20 })).documents;
  });

  it('never shows a fold its own documents, and reports CV beside resubstitution', async () => {
    const calls: string[][] = [];
    const train: TrainHook = async (trainDocs) => {
      calls.push(trainDocs.map((d) => d.id));
      return memorizingExtractor(trainDocs);
    };
    const run = await runEvaluation({ documents: docs, train, folds: 4, resources: nodeResources(), createExtractor: async () => memorizingExtractor([]) });
    expect(calls).toHaveLength(5); // all documents once, then each of 4 folds
    expect(calls[0]).toHaveLength(20);
    const folds = splitFolds(docs, 4);
    folds.forEach((held, i) => {
      const trained = new Set(calls[i + 1]);
      expect(held.some((d) => trained.has(d.id))).toBe(false);
      expect(trained.size).toBe(20 - held.length);
    });
    // Memorising the training set is perfect on it and worthless on held-out documents.
    expect(run.trained).toBe(true);
    expect(run.resubstitution.ner.PER.f1).toBe(1);
    expect(run.crossValidation!.scores.ner.ALL.f1).toBe(0);
    expect(run.crossValidation!.perFold.map((f) => f.testDocuments)).toEqual([5, 5, 5, 5]);
    expect(run.crossValidation!.scores.ner.ALL.gold).toBe(run.resubstitution.ner.ALL.gold);
  });

  it('names the document on which the extractor throws', async () => {
    const broken: Extractor = {
      extract(text) {
        if (text === docs[3]!.text) throw new Error('boom');
        return { lang: 'ru', entities: [], relations: [], sentences: [] };
      },
    };
    await expect(runEvaluation({ documents: docs, resources: nodeResources(), createExtractor: async () => broken })).rejects.toThrow(
      `eval: the extractor failed on book_${docs[3]!.id}: boom`,
    );
  });

  it('without a trainer, scores the given extractor once and regroups it by fold', async () => {
    let created = 0;
    const run = await runEvaluation({
      documents: docs,
      folds: 5,
      resources: nodeResources(),
      createExtractor: async () => {
        created += 1;
        return memorizingExtractor(docs);
      },
    });
    expect(created).toBe(1);
    expect(run.trained).toBe(false);
    expect(run.crossValidation!.scores.ner).toEqual(run.resubstitution.ner);
    expect(run.resubstitution.speed.documents).toBe(20);
  });
});

describe('NER under both span conventions', () => {
  let dir: TempDir;
  afterEach(() => dir?.remove());

  it('scores the product spans and their factru projection in every fold and in resubstitution', async () => {
    dir = tempDir();
    // Hand-written documents whose gold follows factRuEval: ORG without its place, LOC without "улица".
    const texts = ['Сотрудники МВД России задержали курьера на улице Ленина.', 'Посол встретился с главой МВД Франции на улице Гагарина.'];
    const gold: string[] = [];
    texts.forEach((text, i) => {
      writeFileSync(join(dir.dir, `book_${i + 1}.txt`), text);
      const at = (w: string) => [text.indexOf(w), text.indexOf(w) + w.length];
      const place = i === 0 ? 'России' : 'Франции';
      const street = i === 0 ? 'Ленина' : 'Гагарина';
      gold.push(JSON.stringify({ id: String(i + 1), spans: [[...at('МВД'), 'ORG'], [...at(place), 'LOC'], [...at(street), 'LOC']] }));
    });
    writeFileSync(join(dir.dir, 'naeval-gold.jsonl'), `${gold.join('\n')}\n`);
    const docs = (await loadFactRuDirectory(dir.dir)).documents;
    // The product's spans: the organisation with its place (the place nested in it), the street with its head.
    const product: Extractor = {
      extract(text) {
        const span = (w: string, type: EntityMention['type']): EntityMention => ({ start: text.indexOf(w), end: text.indexOf(w) + w.length, type, text: w, norm: w });
        const place = text.includes('России') ? 'России' : 'Франции';
        const street = text.includes('Ленина') ? 'улице Ленина' : 'улице Гагарина';
        return { lang: 'ru', entities: [span(`МВД ${place}`, 'ORGANIZATION'), span(place, 'LOCATION'), span(street, 'LOCATION')], relations: [], sentences: [] };
      },
    };
    const run = await runEvaluation({
      documents: docs,
      train: async () => product,
      folds: 2,
      resources: nodeResources(),
      createExtractor: async () => product,
      conventions: await loadConventionLexicon(nodeResources()),
    });
    for (const scores of [run.resubstitution, run.crossValidation!.scores]) {
      // Product: "МВД России" is 2 ORG tokens against 1 gold; the nested place is dropped as an overlap.
      expect(scores.ner.ORG).toMatchObject({ truePositive: 2, predicted: 4, gold: 2 });
      expect(scores.ner.LOC).toMatchObject({ truePositive: 2, predicted: 4, gold: 4 });
      expect(scores.nerFactru!.ORG).toMatchObject({ truePositive: 2, predicted: 2, gold: 2, f1: 1 });
      expect(scores.nerFactru!.LOC).toMatchObject({ truePositive: 4, predicted: 4, gold: 4, f1: 1 });
    }
  });
});

describe('kg eval and kg bench', () => {
  let dir: TempDir;
  let out: string;
  afterEach(() => dir?.remove());

  function program(extractor: (docs: FactRuDocument[]) => Extractor, docs: FactRuDocument[]): Command {
    out = '';
    const p = new Command('kg').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (out += s) });
    registerEvalCommands(p, { createExtractor: async () => extractor(docs) });
    return p;
  }

  async function run(p: Command, args: string[]): Promise<string> {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      out += chunk;
      return true;
    }) as typeof process.stdout.write;
    try {
      await p.parseAsync(['node', 'kg', ...args]);
    } finally {
      process.stdout.write = write;
    }
    return out;
  }

  it('eval prints the table and writes the same numbers as JSON', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    const docs = (await loadFactRuDirectory(dir.dir)).documents;
    const json = join(dir.dir, 'report.json');
    const printed = await run(program(memorizingExtractor, docs), ['eval', '--dir', dir.dir, '--json', json, '--quiet']);
    expect(printed).toMatch(/^PER\s+1\.000\s+1\.000\s+1\.000/m);
    expect(printed).toMatch(/HOLDS_POSITION\s+0\.000\s+0\.000\s+0\.000\s+1\s+0\s+0/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatchObject({ kind: 'kg-eval', headline: 'shipped-extractor', dataset: { documents: 1, goldDerived: 1, tokensBuiltin: 1 } });
    expect(report.resubstitution.ner.PER.f1).toBe(1);
    expect(report.resubstitution.canonical.PER.scored).toBe(4);
    expect(report.memory.peakRssMB).toBeGreaterThan(0);
  });

  it('eval rejects a bad --folds value and explains its options in --help', async () => {
    dir = tempDir();
    await expect(run(program(memorizingExtractor, []), ['eval', '--folds', '1'])).rejects.toThrow(/integer >= 2/);
    await expect(run(program(memorizingExtractor, []), ['eval', '--help'])).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    for (const option of ['--dir', '--json', '--folds', '--limit', '--quiet']) expect(out).toContain(option);
  });

  it('eval names the directory that is not there', async () => {
    dir = tempDir();
    await expect(run(program(memorizingExtractor, []), ['eval', '--dir', join(dir.dir, 'missing'), '--quiet'])).rejects.toThrow(/missing: not a directory/);
  });

  it('bench prints speed, start-up, memory and disk beside their targets, and writes JSON', async () => {
    dir = tempDir();
    writeSyntheticDocument(dir.dir);
    const json = join(dir.dir, 'bench.json');
    const printed = await run(program(memorizingExtractor, []), ['bench', '--dir', dir.dir, '--repeat', '2', '--json', json]);
    // The target is held against the cold pass; warm passes are labelled as such.
    expect(printed).toMatch(/articles\/s, cold\s.*>= 250/);
    expect(printed).toMatch(/articles\/s, warm \(median\)/);
    expect(printed).toMatch(/start-up \(s\).*< 1/);
    expect(printed).toMatch(/peak memory \(MB RSS\).*< 200/);
    expect(printed).toMatch(/on disk, loaded \(MB\).*< 30/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.warm.runs).toHaveLength(2);
    expect(report.cold.seconds).toBeGreaterThan(0);
    expect(report.dataset.documents).toBe(1);
    expect(report.disk.directories.map((d: { path: string }) => d.path.split('/').slice(-2).join('/'))).toEqual(['az/dicts', 'graph-data/lexicons', 'graph-data/models']);
  });
});

describe('writing JSON reports', () => {
  let dir: TempDir;
  afterEach(() => dir.remove());

  it('replaces the file whole and leaves the previous one when the write fails', async () => {
    dir = tempDir();
    const file = join(dir.dir, 'r.json');
    await writeJsonFile(file, { a: 1 });
    await writeJsonFile(file, { a: 2 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ a: 2 });
    // A destination that is a non-empty directory cannot be replaced: the write fails cleanly.
    const blocked = join(dir.dir, 'blocked.json');
    mkdirSync(blocked);
    writeFileSync(join(blocked, 'keep'), 'x');
    await expect(writeJsonFile(blocked, { a: 3 })).rejects.toThrow();
    expect(existsSync(join(blocked, 'keep'))).toBe(true);
    expect(readdirSync(dir.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the performance section of kg eval', () => {
  it('measures the shipped extractor as kg bench does, and states the targets', async () => {
    const bench = await runBench({ dir: DEFAULT_FACTRU_DIR, limit: 3, repeat: 1 });
    expect(bench.memory.peakRssMB).toBeGreaterThan(0);
    const base = {
      kind: 'kg-eval' as const,
      version: 1 as const,
      createdAt: '2026-01-01T00:00:00Z',
      dataset: { dir: DEFAULT_FACTRU_DIR, documents: 3, characters: 1, goldFromFile: 3, goldDerived: 0, tokensFromFile: 3, tokensBuiltin: 0 },
      headline: 'resubstitution' as const,
      memory: { peakRssMB: 999 },
    };
    const docs = (await loadFactRuDirectory(DEFAULT_FACTRU_DIR, { limit: 3 })).documents;
    const run = await runEvaluation({ documents: docs, resources: nodeResources(), createExtractor: () => createExtractor(nodeResources(), { english: false }) });
    const text = formatEvalReport({ ...base, ...run, performance: bench });
    expect(text).toContain('Performance of the shipped extractor');
    expect(text).toMatch(/peak memory \(MB RSS, whole process\)\s+\d+\s+< 200/);
    // The evaluating process's own peak (it may train) is reported, but not against the target.
    expect(text).toMatch(/peak memory of this process \(MB RSS\)\s+999$/m);
  }, 120_000);
});

describe('which score kg eval puts first', () => {
  it('cross-validates the documents the shipped model learned from, and scores held-out ones with the shipped extractor', async () => {
    const dev = (await loadFactRuDirectory(REAL_DEV_DIR, { limit: 3 })).documents;
    expect(await shippedModelOverlap(dev, nodeResources())).toEqual({ seen: 3, of: 3 });
    expect(await chooseEvalMode(dev, nodeResources(), true)).toBe('cv');
    const held = tempDir();
    try {
      writeSyntheticDocument(held.dir);
      const unseen = (await loadFactRuDirectory(held.dir)).documents;
      expect(await shippedModelOverlap(unseen, nodeResources())).toEqual({ seen: 0, of: 1 });
      expect(await chooseEvalMode(unseen, nodeResources(), true)).toBe('shipped');
      // Without a trainer there is nothing to cross-validate.
      expect(await chooseEvalMode(dev, nodeResources(), false)).toBe('shipped');
    } finally {
      held.remove();
    }
  });
});
