/**
 * Lexicons (gazetteers) as data: graph-data/lexicons/<name>.json, format "kg-lexicon" v1.
 *
 * ```json
 * { "format": "kg-lexicon", "version": 1, "lang": "ru", "kind": "drug", "type": "DRUG",
 *   "entries": [ { "id": "drug:heroin", "subtype": "opioid", "name": "героин", "forms": ["героин"] } ] }
 * ```
 *
 * - `id` is `<kind>:<latin-slug>`, the same in every language's lexicon (graph-data/lexicons/en/
 *   uses the same ids), and becomes `ref` on matched mentions, so "героин" and "heroin" meet.
 * - `name` is the canonical form in the lexicon's language (the mention's `norm`).
 * - `forms` are phrases written in dictionary form. Russian forms match any inflection: each word
 *   of the text matches a form word when they share a lemma under the morphology (so
 *   "синтетических наркотиков" matches "синтетический наркотик"); no word-form lists.
 * - A form word written in capitals ("МВД") matches only text in capitals; a capitalised
 *   form word ("Казахстан") only capitalised text. Lower-case form words match any case.
 * - `generic: true` marks a kind rather than one individual (ОПГ: some criminal group).
 * - `category: true` marks a class word ("наркотики", "сайт", "QR-код"): one node across
 *   articles, but its mentions are `generic` and so is the node, which the explorer hides by
 *   default and paths avoid, since a class word links everything to everything.
 * - `adjectives` (places) are the adjectives derived from the name, in dictionary form
 *   ("российский"). They are not mentions of the place, but they say which place a title
 *   refers to: "российский президент X" holds a position in Россия.
 * - `type` is the entity type for entity lexicons; helper lexicons (positions, organisation
 *   head nouns, place head nouns) have none.
 */
import type { EntityType } from '../model/vocabulary';
import { isEntityType } from '../model/vocabulary';
import type { ExtractorResources } from './resources';

export interface LexiconEntry {
  id: string;
  subtype?: string;
  name: string;
  forms: string[];
  generic?: boolean;
  category?: boolean;
  adjectives?: string[];
}

export interface LexiconFile {
  format: 'kg-lexicon';
  version: 1;
  lang: string;
  kind: string;
  type?: EntityType;
  entries: LexiconEntry[];
}

/** The Russian lexicon files the extractor loads (names under "lexicons/"). */
export const RU_LEXICON_FILES = ['drugs', 'channels', 'organizations', 'locations', 'positions', 'org-heads', 'place-heads'] as const;
export type RuLexiconName = (typeof RU_LEXICON_FILES)[number];

function fail(name: string, where: string, what: string): never {
  throw new Error(`lexicon: ${name}: ${where}: ${what}`);
}

/** Validates a parsed lexicon file; the error names the file and the entry. */
export function parseLexicon(name: string, data: unknown): LexiconFile {
  if (typeof data !== 'object' || data === null) fail(name, 'top level', 'not an object');
  const d = data as Record<string, unknown>;
  if (d.format !== 'kg-lexicon') fail(name, 'format', `expected "kg-lexicon", got ${JSON.stringify(d.format)}`);
  if (d.version !== 1) fail(name, 'version', `expected 1, got ${JSON.stringify(d.version)}`);
  if (typeof d.lang !== 'string') fail(name, 'lang', 'missing');
  if (typeof d.kind !== 'string') fail(name, 'kind', 'missing');
  if (d.type !== undefined && !isEntityType(d.type)) fail(name, 'type', `unknown entity type ${JSON.stringify(d.type)}`);
  if (!Array.isArray(d.entries)) fail(name, 'entries', 'not an array');
  const seen = new Set<string>();
  const entries = d.entries.map((e: unknown, i: number): LexiconEntry => {
    const where = `entries[${i}]`;
    if (typeof e !== 'object' || e === null) fail(name, where, 'not an object');
    const r = e as Record<string, unknown>;
    if (typeof r.id !== 'string' || !/^[a-z-]+:\S+$/.test(r.id)) fail(name, where, `bad id ${JSON.stringify(r.id)}`);
    if (seen.has(r.id)) fail(name, where, `duplicate id ${r.id}`);
    seen.add(r.id);
    if (typeof r.name !== 'string' || r.name.trim() === '') fail(name, where, 'missing name');
    if (!Array.isArray(r.forms) || r.forms.length === 0 || !r.forms.every((f) => typeof f === 'string' && f.trim() !== ''))
      fail(name, where, 'forms must be a non-empty array of strings');
    if (r.subtype !== undefined && typeof r.subtype !== 'string') fail(name, where, 'subtype must be a string');
    if (r.category !== undefined && typeof r.category !== 'boolean') fail(name, where, 'category must be true or false');
    if (r.adjectives !== undefined && !(Array.isArray(r.adjectives) && r.adjectives.every((a) => typeof a === 'string' && a.trim() !== '')))
      fail(name, where, 'adjectives must be an array of non-empty strings');
    return {
      id: r.id,
      name: r.name,
      forms: r.forms as string[],
      ...(typeof r.subtype === 'string' ? { subtype: r.subtype } : {}),
      ...(r.generic === true ? { generic: true } : {}),
      ...(r.category === true ? { category: true } : {}),
      ...(Array.isArray(r.adjectives) ? { adjectives: r.adjectives as string[] } : {}),
    };
  });
  return {
    format: 'kg-lexicon',
    version: 1,
    lang: d.lang,
    kind: d.kind,
    ...(d.type !== undefined ? { type: d.type as EntityType } : {}),
    entries,
  };
}

export async function loadLexicon(resources: ExtractorResources, name: string): Promise<LexiconFile> {
  let data: unknown;
  try {
    data = await resources.load(`lexicons/${name}.json`, 'json');
  } catch (err) {
    throw new Error(`lexicon: cannot load lexicons/${name}.json: ${(err as Error).message}`);
  }
  return parseLexicon(name, data);
}
