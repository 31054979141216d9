/**
 * Bytes -> article text, isomorphic (TextDecoder exists in Node and browsers).
 * UTF-8 first (BOM stripped); text that is not valid UTF-8 but reads as
 * Windows-1251 (common in Russian archives) is decoded as such; anything that
 * looks binary is rejected with an InputError naming the file.
 */
import { InputError } from '../model/errors';

/** Larger inputs are refused before decoding: no news article is this long. */
export const MAX_ARTICLE_BYTES = 20 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const cp1251 = new TextDecoder('windows-1251');

/**
 * Share of control characters (other than tab, newlines, form feed) above which a
 * text is treated as binary. Real articles have none; a stray one in a scraped
 * page should not make the whole article unreadable.
 */
const MAX_CONTROL_SHARE = 0.001;

function controlShare(text: string): { nul: boolean; share: number } {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { nul: true, share: 1 };
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || (c >= 0x80 && c < 0xa0)) controls++;
  }
  return { nul: false, share: text.length === 0 ? 0 : controls / text.length };
}

function looksBinary(text: string): boolean {
  const { nul, share } = controlShare(text);
  return nul || share > MAX_CONTROL_SHARE;
}

const isCyrillic = (c: number) => (c >= 0x0410 && c <= 0x044f) || c === 0x0401 || c === 0x0451;
const isLatin = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * A Windows-1251 reading is plausible when most non-ASCII characters are Cyrillic
 * letters that sit among other Cyrillic letters. Latin-1 or another 8-bit
 * encoding also decodes to Cyrillic letters, but single ones inside Latin words
 * ("Cafй crиme"), and random data gives symbols and controls.
 */
function plausibleCp1251(text: string): boolean {
  let nonAscii = 0;
  let cyrillic = 0;
  let insideLatinWords = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if (!isCyrillic(c)) continue;
    cyrillic++;
    if (isLatin(text.charCodeAt(i - 1)) || isLatin(text.charCodeAt(i + 1))) insideLatinWords++;
  }
  return nonAscii > 0 && cyrillic / nonAscii >= 0.8 && insideLatinWords / cyrillic < 0.2;
}

export type TextEncodingName = 'utf-8' | 'windows-1251';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/**
 * Decodes an article's bytes. `name` (file name or "pasted text") goes into every
 * error message so the user knows which input was refused.
 */
export function decodeArticleBytes(bytes: Uint8Array, name: string): DecodedText {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new InputError('ingest', `${name} is too large (${bytes.length} bytes; the limit is ${MAX_ARTICLE_BYTES} bytes)`);
  }
  let text: string;
  let encoding: TextEncodingName = 'utf-8';
  try {
    text = utf8.decode(bytes); // strips a UTF-8 BOM (ignoreBOM: false)
  } catch {
    const candidate = cp1251.decode(bytes);
    if (looksBinary(candidate) || !plausibleCp1251(candidate)) {
      throw new InputError('ingest', `${name} is not text: it is neither UTF-8 nor Windows-1251`);
    }
    text = candidate;
    encoding = 'windows-1251';
  }
  return { text: checkText(text, name), encoding };
}

/** Checks an already-decoded text (e.g. pasted in the browser). */
export function checkText(text: string, name: string): string {
  const stripped = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (stripped.length > MAX_ARTICLE_BYTES) {
    throw new InputError('ingest', `${name} is too large (${stripped.length} characters; the limit is ${MAX_ARTICLE_BYTES})`);
  }
  if (looksBinary(stripped)) throw new InputError('ingest', `${name} looks like binary data, not an article`);
  if (stripped.length === 0) throw new InputError('ingest', `${name} is empty`);
  if (stripped.trim().length === 0) throw new InputError('ingest', `${name} contains only whitespace`);
  return stripped;
}
