import type { Language } from '../model/vocabulary';

/**
 * Detects the language of an article from its letters: Russian when Cyrillic
 * letters are at least a quarter of all letters (Russian news quotes many Latin
 * names and URLs), English otherwise. Text with no letters at all is 'ru', the
 * corpus's main language; the extractor then finds nothing anyway.
 */
export function detectLanguage(text: string, sample = 20000): Language {
  let cyrillic = 0;
  let latin = 0;
  const n = Math.min(text.length, sample);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x0410 && c <= 0x044f) || c === 0x0401 || c === 0x0451) cyrillic++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  if (cyrillic + latin === 0) return 'ru';
  return cyrillic / (cyrillic + latin) >= 0.25 ? 'ru' : 'en';
}
