/**
 * Typed relations between English mentions of one sentence, each with that sentence
 * as evidence. MENTIONED_WITH is left to the graph builder.
 *
 * HOLDS_POSITION: "Tlegen Matkenov, head of the anti-drug department", "anti-drug
 *   department head Tlegen Matkenov", "Kazakhstan's President Kassym-Jomart Tokayev",
 *   "the head of the department, Tlegen Matkenov", "X, who heads the Y".
 * PART_OF: "the anti-drug department of the Interior Ministry", "the Interior
 *   Ministry's anti-drug department" (and "the ministry's ...", once anaphora.ts has
 *   made "ministry" a mention of the ministry named earlier); a city or
 *   region written "Shymkent, Kazakhstan".
 * LOCATED_IN: "Kazakhstan's Interior Ministry", "the police department in Almaty".
 * SEIZED, DISTRIBUTED_VIA, STATED, SENT_REQUEST_TO: cue words in the sentence.
 *
 * The code is two ordered lists of named rules over a `RelationContext` built once per
 * sentence (`relationContexts`: the sentence, its mentions, the mention at each token and the
 * lexicon layer): `MENTION_RULES` look from one mention of the sentence, `SENTENCE_RULES` at
 * the sentence as a whole. Each rule returns what it finds; `findRelations` runs the mention
 * rules on every mention in text order, then the sentence rules on every sentence with two
 * mentions or more, numbers the relations and keeps the first of each type, source and target.
 * Each rule is tested alone in tests/extract-en/relation-rules.test.ts.
 */
import type { ExtractedRelation } from '../../model/extraction';
import type { RelationType } from '../../model/vocabulary';
import type { Draft } from './draft';
import type { LexiconLayer } from './lexicon-mentions';
import type { EnDocument, EnSentence, EnToken } from './tokens';
import { SPEECH_VERBS } from './words';

const SEIZE = /^(seize|seized|seizing|seizure|confiscate|confiscated|confiscating|confiscation|intercept|intercepted|impound|impounded|recover|recovered|found|find|discover|discovered|uncover|uncovered|detect|detected|withdraw|withdrawn|withdrew|destroy|destroyed|haul)$/;
const DISTRIBUTE = /^(sell|sold|selling|sale|sales|distribute|distributed|distributing|distribution|spread|spreading|advertise|advertised|advertising|advertisement|ad|ads|market|marketed|marketing|traffic|trafficked|trafficking|buy|bought|buying|purchase|purchased|order|ordered|deliver|delivered|delivery|offer|offered|promote|promoted|supply|supplied|via|through|using|smuggle|smuggled|deal|dealing)$/;
const REQUEST_NOUN = /^(request|requests|inquiry|inquiries|enquiry|enquiries|query|queries|petition|appeal|letter)$/;
const REQUEST_VERB = /^(request|requested|ask|asked|appeal|appealed|petition|petitioned|turn|turned|apply|applied)$/;
const HEADS_VERBS: Record<string, string> = { heads: 'head', headed: 'head', leads: 'leader', led: 'leader', runs: 'head', ran: 'head', chairs: 'chairman', chaired: 'chairman', directs: 'director', directed: 'director', manages: 'manager', managed: 'manager', commands: 'commander', commanded: 'commander' };
const AGENT_SUBTYPES = new Set([undefined, 'government_agency', 'international', 'organization']);

/** What the relation rules share about one sentence: built once per sentence by `relationContexts`. */
export interface RelationContext {
  tokens: readonly EnToken[];
  layer: LexiconLayer;
  sentence: EnSentence;
  /** The mentions starting in the sentence, in text order. */
  mentions: readonly Draft[];
  /** The first mention covering each token of the document. */
  at: ReadonlyArray<Draft | undefined>;
}

/** A relation a rule found, before `findRelations` numbers it and drops repeats. */
export interface FoundRelation {
  type: RelationType;
  source: Draft;
  target: Draft;
  props?: Record<string, string>;
}

/** A rule that looks from one mention of the sentence. */
export interface MentionRule {
  name: string;
  apply(ctx: RelationContext, mention: Draft): FoundRelation[];
}

/** A rule over the sentence as a whole. */
export interface SentenceRule {
  name: string;
  apply(ctx: RelationContext): FoundRelation[];
}

/** The contexts of the sentences that have mentions, in text order (`drafts` sorted by position). */
export function relationContexts(doc: EnDocument, layer: LexiconLayer, drafts: readonly Draft[]): RelationContext[] {
  const { tokens, sentences } = doc;
  const at = new Array<Draft | undefined>(tokens.length);
  for (const d of drafts) for (let i = d.first; i < d.last; i++) at[i] ??= d;
  const bySentence = new Map<number, Draft[]>();
  for (const d of drafts) {
    const s = tokens[d.first]!.sentence;
    const list = bySentence.get(s);
    if (list) list.push(d);
    else bySentence.set(s, [d]);
  }
  return [...bySentence].map(([s, mentions]) => ({ tokens, layer, sentence: sentences[s]!, mentions, at }));
}

/** The mention that ends right before token i, if any. */
function mentionEndingBefore(ctx: RelationContext, i: number): Draft | undefined {
  const d = ctx.at[i - 1];
  return d && d.last === i ? d : undefined;
}

/** First mention of the given types starting in [from, to). */
function firstMentionIn(ctx: RelationContext, from: number, to: number, types: readonly string[]): Draft | undefined {
  for (let i = from; i < to && i < ctx.tokens.length; i++) {
    const d = ctx.at[i];
    if (d && d.first === i && types.includes(d.type)) return d;
  }
  return undefined;
}

/** The position-word lexicon match starting at token i. */
function positionAt(ctx: RelationContext, i: number) {
  const m = ctx.layer.matchAt.get(i);
  return m && m.hits.some((h) => h.kind === 'position') ? m : undefined;
}

/** The position-word lexicon match ending right before token i. */
function positionEndingAt(ctx: RelationContext, i: number) {
  const m = ctx.layer.covering[i - 1];
  return m && m.last === i && m.hits.some((h) => h.kind === 'position') ? m : undefined;
}

const HOLDER = ['ORGANIZATION', 'LOCATION'];

/** Whether a comma follows the mention: "<name>, ...". */
function commaAfter(ctx: RelationContext, d: Draft): boolean {
  return /,/.test(ctx.tokens[d.last - 1]!.post) || ctx.tokens[d.last]?.text === ',';
}

/** The first token after the mention's comma past "the", "former", "acting" and the like (not a position word). */
function afterAppositiveDeterminers(ctx: RelationContext, d: Draft): number {
  const { tokens } = ctx;
  let j = d.last;
  while (j < ctx.sentence.last && /^(the|a|an|its|their|former|acting|deputy|interim|then|current)$/.test(tokens[j]!.key) && !positionAt(ctx, j)) j++;
  return j;
}

/** HOLDS_POSITION, a title right before the name: "anti-drug department head Tlegen Matkenov", "Kazakhstan's President Kassym-Jomart Tokayev". */
export function titleBeforeName(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'PERSON') return [];
  const { tokens, layer } = ctx;
  const titleMatch = d.titleFirst !== undefined ? layer.matchAt.get(d.titleFirst) : positionEndingAt(ctx, d.first);
  if (!titleMatch || !titleMatch.hits.some((h) => h.kind === 'position')) return [];
  const titleStart = d.titleFirst ?? titleMatch.first;
  const position = d.title ?? wordsOf(tokens, titleMatch.first, titleMatch.last);
  let j = titleStart;
  if (tokens[j - 1]?.key === 'the') j--;
  const org = mentionEndingBefore(ctx, j);
  return org && HOLDER.includes(org.type) ? [{ type: 'HOLDS_POSITION', source: d, target: org, props: { position } }] : [];
}

/** HOLDS_POSITION, an appositive: "Tlegen Matkenov, head of the anti-drug department". */
export function appositivePosition(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'PERSON' || !commaAfter(ctx, d)) return [];
  const j = afterAppositiveDeterminers(ctx, d);
  const pos = positionAt(ctx, j);
  if (!pos || pos.first !== j) return [];
  const target = positionTarget(ctx, pos.last);
  return target ? [{ type: 'HOLDS_POSITION', source: d, target, props: { position: wordsOf(ctx.tokens, d.last, pos.last).replace(/^(the|a|an) /, '') } }] : [];
}

/** HOLDS_POSITION: "John Smith, who heads the Financial Monitoring Agency" (position "head"). */
export function whoHeads(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'PERSON' || !commaAfter(ctx, d)) return [];
  const { tokens } = ctx;
  const j = afterAppositiveDeterminers(ctx, d);
  if (tokens[j]?.key !== 'who' || !HEADS_VERBS[tokens[j + 1]?.key ?? '']) return [];
  const target = firstMentionIn(ctx, j + 2, Math.min(ctx.sentence.last, j + 7), HOLDER);
  return target ? [{ type: 'HOLDS_POSITION', source: d, target, props: { position: HEADS_VERBS[tokens[j + 1]!.key]! } }] : [];
}

/** HOLDS_POSITION: "Anna Brown is the director of the Drug Control Agency". */
export function isPositionOf(ctx: RelationContext, d: Draft): FoundRelation[] {
  const { tokens } = ctx;
  if (d.type !== 'PERSON' || !/^(is|was|has been|serves as|served as)$/.test(tokens[d.last]?.key ?? '')) return [];
  let j = d.last + 1;
  while (j < ctx.sentence.last && /^(the|a|an|its|former|acting|deputy)$/.test(tokens[j]!.key) && !positionAt(ctx, j)) j++;
  const pos = positionAt(ctx, j);
  if (!pos) return [];
  const target = positionTarget(ctx, pos.last);
  return target ? [{ type: 'HOLDS_POSITION', source: d, target, props: { position: wordsOf(tokens, j, pos.last) } }] : [];
}

/** HOLDS_POSITION, the position and its organisation before the name: "the head of the National Security Committee, Ermek Sagimbayev". */
export function positionOfBeforeName(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'PERSON') return [];
  const { tokens } = ctx;
  const out: FoundRelation[] = [];
  for (let j = Math.max(ctx.sentence.first, d.first - 12); j < d.first; j++) {
    const pos = positionAt(ctx, j);
    if (!pos || tokens[pos.last]?.key !== 'of') continue;
    const target = firstMentionIn(ctx, pos.last + 1, Math.min(d.first, pos.last + 8), HOLDER);
    if (target && d.first - target.last <= 1 && (d.first === target.last || tokens[target.last]?.text === ',' || /,/.test(tokens[target.last - 1]!.post))) {
      out.push({ type: 'HOLDS_POSITION', source: d, target, props: { position: wordsOf(tokens, j, pos.last) } });
    }
  }
  return out;
}

/** PART_OF: "the anti-drug department of the Interior Ministry" (the part not a lexicon organisation). */
export function departmentOf(ctx: RelationContext, d: Draft): FoundRelation[] {
  const { tokens, at } = ctx;
  if (d.type !== 'ORGANIZATION' || tokens[d.last]?.key !== 'of' || d.ref) return [];
  let j = d.last + 1;
  if (tokens[j]?.key === 'the') j++;
  const parent = at[j];
  return parent && parent.first === j && parent.type === 'ORGANIZATION' ? [{ type: 'PART_OF', source: d, target: parent }] : [];
}

/** PART_OF: "the Interior Ministry's anti-drug department". */
export function possessivePartOf(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'ORGANIZATION') return [];
  const before = mentionEndingBefore(ctx, d.first);
  return before && before.type === 'ORGANIZATION' && ctx.tokens[d.first - 1]!.possessive && !d.ref ? [{ type: 'PART_OF', source: d, target: before }] : [];
}

/** LOCATED_IN: "Kazakhstan's Interior Ministry", the place that qualifies the organisation. */
export function qualifiedByPlace(_ctx: RelationContext, d: Draft): FoundRelation[] {
  return d.type === 'ORGANIZATION' && d.qualifier?.draft ? [{ type: 'LOCATED_IN', source: d, target: d.qualifier.draft }] : [];
}

/** LOCATED_IN: "the police department in Almaty". */
export function organisationInPlace(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'ORGANIZATION' || ctx.tokens[d.last]?.key !== 'in') return [];
  const place = ctx.at[d.last + 1];
  return place && place.first === d.last + 1 && place.type === 'LOCATION' ? [{ type: 'LOCATED_IN', source: d, target: place }] : [];
}

/** PART_OF: a city or region written "Shymkent, Kazakhstan". */
export function placeCommaCountry(ctx: RelationContext, d: Draft): FoundRelation[] {
  if (d.type !== 'LOCATION' || d.subtype === 'country' || !/^,\s*$/.test(ctx.tokens[d.last - 1]!.post)) return [];
  const country = ctx.at[d.last];
  return country && country.first === d.last && country.type === 'LOCATION' && country.subtype === 'country' ? [{ type: 'PART_OF', source: d, target: country }] : [];
}

/** The first token of the sentence whose key or lemma matches, -1 if none. */
function cue(ctx: RelationContext, re: RegExp): number {
  for (let i = ctx.sentence.first; i < ctx.sentence.last; i++) if (re.test(ctx.tokens[i]!.key) || re.test(ctx.tokens[i]!.lemma)) return i;
  return -1;
}

/**
 * SEIZED: a seizure word, every drug of the sentence and the agency that acted ("by the X",
 * else the last one before the word, else the only one), with the quantity written before each drug.
 */
export function seized(ctx: RelationContext): FoundRelation[] {
  const { tokens, mentions } = ctx;
  const drugs = mentions.filter((d) => d.type === 'DRUG');
  const seize = cue(ctx, SEIZE);
  if (seize < 0 || drugs.length === 0) return [];
  const agents = mentions.filter((o) => o.type === 'ORGANIZATION' && AGENT_SUBTYPES.has(o.subtype));
  const byAgent = agents.find((o) => tokens[o.first - 1]?.key === 'by' || (tokens[o.first - 1]?.key === 'the' && tokens[o.first - 2]?.key === 'by'));
  const beforeVerb = agents.filter((o) => o.last <= seize).pop();
  const agent = byAgent ?? beforeVerb ?? (agents.length === 1 ? agents[0] : undefined);
  if (!agent) return [];
  return drugs.map((drug) => {
    const quantity = quantityBefore(tokens, ctx.at, drug);
    return { type: 'SEIZED', source: agent, target: drug, ...(quantity ? { props: { quantity: quantity.norm } } : {}) };
  });
}

/** DISTRIBUTED_VIA: a word of selling or spreading, and every drug with every channel of the sentence. */
export function distributedVia(ctx: RelationContext): FoundRelation[] {
  const drugs = ctx.mentions.filter((d) => d.type === 'DRUG');
  const channels = ctx.mentions.filter((d) => d.type === 'CHANNEL');
  if (drugs.length === 0 || channels.length === 0 || cue(ctx, DISTRIBUTE) < 0) return [];
  const out: FoundRelation[] = [];
  for (const drug of drugs) for (const channel of channels) out.push({ type: 'DISTRIBUTED_VIA', source: drug, target: channel });
  return out;
}

/** STATED: "<person> said at <org>", "<person> told <outlet>": the speaker of a speech verb and the organisation after it. */
export function stated(ctx: RelationContext): FoundRelation[] {
  const { tokens, sentence, at } = ctx;
  const out: FoundRelation[] = [];
  for (let v = sentence.first; v < sentence.last; v++) {
    const verb = tokens[v]!;
    if (!SPEECH_VERBS.has(verb.key) || !verb.tags.has('Verb')) continue;
    const speaker = speakerOf(tokens, ctx.mentions, v);
    if (!speaker) continue;
    let j = v + 1;
    if (j < sentence.last && at[j]?.type === 'PERSON') j = at[j]!.last;
    let target: Draft | undefined;
    if (j < sentence.last && at[j]?.type === 'ORGANIZATION' && at[j]!.first === j) target = at[j];
    // "said at a briefing in the Interior Ministry": the place of the statement, before any "that" clause.
    for (let k = j; !target && k < Math.min(sentence.last, j + 6); k++) {
      if (tokens[k]!.key === 'that' || /[,;:"“”]/.test(tokens[k - 1]!.post)) break;
      if (!/^(at|during|in|to)$/.test(tokens[k]!.key)) continue;
      target = firstMentionIn(ctx, k + 1, Math.min(sentence.last, k + 6), ['ORGANIZATION']);
    }
    if (target) out.push({ type: 'STATED', source: speaker, target });
  }
  return out;
}

/** SENT_REQUEST_TO: "<org> sent requests to <org>", "<org> asked <org>": the organisation or person before the request word, unless it only reports it. */
export function requestSentTo(ctx: RelationContext): FoundRelation[] {
  const { tokens, sentence } = ctx;
  const out: FoundRelation[] = [];
  for (let i = sentence.first; i < sentence.last; i++) {
    const t = tokens[i]!;
    let target: Draft | undefined;
    if (REQUEST_NOUN.test(t.key)) {
      for (let k = i + 1; !target && k < Math.min(sentence.last, i + 6); k++) {
        if (tokens[k]!.key === 'to') target = firstMentionIn(ctx, k + 1, Math.min(sentence.last, k + 4), ['ORGANIZATION']);
      }
    } else if (REQUEST_VERB.test(t.key) && t.tags.has('Verb')) {
      const k = tokens[i + 1]?.key === 'to' || tokens[i + 1]?.key === 'the' ? i + 2 : i + 1;
      target = firstMentionIn(ctx, k, Math.min(sentence.last, k + 3), ['ORGANIZATION']);
    }
    if (!target) continue;
    const source = ctx.mentions.filter((d) => (d.type === 'ORGANIZATION' || d.type === 'PERSON') && d.last <= i && d !== target).pop();
    // "X said that requests were sent to Y" reports the request; X did not send it.
    const reported = source && tokens.slice(source.last, i).some((w) => SPEECH_VERBS.has(w.key) && w.tags.has('Verb'));
    if (source && !reported) out.push({ type: 'SENT_REQUEST_TO', source, target });
  }
  return out;
}

/** Rules from one mention, in the order they run on each mention; where two give the same type, source and target, the first wins. */
export const MENTION_RULES: readonly MentionRule[] = [
  { name: 'title-before-name', apply: titleBeforeName },
  { name: 'appositive-position', apply: appositivePosition },
  { name: 'who-heads', apply: whoHeads },
  { name: 'is-position-of', apply: isPositionOf },
  { name: 'position-of-before-name', apply: positionOfBeforeName },
  { name: 'department-of', apply: departmentOf },
  { name: 'possessive-part-of', apply: possessivePartOf },
  { name: 'qualified-by-place', apply: qualifiedByPlace },
  { name: 'organisation-in-place', apply: organisationInPlace },
  { name: 'place-comma-country', apply: placeCommaCountry },
];

/** Rules over a sentence of two mentions or more, in the order they run after every mention rule. */
export const SENTENCE_RULES: readonly SentenceRule[] = [
  { name: 'seized', apply: seized },
  { name: 'distributed-via', apply: distributedVia },
  { name: 'stated', apply: stated },
  { name: 'request-sent-to', apply: requestSentTo },
];

export function findRelations(doc: EnDocument, layer: LexiconLayer, drafts: readonly Draft[]): ExtractedRelation[] {
  const { tokens, sentences } = doc;
  const relations: ExtractedRelation[] = [];
  const seen = new Set<string>();
  const index = new Map<Draft, number>(drafts.map((d, i) => [d, i]));
  const add = ({ type, source, target, props }: FoundRelation): void => {
    if (source === target) return;
    const s = index.get(source)!;
    const t = index.get(target)!;
    const key = `${type}:${s}:${t}`;
    if (seen.has(key)) return;
    seen.add(key);
    const sentence = sentences[tokens[source.first]!.sentence]!;
    const relation: ExtractedRelation = { type, source: s, target: t, evidence: [sentence.start, sentence.end] };
    if (props) relation.props = props;
    relations.push(relation);
  };
  const contexts = relationContexts(doc, layer, drafts);
  for (const ctx of contexts) for (const d of ctx.mentions) for (const rule of MENTION_RULES) for (const r of rule.apply(ctx, d)) add(r);
  for (const ctx of contexts) {
    if (ctx.mentions.length < 2) continue;
    for (const rule of SENTENCE_RULES) for (const r of rule.apply(ctx)) add(r);
  }
  return relations;
}

/** The organisation or place a position word ending at `from` is of: "head of the X", "director at X". */
function positionTarget(ctx: RelationContext, from: number): Draft | undefined {
  const { tokens } = ctx;
  const end = ctx.sentence.last;
  const link = tokens[from]?.key;
  if (link !== 'of' && link !== 'at' && link !== 'for' && link !== 'in') return undefined;
  // The organisation right after "of", or the one after "the ministry's".
  const first = firstMentionIn(ctx, from + 1, Math.min(end, from + 6), HOLDER);
  if (first && tokens[first.last - 1]!.possessive) {
    const owned = firstMentionIn(ctx, first.last, first.last + 1, HOLDER);
    if (owned) return owned;
  }
  return first;
}

function quantityBefore(tokens: readonly EnToken[], at: ReadonlyArray<Draft | undefined>, drug: Draft): Draft | undefined {
  let j = drug.first - 1;
  if (tokens[j]?.key === 'of') j--;
  const q = at[j];
  return q && q.type === 'QUANTITY' && q.last === j + 1 ? q : undefined;
}

function speakerOf(tokens: readonly EnToken[], mentions: readonly Draft[], verb: number): Draft | undefined {
  const people = mentions.filter((d) => d.type === 'PERSON');
  const after = people.find((p) => p.first === verb + 1);
  if (after) return after;
  // Right before the verb, or before an appositive that ends right before it
  // ("Matkenov, head of the department, said"); not a person further away.
  const before = people.filter((p) => p.last <= verb).pop();
  if (!before) return undefined;
  if (before.last === verb) return before;
  return /,/.test(tokens[verb - 1]?.post ?? '') && /,/.test(tokens[before.last - 1]?.post ?? '') ? before : undefined;
}

function wordsOf(tokens: readonly EnToken[], first: number, last: number): string {
  return tokens
    .slice(first, last)
    .map((t) => t.text.replace(/[,;:]$/, ''))
    .join(' ')
    .toLowerCase();
}
