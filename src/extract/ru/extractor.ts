/**
 * The Russian pipeline: tokens, sentences, az morphology, then typed mentions from
 * the trained NER tagger (when its model is present) merged with rules over the
 * morphology and the lexicons, canonical nominative forms, facts with values, and
 * relations with their evidence sentence.
 *
 * Overlaps are resolved greedily by priority, then length: lexicon organisations
 * with their qualifiers (5) > drugs and channels (4.2) > tagger spans (4) > organisation phrases by rule (3.5) >
 * people and places by rule (3) > weaker rules (2).
 */
import type { EntityMention, ExtractionResult } from '../../model/extraction';
import type { EntityType } from '../../model/vocabulary';
import { loadLexicon, RU_LEXICON_FILES, type LexiconFile, type RuLexiconName } from '../lexicon';
import type { ExtractorResources } from '../resources';
import { splitSentences, tokenize, type Sentence } from '../tokens';
import { analyzeTokens, foldYo, placeOutweighsName, WordAnalyser, type TokenInfo } from './analysis';
import { findFacts } from './facts';
import { compileGazetteer, type Gazetteer } from './gazetteer';
import { nominativePhrase } from './inflect';
import { findLocations, type RuleSpan } from './locations';
import { createMorphology } from './morph';
import { deserializeNerModel, NER_MODEL_RESOURCE, nerTaggerFromModel, type NerModel, type NerTagger } from './ner/index';
import { findOrganizations, notAnOrganization } from './organizations';
import { consolidateSurnames, findPersons, personSpan, regroupSyllabicNames, type PersonSpan } from './persons';
import { findRelations, type RelMention } from './relations';

export interface RussianExtractOptions {
  /** ISO date of publication; resolves "в апреле этого года". Default: the first ISO date near the top of the text. */
  referenceDate?: string;
}

export interface RussianExtractor {
  extract(text: string, options?: RussianExtractOptions): ExtractionResult;
  /** Whether the trained NER model was loaded (otherwise rules only). */
  readonly usesNerModel: boolean;
}

export interface RussianExtractorOptions {
  /** Use the trained tagger when its model is present (default true). */
  ner?: boolean;
  /** A model trained in memory (cross-validation) instead of the shipped file. */
  nerModel?: NerModel;
}

type Gazetteers = Record<RuLexiconName, Gazetteer>;

/** What the pipeline derives once from the lexicons. */
interface DerivedLexicons {
  /** Lemma of a country adjective ("российский") -> the country's id. */
  countryAdjectives: ReadonlyMap<string, string>;
}

function deriveLexicons(locations: LexiconFile): DerivedLexicons {
  const countryAdjectives = new Map<string, string>();
  for (const e of locations.entries) for (const a of e.adjectives ?? []) countryAdjectives.set(foldYo(a.toLowerCase()), e.id);
  return { countryAdjectives };
}

export async function createRussianExtractor(resources: ExtractorResources, options: RussianExtractorOptions = {}): Promise<RussianExtractor> {
  const morph = await createMorphology(resources);
  const files = await Promise.all(RU_LEXICON_FILES.map((name) => loadLexicon(resources, name)));
  const gaz = {} as Gazetteers;
  RU_LEXICON_FILES.forEach((name, i) => {
    gaz[name] = compileGazetteer(files[i] as LexiconFile, morph);
  });
  let tagger: NerTagger | undefined;
  if (options.nerModel) {
    tagger = nerTaggerFromModel(options.nerModel, morph);
  } else if (options.ner !== false) {
    let data: unknown;
    try {
      data = await resources.load(NER_MODEL_RESOURCE, 'json');
    } catch {
      // No model in this build: the rules alone still give every type (usesNerModel says so).
      data = undefined;
    }
    // A model that is there but broken or of another format is an error, never a silent downgrade.
    if (data !== undefined) tagger = nerTaggerFromModel(deserializeNerModel(data), morph);
  }
  const analyser = new WordAnalyser(morph);
  const derived = deriveLexicons(gaz.locations.lexicon);
  return {
    usesNerModel: tagger !== undefined,
    extract(text, opts = {}) {
      return extractRussian(text, analyser, gaz, derived, tagger, opts);
    },
  };
}

const ISO_DATE = /\b((?:19|20)\d\d-[01]\d-[0-3]\d)/;

interface Candidate extends RuleSpan {
  person?: PersonSpan;
}

function extractRussian(text: string, analyser: WordAnalyser, gaz: Gazetteers, res: DerivedLexicons, tagger: NerTagger | undefined, opts: RussianExtractOptions): ExtractionResult {
  const tokens = tokenize(text);
  const sentences = splitSentences(tokens);
  const infos = analyzeTokens(tokens, analyser);
  const referenceDate = opts.referenceDate ?? ISO_DATE.exec(text.slice(0, 2000))?.[1];

  const candidates: Candidate[] = [];
  const sentenceOf = sentenceIndex(tokens.length, sentences);

  for (const s of sentences) {
    for (const [name, type] of [['drugs', 'DRUG'], ['channels', 'CHANNEL']] as const) {
      for (const m of gaz[name].match(infos, s.first, s.last)) {
        candidates.push({
          first: m.first,
          last: m.last,
          start: m.start,
          end: m.end,
          type,
          ...(m.entry.subtype ? { subtype: m.entry.subtype } : {}),
          ref: m.entry.id,
          norm: m.entry.name,
          // A lexicon drug or channel beats the tagger's guess ("Интернет" is a channel, not an organisation).
          priority: 4.2,
        });
      }
    }
  }
  const orgs = findOrganizations(infos, sentences, text, { organizations: gaz.organizations, locations: gaz.locations, heads: gaz['org-heads'] });
  const locs = findLocations(infos, sentences, text, gaz.locations, gaz['place-heads']);
  // The weakest organisation rule (a capitalised Orgn word, an unknown abbreviation) is for the
  // rules-only pipeline: beside the tagger it mostly adds false positives ("СМС", "ОС", "ЖЖ").
  candidates.push(...(tagger ? orgs.filter((o) => o.priority > 2) : orgs), ...locs);

  // Tokens a person rule must not take: names of things and positions.
  const blocked = new Uint8Array(tokens.length);
  for (const c of candidates) if (c.priority >= 3) for (let i = c.first; i < c.last; i++) blocked[i] = 1;
  const position = new Uint8Array(tokens.length);
  for (const s of sentences) for (const m of gaz.positions.match(infos, s.first, s.last)) for (let i = m.first; i < m.last; i++) position[i] = blocked[i] = 1;

  const people: PersonSpan[] = findPersons(infos, sentences, { blocked: (i) => blocked[i] === 1, isPosition: (i) => position[i] === 1 });
  for (const p of people) candidates.push(personCandidate(infos, p, 3));

  if (tagger) {
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
    const lexiconSpan = (first: number, last: number, accept: (c: Candidate) => boolean) => lexiconAt.get(first)?.find((c) => c.last === last && accept(c));
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
          candidates.push({ first: span.first, last: span.last, start: t.start, end: t.end, type: 'LOCATION', norm: nominativePhrase(infos, span.first, span.last, text, 0), priority: 4 });
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
          candidates.push(personCandidate(infos, p, 4));
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
            if (!mediumContext(infos, span.first, s.first, channelEnds)) Object.assign(platform, { type: 'ORGANIZATION', subtype: 'company', ref: platform.ref?.replace(/^channel:/, 'org:') });
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
        const parts = type === 'ORGANIZATION' ? splitCoordinatedOrganizations(infos, first, last, gaz['org-heads']) : [[first, last] as const];
        for (const [a, b] of parts) {
          candidates.push({
            first: a,
            last: b,
            start: tokens[a]!.start,
            end: tokens[b - 1]!.end,
            type: type as RuleSpan['type'],
            norm: nominativePhrase(infos, a, b, text, 0),
            priority: 4,
          });
        }
      }
    }
  }
  consolidateSurnames(people);
  for (const c of candidates) if (c.person) c.norm = c.person.norm;

  // An organisation phrase found by rule that loses its tail to a tagged place keeps its head:
  // "Председатель [Правительства] [РФ]".
  const trim = (c: Candidate, last: number): Candidate | undefined => {
    // A head alone ("[Правительство] Кипра") names no particular body: better no mention than one
    // that merges every government into one node.
    if (c.type !== 'ORGANIZATION' || c.ref || c.priority >= 4 || last <= c.first + 1 || !infos[c.first]!.cap) return undefined;
    return { ...c, last, end: tokens[last - 1]!.end, norm: nominativePhrase(infos, c.first, last, text, 0) };
  };
  // "в зоне .РФ": a top-level domain is no place.
  const domainZone = (c: Candidate) => c.type === 'LOCATION' && text[c.start - 1] === '.' && (c.start < 2 || /\s/.test(text[c.start - 2]!));
  const chosen = selectNonOverlapping(dropNestedLexiconTerms(candidates.filter((c) => !domainZone(c)), tokens.length), tokens.length, trim);
  inheritLexiconInfo(chosen, candidates);
  attachPlaceAdjectives(infos, chosen, res.countryAdjectives, text);

  const mention = (c: Candidate): EntityMention => ({
    start: c.start,
    end: c.end,
    type: c.type,
    ...(c.subtype ? { subtype: c.subtype } : {}),
    text: text.slice(c.start, c.end),
    norm: c.norm,
    ...(c.ref ? { ref: c.ref } : {}),
  });
  const placed: Placed[] = chosen.map((c) => ({ e: mention(c), first: c.first, last: c.last }));

  // Places inside organisation names ("МВД России", "Министерство ... Республики Казахстан"): the
  // organisation keeps its whole name, and the place is a mention of its own, nested in it, so the
  // graph gets the place with its evidence (and LOCATED_IN below).
  const nested: Array<{ org: Placed; place: Placed }> = [];
  for (const { org, place } of nestedPlaces(infos, chosen, candidates, tokens.length)) {
    const p: Placed = { e: mention(place), first: place.first, last: place.last };
    const o = placed[chosen.indexOf(org)]!;
    placed.push(p);
    nested.push({ org: o, place: p });
  }

  // Facts; a count whose noun is itself an entity ("5 наркогруппировок") is left to the entity.
  const covered = new Uint8Array(tokens.length);
  for (const c of chosen) covered.fill(1, c.first, c.last);
  for (const f of findFacts(infos, sentences, referenceDate ? { referenceDate } : {})) {
    let clash = false;
    for (let i = f.first; i < f.last; i++) if (covered[i] === 1) clash = true;
    if (clash) continue;
    placed.push({ e: { start: f.start, end: f.end, type: f.type, text: text.slice(f.start, f.end), norm: text.slice(f.start, f.end).replace(/\s+/g, ' '), value: f.value }, first: f.first, last: f.last });
  }
  placed.sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end);
  const sorted = placed.map((p) => p.e);
  const indexOf = new Map<Placed, number>(placed.map((p, i) => [p, i]));

  const relMentions: RelMention[] = placed.map((p, index) => {
    const e = p.e;
    return { index, first: p.first, last: p.last, type: e.type, ...(e.subtype ? { subtype: e.subtype } : {}), ...(e.ref ? { ref: e.ref } : {}), norm: e.norm, text: e.text };
  });
  const relations = findRelations({ infos, sentences, mentions: relMentions, positions: gaz.positions, heads: gaz['org-heads'], countryAdjectives: res.countryAdjectives });
  for (const { org, place } of nested) {
    const s = sentences[sentenceOf[org.first] ?? 0]!;
    relations.push({ type: 'LOCATED_IN', source: indexOf.get(org)!, target: indexOf.get(place)!, evidence: [s.start, s.end] });
  }

  return { lang: 'ru', entities: sorted, relations, sentences: sentences.map((s) => [s.start, s.end]) };
}

/** A mention with its token range [first, last). */
interface Placed {
  e: EntityMention;
  first: number;
  last: number;
}

/**
 * Places named inside chosen organisations: the lexicon or rule places that lost the overlap to
 * the organisation, longest first, one per token range.
 */
function nestedPlaces(infos: readonly TokenInfo[], chosen: readonly Candidate[], candidates: readonly Candidate[], nTokens: number): Array<{ org: Candidate; place: Candidate }> {
  const orgAt = new Array<Candidate | undefined>(nTokens);
  // A place in the name of a medium ("Голос Америки") or in a quoted name ("партия «Единая Россия»")
  // is part of a name, not where the organisation is.
  for (const c of chosen) if (c.type === 'ORGANIZATION' && c.last - c.first >= 2 && c.subtype !== 'media') for (let i = c.first; i < c.last; i++) orgAt[i] = c;
  const insideQuotes = (org: Candidate, at: number) => {
    let open = false;
    for (let i = Math.max(0, org.first - 1); i < at; i++) {
      const t = infos[i]!.token.text;
      if (/^[«„“]$/.test(t)) open = true;
      else if (/^[»”]$/.test(t)) open = false;
      else if (t === '"') open = !open;
    }
    return open;
  };
  const places = candidates
    .filter((c) => c.type === 'LOCATION' && (c.ref !== undefined || c.subtype !== undefined))
    .sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const taken = new Uint8Array(nTokens);
  const out: Array<{ org: Candidate; place: Candidate }> = [];
  for (const p of places) {
    const org = orgAt[p.first];
    if (!org || p.last > org.last || (p.first === org.first && p.last === org.last) || insideQuotes(org, p.first)) continue;
    let free = true;
    for (let i = p.first; i < p.last; i++) if (taken[i] || orgAt[i] !== org) free = false;
    if (!free) continue;
    taken.fill(1, p.first, p.last);
    out.push({ org, place: p });
  }
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

function personCandidate(infos: readonly TokenInfo[], p: PersonSpan, priority: number): Candidate {
  return {
    first: p.first,
    last: p.last,
    start: infos[p.first]!.token.start,
    end: infos[p.last - 1]!.token.end,
    type: 'PERSON',
    norm: p.norm,
    priority: priority + (p.parts.length >= 2 ? 0.5 : 0),
    person: p,
  };
}

function sentenceIndex(n: number, sentences: readonly Sentence[]): Int32Array {
  const out = new Int32Array(n);
  sentences.forEach((s, k) => out.fill(k, s.first, s.last));
  return out;
}

/**
 * A drug or channel word inside a longer organisation or place name is part of that name
 * ("Управление по борьбе с наркотиками", "Институт развития Интернета"), not a mention of its own.
 */
function dropNestedLexiconTerms(candidates: Candidate[], nTokens: number): Candidate[] {
  const widest = new Array<Candidate | undefined>(nTokens);
  for (const c of candidates) {
    if (c.type !== 'ORGANIZATION' && c.type !== 'LOCATION') continue;
    for (let i = c.first; i < c.last; i++) {
      const w = widest[i];
      if (!w || w.last - w.first < c.last - c.first) widest[i] = c;
    }
  }
  return candidates.filter((c) => {
    if (c.type !== 'DRUG' && c.type !== 'CHANNEL') return true;
    for (let i = c.first; i < c.last; i++) {
      const w = widest[i];
      if (w && w.first <= c.first && w.last >= c.last && w.last - w.first > c.last - c.first) return false;
    }
    return true;
  });
}

function selectNonOverlapping(candidates: Candidate[], nTokens: number, trim: (c: Candidate, last: number) => Candidate | undefined): Candidate[] {
  const ranked = [...candidates].sort((a, b) => b.priority - a.priority || b.last - b.first - (a.last - a.first) || a.start - b.start);
  const taken = new Uint8Array(nTokens);
  const chosen: Candidate[] = [];
  for (let c of ranked) {
    let freePrefix = c.first;
    while (freePrefix < c.last && !taken[freePrefix]) freePrefix++;
    if (freePrefix < c.last) {
      const trimmed = trim(c, freePrefix);
      if (!trimmed) continue;
      c = trimmed;
    }
    for (let i = c.first; i < c.last; i++) taken[i] = 1;
    chosen.push(c);
  }
  return chosen.sort((a, b) => a.start - b.start);
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

/**
 * "японского МИДа", "российского Минсельхоза": a lower-case adjective of a place right before an
 * organisation qualifies it as "МИД Японии" does. It joins the name (as factRuEval annotates
 * it), and a lexicon organisation becomes that place's body: ref "org:mid@loc:japan", the
 * same entity as "МИД Японии".
 */
function attachPlaceAdjectives(infos: readonly TokenInfo[], chosen: Candidate[], countryAdjectives: ReadonlyMap<string, string>, text: string): void {
  const taken = new Set<number>();
  for (const c of chosen) for (let i = c.first; i < c.last; i++) taken.add(i);
  for (const c of chosen) {
    if (c.type !== 'ORGANIZATION' || c.ref?.includes('@')) continue;
    const i = c.first - 1;
    const adj = infos[i];
    if (!adj || taken.has(i) || adj.cap || adj.token.kind !== 'word' || adj.token.newlineBefore) continue;
    const place = [...adj.keys].map((k) => countryAdjectives.get(k)).find((id) => id !== undefined);
    if (!place) continue;
    // The adjective agrees with the name's first word ("японского МИДа", not "японские ... МИДа").
    const cases = new Set(adj.parses.filter((p) => p.pos === 'ADJF').map((p) => p.case));
    const head = infos[c.first]!;
    if (!head.parses.some((p) => cases.has(p.case)) && !head.upper) continue;
    // The adjective agreeing with the name in the nominative, the name as it was ("МИД" keeps its capitals).
    const adjective = nominativePhrase(infos, i, c.last, text, 0).split(' ')[0]!;
    c.first = i;
    c.start = adj.token.start;
    c.norm = `${adjective} ${c.norm}`;
    if (c.ref) c.ref = `${c.ref}@${place}`;
    taken.add(i);
  }
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

/** A tagger span that coincides with a lexicon match takes the lexicon's ref, subtype and canonical form. */
function inheritLexiconInfo(chosen: Candidate[], all: readonly Candidate[]): void {
  const byRange = new Map<string, Candidate>();
  for (const c of all) if (c.ref || c.subtype) byRange.set(`${c.first}:${c.last}:${c.type}`, c);
  for (const c of chosen) {
    if (c.ref || c.subtype) continue;
    const lex = byRange.get(`${c.first}:${c.last}:${c.type}`);
    if (!lex) continue;
    if (lex.ref) c.ref = lex.ref;
    if (lex.subtype) c.subtype = lex.subtype;
    c.norm = lex.norm;
  }
}
