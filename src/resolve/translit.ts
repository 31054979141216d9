/**
 * Russian <-> Latin transliteration for matching names across scripts
 * (Токаев = Tokayev = Tokaev, Маткенов = Matkenov, Казахстан = Kazakhstan).
 *
 * Two steps, both explicit:
 *  1. `transliterate` turns Cyrillic into Latin with one scheme (close to the
 *     BGN/PCGN and passport spellings news use: х -> kh, ж -> zh, ц -> ts, й -> y);
 *  2. `latinMatchKey` folds the spelling variants news agencies pick between
 *     (kh/h, zh/j, y/i, ye/e, doubled letters, ...), so both Cyrillic names and
 *     names already in Latin end up on the same key.
 * The key is for matching only: it is not meant to be read back.
 */

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
  х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh and Ukrainian letters seen in names in Russian-language news.
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', ї: 'yi', є: 'ye', ґ: 'g',
};

/** Cyrillic -> Latin (lower case). Characters outside the table pass through. */
export function transliterate(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

/**
 * Spelling variants folded to one form, in order (longer patterns first so "shch"
 * is not read as "sh" + "ch"). Each line is a variant pair news really use.
 */
const LATIN_FOLDS: ReadonlyArray<[RegExp, string]> = [
  [/shch/g, 'sh'], // Щ: shch / sch / sh
  [/sch/g, 'sh'],
  [/dzh/g, 'j'], // Дж: dzh / j (Джон, Dzhon / John)
  [/zh/g, 'j'], // Ж: zh / j (Жомарт: Zhomart / Jomart)
  [/kh/g, 'h'], // Х: kh / h
  [/tz|ts/g, 'c'], // Ц: ts / tz / c
  [/x/g, 'ks'],
  [/ph/g, 'f'],
  [/w/g, 'v'],
  [/q/g, 'k'],
  [/(?<=[aeiouy])ye/g, 'e'], // Е after a vowel: Tokayev / Tokaev
  [/^ye|(?<=[\s-])ye/g, 'e'], // initial Е: Yelena / Elena
  [/yo/g, 'e'], // Ё is often written е
  [/y/g, 'i'], // Й, Ы: y / i (Dmitriy / Dmitrii)
  // Doubled letters: Kassym / Kasym, Dmitrii / Dmitri. Letters only: digits are values (1400 is not 140).
  [/(\p{L})\1+/gu, '$1'],
];

/** Names repeat across articles: remember recent keys (cleared when it grows large). */
const cache = new Map<string, string>();
const CACHE_LIMIT = 100_000;

/** A key on which spelling variants of one name (in either script) coincide. */
export function latinMatchKey(text: string): string {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const key = computeLatinMatchKey(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, key);
  return key;
}

function computeLatinMatchKey(text: string): string {
  let key = transliterate(text.normalize('NFKD').replace(/[\u0300-\u036f]/g, (m, offset: number, s: string) =>
    // Keep й and ё (decomposed to и/е + mark) as themselves; drop other marks (é -> e).
    /[иеИЕ]/.test(s[offset - 1] ?? '') ? m : '',
  ).normalize('NFC'));
  for (const [pattern, replacement] of LATIN_FOLDS) key = key.replace(pattern, replacement);
  return key;
}
