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

export function findRelations({ infos, sentences, mentions, positions, heads, countryAdjectives }: RelationInput): ExtractedRelation[] {
  const out: ExtractedRelation[] = [];
  const seen = new Set<string>();
  const add = (type: ExtractedRelation['type'], source: RelMention, target: RelMention, s: Sentence, props?: Record<string, string>) => {
    if (source.index === target.index) return;
    const key = `${type}|${source.index}|${target.index}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ type, source: source.index, target: target.index, evidence: [s.start, s.end], ...(props ? { props } : {}) });
  };
  const byStart = new Map<number, RelMention>();
  // The outermost mention at a token (a place nested in an organisation's name comes after it).
  for (const m of mentions) if (!byStart.has(m.first)) byStart.set(m.first, m);
  // Whose organisation a person speaks for: filled by HOLDS_POSITION as we go.
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
  sentences.forEach((s, si) => {
    while (cursor < mentions.length && mentions[cursor]!.first < s.first) cursor++;
    const inS: RelMention[] = [];
    for (let k = cursor; k < mentions.length && mentions[k]!.first < s.last; k++) if (mentions[k]!.last <= s.last) inS.push(mentions[k]!);
    const people = inS.filter((m) => m.type === 'PERSON');
    let sentenceCues = 0;
    for (let i = s.first; i < s.last; i++) sentenceCues |= cueMask(infos[i]);
    const cue = (bit: number) => (sentenceCues & bit) !== 0;

    // HOLDS_POSITION (see holds-position.ts)
    for (const h of holdsBySentence.get(si) ?? []) {
      // Mentions are numbered by their place in `mentions`.
      const person = mentions[h.person.index]!;
      const target = mentions[h.target.index]!;
      add('HOLDS_POSITION', person, target, s, { position: h.position });
      if (isAgency(target) || target.type === 'LOCATION') affiliation.set(personKey(person), target);
    }

    // PART_OF and LOCATED_IN by adjacency.
    for (const a of inS) {
      const b = byStart.get(a.last);
      if (a.type === 'ORGANIZATION' && b?.type === 'ORGANIZATION' && b.last <= s.last && a.last - a.first > 1) add('PART_OF', a, b, s);
      const prep = infos[a.last];
      const c = byStart.get(a.last + 1);
      if (a.type === 'ORGANIZATION' && c?.type === 'LOCATION' && prep && (prep.lower === 'в' || prep.lower === 'во') && c.last <= s.last) add('LOCATED_IN', a, c, s);
      if (a.type === 'LOCATION' && a.subtype !== 'country' && c?.type === 'LOCATION' && c.subtype === 'country' && prep?.token.text === ',') add('LOCATED_IN', a, c, s);
    }

    // The speaker of this sentence.
    const speech = cue(SPEECH_BIT);
    const byWords = (() => {
      for (let i = s.first; i + 2 < s.last; i++) if (infos[i]!.lower === 'по' && has(infos[i + 1], WORDS_BIT)) return byStart.get(i + 2);
      return undefined;
    })();
    const sentenceSpeaker = (speech ? people[0] : undefined) ?? (byWords?.type === 'PERSON' ? byWords : undefined) ?? paragraphSpeaker.get(si);
    if (sentenceSpeaker) {
      speaker = sentenceSpeaker;
      speakerSentence = si;
    }
    const currentSpeaker = sentenceSpeaker ?? (si - speakerSentence <= 2 ? speaker : undefined);
    const speakerOrg = currentSpeaker ? affiliation.get(personKey(currentSpeaker)) : undefined;

    // STATED: "<person> сообщил на пресс-конференции в МВД".
    if (speech && people[0]) {
      for (let i = s.first; i < s.last; i++) {
        if (!has(infos[i], EVENTS_BIT)) continue;
        for (let k = i + 1; k < Math.min(s.last, i + 5); k++) {
          const m = byStart.get(k);
          if (m && m.type === 'ORGANIZATION' && ['в', 'во', 'на'].includes(infos[k - 1]!.lower)) {
            add('STATED', people[0], m, s, { event: infos[i]!.parses[0]?.lemma ?? infos[i]!.lower });
            break;
          }
        }
      }
    }

    const agencies = inS.filter(isAgency);

    // SENT_REQUEST_TO: "в МВД России направлены запросы".
    if (cue(REQUEST_BIT) && cue(SEND_BIT)) {
      for (const m of agencies) {
        const prep = infos[m.first - 1];
        if (!prep || !['в', 'во'].includes(prep.lower)) continue;
        const source = people[0] ?? currentSpeaker ?? agencies.find((a) => a !== m);
        if (source) add('SENT_REQUEST_TO', speakerOrg && source === currentSpeaker && speakerOrg.index !== m.index ? speakerOrg : source, m, s);
      }
    }

    // COOPERATES_WITH: "совместно с Минфином".
    for (let i = s.first; i < s.last; i++) {
      if (!has(infos[i], TOGETHER_BIT)) continue;
      const pair = TOGETHER.find(([w]) => infos[i]!.keys.has(w));
      if (!pair) continue;
      let k = i + 1;
      if (pair[1] && infos[k]?.lower !== pair[1] && infos[k]?.lower !== pair[1] + 'о') continue;
      if (pair[1]) k++;
      const partner = byStart.get(k);
      if (!partner || partner.type !== 'ORGANIZATION') continue;
      const other = speakerOrg ?? agencies.find((a) => a !== partner) ?? currentSpeaker;
      if (other && other.index !== partner.index) add('COOPERATES_WITH', other, partner, s);
    }

    // SEIZED: the agency that seized, the drug, and the quantity right before the drug.
    if (cue(SEIZE_BIT)) {
      const actor = agencies[0] ?? speakerOrg ?? (si - lastAgencySentence <= 5 ? lastAgency : undefined);
      if (actor) {
        for (const d of inS) {
          if (d.type !== 'DRUG') continue;
          const q = quantityBefore.get(d.first);
          add('SEIZED', actor, d, s, q ? { quantity: q.text } : undefined);
        }
      }
    }

    // DISTRIBUTED_VIA: a drug and a channel with a selling cue.
    if (cue(DISTRIBUTE_BIT)) {
      for (const d of inS) if (d.type === 'DRUG') for (const c of inS) if (c.type === 'CHANNEL') add('DISTRIBUTED_VIA', d, c, s);
    }

    const lastInS = agencies.filter((a) => a.subtype === 'government_agency' || a.subtype === undefined).pop();
    if (lastInS) {
      lastAgency = lastInS;
      lastAgencySentence = si;
    }
  });
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
