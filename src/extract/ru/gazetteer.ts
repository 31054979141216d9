/**
 * Matches lexicon forms against analysed tokens by lemma (see src/extract/lexicon.ts
 * for the rules). Forms are indexed by the keys of their first word, so a text is
 * matched in one left-to-right pass: at each token only forms that can start there
 * are tried, and the longest wins.
 */
import type { LexiconEntry, LexiconFile } from '../lexicon';
import { tokenize } from '../tokens';
import type { Morphology } from './morph';
import { foldYo, isAllUpper, isCapitalised, memoSlot, wordKeys, type TokenInfo } from './analysis';

interface FormWord {
  keys: ReadonlySet<string>;
  /** Text must be all capitals ("МВД"). */
  upper: boolean;
  /** Text must be capitalised (proper names in ORGANIZATION / LOCATION lexicons). */
  cap: boolean;
}

interface CompiledForm {
  entry: LexiconEntry;
  words: FormWord[];
}

export interface GazetteerMatch {
  entry: LexiconEntry;
  lexicon: LexiconFile;
  /** Token range [first, last). */
  first: number;
  last: number;
  /** Character range; narrower than the tokens when only part of a hyphenated word matched. */
  start: number;
  end: number;
}

export interface Gazetteer {
  lexicon: LexiconFile;
  /** Non-overlapping longest matches, left to right. */
  match(infos: readonly TokenInfo[], from?: number, to?: number): GazetteerMatch[];
  /** The longest match starting at token i, if any. */
  matchAt(infos: readonly TokenInfo[], i: number, to?: number): GazetteerMatch | undefined;
}

const PROPER_NAME_TYPES = new Set(['ORGANIZATION', 'LOCATION']);
/** Capitals and a one- or two-letter case ending: "МИДа", "МВДе", "ОПГшники" is not one. */
const INFLECTED_ABBREVIATION = /^(\p{Lu}{2,})(?:а|у|ом|е|ы|ов|ам|ами|ах)$/u;

export function compileGazetteer(lexicon: LexiconFile, morph: Morphology): Gazetteer {
  const properNames = lexicon.type !== undefined && PROPER_NAME_TYPES.has(lexicon.type);
  const index = new Map<string, CompiledForm[]>();
  for (const entry of lexicon.entries) {
    for (const form of entry.forms) {
      const words: FormWord[] = tokenize(form).map((t) => {
        if (t.kind !== 'word') return { keys: new Set([t.text.toLowerCase()]), upper: false, cap: false };
        return {
          keys: wordKeys(t.norm, morph).keys,
          upper: isAllUpper(t.norm) && t.norm.length <= 8,
          cap: properNames && isCapitalised(t.norm),
        };
      });
      const first = words[0];
      if (!first) continue;
      for (const k of first.keys) {
        const list = index.get(k) ?? [];
        list.push({ entry, words });
        index.set(k, list);
      }
    }
  }

  const wordMatches = (w: FormWord, info: TokenInfo, keys: ReadonlySet<string>): boolean => {
    if (w.upper && !info.upper) {
      // An abbreviation with a case ending ("МИДа", "МВДе") matches through its capitals.
      const inflected = INFLECTED_ABBREVIATION.exec(info.token.norm);
      return inflected !== null && w.keys.has(foldYo(inflected[1]!.toLowerCase()));
    }
    if (w.cap && !info.cap) return false;
    for (const k of w.keys) if (keys.has(k)) return true;
    return false;
  };

  const formAt = (infos: readonly TokenInfo[], i: number, to: number, form: CompiledForm): boolean => {
    if (i + form.words.length > to) return false;
    for (let j = 0; j < form.words.length; j++) {
      const info = infos[i + j]!;
      // A multi-word form does not run across a line break or a sentence cut.
      if (j > 0 && info.token.newlineBefore) return false;
      if (!wordMatches(form.words[j]!, info, info.keys)) return false;
    }
    return true;
  };

  // What can start at a word form, computed once per form and kept in its memo (shared by every
  // token of the form), so most tokens are rejected by one array read.
  interface Starts {
    forms: CompiledForm[];
    /** "Тelegram-чата": a one-word form matching the part before the dash, and the dash offset. */
    part?: { form: CompiledForm; dash: number };
  }
  const NONE: Starts = { forms: [] };
  const slot = memoSlot();
  const startsOf = (info: TokenInfo): Starts => {
    const hit = info.memo[slot] as Starts | undefined;
    if (hit) return hit;
    const forms: CompiledForm[] = [];
    for (const k of info.keys) {
      const list = index.get(k);
      if (list) for (const f of list) if (!forms.includes(f)) forms.push(f);
    }
    let part: Starts['part'];
    const dash = info.token.kind === 'word' ? info.token.norm.search(/[-‐‑]/) : -1;
    if (dash > 0) {
      const text = info.token.norm.slice(0, dash);
      const partInfo: TokenInfo = { ...info, cap: isCapitalised(text), upper: isAllUpper(text), keys: new Set([foldYo(text.toLowerCase())]) };
      const form = (index.get(foldYo(text.toLowerCase())) ?? []).find((f) => f.words.length === 1 && wordMatches(f.words[0]!, partInfo, partInfo.keys));
      if (form) part = { form, dash };
    }
    const starts = forms.length === 0 && !part ? NONE : { forms, ...(part ? { part } : {}) };
    info.memo[slot] = starts;
    return starts;
  };

  const matchAt = (infos: readonly TokenInfo[], i: number, to = infos.length): GazetteerMatch | undefined => {
    const info = infos[i]!;
    const starts = startsOf(info);
    if (starts === NONE) return undefined;
    let best: CompiledForm | undefined;
    for (const form of starts.forms) {
      if ((!best || form.words.length > best.words.length) && formAt(infos, i, to, form)) best = form;
    }
    if (best) {
      const last = i + best.words.length;
      return { entry: best.entry, lexicon, first: i, last, start: info.token.start, end: infos[last - 1]!.token.end };
    }
    if (starts.part) return { entry: starts.part.form.entry, lexicon, first: i, last: i + 1, start: info.token.start, end: info.token.start + starts.part.dash };
    return undefined;
  };

  return {
    lexicon,
    matchAt,
    match(infos, from = 0, to = infos.length) {
      const out: GazetteerMatch[] = [];
      for (let i = from; i < to; i++) {
        const m = matchAt(infos, i, to);
        if (m) {
          out.push(m);
          i = m.last - 1;
        }
      }
      return out;
    },
  };
}
