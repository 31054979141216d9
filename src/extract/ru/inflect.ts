/**
 * Canonical nominative forms. Two cases:
 * - phrases (organisations, places): the head noun goes to the nominative, the
 *   adjectives before it agree, the tail stays as written ("Департамента по
 *   противодействию наркопреступности" -> "Департамент по противодействию наркопреступности");
 * - person names: every part goes to the nominative under one case and gender for the
 *   whole name ("Тлегена Маткенова" -> "Тлеген Маткенов", "Айтжановой" -> "Айтжанова").
 *   Surnames follow their regular paradigms (az gives female surnames a masculine lemma);
 *   first names and patronymics come from az's Name/Patr parses.
 */
import type { MorphParse } from './morph';
import { foldYo, type TokenInfo } from './analysis';

export const CASES = ['nomn', 'gent', 'datv', 'accs', 'ablt', 'loct'] as const;
export type Case = (typeof CASES)[number];
export type Gender = 'masc' | 'femn';

/** Gives `word` the letter case pattern of `model` ("МИНФИН"/"Минфин"/"минфин"), part by part for hyphenated words. */
export function matchCase(model: string, word: string): string {
  if (model.length >= 2 && model === model.toUpperCase() && model !== model.toLowerCase()) return word.toUpperCase();
  const mParts = model.split('-');
  const wParts = word.toLowerCase().split('-');
  return wParts
    .map((w, i) => {
      const m = mParts[Math.min(i, mParts.length - 1)] ?? '';
      const c = m.charAt(0);
      return c !== c.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    })
    .join('-');
}

function caseOf(p: MorphParse): string | undefined {
  return p.case === 'gen2' ? 'gent' : p.case === 'loc2' ? 'loct' : p.case === 'acc2' ? 'accs' : p.case;
}

function isNoun(p: MorphParse): boolean {
  return p.pos === 'NOUN';
}

function isAdj(p: MorphParse): boolean {
  return p.pos === 'ADJF' || p.pos === 'PRTF';
}

/**
 * Nominative of a name phrase over tokens [first, last). Leading adjectives agree with
 * the head; everything after the head (genitive tail, quoted name) is kept as written.
 */
export function nominativePhrase(infos: readonly TokenInfo[], first: number, last: number, text: string, offset: number, singular = false): string {
  // The head: first token that can be a noun; before it adjectives, "и" between adjectives
  // ("Всемирная продовольственная и сельскохозяйственная организация") and an opening quote.
  let head = -1;
  for (let i = first; i < last; i++) {
    const info = infos[i]!;
    if (i > first && (info.lower === 'и' || OPEN_QUOTE.has(info.token.text))) continue;
    if (info.token.kind !== 'word' || info.parses.length === 0) break;
    const noun = info.parses.some(isNoun);
    const adj = info.parses.some(isAdj);
    if (noun && (!adj || i === last - 1 || !infos[i + 1]!.parses.some((p) => isNoun(p) || isAdj(p)) || info.parses.findIndex(isNoun) < info.parses.findIndex(isAdj))) {
      head = i;
      break;
    }
    if (!adj) break;
  }
  if (head < 0) return foldedText(infos, first, last, text, offset);
  const headInfo = infos[head]!;
  // Mixed-case names ("БелТА") and abbreviations are not inflected.
  if (headInfo.upper || /[a-zа-яё][A-ZА-ЯЁ]/.test(headInfo.token.norm)) return foldedText(infos, first, last, text, offset);
  // Prefer the head parse whose case the adjectives share, then proper-name parses, then az's order.
  const adjCases = new Set<string>();
  for (let i = first; i < head; i++) for (const p of infos[i]!.parses) if (isAdj(p)) adjCases.add(caseOf(p) ?? '');
  const nouns = headInfo.parses.filter(isNoun);
  const ranked = [...nouns].sort((a, b) => rankHead(b, adjCases, headInfo) - rankHead(a, adjCases, headInfo));
  const hp = ranked[0];
  if (!hp) return foldedText(infos, first, last, text, offset);
  if (hp.tags.has('Fixd')) return foldedText(infos, first, last, text, offset);
  const number = hp.tags.has('Pltm') || (hp.number === 'plur' && !singular) ? 'plur' : 'sing';
  const headNom = caseOf(hp) === 'nomn' && (hp.number === number || hp.number === undefined) ? headInfo.token.norm : inflectWord(headInfo.token.norm, (w) => hp.inflect(['nomn', number]) ?? w);
  const words: string[] = [];
  for (let i = first; i < head; i++) {
    const info = infos[i]!;
    if (info.lower === 'и' || info.token.kind !== 'word') {
      words.push(info.token.norm);
      continue;
    }
    const agrees = (p: MorphParse) => isAdj(p) && caseOf(p) === caseOf(hp) && (number === 'plur' ? p.number === 'plur' : p.gender === hp.gender || p.gender === undefined);
    const ap = info.parses.find((p) => agrees(p) && p.pos === 'ADJF') ?? info.parses.find(agrees);
    const target = number === 'plur' ? ['nomn', 'plur'] : ['nomn', hp.gender ?? 'masc', 'sing'];
    // Participles keep their voice and tense ("организованная", not "организовавшая").
    if (ap?.pos === 'PRTF') for (const g of ['pssv', 'actv', 'past', 'pres', 'perf', 'impf']) if (ap.tags.has(g)) target.push(g);
    const form = ap?.inflect(target);
    words.push(form ? inflectWord(info.token.norm, () => form) : info.token.norm);
  }
  words.push(headNom);
  const tail = head + 1 < last ? text.slice(headInfo.token.end - offset, infos[last - 1]!.token.end - offset) : '';
  return (words.join(' ') + tail).replace(/\s+/g, ' ').replace(/([«"“]) /g, '$1').trim();
}

const OPEN_QUOTE = new Set(['«', '"', '“', '„']);

/**
 * Applies an inflection to a word keeping its case pattern. For a hyphenated word az's
 * form may drop the first part ("российско-американской" -> "американская"): keep the
 * written prefix and take only the last part from the inflected form.
 */
function inflectWord(written: string, inflect: (w: string) => string): string {
  const form = inflect(written);
  const dash = written.lastIndexOf('-');
  if (dash > 0) {
    const prefix = written.slice(0, dash + 1);
    const formLast = form.includes('-') ? form.slice(form.lastIndexOf('-') + 1) : form;
    if (!form.toLowerCase().startsWith(prefix.toLowerCase())) return prefix + matchCase(written.slice(dash + 1), formLast);
  }
  return matchCase(written, form);
}

function rankHead(p: MorphParse, adjCases: ReadonlySet<string>, head: TokenInfo): number {
  let r = p.score;
  if (adjCases.size > 0 && adjCases.has(caseOf(p) ?? '')) r += 2;
  if (head.cap && (p.tags.has('Geox') || p.tags.has('Orgn'))) r += 1;
  if (p.known) r += 0.5;
  // A name the dictionary does not know ("Тоттенхэм") is most likely written as it is.
  if (!head.known && caseOf(p) === 'nomn' && p.number !== 'plur') r += 1;
  return r;
}

/** The text of tokens [first, last) with homoglyphs folded and whitespace collapsed. */
export function foldedText(infos: readonly TokenInfo[], first: number, last: number, text: string, offset: number): string {
  let out = '';
  for (let i = first; i < last; i++) {
    const t = infos[i]!.token;
    if (i > first) {
      const gap = text.slice(infos[i - 1]!.token.end - offset, t.start - offset);
      out += gap.length > 0 ? ' ' : '';
    }
    out += t.norm;
  }
  return out;
}

// ---------------------------------------------------------------- person names

/** One reading of a name word: its nominative under a case and gender. */
interface Reading {
  nom: string;
  cases: readonly string[] | 'any';
  gender: Gender | 'any';
  score: number;
  /** Guessed by stripping a case ending from a word the dictionary does not know. */
  guessed?: boolean;
}

const RUSSIAN_SURNAME = /^(.*(?:ов|ев|ёв|ин|ын))(а|у|ым|е|ой|ою|ы|ых|ыми)?$/;
const ADJ_SURNAME = /^(.*(?:ск|цк|зк|[кгх]))(ий|ого|ому|им|ом|ая|ой|ую|ие|их)$/;
const INDECLINABLE_SURNAME = /(?:енко|ко|ых|их|дзе|швили|уа|улы|кызы|ия|о|и|э|ю)$|^.{3,}(?:яну|еску)$/; // (Romanian "Нисипяну", "Чаушеску")
const CONSONANT_FINAL = /[бвгджзклмнпрстфхцчшщ]$/;
/** (not "-ю": an unknown first name in "-ю" is a Russian dative, "Бесселю" -> "Бессель") */
const FOREIGN_VOWEL_END = /[иеоуэ]$/;
/** First names ending so are foreign and do not decline ("Сейдзи", "Фелипе", "Тору"); "-ю" is a Russian dative. */
const FOREIGN_FIRST_NAME_END = /[иеоуэ]$/;

/** Readings of a surname by its regular paradigm. */
export function surnameReadings(lower: string): Reading[] {
  let m = RUSSIAN_SURNAME.exec(lower);
  if (m) {
    const base = m[1]!;
    switch (m[2]) {
      case undefined:
        return [{ nom: base, cases: ['nomn'], gender: 'masc', score: 1 }];
      case 'а':
        return [
          { nom: base, cases: ['gent', 'accs'], gender: 'masc', score: 1 },
          { nom: base + 'а', cases: ['nomn'], gender: 'femn', score: 1 },
        ];
      case 'у':
        return [
          { nom: base, cases: ['datv'], gender: 'masc', score: 1 },
          { nom: base + 'а', cases: ['accs'], gender: 'femn', score: 1 },
        ];
      case 'ым':
        return [{ nom: base, cases: ['ablt'], gender: 'masc', score: 1 }];
      case 'е':
        return [{ nom: base, cases: ['loct'], gender: 'masc', score: 1 }];
      case 'ой':
      case 'ою':
        return [{ nom: base + 'а', cases: ['gent', 'datv', 'ablt', 'loct'], gender: 'femn', score: 1 }];
      default:
        return [{ nom: base + 'ы', cases: 'any', gender: 'any', score: 0.5 }];
    }
  }
  m = ADJ_SURNAME.exec(lower);
  if (m) {
    const base = m[1]!;
    const masc = base + 'ий';
    const femn = base + 'ая';
    switch (m[2]) {
      case 'ий':
        return [{ nom: masc, cases: ['nomn'], gender: 'masc', score: 1 }];
      case 'ого':
        return [{ nom: masc, cases: ['gent', 'accs'], gender: 'masc', score: 1 }];
      case 'ому':
        return [{ nom: masc, cases: ['datv'], gender: 'masc', score: 1 }];
      case 'им':
        return [{ nom: masc, cases: ['ablt'], gender: 'masc', score: 1 }];
      case 'ом':
        return [{ nom: masc, cases: ['loct'], gender: 'masc', score: 1 }];
      case 'ая':
        return [{ nom: femn, cases: ['nomn'], gender: 'femn', score: 1 }];
      case 'ой':
        return [{ nom: femn, cases: ['gent', 'datv', 'ablt', 'loct'], gender: 'femn', score: 1 }];
      case 'ую':
        return [{ nom: femn, cases: ['accs'], gender: 'femn', score: 1 }];
      default:
        return [{ nom: lower, cases: 'any', gender: 'any', score: 0.5 }];
    }
  }
  if (INDECLINABLE_SURNAME.test(lower) && (!/[бвгджзклмнпрстфхцчшщ](?:е|у|ю)$/.test(lower) || /(?:яну|еску)$/.test(lower))) return [{ nom: lower, cases: 'any', gender: 'any', score: 1 }];
  const out: Reading[] = [];
  // Consonant stems decline like nouns for men ("Януковичем" -> "Янукович", "Вольфа" -> "Вольф").
  const cm = /^(.*[бвгджзклмнпрстфхцчшщ])(а|у|ом|ем|е)$/.exec(lower);
  if (cm && cm[1]!.length >= 2) {
    const cases: Record<string, string[]> = { а: ['gent', 'accs'], у: ['datv'], ом: ['ablt'], ем: ['ablt'], е: ['loct'] };
    // A stem in -ав is a first name's (Ярослав, which the dictionary knows), hardly a surname's:
    // a surname in -ава is a nominative (Окуджава, Ланчава).
    out.push({ nom: cm[1]!, cases: cases[cm[2]!]!, gender: 'masc', score: /ав$/.test(cm[1]!) && cm[2] === 'а' ? 0.2 : 0.7, guessed: true });
  }
  // Stems in -а decline like "мама" for both sexes ("Обамы", "Обамой" -> "Обама").
  const am = /^(.*[бвгджзклмнпрстфхцчшщ])(ы|и|е|у|ой|ей)$/.exec(lower);
  if (am && am[1]!.length >= 2) {
    const cases: Record<string, string[]> = { ы: ['gent'], и: ['gent'], е: ['datv', 'loct'], у: ['accs'], ой: ['ablt'], ей: ['ablt'] };
    // (not `guessed`: a final -ы/-ой is rarely part of a name, even a foreign one: "Маехары" -> "Маехара")
    out.push({ nom: am[1]! + 'а', cases: cases[am[2]!]!, gender: 'any', score: 0.5 });
  }
  // Soft stems: "Бесселя" -> "Бессель".
  const sm = /^(.*[лнр])(я|ю|ем|е)$/.exec(lower);
  if (sm && sm[1]!.length >= 3) {
    const cases: Record<string, string[]> = { я: ['gent', 'accs'], ю: ['datv'], ем: ['ablt'], е: ['loct'] };
    out.push({ nom: sm[1]! + 'ь', cases: cases[sm[2]!]!, gender: 'masc', score: 0.6, guessed: true });
  }
  if (CONSONANT_FINAL.test(lower) || lower.endsWith('ь') || lower.endsWith('й')) {
    // Women's surnames of this shape do not decline.
    const declined = out.length > 0; // "Крамником", "Обамой": the ending is more likely a case ending
    out.push({ nom: lower, cases: ['nomn'], gender: 'masc', score: declined ? 0.4 : 1 }, { nom: lower, cases: 'any', gender: 'femn', score: declined ? 0.3 : 0.6 });
  } else if (out.length > 0 && /[ая]$/.test(lower)) {
    // "Харада", "Райкконена": written as it is, a name in -а is a nominative (an a-stem's other
    // cases end otherwise), so the case around it can still tell a genitive "Райкконена".
    out.push({ nom: lower, cases: ['nomn'], gender: 'any', score: 0.3 });
  } else {
    out.push({ nom: lower, cases: 'any', gender: 'any', score: out.length > 0 ? 0.3 : 0.6 });
  }
  return out;
}

function feminineSurname(masculine: string): string {
  if (/(?:ов|ев|ёв|ин|ын)$/.test(masculine)) return masculine + 'а';
  if (/(?:ский|цкий)$/.test(masculine)) return masculine.slice(0, -2) + 'ая';
  return masculine;
}

/** Readings of a first name or patronymic from az parses with the grammeme (Name / Patr). */
function parsedReadings(info: TokenInfo, grammeme: 'Name' | 'Patr'): Reading[] {
  const out: Reading[] = [];
  const anyTagged = info.parses.some((p) => p.pos === 'NOUN' && p.number !== 'plur' && p.tags.has(grammeme));
  for (const p of info.parses) {
    if (p.pos !== 'NOUN' || p.number === 'plur') continue;
    const tagged = p.tags.has(grammeme);
    if (!tagged && anyTagged) continue;
    // az's prefix guesser can cut the start off an unknown word ("Масахару" -> "сахар").
    // (ё folded on both sides: "Петра" -> "пётр"). A dictionary name may lose a fleeting vowel
    // right after its first letter ("Льва" -> "лев"): there the first letter is enough.
    const lemma = foldYo(p.lemma);
    if (lemma[0] !== info.lower[0] || (!p.known && lemma.slice(0, 2) !== info.lower.slice(0, 2))) continue;
    const c = caseOf(p);
    if (c === undefined) continue;
    const gender: Gender | 'any' = p.gender === 'masc' ? 'masc' : p.gender === 'femn' ? 'femn' : 'any';
    const fixed = p.tags.has('Fixd');
    // Untagged parses ("Касым-Жомарт" guessed as a common noun) still give a nominative, at a discount.
    // az's probabilities come from general text, where "Александра" is mostly a woman's name in
    // the nominative; in news the genitive of "Александр" is as likely, so they weigh little here.
    // An indeclinable reading ("Анне" the French name) yields to a declined one ("Анне" = Анна, dative).
    out.push({ nom: p.lemma, cases: fixed ? 'any' : [c], gender: tagged ? gender : 'any', score: ((p.known ? 1 : 0.5) + 0.2 * p.score) * (tagged ? 1 : 0.4) * (fixed ? 0.6 : 1) });
  }
  return out;
}

const PATRONYMIC = /^(.*(?:ович|евич|ич))(а|у|ем|е)?$|^(.*(?:овн|евн|ичн|иничн))(а|ы|е|у|ой)$/;

function patronymicReadings(lower: string): Reading[] {
  const m = PATRONYMIC.exec(lower);
  if (!m) return [];
  if (m[1] !== undefined) {
    const cases: Record<string, string[]> = { '': ['nomn'], а: ['gent', 'accs'], у: ['datv'], ем: ['ablt'], е: ['loct'] };
    return [{ nom: m[1], cases: cases[m[2] ?? '']!, gender: 'masc', score: 1 }];
  }
  const cases: Record<string, string[]> = { а: ['nomn'], ы: ['gent'], е: ['datv', 'loct'], у: ['accs'], ой: ['ablt'] };
  return [{ nom: m[3]! + 'а', cases: cases[m[4]!]!, gender: 'femn', score: 1 }];
}

export function isPatronymicWord(lower: string): boolean {
  return PATRONYMIC.test(lower) && lower.length > 5;
}

export type NameRole = 'first' | 'patronymic' | 'surname' | 'initial' | 'particle';

/** Lower-case particles inside names: "Усама бин Ладен", "Ахмад ибн Хамид", "Урсула фон дер Ляйен". */
export const NAME_PARTICLES = new Set(['бин', 'ибн', 'бен', 'аль', 'эль', 'ад', 'ас', 'фон', 'дер', 'ван', 'де', 'ди', 'да', 'дель', 'дос', 'дю', 'ла', 'ле']);

/**
 * Particles that news also writes capitalised, first or inside a name, and that never
 * decline: "Абу Машар", "Эссам Абд Эль Фатах", "Ле Пен", "Де Ниро", "Ди Каприо".
 * Not "Бен": capitalised, it is a first name that declines ("Бена Аффлека").
 */
export const CAPITALISED_NAME_PARTICLES = new Set([...[...NAME_PARTICLES].filter((p) => p !== 'бен'), 'абу', 'абд']);

export interface NamePart {
  info: TokenInfo;
  role: NameRole;
}

export interface PersonNormalisation {
  norm: string;
  gender: Gender | 'any';
  case: string;
  score: number;
  /** Normalised form of each part, in order ("" for punctuation). */
  parts: string[];
}

function capitalise(word: string): string {
  return word
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('-');
}

function readingsOf(part: NamePart): Reading[] {
  const lower = part.info.lower;
  switch (part.role) {
    case 'initial':
      return [{ nom: part.info.token.norm + '.', cases: 'any', gender: 'any', score: 1 }];
    case 'particle':
      // As written: "бин" stays lower-case, "Абу" and "Ле" stay capitalised.
      return [{ nom: part.info.token.norm, cases: 'any', gender: 'any', score: 1 }];
    case 'patronymic':
    {
      // az's Patr lemma is the father's name ("Николаевич" -> "николай"): the suffix rules know better.
      const own = patronymicReadings(lower);
      return own.length > 0 ? own : parsedReadings(part.info, 'Patr');
    }
    case 'first': {
      // "Фелипе", "Саломе", "Сейдзи", "Хорхе", "Тору": a first name ending in such a vowel that the
      // dictionary does not know as a name does not decline (az would guess "Фелип", "Хорх").
      if (FOREIGN_FIRST_NAME_END.test(lower) && !part.info.parses.some((p) => p.known && p.tags.has('Name'))) return [{ nom: lower, cases: 'any', gender: 'any', score: 1 }];
      const r = parsedReadings(part.info, 'Name');
      if (r.length > 0) return r;
      if (part.info.parses.length === 0) return [{ nom: lower, cases: 'any', gender: 'any', score: 0.5 }];
      // "Синдзи", "Фелипе", "Тору", "Абу": an unknown first name ending in such a vowel does not decline.
      if (FOREIGN_VOWEL_END.test(lower)) return [{ nom: lower, cases: 'any', gender: 'any', score: 0.5 }];
      return surnameReadings(lower).map((x) => ({ ...x, score: x.score * 0.5 }));
    }
    case 'surname': {
      if (part.info.parses.length === 0 && !part.info.cyr) return [{ nom: part.info.token.norm, cases: 'any', gender: 'any', score: 1 }];
      // The dictionary knows many surnames with their cases; its lemma is masculine, so women's
      // forms are rebuilt ("Айтжановой" -> "Айтжанова").
      const known: Reading[] = [];
      for (const p of part.info.parses) {
        if (!p.known || !p.tags.has('Surn') || p.pos !== 'NOUN' || p.number === 'plur') continue;
        const c = caseOf(p);
        if (!c) continue;
        const gender: Gender | 'any' = p.gender === 'femn' ? 'femn' : p.gender === 'masc' ? 'masc' : 'any';
        known.push({ nom: gender === 'femn' ? feminineSurname(p.lemma) : p.lemma, cases: p.tags.has('Fixd') ? 'any' : [c], gender, score: 1.2 });
      }
      return [...known, ...surnameReadings(lower)];
    }
  }
}

export interface NameContext {
  /** Bonus per case from the words around the name (prepositions, verbs). */
  caseBonus?: Partial<Record<string, number>>;
  genderBonus?: Partial<Record<Gender, number>>;
}

const CASE_PRIOR: Record<string, number> = { nomn: 0.3, gent: 0.15, datv: 0.05, accs: 0.05, ablt: 0.05, loct: 0.05 };
/** News names men far more often than women: an even split of evidence goes to the masculine reading. */
const GENDER_PRIOR: Record<Gender, number> = { masc: 0.3, femn: 0 };

const VOWELS = /[аеёиоуыэюя]/g;

/**
 * "Ким Чен Ир", "Хван Чжан Еп", "Ли Мён Бак": three one-syllable words (Korean,
 * Chinese, Vietnamese names; the outer ones may carry a case ending: "Кима Чен Ира").
 */
function isSyllabicName(parts: readonly NamePart[]): boolean {
  if (parts.length !== 3) return false;
  return parts.every((p, k) => (p.role === 'first' || p.role === 'surname') && isSyllableWord(p.info, k === 1));
}

/**
 * "Си Цзиньпин", "Ху Цзиньтао", "Ли Кэцян": a Chinese name of two words, the one-syllable
 * family name first. The family name is no Russian first name (the dictionary does not know
 * it as one: not "Лев Толстой", "Ян Гус") and never declines; the given name declines like a
 * masculine surname ("с Си Цзиньпином"). Without this the undeclined first word blocked every
 * oblique reading and the name kept its case ending.
 */
function isFamilyNameFirst(parts: readonly NamePart[]): boolean {
  if (parts.length !== 2) return false;
  const [family, given] = parts as [NamePart, NamePart];
  if ((given.role !== 'surname' && given.role !== 'first') || (family.role !== 'surname' && family.role !== 'first')) return false;
  if (!family.info.cap || !isSyllableWord(family.info, true) || family.info.lower.length < 2 || family.info.lower.length > 3) return false;
  if (family.info.parses.some((p) => p.known && (p.tags.has('Name') || p.tags.has('Surn')))) return false;
  // The given name is one word of two or more syllables, not another one-syllable word.
  return given.info.cyr && !/-/.test(given.info.lower) && (given.info.lower.match(VOWELS) ?? []).length >= 2;
}

function familyNameFirstReadings(parts: readonly NamePart[]): Reading[][] {
  const given = surnameReadings(parts[1]!.info.lower);
  // An instrumental ending is a man's declension: a woman's given name would not decline at all.
  const declined = /[^аеёиоуыэюя][ое]м$/.test(parts[1]!.info.lower) ? given.filter((r) => r.cases !== 'any' && r.cases.includes('ablt')) : [];
  return [[{ nom: parts[0]!.info.lower, cases: 'any', gender: 'any', score: 1 }], declined.length > 0 ? declined : given];
}

/**
 * A word that can be one syllable of such a name. The middle word never declines: one
 * syllable as written. The outer ones: one syllable, or two when the second is a case
 * ending ("Кима", "Епа", "Ыном").
 */
export function isSyllableWord(info: Pick<TokenInfo, 'lower' | 'cyr'>, middle: boolean): boolean {
  const lower = info.lower;
  const vowels = (lower.match(VOWELS) ?? []).length;
  if (!info.cyr || /-/.test(lower) || vowels === 0) return false;
  if (middle) return vowels === 1 && lower.length <= 4;
  // Two syllables when the second is a case ending: "Кима", "Епа", or the instrumental "Ыном", "Кимом".
  return lower.length <= 5 && (vowels === 1 || (vowels === 2 && (/[аеуыиоя]$/.test(lower) || /[^аеёиоуыэюя][ое]м$/.test(lower)) && lower.length >= 3));
}

/**
 * Readings of the words of a syllabic name: the outer words decline by their shape only
 * (the dictionary's Russian "Ира" is no reading of "Ир"), the middle one does not decline.
 * Texts decline the family name too ("Кима Чен Ира") or only the last word ("с Ким Чен
 * Ыном"), so the family name may also stay as written, and it only ever loses an ending
 * ("Ким" is no instrumental of an adjective "Кий").
 */
function syllabicReadings(part: NamePart, index: number): Reading[] {
  const lower = part.info.lower;
  if (index === 1) return [{ nom: lower, cases: 'any', gender: 'any', score: 1 }];
  // Each word is one syllable in the nominative: a second vowel is a case ending, so "Ина" is
  // the genitive of "Ин", never a woman's surname "Ина" (these names have no feminine forms).
  const oneSyllable = (r: Reading) => (r.nom.match(VOWELS) ?? []).length <= 1;
  if (index === 2) {
    const readings = surnameReadings(lower);
    const syllables = readings.filter(oneSyllable);
    return syllables.length > 0 ? syllables : readings;
  }
  return [...surnameReadings(lower).filter((r) => lower.startsWith(r.nom)), { nom: lower, cases: 'any', gender: 'any', score: 0.25 }];
}

/**
 * All consistent readings of a name, best first: for each case and gender, every part
 * must have a reading with that case and gender (or one valid in any).
 */
export function normalisePersonName(parts: readonly NamePart[], context: NameContext = {}): PersonNormalisation[] {
  const eastAsian = isSyllabicName(parts) ? parts.map(syllabicReadings) : isFamilyNameFirst(parts) ? familyNameFirstReadings(parts) : undefined;
  let readings = eastAsian ?? parts.map(readingsOf);
  // Next to a visibly foreign first name ("Синдзи Харада", "Хорхе Ларрионда") a final -а is more
  // likely part of the name than a case ending: guessed declensions count for less. (A Chinese
  // family name in -и, "Си", is no such first name: its given name declines.)
  if (!eastAsian && parts.some((p) => p.role === 'first' && FOREIGN_FIRST_NAME_END.test(p.info.lower) && !p.info.parses.some((x) => x.known && x.tags.has('Name')))) {
    readings = readings.map((rs) => rs.map((r) => (r.guessed ? { ...r, score: r.score * 0.25 } : r)));
  }
  const out: PersonNormalisation[] = [];
  for (const c of CASES) {
    for (const g of ['masc', 'femn'] as const) {
      let score = (CASE_PRIOR[c] ?? 0) + GENDER_PRIOR[g] + (context.caseBonus?.[c] ?? 0) + (context.genderBonus?.[g] ?? 0);
      const norms: string[] = [];
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const rs = readings[i]!;
        let best: Reading | undefined;
        for (const r of rs) {
          if (r.gender !== 'any' && r.gender !== g) continue;
          if (r.cases !== 'any' && !r.cases.includes(c)) continue;
          if (!best || r.score > best.score) best = r;
        }
        if (!best) {
          ok = false;
          break;
        }
        score += best.score;
        const role = parts[i]!.role;
        const nom = restoreYo(best.nom, parts[i]!.info.token.norm);
        norms.push(role === 'initial' || role === 'particle' ? nom : capitalise(nom));
      }
      if (!ok) continue;
      out.push({ norm: joinNameParts(parts, norms), gender: g, case: c, score, parts: norms });
    }
  }
  if (out.length === 0) {
    const norms = parts.map((p) => (p.role === 'initial' ? p.info.token.norm + '.' : p.role === 'particle' ? p.info.lower : capitalise(p.info.lower)));
    out.push({ norm: joinNameParts(parts, norms), gender: 'any', case: 'nomn', score: 0, parts: norms });
  }
  out.sort((a, b) => b.score - a.score);
  return out;
}

/** Puts back the ё the text wrote ("Семёнова" -> "семенов" -> "семёнов"); readings work on folded letters. */
function restoreYo(nom: string, written: string): string {
  if (!/[ёЁ]/.test(written)) return nom;
  const w = written.toLowerCase();
  let out = '';
  for (let i = 0; i < nom.length; i++) out += w[i] === 'ё' && nom[i] === 'е' ? 'ё' : nom[i];
  return out;
}

function joinNameParts(parts: readonly NamePart[], norms: readonly string[]): string {
  let s = '';
  for (let i = 0; i < parts.length; i++) {
    const n = norms[i]!;
    if (i > 0) s += ' ';
    s += n;
  }
  return s.replace(/\s+/g, ' ').trim();
}
