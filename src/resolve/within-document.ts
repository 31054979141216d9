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
 *  - for non-persons, one-word names that differ only by an ending the
 *    normaliser missed ("Казахстана" / "Казахстан").
 * Each group takes the key of its fullest name (see keys.ts).
 */
import type { EntityMention, ExtractionResult } from '../model/extraction';
import { FACT_ENTITY_TYPES } from '../model/vocabulary';
import { entityKey } from './keys';
import { isAbbreviationOf, isAcronym, nameWords, personName, sameNameWord } from './names';
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
  // Compared on cross-script keys, so "Tokayev" finds "Касым-Жомарт Токаев".
  const names = new Map(
    indices.map((i) => {
      const name = personName(mentions[i]!.norm);
      return [i, { words: name.words.map(latinMatchKey), initials: name.initials.map(latinMatchKey) }];
    }),
  );
  const full = indices.filter((i) => names.get(i)!.words.length >= 2);
  for (const i of indices) {
    const name = names.get(i)!;
    if (name.words.length !== 1) continue;
    const word = name.words[0]!;
    const candidates = full.filter((f) => {
      const words = names.get(f)!.words;
      const at = words.findIndex((w) => sameNameWord(w, word));
      if (at === -1) return false;
      // Initials must fit the other words, in order: "Т. Маткенов" fits "Тлеген Маткенов".
      const others = words.filter((_, k) => k !== at);
      return name.initials.every((initial, k) => others[k]?.startsWith(initial) ?? false);
    });
    const chosen = nearest(candidates, mentions, mentions[i]!.start);
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
    if (type === 'PERSON') linkPartialPersons(mentions, indices, uf);
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
  for (const [root, group] of members) {
    const first = mentions[group[0]!]!;
    const ref = group.map((i) => mentions[i]!.ref).find((r) => r !== undefined);
    const name = representativeName(group.map((i) => mentions[i]!.norm));
    const value = group.map((i) => mentions[i]!.value).find((v) => v !== undefined);
    keyOf.set(root, entityKey(first.type, name, ref, value));
  }
  return {
    ...result,
    entities: mentions.map((m, i) => ({ ...m, entity: keyOf.get(uf.find(i))! })),
  };
}
