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
import { personCandidate, withPersonReadings, type Candidate } from './candidates';
import { adjectivePlacesInOrganizations, attachPlaceAdjectives, chooseMentions, inheritLexiconInfo, lexiconTerms, nestedPlaces, personBlocks, placeAdjectivesBeforeTitles } from './entity-stages';
import { findFacts } from './facts';
import { compileGazetteer, type Gazetteer } from './gazetteer';
import { findLocations } from './locations';
import { createMorphology } from './morph';
import { deserializeNerModel, NER_MODEL_RESOURCE, nerTaggerFromModel, type NerModel, type NerTagger } from './ner/index';
import { findNominals, isBareHead } from './nominals';
import { findOrganizations } from './organizations';
import { derivePlaceAdjectives, type PlaceAdjectives } from './place-adjectives';
import { consolidateSurnames, findPersons, type PersonSpan } from './persons';
import { applyTaggerSpans, taggerSpans } from './tagger-spans';
import { findRelations, type RelationContext, type RelMention } from './relations';
import { findRussianEvents } from './events';
import { remapEvents, type EventMention } from '../events/core';
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
  /** A country's id -> its canonical name, for the places named by an adjective. */
  countryNames: ReadonlyMap<string, string>;
  /** Adjectives derived from the names of towns and regions ("шымкентский" -> "loc:shymkent"). */
  placeAdjectives: PlaceAdjectives;
}

function deriveLexicons(gaz: Gazetteers): DerivedLexicons {
  const countryAdjectives = new Map<string, string>();
  const countryNames = new Map<string, string>();
  for (const e of gaz.locations.lexicon.entries) {
    for (const a of e.adjectives ?? []) countryAdjectives.set(foldYo(a.toLowerCase()), e.id);
    if (e.adjectives?.length) countryNames.set(e.id, e.name);
  }
  const categories = new Set<string>();
  for (const g of Object.values(gaz)) for (const e of g.lexicon.entries) if (e.category) categories.add(e.id);
  return { countryAdjectives, categories, countryNames, placeAdjectives: derivePlaceAdjectives(gaz.locations.lexicon.entries) };
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

  const sentenceOf = sentenceIndex(tokens.length, sentences);

  // Candidates: lexicon drugs and channels, organisations and places by rule and lexicon.
  const terms = lexiconTerms(infos, sentences, gaz);
  const orgs = findOrganizations(infos, sentences, text, {
    organizations: gaz.organizations,
    locations: gaz.locations,
    heads: gaz['org-heads'],
    placeHeads: gaz['place-heads'],
    placeAdjectives: res.placeAdjectives,
    countryAdjectives: res.countryAdjectives,
  });
  const locs = findLocations(infos, sentences, text, gaz.locations, gaz['place-heads']);
  // The weakest organisation rule (a capitalised Orgn word, an unknown abbreviation) is for the
  // rules-only pipeline: beside the tagger it mostly adds false positives ("СМС", "ОС", "ЖЖ").
  const things = terms.concat(tagger ? orgs.filter((o) => o.priority > PRIORITY.WEAK_RULE) : orgs, locs);
  // People by rule, on the tokens no thing or position word takes.
  const { blocked, position } = personBlocks(infos, sentences, things, gaz.positions);
  const rulePeople: readonly PersonSpan[] = findPersons(infos, sentences, { blocked: (i) => blocked[i] === 1, isPosition: (i) => position[i] === 1 });
  const ruleCandidates = things.concat(rulePeople.map((p) => personCandidate(infos, p, PRIORITY.RULE)));
  // The tagger's spans, checked against the rules' candidates.
  const tagged = tagger ? taggerSpans(tagger, { text, tokens, sentences, sentenceOf, infos, position, orgHeads: gaz['org-heads'], candidates: ruleCandidates }) : undefined;
  const allCandidates = tagged ? applyTaggerSpans(ruleCandidates, tagged) : ruleCandidates;
  const people = tagged ? rulePeople.concat(tagged.people) : rulePeople;
  // A lone surname read as the same surname elsewhere in the article.
  const candidates = withPersonReadings(allCandidates, consolidateSurnames(people));
  // Mentions: overlaps resolved, lexicon information for tagger spans, place adjectives joined.
  const named = attachPlaceAdjectives(infos, inheritLexiconInfo(chooseMentions(candidates, infos, tokens, text), candidates), res.countryAdjectives, text);
  // Countries named only by an adjective before a title ("британский премьер").
  const withAdjectives = named.concat(placeAdjectivesBeforeTitles(infos, named, gaz.positions, res.countryAdjectives, res.countryNames));

  const mention = (c: Candidate): EntityMention => ({
    start: c.start,
    end: c.end,
    type: c.type,
    ...(c.subtype ? { subtype: c.subtype } : {}),
    text: text.slice(c.start, c.end),
    norm: c.norm,
    ...(c.ref ? { ref: c.ref } : {}),
    ...(c.ref && res.categories.has(c.ref) ? { generic: true as const } : {}),
    ...(c.adjective ? { adjective: true as const } : {}),
  });
  // A head noun alone that opens its sentence ("Министерство сообщило") names nothing: it is
  // left to the nominal mentions below.
  const chosen = withAdjectives.filter(
    (c) => !(c.type === 'ORGANIZATION' && c.ref === undefined && isBareHead(infos, c.first, c.last, sentences[sentenceOf[c.first] ?? 0]!.first, gaz['org-heads'])),
  );
  const placed: Placed[] = chosen.map((c) => ({ e: mention(c), first: c.first, last: c.last }));

  // Places inside organisation names ("МВД России", "Министерство ... Республики Казахстан"): the
  // organisation keeps its whole name, and the place is a mention of its own, nested in it, so the
  // graph gets the place with its evidence (and LOCATED_IN below).
  const nested: Array<{ org: Placed; place: Placed }> = [];
  const inside = nestedPlaces(infos, chosen, candidates, tokens.length);
  // "Шымкентский городской суд": a place named by its adjective inside an organisation's name.
  for (const x of adjectivePlacesInOrganizations(infos, chosen, inside, res.placeAdjectives, res.countryAdjectives, res.countryNames)) inside.push(x);
  for (const { org, place } of inside) {
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
    return { index, first: p.first, last: p.last, type: e.type, ...(e.subtype ? { subtype: e.subtype } : {}), ...(e.ref ? { ref: e.ref } : {}), norm: e.norm, text: e.text, ...(e.adjective ? { adjective: true as const } : {}) };
  });
  const contexts: RelationContext[] = [];
  const relations = findRelations({ infos, sentences, mentions: relMentions, positions: gaz.positions, heads: gaz['org-heads'], countryAdjectives: res.countryAdjectives }, (ctx) => contexts.push(ctx));
  for (const { org, place } of nested) {
    const s = sentences[sentenceOf[org.first] ?? 0]!;
    relations.push({ type: 'LOCATED_IN', source: indexOf.get(org)!, target: indexOf.get(place)!, evidence: [s.start, s.end] });
  }
  // Events: triggers by lemma, participants from the mentions of their sentence (ru/events.ts).
  const eventMentions: EventMention[] = placed.map((p, index) => ({
    index,
    first: p.first,
    last: p.last,
    start: p.e.start,
    end: p.e.end,
    type: p.e.type,
    ...(p.e.subtype ? { subtype: p.e.subtype } : {}),
    text: p.e.text,
    norm: p.e.norm,
    ...(p.e.value ? { value: p.e.value } : {}),
  }));
  const events = findRussianEvents({ text, infos, mentions: eventMentions, contexts, relations, ...(referenceDate ? { referenceDate } : {}) });

  // Descriptor nouns outside every mention ("ведомство", "президент"): resolution links each to
  // a named entity of the article or drops it. They take part in no relation.
  const taken = new Uint8Array(tokens.length);
  for (const p of placed) taken.fill(1, p.first, p.last);
  const namedPeople = placed.filter((x) => x.e.type === 'PERSON').sort((a, b) => a.first - b.first);
  const nominals = findNominals({ text, infos, sentences, covered: taken, heads: gaz['org-heads'], people: namedPeople });
  if (nominals.length === 0) return { lang: 'ru', entities: sorted, relations, events, sentences: sentences.map((s) => [s.start, s.end]) };
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
    events: remapEvents(events, (old) => moved.get(old))!,
    sentences: sentences.map((s) => [s.start, s.end]),
  };
}

/** A mention with its token range [first, last). */
interface Placed {
  e: EntityMention;
  first: number;
  last: number;
}

function sentenceIndex(n: number, sentences: readonly Sentence[]): Int32Array {
  const out = new Int32Array(n);
  sentences.forEach((s, k) => out.fill(k, s.first, s.last));
  return out;
}
