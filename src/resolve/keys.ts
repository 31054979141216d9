/**
 * Entity keys: the stable, readable ids of entities ("person:matkenov-tlegen",
 * "organization:mvd", "drug:heroin"). One function, used both for the
 * within-article `entity` field and for graph node ids, so an entity keeps its id
 * from `kg extract` to the graph unless cross-article resolution merges it.
 */
import type { FactValue } from '../model/extraction';
import type { EntityType } from '../model/vocabulary';
import { nameKey, orgCoreWords } from './names';

/**
 * `type:key`, the key being the cross-script name key (Токаев and Tokayev give
 * the same), with a person's words sorted ("Маткенов Тлеген" = "Тлеген Маткенов")
 * and an organisation's legal form dropped. A lexicon reference wins over the
 * name: "героин" and "heroin" are both "drug:heroin".
 */
export function entityKey(type: EntityType, norm: string, ref?: string, value?: FactValue): string {
  // A MONEY / QUANTITY / DATE mention is its parsed value: "1 400 абонентов" and
  // "1400 абонентов" are one fact, and the number is kept exactly as a number.
  if (value !== undefined) {
    const key = factValueKey(value);
    if (key !== undefined) return `${type.toLowerCase()}:${key}`;
  }
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

const COMPARATOR_WORDS: Readonly<Record<string, string>> = { '>': 'over-', '<': 'under-', '~': 'about-' };

/** The key part of a parsed fact value ("1400-abonent", "80000000-kzt", "2019-11-01", "10-month-2019"). */
export function factValueKey(value: FactValue): string | undefined {
  const unitKey = (unit: string) => nameKey(unit) || encodeURIComponent(unit.trim().toLowerCase());
  switch (value.kind) {
    case 'money':
    case 'quantity': {
      if (!Number.isFinite(value.amount)) return undefined;
      const unit = value.kind === 'money' ? value.currency : value.unit;
      return `${COMPARATOR_WORDS[value.comparator ?? ''] ?? ''}${String(value.amount)}-${unitKey(unit)}`;
    }
    case 'date': {
      if (value.date) return value.date;
      const p = value.period;
      if (p && Number.isFinite(p.amount)) return `${String(p.amount)}-${unitKey(p.unit)}${p.year !== undefined ? `-${String(p.year)}` : ''}`;
      return undefined;
    }
    default:
      return undefined;
  }
}
