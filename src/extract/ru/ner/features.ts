/**
 * Features of a token in its sentence for the NER perceptron: the word and its
 * neighbours (lower-cased, folded, lemma), shape, affixes, az morphology (POS,
 * case, the Name/Surn/Patr/Geox/Orgn/Abbr grammemes, dictionary vs predicted),
 * sentence position, quotes and a little document context. Every feature is a
 * 32-bit hash of (template, value...), so nothing here allocates strings per
 * feature, and a word's own properties are computed once and cached.
 */
import type { Sentence, Token } from '../../tokens';
import type { Morphology } from '../morph';
import { hashString, mix, mix3 } from './hash';
import { EMPTY_NER_LEXICON, LEX_BITS, LEX_ORG_HEAD, type NerLexicon } from './lexicon';
import type { NerSpan, NerSpanType } from './types';

/** Bumped whenever a template changes: a model trained with other features must not load. */
export const FEATURE_VERSION = 8;

// Template ids. The numbers only need to be distinct.
const T = {
  bias: 1,
  lower: 10, // + offset (-2..2) -> 8..12
  lemma: 20, // 18..22
  shortShape: 30, // 29..31
  shape: 35,
  pos: 40, // 39..41
  flag: 50, // 48..52 (offset), value = flag bit
  prefix: 60,
  suffix: 61,
  posCase: 62,
  lemmaPrevShape: 63,
  shapeLemmaNext: 64,
  shapeTrigram: 65,
  lowerBigramPrev: 66,
  lowerBigramNext: 67,
  lemmaPrev2Prev1: 68,
  sentenceInitial: 69,
  sentenceInitialShape: 70,
  inQuotes: 71,
  afterOpenQuote: 72,
  beforeCloseQuote: 73,
  quoteHead: 74,
  docCapitalisedElsewhere: 75,
  docLowerElsewhere: 76,
  kind: 77,
  lengthBucket: 78,
  flagsPrevCur: 79,
  lemmaNext2: 80,
  posPrevCur: 81,
  caseShape: 82,
  lemmaPrevFlag: 83,
  leftCapLemma: 84,
  leftCapLemmaShape: 85,
  leftCapDistance: 86,
  lex: 110, // 108..112 (offset)
  lexCap: 88,
  orgHeadLeft: 89,
  orgHeadRight: 97,
  orgHeadLeftCap: 98,
  quoteHeadLex: 99,
  quoteLength: 100,
  quotePosition: 101,
  latinRun: 102,
  capRun: 103,
  capRunLex: 104,
  lemmaSuffixPrev: 113,
  lemmaSuffixOwn: 114,
  lemmaSuffixNext: 115,
  stageParenHead: 120,
  stageAcronym: 121,
  // Stacked features from the previous stage's spans.
  stageOwn: 90,
  stagePrev: 91,
  stageNext: 92,
  stageDocLower: 93,
  stageDocLemma: 94,
  stageDocLowerMajority: 95,
  stageDocLemmaMajority: 96,
} as const;

// Word flags (bits).
const F_NAME = 1 << 0;
const F_SURN = 1 << 1;
const F_PATR = 1 << 2;
const F_GEOX = 1 << 3;
const F_ORGN = 1 << 4;
const F_ABBR = 1 << 5;
const F_TRAD = 1 << 6;
const F_INIT = 1 << 7;
const F_KNOWN = 1 << 8;
const F_CAP = 1 << 9;
const F_ALLCAPS = 1 << 10;
const F_DIGIT = 1 << 11;
const F_HYPHEN = 1 << 12;
const F_LATIN = 1 << 13;
const F_CYRILLIC = 1 << 14;
/** The top (most probable) parse carries the name/place/org grammeme from the dictionary. */
const F_TOP_NAME = 1 << 15;
const F_TOP_SURN = 1 << 16;
const F_TOP_GEOX = 1 << 17;
const F_TOP_ORGN = 1 << 18;
const F_NO_PARSE = 1 << 19;
const F_ADJF_GEO = 1 << 20;
const FLAG_BITS = 21;

/** What a word contributes to its own and its neighbours' features. */
export interface WordInfo {
  lower: number;
  lemma: number;
  shape: number;
  shortShape: number;
  pos: number;
  flags: number;
  /** Lexicon bits (see lexicon.ts) of the word's lemma or lower-case form. */
  lex: number;
  /** Case of the top parse (hash), for genitive chains after head nouns. */
  gramCase: number;
  /** Last three letters of the lemma (hash): a crude word class ("-ство", "-ция", "-ский") that ignores inflection. */
  lemmaSuffix: number;
  /** Features that only the centre token uses (affixes, pos|case, ...), already templated. */
  own: Uint32Array;
}

const PAD: WordInfo = {
  lower: hashString('<pad>'),
  lemma: hashString('<pad>'),
  shape: hashString('<pad>'),
  shortShape: hashString('<pad>'),
  pos: hashString('<pad>'),
  flags: 0,
  lex: 0,
  gramCase: 0,
  lemmaSuffix: 0,
  own: new Uint32Array(0),
};

const QUOTE_OPEN = new Set(['«', '“', '„']);
const QUOTE_CLOSE = new Set(['»', '”']);
const QUOTE_BOTH = new Set(['"', "'"]);
const QUOTE_CLOSE_ANY = new Set([...QUOTE_CLOSE, ...QUOTE_BOTH]);

function shapeOf(word: string): string {
  let out = '';
  for (const ch of word) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    let c: string;
    if (ch >= '0' && ch <= '9') c = 'd';
    else if (lo !== up) c = ch === up ? 'X' : 'x';
    else c = ch;
    out += c;
    if (out.length >= 8) break;
  }
  return out;
}

function shortShapeOf(shape: string): string {
  let out = '';
  for (const c of shape) if (out[out.length - 1] !== c) out += c;
  return out;
}

function hasLatin(word: string): boolean {
  return /[A-Za-z]/.test(word);
}

function hasCyrillic(word: string): boolean {
  return /[\u0400-\u04ff]/.test(word);
}

const WORD_CACHE_LIMIT = 100_000;

export class Featuriser {
  private readonly cache = new Map<string, WordInfo>();
  /** Reused feature list of the sentence being featurised (copied out at its end): less garbage per sentence. */
  private readonly scratch: number[] = [];

  constructor(
    private readonly morph: Morphology,
    private readonly lexicon: NerLexicon = EMPTY_NER_LEXICON,
  ) {}

  private wordInfo(token: Token): WordInfo {
    const key = token.kind === 'word' ? token.norm : token.text;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const info = this.computeWordInfo(key, token.kind);
    if (this.cache.size >= WORD_CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, info);
    return info;
  }

  private computeWordInfo(text: string, kind: Token['kind']): WordInfo {
    const lower = text.toLowerCase();
    const shape = shapeOf(text);
    const shortShape = shortShapeOf(shape);
    let flags = 0;
    let lemma = lower;
    let pos = kind === 'word' ? 'UNK' : kind;
    let gramCase = '';
    if (kind === 'word') {
      const parses = this.morph.parse(text);
      if (parses.length === 0) flags |= F_NO_PARSE;
      const top = parses[0];
      if (top) {
        lemma = top.lemma;
        pos = top.pos ?? 'UNK';
        gramCase = top.case ?? '';
        if (top.known) {
          if (top.tags.has('Name')) flags |= F_TOP_NAME;
          if (top.tags.has('Surn')) flags |= F_TOP_SURN;
          if (top.tags.has('Geox')) flags |= F_TOP_GEOX;
          if (top.tags.has('Orgn')) flags |= F_TOP_ORGN;
        }
      }
      for (const p of parses) {
        if (p.known) flags |= F_KNOWN;
        const t = p.tags;
        if (t.has('Name')) flags |= F_NAME;
        if (t.has('Surn')) flags |= F_SURN;
        if (t.has('Patr')) flags |= F_PATR;
        if (t.has('Geox')) flags |= F_GEOX;
        if (t.has('Orgn')) flags |= F_ORGN;
        if (t.has('Abbr')) flags |= F_ABBR;
        if (t.has('Trad')) flags |= F_TRAD;
        if (t.has('Init')) flags |= F_INIT;
        if (p.known && p.pos === 'ADJF' && t.has('Geox')) flags |= F_ADJF_GEO;
      }
      const first = text[0] ?? '';
      if (first !== first.toLowerCase()) flags |= F_CAP;
      if (text.length > 1 && text === text.toUpperCase() && text !== lower) flags |= F_ALLCAPS;
      if (text.includes('-')) flags |= F_HYPHEN;
      if (hasLatin(text)) flags |= F_LATIN;
      if (hasCyrillic(text)) flags |= F_CYRILLIC;
    }
    if (/\d/.test(text)) flags |= F_DIGIT;

    const own: number[] = [];
    if (kind === 'word') {
      const n = lower.length;
      for (let k = 1; k <= 3 && k < n; k++) own.push(mix(T.prefix, hashString(lower.slice(0, k))));
      for (let k = 1; k <= 4 && k < n; k++) own.push(mix(T.suffix, hashString(lower.slice(n - k))));
    }
    own.push(mix3(T.posCase, hashString(pos), hashString(gramCase)));
    own.push(mix3(T.caseShape, hashString(gramCase), hashString(shortShape)));
    own.push(mix(T.kind, hashString(kind)));
    own.push(mix(T.lengthBucket, Math.min(text.length, 12)));

    const lemmaHash = hashString(lemma);
    const lowerHash = hashString(lower);
    const lex = kind === 'word' ? (this.lexicon.entries.get(lemmaHash) ?? 0) | (this.lexicon.entries.get(lowerHash) ?? 0) : 0;
    return {
      lower: lowerHash,
      lemma: lemmaHash,
      lex,
      gramCase: hashString(gramCase),
      lemmaSuffix: kind === 'word' && lemma.length > 4 ? hashString(lemma.slice(-3)) : 0,
      shape: hashString(shape),
      shortShape: hashString(shortShape),
      pos: hashString(pos),
      flags,
      own: Uint32Array.from(own),
    };
  }

  /**
   * Features of every token of every sentence: for sentence s, token i (relative),
   * features are `features[offsets[i] .. offsets[i + 1])` of the returned entry.
   */
  featurise(tokens: readonly Token[], sentences: readonly Sentence[]): FeaturisedDocument {
    const infos = tokens.map((t) => this.wordInfo(t));
    const docContext = documentContext(tokens, sentences);
    return { tokens, sentences, infos, base: sentences.map((s) => this.featuriseSentence(tokens, infos, s, docContext)) };
  }

  /** The stacking features of every sentence, from the previous stage's spans over the document. */
  stacked(doc: FeaturisedDocument, previousStage: readonly NerSpan[]): SentenceFeatures[] {
    const { tokens, infos } = doc;
    const stage = stageContext(tokens, infos, previousStage);
    return doc.sentences.map((s) => {
      const n = s.last - s.first;
      const out = this.scratch;
      out.length = 0;
      const offsets = new Int32Array(n + 1);
      let parenHead = -1;
      for (let i = 0; i < n; i++) {
        offsets[i] = out.length;
        const at = s.first + i;
        pushStageFeatures(out, stage, tokens, infos, at, s.first, s.last);
        const t = tokens[at]!;
        if (t.kind === 'punct' && t.text === '(') {
          // The word before the bracket, past a closing quote: «Ла стампа» (La Stampa).
          parenHead = at - 1;
          while (parenHead >= s.first && tokens[parenHead]!.kind === 'punct' && QUOTE_CLOSE_ANY.has(tokens[parenHead]!.text)) parenHead--;
          if (parenHead < s.first) parenHead = -1;
        } else if (t.kind === 'punct' && t.text === ')') parenHead = -1;
        // "Комитет защиты журналистов (КЗЖ)": the bracket often spells out or abbreviates what precedes it.
        else if (parenHead >= 0) out.push(mix(T.stageParenHead, stage.code[parenHead]!));
      }
      offsets[n] = out.length;
      return { length: n, offsets, features: new Uint32Array(out) };
    });
  }

  private featuriseSentence(
    tokens: readonly Token[],
    infos: readonly WordInfo[],
    sentence: Sentence,
    doc: DocumentContext,
  ): SentenceFeatures {
    const first = sentence.first;
    const n = sentence.last - sentence.first;
    const at = (i: number): WordInfo => (i < 0 || i >= n ? PAD : infos[first + i]!);
    const quotes = quoteContext(tokens, infos, first, n);
    const leftCap = leftCapitalised(tokens, infos, first, n);
    const heads = orgHeadContext(tokens, infos, first, n);
    const latinRuns = runs(tokens, infos, first, n, F_LATIN);
    const capRuns = runs(tokens, infos, first, n, F_CAP);
    const out = this.scratch;
    out.length = 0;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      offsets[i] = out.length;
      const token = tokens[first + i]!;
      const w = at(i);
      const p1 = at(i - 1);
      const p2 = at(i - 2);
      const n1 = at(i + 1);
      const n2 = at(i + 2);
      out.push(T.bias);
      out.push(mix(T.lower - 2, p2.lower), mix(T.lower - 1, p1.lower), mix(T.lower, w.lower), mix(T.lower + 1, n1.lower), mix(T.lower + 2, n2.lower));
      out.push(mix(T.lemma - 2, p2.lemma), mix(T.lemma - 1, p1.lemma), mix(T.lemma, w.lemma), mix(T.lemma + 1, n1.lemma), mix(T.lemma + 2, n2.lemma));
      out.push(mix(T.shortShape - 1, p1.shortShape), mix(T.shortShape, w.shortShape), mix(T.shortShape + 1, n1.shortShape));
      out.push(mix(T.shape, w.shape));
      out.push(mix(T.pos - 1, p1.pos), mix(T.pos, w.pos), mix(T.pos + 1, n1.pos));
      pushFlags(out, T.flag - 2, p2.flags);
      pushFlags(out, T.flag - 1, p1.flags);
      pushFlags(out, T.flag, w.flags);
      pushFlags(out, T.flag + 1, n1.flags);
      pushFlags(out, T.flag + 2, n2.flags);
      for (const f of w.own) out.push(f);
      out.push(mix3(T.lemmaPrevShape, p1.lemma, w.shortShape));
      out.push(mix3(T.shapeLemmaNext, w.shortShape, n1.lemma));
      out.push(mix(mix3(T.shapeTrigram, p1.shortShape, w.shortShape), n1.shortShape));
      out.push(mix3(T.lowerBigramPrev, p1.lower, w.lower));
      out.push(mix3(T.lowerBigramNext, w.lower, n1.lower));
      out.push(mix3(T.lemmaPrev2Prev1, p2.lemma, p1.lemma));
      out.push(mix3(T.lemmaNext2, n1.lemma, n2.lemma));
      out.push(mix3(T.posPrevCur, p1.pos, w.pos));
      out.push(mix3(T.flagsPrevCur, p1.flags & 0x7f, w.flags & 0x7f));
      out.push(mix3(T.lemmaPrevFlag, p1.lemma, w.flags & 0x3ff));
      if (i === 0) {
        out.push(T.sentenceInitial);
        out.push(mix(T.sentenceInitialShape, w.shortShape));
      }
      const lc = leftCap[i]!;
      if (lc.lemma !== 0) {
        out.push(mix(T.leftCapLemma, lc.lemma));
        out.push(mix3(T.leftCapLemmaShape, lc.lemma, w.shortShape));
        out.push(mix3(T.leftCapDistance, Math.min(lc.distance, 4), w.flags & F_CAP ? 1 : 0));
      }
      pushLex(out, T.lex - 2, p2.lex);
      pushLex(out, T.lex - 1, p1.lex);
      pushLex(out, T.lex, w.lex);
      pushLex(out, T.lex + 1, n1.lex);
      pushLex(out, T.lex + 2, n2.lex);
      if (p1.lemmaSuffix !== 0) out.push(mix(T.lemmaSuffixPrev, p1.lemmaSuffix));
      if (w.lemmaSuffix !== 0) out.push(mix3(T.lemmaSuffixOwn, w.lemmaSuffix, w.flags & F_CAP ? 1 : 0));
      if (n1.lemmaSuffix !== 0) out.push(mix(T.lemmaSuffixNext, n1.lemmaSuffix));
      if (w.lex !== 0) out.push(mix3(T.lexCap, w.lex, w.flags & (F_CAP | F_ALLCAPS)));
      const h = heads[i]!;
      if (h.left > 0) {
        out.push(mix3(T.orgHeadLeft, Math.min(h.left, 6), w.gramCase));
        out.push(mix3(T.orgHeadLeftCap, h.leftCap, w.flags & F_CAP ? 1 : 0));
      }
      if (h.right > 0) out.push(mix3(T.orgHeadRight, h.right, w.pos));
      const q = quotes[i]!;
      if (q.inside) out.push(T.inQuotes);
      if (q.afterOpen) out.push(T.afterOpenQuote);
      if (q.beforeClose) out.push(T.beforeCloseQuote);
      if (q.head !== 0) out.push(mix(T.quoteHead, q.head));
      if (q.inside) {
        out.push(mix(T.quoteHeadLex, q.headLex));
        out.push(mix(T.quoteLength, Math.min(q.length, 6)));
        out.push(mix3(T.quotePosition, Math.min(q.position, 3), Math.min(q.length - 1 - q.position, 3)));
      }
      const lr = latinRuns[i]!;
      if (lr.length > 0) out.push(mix3(T.latinRun, Math.min(lr.length, 5), Math.min(lr.position, 3)));
      const cr = capRuns[i]!;
      if (cr.length > 0) {
        out.push(mix3(T.capRun, Math.min(cr.length, 5), Math.min(cr.position, 3) * 4 + Math.min(cr.length - 1 - cr.position, 3)));
        out.push(mix3(T.capRunLex, cr.lex, Math.min(cr.position, 2)));
      }
      if (token.kind === 'word') {
        const seen = doc.get(w.lower);
        if (seen) {
          const prevToken = i > 0 ? tokens[first + i - 1]! : undefined;
          const selfCounted = prevToken !== undefined && (w.flags & F_CAP) !== 0 && (prevToken.kind !== 'punct' || prevToken.text === ',');
          if (seen.capitalisedMidSentence > (selfCounted ? 1 : 0)) out.push(T.docCapitalisedElsewhere);
          if (seen.lower > (w.flags & F_CAP ? 0 : 1)) out.push(T.docLowerElsewhere);
        }
      }
    }
    offsets[n] = out.length;
    return { length: n, offsets, features: new Uint32Array(out) };
  }
}

/** A document's token-level features, computed once and shared by every stage. */
export interface FeaturisedDocument {
  tokens: readonly Token[];
  sentences: readonly Sentence[];
  /** Per token (opaque outside this module). */
  infos: readonly WordInfo[];
  base: SentenceFeatures[];
}

/** Token i's features of several feature sets (base and stacked) as one list. */
export function mergeFeatures(parts: readonly SentenceFeatures[]): SentenceFeatures {
  const n = parts[0]?.length ?? 0;
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    offsets[i] = out.length;
    for (const p of parts) for (let k = p.offsets[i]!; k < p.offsets[i + 1]!; k++) out.push(p.features[k]!);
  }
  offsets[n] = out.length;
  return { length: n, offsets, features: Uint32Array.from(out) };
}

export interface SentenceFeatures {
  length: number;
  offsets: Int32Array;
  features: Uint32Array;
}

function pushFlags(out: number[], template: number, flags: number): void {
  for (let b = 0; b < FLAG_BITS; b++) if (flags & (1 << b)) out.push(mix(template, b + 1));
}

interface Run {
  /** Words in the run (0 when the token is not in one), this word's index in it, lexicon bits of its last word. */
  length: number;
  position: number;
  lex: number;
}

/**
 * Runs of adjacent words carrying `flag` (capitalised, Latin script): "Wall Street
 * Journal", "Нью-йоркская фондовая биржа" starts one. A hyphen or "&" inside a name
 * does not break it.
 */
function runs(tokens: readonly Token[], infos: readonly WordInfo[], first: number, n: number, flag: number): Run[] {
  const out: Run[] = Array.from({ length: n }, () => ({ length: 0, position: 0, lex: 0 }));
  for (let i = 0; i < n; ) {
    const t = tokens[first + i]!;
    if (t.kind !== 'word' || !(infos[first + i]!.flags & flag)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const u = tokens[first + j]!;
      if (u.kind === 'word' && infos[first + j]!.flags & flag) j++;
      else if (u.kind === 'punct' && (u.text === '&' || u.text === '-') && j + 1 < n && infos[first + j + 1]!.flags & flag) j += 2;
      else break;
    }
    const lex = infos[first + j - 1]!.lex;
    for (let k = i; k < j; k++) out[k] = { length: j - i, position: k - i, lex };
    i = j;
  }
  return out;
}

function pushLex(out: number[], template: number, bits: number): void {
  if (bits === 0) return;
  for (let b = 0; b < LEX_BITS; b++) if (bits & (1 << b)) out.push(mix(template, b + 1));
}

interface OrgHeadDistance {
  /** Tokens back to the nearest org head noun in the same phrase (0 = none). */
  left: number;
  /** 1 when that head is capitalised. */
  leftCap: number;
  /** Tokens ahead to the nearest org head noun in the same phrase (0 = none within reach). */
  right: number;
}

const ORG_HEAD_LEFT_WINDOW = 8;
const ORG_HEAD_RIGHT_WINDOW = 3;

/**
 * Distance to the nearest organisation head noun on either side without a phrase break:
 * ORG names are often a head with a genitive tail ("Министерство сельского хозяйства")
 * or adjectives before a head ("Федеральная антимонопольная служба").
 */
function orgHeadContext(tokens: readonly Token[], infos: readonly WordInfo[], first: number, n: number): OrgHeadDistance[] {
  const out: OrgHeadDistance[] = [];
  let at = -1;
  let cap = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[first + i]!;
    out.push({ left: at >= 0 && i - at <= ORG_HEAD_LEFT_WINDOW ? i - at : 0, leftCap: cap, right: 0 });
    if (t.kind === 'punct' && PHRASE_BREAKS.has(t.text)) at = -1;
    else if (infos[first + i]!.lex & LEX_ORG_HEAD) {
      at = i;
      cap = infos[first + i]!.flags & F_CAP ? 1 : 0;
    }
  }
  let next = -1;
  for (let i = n - 1; i >= 0; i--) {
    const t = tokens[first + i]!;
    if (next >= 0 && next - i <= ORG_HEAD_RIGHT_WINDOW) out[i]!.right = next - i;
    if (t.kind === 'punct' && PHRASE_BREAKS.has(t.text)) next = -1;
    else if (infos[first + i]!.lex & LEX_ORG_HEAD) next = i;
  }
  return out;
}

/** Where a word could still continue a multi-word name: "Министерство [сельского хозяйства]". */
const PHRASE_BREAKS = new Set([',', '.', ';', ':', '(', ')', '—', '–', '!', '?', '…', '...']);
const LEFT_CAP_WINDOW = 6;

interface LeftCapitalised {
  /** Lemma hash of the nearest capitalised word before this one (0 when none in reach). */
  lemma: number;
  distance: number;
}

function leftCapitalised(tokens: readonly Token[], infos: readonly WordInfo[], first: number, n: number): LeftCapitalised[] {
  const out: LeftCapitalised[] = [];
  let lemma = 0;
  let at = -1;
  for (let i = 0; i < n; i++) {
    const t = tokens[first + i]!;
    out.push(lemma !== 0 && i - at <= LEFT_CAP_WINDOW ? { lemma, distance: i - at } : { lemma: 0, distance: 0 });
    if (t.kind === 'punct' && PHRASE_BREAKS.has(t.text)) {
      lemma = 0;
    } else if (t.kind === 'word' && infos[first + i]!.flags & F_CAP) {
      lemma = infos[first + i]!.lemma;
      at = i;
    }
  }
  return out;
}

interface QuoteState {
  inside: boolean;
  afterOpen: boolean;
  beforeClose: boolean;
  /** Lemma hash of the word right before the opening quote ("компания «...»"), 0 outside quotes. */
  head: number;
  /** Lexicon bits of that word. */
  headLex: number;
  /** Tokens inside the quotes (when closed in the sentence; else up to the sentence end) and this one's index among them. */
  length: number;
  position: number;
}

/** Quote context within a sentence: «...» and paired straight quotes. */
function quoteContext(tokens: readonly Token[], infos: readonly WordInfo[], first: number, n: number): QuoteState[] {
  const states: QuoteState[] = [];
  let depth = 0;
  let straightOpen = false;
  let head = 0;
  let headLex = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[first + i]!;
    const text = t.text;
    const prev = i > 0 ? tokens[first + i - 1]! : undefined;
    const next = i + 1 < n ? tokens[first + i + 1]! : undefined;
    let opens = false;
    let closes = false;
    if (t.kind === 'punct') {
      if (QUOTE_OPEN.has(text)) opens = true;
      else if (QUOTE_CLOSE.has(text)) closes = depth > 0;
      else if (QUOTE_BOTH.has(text)) {
        if (straightOpen) closes = true;
        else opens = true;
      }
    }
    if (opens) {
      if (depth === 0) {
        head = i > 0 ? infos[first + i - 1]!.lemma : 0;
        headLex = i > 0 ? infos[first + i - 1]!.lex : 0;
      }
      depth++;
      if (QUOTE_BOTH.has(text)) straightOpen = true;
    } else if (closes) {
      depth = Math.max(0, depth - 1);
      if (QUOTE_BOTH.has(text)) straightOpen = false;
      if (depth === 0) head = 0;
    }
    states.push({
      inside: depth > 0 && !opens,
      afterOpen: prev !== undefined && prev.kind === 'punct' && (QUOTE_OPEN.has(prev.text) || QUOTE_BOTH.has(prev.text)),
      beforeClose: next !== undefined && next.kind === 'punct' && (QUOTE_CLOSE.has(next.text) || QUOTE_BOTH.has(next.text)),
      head: depth > 0 ? head : 0,
      headLex: depth > 0 ? headLex : 0,
      length: 0,
      position: 0,
    });
  }
  // Lengths and positions of each quoted run.
  for (let i = 0; i < n; ) {
    if (!states[i]!.inside) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && states[j]!.inside) j++;
    for (let k = i; k < j; k++) {
      states[k]!.length = j - i;
      states[k]!.position = k - i;
    }
    i = j;
  }
  return states;
}

interface WordSightings {
  capitalisedMidSentence: number;
  lower: number;
}

type DocumentContext = Map<number, WordSightings>;

/**
 * How each word is written elsewhere in the document: a sentence-initial word that
 * also appears capitalised mid-sentence is likely a name; one that appears in lower
 * case is likely not.
 */
function documentContext(tokens: readonly Token[], sentences: readonly Sentence[]): DocumentContext {
  const ctx: DocumentContext = new Map();
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const t = tokens[i]!;
      if (t.kind !== 'word') continue;
      const key = hashString(t.norm.toLowerCase());
      let entry = ctx.get(key);
      if (!entry) {
        entry = { capitalisedMidSentence: 0, lower: 0 };
        ctx.set(key, entry);
      }
      const c = t.norm[0] ?? '';
      if (c === c.toLowerCase()) entry.lower++;
      else if (i > s.first) {
        const prev = tokens[i - 1]!;
        // After a quote or a dash a capital may just start a quoted sentence.
        if (prev.kind !== 'punct' || prev.text === ',') entry.capitalisedMidSentence++;
      }
    }
  }
  return ctx;
}

// --- stacking: features from the previous stage's spans over the whole document ---

const TYPE_CODE: Record<NerSpanType, number> = { PER: 1, ORG: 2, LOC: 3 };

interface StageContext {
  /** Per token: 0 outside, else type code * 4 + position (0 begin, 1 inside, 2 last, 3 unit). */
  code: Int16Array;
  type: Int8Array;
  /** Per word key (lower form or lemma): how often each type (0 = none) tags it in the document. */
  counts: Map<number, Int32Array>;
  /** Initials of multi-word spans ("КЗЖ" for "Комитет защиты журналистов") -> type counts. */
  acronyms: Map<string, Int32Array>;
}

const LOWER_KEY = 1;
const LEMMA_KEY = 2;

function stageContext(tokens: readonly Token[], infos: readonly WordInfo[], spans: readonly NerSpan[]): StageContext {
  const code = new Int16Array(tokens.length);
  const type = new Int8Array(tokens.length);
  for (const s of spans) {
    const t = TYPE_CODE[s.type];
    for (let i = Math.max(0, s.first); i < Math.min(tokens.length, s.last); i++) {
      const pos = s.last - s.first === 1 ? 3 : i === s.first ? 0 : i === s.last - 1 ? 2 : 1;
      code[i] = t * 4 + pos + 1;
      type[i] = t;
    }
  }
  const counts = new Map<number, Int32Array>();
  const add = (key: number, t: number) => {
    let c = counts.get(key);
    if (!c) {
      c = new Int32Array(4);
      counts.set(key, c);
    }
    c[t]! += 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'word') continue;
    add(mix(LOWER_KEY, infos[i]!.lower), type[i]!);
    add(mix(LEMMA_KEY, infos[i]!.lemma), type[i]!);
  }
  const acronyms = new Map<string, Int32Array>();
  const addAcronym = (key: string, t: number) => {
    if (key.length < 2) return;
    let c = acronyms.get(key);
    if (!c) {
      c = new Int32Array(4);
      acronyms.set(key, c);
    }
    c[t]! += 1;
  };
  for (const s of spans) {
    let all = '';
    let content = '';
    for (let i = Math.max(0, s.first); i < Math.min(tokens.length, s.last); i++) {
      const t = tokens[i]!;
      if (t.kind !== 'word') continue;
      for (const part of t.norm.split('-')) {
        const c = (part[0] ?? '').toUpperCase();
        all += c;
        if (part.length > 3) content += c;
      }
    }
    if (all.length < 2) continue;
    addAcronym(all, TYPE_CODE[s.type]);
    if (content !== all) addAcronym(content, TYPE_CODE[s.type]);
  }
  return { code, type, counts, acronyms };
}

function pushDocCounts(out: number[], template: number, majorityTemplate: number, counts: Int32Array | undefined, own: number): void {
  if (!counts) return;
  let best = 0;
  let bestCount = 0;
  for (let t = 0; t < 4; t++) {
    const c = counts[t]! - (t === own ? 1 : 0);
    if (c <= 0) continue;
    out.push(mix(template, t));
    if (t > 0 && c > bestCount) {
      best = t;
      bestCount = c;
    }
  }
  if (best > 0) out.push(mix(majorityTemplate, best));
}

function pushStageFeatures(
  out: number[],
  stage: StageContext,
  tokens: readonly Token[],
  infos: readonly WordInfo[],
  i: number,
  sentenceFirst: number,
  sentenceLast: number,
): void {
  out.push(mix(T.stageOwn, stage.code[i]!));
  out.push(mix(T.stagePrev, i > sentenceFirst ? stage.code[i - 1]! : -1));
  out.push(mix(T.stageNext, i + 1 < sentenceLast ? stage.code[i + 1]! : -1));
  if (tokens[i]!.kind !== 'word') return;
  if (infos[i]!.flags & F_ALLCAPS) {
    const acronym = stage.acronyms.get(tokens[i]!.norm.toUpperCase());
    if (acronym) for (let t = 1; t < 4; t++) if (acronym[t]! > 0) out.push(mix(T.stageAcronym, t));
  }
  const own = stage.type[i]!;
  pushDocCounts(out, T.stageDocLower, T.stageDocLowerMajority, stage.counts.get(mix(LOWER_KEY, infos[i]!.lower)), own);
  pushDocCounts(out, T.stageDocLemma, T.stageDocLemmaMajority, stage.counts.get(mix(LEMMA_KEY, infos[i]!.lemma)), own);
}
