/**
 * `kg eval --events`: loads the gold set (tests/fixtures/events-gold, schema in
 * events.ts), extracts each article as `kg ingest` would (header handling, the article
 * date as reference date) and scores the events, per split.
 *
 * The NER model learned from the factRuEval dev set, and events are built on its
 * mentions, so in cross-validation mode a gold article taken from the dev set is extracted
 * by the model trained on the other folds (the folds of `kg eval`); the seed and the
 * written articles, which no model saw, by the shipped extractor.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Extractor } from '../extract/index';
import { extractArticleWhenReady, referenceDateOf } from '../ingest/extract-article';
import { parseArticle } from '../ingest/parse';
import { FormatError, InputError } from '../model/errors';
import { PROJECT_ROOT } from '../node/resources';
import type { TrainHook } from './evaluate';
import { addEventCounts, emptyEventCounts, goldArticleSchema, goldSpanProblems, goldTextHash, scoreArticleEvents, type EventCounts, type GoldArticle } from './events';
import { loadFactRuDirectory } from './factru';
import { splitFolds, trainingDocuments } from './folds';
import type { ExtractorResources } from '../extract/resources';

export const DEFAULT_EVENTS_GOLD_DIR = resolve(PROJECT_ROOT, 'tests', 'fixtures', 'events-gold');

export interface LoadedGold {
  /** The gold file's name. */
  name: string;
  gold: GoldArticle;
  /** The article's text as read (BOM stripped). */
  text: string;
  /** The factRuEval document id when the text comes from the dev set. */
  factruId?: string;
}

/** Where a gold file's text lives. */
export function goldTextPath(ref: string, goldDir: string, factruDir: string): { path: string; factruId?: string } {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const rest = ref.slice(colon + 1);
  if (colon < 0 || rest.split('/').some((part) => part === '..' || part === '')) throw new FormatError('eval', `${ref}: a text reference is factru-dev:, seed: or fixture: and may not leave its directory`);
  if (kind === 'factru-dev') return { path: join(factruDir, rest), ...(/^book_(\w+)\.txt$/.test(rest) ? { factruId: /^book_(\w+)\.txt$/.exec(rest)![1]! } : {}) };
  if (kind === 'seed') return { path: join(PROJECT_ROOT, 'graph-data', 'articles', rest) };
  return { path: join(goldDir, rest) };
}

/** Reads and checks every gold file: schema, the text's hash, and that each span's text is what the offsets cut. */
export async function loadGoldSet(goldDir: string, factruDir: string): Promise<LoadedGold[]> {
  let names: string[];
  try {
    names = (await readdir(goldDir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    throw new InputError('eval', `${goldDir}: no events gold set there`);
  }
  if (names.length === 0) throw new InputError('eval', `${goldDir}: no gold files (*.json)`);
  const out: LoadedGold[] = [];
  for (const name of names) {
    const where = join(goldDir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(where, 'utf8'));
    } catch (err) {
      throw new FormatError('eval', `${where}: not JSON (${(err as Error).message})`);
    }
    const result = goldArticleSchema.safeParse(parsed);
    if (!result.success) throw new FormatError('eval', `${where}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const gold = result.data;
    const { path, factruId } = goldTextPath(gold.text, goldDir, factruDir);
    let text: string;
    try {
      text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
    } catch {
      throw new InputError('eval', `${where}: its text ${path} cannot be read`);
    }
    const hash = goldTextHash(text);
    if (hash !== gold.sha256) throw new FormatError('eval', `${where}: ${path} changed since it was annotated (sha256 ${hash.slice(0, 12)}…, gold says ${gold.sha256.slice(0, 12)}…)`);
    const problems = goldSpanProblems(gold, text);
    if (problems.length > 0) throw new FormatError('eval', `${where}: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`);
    out.push({ name, gold, text, ...(factruId ? { factruId } : {}) });
  }
  return out;
}

export interface EventEvalReport {
  mode: 'cv' | 'shipped';
  articles: Record<'dev' | 'heldout', number>;
  events: Record<'dev' | 'heldout', number>;
  counts: Record<'dev' | 'heldout' | 'all', EventCounts>;
  /** Gold events with a sameAs group across articles: how many groups, and the merge figure (not built yet: undefined). */
  sameAsGroups: number;
}

export interface EventEvalOptions {
  goldDir: string;
  factruDir: string;
  resources: ExtractorResources;
  createExtractor: () => Promise<Extractor>;
  /** With it: dev-set articles are extracted by the model of the fold that held them out. */
  train?: TrainHook;
  folds: number;
  progress?: (line: string) => void;
}

export async function runEventEvaluation(options: EventEvalOptions): Promise<EventEvalReport> {
  const progress = options.progress ?? (() => undefined);
  const golds = await loadGoldSet(options.goldDir, options.factruDir);
  const shipped = await options.createExtractor();
  const extractorOf = new Map<string, Extractor>();
  if (options.train && golds.some((g) => g.factruId !== undefined)) {
    const { documents } = await loadFactRuDirectory(options.factruDir);
    const folds = splitFolds(documents, options.folds);
    for (let i = 0; i < folds.length; i++) {
      const held = new Set(folds[i]!.map((d) => d.id));
      const wanted = golds.filter((g) => g.factruId !== undefined && held.has(g.factruId));
      if (wanted.length === 0) continue;
      progress(`fold ${i + 1}/${folds.length}: training without the ${held.size} held-out documents (${wanted.length} in the events gold set)`);
      const extractor = await options.train(trainingDocuments(folds, i), { resources: options.resources });
      for (const g of wanted) extractorOf.set(g.name, extractor);
    }
  }
  const counts = { dev: emptyEventCounts(), heldout: emptyEventCounts(), all: emptyEventCounts() };
  const articles = { dev: 0, heldout: 0 };
  const events = { dev: 0, heldout: 0 };
  const groups = new Map<string, Set<string>>();
  for (const g of golds) {
    const article = parseArticle(g.text, { file: g.name });
    const extraction = await extractArticleWhenReady(extractorOf.get(g.name) ?? shipped, article);
    const published = referenceDateOf(article) ?? g.gold.published;
    const c = scoreArticleEvents(g.gold, extraction.events ?? [], extraction.entities, published);
    addEventCounts(counts[g.gold.split], c);
    addEventCounts(counts.all, c);
    articles[g.gold.split]++;
    events[g.gold.split] += g.gold.events.length;
    for (const e of g.gold.events) if (e.sameAs) (groups.get(e.sameAs) ?? groups.set(e.sameAs, new Set()).get(e.sameAs)!).add(g.name);
  }
  return { mode: options.train ? 'cv' : 'shipped', articles, events, counts, sameAsGroups: [...groups.values()].filter((s) => s.size > 1).length };
}
