/**
 * People by rule: runs of capitalised words the morphology or the surname shape says
 * are names (az's Name/Surn/Patr grammemes, regular Russian, Kazakh, Ukrainian and
 * foreign surname endings), initials ("Т. Маткенов"), and unknown capitalised words
 * right after a position word ("президент Трамп"). Each person gets its nominative
 * canonical form; a lone surname is read the way the same surname is read elsewhere
 * in the document ("Маткенова" after "Тлеген Маткенов" is Маткенов, not a woman).
 */
import type { Sentence } from '../tokens';
import { hasKnownTag, type TokenInfo } from './analysis';
import { CAPITALISED_NAME_PARTICLES, isPatronymicWord, isSyllableWord, NAME_PARTICLES, normalisePersonName, surnameReadings, type NameContext, type NamePart, type PersonNormalisation } from './inflect';
import type { NerSpan } from './ner/types';

/** Read-only: `consolidateSurnames` returns re-read people as new spans. */
export interface PersonSpan {
  readonly first: number;
  readonly last: number;
  readonly parts: readonly NamePart[];
  readonly readings: readonly PersonNormalisation[];
  readonly norm: string;
}

const SURNAME_SHAPE =
  /(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой)?$|(?:ский|цкий|ская|цкая|ского|цкого|скому|цкому|ским|цким|ской|цкой|скую|цкую)$|(?:енко|ук|юк|чук|ич|бек|бекова?|улы|кызы|дзе|швили|ян|янц|ова|ева|ина)$/;

/** Words a rule must never take for a name (they are capitalised in headlines and titles). */
export interface PersonRuleLexicons {
  /** True when the token is part of a place, organisation, position, drug or channel match. */
  blocked(i: number): boolean;
  /** True when the token starts or is a position word ("президент", "начальник"). */
  isPosition(i: number): boolean;
}

function isInitial(infos: readonly TokenInfo[], i: number): boolean {
  const t = infos[i]!.token;
  const dot = infos[i + 1]?.token;
  return t.kind === 'word' && t.norm.length === 1 && infos[i]!.cap && dot !== undefined && dot.text === '.' && !dot.spaceBefore;
}

function hasNameTag(info: TokenInfo): 'Name' | 'Surn' | 'Patr' | undefined {
  let best: 'Name' | 'Surn' | 'Patr' | undefined;
  let bestScore = 0;
  for (const p of info.parses) {
    if (p.pos !== 'NOUN') continue;
    for (const g of ['Name', 'Surn', 'Patr'] as const) {
      if (p.tags.has(g) && p.score + (p.known ? 1 : 0) > bestScore) {
        best = g;
        bestScore = p.score + (p.known ? 1 : 0);
      }
    }
  }
  return best;
}

const RUSSIAN_SURNAME_SHAPE = /(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой)?$/;

/** Evidence that a capitalised word is a name part, 0 when none. */
function nameEvidence(info: TokenInfo, sentenceInitial: boolean): number {
  if (info.token.kind !== 'word' || !info.cyr || !info.cap || info.upper) return 0;
  if (info.token.norm.length < 2) return 0;
  const tag = hasNameTag(info);
  if (info.known) {
    // A dictionary word: a name only when the dictionary says so.
    if (hasKnownTag(info, 'Name') || hasKnownTag(info, 'Surn') || hasKnownTag(info, 'Patr')) {
      const common = info.parses.some((p) => p.known && !p.tags.has('Name') && !p.tags.has('Surn') && !p.tags.has('Patr') && p.score > 0.3);
      return common ? 1 : 2;
    }
    // "Токаев" is in the dictionary as a form of "токай": a capitalised word shaped like a
    // surname, not a place or organisation, is taken as one inside a sentence.
    if (RUSSIAN_SURNAME_SHAPE.test(info.lower) && !hasKnownTag(info, 'Geox') && !hasKnownTag(info, 'Orgn') && info.lower.length > 4) return sentenceInitial ? 1 : 2;
    return 0;
  }
  if (SURNAME_SHAPE.test(info.lower) || isPatronymicWord(info.lower)) return 2;
  if (tag) return 1;
  return 0.5;
}

const PREP_CASES: Record<string, string[]> = {
  у: ['gent'], от: ['gent'], для: ['gent'], без: ['gent'], из: ['gent'], до: ['gent'], около: ['gent'], после: ['gent'], против: ['gent'], среди: ['gent'], со: ['ablt', 'gent'],
  к: ['datv'], ко: ['datv'], по: ['datv'], благодаря: ['datv'], согласно: ['datv'],
  с: ['ablt', 'gent'], между: ['ablt'], над: ['ablt'], под: ['ablt'], перед: ['ablt'], за: ['ablt', 'accs'],
  о: ['loct'], об: ['loct'], при: ['loct'], в: ['loct', 'accs'], на: ['loct', 'accs'], про: ['accs'], через: ['accs'],
};

/** The cases a neighbouring first name stands in, when the dictionary is sure it is not a nominative ("Марка"). */
function neighbourNameCases(info: TokenInfo | undefined): string[] {
  if (!info || !info.cap || !info.known) return [];
  const names = info.parses.filter((p) => p.known && p.pos === 'NOUN' && p.tags.has('Name') && p.number !== 'plur');
  if (names.length === 0 || names.some((p) => p.case === 'nomn' || p.tags.has('Fixd'))) return [];
  return [...new Set(names.flatMap((p) => (p.case ? [p.case] : [])))];
}

const COORDINATION = new Set(['и', ',', 'или']);

function nameContext(infos: readonly TokenInfo[], first: number, last: number, sentence: Sentence): NameContext {
  const caseBonus: Record<string, number> = {};
  const genderBonus: Record<string, number> = {};
  const addCase = (c: string | undefined, bonus: number) => {
    if (c) caseBonus[c] = (caseBonus[c] ?? 0) + bonus;
  };
  const addGender = (g: string | undefined, bonus: number) => {
    if (g === 'masc' || g === 'femn') genderBonus[g] = (genderBonus[g] ?? 0) + bonus;
  };
  const prev = first > sentence.first ? infos[first - 1] : undefined;
  if (prev && prev.token.kind === 'word') {
    // A preposition governs the name's case, also at the start of a sentence ("Согласно Марку").
    const cases = PREP_CASES[prev.lower];
    if (cases) for (const c of cases) addCase(c, 0.8);
    else if (!prev.cap && prev.parses[0]?.pos === 'NOUN') {
      addCase('gent', 0.3);
      // An animate noun before a name is often in apposition and agrees in gender ("мать Раиса",
      // "президента Обамы"): its gender counts for the name.
      const top = prev.parses[0];
      if (top.tags.has('anim') && (top.gender === 'masc' || top.gender === 'femn')) {
        addGender(top.gender, 0.4);
        addCase(top.case, 0.3);
      }
    }
  }
  // A past-tense verb right after the name agrees with it in gender: "Айтжанова сообщила".
  const next = last < sentence.last ? infos[last] : undefined;
  if (next && next.token.kind === 'word') {
    const v = next.parses.find((p) => p.pos === 'VERB' && p.tags.has('past') && p.number === 'sing');
    if (v) {
      addCase('nomn', 0.4);
      addGender(v.gender, 0.6);
    }
  }
  // Names joined by "и" or a comma stand in one case: "Кими Райкконена и Марка Уэббера".
  if (next && COORDINATION.has(next.lower) && last + 1 < sentence.last) for (const c of neighbourNameCases(infos[last + 1])) addCase(c, 0.5);
  if (prev && COORDINATION.has(prev.lower) && first - 2 >= sentence.first) for (const c of neighbourNameCases(infos[first - 2])) addCase(c, 0.5);
  return { caseBonus, genderBonus };
}

/** A capitalised Cyrillic word of two letters or more, not an abbreviation. */
function capitalWord(info: TokenInfo): boolean {
  return info.token.kind === 'word' && info.cyr && info.cap && !info.upper && info.token.norm.length >= 2;
}

function commonWord(info: TokenInfo): boolean {
  return info.parses.some((p) => p.known && !p.tags.has('Name') && !p.tags.has('Surn') && !p.tags.has('Patr') && p.score > 0.3);
}

function assignRoles(infos: readonly TokenInfo[], items: number[]): NamePart[] {
  const parts: NamePart[] = items.map((k, i) => {
    const info = infos[k]!;
    if (info.token.norm.length === 1) return { info, role: 'initial' };
    if (i < items.length - 1 && (info.cap ? CAPITALISED_NAME_PARTICLES.has(info.lower) : i > 0 && NAME_PARTICLES.has(info.lower))) return { info, role: 'particle' };
    if (isPatronymicWord(info.lower) || hasKnownTag(info, 'Patr')) return { info, role: 'patronymic' };
    if (hasKnownTag(info, 'Name') && !hasKnownTag(info, 'Surn') && !(info.known && RUSSIAN_SURNAME_SHAPE.test(info.lower) && !info.parses.some((p) => p.known && p.tags.has('Name') && p.score > 0.3))) return { info, role: 'first' };
    if (SURNAME_SHAPE.test(info.lower) || hasKnownTag(info, 'Surn')) return { info, role: 'surname' };
    // An unknown word: a first name only before another word ("Тлеген Маткенов"), else a surname.
    const isLast = i === items.length - 1;
    return { info, role: hasNameTag(info) === 'Name' && !isLast ? 'first' : 'surname' };
  });
  const words = parts.filter((p) => p.role !== 'initial' && p.role !== 'particle');
  // Two or more words and no surname: the last one (or the first, before a patronymic-less pair
  // written surname-first) is the surname.
  if (words.length >= 2 && !words.some((p) => p.role === 'surname')) {
    const candidates = words.filter((p) => p.role !== 'patronymic');
    if (candidates.length >= 2) candidates[candidates.length - 1]!.role = 'surname';
  }
  if (words.length === 1 && parts.length > 1) words[0]!.role = 'surname';
  // Two or more words and no first name: news writes the first name first ("Синдзи Харада",
  // "Хорхе Ларрионда"), unless the first word is shaped like a surname ("Иванов Иван" has a Name anyway).
  if (words.length >= 2 && !words.some((p) => p.role === 'first')) {
    const lead = words[0]!;
    if (lead.role === 'surname' && !SURNAME_SHAPE.test(lead.info.lower) && !hasKnownTag(lead.info, 'Surn')) lead.role = 'first';
  }
  return parts;
}

export function findPersons(infos: readonly TokenInfo[], sentences: readonly Sentence[], lex: PersonRuleLexicons): PersonSpan[] {
  const spans: PersonSpan[] = [];
  for (const s of sentences) {
    let i = s.first;
    while (i < s.last) {
      const items: number[] = [];
      let j = i;
      let evidence = 0;
      let strong = 0;
      while (j < s.last && items.length < 4) {
        if (lex.blocked(j)) break;
        if (isInitial(infos, j)) {
          items.push(j);
          j += 2; // the initial and its dot
          strong++;
          continue;
        }
        let e = nameEvidence(infos[j]!, j === s.first);
        // After a first name any capitalised word is its surname ("Виктор Бут", "Виктор Понедельник").
        const prevItem = items[items.length - 1];
        if (e === 0 && prevItem !== undefined && prevItem === j - 1 && hasKnownTag(infos[prevItem]!, 'Name') && infos[j]!.cap && infos[j]!.cyr && !infos[j]!.upper) e = 1;
        // A capitalised common word inside a sentence right before a capitalised word shaped like a
        // Russian surname is a first name the dictionary knows only as a noun ("Канат Таимбетов").
        const after = infos[j + 1];
        if (e === 0 && items.length === 0 && j > s.first && j + 1 < s.last && !lex.blocked(j + 1) && nameEvidence(infos[j]!, false) === 0 && capitalWord(infos[j]!) && after && capitalWord(after) && RUSSIAN_SURNAME_SHAPE.test(after.lower) && !hasKnownTag(infos[j]!, 'Geox') && !hasKnownTag(infos[j]!, 'Orgn')) e = 1;
        if (e === 0 || (items.length > 0 && infos[j]!.token.newlineBefore)) break;
        items.push(j);
        evidence += e;
        if (e >= 2) strong++;
        j++;
      }
      // A common word capitalised only because it starts the sentence is not part of the name ("Слова Сагдеева").
      if (items.length >= 2 && items[0] === s.first && infos[items[0]!]!.token.norm.length > 1 && commonWord(infos[items[0]!]!)) items.shift();
      if (items[0] !== undefined && items[0] > i) i = items[0];
      const words = items.filter((k) => infos[k]!.token.norm.length > 1);
      const afterPosition = i > s.first && lex.isPosition(i - 1);
      const accept =
        words.length > 0 &&
        (strong >= 1 || evidence >= 2 || (afterPosition && evidence >= 0.5)) &&
        // a lone unknown capitalised word at the start of a sentence is too weak
        !(words.length === 1 && items.length === 1 && i === s.first && evidence < 2) &&
        // initials without a word after them are not a name ("США. В")
        !(infos[items[items.length - 1]!]!.token.norm.length === 1 && words.length === 0);
      if (!accept) {
        i = Math.max(j, i + 1);
        continue;
      }
      const parts = assignRoles(infos, items);
      const lastItem = items[items.length - 1]!;
      const last = infos[lastItem]!.token.norm.length === 1 ? lastItem + 2 : lastItem + 1;
      const readings = normalisePersonName(parts, nameContext(infos, i, last, s));
      spans.push({ first: i, last, parts, readings, norm: readings[0]!.norm });
      i = last;
    }
  }
  return spans;
}

/**
 * A lone surname (or a name whose case is ambiguous) takes the reading that agrees with
 * the unambiguous mentions of the same name in the document: "Маткенова" after "Тлеген
 * Маткенов" is Маткенов, not a woman. Returns each person whose best reading
 * changes, mapped to a new span with that reading first (and its norm); `spans` is not changed.
 */
export function consolidateSurnames(spans: readonly PersonSpan[]): Map<PersonSpan, PersonSpan> {
  const known = new Map<string, number>();
  for (const s of spans) {
    const top = s.readings[0];
    if (!top) continue;
    const second = s.readings[1];
    const confident = !second || top.score - second.score > 0.5 || s.parts.length >= 2;
    if (!confident) continue;
    for (let k = 0; k < s.parts.length; k++) {
      if (s.parts[k]!.role === 'surname') known.set(top.parts[k]!, (known.get(top.parts[k]!) ?? 0) + 1);
    }
  }
  const reread = new Map<PersonSpan, PersonSpan>();
  for (const s of spans) {
    if (s.readings.length < 2) continue;
    const surnameIdx = s.parts.findIndex((p) => p.role === 'surname');
    if (surnameIdx < 0) continue;
    let best = s.readings[0];
    if (!best) continue;
    let bestSupport = known.get(best.parts[surnameIdx]!) ?? 0;
    for (const r of s.readings) {
      const support = known.get(r.parts[surnameIdx]!) ?? 0;
      if (support > bestSupport) {
        best = r;
        bestSupport = support;
      }
    }
    if (best !== s.readings[0]) reread.set(s, { ...s, readings: [best, ...s.readings.filter((r) => r !== best)], norm: best.norm });
  }
  return reread;
}

/** A person over tokens [first, last) found by another method (the NER tagger): its parts and readings. */
export function personSpan(infos: readonly TokenInfo[], first: number, last: number, sentence: Sentence): PersonSpan {
  const items: number[] = [];
  for (let i = first; i < last; i++) if (infos[i]!.token.kind === 'word') items.push(i);
  const parts = assignRoles(infos, items);
  const readings = parts.length > 0 ? normalisePersonName(parts, nameContext(infos, first, last, sentence)) : [];
  const norm = readings[0]?.norm ?? infos.slice(first, last).map((x) => x.token.norm).join(' ');
  return { first, last, parts, readings, norm };
}

export { surnameReadings };

/**
 * "Пак Кын Хе", "Ли Мён Баком": three capitalised one-syllable words (the middle one never
 * declined) are a Korean, Chinese or Vietnamese person's name, whatever type the tagger gave
 * them: no place or organisation is named so, and the tagger, trained on few such names, often
 * calls them places. A word the dictionary knows as a place keeps the span as it was.
 */
function isSyllabicNameSpan(infos: readonly Pick<TokenInfo, 'lower' | 'cyr'>[], sp: NerSpan): boolean {
  if (sp.last - sp.first !== 3) return false;
  for (let i = sp.first; i < sp.last; i++) {
    const info = infos[i]! as Partial<TokenInfo> & Pick<TokenInfo, 'lower' | 'cyr'>;
    if (!isSyllableWord(info, i === sp.first + 1)) return false;
    if (info.cap === false) return false;
    if (info.parses?.some((p) => p.known && p.tags.has('Geox'))) return false;
  }
  return true;
}

/**
 * "[Кима Чен] [Ира Ким Ир Сен]" -> "[Кима Чен Ира] [Ким Ир Сен]": adjacent person spans made
 * only of syllable words (Korean, Chinese, Vietnamese names) are cut again into names of three.
 */
export function regroupSyllabicNames(infos: readonly Pick<TokenInfo, 'lower' | 'cyr'>[], spans: readonly NerSpan[]): NerSpan[] {
  const out: NerSpan[] = [];
  spans = spans.map((sp) => (sp.type !== 'PER' && isSyllabicNameSpan(infos, sp) ? { ...sp, type: 'PER' } : sp));
  // A trailing Latin or web token ("Чжан Епа Lenta.ru") is cut from a person span later anyway.
  const nameEnd = (sp: NerSpan) => {
    let last = sp.last;
    while (last > sp.first + 1 && !infos[last - 1]!.cyr) last--;
    return last;
  };
  const syllabic = (sp: NerSpan) => {
    for (let i = sp.first; i < nameEnd(sp); i++) if (!isSyllableWord(infos[i]!, false)) return false;
    return sp.type === 'PER';
  };
  for (let k = 0; k < spans.length; k++) {
    let end = k;
    while (end + 1 < spans.length && syllabic(spans[k]!) && syllabic(spans[end + 1]!) && spans[end + 1]!.first === nameEnd(spans[end]!)) end++;
    const first = spans[k]!.first;
    const last = nameEnd(spans[end]!);
    if (end > k && (last - first) % 3 === 0) {
      for (let a = first; a < last; a += 3) out.push({ first: a, last: a + 3, type: 'PER' });
      k = end;
    } else out.push(spans[k]!);
  }
  return out;
}
