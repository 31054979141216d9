/**
 * English lexicons (graph-data/lexicons/en/*.json, format kg-lexicon v1) compiled
 * into a trie over word keys, and matched against compromise tokens.
 *
 * Forms are written as lemmas. A token matches a form word by its lower-case key, by
 * compromise's dictionary form, or by a plain singular of the key, so "QR codes",
 * "websites" and "synthetics" match "QR code", "website" and "synthetic" without
 * lists of word forms. Hyphens and spaces are equivalent on both sides.
 */
import type { EntityType } from '../../model/vocabulary';
import type { ExtractorResources } from '../resources';
import type { EnToken } from './tokens';

export type LexiconKind = 'drug' | 'channel' | 'organization' | 'location' | 'org-head' | 'position';

export interface EnLexiconEntry {
  id: string;
  subtype?: string;
  name: string;
  forms: string[];
  /** Forms that are also everyday words: they count only in a sentence about drugs or crime. */
  contextForms?: string[];
  /** A kind of organisation, not one organisation: the mention carries no ref. */
  generic?: boolean;
  /** A class word ("drugs", "website"): its mentions and node are generic (see src/extract/lexicon.ts). */
  category?: boolean;
  /** Country adjectives ("Kazakh"): qualify organisations, are not mentions themselves. */
  adjectives?: string[];
}

export interface EnLexicon {
  kind: LexiconKind;
  type?: EntityType;
  entries: EnLexiconEntry[];
}

export const EN_LEXICON_FILES: readonly LexiconKind[] = ['drug', 'channel', 'organization', 'location', 'org-head', 'position'];
const FILE_NAMES: Record<LexiconKind, string> = {
  drug: 'drugs',
  channel: 'channels',
  organization: 'organizations',
  location: 'locations',
  'org-head': 'org-heads',
  position: 'positions',
};

/** How a form word constrains the case of the text it matches. */
type CaseRule = 'any' | 'capitalised' | 'allCaps';

interface FormWord {
  key: string;
  rule: CaseRule;
}

export interface LexiconHit {
  entry: EnLexiconEntry;
  kind: LexiconKind;
  /** The matched form needs a drug/crime context to count. */
  needsContext: boolean;
  /** The form was a country adjective. */
  adjective: boolean;
}

interface TrieNode {
  next: Map<string, Array<{ rule: CaseRule; node: TrieNode }>>;
  hits: LexiconHit[];
}

/** One word piece of the text: a token, or part of a hyphenated token ("anti-drug"). */
export interface Piece {
  token: number;
  sentence: number;
  start: number;
  end: number;
  keys: string[];
  capitalised: boolean;
  allCaps: boolean;
}

export interface LexiconMatch {
  /** Token range [first, last). */
  first: number;
  last: number;
  start: number;
  end: number;
  hits: LexiconHit[];
}

export class EnglishLexicons {
  private readonly root: TrieNode = newNode();
  readonly byKind = new Map<LexiconKind, EnLexicon>();
  /** Ids of the class words ("channel:website"): their mentions are generic. */
  readonly categories = new Set<string>();

  constructor(lexicons: EnLexicon[]) {
    for (const lexicon of lexicons) {
      this.byKind.set(lexicon.kind, lexicon);
      for (const entry of lexicon.entries) {
        if (entry.category) this.categories.add(entry.id);
        for (const form of entry.forms) this.add(form, { entry, kind: lexicon.kind, needsContext: false, adjective: false });
        for (const form of entry.contextForms ?? []) this.add(form, { entry, kind: lexicon.kind, needsContext: true, adjective: false });
        for (const form of entry.adjectives ?? []) this.add(form, { entry, kind: lexicon.kind, needsContext: false, adjective: true });
      }
    }
  }

  private add(form: string, hit: LexiconHit): void {
    const words = splitForm(form);
    if (words.length === 0) return;
    let node = this.root;
    for (const word of words) {
      const options = node.next.get(word.key) ?? [];
      let option = options.find((o) => o.rule === word.rule);
      if (!option) {
        option = { rule: word.rule, node: newNode() };
        options.push(option);
        node.next.set(word.key, options);
      }
      node = option.node;
    }
    node.hits.push(hit);
  }

  /**
   * All longest matches, left to right, without overlaps, within each sentence.
   * `kinds` limits which lexicons count.
   */
  match(tokens: readonly EnToken[], kinds: ReadonlySet<LexiconKind>): LexiconMatch[] {
    const pieces = toPieces(tokens);
    const matches: LexiconMatch[] = [];
    let i = 0;
    while (i < pieces.length) {
      const best = this.longestAt(pieces, i, kinds);
      if (best) {
        matches.push(best.match);
        i = best.next;
      } else i++;
    }
    return matches;
  }

  private longestAt(pieces: Piece[], at: number, kinds: ReadonlySet<LexiconKind>): { match: LexiconMatch; next: number } | undefined {
    const startPiece = pieces[at]!;
    // A match must start at the start of a token and end at the end of one.
    if (at > 0 && pieces[at - 1]!.token === startPiece.token) return undefined;
    let frontier: TrieNode[] = [this.root];
    let best: { match: LexiconMatch; next: number } | undefined;
    for (let j = at; j < pieces.length && frontier.length > 0; j++) {
      const piece = pieces[j]!;
      if (piece.sentence !== startPiece.sentence) break;
      const nextFrontier: TrieNode[] = [];
      for (const node of frontier) {
        for (const key of piece.keys) {
          for (const option of node.next.get(key) ?? []) {
            if (caseAllows(option.rule, piece) && !nextFrontier.includes(option.node)) nextFrontier.push(option.node);
          }
        }
      }
      frontier = nextFrontier;
      const endsToken = j + 1 >= pieces.length || pieces[j + 1]!.token !== piece.token;
      if (!endsToken) continue;
      const hits = frontier.flatMap((n) => n.hits).filter((h) => kinds.has(h.kind));
      if (hits.length > 0) {
        best = {
          match: { first: startPiece.token, last: piece.token + 1, start: startPiece.start, end: piece.end, hits },
          next: j + 1,
        };
      }
    }
    return best;
  }
}

function newNode(): TrieNode {
  return { next: new Map(), hits: [] };
}

function caseAllows(rule: CaseRule, piece: Piece): boolean {
  if (rule === 'allCaps') return piece.allCaps;
  if (rule === 'capitalised') return piece.capitalised;
  return true;
}

/** "QR-code" -> [qr (allCaps), code]; "Prosecutor General's Office" -> [prosecutor, general, office]. */
export function splitForm(form: string): FormWord[] {
  return form
    .split(/[\s\-‐‑–]+/u)
    .map((raw) => raw.trim())
    .filter((raw) => raw.length > 0)
    .map((raw) => {
      const letters = raw.replace(/[^\p{L}]/gu, '');
      const rule: CaseRule =
        letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
          ? 'allCaps'
          : /^\p{Lu}/u.test(letters)
            ? 'capitalised'
            : 'any';
      return { key: pieceKey(raw), rule };
    })
    .filter((w) => w.key.length > 0);
}

function pieceKey(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/['’]s?$/u, '')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** A plain English singular, for words compromise did not reduce. */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

export function toPieces(tokens: readonly EnToken[]): Piece[] {
  const pieces: Piece[] = [];
  tokens.forEach((token, index) => {
    const parts = splitToken(token);
    parts.forEach((part, k) => {
      const key = pieceKey(part.text);
      if (!key) return;
      const keys = [key];
      const isLast = k === parts.length - 1;
      if (isLast) {
        const lemmaPart = token.lemma.split(/[-‐‑]/).pop() ?? '';
        if (lemmaPart && !keys.includes(lemmaPart)) keys.push(lemmaPart);
        const plain = singular(key);
        if (!keys.includes(plain)) keys.push(plain);
      }
      const letters = part.text.replace(/[^\p{L}]/gu, '');
      pieces.push({
        token: index,
        sentence: token.sentence,
        start: part.start,
        end: part.end,
        keys,
        capitalised: /^\p{Lu}/u.test(letters),
        allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      });
    });
  });
  return pieces;
}

function splitToken(token: EnToken): Array<{ text: string; start: number; end: number }> {
  const parts: Array<{ text: string; start: number; end: number }> = [];
  const re = /[^\-‐‑–]+/gu;
  for (let m = re.exec(token.text); m; m = re.exec(token.text)) {
    parts.push({ text: m[0], start: token.start + m.index, end: token.start + m.index + m[0].length });
  }
  // Trailing possessive or punctuation belongs to the word, but not to its span.
  const last = parts[parts.length - 1];
  if (last) {
    const trimmed = last.text.replace(/(['’]s?|[^\p{L}\p{N}]+)$/u, '');
    if (trimmed.length > 0 && trimmed.length < last.text.length) {
      last.end = last.start + trimmed.length;
      last.text = trimmed;
    }
  }
  return parts;
}

/** Parses and checks one lexicon file; a malformed file fails with a message naming it. */
export function parseEnglishLexicon(kind: LexiconKind, data: unknown): EnLexicon {
  const where = `lexicons/en/${FILE_NAMES[kind]}.json`;
  if (typeof data !== 'object' || data === null) throw new Error(`extract/en: ${where} is not a JSON object`);
  const file = data as Record<string, unknown>;
  if (file.format !== 'kg-lexicon' || file.version !== 1) throw new Error(`extract/en: ${where} is not a kg-lexicon v1 file`);
  if (!Array.isArray(file.entries)) throw new Error(`extract/en: ${where} has no "entries" array`);
  const entries: EnLexiconEntry[] = file.entries.map((raw: unknown, i: number) => {
    const e = raw as Record<string, unknown>;
    const stringList = (v: unknown, field: string): string[] | undefined => {
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new Error(`extract/en: ${where} entry ${i}: "${field}" must be a list of strings`);
      return v as string[];
    };
    if (typeof e.id !== 'string' || typeof e.name !== 'string') throw new Error(`extract/en: ${where} entry ${i}: "id" and "name" must be strings`);
    const forms = stringList(e.forms, 'forms');
    if (!forms) throw new Error(`extract/en: ${where} entry ${i} (${e.id}): "forms" is missing`);
    const entry: EnLexiconEntry = { id: e.id, name: e.name, forms };
    if (typeof e.subtype === 'string') entry.subtype = e.subtype;
    if (e.generic === true) entry.generic = true;
    if (e.category === true) entry.category = true;
    const contextForms = stringList(e.contextForms, 'contextForms');
    if (contextForms) entry.contextForms = contextForms;
    const adjectives = stringList(e.adjectives, 'adjectives');
    if (adjectives) entry.adjectives = adjectives;
    return entry;
  });
  const lexicon: EnLexicon = { kind, entries };
  if (typeof file.type === 'string') lexicon.type = file.type as EntityType;
  return lexicon;
}

export async function loadEnglishLexicons(resources: ExtractorResources): Promise<EnglishLexicons> {
  const lexicons = await Promise.all(
    EN_LEXICON_FILES.map(async (kind) => parseEnglishLexicon(kind, await resources.load(`lexicons/en/${FILE_NAMES[kind]}.json`, 'json'))),
  );
  return new EnglishLexicons(lexicons);
}
