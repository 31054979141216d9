/**
 * Mixed-script homoglyphs. Russian news often contains words typed with a mix of
 * Cyrillic and Latin look-alike letters ("Тelegram" with a Cyrillic Т). Such a word
 * is rewritten in its dominant script, so lexicons and names match; the original
 * text (and every offset) is kept as written.
 */

// Cyrillic letter -> Latin look-alike, and back. Only letters that look the same.
const CYR_TO_LAT: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  І: 'I', і: 'i', Ј: 'J', ј: 'j', Ѕ: 'S', ѕ: 's',
};
const LAT_TO_CYR: Record<string, string> = {
  A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У',
  a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', x: 'х', k: 'к', m: 'м',
};

export function isCyrillicChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x0400 && c <= 0x04ff) || (c >= 0x0500 && c <= 0x052f);
}

export function isLatinChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Returns the word in one script when it mixes Cyrillic and Latin letters and every
 * minority letter has a look-alike in the majority script; otherwise the word as is.
 * Same length as the input, so offsets stay valid.
 */
export function normalizeMixedScript(word: string): string {
  // Hyphenated compounds mix scripts legitimately ("Telegram-чата"): fold each part.
  if (word.length > 1 && /[-‐‑]/.test(word)) return word.split(/(?=[-‐‑])|(?<=[-‐‑])/).map(foldWord).join('');
  return foldWord(word);
}

function foldWord(word: string): string {
  let cyr = 0;
  let lat = 0;
  for (const ch of word) {
    if (isCyrillicChar(ch)) cyr++;
    else if (isLatinChar(ch)) lat++;
  }
  if (cyr === 0 || lat === 0) return word;
  const toLatin = lat >= cyr;
  const table = toLatin ? CYR_TO_LAT : LAT_TO_CYR;
  let out = '';
  for (const ch of word) {
    const minority = toLatin ? isCyrillicChar(ch) : isLatinChar(ch);
    if (!minority) {
      out += ch;
      continue;
    }
    const mapped = table[ch];
    if (mapped === undefined) return word; // a real mixed word (e.g. a transliterated hybrid): keep it
    out += mapped;
  }
  return out;
}
