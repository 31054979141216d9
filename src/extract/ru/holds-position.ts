/**
 * HOLDS_POSITION (person -> organisation or place, props.position = the title in the
 * nominative). The patterns news uses:
 * - "<title> <org/place> <Person>": "начальник Департамента ... Тлеген Маткенов",
 *   "министр иностранных дел Японии X", "глава ОАО «Газпром» X", "наблюдатель от ОБСЕ X",
 *   with a short prepositional tail before the name ("представитель комитета при прокуратуре X");
 * - chains of titles with one name: "депутат <org1>, сопредседатель <org2> X", "лидер <org1>,
 *   народный депутат <country> X": every title holds for the person;
 * - "<Person>, <title> <org>" (comma, dash or bracket between);
 * - "<Person> стал/назначен <title-instrumental> <org>", "<Person> назначен на должность <title> <org>";
 * - "<Person>[,] возглавляет / возглавляющий / возглавлявший <org>";
 * - a title with no named organisation after it:
 *   - "<country adjective> <title> X" ("российский президент X") and "<title> <adjective> государства X"
 *     point at the country (a mention of it elsewhere in the article is the target);
 *   - "<title> <generic noun> X" ("глава ведомства X", "мэр города X", "лидер партии X") points at
 *     the organisation or place named shortly before;
 *   - "<org> в лице <title> X" points at that organisation;
 *   - a head of state or government ("премьер-министр X") with nothing else points at the
 *     country the article talks about most.
 */
import type { Sentence } from '../tokens';
import type { TokenInfo } from './analysis';
import type { Gazetteer } from './gazetteer';

export interface PositionMention {
  index: number;
  first: number;
  last: number;
  type: string;
  subtype?: string;
  ref?: string;
  norm: string;
}

export interface PositionInput {
  infos: readonly TokenInfo[];
  sentences: readonly Sentence[];
  /** Sorted by position. */
  mentions: readonly PositionMention[];
  positions: Gazetteer;
  heads: Gazetteer;
  /** Lemma of a country adjective ("российский") -> the country's lexicon id ("loc:russia"). */
  countryAdjectives: ReadonlyMap<string, string>;
}

export interface HoldsPosition {
  person: PositionMention;
  target: PositionMention;
  position: string;
  sentence: Sentence;
}

const APPOINT = ['стать', 'становиться', 'являться', 'назначить', 'назначать', 'избрать', 'избираться', 'работать', 'служить', 'быть', 'остаться', 'оставаться', 'числиться', 'утвердить', 'переизбрать', 'занять', 'занимать', 'вступить'];
const LEAD = ['возглавлять', 'возглавить', 'руководить'];
/** "на должность начальника", "на посту министра". */
const POST_NOUNS = ['должность', 'пост'];
/** Nouns that stand for a state: "глава государства", "президент страны". */
const STATE_NOUNS = ['государство', 'страна', 'республика'];
const TOWN_NOUNS = ['город', 'столица', 'область', 'регион', 'край', 'округ'];
/** Generic organisation nouns an article uses for an organisation it has named already. */
const GENERIC_ORG_NOUNS = ['ведомство', 'министерство', 'компания', 'концерн', 'корпорация', 'холдинг', 'партия', 'движение', 'организация', 'группа', 'банк', 'фонд', 'агентство', 'служба', 'управление', 'департамент', 'комитет', 'клуб', 'команда', 'сборная', 'федерация', 'союз', 'объединение', 'фирма', 'предприятие', 'завод', 'издание', 'газета', 'телеканал', 'центр', 'институт', 'университет', 'суд', 'парламент', 'правительство', 'кабинет', 'администрация', 'совет', 'палата', 'фракция', 'блок', 'делегация', 'миссия', 'посольство', 'группировка'];
/** Titles of heads of state and government: without a named place they speak of the article's country. */
const STATE_HEAD_TITLES = new Set(['президент', 'премьер-министр', 'премьер', 'канцлер', 'глава государства', 'вице-президент', 'вице-премьер']);
/** Verbs that put someone "на должность / на пост" of a title. */
const APPOINT_TO_POST = ['назначить', 'назначать', 'назначаться', 'избрать', 'избираться', 'утвердить', 'переизбрать', 'вступить', 'заступить', 'перевести', 'рекомендовать'];
/** Verbs that take the post directly: "занял пост главы". */
const HOLD_POST = ['занять', 'занимать', 'получить', 'сохранить'];
const OPEN_QUOTES = new Set(['«', '"', '“', '„']);
/** Titles that take their organisation in the instrumental. */
const GOVERNS_INSTRUMENTAL = new Set(['управляющий', 'заведующий', 'командующий', 'руководящий']);
const CLOSE_QUOTES = new Set(['»', '"', '”', '“', '“']);
const BEFORE_SEPARATORS = new Set([',', '—', '–', '-', '(']);
const TAIL_PREPOSITIONS = new Set(['при', 'в', 'во', 'на', 'по', 'от', 'из']);

function has(info: TokenInfo | undefined, lemmas: readonly string[]): boolean {
  return info !== undefined && lemmas.some((l) => info.keys.has(l));
}

function isGenitive(info: TokenInfo): boolean {
  return info.parses.some((p) => p.case === 'gent' || p.case === 'gen2');
}

interface TitleGroup {
  first: number;
  /** Token after the title words. */
  last: number;
  name: string;
}

interface GroupTail {
  targets: PositionMention[];
  /** The title with its complement, in the nominative ("министр связи и коммуникаций"). */
  position: string;
  /** Token after the targets (and the words skipped between). */
  end: number;
  /** A generic noun right after the title ("глава ведомства"). */
  generic?: 'state' | 'town' | 'org';
  /** A country adjective between the title and a state noun ("глава российского государства"). */
  countryRef?: string;
}

export function findHoldsPositions(input: PositionInput): HoldsPosition[] {
  const { infos, sentences, mentions, positions, heads, countryAdjectives } = input;
  const out: HoldsPosition[] = [];
  const byStart = new Map<number, PositionMention>();
  const byEnd = new Map<number, PositionMention>();
  // The outermost mention at a token: a place nested in an organisation's name ("МВД России") never hides it.
  for (const m of mentions) {
    if (!byStart.has(m.first)) byStart.set(m.first, m);
    const e = byEnd.get(m.last);
    if (!e || e.last - e.first < m.last - m.first) byEnd.set(m.last, m);
  }
  const countryMentions = new Map<string, PositionMention[]>();
  for (const m of mentions) {
    if (m.type !== 'LOCATION' || !m.ref) continue;
    const list = countryMentions.get(m.ref);
    if (list) list.push(m);
    else countryMentions.set(m.ref, [m]);
  }
  const dominantCountry = mostMentionedCountry(mentions);

  const adjectiveCountry = (info: TokenInfo | undefined): string | undefined => {
    if (!info || info.token.kind !== 'word') return undefined;
    for (const k of info.keys) {
      const ref = countryAdjectives.get(k);
      if (ref) return ref;
    }
    return undefined;
  };
  /** The mention of a country nearest to token i (before it first). */
  const countryMention = (ref: string, at: number): PositionMention | undefined => {
    const list = countryMentions.get(ref);
    if (!list) return undefined;
    let best: PositionMention | undefined;
    for (const m of list) if (m.first <= at) best = m;
    return best ?? list[0];
  };
  /** The last mention before token `before` that fits, within a few sentences. */
  const antecedent = (before: number, floor: number, fits: (m: PositionMention) => boolean): PositionMention | undefined => {
    let lo = 0;
    let hi = mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (mentions[mid]!.first < before) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0 && mentions[k]!.first >= floor; k--) if (fits(mentions[k]!)) return mentions[k];
    return undefined;
  };

  const people = (m: PositionMention | undefined) => (m?.type === 'PERSON' ? m : undefined);
  const personStarts = new Uint8Array(infos.length);
  for (const m of mentions) if (m.type === 'PERSON') personStarts[m.first] = 1;
  const sentenceHasPerson = (s: Sentence) => personStarts.subarray(s.first, s.last).includes(1);
  const firstPerson = (s: Sentence) => {
    for (let k = s.first; k < s.last; k++) if (personStarts[k] === 1) return people(byStart.get(k));
    return undefined;
  };
  /**
   * "… Президент заявил о … . Касым-Жомарт Токаев подчеркнул, что …": the last title of a
   * sentence that names nobody, a subject in the nominative, is introduced by the full name
   * opening the next sentence, when that sentence gives the name no title of its own. Not a title someone already held earlier in the article: that
   * one refers back ("начальник департамента напомнил" after Маткенов was named as such).
   */
  const namedInNextSentence = (chain: ReadonlyArray<{ g: TitleGroup; target: PositionMention | undefined; position: string }>, si: number): PositionMention | undefined => {
    const next = sentences[si + 1];
    const last = chain[chain.length - 1];
    if (!next || !last?.target) return undefined;
    if (!infos[last.g.first]!.parses.some((p) => p.pos === 'NOUN' && p.case === 'nomn')) return undefined;
    const person = firstPerson(next);
    if (!person || !opensSentence(infos, next, person.first) || person.norm.trim().split(/\s+/).length < 2) return undefined;
    // "… председатель КГБ угрожал … . Андрей Санников — бывший заместитель министра …": a name
    // introduced with a title of its own is someone else.
    if (titleGroups(infos, next, positions, byStart).length > 0) return undefined;
    const heldBefore = out.some((h) => h.position === last.position && (h.target.ref !== undefined ? h.target.ref === last.target!.ref : h.target.norm === last.target!.norm));
    return heldBefore ? undefined : person;
  };
  sentences.forEach((s, si) => {
    // "<Person>[,] [ранее] возглавляет / возглавляющий <org>"
    for (let k = s.first; k < s.last; k++) {
      const p = people(byStart.get(k));
      if (!p) continue;
      let v = p.last;
      if (infos[v]?.token.text === ',') v++;
      // "ранее", "до этого", "с 2010 года": a few words between
      for (let guard = 0; guard < 2 && v < s.last && !has(infos[v], LEAD) && !byStart.get(v); guard++) {
        if (!infos[v]!.parses.some((x) => x.pos === 'ADVB' || x.pos === 'COMP' || x.pos === 'PRCL')) break;
        v++;
      }
      if (v >= s.last || !has(infos[v], LEAD)) continue;
      const org = byStart.get(v + 1);
      if (org && (org.type === 'ORGANIZATION' || org.type === 'LOCATION')) out.push({ person: p, target: org, position: 'руководитель', sentence: s });
    }
    const groups = titleGroups(infos, s, positions, byStart);
    if (groups.length === 0) return;
    const floor = sentences[Math.max(0, si - 3)]!.first;

    const tailOf = (g: TitleGroup): GroupTail => {
      const targets: PositionMention[] = [];
      let k = g.last;
      let skipped = 0;
      let generic: GroupTail['generic'];
      let adjRef: string | undefined;
      let countryRef: string | undefined;
      const complement: number[] = [];
      let complementOpen = true;
      // "наблюдатель от ОБСЕ"
      if (infos[k]?.lower === 'от' && byStart.get(k + 1) && byStart.get(k + 1)!.type !== 'PERSON') k++;
      while (k < s.last) {
        const m = byStart.get(k);
        if (m && (m.type === 'ORGANIZATION' || m.type === 'LOCATION')) {
          targets.push(m);
          k = m.last;
          // "координатор движения «Левый фронт» Сергей Удальцов": the closing quote.
          while (k < s.last && CLOSE_QUOTES.has(infos[k]!.token.text) && !byStart.get(k)) k++;
          // "Генеральный секретарь Объединённого фронта ... (ОФДД) X": the abbreviation in brackets.
          k = skipBracketed(infos, k, s.last);
          continue;
        }
        if (m) break;
        const info = infos[k]!;
        if (info.token.kind === 'punct' && OPEN_QUOTES.has(info.token.text)) {
          k++; // "директор компании «Ромашка»"
          continue;
        }
        // "начальник управления полиции Алматы", "министр связи и коммуникаций РФ": common genitive words between.
        // "лидер крайне правого ...": an adverb before a genitive adjective.
        if (info.token.kind === 'word' && !info.cap && skipped < 4 && targets.length === 0 && info.parses.some((p) => p.pos === 'ADVB') && infos[k + 1] && isGenitive(infos[k + 1]!) && !infos[k + 1]!.cap) {
          k++;
          skipped++;
          complementOpen = false;
          continue;
        }
        // "управляющий компанией X", "заведующий кафедрой X": titles that govern the instrumental.
        const governed = GOVERNS_INSTRUMENTAL.has(g.name) && skipped === 0 && info.parses.some((p) => p.pos === 'NOUN' && p.case === 'ablt');
        if (info.token.kind === 'word' && !info.cap && skipped < 4 && targets.length === 0 && (isGenitive(info) || info.lower === 'и' || governed)) {
          if (info.lower === 'и') {
            const next = infos[k + 1];
            if (skipped === 0 || !next || next.cap || !isGenitive(next) || !next.parses.some((p) => p.pos === 'NOUN' || p.pos === 'ADJF')) break;
          }
          let namesSomething = false;
          if (skipped === 0 || adjRef) {
            if (has(info, STATE_NOUNS)) {
              generic = 'state';
              if (adjRef) countryRef = adjRef;
            } else if (has(info, TOWN_NOUNS)) generic ??= 'town';
            else if (has(info, GENERIC_ORG_NOUNS)) generic ??= 'org';
          }
          adjRef = adjectiveCountry(info);
          namesSomething = generic !== undefined || adjRef !== undefined || has(info, GENERIC_ORG_NOUNS) || heads.matchAt(infos, k, k + 1) !== undefined;
          // The title's own complement ("министр связи и коммуникаций", "представитель вооружённых сил")
          // ends where a word names the organisation or place instead.
          if (namesSomething) complementOpen = false;
          else if (complementOpen) complement.push(k);
          k++;
          skipped++;
          continue;
        }
        // "министр по делам разведки", "комиссар по правам человека": a "по" complement.
        if (info.lower === 'по' && targets.length === 0 && skipped === 0 && complementOpen) {
          let j = k + 1;
          while (j < s.last && j < k + 5 && !infos[j]!.cap && infos[j]!.token.kind === 'word' && !byStart.get(j) && infos[j]!.parses.some((p) => p.pos === 'NOUN' || p.pos === 'ADJF' || p.pos === 'PRTF')) j++;
          if (j > k + 1 && infos[k + 1]!.parses.some((p) => p.case === 'datv' || p.case === 'loct')) {
            for (let q = k; q < j; q++) complement.push(q);
            k = j;
            continue;
          }
        }
        break;
      }
      // A complement ends with its noun: "директор федеральной [службы ...]" keeps only "директор".
      while (complement.length > 0 && !infos[complement[complement.length - 1]!]!.parses.some((p) => p.pos === 'NOUN')) complement.pop();
      const position = complement.length > 0 ? g.name + ' ' + complement.map((q) => infos[q]!.lower).join(' ') : g.name;
      return { targets, end: k, position, ...(generic ? { generic } : {}), ...(countryRef ? { countryRef } : {}) };
    };

    /** The person named right after a title's tail. */
    const personAfter = (k: number, hasTargets: boolean): PositionMention | undefined => {
      const direct = people(byStart.get(k));
      if (direct) return direct;
      const t = infos[k]?.token.text;
      // "спикер палаты представителей, Нэнси Пелоси"
      if (t === ',' && hasTargets) return people(byStart.get(k + 1));
      // "представитель Следственного комитета при прокуратуре Владимир Маркин"
      if (hasTargets && infos[k] && TAIL_PREPOSITIONS.has(infos[k]!.lower)) {
        for (let j = k + 1; j < Math.min(s.last, k + 5); j++) {
          const p = people(byStart.get(j));
          if (p) return p;
          const m = byStart.get(j);
          if (m) {
            j = m.last - 1;
            continue;
          }
          if (infos[j]!.token.kind === 'punct') break;
        }
      }
      return undefined;
    };

    /** A target for a title with no named organisation after it. */
    const implicitTarget = (g: TitleGroup, tail: GroupTail): PositionMention | undefined => {
      if (tail.countryRef) return countryMention(tail.countryRef, g.first);
      const before = adjectiveCountry(infos[g.first - 1]);
      if (before && g.first - 1 >= s.first) return countryMention(before, g.first);
      // "МВД в лице начальника департамента X"
      if (g.first - 2 > s.first && infos[g.first - 1]?.lower === 'лице' && infos[g.first - 2]?.lower === 'в') {
        const org = byEnd.get(g.first - 2);
        if (org?.type === 'ORGANIZATION') return org;
      }
      if (tail.generic === 'state') return antecedent(g.first, floor, (m) => m.type === 'LOCATION' && m.subtype === 'country') ?? (dominantCountry ? countryMention(dominantCountry, g.first) : undefined);
      if (tail.generic === 'town') return antecedent(g.first, floor, (m) => m.type === 'LOCATION' && m.subtype !== 'country');
      if (tail.generic === 'org') return antecedent(g.first, floor, (m) => m.type === 'ORGANIZATION' && m.subtype !== 'media');
      // Only a title in the nominative, the subject's own title ("Премьер-министр X заявил"): in an
      // oblique case ("администрация президента X") the article often speaks of another country's leader.
      if (tail.end === g.last && STATE_HEAD_TITLES.has(g.name) && dominantCountry && infos[g.first]!.parses.some((p) => p.pos === 'NOUN' && p.case === 'nomn')) return countryMention(dominantCountry, g.first);
      return undefined;
    };

    let chain: Array<{ g: TitleGroup; target: PositionMention | undefined; position: string }> = [];
    /** Groups whose target is named after the title (not inferred). */
    const tailTargets = new Set<TitleGroup>();
    for (let gi = 0; gi < groups.length; gi++) {
      const g = groups[gi]!;
      const tail = tailOf(g);
      const target = tail.targets[0] ?? implicitTarget(g, tail);
      chain.push({ g, target, position: tail.position });
      if (tail.targets.length > 0) tailTargets.add(g);
      const chainStart = chain[0]!.g.first;
      // "Тлеген Маткенов, начальник департамента ..."; in a list ("X - директор A, Y - директор B")
      // this is the reading that holds, not "директор A, Y".
      const sepBefore = infos[chainStart - 1];
      const before = sepBefore && chainStart - 1 > s.first && BEFORE_SEPARATORS.has(sepBefore.token.text) ? people(byEnd.get(chainStart - 1)) : undefined;
      let person = personAfter(tail.end, tail.targets.length > 0 && !before);
      if (!person) {
        // Another title follows: the name comes after the whole chain.
        const next = groups[gi + 1];
        if (next && chainsTo(infos, tail.end, next.first) && sameCase(infos[g.first]!, infos[next.first]!)) continue;
      }
      person ??= before;
      // "архиепископ Лонгин Клинский (РПЦ МП)": a title, the name, and the organisation in brackets.
      if (person && !chain.some((c) => c.target) && infos[person.last]?.token.text === '(') {
        const org = byStart.get(person.last + 1);
        if (org && org.type === 'ORGANIZATION') chain[chain.length - 1]!.target = org;
      }
      if (!person) person = appointedBefore(infos, s, chainStart, byEnd);
      // "Сенатор X прибыл в Пакистан. Председатель Комитета по иностранным делам стал первым ...":
      // a titled subject opening a sentence that names nobody continues the previous sentence's subject.
      if (!person && chain.some((c) => c.target && tailTargets.has(c.g)) && opensSentence(infos, s, chainStart) && !sentenceHasPerson(s) && si > 0) {
        const prev = sentences[si - 1]!;
        if (!infos[s.first]!.token.newlineBefore && infos[chainStart]!.parses.some((p) => p.pos === 'NOUN' && p.case === 'nomn')) person = firstPerson(prev);
      }
      // The evidence is the title's sentence, as for a subject named in the sentence before.
      if (!person && gi === groups.length - 1 && !sentenceHasPerson(s)) person = namedInNextSentence(chain, si);
      if (person) {
        for (const c of chain) if (c.target && c.target.index !== person.index) out.push({ person, target: c.target, position: c.position, sentence: s });
      }
      chain = [];
    }

  });
  return out;
}

/** After a bracketed abbreviation or name of up to four tokens ("(ОФДД)", "(FN)"), else `k`. */
function skipBracketed(infos: readonly TokenInfo[], k: number, end: number): number {
  if (infos[k]?.token.text !== '(') return k;
  for (let j = k + 1; j < end && j <= k + 5; j++) {
    const t = infos[j]!.token;
    if (t.text === ')') return j > k + 1 ? j + 1 : k;
    if (t.kind === 'punct' && t.text !== '.' && t.text !== '-') return k;
    if (t.kind === 'word' && !infos[j]!.cap && infos[j]!.cyr) return k;
  }
  return k;
}

/** Only punctuation (a dash, a quote) before the token in its sentence. */
function opensSentence(infos: readonly TokenInfo[], s: Sentence, i: number): boolean {
  for (let k = s.first; k < i; k++) if (infos[k]!.token.kind !== 'punct') return false;
  return true;
}

/** Position-lexicon matches of a sentence, adjacent titles merged ("заместитель начальника"). */
function titleGroups(infos: readonly TokenInfo[], s: Sentence, positions: Gazetteer, byStart: ReadonlyMap<number, PositionMention>): TitleGroup[] {
  const titles = positions.match(infos, s.first, s.last);
  const groups: TitleGroup[] = [];
  for (let ti = 0; ti < titles.length; ti++) {
    const p = titles[ti]!;
    if (byStart.get(p.first)?.type === 'PERSON') continue;
    // "депутаты Законодательного собрания": a plural title is not one person's post.
    if (onlyPlural(infos, p.first, p.last)) continue;
    let name = p.entry.name;
    let last = p.last;
    while (titles[ti + 1] && titles[ti + 1]!.first === last && !byStart.get(last)) {
      const next = titles[++ti]!;
      name += ' ' + infos.slice(next.first, next.last).map((x) => x.lower).join(' ');
      last = next.last;
    }
    groups.push({ first: p.first, last, name });
  }
  return groups;
}

/**
 * Whether the title at `next` continues a chain whose previous part ends at `end`: directly,
 * after a comma or "и", and over up to two adjectives ("..., народный депутат", "от ОБСЕ португальский парламентарий").
 */
function chainsTo(infos: readonly TokenInfo[], end: number, next: number): boolean {
  let k = end;
  if (k < next && (infos[k]!.token.text === ',' || infos[k]!.lower === 'и')) k++;
  for (let adjectives = 0; k < next && adjectives < 2; adjectives++, k++) {
    if (!infos[k]!.parses.some((p) => p.pos === 'ADJF')) return false;
  }
  return k === next;
}

/** The title's head noun (its first noun) is plural in every reading. */
function onlyPlural(infos: readonly TokenInfo[], first: number, last: number): boolean {
  for (let i = first; i < last; i++) {
    const nouns = infos[i]!.parses.filter((p) => p.pos === 'NOUN');
    if (nouns.length > 0) return nouns.every((p) => p.number === 'plur');
  }
  return false;
}

/** Two titles of one chain share a case ("депутат ..., сопредседатель ..."; not "корреспондентом ... лидер"). */
function sameCase(a: TokenInfo, b: TokenInfo): boolean {
  const cases = new Set<string>();
  for (const p of a.parses) if (p.pos === 'NOUN' && p.case) cases.add(p.case);
  if (cases.size === 0) return true;
  return b.parses.some((p) => p.pos === 'NOUN' && p.case !== undefined && cases.has(p.case)) || !b.parses.some((p) => p.pos === 'NOUN');
}

/**
 * "Саломе Зурабишвили стала премьер-министром Грузии", "Иванов назначен начальником ...",
 * "Иванов назначен на должность начальника ...": the person before a copular or appointment verb.
 */
function appointedBefore(infos: readonly TokenInfo[], s: Sentence, titleFirst: number, byEnd: ReadonlyMap<number, PositionMention>): PositionMention | undefined {
  let v = titleFirst - 1;
  const title = infos[titleFirst]!;
  if (v > s.first && has(infos[v], POST_NOUNS)) {
    // "назначен на должность начальника", "занял пост главы"
    if (has(infos[v - 1], HOLD_POST)) v -= 1;
    else if (v - 2 >= s.first && ['на', 'в'].includes(infos[v - 1]!.lower) && has(infos[v - 2], APPOINT_TO_POST)) v -= 2;
    else return undefined;
  } else if (title.parses.some((x) => x.case === 'ablt' && x.pos === 'NOUN')) {
    let guard = 0;
    while (v >= s.first && guard < 4 && !has(infos[v], APPOINT)) {
      v--;
      guard++;
    }
    if (v < s.first || !has(infos[v], APPOINT)) return undefined;
  } else return undefined;
  for (let e = v; e >= s.first && e >= v - 4; e--) {
    const m = byEnd.get(e);
    if (m?.type === 'PERSON') return m;
  }
  return undefined;
}

function mostMentionedCountry(mentions: readonly PositionMention[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  let bestCount = 0;
  for (const m of mentions) {
    if (m.type !== 'LOCATION' || m.subtype !== 'country' || !m.ref) continue;
    const c = (counts.get(m.ref) ?? 0) + 1;
    counts.set(m.ref, c);
    if (c > bestCount) {
      best = m.ref;
      bestCount = c;
    }
  }
  // Only a clear main country: at least two mentions and more than all others together.
  let total = 0;
  for (const c of counts.values()) total += c;
  return bestCount >= 2 && bestCount * 2 > total ? best : undefined;
}
