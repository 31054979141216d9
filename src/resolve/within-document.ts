/**
 * Within-article resolution: which mentions of one text name the same entity.
 * Fills `entity` on every mention; the same key for every mention of one entity.
 *
 * Rules, all within one entity type:
 *  - same lexicon reference, or the same name once folded (case, ё, quotes,
 *    homoglyphs, legal form, transliteration): "«Лукойл»" = "Лукойл", "Tokayev" = "Токаев";
 *  - a person named by one word or by initials and a surname ("Маткенов",
 *    "Т. Маткенов") is the full name that contains that word (and fits the
 *    initials): the nearest one before it, else the nearest after it;
 *  - an acronym or abbreviation is the full name it abbreviates
 *    ("МВД" = "Министерство внутренних дел", "Минфин" = "Министерство финансов");
 *  - a person named in Latin letters is the person named in Cyrillic with as many
 *    words whose spelling it transliterates: loosely right after it (the appositive
 *    "Джоэл Саймон (Joel Simon)"), strictly anywhere else;
 *  - for non-persons, one-word names that differ only by an ending the
 *    normaliser missed ("Казахстана" / "Казахстан").
 * Each group takes the key of its fullest name (see keys.ts).
 *
 * Nominal mentions ("ведомство", "президент": `nominal`) take no part in any of the
 * above and never name a group; each then joins the named entity it refers to (see
 * nominals.ts), or is dropped from the result when it cannot be resolved confidently.
 *
 * A person's mentions then take their canonical parts from the group's best name
 * (see `personCanonicalNorms`): "А. Кудрин" after "Алексей Кудрин" is "Алексей
 * Кудрин", "Joel Simon" after "Джоэл Саймон" is "Джоэл Саймон".
 */
import { remapEvents } from '../extract/events/core';
import type { EntityMention, ExtractionResult } from '../model/extraction';
import { FACT_ENTITY_TYPES } from '../model/vocabulary';
import { entityKey } from './keys';
import { isAbbreviationOf, isAcronym, nameWords, personName, sameNameWord, sameSurname, spellingDistance } from './names';
import { resolveNominals } from './nominals';
import { latinMatchKey } from './translit';
import { UnionFind } from './union-find';

/** Of several candidate mentions, the nearest before `at`, else the nearest after. */
/**
 * Mention indices by norm, each list in text order. The linking below compares distinct
 * names, not every pair of mentions: a long text repeats a few names many times, and
 * pairwise work would grow with the square of its length.
 */
function byNorm(mentions: readonly EntityMention[], indices: readonly number[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const i of indices) {
    const list = out.get(mentions[i]!.norm);
    if (list) list.push(i);
    else out.set(mentions[i]!.norm, [i]);
  }
  for (const list of out.values()) list.sort((a, b) => mentions[a]!.start - mentions[b]!.start || a - b);
  return out;
}

/** The candidate nearest before `at` (else the nearest after it) among lists sorted by start. */
function nearestIn(lists: ReadonlyArray<readonly number[]>, mentions: readonly EntityMention[], at: number): number | undefined {
  let before: number | undefined;
  let after: number | undefined;
  for (const list of lists) {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[list[mid]!]!.start <= at) lo = mid + 1;
      else hi = mid;
    }
    const b = lo > 0 ? list[lo - 1] : undefined;
    const a = lo < list.length ? list[lo] : undefined;
    if (b !== undefined && (before === undefined || mentions[b]!.start > mentions[before]!.start)) before = b;
    if (a !== undefined && (after === undefined || mentions[a]!.start < mentions[after]!.start)) after = a;
  }
  return before ?? after;
}

/**
 * The name that represents a group: most words, then Cyrillic, then longest,
 * then most frequent, then first in code order. Takes the names, or names with counts.
 */
export function representativeName(norms: readonly string[] | ReadonlyMap<string, number>): string {
  let counts: ReadonlyMap<string, number>;
  if (Array.isArray(norms)) {
    const tally = new Map<string, number>();
    for (const norm of norms as readonly string[]) tally.set(norm, (tally.get(norm) ?? 0) + 1);
    counts = tally;
  } else counts = norms as ReadonlyMap<string, number>;
  // The label is in the language most mentions use ("МВД России" stays the label after an
  // English article says "Interior Ministry of Russia"); names in the other script stay aliases.
  // A tie goes to Cyrillic: the corpus is mostly Russian, and an analyst reading it searches
  // for the Russian form.
  let cyrillicMentions = 0;
  let latinMentions = 0;
  for (const [name, count] of counts) {
    const script = scriptOf(name);
    if (script === 'cyrillic') cyrillicMentions += count;
    else if (script === 'latin') latinMentions += count;
  }
  const majority = latinMentions > cyrillicMentions ? 'latin' : 'cyrillic';
  const inMajority = [...counts.keys()].filter((name) => scriptOf(name) === majority);
  const cyrillic = (name: string) => (scriptOf(name) === 'cyrillic' ? 1 : 0);
  return (inMajority.length > 0 ? inMajority : [...counts.keys()]).sort((a, b) => {
    const words = nameWords(b).length - nameWords(a).length;
    if (words !== 0) return words;
    const script = cyrillic(b) - cyrillic(a);
    if (script !== 0) return script;
    if (a.length !== b.length) return b.length - a.length;
    const count = counts.get(b)! - counts.get(a)!;
    if (count !== 0) return count;
    return a < b ? -1 : a > b ? 1 : 0;
  })[0]!;
}

/** The script a name is written in: Cyrillic when it has any Cyrillic letter ("МВД России", "Tengrinews.kz" is Latin). */
function scriptOf(name: string): 'cyrillic' | 'latin' | undefined {
  if (/[А-Яа-яЁё]/.test(name)) return 'cyrillic';
  if (/[A-Za-z]/.test(name)) return 'latin';
  return undefined;
}

function linkPartialPersons(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  // Compared on cross-script keys, so "Tokayev" finds "Касым-Жомарт Токаев", and on the
  // folded words themselves, whose doubled letters the keys drop ("Данна" / "Данн").
  const nameOf = (norm: string) => {
    const name = personName(norm);
    return { plain: name.words, words: name.words.map(latinMatchKey), initials: name.initials.map(latinMatchKey) };
  };
  const full = [...byNorm(mentions, indices.filter((i) => personName(mentions[i]!.norm).words.length >= 2))].map(([norm, list]) => ({ name: nameOf(norm), list }));
  // Per one-word name: the full names it fits best (see fit), computed once per distinct name.
  const bestFits = new Map<string, Array<readonly number[]>>();
  const fitsOf = (norm: string): Array<readonly number[]> => {
    const known = bestFits.get(norm);
    if (known) return known;
    const name = nameOf(norm);
    const word = name.words[0]!;
    const plain = name.plain[0]!;
    // 2: the same word; 1: the same word with another ending; 0: no fit.
    const fit = (other: ReturnType<typeof nameOf>): number => {
      let at = other.words.indexOf(word);
      let quality = 2;
      if (at === -1) {
        at = other.words.findIndex((w, k) => sameNameWord(w, word) || sameNameWord(other.plain[k]!, plain) || sameSurname(other.plain[k]!, plain));
        quality = 1;
      }
      if (at === -1) return 0;
      // Initials must fit the other words, in order: "Т. Маткенов" fits "Тлеген Маткенов".
      const others = other.words.filter((_, k) => k !== at);
      return name.initials.every((initial, k) => others[k]?.startsWith(initial) ?? false) ? quality : 0;
    };
    const quality = full.map((f) => fit(f.name));
    const top = Math.max(0, ...quality);
    // "Уильямс" is Джеффри Уильямс, not the nearer Уильям Макартур.
    const fits = top === 0 ? [] : full.filter((_, k) => quality[k] === top).map((f) => f.list);
    bestFits.set(norm, fits);
    return fits;
  };
  for (const i of indices) {
    const norm = mentions[i]!.norm;
    if (personName(norm).words.length !== 1) continue;
    const chosen = nearestIn(fitsOf(norm), mentions, mentions[i]!.start);
    if (chosen !== undefined) uf.union(i, chosen);
  }
}

function linkAbbreviations(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  const long = [...byNorm(mentions, indices.filter((i) => nameWords(mentions[i]!.norm).length >= 2))];
  // Per abbreviation: the long names it abbreviates, and how many entities they were when first seen.
  const seen = new Map<string, { lists: Array<readonly number[]>; groups: number }>();
  for (const i of indices) {
    const norm = mentions[i]!.norm;
    if (nameWords(norm).length !== 1) continue;
    let fits = seen.get(norm);
    if (!fits) {
      const lists = long.filter(([l]) => isAbbreviationOf(norm, l)).map(([, list]) => list);
      fits = { lists, groups: new Set(lists.flat().map((l) => uf.find(l))).size };
      seen.set(norm, fits);
    }
    if (fits.lists.length === 0) continue;
    // An acronym written in capitals is a strong signal; a one-word mixed-case
    // abbreviation ("Минфин") too, as long as exactly one long name fits it.
    if (!isAcronym(mentions[i]!.text) && !isAcronym(norm) && fits.groups > 1) continue;
    const chosen = nearestIn(fits.lists, mentions, mentions[i]!.start);
    if (chosen !== undefined) uf.union(i, chosen);
  }
}

function linkEndingVariants(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  // One mention per distinct word; the others of the same word join it.
  const firstOf = new Map<string, number>();
  for (const i of indices) {
    if (nameWords(mentions[i]!.norm).length !== 1 || isAcronym(mentions[i]!.norm)) continue;
    const word = nameWords(mentions[i]!.norm)[0]!;
    const first = firstOf.get(word);
    if (first === undefined) firstOf.set(word, i);
    else uf.union(first, i);
  }
  // sameNameWord needs a shared start of four letters: only words in one bucket can match.
  const buckets = new Map<string, string[]>();
  for (const word of firstOf.keys()) {
    if (word.length < 4) continue;
    const bucket = buckets.get(word.slice(0, 4));
    if (bucket) bucket.push(word);
    else buckets.set(word.slice(0, 4), [word]);
  }
  for (const words of buckets.values()) {
    for (let a = 0; a < words.length; a++) {
      for (let b = a + 1; b < words.length; b++) if (sameNameWord(words[a]!, words[b]!)) uf.union(firstOf.get(words[a]!)!, firstOf.get(words[b]!)!);
    }
  }
}

const CYRILLIC = /[А-Яа-яЁё]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

/** Spelling distance of two equally long word lists: of their farthest pair of words, in order or, if closer, sorted. */
function namesDistance(a: readonly string[], b: readonly string[]): number {
  const inOrder = (x: readonly string[], y: readonly string[]) => Math.max(...x.map((w, k) => spellingDistance(w, y[k]!)));
  const sorted = (x: readonly string[]) => [...x].sort();
  return Math.min(inOrder(a, b), inOrder(sorted(a), sorted(b)));
}

/** A Latin spelling right after a Cyrillic name ("Джоэл Саймон (Joel Simon)") may be this far off. */
const APPOSITIVE_DISTANCE = 0.34;
/** Anywhere else in the text, only this far: the same name spelled by one of the usual schemes. */
const DISTANT_DISTANCE = 0.15;
/** At most this many characters (a space and a bracket, a comma) between a name and its appositive. */
const APPOSITIVE_GAP = 3;

/**
 * News gives a foreign name in Cyrillic and then, in brackets, as the person writes it:
 * one person. The Latin mention joins the Cyrillic one with as many words whose
 * transliteration is nearest (and near enough).
 */
function linkTransliterations(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  const cyrillic = [...byNorm(mentions, indices.filter((i) => CYRILLIC.test(mentions[i]!.norm)))].map(([norm, list]) => ({ words: personName(norm).words, first: list[0]! }));
  const ordered = [...indices].sort((a, b) => mentions[a]!.start - mentions[b]!.start || a - b);
  // Per Latin name: the nearest Cyrillic name anywhere in the text (strict limit), computed once.
  const distant = new Map<string, { index: number; distance: number } | undefined>();
  ordered.forEach((i, position) => {
    const latin = mentions[i]!;
    if (CYRILLIC.test(latin.norm) || !LATIN.test(latin.norm)) return;
    const words = personName(latin.norm).words;
    if (words.length === 0) return;
    if (!distant.has(latin.norm)) {
      let found: { index: number; distance: number } | undefined;
      for (const c of cyrillic) {
        if (c.words.length !== words.length) continue;
        const distance = namesDistance(words, c.words);
        if (distance <= DISTANT_DISTANCE && (found === undefined || distance < found.distance)) found = { index: c.first, distance };
      }
      distant.set(latin.norm, found);
    }
    let best = distant.get(latin.norm);
    // The appositive: the Cyrillic name right before it, with a looser limit.
    const previous = position > 0 ? ordered[position - 1]! : undefined;
    if (previous !== undefined) {
      const c = mentions[previous]!;
      const gap = latin.start - c.end;
      const other = personName(c.norm).words;
      if (CYRILLIC.test(c.norm) && gap >= 0 && gap <= APPOSITIVE_GAP && other.length === words.length) {
        const distance = namesDistance(words, other);
        if (distance <= APPOSITIVE_DISTANCE && (best === undefined || distance < best.distance)) best = { index: previous, distance };
      }
    }
    if (best !== undefined) uf.union(i, best.index);
  });
}

/** A written name part that is an initial ("А.", "А"). */
function isInitialWord(word: string): boolean {
  return /^\p{L}\.?$/u.test(word);
}

/** A name word matches a word of the best name this closely at most (one letter in three: "Епа"/"Еп"). */
const PART_DISTANCE = 0.34;

/**
 * The best name of a group of person mentions, the one its other mentions take their
 * parts from: most words, then Cyrillic, then most often written exactly as its
 * nominative (the least ambiguous reading), then most frequent, then shortest.
 */
function bestPersonName(group: readonly EntityMention[]): string {
  const stats = new Map<string, { count: number; asWritten: number }>();
  for (const m of group) {
    const s = stats.get(m.norm) ?? { count: 0, asWritten: 0 };
    s.count += 1;
    if (m.text.replace(/\s+/g, ' ').trim() === m.norm) s.asWritten += 1;
    stats.set(m.norm, s);
  }
  return [...stats.keys()].sort((a, b) => {
    const words = personName(b).words.length - personName(a).words.length;
    if (words !== 0) return words;
    const script = (CYRILLIC.test(b) ? 1 : 0) - (CYRILLIC.test(a) ? 1 : 0);
    if (script !== 0) return script;
    const written = stats.get(b)!.asWritten - stats.get(a)!.asWritten;
    if (written !== 0) return written;
    const count = stats.get(b)!.count - stats.get(a)!.count;
    if (count !== 0) return count;
    if (a.length !== b.length) return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
  })[0]!;
}

/**
 * The canonical name of one mention of a person: each part it writes (first name,
 * patronymic, surname, initial) replaced by that part of the person's best name, so
 * "А. Кудрин" -> "Алексей Кудрин", a lone "Данна" -> "Данн", "Joel Simon" -> "Джоэл
 * Саймон". Parts the best name lacks stay as the mention's own.
 */
export function personNormFromBest(norm: string, best: string): string {
  if (norm === best) return norm;
  const bestWords = best.split(' ');
  const used = new Set<number>();
  const crossScript = CYRILLIC.test(best) !== CYRILLIC.test(norm);
  const out = norm.split(' ').map((word) => {
    let chosen = -1;
    if (isInitialWord(word)) {
      const letter = nameWords(word)[0]?.replace(/\.$/, '') ?? '';
      chosen = bestWords.findIndex((w, k) => !used.has(k) && !isInitialWord(w) && w.length > 1 && w.charAt(0) === w.charAt(0).toUpperCase() && nameWords(w)[0]!.startsWith(letter));
    } else {
      const folded = nameWords(word).join(' ');
      let bestDistance = Infinity;
      bestWords.forEach((w, k) => {
        if (used.has(k) || isInitialWord(w)) return;
        const other = nameWords(w).join(' ');
        const distance = other === folded || (!crossScript && sameNameWord(other, folded)) ? 0 : spellingDistance(other, folded);
        if (distance <= PART_DISTANCE && distance < bestDistance) {
          chosen = k;
          bestDistance = distance;
        }
      });
    }
    if (chosen < 0) return word;
    used.add(chosen);
    return bestWords[chosen]!;
  });
  return out.join(' ');
}

/** Returns a copy of `result` whose mentions carry their within-document entity key. */
export function resolveWithinDocument(result: ExtractionResult): ExtractionResult {
  const mentions = result.entities;
  const uf = new UnionFind(mentions.length);
  const ownKeys = mentions.map((m) => entityKey(m.type, m.norm, m.ref, m.value));

  // A one-word person name is not joined by its key yet: "Петров" after "Александр
  // Петров" and "Петров" after "Сергей Петров" are two people.
  const shortPerson = mentions.map((m) => m.type === 'PERSON' && m.ref === undefined && personName(m.norm).words.length < 2);
  const nominal = mentions.map((m) => m.nominal === true);
  const unionByKey = (only: (i: number) => boolean) => {
    const byKey = new Map<string, number>();
    ownKeys.forEach((key, i) => {
      if (nominal[i] || !only(i)) return;
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, i);
      else uf.union(first, i);
    });
  };
  unionByKey((i) => !shortPerson[i]);

  const byType = new Map<string, number[]>();
  mentions.forEach((m, i) => {
    if (nominal[i]) return;
    const list = byType.get(m.type);
    if (list) list.push(i);
    else byType.set(m.type, [i]);
  });
  for (const [type, indices] of byType) {
    if ((FACT_ENTITY_TYPES as readonly string[]).includes(type)) continue; // facts: equal values only
    if (type === 'PERSON') {
      linkTransliterations(mentions, indices, uf);
      linkPartialPersons(mentions, indices, uf);
    }
    else {
      linkAbbreviations(mentions, indices, uf);
      linkEndingVariants(mentions, indices, uf);
    }
  }

  // One-word person names that fit no full name: equal names are one person.
  const groupSize = new Map<number, number>();
  mentions.forEach((_, i) => groupSize.set(uf.find(i), (groupSize.get(uf.find(i)) ?? 0) + 1));
  const unlinked = new Set(mentions.map((_, i) => i).filter((i) => shortPerson[i] && groupSize.get(uf.find(i)) === 1));
  unionByKey((i) => unlinked.has(i));

  // Nominal mentions join the named entity they stand for; the others are dropped below.
  const dropped = new Set<number>();
  for (const [n, antecedent] of resolveNominals(result, (i) => uf.find(i))) {
    if (antecedent === undefined) dropped.add(n);
    else uf.union(antecedent, n);
  }

  const members = new Map<number, number[]>();
  mentions.forEach((_, i) => {
    if (nominal[i]) return;
    const root = uf.find(i);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  });
  const keyOf = new Map<number, string>();
  const personNorm = new Map<number, string>();
  for (const [root, group] of members) {
    const first = mentions[group[0]!]!;
    const ref = group.map((i) => mentions[i]!.ref).find((r) => r !== undefined);
    const name = representativeName(group.map((i) => mentions[i]!.norm));
    const value = group.map((i) => mentions[i]!.value).find((v) => v !== undefined);
    keyOf.set(root, entityKey(first.type, name, ref, value));
    if (first.type === 'PERSON' && group.length > 1) {
      const best = bestPersonName(group.map((i) => mentions[i]!));
      for (const i of group) personNorm.set(i, personNormFromBest(mentions[i]!.norm, best));
    }
  }
  const entities = mentions.map((m, i) => ({ ...m, norm: personNorm.get(i) ?? m.norm, entity: keyOf.get(uf.find(i))! }));
  if (dropped.size === 0) return { ...result, entities };
  const newIndex = new Map<number, number>();
  const kept: EntityMention[] = [];
  entities.forEach((m, i) => {
    if (dropped.has(i)) return;
    newIndex.set(i, kept.length);
    kept.push(m);
  });
  const relations = result.relations.flatMap((r) => {
    const source = newIndex.get(r.source);
    const target = newIndex.get(r.target);
    return source === undefined || target === undefined ? [] : [{ ...r, source, target }];
  });
  // Events keep pointing at the same mentions (src/extract/events/core.ts: an argument whose
  // mention was dropped goes, unless it is a group as written).
  const events = remapEvents(result.events, (old) => newIndex.get(old));
  return { ...result, entities: kept, relations, ...(events ? { events } : {}) };
}
