/**
 * Which named entity of the article a nominal mention ("ведомство", "компания",
 * "президент"; see src/extract/ru/nominals.ts) stands for. General rules, no names:
 *
 * Organisation descriptors. A named organisation fits the descriptor when
 *  - one of its names has the descriptor as a word ("министерство" -> "Министерство
 *    внутренних дел", "суд" -> "Верховный суд") and it was mentioned at most
 *    HEAD_WINDOW sentences before; or
 *  - the descriptor is a generic word for a kind of organisation (HYPERNYMS:
 *    "ведомство" is a government agency, "компания" a company) and the organisation is
 *    of that kind (its subtype), mentioned at most KIND_WINDOW sentences before; a
 *    company word also fits an organisation of unknown kind, but only when nothing
 *    fits by name or known kind.
 *  The descriptor takes the most recently mentioned fitting organisation; when another
 *  fitting organisation is mentioned in that same sentence, it is ambiguous and dropped.
 *
 * Person titles ("президент", "губернатор"): a person holds the title when a
 * HOLDS_POSITION of the article gives it to them (the position's first word is the
 * title). The bare title is that person when exactly one person holding it was
 * mentioned in the HEAD_WINDOW sentences before; none or several: dropped.
 *
 * Subject pronouns ("Он", "Она" opening a sentence; the extractor keeps only those whose
 * previous sentence names people of the pronoun's gender alone): the one person named in
 * the previous sentence; several: dropped.
 *
 * Nothing after the descriptor is looked at (no cataphora), and a descriptor that
 * fits nothing, or fits ambiguously, is dropped by the caller: it never makes an
 * entity of its own.
 */
import type { EntityMention, ExtractionResult } from '../model/extraction';

/** A descriptor that is a word of the name: the name may be this many sentences back. */
export const HEAD_WINDOW = 10;
/** A descriptor that only fits the kind of organisation: this many sentences back at most. */
export const KIND_WINDOW = 3;

/**
 * Generic words for a kind of organisation and the subtypes (src/model/vocabulary.ts,
 * the extractor's organisation subtypes) of the organisations they can stand for.
 */
export const HYPERNYMS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['ведомство', new Set(['government_agency'])],
  ['компания', new Set(['company'])],
  ['фирма', new Set(['company'])],
  ['корпорация', new Set(['company'])],
  ['концерн', new Set(['company'])],
  ['холдинг', new Set(['company'])],
  ['альянс', new Set(['international'])],
]);
// Media words ("телеканал", "газета") are left out on purpose: news cites outlets as sources
// ("сообщает «Коммерсант»"), so the nearest medium is rarely the one a descriptor means.

/** Generic words for a company also fit an organisation of unknown kind (a brand the tagger found: "Google"). */
const FITS_UNKNOWN_KIND: ReadonlySet<string> = new Set(['компания', 'фирма', 'корпорация', 'концерн', 'холдинг']);

/** The norms the extractor gives subject pronouns (src/extract/ru/nominals.ts PERSON_PRONOUNS). */
export const PRONOUN_NORMS: ReadonlySet<string> = new Set(['он', 'она']);

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

function sentenceOfStart(sentences: ReadonlyArray<readonly [number, number]>, at: number): number {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]![0] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * For each nominal mention, the index of the named mention it refers to (whose entity it
 * joins), or undefined when it cannot be resolved confidently.
 *
 * @param groupOf the within-article group (any stable number) of each named mention.
 */
export function resolveNominals(result: Pick<ExtractionResult, 'entities' | 'relations' | 'sentences'>, groupOf: (index: number) => number): Map<number, number | undefined> {
  const mentions = result.entities;
  const sentences = result.sentences;
  const out = new Map<number, number | undefined>();
  const nominals = mentions.map((m, i) => (m.nominal ? i : -1)).filter((i) => i >= 0);
  if (nominals.length === 0) return out;
  const sentenceOf = (m: EntityMention) => sentenceOfStart(sentences, m.start);

  // Named mentions in text order, with what each group is called and of what kind it is.
  const named = mentions
    .map((m, i) => i)
    .filter((i) => !mentions[i]!.nominal && (mentions[i]!.type === 'ORGANIZATION' || mentions[i]!.type === 'PERSON'))
    .sort((a, b) => mentions[a]!.start - mentions[b]!.start || a - b);
  const words = new Map<number, Set<string>>();
  const kinds = new Map<number, Set<string>>();
  for (const i of named) {
    const g = groupOf(i);
    const m = mentions[i]!;
    let w = words.get(g);
    if (!w) words.set(g, (w = new Set()));
    for (const word of fold(m.norm).split(/[\s«»"“”„]+/)) if (word) w.add(word);
    if (m.subtype !== undefined) {
      let k = kinds.get(g);
      if (!k) kinds.set(g, (k = new Set()));
      k.add(m.subtype);
    }
  }
  // Groups of people holding each title (the first word of a HOLDS_POSITION's position).
  const holders = new Map<string, Set<number>>();
  for (const r of result.relations) {
    if (r.type !== 'HOLDS_POSITION') continue;
    const person = mentions[r.source];
    const title = r.props?.['position']?.trim().split(/\s+/)[0];
    if (!person || person.nominal || person.type !== 'PERSON' || !title) continue;
    let set = holders.get(fold(title));
    if (!set) holders.set(fold(title), (set = new Set()));
    set.add(groupOf(r.source));
  }

  // Named mentions of each type in text order, with their sentences, walked back from each
  // nominal over at most HEAD_WINDOW sentences (linear in the window, not in the text).
  const ofType = new Map<string, number[]>();
  for (const i of named) {
    const list = ofType.get(mentions[i]!.type);
    if (list) list.push(i);
    else ofType.set(mentions[i]!.type, [i]);
  }
  const sentenceIndex = new Map<number, number>();
  for (const i of named) sentenceIndex.set(i, sentenceOf(mentions[i]!));
  /** The named mentions of `type` ending before `start`, nearest first, at most HEAD_WINDOW sentences back. */
  function* walkBack(type: string, start: number, at: number): Generator<number> {
    const list = ofType.get(type) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[list[mid]!]!.start < start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) {
      const i = list[k]!;
      if (at - sentenceIndex.get(i)! > HEAD_WINDOW) return;
      if (mentions[i]!.end <= start) yield i;
    }
  }

  for (const n of nominals) {
    const nominal = mentions[n]!;
    const at = sentenceOf(nominal);
    const head = fold(nominal.norm);
    if (nominal.type === 'PERSON' && PRONOUN_NORMS.has(head)) {
      const seen = new Set<number>();
      let latest: number | undefined;
      for (const i of walkBack('PERSON', nominal.start, at)) {
        if (at - sentenceIndex.get(i)! > 1) break;
        seen.add(groupOf(i));
        latest ??= i;
      }
      out.set(n, seen.size === 1 ? latest : undefined);
      continue;
    }
    if (nominal.type === 'PERSON') {
      const titled = holders.get(head);
      const seen = new Set<number>();
      let latest: number | undefined;
      for (const i of walkBack('PERSON', nominal.start, at)) {
        if (!titled?.has(groupOf(i))) continue;
        seen.add(groupOf(i));
        latest ??= i;
      }
      out.set(n, seen.size === 1 ? latest : undefined);
      continue;
    }
    if (nominal.type !== 'ORGANIZATION') {
      out.set(n, undefined);
      continue;
    }
    const kind = HYPERNYMS.get(head);
    // First an organisation whose name or known kind fits; only when there is none, one of unknown kind.
    const fits = (i: number, unknownKind: boolean): boolean => {
      const g = groupOf(i);
      const distance = at - sentenceIndex.get(i)!;
      if (words.get(g)?.has(head) && distance <= HEAD_WINDOW) return true;
      if (kind === undefined || distance > KIND_WINDOW) return false;
      const known = kinds.get(g);
      return known === undefined ? unknownKind && FITS_UNKNOWN_KIND.has(head) : [...known].some((k) => kind.has(k));
    };
    const pick = (unknownKind: boolean): { chosen: number | undefined; rival: boolean } => {
      let chosen: number | undefined;
      let rival = false;
      for (const i of walkBack('ORGANIZATION', nominal.start, at)) {
        if (chosen !== undefined && sentenceIndex.get(i)! !== sentenceIndex.get(chosen)!) break;
        if (!fits(i, unknownKind)) continue;
        if (chosen === undefined) chosen = i;
        else if (groupOf(i) !== groupOf(chosen)) rival = true;
      }
      return { chosen, rival };
    };
    let found = pick(false);
    if (found.chosen === undefined) found = pick(true);
    out.set(n, found.rival ? undefined : found.chosen);
  }
  return out;
}
