/**
 * Gazetteer evidence for the NER features: which lemmas the project's general-knowledge
 * lexicons (graph-data/lexicons: organisation head nouns, organisations, places,
 * positions) list, as bits per lemma hash. The table is compiled once from the lexicon
 * files at training time and shipped inside the model file, so the tagger needs no
 * lexicon at run time and a model always sees the same lists it was trained with.
 */
import { loadLexicon, type LexiconFile } from '../../lexicon';
import type { ExtractorResources } from '../../resources';
import { tokenize } from '../../tokens';
import { hashString } from './hash';
import type { Morphology } from './../morph';

/** Bits of a lemma in the lexicon table. */
export const LEX_ORG_HEAD = 1 << 0; // first word of an org head ("министерство", "банк")
export const LEX_ORG_HEAD_WORD = 1 << 1; // a later word of a multi-word head ("группа компаний")
export const LEX_ORG_NAME = 1 << 2; // a one-word organisation name ("МВД", "Интерпол")
export const LEX_ORG_WORD = 1 << 3; // a word of a multi-word organisation name
export const LEX_LOC_NAME = 1 << 4; // a one-word place name
export const LEX_LOC_WORD = 1 << 5; // a word of a multi-word place name
export const LEX_POSITION = 1 << 6; // first word of a position ("министр", "глава")
export const LEX_POSITION_WORD = 1 << 7;
export const LEX_BITS = 8;

/** Lemma hash -> lexicon bits. */
export interface NerLexicon {
  readonly entries: ReadonlyMap<number, number>;
}

/** The lexicon files the table is built from, and the bits of their first / later words and one-word forms. */
const SOURCES: ReadonlyArray<{ name: string; first: number; later: number; single: number }> = [
  { name: 'org-heads', first: LEX_ORG_HEAD, later: LEX_ORG_HEAD_WORD, single: LEX_ORG_HEAD },
  { name: 'organizations', first: LEX_ORG_WORD, later: LEX_ORG_WORD, single: LEX_ORG_NAME },
  { name: 'locations', first: LEX_LOC_WORD, later: LEX_LOC_WORD, single: LEX_LOC_NAME },
  { name: 'positions', first: LEX_POSITION, later: LEX_POSITION_WORD, single: LEX_POSITION },
];

export const NER_LEXICON_FILES = SOURCES.map((s) => s.name);

/**
 * The lemma keys a word of a form stands for: the top parse's lemma of the word as
 * written and in lower case, as the featuriser computes a token's lemma.
 */
function lemmaKeys(word: string, morph: Morphology): string[] {
  const keys = new Set<string>([word.toLowerCase()]);
  for (const w of [word, word.toLowerCase()]) {
    const top = morph.parse(w)[0];
    if (top) keys.add(top.lemma);
  }
  return [...keys];
}

export function compileNerLexicon(files: ReadonlyArray<{ name: string; file: LexiconFile }>, morph: Morphology): NerLexicon {
  const entries = new Map<number, number>();
  const add = (word: string, bits: number) => {
    for (const key of lemmaKeys(word, morph)) {
      const h = hashString(key);
      entries.set(h, (entries.get(h) ?? 0) | bits);
    }
  };
  for (const { name, file } of files) {
    const source = SOURCES.find((s) => s.name === name);
    if (!source) throw new Error(`ner: lexicon ${name} has no feature class`);
    for (const entry of file.entries) {
      for (const form of entry.forms) {
        const words = tokenize(form).filter((t) => t.kind === 'word');
        if (words.length === 1) add(words[0]!.norm, source.single);
        else words.forEach((w, k) => add(w.norm, k === 0 ? source.first : source.later));
      }
    }
  }
  return { entries };
}

/** Loads the lexicon files through the resource loader and compiles the table. */
export async function loadNerLexicon(resources: ExtractorResources, morph: Morphology): Promise<NerLexicon> {
  const files = await Promise.all(NER_LEXICON_FILES.map(async (name) => ({ name, file: await loadLexicon(resources, name) })));
  return compileNerLexicon(files, morph);
}

export const EMPTY_NER_LEXICON: NerLexicon = { entries: new Map() };
