/**
 * Closed classes of English words the entity layer reasons with: grammar words and
 * cues, not names. Names live in the lexicons under graph-data/lexicons/en.
 */
import nlp from 'compromise';
import type { EnToken } from './tokens';

/** Words that may join capitalised words inside one organisation or place name. */
export const NAME_CONNECTORS = new Set(['of', 'for', 'on', 'and', '&', 'the', 'in']);
/** Particles inside personal names ("Ibn Sina", "van Gogh"). */
export const NAME_PARTICLES = new Set(['de', 'del', 'della', 'da', 'dos', 'van', 'von', 'der', 'den', 'al', 'el', 'bin', 'ibn', 'ben', 'la', 'le']);

/** Honorifics and ranks written before a name. */
export const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'lord', 'lady', 'prof', 'gen', 'col', 'lt', 'maj', 'capt', 'sgt', 'rev', 'gov', 'sen', 'rep', 'pres', 'insp', 'supt', 'cmdr',
]);

/** Month names, which compromise sometimes tags as given names ("April", "June"). */
export const MONTH_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

/** Verbs of saying: "X said", "said X". */
export const SPEECH_VERBS = new Set([
  'say', 'said', 'says', 'tell', 'told', 'add', 'added', 'note', 'noted', 'state', 'stated', 'stress', 'stressed', 'explain', 'explained', 'announce', 'announced',
  'declare', 'declared', 'emphasise', 'emphasised', 'emphasize', 'emphasized', 'warn', 'warned', 'claim', 'claimed', 'report', 'reported', 'remark', 'remarked',
  'insist', 'insisted', 'admit', 'admitted', 'recall', 'recalled', 'underline', 'underlined', 'comment', 'commented', 'write', 'wrote', 'urge', 'urged',
]);

/** Prepositions after which a lone capitalised name is usually a place. */
export const PLACE_PREPOSITIONS = new Set(['in', 'near', 'outside', 'across', 'from', 'to', 'into', 'throughout', 'around', 'via']);

/** Lower-case words after a name that make it a place ("Zhambyl region"). */
export const PLACE_SUFFIXES: Record<string, string> = {
  region: 'region', oblast: 'region', province: 'region', district: 'region', county: 'region', prefecture: 'region', territory: 'region', republic: 'region',
  city: 'city', town: 'city', village: 'city', settlement: 'city',
};

/** Surname endings common in the region's names (Russian, Kazakh, Ukrainian, Georgian, Armenian ...). */
const SURNAME_ENDING = /(ov|ova|ev|eva|yev|yeva|iev|ieva|in|ina|yn|yna|sky|skiy|skii|ska|skaya|enko|chuk|czuk|uk|yuk|vich|vych|uly|kyzy|dze|shvili|yan|ian|baev|bayev|bayeva|bekov|bekova|ko|ski|escu|ez|oglu|zade)$/i;

export function hasSurnameShape(token: EnToken): boolean {
  if (token.tags.has('Demonym') || token.tags.has('Adjective')) return false;
  return token.key.length >= 5 && SURNAME_ENDING.test(token.key);
}

/** Cues that a sentence speaks of drugs or crime (for lexicon forms that are everyday words). */
const CRIME_CONTEXT = /^(drug|narcotic|narco|seize|seized|seizure|confiscat|police|polic|dealer|traffick|smuggl|crime|criminal|arrest|detain|overdose|addict|illegal|illicit|cartel|gang|dose|heroin|cocaine|cannabis|marijuana|opium)/;

export function isCrimeContext(tokens: readonly EnToken[], first: number, last: number): boolean {
  for (let i = first; i < last; i++) {
    const token = tokens[i];
    if (token && CRIME_CONTEXT.test(token.key)) return true;
  }
  return false;
}

/** compromise's own dictionary: word -> tag. */
const LEXICON = (nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }).world().model.one.lexicon;
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Country', 'City', 'Region', 'Place', 'Organization', 'ProperNoun', 'Honorific', 'Month', 'WeekDay', 'Holiday']);

/** True when compromise's dictionary knows the word as an ordinary word (not a name). */
export function isCommonWord(token: EnToken): boolean {
  for (const word of [token.key, token.lemma]) {
    const tag = LEXICON[word];
    if (tag === undefined) continue;
    const tags = Array.isArray(tag) ? tag : [tag];
    if (!tags.some((t) => NAME_TAGS.has(t))) return true;
  }
  return false;
}

const PERSON_TAGS = ['Person', 'FirstName', 'LastName', 'MaleName', 'FemaleName'];
const PLACE_TAGS = ['Country', 'City', 'Region', 'Place'];

export function hasPersonTag(token: EnToken): boolean {
  return PERSON_TAGS.some((t) => token.tags.has(t)) && !token.tags.has('Honorific');
}

export function hasPlaceTag(token: EnToken): boolean {
  return PLACE_TAGS.some((t) => token.tags.has(t));
}

/** Words that can never start or be a name even when capitalised. */
export function isFunctionWord(token: EnToken): boolean {
  const t = token.tags;
  return (
    t.has('Determiner') || t.has('Pronoun') || t.has('Preposition') || t.has('Conjunction') || t.has('Adverb') || t.has('QuestionWord') ||
    t.has('Modal') || t.has('Copula') || t.has('Auxiliary') || t.has('Negative') || t.has('Value') || t.has('Date') || t.has('Month') || t.has('WeekDay')
  );
}
