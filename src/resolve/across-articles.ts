/**
 * Cross-article resolution: which existing graph node (if any) an article's
 * entity is. Everything is decided on "match keys" computed from an entity's
 * canonical names, so the graph keeps an index from key to nodes and a new
 * article costs lookups proportional to its own entities.
 *
 * Keys (all carry the entity type, and the scope, see below):
 *  - strong `n:` the name key of every canonical name (cross-script, folded);
 *  - weak `a:` the initials of a multi-word organisation / place name, or an acronym itself;
 *  - weak `w:` / `s:` each word of a person's full name / a one-word person name.
 * A strong key merges unless the two entities have different full names; a weak
 * key merges a short name into a full name only when exactly one full name fits,
 * and otherwise records the candidates as `possibleSameAs`.
 *
 * Scope: an agency named without its country ("МВД", "Министерство финансов")
 * means the agency of the country the article is about, so its id gets
 * "@<country key>"; a generic common-noun group ("организованная преступная
 * группа", "ОПГ" for a criminal group) is not one real-world entity across
 * articles, so it is scoped to its article ("@a<article id>").
 */
import type { EntityMention } from '../model/extraction';
import type { EntityType } from '../model/vocabulary';
import { entityKey } from './keys';
import { foldName, initials, isAcronym, nameWords, orgCoreWords, personName, sameNameWord } from './names';
import { latinMatchKey } from './translit';

/** The names of an entity (a node's or an article group's), as the resolver sees them. */
export interface EntityProfile {
  type: EntityType;
  norms: Iterable<string>;
  /** "" or "@..." (see scope rules above). */
  scope: string;
  ref?: string;
}

export function scopeOf(id: string): string {
  const at = id.indexOf('@');
  return at === -1 ? '' : id.slice(at);
}

/** Whether a name only abbreviates or shortens (a one-word person name, initials, an acronym). */
export function isShortName(type: EntityType, norm: string): boolean {
  if (type === 'PERSON') return personName(norm).words.length < 2;
  return isAcronym(norm);
}

/** Name keys of the entity's full (not short) names: two entities with disjoint sets are different. */
export function fullNameKeys(profile: EntityProfile): Set<string> {
  const keys = new Set<string>();
  for (const norm of profile.norms) if (!isShortName(profile.type, norm)) keys.add(entityKey(profile.type, norm));
  return keys;
}

export interface MatchKeys {
  strong: string[];
  weak: string[];
  /** Keys under which this entity is found by others' weak lookups. */
  indexed: string[];
}

function acronymKey(type: EntityType, norm: string): string | undefined {
  if (isAcronym(norm)) return foldName(norm).replace(/[\s.-]/g, '');
  const words = type === 'ORGANIZATION' ? orgCoreWords(norm) : nameWords(norm);
  if (words.length < 2) return undefined;
  const letters = initials(norm);
  return letters.length >= 2 ? letters : undefined;
}

export function matchKeys(profile: EntityProfile): MatchKeys {
  const { type, scope } = profile;
  const strong = new Set<string>();
  const weak = new Set<string>();
  const indexed = new Set<string>();
  if (profile.ref) strong.add(`n:${entityKey(type, '', profile.ref)}${scope}`);
  for (const norm of profile.norms) {
    strong.add(`n:${entityKey(type, norm)}${scope}`);
    if (type === 'PERSON') {
      const words = personName(norm).words.map(latinMatchKey);
      if (words.length >= 2) {
        for (const w of words) {
          indexed.add(`w:${type}:${w}`);
          weak.add(`s:${type}:${w}`);
        }
      } else if (words.length === 1) {
        indexed.add(`s:${type}:${words[0]!}`);
        weak.add(`w:${type}:${words[0]!}`);
      }
    } else {
      const acronym = acronymKey(type, norm);
      if (acronym) {
        indexed.add(`a:${type}:${acronym}${scope}`);
        weak.add(`a:${type}:${acronym}${scope}`);
      }
    }
  }
  for (const key of strong) indexed.add(key);
  return { strong: [...strong], weak: [...weak], indexed: [...indexed] };
}

/** Two entities may be one unless both have full names and none is shared. */
export function compatible(a: Set<string>, b: Set<string>): boolean {
  if (a.size === 0 || b.size === 0) return true;
  for (const key of a) if (b.has(key)) return true;
  return false;
}

/**
 * Ranks candidate node ids: full names before short ones, more words, longer,
 * then code-point order. Merged nodes take the best id, so the id of an entity
 * does not depend on the order its articles were added in.
 */
export function compareIds(a: { id: string; short: boolean }, b: { id: string; short: boolean }): number {
  if (a.short !== b.short) return a.short ? 1 : -1;
  const words = (id: string) => id.slice(id.indexOf(':') + 1).split('@')[0]!.split('-').length;
  if (words(a.id) !== words(b.id)) return words(b.id) - words(a.id);
  if (a.id.length !== b.id.length) return b.id.length - a.id.length;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// --- Scope -----------------------------------------------------------------------

/** Words that open the name of a state body ("Министерство ...", "Department of ..."). */
const STATE_BODY_WORDS = new Set([
  'министерство', 'мин', 'департамент', 'управление', 'комитет', 'служба', 'агентство', 'полиция',
  'прокуратура', 'генпрокуратура', 'минфин', 'минюст', 'минздрав', 'минобороны', 'погранслужба',
  'ministry', 'department', 'committee', 'agency', 'service', 'police', 'prosecutor', "prosecutor's",
]);

export interface ArticleScope {
  articleId: string;
  /** Name key of the country the article is about, if any ("kazahstan"). */
  country?: string;
  /** Cross-script keys of every word of every place named in the article. */
  placeWords: Set<string>;
}

/**
 * The article's country: the most mentioned place typed as a country (or, when
 * the extractor gives no subtypes, the most mentioned place); ties go to the
 * first mentioned.
 */
export function articleScope(articleId: string, mentions: readonly EntityMention[]): ArticleScope {
  const placeWords = new Set<string>();
  const counts = new Map<string, { count: number; first: number; country: boolean }>();
  for (const m of mentions) {
    if (m.type !== 'LOCATION') continue;
    for (const w of [...nameWords(m.norm), ...nameWords(m.text)]) placeWords.add(latinMatchKey(w));
    const key = (m.entity ?? entityKey('LOCATION', m.norm, m.ref)).replace(/^location:/, '');
    const entry = counts.get(key) ?? { count: 0, first: m.start, country: false };
    entry.count++;
    entry.first = Math.min(entry.first, m.start);
    entry.country ||= m.subtype?.includes('country') ?? false;
    counts.set(key, entry);
  }
  const ranked = [...counts.entries()].sort(([, a], [, b]) =>
    a.country !== b.country ? (a.country ? -1 : 1) : b.count - a.count || a.first - b.first,
  );
  const scope: ArticleScope = { articleId, placeWords };
  if (ranked[0]) scope.country = ranked[0][0];
  return scope;
}

function isStateBody(subtype: string | undefined, norms: readonly string[]): boolean {
  if (subtype && /government|agency|ministry|police|law_enforcement|court|state/i.test(subtype)) return true;
  return norms.some((n) => !isAcronym(n) && STATE_BODY_WORDS.has(nameWords(n)[0] ?? ''));
}

/** A domain name ("example.org", "lenta.ru"): a proper name, though written in lower case. */
const DOMAIN_NAME = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;

/** A common-noun name ("организованная преступная группа"), not a proper name. */
function isGeneric(subtype: string | undefined, norms: readonly string[]): boolean {
  const lowerCase = (n: string) => !/\p{Lu}/u.test(n) && !DOMAIN_NAME.test(n);
  if (norms.every(lowerCase)) return true;
  return (subtype?.includes('criminal') ?? false) && norms.every((n) => lowerCase(n) || isAcronym(n));
}

/**
 * Whether the name itself says whose body it is: one of its words names a place
 * of the article ("Kazakhstan police", "МВД Казахстана"), or a later word is a
 * capitalised Russian word, i.e. a proper name ("МВД России", "Министерство
 * финансов Республики Казахстан"). English capitalises every word of a name
 * ("Interior Ministry"), so there only places count.
 */
function namesItsOwner(norms: readonly string[], placeWords: Set<string>): boolean {
  return norms.some((n) => {
    const later = n.split(/[\s,]+/).slice(1).map((w) => w.replace(/^[«"„“]/, ''));
    if (later.some((w) => /^[А-ЯЁ][а-яё]/.test(w))) return true;
    return nameWords(n).some((w) => !STATE_BODY_WORDS.has(w) && [...placeWords].some((p) => sameNameWord(latinMatchKey(w), p)));
  });
}

/** The scope suffix for an article's entity (see the module comment). */
export function scopeFor(type: EntityType, subtype: string | undefined, norms: readonly string[], scope: ArticleScope): string {
  if (type !== 'ORGANIZATION') return '';
  if (isGeneric(subtype, norms)) return `@a${scope.articleId}`;
  if (scope.country && isStateBody(subtype, norms) && !namesItsOwner(norms, scope.placeWords)) return `@${scope.country}`;
  return '';
}
