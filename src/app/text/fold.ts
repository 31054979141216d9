/**
 * Search keys: every form of a name is folded the same way so "Маткенова",
 * "МАТКЕНОВА", "Маткёнова" and "matkenova" meet. Folding is lower-case, ё -> е,
 * NFKC; `toLatin` adds a transliteration so Latin queries find Cyrillic names
 * and mixed-script spellings ("Тelegram" with a Cyrillic Т) find "telegram".
 */
export function foldForm(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');
}

const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh / Ukrainian letters common in the corpus's names.
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i', ї: 'yi', є: 'ye',
};

/** Folded, then every Cyrillic letter transliterated (a simple BGN-like scheme). */
export function toLatin(text: string): string {
  let out = '';
  for (const ch of foldForm(text)) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}
