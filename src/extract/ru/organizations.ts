/**
 * Organisations by rule:
 * - the organisations lexicon (agencies, international bodies, media, criminal-group
 *   kinds), extended by a place qualifier ("МВД России", "МВД по Алматинской области"),
 *   which makes it a different entity with ref "<org>@<place>";
 * - a head noun from org-heads.json with its tail: leading adjectives, a genitive noun
 *   phrase, a "по ..." phrase, a place ("Департамент по противодействию наркопреступности",
 *   "Министерство внутренних дел Республики Казахстан", "Верховный суд");
 * - courts, prosecutors and police units with their place ("Шымкентский городской суд",
 *   "прокуратура Алматы", "УВД Алматы", "ОВД по району Хамовники"), above the tagger;
 *   "Мосгорсуд" (a level abbreviation before "суд");
 * - a quoted name after a legal form or organisation word ("ООО «Ромашка»", "партия «Единая Россия»");
 * - a bare web domain in the text (Tengrinews.kz): a news outlet;
 * - capitalised dictionary words tagged Orgn and unknown capital-letter abbreviations.
 * An organisation lexicon match right after another organisation is not swallowed by
 * its tail: "Департамент ... МВД" stays two organisations (PART_OF).
 */
import type { Sentence } from '../tokens';
import { hasKnownTag, type TokenInfo } from './analysis';
import type { Gazetteer, GazetteerMatch } from './gazetteer';
import { foldedText, nominativePhrase } from './inflect';
import type { RuleSpan } from './locations';
import type { PlaceAdjectives } from './place-adjectives';
import { PRIORITY } from './priority';

export interface OrgLexicons {
  organizations: Gazetteer;
  locations: Gazetteer;
  heads: Gazetteer;
  /** Place heads ("району", "городу", "г."): "ОВД по району Хамовники". */
  placeHeads?: Gazetteer;
  /** Adjectives of towns, regions and countries: "Шымкентский городской суд" opens a name even first in its sentence. */
  placeAdjectives?: PlaceAdjectives;
  countryAdjectives?: ReadonlyMap<string, string>;
}

/**
 * Courts, prosecutors and police units: a phrase whose head (or first genitive word, as in
 * "Департамент полиции") is one of these names one body of the place it names ("Шымкентский
 * городской суд", "прокуратура Алматы", "УВД Алматы", "Департамент полиции Туркестанской
 * области"), and such a phrase outranks the tagger and the places inside it.
 */
const JUSTICE_AND_POLICE = new Set(['суд', 'трибунал', 'прокуратура', 'полиция', 'милиция', 'увд']);
/**
 * Abbreviations of police units, heads of a name as the head nouns of org-heads.json are ("УВД
 * Алматы", "ОВД по району Хамовники", "ГУ МВД по Москве"). Kept here, not in org-heads.json: that
 * lexicon is also a feature table of the NER tagger, which these words would change.
 */
const POLICE_ABBREVIATIONS = new Set(['увд', 'гувд', 'овд', 'ровд', 'умвд', 'омвд', 'гумвд']);
const POLICE_ENTRY: GazetteerMatch['entry'] = { id: 'orgkind:police-unit', subtype: 'government_agency', name: 'увд', forms: [] };

/** A police unit's abbreviation at token i ("УВД", "ГУ МВД"), as a head match. */
function policeAbbreviationAt(infos: readonly TokenInfo[], i: number, end: number, heads: Gazetteer): GazetteerMatch | undefined {
  const info = infos[i]!;
  if (!info.upper) return undefined;
  const last = POLICE_ABBREVIATIONS.has(info.lower) ? i + 1 : info.lower === 'гу' && i + 1 < end && infos[i + 1]!.lower === 'мвд' && !infos[i + 1]!.token.newlineBefore ? i + 2 : undefined;
  if (last === undefined) return undefined;
  return { entry: POLICE_ENTRY, lexicon: heads.lexicon, first: i, last, start: info.token.start, end: infos[last - 1]!.token.end };
}

/** "горсуд", "облсуд", "Мосгорсуд", "Мособлсуд": a court named by the abbreviation of its level. */
const COMPOUND_COURT = /^\p{L}*(?:гор|обл|рай|край|окр|нар)суд$/u;

const LEGAL_FORMS = new Set(['ооо', 'оао', 'зао', 'пао', 'ао', 'тоо', 'нко', 'гуп', 'фгуп', 'муп', 'ано', 'ип', 'llc', 'ltd', 'inc']);
const OPEN_QUOTES = new Set(['«', '"', '“', '„']);
const CLOSE_QUOTES = new Set(['»', '"', '”', '“']);
const GOVERNMENT_HEADS = new Set(['government_agency']);
/**
 * Heads that, written in lower case, name a kind or depend on the context rather than one body
 * ("суд", "парламент страны", "администрация президента", "правительства и президенты").
 */
const GENERIC_LOWERCASE_HEADS = new Set([
  'суд', 'отдел', 'отделение', 'совет', 'штаб', 'армия', 'палата', 'парламент', 'администрация', 'правительство', 'полиция', 'милиция',
  // "в колонии усиленного режима", "комиссию независимых специалистов", "представительство коренного народа"
  'колония', 'изолятор', 'комиссия', 'коллегия', 'представительство', 'миссия', 'отряд', 'полк', 'дивизия', 'бригада', 'батальон', 'флот',
]);

function isGent(info: TokenInfo, pos: 'NOUN' | 'ADJF'): boolean {
  return info.parses.some((p) => (p.pos === pos || (pos === 'ADJF' && p.pos === 'PRTF')) && (p.case === 'gent' || p.case === 'gen2'));
}

/**
 * Genitive with some probability under az, for the tail of a head phrase: "и" and "в" have
 * zero-probability noun readings ("исполняющий", "век") and "стали" a 0.003 one ("сталь"),
 * so "полицией и ...", "Лондонская полиция в ...", "милицией стали ..." do not grow a tail.
 */
function likelyGent(info: TokenInfo, pos: 'NOUN' | 'ADJF'): boolean {
  let p = 0;
  for (const x of info.parses) if ((x.pos === pos || (pos === 'ADJF' && x.pos === 'PRTF')) && (x.case === 'gent' || x.case === 'gen2')) p += x.score;
  return p >= 0.05 && info.token.norm.length >= 2;
}

/** A model designation ("ТМА-11", "Су-27", "Ил-76"): capitals, a hyphen and digits; a product, not an organisation. */
const DESIGNATION = /^\p{Lu}{1,5}-?\d/u;

function isDatOrLoc(info: TokenInfo): boolean {
  return info.parses.some((p) => p.pos === 'NOUN' && (p.case === 'datv' || p.case === 'loct'));
}

function personLike(info: TokenInfo): boolean {
  return info.cap && info.parses.some((p) => p.tags.has('Name') || p.tags.has('Surn') || p.tags.has('Patr')) && !hasKnownTag(info, 'Geox') && !hasKnownTag(info, 'Orgn');
}

/**
 * Head nouns of things that carry a quoted or capitalised name but are not organisations:
 * vehicles, spacecraft, products, works, events ("шаттл «Атлантис»", "корабль «Прогресс»",
 * "альбом «Дежавю»", "браузер Chrome").
 */
const NAMED_THING_HEADS = new Set([
  'шаттл', 'корабль', 'космический корабль', 'грузовик', 'модуль', 'ракета', 'ракета-носитель', 'спутник', 'самолёт', 'самолет', 'вертолёт', 'вертолет',
  'автомобиль', 'машина', 'танк', 'подводная лодка', 'лодка', 'судно', 'теплоход', 'крейсер', 'поезд',
  'альбом', 'песня', 'сингл', 'фильм', 'сериал', 'спектакль', 'книга', 'роман', 'статья', 'журнал', 'программа', 'передача',
  'игра', 'браузер', 'ос', 'операционная система', 'платформа', 'приложение', 'продукт', 'модель', 'версия',
  'девиз', 'лозунг', 'операция', 'акция', 'марш', 'конкурс', 'фестиваль', 'турнир', 'премия', 'форум', 'выставка',
]);

/**
 * A span the tagger called an organisation that names something else or nothing: a single
 * letter or a Roman numeral ("8,2 G", "XIX века"), a model designation ("STS-124"), a legal
 * form alone ("ОАО «Газпром»": the name is the organisation), or a
 * name right after a vehicle, product, work or event head ("шаттл «Атлантис»").
 */
export function notAnOrganization(infos: readonly TokenInfo[], first: number, last: number): boolean {
  const only = last - first === 1 ? infos[first]! : undefined;
  if (only) {
    const t = only.token.norm;
    if (t.length === 1 || /^[IVXLC]+$/.test(t) || DESIGNATION.test(t)) return true;
    // A legal form alone ("ОАО «Газпром»", "ПАО"): the organisation, if any, is the name after it.
    if (LEGAL_FORMS.has(only.lower)) return true;
  }
  // Quoted, or a Latin name ("браузер Chrome"); a Cyrillic genitive after the head is its
  // owner or publisher ("в статье Частного корреспондента").
  let h = first - 1;
  const quoted = OPEN_QUOTES.has(infos[h]?.token.text ?? '');
  if (quoted) h--;
  else if (infos[first]!.cyr) return false;
  const head = infos[h];
  if (!head || head.token.kind !== 'word') return false;
  if ([...head.keys].some((k) => NAMED_THING_HEADS.has(k))) return true;
  // "ракеты-носителя", "подводной лодки": two-word heads.
  const before = infos[h - 1];
  return before !== undefined && before.token.kind === 'word' && [...before.keys].some((a) => [...head.keys].some((k) => NAMED_THING_HEADS.has(`${a} ${k}`)));
}

/** Quoted span starting at token i (an opening quote): [i, close] inclusive, or undefined. */
function quotedAt(infos: readonly TokenInfo[], i: number, end: number): number | undefined {
  if (!OPEN_QUOTES.has(infos[i]?.token.text ?? '')) return undefined;
  for (let j = i + 1; j < end && j <= i + 10; j++) {
    const t = infos[j]!.token.text;
    if (CLOSE_QUOTES.has(t)) return j > i + 1 && infos[i + 1]!.cap ? j : undefined;
    if (infos[j]!.token.kind === 'punct' && /[.!?;]/.test(t)) return undefined;
  }
  return undefined;
}

/** A place qualifier right after an organisation: "России", "Республики Казахстан", "по Алматинской области". */
function qualifierAt(infos: readonly TokenInfo[], i: number, end: number, lex: OrgLexicons): { last: number; ref?: string } | undefined {
  const info = infos[i];
  if (!info || i >= end || info.token.newlineBefore) return undefined;
  let j = i;
  if (info.lower === 'по' && !info.cap) j++;
  // "по району Хамовники", "по г. Алматы", "по городу Шымкенту", "города Шымкента": a place head, then the place.
  if (lex.placeHeads && infos[j] && !infos[j]!.cap && (j > i || isGent(infos[j]!, 'NOUN') || infos[j + 1]?.token.text === '.')) {
    const h = lex.placeHeads.matchAt(infos, j, end);
    if (h && h.entry.subtype !== 'street') {
      let k = h.last;
      if (infos[k]?.token.text === '.') k++;
      else if (infos[j]!.token.norm.length <= 3 && h.entry.name !== infos[j]!.lower) k = -1;
      const placeAfter = k > 0 && k < end ? lex.locations.matchAt(infos, k, end) : undefined;
      if (placeAfter) return { last: placeAfter.last, ref: placeAfter.entry.id };
      let n = k;
      while (n > 0 && n < end && n < k + 3 && infos[n]!.cap && infos[n]!.token.kind === 'word' && !infos[n]!.upper && !infos[n]!.token.newlineBefore) n++;
      if (n > k && k > 0) return { last: n };
    }
  }
  const m: GazetteerMatch | undefined = lex.locations.matchAt(infos, j, end);
  if (m) {
    const head = infos[m.first]!;
    const oblique = head.upper || j > i || head.parses.some((p) => p.case === 'gent' || (j > i && (p.case === 'datv' || p.case === 'loct')));
    if (oblique) return { last: m.last, ref: m.entry.id };
    return undefined;
  }
  // "по Алматинской области", "Республики Татарстан"
  const a = infos[j];
  const b = infos[j + 1];
  // "Медеуского района" too: a capitalised adjective and a lower-case region head.
  const regionHead = (x: TokenInfo) => !x.cap && ['область', 'край', 'район', 'округ'].some((k) => x.keys.has(k));
  if (a && b && j + 1 < end && a.cap && (a.keys.has('республика') || ((j > i || regionHead(b)) && a.parses.some((p) => p.pos === 'ADJF'))) && (b.cap || regionHead(b))) {
    return { last: j + 2 };
  }
  if (j === i && a && a.cap && isGent(a, 'NOUN') && hasKnownTag(a, 'Geox')) return { last: j + 1 };
  return undefined;
}

export function findOrganizations(infos: readonly TokenInfo[], sentences: readonly Sentence[], text: string, lex: OrgLexicons): RuleSpan[] {
  const out: RuleSpan[] = [];
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const info = infos[i]!;
      const t = info.token;

      // Lexicon organisations, with a place qualifier.
      const m = lex.organizations.matchAt(infos, i, s.last);
      if (m) {
        const q = qualifierAt(infos, m.last, s.last, lex);
        const last = q?.last ?? m.last;
        const ref = q ? (q.ref ? `${m.entry.id}@${q.ref}` : undefined) : m.entry.id;
        out.push({
          first: m.first,
          last,
          start: m.start,
          end: q ? infos[last - 1]!.token.end : m.end,
          type: 'ORGANIZATION',
          ...(m.entry.subtype ? { subtype: m.entry.subtype } : {}),
          ...(ref ? { ref } : {}),
          norm:
            m.end < infos[m.first]!.token.end
              ? text.slice(m.start, m.end)
              : // One word for a one-word name: the lexicon's spelling ("Минфином" -> "Минфин", "Ведомостей" -> "Ведомости"),
                // and its qualifier as written ("МИДа России" -> "МИД России": the genitive stays).
                m.last - m.first === 1 && !/\s/.test(m.entry.name)
                ? q
                  ? `${m.entry.name} ${text.slice(infos[m.last]!.token.start, infos[last - 1]!.token.end)}`
                  : m.entry.name
                : nominativePhrase(infos, m.first, last, text, 0, true),
          priority: PRIORITY.LEXICON_ORGANIZATION,
        });
        i = last - 1;
        continue;
      }

      // A web domain named in the text: a news outlet or site ("передает Tengrinews.kz").
      if (t.kind === 'url' && !/[/:@]/.test(t.text) && /^[\p{L}\p{N}-]+\.[\p{L}]{2,6}$/u.test(t.norm)) {
        out.push({ first: i, last: i + 1, start: t.start, end: t.end, type: 'ORGANIZATION', subtype: 'media', norm: t.norm, priority: PRIORITY.TAGGER });
        continue;
      }

      // Legal form or organisation word + quoted name: the name inside the quotes.
      const q = quotedAt(infos, i + 1, s.last);
      if (q !== undefined && (LEGAL_FORMS.has(info.lower) || lex.heads.matchAt(infos, i, i + 1))) {
        out.push({
          first: i + 2,
          last: q,
          start: infos[i + 2]!.token.start,
          end: infos[q - 1]!.token.end,
          type: 'ORGANIZATION',
          subtype: LEGAL_FORMS.has(info.lower) ? 'company' : (lex.heads.matchAt(infos, i, i + 1)?.entry.subtype ?? 'company'),
          norm: foldedText(infos, i + 2, q, text, 0),
          priority: PRIORITY.TAGGER,
        });
        i = q;
        continue;
      }

      // "Мосгорсуд", "Облсуд": a court named by the abbreviation of its level.
      if (info.cyr && info.cap && !info.upper && info.parses.some((p) => p.pos === 'NOUN' && COMPOUND_COURT.test(p.lemma))) {
        const lemma = info.parses.find((p) => p.pos === 'NOUN' && COMPOUND_COURT.test(p.lemma))!.lemma;
        out.push({
          first: i,
          last: i + 1,
          start: t.start,
          end: t.end,
          type: 'ORGANIZATION',
          subtype: 'government_agency',
          norm: t.text.charAt(0) + lemma.slice(1),
          priority: PRIORITY.PLACED_INSTITUTION,
        });
        continue;
      }

      // Head noun with its tail.
      const hm = lex.heads.matchAt(infos, i, s.last) ?? policeAbbreviationAt(infos, i, s.last, lex.heads);
      if (hm) {
        const span = headPhrase(infos, s, hm, lex);
        if (span) {
          out.push({ ...span, norm: nominativePhrase(infos, span.first, span.last, text, 0) });
          i = span.last - 1;
        }
        continue;
      }

      // Capitalised dictionary organisations (Газпром, Сбербанк) and unknown abbreviations (КПРФ).
      if (info.cyr && info.cap && !lex.locations.matchAt(infos, i, i + 1)) {
        const orgn = info.parses.some((p) => p.known && p.tags.has('Orgn') && p.score >= 0.2);
        const abbr = info.upper && info.token.norm.length <= 6 && !DESIGNATION.test(info.token.norm) && (orgn || !info.known || hasKnownTag(info, 'Abbr')) && !hasKnownTag(info, 'Geox');
        if ((orgn && (i > s.first || info.upper)) || abbr) {
          out.push({ first: i, last: i + 1, start: t.start, end: t.end, type: 'ORGANIZATION', norm: nominativePhrase(infos, i, i + 1, text, 0), priority: PRIORITY.WEAK_RULE });
        }
      }
    }
  }
  return out;
}

/** The organisation phrase around a head-noun match, or undefined when it is just a common noun. */
function headPhrase(infos: readonly TokenInfo[], s: Sentence, hm: GazetteerMatch, lex: OrgLexicons): Omit<RuleSpan, 'norm'> | undefined {
  const head = infos[hm.first]!;
  const subtype = hm.entry.subtype ?? 'organization';
  // Leading adjectives: "Федеральная таможенная служба", "Верховный суд".
  let first = hm.first;
  while (first - 1 >= s.first && infos[first - 1]!.parses.some((p) => p.pos === 'ADJF' || p.pos === 'PRTF') && infos[first - 1]!.token.kind === 'word') first--;
  while (first < hm.first && !infos[first]!.cap) first++;
  const capitalised = first < hm.first || head.cap;
  const sentenceInitial = first === s.first;

  let j = hm.last;
  let tailWords = 0;
  let properTail = false;
  // A place closes the tail ("прокуратура Алматы"); the first genitive noun says what kind of body
  // a generic head is ("Департамент полиции").
  let placeTail = false;
  let firstTailNoun: TokenInfo | undefined;
  // A quoted name: "компания «Газпром»" is handled by the caller; "Фонд «Открытая Россия»" here too.
  const q = quotedAt(infos, j, s.last);
  if (q !== undefined) {
    j = q + 1;
    properTail = true;
  } else {
    // "по противодействию наркопреступности", "по делам молодежи"
    if (infos[j]?.lower === 'по' && j + 1 < s.last && isDatOrLoc(infos[j + 1]!) && !infos[j + 1]!.cap && !qualifierAt(infos, j, s.last, lex)) {
      let k = j + 1;
      while (k < s.last && k < j + 4 && infos[k]!.token.kind === 'word' && !infos[k]!.cap && (infos[k]!.parses.some((p) => p.pos === 'ADJF' || p.pos === 'NOUN' || p.pos === 'PRTF') || infos[k]!.lower === 'и')) k++;
      while (k > j + 1 && infos[k - 1]!.lower === 'и') k--; // "по делам несовершеннолетних [и] ..."
      if (k > j + 1) {
        tailWords += k - j;
        j = k;
      }
    }
    // Genitive noun phrases: "внутренних дел", "образования и науки"; a second one only when proper.
    let phrases = 0;
    while (j < s.last && phrases < 3) {
      if (lex.organizations.matchAt(infos, j, s.last)) break; // "Департамент ... МВД": two organisations
      const loc = qualifierAt(infos, j, s.last, lex);
      if (loc) {
        j = loc.last;
        properTail = true;
        placeTail = true;
        break;
      }
      let k = j;
      while (k < s.last && infos[k]!.token.kind === 'word' && likelyGent(infos[k]!, 'ADJF') && !personLike(infos[k]!)) k++;
      if (k < s.last && infos[k]!.token.kind === 'word' && likelyGent(infos[k]!, 'NOUN') && !personLike(infos[k]!) && (!lex.heads.matchAt(infos, k, k + 1) || policeOf(infos[k]!, phrases, hm))) {
        const proper = infos[j]!.cap;
        if (phrases > 0 && !proper) break;
        if (phrases === 0) firstTailNoun = infos[k];
        k++;
        // "образования и науки"
        if (infos[k]?.lower === 'и' && k + 1 < s.last && likelyGent(infos[k + 1]!, 'NOUN') && !infos[k + 1]!.cap) k += 2;
        tailWords += k - j;
        properTail ||= proper;
        j = k;
        phrases++;
        continue;
      }
      break;
    }
  }
  const last = j;
  const government = GOVERNMENT_HEADS.has(subtype);
  // "Шымкентский городской суд", "Медеуский районный суд": the adjective of a town or region, or an
  // adjective the dictionary does not know, opens a name even first in its sentence (where a capital
  // says nothing); a country's does not ("Японская полиция", "Кипрское правительство" are descriptions).
  const placeAdjective = first < hm.first && placeAdjectiveAt(infos[first]!, lex) !== undefined;
  const namedByAdjective = first < hm.first && (townAdjectiveAt(infos[first]!, lex) || !infos[first]!.known);
  let accept: boolean;
  if (properTail) accept = true;
  else if (capitalised && !sentenceInitial) accept = tailWords > 0 || first < hm.first || government;
  else if (capitalised && sentenceInitial) accept = (tailWords > 0 && (first < hm.first || government)) || namedByAdjective;
  else accept = government && tailWords > 0 && first === hm.first && !GENERIC_LOWERCASE_HEADS.has(hm.entry.name);
  if (!accept) return undefined;
  const justice = [hm.entry.name, ...(firstTailNoun?.keys ?? [])].some((k) => JUSTICE_AND_POLICE.has(k));
  // A court is named by its adjectives ("Арбитражный суд Москвы"); "суд Партизанского района" is a description.
  const court = hm.entry.name === 'суд' || hm.entry.name === 'трибунал';
  const placed = justice && ((placeTail && (!court || first < hm.first)) || placeAdjective || (capitalised && first < hm.first));
  return {
    first,
    last,
    start: infos[first]!.token.start,
    end: infos[last - 1]!.token.end,
    type: 'ORGANIZATION',
    subtype: subtype === 'political' || subtype === 'public' || subtype === 'education' ? 'organization' : subtype,
    // Below the tagger, which learnt where annotators end an organisation's name; a court, a
    // prosecutor's office or a police unit of a place above it.
    priority: placed ? PRIORITY.PLACED_INSTITUTION : properTail || capitalised ? PRIORITY.NAMED_ORGANIZATION_PHRASE : PRIORITY.RULE,
  };
}

/** "Департамент полиции", "отдел милиции": the police named by a head in the genitive, right after another head. */
function policeOf(info: TokenInfo, phrases: number, hm: GazetteerMatch): boolean {
  return phrases === 0 && !JUSTICE_AND_POLICE.has(hm.entry.name) && (info.keys.has('полиция') || info.keys.has('милиция'));
}

/** A capitalised adjective of a lexicon town or region ("Шымкентский", "Алматинский"). */
function townAdjectiveAt(info: TokenInfo, lex: Pick<OrgLexicons, 'placeAdjectives'>): boolean {
  return info.cap && info.parses.some((p) => p.pos === 'ADJF') && [...info.keys].some((k) => lex.placeAdjectives?.towns.has(k) || lex.placeAdjectives?.regions.has(k));
}

/** The town, region or country a capitalised adjective is formed from ("Шымкентского" -> "loc:shymkent"), if any. */
export function placeAdjectiveAt(info: TokenInfo, lex: Pick<OrgLexicons, 'placeAdjectives' | 'countryAdjectives'>): string | undefined {
  if (!info.cap || !info.parses.some((p) => p.pos === 'ADJF')) return undefined;
  for (const k of info.keys) {
    const place = lex.placeAdjectives?.towns.get(k) ?? lex.countryAdjectives?.get(k);
    if (place !== undefined) return place;
  }
  return undefined;
}
