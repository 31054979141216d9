/**
 * Nominal mentions: a descriptor noun standing for a named entity of the article
 * ("министерство", "ведомство", "компания", "суд" for an organisation; "президент",
 * "губернатор" for the person holding that title). Found here by general rules over
 * the morphology and the general-knowledge lexicons (org-heads.json, and the titles
 * below); linked to their entity, or dropped, by within-article resolution
 * (src/resolve/nominals.ts). A nominal mention never names its entity. Subject
 * pronouns ("Он", "Она" opening a sentence) are nominal mentions of a person too, under
 * the stricter conditions of findPronouns.
 *
 * A token is a nominal candidate when it is:
 *  - a Cyrillic word not inside any other mention, written in lower case (or
 *    capitalised as the first word of its sentence);
 *  - a singular-capable noun whose lemma is a one-word organisation head of the lexicon,
 *    or one of the person titles below;
 *  - standing alone: not qualified by a word before it (an adjective, numeral or
 *    participle: "российская компания", "другой суд", "бывший президент" are other
 *    things; anaphoric determiners "этот", "данный", "указанный" are fine) nor after it
 *    (a capitalised word or a quote: "компания «Газпром»", "президент Путин", where the
 *    name itself is the mention; a genitive or an adjective: "суд присяжных",
 *    "президент России", "министерство обороны"; a hyphen: "компания-производитель").
 */
import type { EntityMention } from '../../model/extraction';
import type { Sentence } from '../tokens';
import type { TokenInfo } from './analysis';
import type { Gazetteer } from './gazetteer';

/**
 * Titles one person holds at a time in a country or an organisation, so that the bare title
 * later in an article means the holder named earlier. General knowledge, not from any text.
 */
export const PERSON_TITLES: ReadonlySet<string> = new Set([
  'президент',
  'вице-президент',
  'премьер-министр',
  'премьер',
  'канцлер',
  'губернатор',
  'мэр',
  'аким',
  'генпрокурор',
  'госсекретарь',
  'спикер',
]);

/**
 * Words before a title that make it the office, not its holder: "с поста президента",
 * "выборы губернатора", "избранием президента", "как президента".
 */
const OFFICE_BEFORE = new Set(['пост', 'должность', 'выборы', 'избрание', 'кандидат', 'кресло', 'полномочие', 'обязанность', 'статус', 'титул', 'звание', 'роль', 'инаугурация', 'как', 'стать', 'становиться', 'назначить', 'избрать']);

/** Determiners that point back ("эта компания", "данное ведомство"): they keep a descriptor anaphoric. */
const ANAPHORIC = new Set(['этот', 'это', 'данный', 'указанный', 'названный', 'упомянутый', 'тот', 'сам', 'же']);

/** Parts of speech that qualify a noun from before it. */
const QUALIFIER_BEFORE = new Set(['ADJF', 'PRTF', 'NUMR', 'ADJS', 'NPRO']);
/** A word before the noun that can also be one of these does not qualify it. */
const NOT_QUALIFIER = new Set(['ADVB', 'COMP', 'PRED', 'PREP', 'CONJ', 'PRCL']);

export interface NominalCandidate {
  first: number;
  last: number;
  mention: EntityMention;
}

export interface NominalInput {
  text: string;
  infos: readonly TokenInfo[];
  sentences: readonly Sentence[];
  /** 1 for tokens inside any chosen mention. */
  covered: Uint8Array;
  heads: Gazetteer;
  /** The article's named person mentions as token ranges [first, last), in text order. */
  people?: ReadonlyArray<{ first: number; last: number }>;
}

/** Third-person subject pronouns and the gender of the person they can stand for. */
export const PERSON_PRONOUNS: ReadonlyMap<string, 'masc' | 'femn'> = new Map([
  ['он', 'masc'],
  ['она', 'femn'],
]);

/** Words that may open a sentence before its subject pronoun ("Но он", "Позже она"). */
const SENTENCE_OPENERS = new Set(['и', 'но', 'а', 'однако', 'также', 'затем', 'позже', 'позднее', 'потом', 'тогда', 'впрочем', 'кроме', 'того', 'при', 'этом', 'сам', 'сейчас', 'теперь', 'ранее', 'вчера', 'сегодня']);

/** The gender of a person mention from its name words (az's Name / Surn / Patr parses), if they agree. */
function personGender(infos: readonly TokenInfo[], first: number, last: number): 'masc' | 'femn' | undefined {
  const genders = new Set<string>();
  for (let i = first; i < last; i++) {
    const named = infos[i]!.parses.filter((p) => p.tags.has('Name') || p.tags.has('Surn') || p.tags.has('Patr'));
    const own = new Set(named.map((p) => p.gender).filter((g): g is string => g === 'masc' || g === 'femn'));
    // A word that may be either ("Саймон" as a surname of both) says nothing.
    if (own.size === 1) genders.add([...own][0]!);
  }
  return genders.size === 1 ? ([...genders][0] as 'masc' | 'femn') : undefined;
}

/**
 * Subject pronouns ("Он", "Она") opening a sentence (after at most two opening words and a
 * comma: "Позже она"), when every named person of the previous sentence has the pronoun's
 * gender and one of them is its subject (in the nominative) and no other nominative noun
 * of that gender is there to be the antecedent ("Иванов заявил, что закон ... Он" is the law's
 * "он" as much as Иванов's: left out). Resolution then links the pronoun to the one person
 * of that sentence, or drops it.
 */
function findPronouns(text: string, infos: readonly TokenInfo[], sentences: readonly Sentence[], people: ReadonlyArray<{ first: number; last: number }>): NominalCandidate[] {
  const out: NominalCandidate[] = [];
  let p = 0;
  for (let si = 1; si < sentences.length; si++) {
    const s = sentences[si]!;
    const prev = sentences[si - 1]!;
    let i = s.first;
    while (i < s.last && i < s.first + 3 && (SENTENCE_OPENERS.has(infos[i]!.lower) || infos[i]!.token.text === ',')) i++;
    if (i >= s.last) continue;
    const gender = PERSON_PRONOUNS.get(infos[i]!.lower);
    if (!gender || !infos[i]!.parses.some((x) => x.pos === 'NPRO' && x.case === 'nomn')) continue;
    while (p < people.length && people[p]!.first < prev.first) p++;
    const inPrev: Array<{ first: number; last: number }> = [];
    for (let k = p; k < people.length && people[k]!.first < prev.last; k++) inPrev.push(people[k]!);
    if (inPrev.length === 0) continue;
    if (!inPrev.every((m) => personGender(infos, m.first, m.last) === gender)) continue;
    const inPerson = new Uint8Array(prev.last - prev.first);
    for (const m of inPrev) inPerson.fill(1, m.first - prev.first, m.last - prev.first);
    // The subject: a person in the nominative, not a speaker's label ("Мустафа Джемилев: ..." in an interview).
    const subject = (m: { first: number; last: number }) => infos[m.first]!.parses[0]?.case === 'nomn' && infos[m.last]?.token.text !== ':';
    if (!inPrev.some(subject)) continue;
    let rival = false;
    for (let k = prev.first; k < prev.last; k++) {
      if (inPerson[k - prev.first] === 1) continue;
      const top = infos[k]!.parses[0];
      if (top && top.pos === 'NOUN' && top.case === 'nomn' && top.gender === gender) rival = true;
    }
    if (rival) continue;
    const { start, end } = infos[i]!.token;
    out.push({ first: i, last: i + 1, mention: { start, end, type: 'PERSON', text: text.slice(start, end), norm: infos[i]!.lower, nominal: true } });
  }
  return out;
}

/** The one-word organisation heads of the lexicon and their subtypes. */
const headsOf = new WeakMap<Gazetteer, Map<string, string | undefined>>();
function oneWordHeads(heads: Gazetteer): Map<string, string | undefined> {
  let orgHeads = headsOf.get(heads);
  if (!orgHeads) {
    orgHeads = new Map();
    for (const e of heads.lexicon.entries) if (!e.name.includes(' ')) orgHeads.set(e.name, e.subtype);
    headsOf.set(heads, orgHeads);
  }
  return orgHeads;
}

/**
 * Whether a one-token organisation mention is only a head noun capitalised because it opens
 * its sentence ("Министерство сообщило..."): no name, but a descriptor (the tagger takes some).
 */
export function isBareHead(infos: readonly TokenInfo[], first: number, last: number, sentenceFirst: number, heads: Gazetteer): boolean {
  if (last !== first + 1 || first !== sentenceFirst) return false;
  const info = infos[first]!;
  if (info.upper || !info.cyr) return false;
  const orgHeads = oneWordHeads(heads);
  return nounLemma(info, (l) => orgHeads.has(l)) !== undefined;
}

export function findNominals({ text, infos, sentences, covered, heads, people = [] }: NominalInput): NominalCandidate[] {
  const orgHeads = oneWordHeads(heads);
  const out: NominalCandidate[] = findPronouns(text, infos, sentences, people);
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const info = infos[i]!;
      if (covered[i] === 1 || !info.cyr || info.token.kind !== 'word' || info.upper) continue;
      if (info.cap && i !== s.first) continue;
      const lemma = nounLemma(info, (l) => orgHeads.has(l) || PERSON_TITLES.has(l));
      if (lemma === undefined) continue;
      if (qualifiedBefore(infos, i, s.first) || qualifiedAfter(infos, i, s.last)) continue;
      const type = PERSON_TITLES.has(lemma) ? 'PERSON' : 'ORGANIZATION';
      if (type === 'PERSON' && i > s.first && [...infos[i - 1]!.keys].some((k) => OFFICE_BEFORE.has(k))) continue;
      const subtype = type === 'ORGANIZATION' ? orgHeads.get(lemma) : undefined;
      const { start, end } = info.token;
      out.push({
        first: i,
        last: i + 1,
        mention: { start, end, type, ...(subtype ? { subtype } : {}), text: text.slice(start, end), norm: lemma, nominal: true },
      });
    }
  }
  return out.sort((a, b) => a.first - b.first);
}

/** The lemma of a noun parse that `wanted` accepts and that can be singular, if any. */
function nounLemma(info: TokenInfo, wanted: (lemma: string) => boolean): string | undefined {
  for (const p of info.parses) {
    if (p.pos !== 'NOUN' || p.number === 'plur') continue;
    const lemma = p.lemma.replace(/ё/g, 'е');
    if (wanted(lemma)) return lemma;
  }
  return undefined;
}

function qualifiedBefore(infos: readonly TokenInfo[], i: number, sentenceFirst: number): boolean {
  if (i === sentenceFirst) return false;
  const prev = infos[i - 1]!;
  if (prev.token.text === '-' || prev.token.text === '‑') return true;
  if (prev.token.kind !== 'word') return false;
  if ([...prev.keys].some((k) => ANAPHORIC.has(k))) return false;
  // A capitalised word right before ("Верховный суд" missed by the rules, "ФСБ президент") is part
  // of a name; the first word of the sentence is capitalised anyway ("В ведомстве").
  if (prev.upper || !prev.cyr || (prev.cap && i - 1 !== sentenceFirst)) return true;
  // An adjective that may also be an adverb ("Позднее министерство", "Также компания") is read as the adverb.
  const top = prev.parses[0];
  return top !== undefined && QUALIFIER_BEFORE.has(top.pos ?? '') && !prev.parses.some((p) => NOT_QUALIFIER.has(p.pos ?? ''));
}

function qualifiedAfter(infos: readonly TokenInfo[], i: number, sentenceLast: number): boolean {
  if (i + 1 >= sentenceLast) return false;
  const next = infos[i + 1]!;
  const t = next.token.text;
  if (/^[«"„“'‑-]$/.test(t) && !next.token.spaceBefore) return true;
  if (/^[«"„“]$/.test(t)) return true;
  if (next.token.kind === 'number') return true;
  if (next.token.kind !== 'word') return false;
  if (next.cap || next.upper || !next.cyr) return true;
  // "суд присяжных", "президент компании", "министерство обороны", "компания лидер": a genitive
  // or an adjective after the noun makes it a particular one the rules did not name.
  const top = next.parses[0];
  if (!top) return false;
  if (top.pos === 'NOUN' && (top.case === 'gent' || top.case === 'gen2')) return true;
  if (top.pos === 'ADJF' && (top.case === 'gent' || top.case === 'gen2')) return true;
  return false;
}
