/**
 * Typed relations between mentions, each with its evidence sentence. Rules over the
 * mention sequence of a sentence plus cue lemmas:
 * - HOLDS_POSITION: titles, organisations and names (see holds-position.ts);
 * - PART_OF: an organisation directly followed by another ("Департамент ... МВД");
 * - LOCATED_IN: "<org> в <place>", "<city>, <country>";
 * - SEIZED: a seizure verb, a drug and the acting agency (in the sentence or the last one named);
 * - DISTRIBUTED_VIA: a selling/distribution cue with a drug and a channel in one sentence;
 * - STATED: "<person> сообщил на пресс-конференции в <org>";
 * - SENT_REQUEST_TO: "в <org> направлены запросы";
 * - COOPERATES_WITH: "совместно с <org>".
 * A sentence inside a quotation is attributed to the speaker named after it ("..., - сообщил X").
 *
 * The code is a list of named rules (`RELATION_RULES`) over a `RelationContext` built once per
 * sentence (`relationContexts`: the sentence's mentions and cue words, its HOLDS_POSITION, who is
 * speaking and for which organisation, the agency named last). Each rule returns what it finds;
 * `findRelations` numbers the relations and keeps the first of each type, source and target.
 * Each rule is tested alone in tests/extract/relation-rules.test.ts.
 */
import type { ExtractedRelation } from '../../model/extraction';
import type { Sentence } from '../tokens';
import { memoSlot, type TokenInfo } from './analysis';
import type { Gazetteer } from './gazetteer';
import { findHoldsPositions, type HoldsPosition, type PositionMention } from './holds-position';

export interface RelMention extends PositionMention {
  text: string;
}

const SPEECH = ['сообщить', 'заявить', 'сказать', 'отметить', 'подчеркнуть', 'добавить', 'напомнить', 'рассказать', 'пояснить', 'уточнить', 'объявить', 'говорить', 'сообщать', 'заявлять', 'отмечать', 'подчёркивать', 'подчеркивать', 'считать', 'признать'];
const EVENTS = ['пресс-конференция', 'брифинг', 'заседание', 'совещание', 'конференция', 'форум', 'встреча', 'съезд', 'интервью', 'коллегия', 'пленарный', 'саммит', 'круглый'];
const SEIZE = ['изъять', 'изымать', 'изъятие', 'конфисковать', 'конфискация', 'перехватить', 'обнаружить', 'задержать'];
const DISTRIBUTE = ['распространять', 'распространяться', 'распространение', 'распространитель', 'сбывать', 'сбыт', 'сбытчик', 'продавать', 'продаваться', 'продажа', 'торговать', 'торговля', 'реализовывать', 'реализация', 'купить', 'покупать', 'приобрести', 'приобретать', 'заказывать', 'заказать', 'реклама', 'рекламировать', 'закладчик', 'поставлять', 'поставка'];
const REQUEST = ['запрос', 'ходатайство', 'обращение', 'запросить'];
const SEND = ['направить', 'направлять', 'отправить', 'отправлять', 'послать', 'подать', 'обратиться'];
const TOGETHER: Array<[string, string]> = [['совместно', 'с'], ['вместе', 'с'], ['сотрудничество', 'с'], ['взаимодействие', 'с'], ['содействие', ''], ['участие', '']];

/** Cue lists as bits, so a token is tested against all of them with one lookup per word form. */
const CUE_LISTS: ReadonlyArray<readonly string[]> = [SPEECH, EVENTS, SEIZE, DISTRIBUTE, REQUEST, SEND, TOGETHER.map(([w]) => w), ['слово', 'данные', 'информация', 'мнение']];
const [SPEECH_BIT, EVENTS_BIT, SEIZE_BIT, DISTRIBUTE_BIT, REQUEST_BIT, SEND_BIT, TOGETHER_BIT, WORDS_BIT] = CUE_LISTS.map((_, i) => 1 << i) as [number, number, number, number, number, number, number, number];
const CUE_BITS = new Map<string, number>();
CUE_LISTS.forEach((list, i) => {
  for (const lemma of list) CUE_BITS.set(lemma, (CUE_BITS.get(lemma) ?? 0) | (1 << i));
});
/** Memoised per word form (TokenInfo.memo). */
const CUE_SLOT = memoSlot();

function cueMask(info: TokenInfo | undefined): number {
  if (!info) return 0;
  let mask = info.memo[CUE_SLOT] as number | undefined;
  if (mask === undefined) {
    mask = 0;
    for (const k of info.keys) mask |= CUE_BITS.get(k) ?? 0;
    info.memo[CUE_SLOT] = mask;
  }
  return mask;
}

function has(info: TokenInfo | undefined, bit: number): boolean {
  return (cueMask(info) & bit) !== 0;
}

function isAgency(m: RelMention): boolean {
  return m.type === 'ORGANIZATION' && m.subtype !== 'media' && m.subtype !== 'criminal_group';
}

export interface RelationInput {
  infos: readonly TokenInfo[];
  sentences: readonly Sentence[];
  mentions: readonly RelMention[];
  positions: Gazetteer;
  heads: Gazetteer;
  /** Lemma of a country adjective -> the country's lexicon id. */
  countryAdjectives: ReadonlyMap<string, string>;
}

/** A relation a rule found, before `findRelations` numbers it and drops repeats. */
export interface FoundRelation {
  type: ExtractedRelation['type'];
  source: RelMention;
  target: RelMention;
  props?: Record<string, string>;
}

/** What the relation rules share about one sentence: built once per sentence by `relationContexts`. */
export interface RelationContext {
  infos: readonly TokenInfo[];
  sentence: Sentence;
  /** Index of `sentence` in the article. */
  index: number;
  /** Every mention of the article, numbered by `index`. */
  all: readonly RelMention[];
  /** The outermost mention starting at a token. */
  byStart: ReadonlyMap<number, RelMention>;
  /** The mentions inside the sentence, in text order. */
  mentions: readonly RelMention[];
  people: readonly RelMention[];
  /** Organisations that act (not media or criminal groups), in text order. */
  agencies: readonly RelMention[];
  /** Cue bits of the sentence's words (`cue`). */
  cues: number;
  /** HOLDS_POSITION of this sentence (holds-position.ts). */
  holds: readonly HoldsPosition[];
  /** Who speaks in this sentence, or spoke in the two before. */
  speaker: RelMention | undefined;
  /** The organisation the speaker holds a position in (from HOLDS_POSITION so far). */
  speakerOrg: RelMention | undefined;
  /** The government agency named last in the five sentences before. */
  recentAgency: RelMention | undefined;
  /** QUANTITY mentions by the token after them. */
  quantityBefore: ReadonlyMap<number, RelMention>;
}

/** Whether some word of the sentence is a cue of the list `bit` (SPEECH_BIT, ...). */
function cue(ctx: RelationContext, bit: number): boolean {
  return (ctx.cues & bit) !== 0;
}

/**
 * The sentences' contexts in order, one at a time. Walks the article once, keeping what a
 * sentence inherits from those before: a speaker for two more sentences, the organisation each
 * person holds a position in, the government agency named last.
 */
export function* relationContexts({ infos, sentences, mentions, positions, heads, countryAdjectives }: RelationInput): Generator<RelationContext> {
  const byStart = new Map<number, RelMention>();
  // The outermost mention at a token (a place nested in an organisation's name comes after it).
  for (const m of mentions) if (!byStart.has(m.first)) byStart.set(m.first, m);
  // Whose organisation a person speaks for: filled from HOLDS_POSITION as we go.
  const affiliation = new Map<string, RelMention>();
  const personKey = (m: RelMention) => m.norm.split(' ').pop() ?? m.norm;
  let lastAgency: RelMention | undefined;
  let lastAgencySentence = -10;
  let speaker: RelMention | undefined;
  let speakerSentence = -10;

  const paragraphSpeaker = paragraphSpeakers(infos, sentences, mentions);
  const holdsBySentence = new Map<number, HoldsPosition[]>();
  {
    const sentenceOf = new Map<Sentence, number>(sentences.map((x, i) => [x, i]));
    for (const h of findHoldsPositions({ infos, sentences, mentions, positions, heads, countryAdjectives })) {
      const si = sentenceOf.get(h.sentence)!;
      const list = holdsBySentence.get(si);
      if (list) list.push(h);
      else holdsBySentence.set(si, [h]);
    }
  }

  // Mentions are sorted by position: walk them alongside the sentences (linear, not sentences x mentions).
  let cursor = 0;
  const quantityBefore = new Map<number, RelMention>();
  for (const m of mentions) if (m.type === 'QUANTITY') quantityBefore.set(m.last, m);
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    while (cursor < mentions.length && mentions[cursor]!.first < s.first) cursor++;
    const inS: RelMention[] = [];
    for (let k = cursor; k < mentions.length && mentions[k]!.first < s.last; k++) if (mentions[k]!.last <= s.last) inS.push(mentions[k]!);
    const people = inS.filter((m) => m.type === 'PERSON');
    let cues = 0;
    for (let i = s.first; i < s.last; i++) cues |= cueMask(infos[i]);

    const holds = holdsBySentence.get(si) ?? [];
    for (const h of holds) {
      const target = mentions[h.target.index]!;
      if (isAgency(target) || target.type === 'LOCATION') affiliation.set(personKey(mentions[h.person.index]!), target);
    }

    // The speaker of this sentence: the first person with a speech verb, "по словам X", or the
    // speaker named after the paragraph's quotation.
    const byWords = (() => {
      for (let i = s.first; i + 2 < s.last; i++) if (infos[i]!.lower === 'по' && has(infos[i + 1], WORDS_BIT)) return byStart.get(i + 2);
      return undefined;
    })();
    const sentenceSpeaker = ((cues & SPEECH_BIT) !== 0 ? people[0] : undefined) ?? (byWords?.type === 'PERSON' ? byWords : undefined) ?? paragraphSpeaker.get(si);
    if (sentenceSpeaker) {
      speaker = sentenceSpeaker;
      speakerSentence = si;
    }
    const currentSpeaker = sentenceSpeaker ?? (si - speakerSentence <= 2 ? speaker : undefined);
    const agencies = inS.filter(isAgency);
    const ctx: RelationContext = {
      infos,
      sentence: s,
      index: si,
      all: mentions,
      byStart,
      mentions: inS,
      people,
      agencies,
      cues,
      holds,
      speaker: currentSpeaker,
      speakerOrg: currentSpeaker ? affiliation.get(personKey(currentSpeaker)) : undefined,
      recentAgency: si - lastAgencySentence <= 5 ? lastAgency : undefined,
      quantityBefore,
    };
    const lastInS = agencies.filter((a) => a.subtype === 'government_agency' || a.subtype === undefined).pop();
    if (lastInS) {
      lastAgency = lastInS;
      lastAgencySentence = si;
    }
    yield ctx;
  }
}

export interface RelationRule {
  name: string;
  apply(ctx: RelationContext): FoundRelation[];
}

/** HOLDS_POSITION as holds-position.ts finds it, with the title as props.position: "начальник департамента Иван Петров". */
export function holdsPosition(ctx: RelationContext): FoundRelation[] {
  // Mentions are numbered by their place in `mentions`.
  return ctx.holds.map((h) => ({ type: 'HOLDS_POSITION', source: ctx.all[h.person.index]!, target: ctx.all[h.target.index]!, props: { position: h.position } }));
}

/**
 * Mentions side by side: an organisation of two words or more right before another is part of it
 * (PART_OF: "[Департамент полиции] [МВД]"); an organisation, "в" and a place is located there
 * (LOCATED_IN: "[ООО «Ромашка»] в [Самаре]"); a place that is not a country, a comma and a country
 * likewise ("[Самара], [Россия]"). One rule, so the relations keep the order of their mentions.
 */
export function adjacentMentions(ctx: RelationContext): FoundRelation[] {
  const { infos, byStart, sentence: s } = ctx;
  const out: FoundRelation[] = [];
  for (const a of ctx.mentions) {
    const b = byStart.get(a.last);
    if (a.type === 'ORGANIZATION' && b?.type === 'ORGANIZATION' && b.last <= s.last && a.last - a.first > 1) out.push({ type: 'PART_OF', source: a, target: b });
    const prep = infos[a.last];
    const c = byStart.get(a.last + 1);
    if (a.type === 'ORGANIZATION' && c?.type === 'LOCATION' && prep && (prep.lower === 'в' || prep.lower === 'во') && c.last <= s.last) out.push({ type: 'LOCATED_IN', source: a, target: c });
    if (a.type === 'LOCATION' && a.subtype !== 'country' && c?.type === 'LOCATION' && c.subtype === 'country' && prep?.token.text === ',') out.push({ type: 'LOCATED_IN', source: a, target: c });
  }
  return out;
}

/**
 * STATED: "Иван Петров сообщил на брифинге в МВД": a sentence with a speech verb, its first
 * person, an event word ("пресс-конференция", "брифинг") and, within four words after it, an
 * organisation after "в / во / на". props.event is the event word's lemma.
 */
export function statedAtEvent(ctx: RelationContext): FoundRelation[] {
  const { infos, byStart, sentence: s } = ctx;
  const speaker = ctx.people[0];
  if (!cue(ctx, SPEECH_BIT) || !speaker) return [];
  const out: FoundRelation[] = [];
  for (let i = s.first; i < s.last; i++) {
    if (!has(infos[i], EVENTS_BIT)) continue;
    for (let k = i + 1; k < Math.min(s.last, i + 5); k++) {
      const m = byStart.get(k);
      if (m && m.type === 'ORGANIZATION' && ['в', 'во', 'на'].includes(infos[k - 1]!.lower)) {
        out.push({ type: 'STATED', source: speaker, target: m, props: { event: infos[i]!.parses[0]?.lemma ?? infos[i]!.lower } });
        break;
      }
    }
  }
  return out;
}

/**
 * SENT_REQUEST_TO: "В МВД направлены запросы": a request word and a sending word in the sentence,
 * and an agency after "в / во". Who sent it: the sentence's first person, else the speaker (or the
 * organisation the speaker holds a post in), else another agency of the sentence.
 */
export function requestSentTo(ctx: RelationContext): FoundRelation[] {
  if (!cue(ctx, REQUEST_BIT) || !cue(ctx, SEND_BIT)) return [];
  const { infos, agencies, speaker, speakerOrg } = ctx;
  const out: FoundRelation[] = [];
  for (const m of agencies) {
    const prep = infos[m.first - 1];
    if (!prep || !['в', 'во'].includes(prep.lower)) continue;
    const source = ctx.people[0] ?? speaker ?? agencies.find((a) => a !== m);
    if (source) out.push({ type: 'SENT_REQUEST_TO', source: speakerOrg && source === speaker && speakerOrg.index !== m.index ? speakerOrg : source, target: m });
  }
  return out;
}

/**
 * COOPERATES_WITH: "совместно с Минфином", "при содействии ФСБ": a joint-work word (with "с"
 * where it needs one) right before an organisation. The partner: the speaker's organisation,
 * else another agency of the sentence, else the speaker.
 */
export function cooperatesWith(ctx: RelationContext): FoundRelation[] {
  const { infos, byStart, sentence: s } = ctx;
  const out: FoundRelation[] = [];
  for (let i = s.first; i < s.last; i++) {
    if (!has(infos[i], TOGETHER_BIT)) continue;
    const pair = TOGETHER.find(([w]) => infos[i]!.keys.has(w));
    if (!pair) continue;
    let k = i + 1;
    if (pair[1] && infos[k]?.lower !== pair[1] && infos[k]?.lower !== pair[1] + 'о') continue;
    if (pair[1]) k++;
    const partner = byStart.get(k);
    if (!partner || partner.type !== 'ORGANIZATION') continue;
    const other = ctx.speakerOrg ?? ctx.agencies.find((a) => a !== partner) ?? ctx.speaker;
    if (other && other.index !== partner.index) out.push({ type: 'COOPERATES_WITH', source: other, target: partner });
  }
  return out;
}

/**
 * SEIZED: "Полицейские изъяли 5 кг героина": a seizure word, every drug of the sentence and the
 * agency that acted: the sentence's first agency, else the speaker's organisation, else the
 * government agency named in the five sentences before. A quantity right before the drug is
 * props.quantity.
 */
export function seized(ctx: RelationContext): FoundRelation[] {
  if (!cue(ctx, SEIZE_BIT)) return [];
  const actor = ctx.agencies[0] ?? ctx.speakerOrg ?? ctx.recentAgency;
  if (!actor) return [];
  const out: FoundRelation[] = [];
  for (const d of ctx.mentions) {
    if (d.type !== 'DRUG') continue;
    const q = ctx.quantityBefore.get(d.first);
    out.push({ type: 'SEIZED', source: actor, target: d, ...(q ? { props: { quantity: q.text } } : {}) });
  }
  return out;
}

/** DISTRIBUTED_VIA: "мефедрон продавали через Telegram": a selling word, and every drug with every channel of the sentence. */
export function distributedVia(ctx: RelationContext): FoundRelation[] {
  if (!cue(ctx, DISTRIBUTE_BIT)) return [];
  const out: FoundRelation[] = [];
  for (const d of ctx.mentions) if (d.type === 'DRUG') for (const c of ctx.mentions) if (c.type === 'CHANNEL') out.push({ type: 'DISTRIBUTED_VIA', source: d, target: c });
  return out;
}

/** Relation rules in the order they run on each sentence; where two give the same type, source and target, the first wins. */
export const RELATION_RULES: readonly RelationRule[] = [
  { name: 'holds-position', apply: holdsPosition },
  { name: 'adjacent-mentions', apply: adjacentMentions },
  { name: 'stated-at-event', apply: statedAtEvent },
  { name: 'request-sent-to', apply: requestSentTo },
  { name: 'cooperates-with', apply: cooperatesWith },
  { name: 'seized', apply: seized },
  { name: 'distributed-via', apply: distributedVia },
];

/** `onContext` sees each sentence's context (the event rules reuse them: ru/events.ts). */
export function findRelations(input: RelationInput, onContext?: (ctx: RelationContext) => void): ExtractedRelation[] {
  const out: ExtractedRelation[] = [];
  const seen = new Set<string>();
  for (const ctx of relationContexts(input)) {
    onContext?.(ctx);
    const s = ctx.sentence;
    for (const rule of RELATION_RULES) {
      for (const { type, source, target, props } of rule.apply(ctx)) {
        if (source.index === target.index) continue;
        const key = `${type}|${source.index}|${target.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ type, source: source.index, target: target.index, evidence: [s.start, s.end], ...(props ? { props } : {}) });
      }
    }
  }
  return out;
}

/**
 * Sentences of a paragraph that quotes someone: "...", - сообщил Тлеген Маткенов.
 * Returns sentence index -> the person named after the closing quote.
 */
function paragraphSpeakers(infos: readonly TokenInfo[], sentences: readonly Sentence[], mentions: readonly RelMention[]): Map<number, RelMention> {
  const out = new Map<number, RelMention>();
  const byStart = new Map<number, RelMention>();
  // The outermost mention at a token (a place nested in an organisation's name comes after it).
  for (const m of mentions) if (!byStart.has(m.first)) byStart.set(m.first, m);
  let paraStart = 0;
  for (let si = 0; si <= sentences.length; si++) {
    const s = sentences[si];
    const newPara = s === undefined || (si > 0 && infos[s.first]!.token.newlineBefore);
    if (!newPara) continue;
    // Paragraph = sentences [paraStart, si).
    let who: RelMention | undefined;
    for (let pi = paraStart; pi < si && !who; pi++) {
      const ps = sentences[pi]!;
      for (let i = ps.first; i + 2 < ps.last; i++) {
        const t = infos[i]!.token.text;
        if (!['"', '»', '”'].includes(t)) continue;
        let k = i + 1;
        while (k < ps.last && [',', '-', '—', '–'].includes(infos[k]!.token.text)) k++;
        if (k === i + 1 || !has(infos[k], SPEECH_BIT)) continue;
        const m = byStart.get(k + 1);
        if (m?.type === 'PERSON') {
          who = m;
          break;
        }
      }
    }
    if (who) for (let pi = paraStart; pi < si; pi++) out.set(pi, who);
    paraStart = si;
  }
  return out;
}
