/**
 * Adjectives of the lexicon's towns and regions, derived from their names by the regular
 * Russian word-formation patterns rather than listed: "Шымкент" -> "шымкентский", "Алматы" ->
 * "алматинский", "Москва" -> "московский", "Омск" -> "омский", "Казань" -> "казанский",
 * "Туркестанская область" -> "туркестанский" (the region's own adjective). Countries list their
 * adjectives in the lexicon (they are irregular: "Франция" -> "французский") and are left out.
 *
 * An adjective two places derive (the town "Уральск" and the region "Урал" both give
 * "уральский") names neither.
 */
import type { LexiconEntry } from '../lexicon';
import { foldYo } from './analysis';

const VOWELS = 'аяыиоеуэю';
/** Heads of region names formed with an adjective ("Туркестанская область", "Краснодарский край"). */
const REGION_HEADS = new Set(['область', 'край', 'округ', 'район', 'республика']);

/** The adjectives (masculine nominative, lower case) a town's name regularly forms. */
export function townAdjectives(name: string): string[] {
  const w = foldYo(name.toLowerCase());
  // A name that is itself an adjective ("Грозный") forms its adjective otherwise.
  if (!/^[а-я-]+$/.test(w) || w.length < 3 || /(ый|ий|ой)$/.test(w)) return [];
  const last = w[w.length - 1]!;
  // "Омск" -> "омский", "Донецк" -> "донецкий", "Уральск" -> "уральский".
  if (/[сц]к$/.test(w)) return [`${w}ий`];
  // "Казань" -> "казанский", "Тюмень" -> "тюменский"; but "Севастополь" -> "севастопольский".
  if (last === 'ь') return [w.endsWith('ль') ? `${w}ский` : `${w.slice(0, -1)}ский`];
  // "Барнаул" -> "барнаульский", "Стамбул" -> "стамбульский".
  if (last === 'л') return [`${w}ьский`];
  if (VOWELS.includes(last)) {
    const stem = w.slice(0, -1);
    // "Самара" -> "самарский"; "Алматы", "Караганда", "Астана", "Кызылорда", "Баку" -> "-инский";
    // "Одесса" -> "одесский"; "Москва" -> "московский" (a vowel before the final "в").
    const out = [`${stem}ский`, `${stem}инский`];
    if (stem.endsWith('с')) out.push(`${stem}кий`);
    if (/[бвгджзклмнпрстфхцчшщ]в$/.test(stem)) out.push(`${stem.slice(0, -1)}овский`);
    return out;
  }
  // "Шымкент" -> "шымкентский", "Туркестан" -> "туркестанский", "Бишкек" -> "бишкекский".
  return [`${w}ский`];
}

/** The region's adjective when its name is "<adjective> <head>": "Туркестанская область" -> "туркестанский". */
export function regionAdjective(name: string): string | undefined {
  const [first, head, ...rest] = foldYo(name.toLowerCase()).split(/\s+/);
  if (!first || !head || rest.length > 0 || !REGION_HEADS.has(head)) return undefined;
  const m = /^([а-я-]+)(ая|ий|ое|ой)$/.exec(first);
  if (!m) return undefined;
  return `${m[1]}${m[1]!.endsWith('ск') || m[1]!.endsWith('цк') || /[гкхжшчщ]$/.test(m[1]!) ? 'ий' : 'ый'}`;
}

export interface PlaceAdjectives {
  /** Adjective lemma -> the town (or one-word region) it names ("шымкентский" -> "loc:shymkent"). */
  towns: ReadonlyMap<string, string>;
  /** Adjective lemma -> the region named "<adjective> область/край" ("туркестанский" -> "loc:turkestan-region"). */
  regions: ReadonlyMap<string, string>;
  /** Place id -> canonical name. */
  names: ReadonlyMap<string, string>;
  /** Place id -> its lexicon subtype ("city", "region"). */
  subtypes: ReadonlyMap<string, string>;
}

/** Derived adjectives of the lexicon's towns and regions (see the module comment). */
export function derivePlaceAdjectives(entries: readonly LexiconEntry[]): PlaceAdjectives {
  const towns = new Map<string, string | null>();
  const regions = new Map<string, string | null>();
  const names = new Map<string, string>();
  const subtypes = new Map<string, string>();
  const add = (map: Map<string, string | null>, adjective: string, id: string) => {
    const had = map.get(adjective);
    map.set(adjective, had === undefined || had === id ? id : null);
  };
  for (const e of entries) {
    if (e.subtype === 'city' || e.subtype === 'region') subtypes.set(e.id, e.subtype);
    if (e.subtype === 'city') {
      names.set(e.id, e.name);
      for (const form of e.forms) if (!/\s/.test(form) && !/^\p{Lu}+$/u.test(form)) for (const a of townAdjectives(form)) add(towns, a, e.id);
    } else if (e.subtype === 'region') {
      names.set(e.id, e.name);
      for (const form of e.forms) {
        const a = /\s/.test(form) ? regionAdjective(form) : undefined;
        if (a) add(regions, a, e.id);
        else if (!/\s/.test(form) && !/^\p{Lu}+$/u.test(form)) for (const t of townAdjectives(form)) add(towns, t, e.id);
      }
    }
  }
  const clean = (m: Map<string, string | null>) => new Map([...m].filter((x): x is [string, string] => x[1] !== null));
  return { towns: clean(towns), regions: clean(regions), names, subtypes };
}
