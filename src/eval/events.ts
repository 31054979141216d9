/**
 * Scoring events against a hand-annotated gold set (issue 12; the guide is
 * docs/events-annotation.md, the set tests/fixtures/events-gold). Pure: the runner
 * (events-run.ts) loads the gold files and extracts.
 *
 * - An extracted event matches a gold event of the same subtype whose trigger span it
 *   overlaps (one to one, the larger overlap first). Detection is scored per subtype.
 * - Roles are scored over all arguments, of matched and unmatched events alike: an
 *   argument is right when the matched event has a gold argument of the same role whose
 *   span it overlaps. An object's quantity counts as an argument of its own ("quantity").
 * - Dates are compared to the month on matched events: each side's date is the event's
 *   own, or else its article's publication date (what the graph shows for it); a gold date
 *   of a year alone is compared as a year.
 */
import { z } from 'zod';
import { sha256, toHex } from '../ingest/sha256';
import type { ExtractedEvent, EntityMention } from '../model/extraction';
import { EVENT_ROLES, EVENT_SUBTYPES, type EventSubtype } from '../model/vocabulary';

const span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive(), text: z.string().min(1) }).refine((s) => s.end > s.start, 'end must be after start');
const isoPartialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'an ISO partial date: YYYY, YYYY-MM or YYYY-MM-DD');

/** One gold file: the events of one article. The single schema for the gold set (docs/events-annotation.md). */
export const goldArticleSchema = z
  .object({
    /** factru-dev:book_58.txt, seed:<file in graph-data/articles>, or fixture:articles/<file> (beside the gold file). */
    text: z.string().regex(/^(factru-dev|seed|fixture):[^/\\]+(\/[^/\\]+)*$/, 'factru-dev:<file>, seed:<file> or fixture:<path>'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    lang: z.enum(['ru', 'en']),
    published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional(),
    split: z.enum(['dev', 'heldout']),
    events: z.array(
      z.object({
        id: z.string().min(1),
        subtype: z.enum(EVENT_SUBTYPES),
        trigger: span,
        date: isoPartialDate.optional(),
        sameAs: z.string().min(1).optional(),
        arguments: z.array(span.and(z.object({ role: z.enum(EVENT_ROLES), quantity: span.optional() }))),
      }),
    ),
  })
  .superRefine((gold, ctx) => {
    const ids = new Set<string>();
    gold.events.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: `duplicate id ${e.id}` });
      ids.add(e.id);
      e.arguments.forEach((a, j) => {
        if (a.quantity && a.role !== 'object') ctx.addIssue({ code: 'custom', path: ['events', i, 'arguments', j], message: 'only an object has a quantity' });
        if (a.role === 'term' && e.subtype !== 'sentence') ctx.addIssue({ code: 'custom', path: ['events', i, 'arguments', j], message: 'a term belongs to a sentence' });
      });
    });
  });
export type GoldArticle = z.infer<typeof goldArticleSchema>;
export type GoldEvent = GoldArticle['events'][number];

/**
 * What is wrong with a gold file's spans against its article text (empty when nothing):
 * each span must cut exactly its text, with no white space around it.
 */
export function goldSpanProblems(gold: GoldArticle, text: string): string[] {
  const problems: string[] = [];
  const check = (where: string, s: { start: number; end: number; text: string }) => {
    if (s.end > text.length) return void problems.push(`${where}: [${s.start}, ${s.end}) is past the end of the text (${text.length})`);
    const actual = text.slice(s.start, s.end);
    if (actual !== s.text) problems.push(`${where}: text at [${s.start}, ${s.end}) is ${JSON.stringify(actual)}, not ${JSON.stringify(s.text)}`);
    else if (s.text !== s.text.trim()) problems.push(`${where}: white space around ${JSON.stringify(s.text)}`);
  };
  for (const e of gold.events) {
    check(`${e.id} trigger`, e.trigger);
    e.arguments.forEach((a, j) => {
      check(`${e.id} arg ${j} (${a.role})`, a);
      if (a.quantity) check(`${e.id} arg ${j} (${a.role}) quantity`, a.quantity);
    });
  }
  return problems;
}

/** sha256 of an article's text as the offsets see it (BOM stripped), hex. */
export function goldTextHash(text: string): string {
  return toHex(sha256(new TextEncoder().encode(text)));
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface EventCounts {
  /** Detection per subtype. */
  detection: Record<EventSubtype, Counts>;
  /** Arguments per role, plus "quantity". */
  roles: Record<string, Counts>;
  dates: { correct: number; of: number };
}

export function emptyEventCounts(): EventCounts {
  return {
    detection: Object.fromEntries(EVENT_SUBTYPES.map((s) => [s, { tp: 0, fp: 0, fn: 0 }])) as Record<EventSubtype, Counts>,
    roles: Object.fromEntries([...EVENT_ROLES, 'quantity'].map((r) => [r, { tp: 0, fp: 0, fn: 0 }])),
    dates: { correct: 0, of: 0 },
  };
}

export function addEventCounts(into: EventCounts, other: EventCounts): EventCounts {
  for (const [k, c] of Object.entries(other.detection)) add(into.detection[k as EventSubtype], c);
  for (const [k, c] of Object.entries(other.roles)) add((into.roles[k] ??= { tp: 0, fp: 0, fn: 0 }), c);
  into.dates.correct += other.dates.correct;
  into.dates.of += other.dates.of;
  return into;
}

function add(into: Counts, c: Counts): void {
  into.tp += c.tp;
  into.fp += c.fp;
  into.fn += c.fn;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** Gold and extracted events paired one to one: same subtype, overlapping triggers, larger overlaps first. */
export function matchEvents(gold: readonly GoldEvent[], predicted: readonly ExtractedEvent[]): Array<[number, number]> {
  const candidates: Array<{ g: number; p: number; size: number }> = [];
  gold.forEach((g, gi) =>
    predicted.forEach((p, pi) => {
      const size = g.subtype === p.subtype ? overlap(g.trigger, p.trigger) : 0;
      if (size > 0) candidates.push({ g: gi, p: pi, size });
    }),
  );
  candidates.sort((a, b) => b.size - a.size || a.g - b.g || a.p - b.p);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const c of candidates) {
    if (usedG.has(c.g) || usedP.has(c.p)) continue;
    usedG.add(c.g);
    usedP.add(c.p);
    pairs.push([c.g, c.p]);
  }
  return pairs;
}

interface ArgSpan {
  role: string;
  start: number;
  end: number;
}

function goldArgs(e: GoldEvent): ArgSpan[] {
  const out: ArgSpan[] = [];
  for (const a of e.arguments) {
    out.push({ role: a.role, start: a.start, end: a.end });
    if (a.quantity) out.push({ role: 'quantity', start: a.quantity.start, end: a.quantity.end });
  }
  return out;
}

function predictedArgs(e: ExtractedEvent, entities: readonly EntityMention[]): ArgSpan[] {
  const out: ArgSpan[] = [];
  for (const a of e.arguments) {
    out.push({ role: a.role, start: a.start, end: a.end });
    const q = a.quantity !== undefined ? entities[a.quantity] : undefined;
    if (q) out.push({ role: 'quantity', start: q.start, end: q.end });
  }
  return out;
}

/** Same-role arguments paired one to one by overlapping spans. */
function scoreArguments(gold: readonly ArgSpan[], predicted: readonly ArgSpan[], roles: Record<string, Counts>): void {
  const used = new Set<number>();
  for (const g of gold) {
    const hit = predicted.findIndex((p, i) => !used.has(i) && p.role === g.role && overlap(p, g) > 0);
    if (hit >= 0) {
      used.add(hit);
      roles[g.role]!.tp++;
    } else roles[g.role]!.fn++;
  }
  predicted.forEach((p, i) => {
    if (!used.has(i)) (roles[p.role] ??= { tp: 0, fp: 0, fn: 0 }).fp++;
  });
}

/** A date as precise as the gold's, to the month at most: 2019-04-12 -> 2019-04; 2019 -> 2019. */
function toMonth(date: string): string {
  return date.slice(0, 7);
}

export function scoreArticleEvents(gold: GoldArticle, predicted: readonly ExtractedEvent[], entities: readonly EntityMention[], published: string | undefined): EventCounts {
  const counts = emptyEventCounts();
  const pairs = matchEvents(gold.events, predicted);
  const matchedG = new Map(pairs.map(([g, p]) => [g, p]));
  const matchedP = new Set(pairs.map(([, p]) => p));
  gold.events.forEach((g, gi) => {
    const pi = matchedG.get(gi);
    if (pi === undefined) {
      counts.detection[g.subtype].fn++;
      scoreArguments(goldArgs(g), [], counts.roles);
      return;
    }
    const p = predicted[pi]!;
    counts.detection[g.subtype].tp++;
    scoreArguments(goldArgs(g), predictedArgs(p, entities), counts.roles);
    const goldDate = g.date ?? published;
    const predictedDate = p.date ?? published;
    if (goldDate !== undefined) {
      counts.dates.of++;
      if (predictedDate !== undefined && toMonth(predictedDate) === toMonth(goldDate)) counts.dates.correct++;
    }
  });
  predicted.forEach((p, pi) => {
    if (matchedP.has(pi)) return;
    counts.detection[p.subtype].fp++;
    scoreArguments([], predictedArgs(p, entities), counts.roles);
  });
  return counts;
}

export function f1(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export function sumCounts(all: Iterable<Counts>): Counts {
  const out = { tp: 0, fp: 0, fn: 0 };
  for (const c of all) add(out, c);
  return out;
}
