/**
 * The trained tagger's spans checked against what the rules and lexicons already know, and
 * returned as candidates (`taggerSpans`; `applyTaggerSpans` adds them to the others): a
 * lexicon place or organisation is not a person, a word the dictionary knows only as a place
 * is the place, a quoted thing after a vehicle or product is not an
 * organisation, a named platform is a company where it acts and a channel where things happen
 * on it, East Asian names are regrouped, person spans lose what leaks into them.
 */
import type { EntityType } from '../../model/vocabulary';
import type { Sentence, Token } from '../tokens';
import { placeOutweighsName, type TokenInfo } from './analysis';
import { personCandidate, type Candidate } from './candidates';
import type { Gazetteer } from './gazetteer';
import { nominativePhrase } from './inflect';
import type { RuleSpan } from './locations';
import type { NerTagger } from './ner/index';
import { notAnOrganization } from './organizations';
import { personSpan, regroupSyllabicNames, type PersonSpan } from './persons';
import { PRIORITY } from './priority';

export interface TaggerSpanInput {
  text: string;
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** Sentence index of each token. */
  sentenceOf: Int32Array;
  infos: readonly TokenInfo[];
  /** 1 where a position word ("Президент", "глава") stands. */
  position: Uint8Array;
  orgHeads: Gazetteer;
  /** Rule and lexicon candidates so far (read, not changed). */
  candidates: readonly Candidate[];
}

/** What the tagger adds: `applyTaggerSpans` puts it together with the candidates it was checked against. */
export interface TaggerSpans {
  /** The tagger's candidates, in the tagger's order (people among them). */
  candidates: Candidate[];
  /** The tagger's people, in order. */
  people: PersonSpan[];
  /** Lexicon platforms the tagger shows acting as a company ("Facebook объявил"), to their organisation. */
  retyped: Map<Candidate, Candidate>;
}

export function taggerSpans(tagger: NerTagger, input: TaggerSpanInput): TaggerSpans {
  const { text, tokens, sentences, sentenceOf, infos, position, orgHeads, candidates } = input;
  const found: Candidate[] = [];
  const people: PersonSpan[] = [];
  const retyped = new Map<Candidate, Candidate>();
  // Tokens of lexicon places and organisations: a person span found by the tagger does not end or start in one.
  const lexiconName = new Uint8Array(tokens.length);
  for (const c of candidates) if (c.ref && (c.type === 'LOCATION' || c.type === 'ORGANIZATION')) for (let i = c.first; i < c.last; i++) lexiconName[i] = 1;
  // Lexicon matches by first token, and the longest lexicon place over each token: the checks
  // below look them up per tagger span, so a long document stays linear.
  const lexiconAt = new Map<number, Candidate[]>();
  const lexiconPlaceOver = new Array<Candidate | undefined>(tokens.length);
  const channelEnds = new Set<number>();
  for (const c of candidates) {
    if (c.type === 'CHANNEL') channelEnds.add(c.last);
    if (!c.ref) continue;
    const list = lexiconAt.get(c.first);
    if (list) list.push(c);
    else lexiconAt.set(c.first, [c]);
    if (c.type === 'LOCATION') for (let i = c.first; i < c.last; i++) if ((lexiconPlaceOver[i]?.last ?? 0) - (lexiconPlaceOver[i]?.first ?? 0) < c.last - c.first) lexiconPlaceOver[i] = c;
  }
  // A platform retyped below is looked at as its organisation from then on.
  const lexiconSpan = (first: number, last: number, accept: (c: Candidate) => boolean) => lexiconAt.get(first)?.find((c) => c.last === last && accept(retyped.get(c) ?? c));
  const tagged = regroupSyllabicNames(infos, tagger.tag(tokens, sentences));
  // Words of full names ("Наото Кан"): the same word alone later is that person, even where
  // the dictionary knows it only as a place ("Кан" is also Caen).
  const nameWords = new Set<string>();
  for (const span of tagged) if (span.type === 'PER' && span.last - span.first > 1) for (let i = span.first; i < span.last; i++) for (const k of infos[i]!.keys) nameWords.add(k);
  for (const span of tagged) {
    if (span.last <= span.first) continue;
    const s = sentences[sentenceOf[span.first] ?? 0]!;
    if (span.type === 'PER') {
      // A title alone ("Президент") is not a person, whatever the tagger says.
      if (onlyPositionWords(infos, span.first, span.last, position)) continue;
      // A place or organisation from the lexicons is not a person ("Алматы").
      if (lexiconSpan(span.first, span.last, (c) => c.type === 'LOCATION' || c.type === 'ORGANIZATION')) continue;
      // "посетил Белград": one word the dictionary knows only as a place is the place.
      if (span.last - span.first === 1 && dictionaryPlaceOnly(infos[span.first]!) && ![...infos[span.first]!.keys].some((k) => nameWords.has(k))) {
        const t = tokens[span.first]!;
        found.push({ first: span.first, last: span.last, start: t.start, end: t.end, type: 'LOCATION', norm: nominativePhrase(infos, span.first, span.last, text, 0), priority: PRIORITY.TAGGER });
        continue;
      }
      // "Бернс (Рой, Грин)": a comma separates two people.
      for (const [a, b] of splitAtCommas(infos, span.first, span.last)) {
        const [first, last] = trimPersonSpan(infos, a, b, (i) => position[i] === 1, (i) => lexiconName[i] === 1);
        if (last <= first) continue;
        // "Corus [Chess Tournament]": part of a longer run of capitalised Latin words is a title, not a person.
        if (partOfLatinRun(infos, first, last, s)) continue;
        const p = personSpan(infos, first, last, s);
        people.push(p);
        found.push(personCandidate(infos, p, PRIORITY.TAGGER));
      }
    } else {
      if (span.type === 'LOC' && span.last - span.first === 1) {
        const info = infos[span.first]!;
        // "о [Свиридове]" after "Егора Свиридова": a word of a full name in this document is that person.
        if ([...info.keys].some((k) => nameWords.has(k)) && !lexiconAt.get(span.first)?.some((c) => c.type === 'LOCATION')) continue;
        // "[Украинский] автомобиль", "[Нобелевской] премией": an adjective alone names no place.
        if (info.known && info.parses.every((p) => p.pos === 'ADJF' || p.pos === 'PRTF' || p.pos === 'ADJS')) continue;
      }
      // "Новой [Зеландии]", "[Центральную] Америку": a lexicon place that covers the tagger's
      // shorter place is the whole name.
      const cover = lexiconPlaceOver[span.first];
      if (span.type === 'LOC' && cover && cover.first <= span.first && cover.last >= span.last && cover.last - cover.first > span.last - span.first) continue;
      if (span.type === 'ORG' && notAnOrganization(infos, span.first, span.last)) continue;
      // "министр финансов [Новой Зеландии]": a country or region of the lexicon is a place, never an organisation.
      if (span.type === 'ORG' && lexiconSpan(span.first, span.last, (c) => c.type === 'LOCATION' && COUNTRY_LIKE.has(c.subtype ?? ''))) continue;
      // "Facebook объявил", "акции Telegram": a platform that acts or is owned is the company behind it;
      // "в Telegram", "в социальной сети Facebook" stay the channel.
      if (span.type === 'ORG') {
        const platform = lexiconSpan(span.first, span.last, (c) => c.type === 'CHANNEL' && namedPlatform(c));
        if (platform) {
          if (!mediumContext(infos, span.first, s.first, channelEnds)) retyped.set(platform, { ...platform, type: 'ORGANIZATION', subtype: 'company', ref: platform.ref?.replace(/^channel:/, 'org:') });
          continue;
        }
      }
      const type: EntityType = span.type === 'ORG' ? 'ORGANIZATION' : 'LOCATION';
      // "[Председатель] Правительства РФ": a title in front is the person's, not the organisation's name.
      let first = span.first;
      while (first < span.last - 1 && position[first] === 1) first++;
      // "Hewlett-Packard [официально]": a lower-case verb or adverb ends no name; "Piedmont Airlines
      // [сел]": nor does a lower-case Russian word after a Latin name.
      let last = span.last;
      const latinBefore = (i: number) => infos[i - 1] !== undefined && !infos[i - 1]!.cyr && infos[i - 1]!.token.kind === 'word';
      while (last - 1 > first && (verbOrAdverb(infos[last - 1]!) || (infos[last - 1]!.cyr && !infos[last - 1]!.cap && latinBefore(last - 1)))) last--;
      // "Общественной палаты и рабочей группы по ...": two organisations joined by "и".
      const parts = type === 'ORGANIZATION' ? splitCoordinatedOrganizations(infos, first, last, orgHeads) : [[first, last] as const];
      for (const [a, b] of parts) {
        found.push({
          first: a,
          last: b,
          start: tokens[a]!.start,
          end: tokens[b - 1]!.end,
          type: type as RuleSpan['type'],
          norm: nominativePhrase(infos, a, b, text, 0),
          priority: PRIORITY.TAGGER,
        });
      }
    }
  }
  return { candidates: found, people, retyped };
}

/**
 * The candidates with the tagger's: retyped platforms in their place, the tagger's candidates
 * after the others. A new array; the old one and its candidates stay as they were.
 */
export function applyTaggerSpans(candidates: readonly Candidate[], tagged: TaggerSpans): Candidate[] {
  const out = tagged.retyped.size > 0 ? candidates.map((c) => tagged.retyped.get(c) ?? c) : candidates.slice();
  for (const c of tagged.candidates) out.push(c);
  return out;
}

/** Every word of the span is a position word ("Президент", "Глава"). */
function onlyPositionWords(infos: readonly TokenInfo[], first: number, last: number, position: Uint8Array): boolean {
  for (let i = first; i < last; i++) if (infos[i]!.token.kind === 'word' && position[i] !== 1) return false;
  return true;
}

function splitAtCommas(infos: readonly TokenInfo[], first: number, last: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let a = first;
  for (let i = first; i < last; i++) {
    if (infos[i]!.token.text !== ',') continue;
    if (i > a) out.push([a, i]);
    a = i + 1;
  }
  if (last > a) out.push([a, last]);
  return out;
}

/**
 * A person span without what leaks into it at either end: titles ("Кирсан Илюмжинов Президент"),
 * lexicon places and organisations ("МИДа Сэйдзи Маэхара"), abbreviations ("Кима Чен Ира КНДР"),
 * punctuation, numbers and web names ("Чжан Епа Lenta.ru"), a word in the other script
 * ("Regnum Минченко") and an adjective that belongs to the next noun ("Роман Коноплев Русской службе").
 */
function trimPersonSpan(infos: readonly TokenInfo[], first: number, last: number, isTitle: (i: number) => boolean, isThing: (i: number) => boolean): [number, number] {
  let cyr = 0;
  let words = 0;
  for (let i = first; i < last; i++) {
    const info = infos[i]!;
    if (info.token.kind !== 'word') continue;
    words++;
    if (info.cyr) cyr++;
  }
  const majorityCyr = cyr * 2 >= words;
  const leaks = (i: number, atEnd: boolean): boolean => {
    const info = infos[i]!;
    const t = info.token;
    if (t.kind !== 'word') return !(t.text === '.' && i > first && infos[i - 1]!.token.norm.length === 1); // keep an initial's dot
    const nameWord = info.parses.some((p) => p.tags.has('Name') || p.tags.has('Surn') || p.tags.has('Patr'));
    if (info.upper && t.norm.length >= 2) return true;
    if (/^\p{Lu}{2,}\p{Ll}{1,2}$/u.test(t.norm)) return true; // an inflected abbreviation: "МИДа"

    if (info.cyr !== majorityCyr) return true;
    // "Питер Данн", "Лев Пономарев": a name that is also a place or a title; but a lexicon place that
    // is rather a place than a name leaks at the start ("[Алматы] Канат Таимбетов" in a dateline).
    if (nameWord && !(isThing(i) && !atEnd && placeOutweighsName(info))) return false;
    const next = infos[i + 1];
    // A title at the end only before the name of what it heads ("Кирсан Илюмжинов Президент ФИДЕ").
    if (isTitle(i)) return !atEnd || (next !== undefined && next.cap);
    if (isThing(i)) return true;
    // "Роман Коноплев Русской службе": an adjective agreeing with the noun after the span.
    if (atEnd && next && !next.cap && info.known && info.parses.every((p) => p.pos === 'ADJF' || p.pos === 'PRTF')) {
      const cases = new Set(info.parses.map((p) => p.case));
      return next.parses.some((p) => p.pos === 'NOUN' && cases.has(p.case));
    }
    return false;
  };
  while (first < last && leaks(first, false)) first++;
  while (last > first && leaks(last - 1, true)) last--;
  return [first, last];
}

/**
 * An organisation span cut at "и" when both sides have their own head noun ("Конгресса
 * профсоюзов и профсоюза", "Общественной палаты и рабочей группы"); "Министерства
 * образования и науки" stays whole, since "науки" heads nothing.
 */
function splitCoordinatedOrganizations(infos: readonly TokenInfo[], first: number, last: number, heads: Gazetteer): Array<readonly [number, number]> {
  const hasHead = (a: number, b: number) => {
    for (let i = a; i < b; i++) if (heads.matchAt(infos, i, b)) return true;
    return false;
  };
  for (let j = first + 1; j < last - 1; j++) {
    if (infos[j]!.lower !== 'и') continue;
    let k = j + 1;
    while (k < last - 1 && infos[k]!.parses.some((p) => p.pos === 'ADJF' || p.pos === 'PRTF')) k++;
    if (heads.matchAt(infos, k, last) && hasHead(first, j)) return [[first, j], ...splitCoordinatedOrganizations(infos, j + 1, last, heads)];
  }
  return [[first, last]];
}

function partOfLatinRun(infos: readonly TokenInfo[], first: number, last: number, s: Sentence): boolean {
  const latinCap = (i: number) => i >= s.first && i < s.last && infos[i]!.cap && !infos[i]!.cyr && infos[i]!.token.kind === 'word';
  for (let i = first; i < last; i++) if (!latinCap(i)) return false;
  return latinCap(first - 1) || latinCap(last);
}

/** A lower-case Cyrillic word whose every reading is a verb form or an adverb. */
function verbOrAdverb(info: TokenInfo): boolean {
  return info.cyr && !info.cap && info.parses.length > 0 && info.parses.every((p) => p.pos === 'VERB' || p.pos === 'INFN' || p.pos === 'GRND' || p.pos === 'PRTS' || p.pos === 'ADVB');
}

/** Lexicon place kinds that name a polity or a body, never an organisation. */
const COUNTRY_LIKE = new Set(['country', 'region', 'celestial']);

/** Known to the dictionary, and only as a place (no first name, surname or patronymic reading). */
function dictionaryPlaceOnly(info: TokenInfo): boolean {
  const known = info.parses.filter((p) => p.known);
  return info.cap && known.length > 0 && known.every((p) => p.tags.has('Geox')) && !info.parses.some((p) => p.tags.has('Name') || p.tags.has('Surn') || p.tags.has('Patr'));
}

/** Channel subtypes whose named members are also companies (Telegram, Facebook, QIWI). */
const PLATFORM_SUBTYPES = new Set(['messenger', 'social_network', 'payment']);
/** Words after which a platform is where something happens: "в Telegram", "через WhatsApp", "в сети Facebook". */
const MEDIUM_WORDS = new Set(['в', 'во', 'через', 'на', 'по', 'из', 'с', 'со', 'сеть', 'соцсеть', 'сайт', 'мессенджер', 'канал', 'чат', 'группа', 'страница', 'аккаунт', 'приложение', 'сервис', 'платформа', 'паблик']);

function namedPlatform(c: Candidate): boolean {
  return PLATFORM_SUBTYPES.has(c.subtype ?? '') && /^\p{Lu}/u.test(c.norm);
}

/** "через Telegram и WhatsApp": a platform listed after a channel is a channel too. */
function mediumContext(infos: readonly TokenInfo[], first: number, sentenceFirst: number, channelEnds: ReadonlySet<number>): boolean {
  let i = first - 1;
  while (i >= sentenceFirst && infos[i]!.token.kind === 'punct' && /^["«“„]$/.test(infos[i]!.token.text)) i--;
  const prev = infos[i];
  if (i < sentenceFirst || prev === undefined) return false;
  if ([...prev.keys].some((k) => MEDIUM_WORDS.has(k))) return true;
  return (prev.lower === 'и' || prev.lower === 'или' || prev.token.text === ',') && channelEnds.has(i);
}
