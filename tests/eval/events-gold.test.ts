/**
 * The events gold set (issue 12, tests/fixtures/events-gold): every file valid (subtypes and
 * roles from the vocabulary, offsets matching the text, sha256 of the article, sameAs groups
 * across articles), already in the canonical form `scripts/events-gold.ts fill` writes, and
 * the set as large as docs/events-annotation.md says.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGoldFile, checkGoldSet, fillGoldFile, formatGoldFile, loadGoldSet, summarizeGoldSet, type GoldFile } from '../../scripts/events-gold';
import { REAL_DEV_DIR } from './fixtures';

const haveFactRu = existsSync(REAL_DEV_DIR);
const set = loadGoldSet();
/** Files whose text can be read here (the factRuEval texts live outside the repository). */
const readable = set.filter(({ gold }) => haveFactRu || !gold.text.startsWith('factru-dev:'));

describe('the events gold set', () => {
  it('has every file valid', () => {
    const problems = checkGoldSet().filter((p) => haveFactRu || !/cannot read factru-dev:/.test(p));
    expect(problems).toEqual([]);
  });

  it('keeps each file in the form `fill` writes (exact offsets, fresh sha256)', () => {
    for (const { path, gold } of readable) {
      const copy = JSON.parse(JSON.stringify(gold)) as GoldFile;
      expect(formatGoldFile(fillGoldFile(copy)), basename(path)).toBe(readFileSync(path, 'utf8'));
    }
  });

  it('is as large as the guide says: 24+ articles, 120+ events, 6+ held out, 5+ ru/en pairs', () => {
    const summary = summarizeGoldSet();
    expect(summary.articles.dev + summary.articles.heldout).toBeGreaterThanOrEqual(24);
    expect(summary.events.dev + summary.events.heldout).toBeGreaterThanOrEqual(120);
    expect(summary.articles.heldout).toBeGreaterThanOrEqual(6);
    // A pair: a Russian and an English article sharing a sameAs group.
    const groups = new Map<string, Set<string>>();
    for (const { path, gold } of set) {
      for (const e of gold.events) if (e.sameAs) (groups.get(e.sameAs) ?? groups.set(e.sameAs, new Set()).get(e.sameAs)!).add(`${gold.lang}:${basename(path)}`);
    }
    const pairs = new Set<string>();
    for (const files of groups.values()) {
      const ru = [...files].filter((f) => f.startsWith('ru:'));
      const en = [...files].filter((f) => f.startsWith('en:'));
      for (const r of ru) for (const e of en) pairs.add(`${r}|${e}`);
    }
    expect(pairs.size).toBeGreaterThanOrEqual(5);
    const heldoutPair = [...pairs].some((p) => p.split('|').every((f) => set.find((s) => basename(s.path) === f.slice(3))!.gold.split === 'heldout'));
    expect(heldoutPair).toBe(true);
  });

  it('reports a span whose offsets do not match its text, and an unknown subtype', () => {
    const { path, gold } = readable.find(({ gold }) => gold.events.length > 0)!;
    const shifted = JSON.parse(JSON.stringify(gold)) as GoldFile;
    shifted.events[0]!.trigger.start += 1;
    expect(checkGoldFile(path, shifted).some((p) => p.includes('trigger: text at'))).toBe(true);
    const unknown = JSON.parse(JSON.stringify(gold)) as { events: Array<{ subtype: string }> };
    unknown.events[0]!.subtype = 'robbery';
    expect(checkGoldFile(path, unknown).some((p) => p.includes('events.0.subtype'))).toBe(true);
  });
});
