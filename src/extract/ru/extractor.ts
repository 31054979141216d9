/**
 * The Russian pipeline: tokens, sentences, az morphology, then typed mentions from
 * the trained NER tagger (when its model is present) merged with rules over the
 * morphology and the lexicons, canonical nominative forms, facts with values, and
 * relations with their evidence sentence.
 *
 * Overlaps are resolved greedily by priority, then length (the order is in priority.ts):
 * lexicon organisations with their qualifiers > drugs and channels > places after a head and
 * regions by rule > tagger spans > organisation phrases by rule > people and places by rule >
 * weaker rules.
 */
import type { EntityMention, ExtractionResult } from '../../model/extraction';
import { loadLexicon, RU_LEXICON_FILES, type LexiconFile, type RuLexiconName } from '../lexicon';
import type { ExtractorResources } from '../resources';
import { splitSentences, tokenize, type Sentence } from '../tokens';
import { analyzeTokens, foldYo, WordAnalyser, type TokenInfo } from './analysis';
import { personCandidate, type Candidate } from './candidates';
import { findFacts } from './facts';
import { compileGazetteer, type Gazetteer } from './gazetteer';
import { nominativePhrase } from './inflect';
import { findLocations } from './locations';
import { createMorphology } from './morph';
import { deserializeNerModel, NER_MODEL_RESOURCE, nerTaggerFromModel, type NerModel, type NerTagger } from './ner/index';
import { findNominals, isBareHead } from './nominals';
import { findOrganizations } from './organizations';
import { consolidateSurnames, findPersons, type PersonSpan } from './persons';
import { addTaggerCandidates } from './tagger-spans';
import { findRelations, type RelMention } from './relations';
import { PRIORITY } from './priority';

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
  /** Ids of the class words ("drug:narcotics", "channel:website"): their mentions are generic. */
  categories: ReadonlySet<string>;
}

function deriveLexicons(gaz: Gazetteers): DerivedLexicons {
  const countryAdjectives = new Map<string, string>();
  for (const e of gaz.locations.lexicon.entries) for (const a of e.adjectives ?? []) countryAdjectives.set(foldYo(a.toLowerCase()), e.id);
  const categories = new Set<string>();
  for (const g of Object.values(gaz)) for (const e of g.lexicon.entries) if (e.category) categories.add(e.id);
  return { countryAdjectives, categories };
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
  const derived = deriveLexicons(gaz);
  return {
    usesNerModel: tagger !== undefined,
    extract(text, opts = {}) {
      return extractRussian(text, analyser, gaz, derived, tagger, opts);
    },
  };
}

const ISO_DATE = /\b((?:19|20)\d\d-[01]\d-[0-3]\d)/;

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
          priority: PRIORITY.LEXICON_DRUG_OR_CHANNEL,
        });
      }
    }
  }
  const orgs = findOrganizations(infos, sentences, text, { organizations: gaz.organizations, locations: gaz.locations, heads: gaz['org-heads'] });
  const locs = findLocations(infos, sentences, text, gaz.locations, gaz['place-heads']);
  // The weakest organisation rule (a capitalised Orgn word, an unknown abbreviation) is for the
  // rules-only pipeline: beside the tagger it mostly adds false positives ("СМС", "ОС", "ЖЖ").
  // A loop, not push(...spread): a 5 MB article has hundreds of thousands of candidates, more than a call's arguments fit on the stack.
  for (const o of orgs) if (!tagger || o.priority > PRIORITY.WEAK_RULE) candidates.push(o);
  for (const l of locs) candidates.push(l);

  // Tokens a person rule must not take: names of things and positions.
  const blocked = new Uint8Array(tokens.length);
  for (const c of candidates) if (c.priority >= PRIORITY.RULE) for (let i = c.first; i < c.last; i++) blocked[i] = 1;
  const position = new Uint8Array(tokens.length);
  for (const s of sentences) for (const m of gaz.positions.match(infos, s.first, s.last)) for (let i = m.first; i < m.last; i++) position[i] = blocked[i] = 1;

  const people: PersonSpan[] = findPersons(infos, sentences, { blocked: (i) => blocked[i] === 1, isPosition: (i) => position[i] === 1 });
  for (const p of people) candidates.push(personCandidate(infos, p, PRIORITY.RULE));

  if (tagger) addTaggerCandidates(tagger, { text, tokens, sentences, sentenceOf, infos, position, orgHeads: gaz['org-heads'], candidates, people });
  consolidateSurnames(people);
  for (const c of candidates) if (c.person) c.norm = c.person.norm;

  // An organisation phrase found by rule that loses its tail to a tagged place keeps its head:
  // "Председатель [Правительства] [РФ]".
  const trim = (c: Candidate, last: number): Candidate | undefined => {
    // A head alone ("[Правительство] Кипра") names no particular body: better no mention than one
    // that merges every government into one node.
    if (c.type !== 'ORGANIZATION' || c.ref || c.priority >= PRIORITY.TAGGER || last <= c.first + 1 || !infos[c.first]!.cap) return undefined;
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
    ...(c.ref && res.categories.has(c.ref) ? { generic: true as const } : {}),
  });
  // A head noun alone that opens its sentence ("Министерство сообщило") names nothing: it is
  // left to the nominal mentions below.
  for (let k = chosen.length - 1; k >= 0; k--) {
    const c = chosen[k]!;
    if (c.type === 'ORGANIZATION' && c.ref === undefined && isBareHead(infos, c.first, c.last, sentences[sentenceOf[c.first] ?? 0]!.first, gaz['org-heads'])) chosen.splice(k, 1);
  }
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

  // Descriptor nouns outside every mention ("ведомство", "президент"): resolution links each to
  // a named entity of the article or drops it. They take part in no relation.
  const taken = new Uint8Array(tokens.length);
  for (const p of placed) taken.fill(1, p.first, p.last);
  const namedPeople = placed.filter((x) => x.e.type === 'PERSON').sort((a, b) => a.first - b.first);
  const nominals = findNominals({ text, infos, sentences, covered: taken, heads: gaz['org-heads'], people: namedPeople });
  if (nominals.length === 0) return { lang: 'ru', entities: sorted, relations, sentences: sentences.map((s) => [s.start, s.end]) };
  const all: Array<{ e: EntityMention; old?: number }> = [...sorted.map((e, old) => ({ e, old })), ...nominals.map((n) => ({ e: n.mention }))];
  all.sort((a, b) => a.e.start - b.e.start || b.e.end - a.e.end);
  const moved = new Map<number, number>();
  all.forEach((x, i) => {
    if (x.old !== undefined) moved.set(x.old, i);
  });
  return {
    lang: 'ru',
    entities: all.map((x) => x.e),
    relations: relations.map((r) => ({ ...r, source: moved.get(r.source)!, target: moved.get(r.target)! })),
    sentences: sentences.map((s) => [s.start, s.end]),
  };
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
