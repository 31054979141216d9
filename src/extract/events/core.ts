/**
 * The language-independent parts of event extraction (issue 12): dates resolved against the
 * article date, argument assembly from a sentence's mentions, and the remapping of events
 * when a later step renumbers or drops mentions (nominal resolution, the article header).
 *
 * The language parts (ru/events.ts, en/events.ts) find triggers and say, for each mention of
 * the sentence, what the grammar shows (subject, passive agent, preposition before it); this
 * module turns that into `ExtractedEvent`s. Pure and isomorphic: no Node API.
 */
import type { EntityMention, EventArgument, ExtractedEvent, FactValue } from '../../model/extraction';
import type { EventRole, EventSubtype } from '../../model/vocabulary';

/** A mention as the event rules see it: its index in the result's `entities` and its token range. */
export interface EventMention {
  index: number;
  first: number;
  last: number;
  start: number;
  end: number;
  type: EntityMention['type'];
  subtype?: string;
  text: string;
  /** Canonical form (a person's officials are matched on the surname). */
  norm?: string;
  value?: FactValue;
}

/** A trigger found by a language's rules. */
export interface Trigger {
  subtype: EventSubtype;
  /** The rule that found it (named in src/extract/README.md, "Events"). */
  rule: string;
  /** Token range [first, last) and character span. */
  first: number;
  last: number;
  start: number;
  end: number;
}

/**
 * Events are looked for in sentences of at most this many tokens. A longer "sentence" is no
 * prose (a table, a list, a run without punctuation), and the role rules compare participants
 * with triggers within a sentence: the bound keeps event extraction linear in the text.
 */
export const MAX_EVENT_SENTENCE_TOKENS = 400;

// ---------------------------------------------------------------- dates

const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A stated date kept only when it is plausible for a news event: not before 1900 and not after
 * the article date (compared at the precision of the stated date: "2019-11" in an article of
 * 2019-11-01 is kept). Without an article date only the lower bound is checked.
 */
export function plausibleDate(date: string | undefined, referenceDate: string | undefined): string | undefined {
  if (date === undefined) return undefined;
  const m = ISO_PARTIAL.exec(date);
  if (!m) return undefined;
  if (Number(m[1]) < 1900) return undefined;
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 12)) return undefined;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 31)) return undefined;
  if (referenceDate !== undefined && ISO_PARTIAL.test(referenceDate.slice(0, 10))) {
    if (date > referenceDate.slice(0, date.length)) return undefined;
  }
  return date;
}

/** "2019-11-01" -> a UTC Date, or undefined. */
function dayOf(iso: string | undefined): Date | undefined {
  if (!iso) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * The day a weekday names, on or before the article date ("on Friday" in an article of
 * Saturday 2019-11-02 -> 2019-11-01; in an article of that Friday -> that day). weekday: 0 = Sunday.
 */
export function weekdayOnOrBefore(weekday: number, referenceDate: string | undefined): string | undefined {
  const ref = dayOf(referenceDate);
  if (!ref) return undefined;
  const back = (ref.getUTCDay() - weekday + 7) % 7;
  return isoDay(new Date(ref.getTime() - back * 86_400_000));
}

/** The article date shifted by whole days ("вчера", "yesterday": -1). */
export function dayOffset(days: number, referenceDate: string | undefined): string | undefined {
  const ref = dayOf(referenceDate);
  return ref ? isoDay(new Date(ref.getTime() + days * 86_400_000)) : undefined;
}

/**
 * A month named without its year ("в апреле", "in April"): the latest such month not after the
 * article date (April in an article of November 2019 -> 2019-04; December -> 2018-12).
 */
export function monthOnOrBefore(month: number, referenceDate: string | undefined): string | undefined {
  const ref = dayOf(referenceDate);
  if (!ref) return undefined;
  const year = month <= ref.getUTCMonth() + 1 ? ref.getUTCFullYear() : ref.getUTCFullYear() - 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The date of a DATE mention for an event: its parsed value ("в апреле этого года" was resolved
 * against the article date by the fact rules), a period's year ("за 10 месяцев 2019 года" ->
 * 2019), or, for a month written without a year, `monthOf` its text resolved by
 * monthOnOrBefore. Then plausibleDate.
 */
export function mentionDate(m: Pick<EventMention, 'value' | 'text'>, referenceDate: string | undefined, monthOf: (text: string) => number | undefined): string | undefined {
  const v = m.value;
  if (v?.kind !== 'date') return undefined;
  let date = v.date ?? (v.period?.year !== undefined ? String(v.period.year) : undefined);
  if (date === undefined && v.period === undefined) {
    const month = monthOf(m.text);
    if (month !== undefined) date = monthOnOrBefore(month, referenceDate);
  }
  return plausibleDate(date, referenceDate);
}

// ---------------------------------------------------------------- arguments

export function mentionArgument(role: EventRole, m: EventMention, quantity?: EventMention): EventArgument {
  return { role, entity: m.index, start: m.start, end: m.end, text: m.text, ...(quantity ? { quantity: quantity.index } : {}) };
}

export function textArgument(role: EventRole, start: number, end: number, text: string): EventArgument {
  return { role, start, end, text };
}

/** Token distance from a span to a trigger (0 when they touch or overlap). */
export function distance(a: { first: number; last: number }, t: { first: number; last: number }): number {
  if (a.last <= t.first) return t.first - a.last;
  if (a.first >= t.last) return a.first - t.last;
  return 0;
}

/**
 * The trigger a span belongs to when the sentence has several: the nearest by tokens, the one
 * before it on a tie ("задержали X и изъяли Y": X to "задержали", Y to "изъяли").
 */
export function nearestTrigger<T extends { first: number; last: number }>(span: { first: number; last: number }, triggers: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const t of triggers) {
    const d = distance(span, t);
    if (d < bestD || (d === bestD && best !== undefined && t.first < span.first && best.first > span.first)) {
      best = t;
      bestD = d;
    }
  }
  return best;
}

/** Arguments in a stable order: by role as EVENT_ROLES lists them, then by position; no repeated (role, span). */
const ROLE_ORDER: Record<EventRole, number> = { agent: 0, patient: 1, object: 2, instrument: 3, place: 4, date: 5, term: 6 };

export function orderArguments(args: readonly EventArgument[]): EventArgument[] {
  const seen = new Set<string>();
  return [...args]
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.start - b.start)
    .filter((a) => {
      const key = `${a.role}|${a.start}|${a.end}|${a.entity ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export function makeEvent(text: string, t: Trigger, evidence: [number, number], args: readonly EventArgument[], date: string | undefined): ExtractedEvent {
  return {
    subtype: t.subtype,
    trigger: { start: t.start, end: t.end, text: text.slice(t.start, t.end) },
    evidence,
    arguments: orderArguments(args),
    ...(date !== undefined ? { date } : {}),
  };
}

// ---------------------------------------------------------------- remapping

/** Roles whose participant may stand as text alone when its mention goes ("пять лидеров", "members of a gang"). */
const TEXT_ROLES: ReadonlySet<EventRole> = new Set(['patient', 'term']);

/**
 * The events after the mentions were renumbered: `newIndex(old)` is a mention's new index, or
 * undefined when it was dropped. An argument whose mention was dropped is removed, unless it is a
 * patient or a term inside the evidence sentence (the group as written still says who was acted
 * on), which stays as text alone; a dropped quantity is removed from its object. `keepEvent`
 * drops whole events (those whose trigger is in the article's header lines).
 */
export function remapEvents(events: readonly ExtractedEvent[] | undefined, newIndex: (old: number) => number | undefined, keepEvent: (e: ExtractedEvent) => boolean = () => true): ExtractedEvent[] | undefined {
  if (events === undefined) return undefined;
  const out: ExtractedEvent[] = [];
  for (const e of events) {
    if (!keepEvent(e)) continue;
    const args: EventArgument[] = [];
    for (const a of e.arguments) {
      let arg: EventArgument = { ...a };
      if (a.entity !== undefined) {
        const n = newIndex(a.entity);
        if (n === undefined) {
          if (!TEXT_ROLES.has(a.role) || a.start < e.evidence[0] || a.end > e.evidence[1]) continue;
          const { entity: _dropped, quantity: _q, ...rest } = arg;
          arg = rest;
        } else arg.entity = n;
      }
      if (arg.quantity !== undefined) {
        const q = newIndex(arg.quantity);
        if (q === undefined) delete arg.quantity;
        else arg.quantity = q;
      }
      args.push(arg);
    }
    out.push({ ...e, arguments: args });
  }
  return out;
}

/** Whether every index of the events points into `entities` (a check for tests and the CLI). */
export function eventIndicesValid(events: readonly ExtractedEvent[], entities: readonly EntityMention[]): boolean {
  return events.every((e) =>
    e.arguments.every((a) => (a.entity === undefined || (a.entity >= 0 && a.entity < entities.length)) && (a.quantity === undefined || entities[a.quantity]?.type === 'QUANTITY')),
  );
}
