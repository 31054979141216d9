/**
 * The events gold set (issue 12): tests/fixtures/events-gold/*.json, one file per article.
 * See docs/events-annotation.md for the annotation rules and the file format.
 *
 *   npx tsx scripts/events-gold.ts check          # validate every gold file (exit 1 on a problem)
 *   npx tsx scripts/events-gold.ts fill [file…]   # resolve offsets and the sha256, then check
 *
 * `fill` lets a gold file be written by hand without offsets: a span (trigger, argument,
 * quantity) is written as `{ "text": "изъято", "near": "Изъято 19,4 тонны" }`. `near`, when
 * given, must occur exactly once in the article and contain `text`; without it `text` must
 * occur once in the article, or (for an argument or a quantity) the occurrence nearest to
 * the event's trigger is taken. A span that already has start/end is kept as it is. `fill`
 * writes start/end, drops `near`, and sets `sha256` from the text.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FACTRU_DIR } from '../src/eval/cli';
import { goldArticleSchema, goldSpanProblems, goldTextHash, type GoldArticle } from '../src/eval/events';
import { goldTextPath } from '../src/eval/events-run';
import { PROJECT_ROOT } from '../src/node/resources';

export const EVENTS_GOLD_DIR = join(PROJECT_ROOT, 'tests', 'fixtures', 'events-gold');
export const SEED_ARTICLES_DIR = join(PROJECT_ROOT, 'graph-data', 'articles');

export type GoldFile = GoldArticle;
type GoldSpan = GoldFile['events'][number]['trigger'];

/** The path of a gold file's article: `factru-dev:`, `seed:` or `fixture:` reference (the product's rule, src/eval/events-run.ts). */
export function resolveTextPath(ref: string): string {
  return goldTextPath(ref, EVENTS_GOLD_DIR, DEFAULT_FACTRU_DIR).path;
}

/** The article as the offsets see it: UTF-8, a leading BOM stripped. */
export function readArticle(ref: string): string {
  const text = readFileSync(resolveTextPath(ref), 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function sha256(text: string): string {
  return goldTextHash(text);
}

export function listGoldFiles(dir = EVENTS_GOLD_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Every problem with one gold file (empty when valid), by the product's own schema and span
 * checks (src/eval/events.ts, what `kg eval --events` enforces); `sameAs` across files is
 * checked by checkGoldSet.
 */
export function checkGoldFile(path: string, gold: unknown): string[] {
  const name = basename(path);
  const parsed = goldArticleSchema.safeParse(gold);
  if (!parsed.success) return parsed.error.issues.map((i) => `${name}: ${i.path.join('.')}: ${i.message}`);
  let text: string;
  try {
    text = readArticle(parsed.data.text);
  } catch (error) {
    return [`${name}: cannot read ${parsed.data.text}: ${(error as Error).message}`];
  }
  const problems = goldSpanProblems(parsed.data, text).map((p) => `${name} ${p}`);
  if (sha256(text) !== parsed.data.sha256) problems.unshift(`${name}: sha256 does not match ${parsed.data.text}`);
  return problems;
}

export function loadGoldSet(dir = EVENTS_GOLD_DIR): Array<{ path: string; gold: GoldFile }> {
  return listGoldFiles(dir).map((path) => ({ path, gold: JSON.parse(readFileSync(path, 'utf8')) as GoldFile }));
}

/** Every problem with the set: each file's, and each `sameAs` group must span two articles or more. */
export function checkGoldSet(dir = EVENTS_GOLD_DIR): string[] {
  const set = loadGoldSet(dir);
  const problems = set.flatMap(({ path, gold }) => checkGoldFile(path, gold));
  const groups = new Map<string, Set<string>>();
  for (const { path, gold } of set) {
    for (const event of gold.events ?? []) {
      if (!event.sameAs) continue;
      if (!groups.has(event.sameAs)) groups.set(event.sameAs, new Set());
      groups.get(event.sameAs)!.add(basename(path));
    }
  }
  for (const [group, files] of groups) {
    if (files.size < 2) problems.push(`sameAs ${group}: only in ${[...files].join(', ')}; a group links events of two articles or more`);
  }
  return problems;
}

interface DraftSpan {
  start?: number;
  end?: number;
  text: string;
  near?: string;
}

/** Occurrences of `needle` in `haystack`, a space in the needle matching any run of white space (NBSP too). */
function occurrences(haystack: string, needle: string): Array<{ index: number; text: string }> {
  const pattern = needle
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
  const found: Array<{ index: number; text: string }> = [];
  const re = new RegExp(pattern, 'g');
  for (let m = re.exec(haystack); m; m = re.exec(haystack)) {
    found.push({ index: m.index, text: m[0] });
    re.lastIndex = m.index + 1;
  }
  return found;
}

function locate(text: string, span: DraftSpan, anchor: number | undefined, where: string): void {
  if (Number.isInteger(span.start) && Number.isInteger(span.end) && span.near === undefined) return;
  let hit: { index: number; text: string };
  if (span.near !== undefined) {
    const at = occurrences(text, span.near);
    if (at.length !== 1) throw new Error(`${where}: near ${JSON.stringify(span.near)} occurs ${at.length} times`);
    const inner = occurrences(at[0]!.text, span.text);
    if (inner.length !== 1) throw new Error(`${where}: ${JSON.stringify(span.text)} occurs ${inner.length} times in near ${JSON.stringify(span.near)}`);
    hit = { index: at[0]!.index + inner[0]!.index, text: inner[0]!.text };
  } else {
    const at = occurrences(text, span.text);
    if (at.length === 0) throw new Error(`${where}: ${JSON.stringify(span.text)} not in the text`);
    if (at.length > 1 && anchor === undefined) throw new Error(`${where}: ${JSON.stringify(span.text)} occurs ${at.length} times; give near`);
    hit = at.reduce((best, o) => (Math.abs(o.index - anchor!) < Math.abs(best.index - anchor!) ? o : best));
  }
  span.start = hit.index;
  span.end = hit.index + hit.text.length;
  span.text = hit.text;
  delete span.near;
}

/** Resolves the offsets of one drafted gold file in place and sets its sha256. */
export function fillGoldFile(gold: GoldFile): GoldFile {
  const text = readArticle(gold.text);
  for (const event of gold.events) {
    const trigger = event.trigger as DraftSpan;
    locate(text, trigger, undefined, `${event.id} trigger`);
    for (const [j, arg] of event.arguments.entries()) {
      locate(text, arg as DraftSpan, trigger.start, `${event.id} arg ${j} (${arg.role})`);
      if (arg.quantity) locate(text, arg.quantity as DraftSpan, arg.start, `${event.id} arg ${j} quantity`);
    }
  }
  const ordered: GoldFile = {
    text: gold.text,
    sha256: sha256(text),
    lang: gold.lang,
    ...(gold.published ? { published: gold.published } : {}),
    split: gold.split,
    events: gold.events.map((e) => ({
      id: e.id,
      subtype: e.subtype,
      trigger: { start: e.trigger.start, end: e.trigger.end, text: e.trigger.text },
      ...(e.date ? { date: e.date } : {}),
      ...(e.sameAs ? { sameAs: e.sameAs } : {}),
      arguments: e.arguments.map((a) => ({
        role: a.role,
        start: a.start,
        end: a.end,
        text: a.text,
        ...(a.quantity ? { quantity: { start: a.quantity.start, end: a.quantity.end, text: a.quantity.text } } : {}),
      })),
    })),
  };
  return ordered;
}

/** A compact JSON layout: one line per span. */
export function formatGoldFile(gold: GoldFile): string {
  const lines: string[] = ['{'];
  lines.push(`  "text": ${JSON.stringify(gold.text)},`);
  lines.push(`  "sha256": ${JSON.stringify(gold.sha256)},`);
  lines.push(`  "lang": ${JSON.stringify(gold.lang)},`);
  if (gold.published) lines.push(`  "published": ${JSON.stringify(gold.published)},`);
  lines.push(`  "split": ${JSON.stringify(gold.split)},`);
  lines.push('  "events": [');
  gold.events.forEach((e, i) => {
    lines.push('    {');
    lines.push(`      "id": ${JSON.stringify(e.id)}, "subtype": ${JSON.stringify(e.subtype)},`);
    lines.push(`      "trigger": ${JSON.stringify(e.trigger)},`);
    if (e.date) lines.push(`      "date": ${JSON.stringify(e.date)},`);
    if (e.sameAs) lines.push(`      "sameAs": ${JSON.stringify(e.sameAs)},`);
    if (e.arguments.length === 0) lines.push('      "arguments": []');
    else {
      lines.push('      "arguments": [');
      e.arguments.forEach((a, j) => lines.push(`        ${JSON.stringify(a)}${j < e.arguments.length - 1 ? ',' : ''}`));
      lines.push('      ]');
    }
    lines.push(`    }${i < gold.events.length - 1 ? ',' : ''}`);
  });
  lines.push('  ]');
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Events per subtype and per split, articles per split, cross-article sameAs groups. */
export function summarizeGoldSet(dir = EVENTS_GOLD_DIR) {
  const set = loadGoldSet(dir);
  const bySubtype: Record<string, { dev: number; heldout: number }> = {};
  const articles = { dev: 0, heldout: 0 };
  const events = { dev: 0, heldout: 0 };
  const groups = new Set<string>();
  for (const { gold } of set) {
    articles[gold.split] += 1;
    for (const e of gold.events) {
      events[gold.split] += 1;
      (bySubtype[e.subtype] ??= { dev: 0, heldout: 0 })[gold.split] += 1;
      if (e.sameAs) groups.add(e.sameAs);
    }
  }
  return { articles, events, bySubtype, sameAsGroups: groups.size };
}

function main(argv: string[]): number {
  const [command = 'check', ...files] = argv;
  if (command === 'fill') {
    const targets = files.length ? files.map((f) => resolve(f)) : listGoldFiles();
    let failed = false;
    for (const path of targets) {
      const gold = JSON.parse(readFileSync(path, 'utf8')) as GoldFile;
      try {
        writeFileSync(path, formatGoldFile(fillGoldFile(gold)));
      } catch (error) {
        console.error(`${basename(path)}: ${(error as Error).message}`);
        failed = true;
      }
    }
    if (failed) return 1;
  } else if (command === 'summary') {
    console.log(JSON.stringify(summarizeGoldSet(), null, 2));
    return 0;
  } else if (command !== 'check') {
    console.error('usage: events-gold.ts check | fill [file…] | summary');
    return 2;
  }
  if (!existsSync(DEFAULT_FACTRU_DIR)) console.error(`warning: ${DEFAULT_FACTRU_DIR} is missing; factru-dev files cannot be checked`);
  const problems = checkGoldSet();
  for (const p of problems) console.error(p);
  const count = listGoldFiles().length;
  console.log(problems.length ? `${problems.length} problem(s) in ${count} gold files` : `${count} gold files OK`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
