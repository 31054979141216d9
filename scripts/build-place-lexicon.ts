/**
 * Completes the place lexicons (graph-data/lexicons/locations.json and en/locations.json)
 * with every country and territory of ISO 3166-1 and the world regions of Unicode CLDR,
 * in Russian and English, so that a country nobody wrote down by hand ("Коста-Рика",
 * "Новая Зеландия", "Центральная Америка") is still a place:
 *
 *   npx tsx scripts/build-place-lexicon.ts          # rewrite both files
 *   npx tsx scripts/build-place-lexicon.ts --check  # exit 1 when they are not up to date
 *
 * Sources (devDependencies, pinned): i18n-iso-countries (MIT; ru/en names with aliases)
 * and cldr-localenames-full (Unicode-3.0; ru/en territory names incl. regions and short
 * variants). Hand-written entries stay as they are (ids, adjectives, cities, regions);
 * a country that already has an entry only gains the forms it lacks, so ids never change.
 *
 * A one-word Russian name that the dictionary mostly knows as a common word is left out
 * ("Того" is also the pronoun "того", "Чад" the noun "чад"): the gazetteer matches by
 * lemma and capital letter, and a sentence-initial pronoun would become a country.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMorphology, type Morphology } from '../src/extract/ru/morph';
import type { LexiconEntry, LexiconFile } from '../src/extract/lexicon';
import { writeFileAtomic } from '../src/graph/file-io';
import { nodeResources, PROJECT_ROOT } from '../src/node/resources';

const require = createRequire(import.meta.url);
const { values: args } = parseArgs({ options: { check: { type: 'boolean', default: false } } });

type Names = Record<string, string | string[]>;
const isoNames = (lang: string): Names => (require(`i18n-iso-countries/langs/${lang}.json`) as { countries: Names }).countries;
const cldrTerritories = (lang: string): Record<string, string> =>
  (require(`cldr-localenames-full/main/${lang}/territories.json`) as { main: Record<string, { localeDisplayNames: { territories: Record<string, string> } }> })
    .main[lang]!.localeDisplayNames.territories;

/** CLDR codes that are not places: the world, unions, "unknown region", pseudo-locales. */
const NOT_PLACES = new Set(['001', 'EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB', '021']);

/** "КНДР (Корейская Народно-Демократическая Республика)" -> both names; CLDR's abbreviated variants dropped. */
function cleanForms(raw: string): string[] {
  const out: string[] = [];
  const paren = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(raw);
  const parts = paren ? [paren[1]!, paren[2]!] : [raw];
  for (const part of parts) {
    const form = part.trim();
    if (!form || /(?:^|\s)(?:о-в|о-ва|Св\.|САР)(?=\s|$)|\s-\s|,/u.test(form)) continue;
    if (!/^\p{Lu}/u.test(form) && !/^[A-Z]/.test(form)) continue;
    if (paren && part === paren[2] && /^(США|Великобритания|UK|US|Britain|SAR|China)$/u.test(form)) continue; // "(США)" is the owner, not a name
    out.push(form);
    // News writes "Коста Рика" as often as "Коста-Рика".
    if (/^\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+$/u.test(form)) out.push(form.replace('-', ' '));
  }
  return out;
}

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');

function namesFor(code: string, iso: Names, cldr: Record<string, string>): string[] {
  const raw = [iso[code] ?? [], cldr[code] ?? [], cldr[`${code}-alt-short`] ?? [], cldr[`${code}-alt-variant`] ?? []].flat();
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of raw) for (const f of cleanForms(r)) if (!seen.has(fold(f))) (seen.add(fold(f)), out.push(f));
  return out;
}

/** A one-word form the dictionary mostly reads as a common (non-place) word. */
function ambiguousRussian(form: string, morph: Morphology): boolean {
  if (/\s/.test(form) || /^\p{Lu}{2,}$/u.test(form)) return false;
  let common = 0;
  let place = 0;
  for (const p of morph.parse(form)) {
    if (!p.known) continue;
    if (p.tags.has('Geox') || p.tags.has('Name') || p.tags.has('Surn')) place += p.score;
    else common += p.score;
  }
  return common > place;
}

function slug(english: string): string {
  return english
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface Place {
  code: string;
  subtype: 'country' | 'region';
  ru: string[];
  en: string[];
}

function places(morph: Morphology, dropped: string[]): Place[] {
  const isoRu = isoNames('ru');
  const isoEn = isoNames('en');
  const cldrRu = cldrTerritories('ru');
  const cldrEn = cldrTerritories('en');
  const countries = Object.keys(isoRu).sort();
  const regions = Object.keys(cldrRu).filter((c) => /^\d{3}$/.test(c)).sort();
  const out: Place[] = [];
  for (const code of [...countries, ...regions]) {
    if (NOT_PLACES.has(code)) continue;
    const ru = namesFor(code, isoRu, cldrRu).filter((f) => {
      const bad = ambiguousRussian(f, morph);
      if (bad) dropped.push(`${code} ${f}`);
      return !bad;
    });
    const en = namesFor(code, isoEn, cldrEn);
    if (ru.length && en.length) out.push({ code, subtype: /^\d/.test(code) ? 'region' : 'country', ru, en });
  }
  return out;
}

/** Adds the places to a lexicon: forms to an existing entry that shares a form, else a new entry. */
function merge(lexicon: LexiconFile, list: Place[], lang: 'ru' | 'en', ids: Map<string, string>): LexiconFile {
  const entries: LexiconEntry[] = lexicon.entries.map((e) => ({ ...e, forms: [...e.forms] }));
  const byForm = new Map<string, LexiconEntry>();
  for (const e of entries) for (const f of e.forms) byForm.set(fold(f), e);
  for (const place of list) {
    const forms = lang === 'ru' ? place.ru : place.en;
    const known = ids.get(place.code);
    let entry = known ? entries.find((e) => e.id === known) : undefined;
    entry ??= forms.map((f) => byForm.get(fold(f))).find((e) => e !== undefined && (e.subtype === place.subtype || e.subtype === undefined));
    // A form belongs to one place only: the first that claimed it.
    const free = forms.filter((f) => !byForm.has(fold(f)));
    if (!entry) {
      const id = known ?? `loc:${slug(place.en[0]!)}`;
      // Same slug for a different place, or nothing left to add: keep the hand-written entries.
      if (free.length === 0 || entries.some((e) => e.id === id)) continue;
      entry = { id, subtype: place.subtype, name: free[0]!, forms: [] };
      entries.push(entry);
    }
    ids.set(place.code, entry.id);
    for (const f of free) (entry.forms.push(f), byForm.set(fold(f), entry));
  }
  return { ...lexicon, entries };
}

/** The hand-written files' layout: header keys indented, one entry per line. */
function formatLexicon(lexicon: LexiconFile): string {
  const value = (v: unknown) => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : JSON.stringify(v));
  const entry = (e: LexiconEntry) => `{${Object.entries(e).map(([k, v]) => `${JSON.stringify(k)}: ${value(v)}`).join(', ')}}`;
  const { entries, ...header } = lexicon;
  const head = Object.entries(header).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return `{\n${head.join('\n')}\n  "entries": [\n${entries.map((e) => `    ${entry(e)}`).join(',\n')}\n  ]\n}\n`;
}

const RU_FILE = join(PROJECT_ROOT, 'graph-data', 'lexicons', 'locations.json');
const EN_FILE = join(PROJECT_ROOT, 'graph-data', 'lexicons', 'en', 'locations.json');

const morph = await createMorphology(nodeResources());
const dropped: string[] = [];
const list = places(morph, dropped);
const ids = new Map<string, string>();
let stale = false;
for (const [file, lang] of [
  [RU_FILE, 'ru'],
  [EN_FILE, 'en'],
] as const) {
  const before = await readFile(file, 'utf8');
  const merged = merge(JSON.parse(before) as LexiconFile, list, lang, ids);
  const after = formatLexicon(merged);
  if (after === before) continue;
  stale = true;
  if (!args.check) await writeFileAtomic(file, after);
  console.log(`${args.check ? 'out of date' : 'wrote'} ${file}: ${merged.entries.length} entries (was ${(JSON.parse(before) as LexiconFile).entries.length})`);
}
if (dropped.length) console.log(`left out as common words: ${dropped.join(', ')}`);
if (args.check && stale) process.exit(1);
