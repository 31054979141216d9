/**
 * Entity keys: the stable, readable ids of entities ("person:matkenov-tlegen",
 * "organization:mvd", "drug:heroin"). One function, used both for the
 * within-article `entity` field and for graph node ids, so an entity keeps its id
 * from `kg extract` to the graph unless cross-article resolution merges it.
 */
import type { EntityType } from '../model/vocabulary';
import { nameKey, orgCoreWords } from './names';

/**
 * `type:key`, the key being the cross-script name key (Токаев and Tokayev give
 * the same), with a person's words sorted ("Маткенов Тлеген" = "Тлеген Маткенов")
 * and an organisation's legal form dropped. A lexicon reference wins over the
 * name: "героин" and "heroin" are both "drug:heroin".
 */
export function entityKey(type: EntityType, norm: string, ref?: string): string {
  const cacheKey = `${type}\u0000${norm}\u0000${ref ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const key = computeEntityKey(type, norm, ref);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, key);
  return key;
}

/** Names repeat across articles: remember recent keys (cleared when it grows large). */
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

function computeEntityKey(type: EntityType, norm: string, ref?: string): string {
  const prefix = type.toLowerCase();
  // Lexicon refs carry their own short prefixes ("loc:kazakhstan", "org:mvd@loc:russia"):
  // keep the names and the scope, drop the prefixes ("organization:mvd@russia").
  if (ref) return `${prefix}:${ref.replace(/^[a-z_]+:/, '').replace(/@[a-z_]+:/g, '@')}`;
  const name = type === 'ORGANIZATION' ? orgCoreWords(norm).join(' ') : norm;
  const key = nameKey(name, { sortWords: type === 'PERSON' });
  return `${prefix}:${key || encodeURIComponent(norm.trim()) || '_'}`;
}
