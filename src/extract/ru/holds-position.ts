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
 *
 * The code is a list of named rules over a shared context, each small enough to test alone
 * (tests/extract/holds-position-rules.test.ts):
 * - an `ArticleContext` is built once per article (mentions by token, country mentions, the
 *   article's main country), a `SentenceContext` once per sentence (its title groups);
 * - `POSITION_RULES` run in order over every sentence and return what they find; the caller
 *   concatenates (a rule sees what the rules before it found, read-only);
 * - the `title-chain` rule asks `TARGET_RULES` what a title is held in and `NAME_RULES` who holds it,
 *   each list in order, the first rule that answers deciding.
 */
import type { Sentence } from '../tokens';
import { countryOfAdjective, type TokenInfo } from './analysis';
import type { Gazetteer } from './gazetteer';

export interface PositionMention {
  index: number;
  first: number;
  last: number;
  type: string;
  subtype?: string;
  ref?: string;
  norm: string;
  /** A country named only by its adjective ("британский премьер"): see EntityMention.adjective. */
  adjective?: true;
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

// ---------------------------------------------------------------------------------------------
// Contexts

/** What every sentence's rules look up in the article: built once per article. */
export interface ArticleContext extends PositionInput {
  /** The outermost mention starting at a token. */
  byStart: ReadonlyMap<number, PositionMention>;
  /** The longest mention ending at a token (its `last`). */
  byEnd: ReadonlyMap<number, PositionMention>;
  /** Place mentions with a lexicon id, by that id, in text order. */
  countryMentions: ReadonlyMap<string, readonly PositionMention[]>;
  /** The country the article clearly talks about most (see mostMentionedCountry). */
  dominantCountry: string | undefined;
  /** 1 at the first token of each person mention. */
  personStarts: Uint8Array;
}

/** Consecutive position-lexicon matches read as one title ("заместитель начальника"). */
export interface TitleGroup {
  first: number;
  /** Token after the title words. */
  last: number;
  name: string;
}

/** One sentence and what its rules share: built once per sentence. */
export interface SentenceContext {
  article: ArticleContext;
  sentence: Sentence;
  /** Index of `sentence` in the article. */
  index: number;
  /** The sentence's titles, left to right. */
  titles: readonly TitleGroup[];
  /** First token an antecedent may be in ("глава ведомства" looks back up to three sentences). */
  floor: number;
}

export function articleContext(input: PositionInput): ArticleContext {
  const byStart = new Map<number, PositionMention>();
  const byEnd = new Map<number, PositionMention>();
  // The outermost mention at a token: a place nested in an organisation's name ("МВД России") never hides it.
  for (const m of input.mentions) {
    if (!byStart.has(m.first)) byStart.set(m.first, m);
    const e = byEnd.get(m.last);
    if (!e || e.last - e.first < m.last - m.first) byEnd.set(m.last, m);
  }
  const countryMentions = new Map<string, PositionMention[]>();
  for (const m of input.mentions) {
    if (m.type !== 'LOCATION' || !m.ref) continue;
    const list = countryMentions.get(m.ref);
    if (list) list.push(m);
    else countryMentions.set(m.ref, [m]);
  }
  const personStarts = new Uint8Array(input.infos.length);
  for (const m of input.mentions) if (m.type === 'PERSON') personStarts[m.first] = 1;
  return { ...input, byStart, byEnd, countryMentions, dominantCountry: mostMentionedCountry(input.mentions), personStarts };
}

export function sentenceContext(article: ArticleContext, index: number): SentenceContext {
  const sentence = article.sentences[index]!;
  return {
    article,
    sentence,
    index,
    titles: titleGroups(article.infos, sentence, article.positions, article.byStart),
    floor: article.sentences[Math.max(0, index - 3)]!.first,
  };
}

/** A person mention starting at token k. */
function personAt(a: ArticleContext, k: number): PositionMention | undefined {
  const m = a.byStart.get(k);
  return m?.type === 'PERSON' ? m : undefined;
}

function sentenceHasPerson(a: ArticleContext, s: Sentence): boolean {
  return a.personStarts.subarray(s.first, s.last).includes(1);
}

function firstPerson(a: ArticleContext, s: Sentence): PositionMention | undefined {
  for (let k = s.first; k < s.last; k++) if (a.personStarts[k] === 1) return personAt(a, k);
  return undefined;
}

/** The country a word's lemma is the adjective of ("российского" -> "loc:russia"). */
function adjectiveCountry(a: ArticleContext, info: TokenInfo | undefined): string | undefined {
  return info && info.token.kind === 'word' ? countryOfAdjective(info, a.countryAdjectives) : undefined;
}

/**
 * The mention of a country nearest to token `at` (before it first). A mention by name wins
 * over one by adjective ("российский президент" is held in the Россия the article names).
 */
function countryMention(a: ArticleContext, ref: string, at: number): PositionMention | undefined {
  const all = a.countryMentions.get(ref);
  if (!all) return undefined;
  const named = all.filter((m) => !m.adjective);
  const list = named.length > 0 ? named : all;
  let best: PositionMention | undefined;
  for (const m of list) if (m.first <= at) best = m;
  return best ?? list[0];
}

/** The last mention before token `before` that fits, starting at `floor` or later. */
function antecedent(a: ArticleContext, before: number, floor: number, fits: (m: PositionMention) => boolean): PositionMention | undefined {
  const { mentions } = a;
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.first < before) lo = mid + 1;
    else hi = mid;
  }
  for (let k = lo - 1; k >= 0 && mentions[k]!.first >= floor; k--) if (fits(mentions[k]!)) return mentions[k];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Sentence rules

export interface PositionRule {
  name: string;
  /** What the rule finds in the sentence; `found` is what the rules before it found, in this sentence and earlier ones. */
  apply(ctx: SentenceContext, found: readonly HoldsPosition[]): HoldsPosition[];
}

/**
 * "<Person>[,] [ранее] возглавляет / возглавляющий / руководит <org or place>": a leading
 * verb (or its participle) right after a name, over a comma and up to two adverbs or
 * particles, with the organisation right after it. The position is "руководитель".
 * "Иван Петров, ранее возглавлявший ООО «Ромашка», ..." -> Иван Петров, руководитель, ООО «Ромашка».
 */
export function leadsOrganisation(ctx: SentenceContext): HoldsPosition[] {
  const { article: a, sentence: s } = ctx;
  const { infos } = a;
  const out: HoldsPosition[] = [];
  for (let k = s.first; k < s.last; k++) {
    const p = personAt(a, k);
    if (!p) continue;
    let v = p.last;
    if (infos[v]?.token.text === ',') v++;
    // "ранее", "до этого", "с 2010 года": a few words between
    for (let guard = 0; guard < 2 && v < s.last && !has(infos[v], LEAD) && !a.byStart.get(v); guard++) {
      if (!infos[v]!.parses.some((x) => x.pos === 'ADVB' || x.pos === 'COMP' || x.pos === 'PRCL')) break;
      v++;
    }
    if (v >= s.last || !has(infos[v], LEAD)) continue;
    const org = a.byStart.get(v + 1);
    if (org && (org.type === 'ORGANIZATION' || org.type === 'LOCATION')) out.push({ person: p, target: org, position: 'руководитель', sentence: s });
  }
  return out;
}

/** One title of a chain with what it is held in. */
export interface ChainLink {
  title: TitleGroup;
  tail: TitleTail;
  target: PositionMention | undefined;
}

/** Titles read together with one name ("депутат A, сопредседатель B X"), and where the last one is. */
export interface TitleChain {
  links: readonly ChainLink[];
  /** Index of the last link's title in the sentence's `titles`. */
  titleIndex: number;
  /** What the rules before `title-chain` found, in this sentence and earlier ones. */
  found: readonly HoldsPosition[];
  /** What `title-chain` found in this sentence before this chain. */
  foundInSentence: readonly HoldsPosition[];
}

/**
 * Titles with the organisations named after them and the person who holds them: the sentence's
 * titles left to right, each with its tail (`titleTail`) and target (`TARGET_RULES`); a title
 * whose name comes after a further title of the same case waits for it and the chain shares
 * the name; the name comes from `NAME_RULES`, the first that finds one. Every title of the chain
 * with a target (other than the person) gives one HOLDS_POSITION.
 * "депутат Госдумы, председатель партии «Рассвет» Иван Петров" -> Иван Петров holds both.
 */
export function titleChains(ctx: SentenceContext, found: readonly HoldsPosition[]): HoldsPosition[] {
  const { sentence: s, titles } = ctx;
  const out: HoldsPosition[] = [];
  let links: ChainLink[] = [];
  for (let gi = 0; gi < titles.length; gi++) {
    const title = titles[gi]!;
    const tail = titleTail(ctx, title);
    links.push({ title, tail, target: targetOf(ctx, title, tail) });
    const chain: TitleChain = { links, titleIndex: gi, found, foundInSentence: out };
    const named = nameOf(ctx, chain);
    if (named === WAIT) continue;
    links = [];
    if (!named) continue;
    const { person, rule } = named;
    let targets = chain.links.map((l) => l.target);
    // "архиепископ Лонгин Клинский (РПЦ МП)": a title, the name, and the organisation in brackets.
    if (rule.adjacent) {
      const org = organisationAfterName(ctx, chain, person);
      if (org) targets = [...targets.slice(0, -1), org];
    }
    chain.links.forEach((l, i) => {
      const target = targets[i];
      if (target && target.index !== person.index) out.push({ person, target, position: l.tail.position, sentence: s });
    });
  }
  return out;
}

/** Sentence rules in the order they run; their results are concatenated in this order. */
export const POSITION_RULES: readonly PositionRule[] = [
  { name: 'leads-organisation', apply: leadsOrganisation },
  { name: 'title-chain', apply: titleChains },
];

export function findHoldsPositions(input: PositionInput): HoldsPosition[] {
  const article = articleContext(input);
  const out: HoldsPosition[] = [];
  for (let si = 0; si < input.sentences.length; si++) {
    const ctx = sentenceContext(article, si);
    for (const rule of POSITION_RULES) for (const h of rule.apply(ctx, out)) out.push(h);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tail of a title: its complement and the organisations named after it

export interface TitleTail {
  /** Organisations and places named right after the title, in order. */
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

/**
 * What follows a title up to the name: the organisations and places named there ("начальник
 * Департамента полиции МВД" -> Департамент полиции, МВД), over lower-case genitive words,
 * opening and closing quotes and a bracketed abbreviation; the title's own complement
 * ("министр связи и коммуникаций", "комиссар по правам человека"), which joins the position;
 * and a generic noun standing for an organisation or place named elsewhere ("глава ведомства",
 * "президент страны").
 */
export function titleTail(ctx: SentenceContext, g: TitleGroup): TitleTail {
  const { article: a, sentence: s } = ctx;
  const { infos, byStart, heads } = a;
  const targets: PositionMention[] = [];
  let k = g.last;
  let skipped = 0;
  let generic: TitleTail['generic'];
  let adjRef: string | undefined;
  let countryRef: string | undefined;
  const complement: number[] = [];
  let complementOpen = true;
  // "наблюдатель от ОБСЕ"
  if (infos[k]?.lower === 'от' && byStart.get(k + 1) && byStart.get(k + 1)!.type !== 'PERSON') k++;
  // "глава ОАО «Газпром»", "руководитель РКК „Энергия“": an abbreviation in capitals right before
  // a quoted organisation is its kind or legal form, not the organisation the title is held in.
  const kindBeforeQuoted = (at: number) =>
    infos[at]!.upper && at + 2 < s.last && OPEN_QUOTES.has(infos[at + 1]!.token.text) && byStart.get(at + 2)?.type === 'ORGANIZATION';
  while (k < s.last) {
    const m = byStart.get(k);
    if (targets.length === 0 && (!m || m.type === 'ORGANIZATION') && (!m || m.last === k + 1) && kindBeforeQuoted(k)) {
      k++;
      continue;
    }
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
      adjRef = adjectiveCountry(a, info);
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
}

// ---------------------------------------------------------------------------------------------
// Target rules: what a title is held in

/**
 * A target rule's answer: a mention; `null` when the rule applies and finds nothing (no later
 * rule is asked: "глава государства" with no country in the article has no target, even if an
 * organisation was named before); `undefined` when it does not apply.
 */
export type TargetAnswer = PositionMention | null | undefined;

export interface TargetRule {
  name: string;
  find(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer;
}

/** "начальник Департамента полиции Ивану Петрову": the first organisation or place named after the title. */
export function namedAfterTitle(_ctx: SentenceContext, _title: TitleGroup, tail: TitleTail): TargetAnswer {
  return tail.targets[0];
}

/**
 * "глава российского государства Иван Петров": a country adjective before a state noun in the
 * tail; the target is the mention of that country nearest before the title (else its first),
 * and no target when the article never names it.
 */
export function countryAdjectiveInTail(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer {
  if (!tail.countryRef) return undefined;
  return countryMention(ctx.article, tail.countryRef, title.first) ?? null;
}

/**
 * "российский президент Иван Петров", "белорусского министра Петрова": a country adjective right
 * before the title (in the same sentence) gives that country, as the article names it.
 */
export function countryAdjectiveBeforeTitle(ctx: SentenceContext, title: TitleGroup): TargetAnswer {
  const a = ctx.article;
  const before = adjectiveCountry(a, a.infos[title.first - 1]);
  if (!before || title.first - 1 < ctx.sentence.first) return undefined;
  return countryMention(a, before, title.first) ?? null;
}

/** "Компанию «Ромашка» в лице директора Ивана Петрова": the organisation right before "в лице". */
export function inThePersonOf(ctx: SentenceContext, title: TitleGroup): TargetAnswer {
  const { infos, byEnd } = ctx.article;
  if (title.first - 2 > ctx.sentence.first && infos[title.first - 1]?.lower === 'лице' && infos[title.first - 2]?.lower === 'в') {
    const org = byEnd.get(title.first - 2);
    if (org?.type === 'ORGANIZATION') return org;
  }
  return undefined;
}

/**
 * "глава государства Иван Петров", "президент страны": the country named last in this sentence or
 * the three before, else the article's main country; no target when there is neither.
 */
export function stateNoun(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer {
  if (tail.generic !== 'state') return undefined;
  const a = ctx.article;
  return antecedent(a, title.first, ctx.floor, (m) => m.type === 'LOCATION' && m.subtype === 'country') ?? (a.dominantCountry ? countryMention(a, a.dominantCountry, title.first) : undefined) ?? null;
}

/** "Власти Самары ... Мэр города Иван Петров": the place (not a country) named last in this sentence or the three before. */
export function townNoun(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer {
  if (tail.generic !== 'town') return undefined;
  return antecedent(ctx.article, title.first, ctx.floor, (m) => m.type === 'LOCATION' && m.subtype !== 'country') ?? null;
}

/**
 * "В «Ромашке» ... Глава компании Иван Петров", "лидер партии X": the organisation (not a medium)
 * named last in this sentence or the three before.
 */
export function organisationNoun(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer {
  if (tail.generic !== 'org') return undefined;
  return antecedent(ctx.article, title.first, ctx.floor, (m) => m.type === 'ORGANIZATION' && m.subtype !== 'media') ?? null;
}

/**
 * "Премьер-министр Иван Петров заявил ...": a head of state or government with nothing after the
 * title holds it in the article's main country (see mostMentionedCountry). Only a title in the
 * nominative, the subject's own title: in an oblique case ("администрация президента X") the
 * article often speaks of another country's leader.
 */
export function headOfStateAlone(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer {
  const a = ctx.article;
  if (tail.end === title.last && STATE_HEAD_TITLES.has(title.name) && a.dominantCountry && a.infos[title.first]!.parses.some((p) => p.pos === 'NOUN' && p.case === 'nomn')) return countryMention(a, a.dominantCountry, title.first) ?? null;
  return undefined;
}

/**
 * "В Сенате, где демократы сохранили большинство, спикер Иван Петров заявил": a sentence that opens
 * with "в"/"на" and an organisation is set in it; a title with nothing after it, later in the
 * sentence, is held there. Only the organisation right after the opening preposition, and only
 * when no other organisation or place is named between it and the title.
 */
export function framedByOrganisation(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): TargetAnswer {
  if (tail.end !== title.last || tail.generic) return undefined;
  const { article: a, sentence: s } = ctx;
  const opening = a.infos[s.first];
  if (!opening || !FRAME_PREPOSITIONS.has(opening.lower)) return undefined;
  const org = a.byStart.get(s.first + 1);
  if (!org || org.type !== 'ORGANIZATION' || org.subtype === 'media' || org.last > title.first) return undefined;
  for (let k = org.last; k < title.first; k++) {
    const m = a.byStart.get(k);
    if (m && (m.type === 'ORGANIZATION' || m.type === 'LOCATION' || m.type === 'PERSON')) return undefined;
  }
  return org;
}

const FRAME_PREPOSITIONS = new Set(['в', 'во', 'на']);

/** Target rules in order: the first that answers decides. */
export const TARGET_RULES: readonly TargetRule[] = [
  { name: 'named-after-title', find: namedAfterTitle },
  { name: 'country-adjective-in-tail', find: countryAdjectiveInTail },
  { name: 'country-adjective-before-title', find: countryAdjectiveBeforeTitle },
  { name: 'in-the-person-of', find: inThePersonOf },
  { name: 'state-noun', find: stateNoun },
  { name: 'town-noun', find: townNoun },
  { name: 'organisation-noun', find: organisationNoun },
  { name: 'framed-by-organisation', find: framedByOrganisation },
  { name: 'head-of-state-alone', find: headOfStateAlone },
];

/** What a title is held in, by the first target rule that answers. */
export function targetOf(ctx: SentenceContext, title: TitleGroup, tail: TitleTail): PositionMention | undefined {
  for (const rule of TARGET_RULES) {
    const answer = rule.find(ctx, title, tail);
    if (answer !== undefined) return answer ?? undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Name rules: who holds a chain of titles

export interface NameRule {
  name: string;
  /** The name stands right after or before the titles: an organisation in brackets after it is theirs. */
  adjacent: boolean;
  find(ctx: SentenceContext, chain: TitleChain): PositionMention | undefined;
}

function lastLink(chain: TitleChain): ChainLink {
  return chain.links[chain.links.length - 1]!;
}

/**
 * "начальник департамента Иван Петров": the name right after the last title's tail. After an
 * organisation also over a comma ("спикер палаты представителей, Иван Петров") or a short
 * prepositional phrase ("представитель комитета при прокуратуре Иван Петров"), but not when a
 * name stands before the titles: in a list ("Петров - директор A, Сидоров - директор B") the name
 * before holds.
 */
export function nameAfterTitle(ctx: SentenceContext, chain: TitleChain): PositionMention | undefined {
  const { article: a, sentence: s } = ctx;
  const { infos } = a;
  const { tail } = lastLink(chain);
  const k = tail.end;
  const hasTargets = tail.targets.length > 0 && !nameBeforeTitle(ctx, chain);
  const direct = personAt(a, k);
  if (direct) return direct;
  const t = infos[k]?.token.text;
  if (t === ',' && hasTargets) return personAt(a, k + 1);
  if (hasTargets && infos[k] && TAIL_PREPOSITIONS.has(infos[k]!.lower)) {
    for (let j = k + 1; j < Math.min(s.last, k + 5); j++) {
      const p = personAt(a, j);
      if (p) return p;
      const m = a.byStart.get(j);
      if (m) {
        j = m.last - 1;
        continue;
      }
      if (infos[j]!.token.kind === 'punct') break;
    }
  }
  return undefined;
}

/**
 * "Иван Петров, начальник департамента", "Иван Петров — директор ...", "Иван Петров (глава ...)": the
 * name right before the first title, with a comma, dash or bracket between (and a description
 * joined by "и": "Иван Петров — политик и лидер ...").
 */
export function nameBeforeTitle(ctx: SentenceContext, chain: TitleChain): PositionMention | undefined {
  const { article: a, sentence: s } = ctx;
  let at = chain.links[0]!.title.first - 1;
  // "Иван Петров — политик и лидер партии X", "Иван Петров, журналист и главный редактор газеты X":
  // a description of up to three lower-case words joined to the title by "и".
  if (a.infos[at]?.lower === 'и') {
    let j = at - 1;
    while (j > at - 4 && j > s.first && a.infos[j]!.token.kind === 'word' && !a.infos[j]!.cap && a.infos[j]!.lower !== 'и' && !a.byEnd.get(j)) j--;
    if (j < at - 1) at = j;
  }
  const sep = a.infos[at];
  if (!sep || at <= s.first || !BEFORE_SEPARATORS.has(sep.token.text)) return undefined;
  const m = a.byEnd.get(at);
  return m?.type === 'PERSON' ? m : undefined;
}

/**
 * "Иван Петров стал министром финансов", "Иван Петров назначен на должность начальника ...",
 * "Петров занял пост главы ...": the name before a copular or appointment verb that takes the
 * title in the instrumental, or before "на должность / пост" of the title.
 */
export function appointedToTitle(ctx: SentenceContext, chain: TitleChain): PositionMention | undefined {
  return appointedBefore(ctx.article.infos, ctx.sentence, chain.links[0]!.title.first, ctx.article.byEnd);
}

/**
 * "Сенатор Иван Петров прибыл в Самару. Председатель Комитета по обороне провёл ...": a titled
 * subject in the nominative, with an organisation named after it, opening a sentence that
 * names nobody (in the same paragraph) continues the previous sentence's first person.
 */
export function subjectOfPreviousSentence(ctx: SentenceContext, chain: TitleChain): PositionMention | undefined {
  const { article: a, sentence: s, index: si } = ctx;
  const { infos } = a;
  const chainStart = chain.links[0]!.title.first;
  if (!chain.links.some((l) => l.tail.targets.length > 0) || !opensSentence(infos, s, chainStart) || sentenceHasPerson(a, s) || si === 0) return undefined;
  if (infos[s.first]!.token.newlineBefore || !infos[chainStart]!.parses.some((p) => p.pos === 'NOUN' && p.case === 'nomn')) return undefined;
  return firstPerson(a, a.sentences[si - 1]!);
}

/**
 * "… Президент заявил о … . Касым-Жомарт Токаев подчеркнул, что …": the last title of a
 * sentence that names nobody, a subject in the nominative, is introduced by the full name
 * opening the next sentence, when that sentence gives the name no title of its own. Not a
 * title someone already held earlier in the article: that one refers back ("начальник
 * департамента напомнил" after Маткенов was named as such). The evidence is the title's sentence.
 */
export function namedInNextSentence(ctx: SentenceContext, chain: TitleChain): PositionMention | undefined {
  const { article: a, sentence: s, index: si } = ctx;
  const { infos } = a;
  if (chain.titleIndex !== ctx.titles.length - 1 || sentenceHasPerson(a, s)) return undefined;
  const next = a.sentences[si + 1];
  const last = lastLink(chain);
  const target = last.target;
  if (!next || !target) return undefined;
  if (!infos[last.title.first]!.parses.some((p) => p.pos === 'NOUN' && p.case === 'nomn')) return undefined;
  const person = firstPerson(a, next);
  if (!person || !opensSentence(infos, next, person.first) || person.norm.trim().split(/\s+/).length < 2) return undefined;
  // "… председатель КГБ угрожал … . Андрей Санников — бывший заместитель министра …": a name
  // introduced with a title of its own is someone else.
  if (titleGroups(infos, next, a.positions, a.byStart).length > 0) return undefined;
  const same = (h: HoldsPosition) => h.position === last.tail.position && (h.target.ref !== undefined ? h.target.ref === target.ref : h.target.norm === target.norm);
  return chain.found.some(same) || chain.foundInSentence.some(same) ? undefined : person;
}

/** Name rules in order: the first that finds a person decides. */
export const NAME_RULES: readonly NameRule[] = [
  { name: 'name-after-title', adjacent: true, find: nameAfterTitle },
  { name: 'name-before-title', adjacent: true, find: nameBeforeTitle },
  { name: 'appointed-to-title', adjacent: false, find: appointedToTitle },
  { name: 'subject-of-previous-sentence', adjacent: false, find: subjectOfPreviousSentence },
  { name: 'named-in-next-sentence', adjacent: false, find: namedInNextSentence },
];

const WAIT = Symbol('wait');

/**
 * Who holds the chain, by the first name rule that finds one; WAIT when nobody is named right
 * after its last title and a further title of the same case follows: the name comes after the
 * whole chain ("депутат Госдумы, председатель партии Иван Петров").
 */
function nameOf(ctx: SentenceContext, chain: TitleChain): { person: PositionMention; rule: NameRule } | typeof WAIT | undefined {
  for (const rule of NAME_RULES) {
    const person = rule.find(ctx, chain);
    if (person) return { person, rule };
    if (rule.find === nameAfterTitle && goesOnToNextTitle(ctx, chain)) return WAIT;
  }
  return undefined;
}

function goesOnToNextTitle(ctx: SentenceContext, chain: TitleChain): boolean {
  const { infos } = ctx.article;
  const next = ctx.titles[chain.titleIndex + 1];
  const { title, tail } = lastLink(chain);
  return next !== undefined && chainsTo(infos, tail.end, next.first) && sameCase(infos[title.first]!, infos[next.first]!);
}

/**
 * "архиепископ Лонгин Клинский (РПЦ МП)": a chain with no target of its own, the name right
 * next to it and an organisation in brackets after the name: the last title is held there.
 */
export function organisationAfterName(ctx: SentenceContext, chain: TitleChain, person: PositionMention): PositionMention | undefined {
  const { infos, byStart } = ctx.article;
  if (chain.links.some((l) => l.target) || infos[person.last]?.token.text !== '(') return undefined;
  const org = byStart.get(person.last + 1);
  return org && org.type === 'ORGANIZATION' ? org : undefined;
}

// ---------------------------------------------------------------------------------------------
// Helpers
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
