/**
 * Russian morphology over az (OpenCorpora dictionaries, pymorphy2's format).
 * az reads its dictionaries through `Az.load`, which uses fs or XHR; we replace it
 * with the injected resource loader so the same code runs in Node, a page and a
 * Web Worker. Parses are cached per word form: news text repeats words a lot.
 */
import Az from 'az';
import type { ExtractorResources } from '../resources';

export interface MorphParse {
  /** Normal form (nominative singular for nouns), lower case. */
  lemma: string;
  /** OpenCorpora part of speech: NOUN, ADJF, VERB, PREP, ... (undefined for unknown/Latin/numbers). */
  pos: string | undefined;
  /** All grammemes of the parse (Name, Surn, Patr, Geox, Orgn, Abbr, nomn, gent, sing, masc, ...). */
  tags: ReadonlySet<string>;
  case: string | undefined;
  gender: string | undefined;
  number: string | undefined;
  /** az's probability estimate, 0..1. */
  score: number;
  /** True when the parse came from the dictionary (not predicted from a suffix). */
  known: boolean;
  /** Inflects this parse to the given grammemes ("nomn", "sing", ...); undefined when impossible. */
  inflect(grammemes: string[]): string | undefined;
}

export interface Morphology {
  parse(word: string): readonly MorphParse[];
}

let initialised: Promise<void> | undefined;

function initAz(resources: ExtractorResources): Promise<void> {
  // az keeps its dictionaries in module state: initialise once per process/worker.
  initialised ??= new Promise<void>((resolve, reject) => {
    Az.load = (url, responseType, callback) => {
      resources.load(url, responseType).then(
        (data) => callback(null, data),
        (err: unknown) => callback(err),
      );
    };
    Az.Morph.init('az', (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()));
  }).catch((err: unknown) => {
    initialised = undefined;
    throw new Error(`morphology: cannot load the az dictionaries: ${(err as Error).message}`);
  });
  return initialised;
}

const AZ_CONFIG = { stutter: 0, typos: 0 };
/** Word forms kept (about 10,000 in the 122 factRuEval dev documents); cleared when full, so a long run stays bounded. */
const CACHE_LIMIT = 50_000;

type AzParse = ReturnType<typeof Az.Morph>[number];
type AzTag = AzParse['tag'];

/**
 * Grammeme sets are shared between parses with the same tag (there are a few thousand distinct
 * tags against hundreds of thousands of parses in a long run), which keeps the cache small.
 */
const tagSets = new Map<string, ReadonlySet<string>>();
/**
 * az builds each tag once, when it loads its dictionaries, and hands out the same frozen object
 * for every parse with that tag: looking the set up by object skips joining the grammemes into
 * a string key for every parse (a measurable share of analysing a new word).
 */
const tagSetsByTag = new WeakMap<AzTag, ReadonlySet<string>>();

function tagSet(tag: AzTag): ReadonlySet<string> {
  const known = tagSetsByTag.get(tag);
  if (known) return known;
  // Some parsers (compound words) build tags of their own: the string key still shares those.
  const key = tag.stat.join(',') + ' ' + tag.flex.join(',');
  let set = tagSets.get(key);
  if (!set) {
    set = new Set<string>([...tag.stat, ...tag.flex]);
    tagSets.set(key, set);
  }
  tagSetsByTag.set(tag, set);
  return set;
}

function azParses(word: string): AzParse[] {
  try {
    // az lower-cases internally; a very long "word" is no word: skip it.
    return word.length > 60 ? [] : Az.Morph(word, AZ_CONFIG);
  } catch {
    return [];
  }
}

/**
 * az's parses of the word inflected last: a canonical form inflects several parses and
 * grammemes of one word in a row, and az's own parse is deterministic, so keeping one word's
 * parses saves parsing it again each time without keeping az's large objects for every word.
 */
let reparsed: { word: string; parses: AzParse[] } | undefined;

function reparse(word: string): AzParse[] {
  if (reparsed?.word !== word) reparsed = { word, parses: azParses(word) };
  return reparsed.parses;
}

/**
 * One az parse, its fields read once. It keeps the word and its rank, not az's parse object:
 * az's objects are several times larger, and only the few words whose canonical form is
 * built are ever inflected, so inflect() parses the word again (az is deterministic).
 */
class Parse implements MorphParse {
  readonly lemma: string;
  readonly pos: string | undefined;
  readonly tags: ReadonlySet<string>;
  readonly case: string | undefined;
  readonly gender: string | undefined;
  readonly number: string | undefined;
  readonly score: number;
  readonly known: boolean;
  constructor(
    az: AzParse,
    private readonly word: string,
    private readonly rank: number,
  ) {
    const normal = az.normalize();
    this.lemma = (normal ? normal.word : az.word).toLowerCase();
    this.pos = az.tag.POS;
    this.tags = tagSet(az.tag);
    this.case = az.tag.CAse;
    this.gender = az.tag.GNdr;
    this.number = az.tag.NMbr;
    this.score = az.score;
    this.known = az.parser === 'Dictionary';
  }

  /** Forms already asked for, by grammemes: a name is inflected once per mention, and repeats. */
  private forms: Map<string, string | undefined> | undefined;

  inflect(grammemes: string[]): string | undefined {
    const key = grammemes.join(',');
    this.forms ??= new Map();
    if (this.forms.has(key)) return this.forms.get(key);
    const form = reparse(this.word)[this.rank]?.inflect(grammemes);
    const word = form ? form.word : undefined;
    this.forms.set(key, word);
    return word;
  }
}

export async function createMorphology(resources: ExtractorResources): Promise<Morphology> {
  await initAz(resources);
  const cache = new Map<string, readonly MorphParse[]>();
  return {
    parse(word: string): readonly MorphParse[] {
      const hit = cache.get(word);
      if (hit) return hit;
      let parses: readonly MorphParse[];
      try {
        parses = azParses(word).map((p, rank) => new Parse(p, word, rank));
      } catch {
        // az's compound parses ("интернет-ресурс") have no word of their own: such a word
        // gets no parses (the rules analyse its parts, see analysis.ts).
        parses = [];
      }
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, parses);
      return parses;
    },
  };
}
