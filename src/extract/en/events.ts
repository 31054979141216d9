/**
 * English events (issue 12): trigger words by form (`TRIGGER_RULES`, named, in order), the
 * negated and the future or hypothetical ones dropped (`isUnreal`), and participants from the
 * mentions of the sentence. The shared parts (dates, argument order, remapping) are in
 * ../events/core.ts.
 */
import type { ExtractedEvent, ExtractedRelation } from '../../model/extraction';
import type { EventSubtype } from '../../model/vocabulary';
import { dayOffset, makeEvent, MAX_EVENT_SENTENCE_TOKENS, mentionArgument, mentionDate, nearestTrigger, textArgument, weekdayOnOrBefore, type EventMention, type Trigger } from '../events/core';
import type { EnDocument, EnSentence, EnToken } from './tokens';

export interface EnTriggerRule {
  name: string;
  subtype: EventSubtype;
  /** The trigger's token range when token i starts one. */
  match(tokens: readonly EnToken[], i: number, s: EnSentence): { first: number; last: number } | undefined;
}

function form(name: string, subtype: EventSubtype, re: RegExp): EnTriggerRule {
  return { name, subtype, match: (tokens, i) => (re.test(tokens[i]!.key) ? { first: i, last: i + 1 } : undefined) };
}

/** A form followed within `window` tokens by another ("shut down", "joint operation", "opened a case"). */
function followed(name: string, subtype: EventSubtype, head: RegExp, tail: RegExp, window: number): EnTriggerRule {
  return {
    name,
    subtype,
    match(tokens, i, s) {
      if (!head.test(tokens[i]!.key)) return undefined;
      for (let k = i + 1; k < Math.min(s.last, i + 1 + window); k++) if (tail.test(tokens[k]!.key)) return { first: i, last: k + 1 };
      return undefined;
    },
  };
}

/** Speech forms that make a statement, when an official or an agency speaks. */
const STATEMENT = /^(said|says|announced|announces|stated|states|declared|told|reported|statement)$/;

export const TRIGGER_RULES: readonly EnTriggerRule[] = [
  followed('joint-operation', 'cooperation', /^joint$/, /^(operation|raid|investigation|effort)s?$/, 1),
  form('cooperate', 'cooperation', /^(cooperated|cooperating|cooperation|co-operated|co-operation|collaborated|collaboration)$/),
  form('seize', 'seizure', /^(seized|seizure|seizures|confiscated|confiscation|impounded)$/),
  form('detain', 'detention', /^(detained|detention|detaining)$/),
  form('arrest', 'arrest', /^(arrested|arrest|arrests|arresting)$/),
  form('search', 'search', /^(searched|search|searches)$/),
  followed('open-case', 'charge', /^(opened|launched|filed|brought)$/, /^(case|cases|charges|proceedings)$/, 3),
  form('charge', 'charge', /^(charged|indicted|prosecuted)$/),
  form('sentence', 'sentence', /^(sentenced|jailed|convicted|imprisoned)$/),
  followed('shut-down', 'blocking', /^(shut|shutting|took|taken)$/, /^(down|offline)$/, 1),
  form('block', 'blocking', /^(blocked|blocking|hacked)$/),
  form('raid', 'raid', /^(raided|raid|raids|dismantled|dismantling|busted|liquidated|operation|crackdown)$/),
  form('request', 'request', /^(requested|request|requests|appealed)$/),
  form('speak', 'statement', STATEMENT),
];

/** Words before a trigger that make it future or hypothetical: "will be sentenced", "plans to block", "could be charged". */
const UNREAL = /^(not|n't|never|no|will|would|could|might|may|shall|should|must|plan|plans|planned|intend|intends|intended|if|unless|expected|going|set|wo|won't|cannot|can't)$/;

export function isUnreal(tokens: readonly EnToken[], t: { first: number }, s: EnSentence): boolean {
  for (let k = t.first - 1; k >= Math.max(s.first, t.first - 4); k--) {
    const w = tokens[k]!;
    if (UNREAL.test(w.key)) return true;
    if (/[,;:]/.test(w.post)) break;
  }
  return false;
}

export function findTriggers(tokens: readonly EnToken[], s: EnSentence): Trigger[] {
  const out: Trigger[] = [];
  for (let i = s.first; i < s.last; i++) {
    for (const rule of TRIGGER_RULES) {
      const r = rule.match(tokens, i, s);
      if (!r) continue;
      if (!isUnreal(tokens, r, s)) out.push({ subtype: rule.subtype, rule: rule.name, first: r.first, last: r.last, start: tokens[r.first]!.start, end: tokens[r.last - 1]!.end });
      i = r.last - 1;
      break;
    }
  }
  return out;
}

const AGENT_SUBTYPES = new Set([undefined, 'government_agency', 'international', 'organization']);
const isAgency = (m: EventMention) => m.type === 'ORGANIZATION' && AGENT_SUBTYPES.has(m.subtype);
const PATIENT_SUBTYPES: ReadonlySet<EventSubtype> = new Set(['detention', 'arrest', 'charge', 'sentence', 'raid', 'search']);
const OBJECT_SUBTYPES: ReadonlySet<EventSubtype> = new Set(['seizure', 'detention', 'arrest', 'search', 'raid', 'charge', 'sentence']);
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Groups acted on, as text when no mention covers them: "members of a gang", "three suspects". */
const GROUP = /^(suspects?|members?|gang|gangs|cartel|ring|syndicate|couriers?|dealers?|traffickers?|people|men|women|citizens|residents|foreigners|leaders?)$/;
const TERM = /\b(?:(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)[- ](?:years?|months?)(?: and (?:\d+|\w+) months?)? (?:in prison|in jail|behind bars|of imprisonment|in a penal colony|prison (?:term|sentence))|life (?:in prison|imprisonment))/gi;

function monthOf(text: string): number | undefined {
  const i = MONTHS.findIndex((m) => text.toLowerCase().includes(m));
  return i < 0 ? undefined : i + 1;
}

export interface EnglishEventInput {
  doc: EnDocument;
  mentions: readonly EventMention[];
  relations: readonly ExtractedRelation[];
  referenceDate?: string;
}

const by = (tokens: readonly EnToken[], m: EventMention) => tokens[m.first - 1]?.key === 'by' || (tokens[m.first - 1]?.key === 'the' && tokens[m.first - 2]?.key === 'by');
const prep = (tokens: readonly EnToken[], m: EventMention) => {
  let k = m.first - 1;
  if (tokens[k]?.key === 'the') k--;
  return tokens[k]?.key;
};

export function findEnglishEvents(input: EnglishEventInput): ExtractedEvent[] {
  const { doc, referenceDate } = input;
  const { tokens, text } = doc;
  const officials = new Set(input.relations.filter((r) => r.type === 'HOLDS_POSITION').map((r) => input.mentions[r.source]?.norm ?? ''));
  const isOfficial = (m: EventMention) => m.type === 'PERSON' && officials.has(m.norm ?? '');
  const out: ExtractedEvent[] = [];
  const sorted = [...input.mentions].sort((a, b) => a.start - b.start);
  let cursor = 0;
  for (const s of doc.sentences) {
    if (s.last - s.first > MAX_EVENT_SENTENCE_TOKENS) continue;
    const triggers = findTriggers(tokens, s);
    if (triggers.length === 0) continue;
    // Mentions sorted, sentences in order: walk them together (linear, not sentences x mentions).
    while (cursor < sorted.length && sorted[cursor]!.first < s.first) cursor++;
    const inS: EventMention[] = [];
    for (let k = cursor; k < sorted.length && sorted[k]!.first < s.last; k++) if (sorted[k]!.last <= s.last) inS.push(sorted[k]!);
    const actions = triggers.filter((t) => t.subtype !== 'statement');
    const evidence: [number, number] = [s.start, s.end];
    const terms = [...text.slice(s.start, s.end).matchAll(TERM)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }));
    for (const t of triggers) {
      const args = [];
      let date: string | undefined;
      for (const d of inS.filter((m) => m.type === 'DATE' && nearestTrigger(m, triggers) === t)) {
        args.push(mentionArgument('date', d));
        date ??= mentionDate(d, referenceDate, monthOf);
      }
      if (date === undefined) date = spokenDay(tokens, s, t, triggers, referenceDate);
      if (t.subtype === 'statement') {
        // "X said", "said X", "police said": only an official or an agency.
        const speaker = inS.filter((m) => (isAgency(m) || isOfficial(m)) && (m.last <= t.first ? t.first - m.last <= 2 : m.first - t.last <= 1)).sort((a, b) => Math.abs(a.first - t.first) - Math.abs(b.first - t.first))[0];
        if (!speaker) continue;
        args.push(mentionArgument('agent', speaker));
        out.push(makeEvent(text, t, evidence, args, date));
        continue;
      }
      const mine = inS.filter((m) => nearestTrigger(m, actions) === t);
      const addressees = t.subtype === 'request' ? inS.filter((m) => isAgency(m) && /^(to|from)$/.test(prep(tokens, m) ?? '')) : [];
      for (const m of addressees) args.push(mentionArgument('patient', m));
      const partners = t.subtype === 'cooperation' ? inS.filter((m) => isAgency(m) && /^(with|and)$/.test(prep(tokens, m) ?? '')) : [];
      for (const m of partners) args.push(mentionArgument('agent', m));
      const taken = new Set([...addressees, ...partners].map((m) => m.index));
      // The agent: "by the X"; else the agency or official before the trigger, nearest; else none.
      const candidates = inS.filter((m) => !taken.has(m.index) && (isAgency(m) || isOfficial(m)));
      const agent = candidates.find((m) => by(tokens, m)) ?? candidates.filter((m) => m.last <= t.first && !/^(in|to|from|at|of|with)$/.test(prep(tokens, m) ?? '')).pop();
      if (agent) {
        args.push(mentionArgument('agent', agent));
        taken.add(agent.index);
      }
      for (const m of mine) {
        if (taken.has(m.index)) continue;
        if (PATIENT_SUBTYPES.has(t.subtype) && ((m.type === 'PERSON' && !isOfficial(m)) || (m.type === 'ORGANIZATION' && m.subtype === 'criminal_group'))) args.push(mentionArgument('patient', m));
        else if (m.type === 'DRUG' && OBJECT_SUBTYPES.has(t.subtype)) {
          const q = inS.find((x) => x.type === 'QUANTITY' && (x.last === m.first || (x.last === m.first - 1 && tokens[m.first - 1]!.key === 'of')));
          args.push(mentionArgument('object', m, q));
        } else if (m.type === 'CHANNEL') args.push(mentionArgument('instrument', m));
        else if (m.type === 'LOCATION' && /^(in|at|near|across|throughout)$/.test(prep(tokens, m) ?? '')) args.push(mentionArgument('place', m));
      }
      if (PATIENT_SUBTYPES.has(t.subtype)) {
        for (let k = s.first; k < s.last; k++) {
          if (!GROUP.test(tokens[k]!.key) || inS.some((m) => m.first <= k && k < m.last && m.type !== 'QUANTITY')) continue;
          let first = k;
          let last = k + 1;
          while (first > s.first && (/^(\d+|two|three|four|five|six|seven|eight|nine|ten|several|the|a|an)$/.test(tokens[first - 1]!.key) || tokens[first - 1]!.tags.has('Adjective'))) first--;
          // "members of a gang": the group it belongs to.
          if (tokens[k + 1]?.key === 'of' && k + 2 < s.last) {
            last = k + 2;
            while (last < s.last && /^(a|an|the|drug|criminal|organised|organized)$/.test(tokens[last]!.key)) last++;
            if (last < s.last && GROUP.test(tokens[last]!.key)) last++;
            else last = k + 1;
          }
          if (nearestTrigger({ first, last }, actions) !== t) {
            k = last - 1;
            continue;
          }
          args.push(textArgument('patient', tokens[first]!.start, tokens[last - 1]!.end, text.slice(tokens[first]!.start, tokens[last - 1]!.end)));
          k = last - 1;
        }
      }
      if (t.subtype === 'sentence') for (const term of terms) args.push(textArgument('term', term.start, term.end, text.slice(term.start, term.end)));
      out.push(makeEvent(text, t, evidence, args, date));
    }
  }
  return out;
}

/** "on Friday", "yesterday", "today" in the sentence, nearest to this trigger, against the article date. */
function spokenDay(tokens: readonly EnToken[], s: EnSentence, t: Trigger, triggers: readonly Trigger[], referenceDate: string | undefined): string | undefined {
  for (let k = s.first; k < s.last; k++) {
    const key = tokens[k]!.key;
    let date: string | undefined;
    if (key === 'yesterday') date = dayOffset(-1, referenceDate);
    else if (key === 'today') date = dayOffset(0, referenceDate);
    else if (WEEKDAYS.includes(key) && /^(on|last)$/.test(tokens[k - 1]?.key ?? '')) date = weekdayOnOrBefore(WEEKDAYS.indexOf(key), referenceDate);
    if (date !== undefined && nearestTrigger({ first: k, last: k + 1 }, triggers) === t) return date;
  }
  return undefined;
}
