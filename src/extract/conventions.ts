/**
 * Span conventions: the product's mentions projected onto factRuEval-2016's.
 *
 * The product keeps an organisation with its place qualifier as one mention ("МВД России":
 * Russia's ministry, another node than Kazakhstan's МВД) and a street with its head ("улица
 * Абая"). factRuEval annotates names without descriptor words: its ORG spans are `org_name`
 * spans and its LOC spans `loc_name` spans, so "МВД России" is ORG "МВД" + LOC "России" and
 * "на улице Тверской" is LOC "Тверской". To score against such gold, `kg eval` and
 * `kg extract --conventions factru` narrow the spans by a fixed mapping (documented in
 * src/eval/README.md, "Conventions"):
 *
 * 1. place qualifier: an ORGANIZATION mention that ends with a LOCATION mention nested in it,
 *    right after the organisation's head with nothing but a space between ("МВД России",
 *    "Верховный суд Бангладеша", "Министерство внутренних дел Республики Казахстан"), stops
 *    before the place; the place is already a mention of its own. A place after a preposition
 *    anywhere in the name ("МВД по Алматинской области", "Совет при Президенте РФ") or after a
 *    conjunction ("Союз России и Белоруссии"), or in the middle of the name ("ГУ МЧС России по
 *    Санкт-Петербургу") stays inside: factRuEval keeps those whole. A lower-case town, region or
 *    district head right before the place goes out with it ("Медеуский районный суд города
 *    Алматы" -> "Медеуский районный суд"), as factRuEval leaves such heads out of names;
 * 2. leading descriptor: a LOCATION mention that starts with a lower-case place head of
 *    graph-data/lexicons/place-heads.json ("улице Абая", "ул. Абая", "площади Тяньаньмынь")
 *    loses it (and its abbreviation dot);
 * 3. trailing street descriptor: a LOCATION mention of two or more words that ends with a
 *    lower-case street head of that lexicon (subtype street: "Манежная площадь", "Кронштадтский
 *    бульвар") loses it. Region heads ("Свердловской области", "Камчатский край"), islands,
 *    lakes and landmarks keep theirs: factRuEval mostly annotates them as part of the name.
 *
 * Nothing else changes: no mention is added or removed (relations and events keep their indexes; an
 * event argument naming a narrowed mention takes its narrowed span, projectEvents), types,
 * refs and entity keys stay, and the canonical form loses the same words.
 *
 * Pure and isomorphic: the morphology and the lexicon are passed in (loadConventionLexicon
 * builds them from the extractor's resources in Node and in the browser alike).
 */
import type { EntityMention, ExtractedEvent } from '../model/extraction';
import { foldYo } from './ru/analysis';
import { createMorphology, type Morphology } from './ru/morph';
import { loadLexicon, type LexiconFile } from './lexicon';
import type { ExtractorResources } from './resources';
import { tokenize, type Token } from './tokens';

export const CONVENTIONS = ['product', 'factru'] as const;
export type Conventions = (typeof CONVENTIONS)[number];

export function isConventions(value: unknown): value is Conventions {
  return typeof value === 'string' && (CONVENTIONS as readonly string[]).includes(value);
}

/** The value of a --conventions option, or an error that says what is accepted. */
export function parseConventions(value: string): Conventions {
  if (!isConventions(value)) throw new Error(`expected ${CONVENTIONS.join(' or ')}, got ${JSON.stringify(value)}`);
  return value;
}

/** Which of the mapping's rules run (all by default; the others are for measuring one rule against another). */
export interface ProjectionRules {
  placeQualifier: boolean;
  leadingDescriptor: boolean;
  /** 'street': only street heads; 'all': every place head (measured: it lowers LOC, see src/eval/README.md); 'none'. */
  trailingDescriptor: 'street' | 'all' | 'none';
}

export const FACTRU_RULES: Readonly<ProjectionRules> = { placeQualifier: true, leadingDescriptor: true, trailingDescriptor: 'street' };

/** What the mapping needs to know about words. */
export interface ConventionLexicon {
  /** The place-head subtype ("street", "region", "city", ...) of a lower-case word form, if it is a place head. */
  placeHead(word: string): string | undefined;
}

/** Abbreviated heads ("ул", "г") count only with their dot, as in the extractor. */
const ABBREVIATION_MAX = 3;

/** Builds the lexicon from place-heads.json and the morphology: "улице" -> "улица" -> street. */
export function createConventionLexicon(placeHeads: LexiconFile, morph: Morphology): ConventionLexicon {
  const byLemma = new Map<string, string>();
  for (const e of placeHeads.entries) for (const f of e.forms) if (!/\s/.test(f)) byLemma.set(foldYo(f.toLowerCase()), e.subtype ?? 'place');
  const cache = new Map<string, string | undefined>();
  return {
    placeHead(word) {
      if (cache.has(word)) return cache.get(word);
      let found: string | undefined;
      const lower = foldYo(word.toLowerCase());
      if (word === word.toLowerCase()) {
        found = byLemma.get(lower);
        if (found === undefined && lower.length > ABBREVIATION_MAX) {
          for (const p of morph.parse(word)) {
            if (p.pos !== 'NOUN') continue;
            found = byLemma.get(foldYo(p.lemma));
            if (found !== undefined) break;
          }
        }
      }
      cache.set(word, found);
      return found;
    },
  };
}

/** The lexicon from the extractor's resources (the morphology is shared with the extractor's). */
export async function loadConventionLexicon(resources: ExtractorResources): Promise<ConventionLexicon> {
  const [morph, placeHeads] = await Promise.all([createMorphology(resources), loadLexicon(resources, 'place-heads')]);
  return createConventionLexicon(placeHeads, morph);
}

const PREPOSITIONS = new Set(['по', 'при', 'в', 'во', 'на', 'для', 'из', 'с', 'со', 'у', 'от', 'до', 'за', 'над', 'под', 'о', 'об', 'к']);
const CONJUNCTIONS = new Set(['и', 'или', 'а']);

function words(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind === 'word');
}

/** `norm` without its first or last n words, when it has as many words as the text it names. */
function dropNormWords(norm: string, text: string, drop: { first?: number; last?: number }, fallback: string): string {
  const normWords = norm.split(' ');
  if (normWords.length !== text.trim().split(/\s+/).length) return fallback;
  return normWords.slice(drop.first ?? 0, normWords.length - (drop.last ?? 0)).join(' ');
}

function narrowed(m: EntityMention, start: number, end: number, norm: string): EntityMention {
  return { ...m, start, end, text: m.text.slice(start - m.start, end - m.start), norm };
}

/** Rule 1: "МВД России" -> "МВД" when "России" is a place mention nested at its end. */
function withoutPlaceQualifier(text: string, org: EntityMention, places: readonly EntityMention[], lex?: ConventionLexicon): EntityMention {
  // The longest place that ends the organisation ("Республики Казахстан" rather than "Казахстан").
  const place = places
    .filter((p) => p.end === org.end && p.start > org.start)
    .sort((a, b) => a.start - b.start)[0];
  if (!place) return org;
  const head = text.slice(org.start, place.start);
  if (!/\S\s+$/.test(head) || /\n/.test(head.slice(head.trimEnd().length))) return org;
  const headWords = words(tokenize(head.trimEnd())).map((t) => t.text.toLowerCase());
  const last = headWords[headWords.length - 1];
  // After a preposition anywhere in the name the place qualifies that phrase, not the organisation
  // ("Совет при Президенте РФ", "МВД по Омской области"); after a conjunction it is one of a pair.
  if (!last || CONJUNCTIONS.has(last) || headWords.some((w) => PREPOSITIONS.has(w))) return org;
  const lastToken = tokenize(head.trimEnd()).at(-1);
  if (lastToken?.kind !== 'word') return org;
  // A quote still open before the place: the place is part of a quoted name ("«Путь Грузии»").
  const opens = (head.match(/[«„“]/g) ?? []).length;
  const closes = (head.match(/[»”]/g) ?? []).length;
  if (opens > closes || (head.match(/"/g) ?? []).length % 2 === 1) return org;
  // "Медеуский районный суд города Алматы": a lower-case town, region or district head before the
  // place goes with it, as factRuEval leaves such heads out of names ("города | Феникс").
  let kept = head.trimEnd();
  let headWordsDropped = 0;
  const headTokens = tokenize(kept);
  const dotted = headTokens.at(-1)?.text === '.';
  const placeHead = headTokens.at(dotted ? -2 : -1);
  const placeHeadKind = placeHead?.kind === 'word' && headWords.length >= 2 ? lex?.placeHead(placeHead.text) : undefined;
  if (placeHead && placeHeadKind !== undefined && placeHeadKind !== 'street' && (dotted || placeHead.text.length > ABBREVIATION_MAX)) {
    const rest = kept.slice(0, placeHead.start);
    if (/\S\s+$/.test(rest)) {
      kept = rest.trimEnd();
      headWordsDropped = 1;
    }
  }
  const end = org.start + kept.length;
  const placeWords = words(tokenize(place.text)).length + headWordsDropped;
  const norm =
    headWordsDropped === 0 && org.norm.endsWith(` ${place.text}`)
      ? org.norm.slice(0, -place.text.length - 1)
      : dropNormWords(org.norm, org.text, { last: placeWords }, kept);
  return narrowed(org, org.start, end, norm);
}

/** Rules 2 and 3: place heads out of a place's span. */
function withoutDescriptors(loc: EntityMention, lex: ConventionLexicon, rules: ProjectionRules): EntityMention {
  const tokens = tokenize(loc.text);
  const ws = words(tokens);
  if (ws.length < 2) return loc;
  let from = 0;
  let to = tokens.length;
  let dropFirst = 0;
  let dropLast = 0;
  const first = tokens[0]!;
  if (rules.leadingDescriptor && first.kind === 'word' && lex.placeHead(first.text) !== undefined) {
    const dotted = tokens[1]?.text === '.';
    // An abbreviation ("ул", "г") is a head only with its dot.
    if (first.text.length > ABBREVIATION_MAX || dotted) {
      from = dotted ? 2 : 1;
      dropFirst = 1;
    }
  }
  const lastWord = tokens[to - 1]!;
  if (rules.trailingDescriptor !== 'none' && lastWord.kind === 'word' && to - 1 > from) {
    const kind = lex.placeHead(lastWord.text);
    if (kind !== undefined && (rules.trailingDescriptor === 'all' || kind === 'street')) {
      to--;
      dropLast = 1;
    }
  }
  if (from === 0 && to === tokens.length) return loc;
  const rest = tokens.slice(from, to);
  if (!rest.some((t) => t.kind === 'word' && t.text !== t.text.toLowerCase())) return loc; // no name left ("улица Мира" keeps a name; "на площади" never was one)
  const start = loc.start + rest[0]!.start;
  const end = loc.start + rest[rest.length - 1]!.end;
  const fallback = loc.text.slice(rest[0]!.start, rest[rest.length - 1]!.end);
  return narrowed(loc, start, end, dropNormWords(loc.norm, loc.text, { first: dropFirst, last: dropLast }, fallback));
}

/**
 * The mentions under factRuEval's conventions (see the module comment): same order, same
 * length, spans narrowed where a rule applies. `text` is the text the offsets point into.
 */
export function projectToFactRu(text: string, mentions: readonly EntityMention[], lex: ConventionLexicon, rules: ProjectionRules = FACTRU_RULES): EntityMention[] {
  const places = mentions.filter((m) => m.type === 'LOCATION');
  return mentions.map((m) => {
    if (m.type === 'ORGANIZATION' && rules.placeQualifier) {
      return withoutPlaceQualifier(text, m, places.filter((p) => p.start > m.start && p.end <= m.end), lex);
    }
    if (m.type === 'LOCATION') return withoutDescriptors(m, lex, rules);
    return m;
  });
}

/**
 * Events under projected mentions: an argument that names a mention takes the mention's projected
 * span ("МВД России" -> "МВД"), so argument and mention still agree; indices stay, as the
 * projection neither adds nor removes a mention. An argument written differently from its mention
 * (a title standing for a person: "Президент") keeps its own span.
 */
export function projectEvents(events: readonly ExtractedEvent[] | undefined, before: readonly EntityMention[], after: readonly EntityMention[]): ExtractedEvent[] | undefined {
  if (events === undefined) return undefined;
  return events.map((e) => ({
    ...e,
    arguments: e.arguments.map((a) => {
      if (a.entity === undefined) return a;
      const old = before[a.entity];
      const now = after[a.entity];
      if (!old || !now || old.start !== a.start || old.end !== a.end || (now.start === old.start && now.end === old.end)) return a;
      return { ...a, start: now.start, end: now.end, text: now.text };
    }),
  }));
}

/** The mentions under the given conventions ('product': as they are). */
export function projectMentions(text: string, mentions: readonly EntityMention[], conventions: Conventions, lex: ConventionLexicon | undefined): EntityMention[] {
  if (conventions === 'product') return [...mentions];
  if (!lex) throw new Error('conventions: the factru mapping needs its lexicon (loadConventionLexicon)');
  return projectToFactRu(text, mentions, lex);
}
