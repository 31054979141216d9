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
 * A person's mentions then take their canonical parts from the group's best name
 * (see `personCanonicalNorms`): "А. Кудрин" after "Алексей Кудрин" is "Алексей
 * Кудрин", "Joel Simon" after "Джоэл Саймон" is "Джоэл Саймон".
 */
import type { EntityMention, ExtractionResult } from '../model/extraction';
import { FACT_ENTITY_TYPES } from '../model/vocabulary';
import { entityKey } from './keys';
import { isAbbreviationOf, isAcronym, nameWords, personName, sameNameWord, sameSurname, spellingDistance } from './names';
import { latinMatchKey } from './translit';
import { UnionFind } from './union-find';

/** Of several candidate mentions, the nearest before `at`, else the nearest after. */
function nearest(candidates: number[], mentions: readonly EntityMention[], at: number): number | undefined {
  let before: number | undefined;
  let after: number | undefined;
  for (const c of candidates) {
    const start = mentions[c]!.start;
    if (start <= at) {
      if (before === undefined || start > mentions[before]!.start) before = c;
    } else if (after === undefined || start < mentions[after]!.start) after = c;
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
  // Cyrillic first among equally full names: the corpus is mostly Russian, and an
  // analyst reading it searches for the Russian form.
  const cyrillic = (name: string) => (/[А-Яа-яЁё]/.test(name) ? 1 : 0);
  return [...counts.keys()].sort((a, b) => {
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

function linkPartialPersons(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  // Compared on cross-script keys, so "Tokayev" finds "Касым-Жомарт Токаев", and on the
  // folded words themselves, whose doubled letters the keys drop ("Данна" / "Данн").
  const names = new Map(
    indices.map((i) => {
      const name = personName(mentions[i]!.norm);
      return [i, { plain: name.words, words: name.words.map(latinMatchKey), initials: name.initials.map(latinMatchKey) }];
    }),
  );
  const full = indices.filter((i) => names.get(i)!.words.length >= 2);
  for (const i of indices) {
    const name = names.get(i)!;
    if (name.words.length !== 1) continue;
    const word = name.words[0]!;
    const plain = name.plain[0]!;
    // 2: the same word; 1: the same word with another ending; 0: no fit.
    const fit = (f: number): number => {
      const other = names.get(f)!;
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
    const quality = new Map(full.map((f) => [f, fit(f)]));
    const top = Math.max(0, ...quality.values());
    if (top === 0) continue;
    // "Уильямс" is Джеффри Уильямс, not the nearer Уильям Макартур.
    const chosen = nearest(full.filter((f) => quality.get(f) === top), mentions, mentions[i]!.start);
    if (chosen !== undefined) uf.union(i, chosen);
  }
}

function linkAbbreviations(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  const long = indices.filter((i) => nameWords(mentions[i]!.norm).length >= 2);
  for (const i of indices) {
    const norm = mentions[i]!.norm;
    if (nameWords(norm).length !== 1) continue;
    const abbreviated = long.filter((l) => isAbbreviationOf(norm, mentions[l]!.norm));
    if (abbreviated.length === 0) continue;
    // An acronym written in capitals is a strong signal; a one-word mixed-case
    // abbreviation ("Минфин") too, as long as exactly one long name fits it.
    const groups = new Set(abbreviated.map((l) => uf.find(l)));
    if (!isAcronym(mentions[i]!.text) && !isAcronym(norm) && groups.size > 1) continue;
    const chosen = nearest(abbreviated, mentions, mentions[i]!.start);
    if (chosen !== undefined) uf.union(i, chosen);
  }
}

function linkEndingVariants(mentions: readonly EntityMention[], indices: number[], uf: UnionFind): void {
  const single = indices.filter((i) => nameWords(mentions[i]!.norm).length === 1 && !isAcronym(mentions[i]!.norm));
  for (let a = 0; a < single.length; a++) {
    for (let b = a + 1; b < single.length; b++) {
      const x = nameWords(mentions[single[a]!]!.norm)[0]!;
      const y = nameWords(mentions[single[b]!]!.norm)[0]!;
      if (sameNameWord(x, y)) uf.union(single[a]!, single[b]!);
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
  const cyrillic = indices.filter((i) => CYRILLIC.test(mentions[i]!.norm));
  for (const i of indices) {
    const latin = mentions[i]!;
    if (CYRILLIC.test(latin.norm) || !LATIN.test(latin.norm)) continue;
    const words = personName(latin.norm).words;
    if (words.length === 0) continue;
    let best: number | undefined;
    let bestDistance = Infinity;
    for (const c of cyrillic) {
      const other = personName(mentions[c]!.norm).words;
      if (other.length !== words.length) continue;
      const gap = latin.start - mentions[c]!.end;
      const limit = gap >= 0 && gap <= APPOSITIVE_GAP ? APPOSITIVE_DISTANCE : DISTANT_DISTANCE;
      const distance = namesDistance(words, other);
      if (distance <= limit && distance < bestDistance) {
        best = c;
        bestDistance = distance;
      }
    }
    if (best !== undefined) uf.union(i, best);
  }
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
  const unionByKey = (only: (i: number) => boolean) => {
    const byKey = new Map<string, number>();
    ownKeys.forEach((key, i) => {
      if (!only(i)) return;
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, i);
      else uf.union(first, i);
    });
  };
  unionByKey((i) => !shortPerson[i]);

  const byType = new Map<string, number[]>();
  mentions.forEach((m, i) => byType.set(m.type, [...(byType.get(m.type) ?? []), i]));
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

  const members = new Map<number, number[]>();
  mentions.forEach((_, i) => members.set(uf.find(i), [...(members.get(uf.find(i)) ?? []), i]));
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
  return {
    ...result,
    entities: mentions.map((m, i) => ({ ...m, norm: personNorm.get(i) ?? m.norm, entity: keyOf.get(uf.find(i))! })),
  };
}
