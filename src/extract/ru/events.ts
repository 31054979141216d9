/**
 * Russian events (issue 12): a trigger word found by lemma through the az morphology, with its
 * participants taken from the mentions of its sentence. Events generalise the relation rules of
 * relations.ts (SEIZED, SENT_REQUEST_TO, STATED, COOPERATES_WITH) and reuse their contexts: the
 * speaker of a quotation and the organisation the speaker holds a post in.
 *
 * `TRIGGER_RULES` find triggers (named, in order; a token is the trigger of one rule at most);
 * `isUnreal` drops the negated and the future or hypothetical ones; `ROLE_RULES` fill the roles.
 * The shared parts (dates, argument order, remapping) are in ../events/core.ts.
 */
import type { ExtractedEvent, ExtractedRelation } from '../../model/extraction';
import type { EventSubtype } from '../../model/vocabulary';
import { dayOffset, makeEvent, MAX_EVENT_SENTENCE_TOKENS, mentionArgument, mentionDate, nearestTrigger, textArgument, weekdayOnOrBefore, type EventMention, type Trigger } from '../events/core';
import type { Sentence } from '../tokens';
import { foldYo, type TokenInfo } from './analysis';
import type { RelationContext } from './relations';

const has = (info: TokenInfo | undefined, lemmas: readonly string[]) => info !== undefined && lemmas.some((l) => info.keys.has(l));

/** The first token in [from, to) whose lemma is in the list, or -1. */
function findLemma(infos: readonly TokenInfo[], from: number, to: number, lemmas: readonly string[]): number {
  for (let k = Math.max(0, from); k < to; k++) if (has(infos[k], lemmas)) return k;
  return -1;
}

export interface TriggerRule {
  name: string;
  subtype: EventSubtype;
  /** The trigger's token range when token i starts one, else undefined. */
  match(infos: readonly TokenInfo[], i: number, s: Sentence): { first: number; last: number } | undefined;
}

/** One word by lemma. */
function word(name: string, subtype: EventSubtype, lemmas: readonly string[]): TriggerRule {
  return { name, subtype, match: (infos, i) => (has(infos[i], lemmas) ? { first: i, last: i + 1 } : undefined) };
}

/** A word by lemma with a second word by lemma within `window` tokens after it ("возбудить уголовное дело"). */
function pair(name: string, subtype: EventSubtype, heads: readonly string[], tails: readonly string[], window: number): TriggerRule {
  return {
    name,
    subtype,
    match(infos, i, s) {
      if (!has(infos[i], heads)) return undefined;
      const k = findLemma(infos, i + 1, Math.min(s.last, i + 1 + window), tails);
      return k < 0 ? undefined : { first: i, last: k + 1 };
    },
  };
}

/** A word by lemma when another word by lemma stands within `window` tokens on either side ("прекратили деятельность"). */
function near(name: string, subtype: EventSubtype, heads: readonly string[], context: readonly string[], window: number): TriggerRule {
  return {
    name,
    subtype,
    match(infos, i, s) {
      if (!has(infos[i], heads)) return undefined;
      return findLemma(infos, Math.max(s.first, i - window), Math.min(s.last, i + window + 1), context) < 0 ? undefined : { first: i, last: i + 1 };
    },
  };
}

const REQUEST_NOUNS = ['запрос', 'ходатайство', 'обращение'];
const SEND_VERBS = ['направить', 'направлять', 'отправить', 'отправлять', 'послать', 'подать', 'подавать'];
/** Speech verbs that make a statement (not "напомнить", which reports an earlier one, nor "передать", which a correspondent does). */
export const STATEMENT_LEMMAS = ['заявить', 'заявлять', 'заявление', 'сообщить', 'объявить', 'подчеркнуть', 'отметить', 'добавить', 'рассказать', 'пояснить'];

/**
 * Trigger rules in order; the first that matches at a token takes it (and the tokens of its
 * range). Lemmas, so every form counts: "изъято", "изъяли", "изъятие".
 */
export const TRIGGER_RULES: readonly TriggerRule[] = [
  // "совместная операция" is cooperation before it is a raid.
  pair('joint-operation', 'cooperation', ['совместный'], ['операция', 'спецоперация', 'рейд', 'работа', 'расследование'], 1),
  // "совместно с Минфином": joint work with the partner named after "с" (the COOPERATES_WITH cue).
  pair('together-with', 'cooperation', ['совместно'], ['с', 'со'], 1),
  word('cooperate', 'cooperation', ['сотрудничать', 'сотрудничество']),
  // Seizure words of the SEIZED rule, without "обнаружить" / "задержать" (found is not seized; detained is its own event).
  word('seize', 'seizure', ['изъять', 'изымать', 'изъятие', 'конфисковать', 'конфисковывать', 'конфискация']),
  word('detain', 'detention', ['задержать', 'задерживать', 'задержание']),
  // "заключить под стражу" is the court's arrest.
  pair('take-into-custody', 'arrest', ['заключить', 'заключать'], ['стража'], 2),
  word('arrest', 'arrest', ['арестовать', 'арестовывать', 'арест']),
  word('search', 'search', ['обыск', 'обыскать', 'обыскивать']),
  // A case opened, charges brought, someone held criminally liable.
  pair('open-case', 'charge', ['возбудить', 'возбуждать', 'возбуждение'], ['дело'], 3),
  pair('bring-charges', 'charge', ['предъявить', 'предъявлять', 'предъявление'], ['обвинение'], 2),
  near('held-liable', 'charge', ['привлечь', 'привлекать', 'привлекаться'], ['ответственность'], 3),
  word('accuse', 'charge', ['обвинить']),
  word('sentence', 'sentence', ['приговорить', 'приговаривать', 'приговор']),
  // Sites blocked, or hacked out of use (the seed: "Взломано пять сайтов ... потеряли функциональность").
  word('block', 'blocking', ['заблокировать', 'блокировать', 'блокировка', 'взломать']),
  pair('restrict-access', 'blocking', ['ограничить', 'ограничивать'], ['доступ'], 2),
  // An operation: a group or a lab liquidated, a crime stopped, a raid or special operation.
  word('liquidate', 'raid', ['ликвидировать', 'ликвидация', 'пресечь', 'пресекать', 'пресечение', 'рейд', 'спецоперация']),
  // "операция" alone is as often a surgeon's: only a police one, or one carried out ("провели операцию").
  near('police-operation', 'raid', ['операция'], ['провести', 'проводить', 'проведение', 'специальный', 'оперативный', 'антинаркотический', 'полицейский', 'силовой', 'контртеррористический', 'оперативно-розыскной'], 2),
  near('stop-activity', 'raid', ['прекратить', 'прекращать', 'прекращение'], ['деятельность'], 10),
  // A request sent ("направлены запросы") or an agency addressed ("обратились в Интерпол").
  pair('send-request', 'request', SEND_VERBS, REQUEST_NOUNS, 2),
  word('appeal-to', 'request', ['обратиться', 'обращаться', 'запросить']),
  word('speak', 'statement', STATEMENT_LEMMAS),
];

/** Words before a trigger that make it hypothetical or future ("планируют заблокировать", "может быть задержан"). */
const HYPOTHETICAL = ['планировать', 'намереваться', 'собираться', 'хотеть', 'мочь', 'должный', 'предстоять', 'предлагать', 'предложить', 'потребовать', 'требовать', 'призвать', 'призывать', 'необходимо', 'нужно', 'надо', 'следует', 'угрожать', 'грозить', 'если', 'бы'];

/**
 * A negated, future or hypothetical trigger: "не" / "ни" right before it (or before its
 * auxiliary: "не были задержаны"), a verb in the future tense ("задержат", "будут задержаны"),
 * or a plan, modal or condition word in the three words before it.
 */
export function isUnreal(infos: readonly TokenInfo[], t: { first: number }, s: Sentence): boolean {
  const at = infos[t.first]!;
  if (at.parses[0]?.tags.has('futr')) return true;
  for (let k = t.first - 1; k >= Math.max(s.first, t.first - 3); k--) {
    const w = infos[k]!;
    if (w.token.kind === 'punct' && w.token.text !== '-') break;
    if (w.lower === 'не' || w.lower === 'ни') return true;
    if (w.lower === 'будет' || w.lower === 'будут' || w.lower === 'буду' || w.lower === 'будем') return true;
    if (has(w, HYPOTHETICAL)) return true;
  }
  return false;
}

/** Triggers of one sentence, unreal ones dropped. */
export function findTriggers(infos: readonly TokenInfo[], s: Sentence): Trigger[] {
  const out: Trigger[] = [];
  for (let i = s.first; i < s.last; i++) {
    // A full participle names its noun ("задержанных", "изъятые наркотики"): no event of its own.
    if (infos[i]!.token.kind !== 'word' || infos[i]!.parses.some((p) => p.pos === 'PRTF' && p.score >= 0.2)) continue;
    for (const rule of TRIGGER_RULES) {
      const r = rule.match(infos, i, s);
      if (!r) continue;
      if (!isUnreal(infos, r, s)) out.push({ subtype: rule.subtype, rule: rule.name, first: r.first, last: r.last, start: infos[r.first]!.token.start, end: infos[r.last - 1]!.token.end });
      i = r.last - 1;
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------- roles

/** Nouns before an agency that make it the actor: "сотрудники ФСБ задержали", "силами полиции". */
const AGENT_MARKERS = ['сотрудник', 'сила', 'оперативник', 'служащий', 'представитель', 'офицер', 'боец', 'пограничник', 'таможенник'];
/** Titles that speak for an official when the name is elsewhere ("Президент заявил"). */
const TITLES = ['президент', 'премьер-министр', 'министр', 'глава', 'начальник', 'руководитель', 'председатель', 'прокурор', 'генпрокурор', 'представитель', 'пресс-секретарь', 'губернатор', 'мэр', 'аким', 'директор', 'заместитель', 'спикер', 'посол', 'следователь', 'судья'];
/** Group nouns acted on, as text when no mention covers them ("задержали пятерых подозреваемых"). */
const GROUP_NOUNS = ['подозреваемый', 'задержанный', 'обвиняемый', 'злоумышленник', 'наркокурьер', 'курьер', 'наркодилер', 'дилер', 'закладчик', 'сбытчик', 'наркосбытчик', 'группировка', 'наркогруппировка', 'банда', 'сообщество', 'синдикат', 'наркосиндикат', 'картель', 'опг', 'лидер', 'участник', 'член', 'гражданин', 'житель', 'мужчина', 'женщина', 'иностранец', 'фигурант'];
const PLACE_PREPOSITIONS = ['в', 'во', 'на'];
const ALL_PREPOSITIONS = new Set(['в', 'во', 'на', 'с', 'со', 'по', 'при', 'для', 'из', 'у', 'от', 'до', 'за', 'над', 'под', 'о', 'об', 'к', 'ко', 'через', 'между', 'против', 'среди']);
/** Subtypes that act on people or groups. */
const PATIENT_SUBTYPES: ReadonlySet<EventSubtype> = new Set(['detention', 'arrest', 'charge', 'sentence', 'raid', 'search']);
/** Subtypes whose drugs are their objects. */
const OBJECT_SUBTYPES: ReadonlySet<EventSubtype> = new Set(['seizure', 'detention', 'arrest', 'search', 'raid', 'charge', 'sentence']);
const MONTHS: Record<string, number> = { январ: 1, феврал: 2, март: 3, апрел: 4, ма: 5, июн: 6, июл: 7, август: 8, сентябр: 9, октябр: 10, ноябр: 11, декабр: 12 };
const WEEKDAYS: Array<[RegExp, number]> = [
  [/^воскресенье$/, 0], [/^понедельник$/, 1], [/^вторник$/, 2], [/^среду$/, 3], [/^четверг$/, 4], [/^пятницу$/, 5], [/^субботу$/, 6],
];
/** Sentence terms: "к 8 годам лишения свободы", "восемь лет колонии". */
const TERM =
  /(?:(?:\d+|(?:одн|дв|тр|четыр|пят|шест|сем|восем|девят|десят|одиннадцат|двенадцат|тринадцат|четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|полутор)[а-яё]*)\s+(?:год[а-яё]*|лет|месяц[а-яё]*)(?:\s+и\s+(?:\d+|[а-яё]+)\s+месяц[а-яё]*)?\s+(?:лишения\s+свободы|колони[а-яё]*|заключени[а-яё]*|тюрьм[а-яё]*|тюремного\s+заключения|исправительн[а-яё]+\s+работ)|пожизненн[а-яё]+\s+(?:лишени[а-яё]+\s+свободы|заключени[а-яё]+))/giu;

/** A DATE mention that says when ("22 марта", "в 2019 году", "за 10 месяцев 2019 года"), not how long ("два дня", "3 года"). */
function isPointInTime(m: EventMention): boolean {
  const v = m.value;
  if (v?.kind !== 'date') return false;
  return v.date !== undefined || v.period?.year !== undefined || (v.period === undefined && monthOf(m.text) !== undefined);
}

function monthOf(text: string): number | undefined {
  for (const w of text.toLowerCase().split(/\s+/)) for (const [stem, n] of Object.entries(MONTHS)) if (w.startsWith(stem) && (stem !== 'ма' || /^ма[йяе]$/.test(w))) return n;
  return undefined;
}

/**
 * Whether the mention's head can be in case `c`: its first noun ("Министерством внутренних дел",
 * "Народной партии" -> "партии"), else its first word. Indeclinable abbreviations ("МВД") are in every case.
 */
function isCase(infos: readonly TokenInfo[], m: EventMention, c: string): boolean {
  let head = infos[m.first]!;
  for (let k = m.first; k < m.last; k++) {
    if (infos[k]!.parses.some((p) => p.pos === 'NOUN')) {
      head = infos[k]!;
      break;
    }
  }
  return head.parses.length === 0 || head.parses.some((p) => p.case === c);
}

/** The preposition before a mention; "по словам X" counts as one (X speaks, it does not act). */
function prepositionBefore(infos: readonly TokenInfo[], m: EventMention): string | undefined {
  const w = infos[m.first - 1];
  if (w && infos[m.first - 2]?.lower === 'по' && has(w, ['слово', 'данные', 'мнение', 'информация'])) return 'по';
  return w && ALL_PREPOSITIONS.has(w.lower) ? w.lower : undefined;
}

function isAgency(m: EventMention): boolean {
  return m.type === 'ORGANIZATION' && m.subtype !== 'media' && m.subtype !== 'criminal_group';
}

export interface RussianEventInput {
  text: string;
  infos: readonly TokenInfo[];
  /** Every mention of the result, numbered as `entities` will be (before nominals are added). */
  mentions: readonly EventMention[];
  /** The relation contexts, one per sentence (relations.ts). */
  contexts: readonly RelationContext[];
  relations: readonly ExtractedRelation[];
  referenceDate?: string;
}

/** What the role rules share about a sentence. */
interface SentenceFrame {
  input: RussianEventInput;
  ctx: RelationContext;
  /** The sentence's outermost mentions (not places nested in a name), in text order. */
  mentions: EventMention[];
  /** Every mention of the sentence, nested ones too. */
  all: EventMention[];
  triggers: Trigger[];
  /** Person mention norms that hold a position somewhere in the article: officials. */
  officials: ReadonlySet<string>;
  /** The first word of a position (lower case: "президент") -> the person mentions holding it, in text order. */
  holders: ReadonlyMap<string, EventMention[]>;
}

const lastWord = (norm: string) => norm.split(' ').pop() ?? norm;

/** The person a title names ("Президент" -> Токаев): the holder of that position named nearest (binary search: linear overall). */
function holderOfTitle(f: SentenceFrame, i: number): EventMention | undefined {
  const title = TITLES.find((t) => f.input.infos[i]!.keys.has(t));
  const list = title ? f.holders.get(title) : undefined;
  if (!list || list.length === 0) return undefined;
  const at = f.input.infos[i]!.token.start;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start < at) lo = mid + 1;
    else hi = mid;
  }
  const after = list[lo];
  const before = list[lo - 1];
  if (!before) return after;
  if (!after) return before;
  return at - before.start <= after.start - at ? before : after;
}

function isOfficial(f: SentenceFrame, m: EventMention): boolean {
  return m.type === 'PERSON' && f.officials.has(lastWord(m.norm ?? m.text));
}

/**
 * Who speaks (statement): the person right after the verb over titles and organisations
 * ("сообщил начальник Департамента ... Тлеген Маткенов"), the person or agency in the nominative
 * before it ("Касым-Жомарт Токаев подчеркнул", "МВД сообщило"), or a title standing for the
 * official holding it ("Президент заявил"). Only an official (a person holding a position in
 * the article, or named by a title) or an agency makes a statement; a person at a press
 * conference counts as an official.
 */
function statementAgent(f: SentenceFrame, t: Trigger) {
  const { infos } = f.input;
  const s = f.ctx.sentence;
  const pressEvent = findLemma(infos, s.first, s.last, ['пресс-конференция', 'брифинг', 'пресс-служба', 'заседание', 'коллегия']) >= 0;
  const ok = (m: EventMention) => isAgency(m) || (m.type === 'PERSON' && (pressEvent || isOfficial(f, m)));
  // After the verb: over titles and organisation names to the first person; a comma or quote stops.
  for (let k = t.last; k < Math.min(s.last, t.last + 12); k++) {
    const w = infos[k]!;
    if (w.token.kind === 'punct') break;
    const m = f.mentions.find((x) => x.first === k);
    // "сообщил Иван Петров" (nominative), not "заявил о встрече с Иваном Петровым".
    if (m?.type === 'PERSON') {
      if (!isCase(infos, m, 'nomn') || prepositionBefore(infos, m)) break;
      return ok(m) ? mentionArgument('agent', m) : undefined;
    }
    if (k === t.last && m && isAgency(m) && isCase(infos, m, 'nomn')) return mentionArgument('agent', m);
    if (k === t.last) {
      const holder = holderOfTitle(f, k);
      if (holder && !f.mentions.some((x) => x.type === 'PERSON' && x.first > k && x.first < k + 12)) return { ...mentionArgument('agent', holder), start: w.token.start, end: w.token.end, text: w.token.text };
    }
  }
  // Before the verb, nearest first, in the same clause.
  for (let k = t.first - 1; k >= s.first; k--) {
    const w = infos[k]!;
    if (w.token.kind === 'punct' && w.token.text !== '-') break;
    const m = f.mentions.find((x) => x.last === k + 1 && x.last <= t.first);
    if (m && (m.type === 'PERSON' || isAgency(m)) && !prepositionBefore(infos, m) && isCase(infos, m, 'nomn')) return ok(m) ? mentionArgument('agent', m) : undefined;
    if (!m && w.cap && w.parses.some((p) => p.case === 'nomn')) {
      const holder = holderOfTitle(f, k);
      if (holder) return { ...mentionArgument('agent', holder), start: w.token.start, end: w.token.end, text: w.token.text };
    }
  }
  return undefined;
}

/**
 * Who acted (other subtypes): an agency after an agent noun ("сотрудники ФСБ", "силами
 * полиции"); an agency in the instrumental of a passive ("задержан сотрудниками полиции",
 * "задержан полицией"); the agency or official in the nominative before the trigger, nearest
 * first; else, in a sentence the article attributes to a speaker ("..., - сообщил X"), the
 * organisation the speaker holds a post in (as the SEIZED rule does). Never anyone else.
 */
function actionAgents(f: SentenceFrame, t: Trigger, exclude: ReadonlySet<number>) {
  const { infos } = f.input;
  const candidates = f.mentions.filter((m) => !exclude.has(m.index) && (isAgency(m) || isOfficial(f, m)));
  const marked = candidates.find((m) => isAgency(m) && has(infos[m.first - 1], AGENT_MARKERS));
  if (marked) return [mentionArgument('agent', marked)];
  const byAgent = candidates.find((m) => isAgency(m) && !prepositionBefore(infos, m) && isCase(infos, m, 'ablt') && !isCase(infos, m, 'nomn'));
  if (byAgent) return [mentionArgument('agent', byAgent)];
  // A passive ("арестован", "задержаны") has its patient, not its agent, in the nominative.
  const passive = isPassive(infos, t);
  const subject = passive ? undefined : candidates.filter((m) => m.last <= t.first && !prepositionBefore(infos, m) && isCase(infos, m, 'nomn')).pop();
  if (subject) return [mentionArgument('agent', subject)];
  const org = f.ctx.speaker ? f.ctx.speakerOrg : undefined;
  if (org && !exclude.has(org.index)) {
    const m = f.input.mentions[org.index];
    if (m) return [mentionArgument('agent', m)];
  }
  return [];
}

/** A short passive participle or a reflexive verb as the trigger: "изъято", "задержаны", "привлекаются". */
function isPassive(infos: readonly TokenInfo[], t: Trigger): boolean {
  const p = infos[t.first]!.parses[0];
  return p?.pos === 'PRTS' || (p?.pos === 'VERB' && /(ся|сь)$/.test(infos[t.first]!.lower));
}

/** A person acted on: not the one with whom ("с X"), by whom (instrumental) or by whose words ("по словам X"). */
function canBePatient(infos: readonly TokenInfo[], m: EventMention): boolean {
  const p = prepositionBefore(infos, m);
  if (p === 'с' || p === 'со' || p === 'по') return false;
  return !infos[m.first]!.parses.every((x) => x.case === 'ablt');
}

/** The quantity that belongs to a drug: right before it ("1,5 кг героина"), else after it with "массой / весом" ("героин массой 1,5 кг"). The adjacent one wins when both are there. */
function quantityOf(f: SentenceFrame, drug: EventMention): EventMention | undefined {
  const { infos } = f.input;
  const before = f.mentions.find((m) => m.type === 'QUANTITY' && m.last === drug.first);
  if (before) return before;
  const k = drug.last;
  const mass = has(infos[k], ['масса', 'вес']) ? k + 1 : has(infos[k], ['общий']) && has(infos[k + 1], ['масса', 'вес']) ? k + 2 : -1;
  if (mass < 0) return undefined;
  const prep = ['около', 'более', 'свыше', 'до', 'не', 'менее'];
  const after = f.mentions.find((m) => m.type === 'QUANTITY' && (m.first === mass || (m.first === mass + 1 && prep.includes(infos[mass]!.lower))));
  return after;
}

/** Group nouns no mention covers, with the numerals and adjectives before them: "пятерых подозреваемых", "32 их участника". */
function groupSpans(f: SentenceFrame): Array<{ first: number; last: number }> {
  const { infos } = f.input;
  const s = f.ctx.sentence;
  // Tokens of the sentence a mention other than a quantity covers (one pass: linear in the sentence).
  const cover = new Uint8Array(s.last - s.first);
  for (const m of f.all) if (m.type !== 'QUANTITY') cover.fill(1, Math.max(0, m.first - s.first), Math.min(cover.length, m.last - s.first));
  const covered = (k: number) => cover[k - s.first] === 1;
  const out: Array<{ first: number; last: number }> = [];
  for (let k = s.first; k < s.last; k++) {
    const w = infos[k]!;
    if (w.token.kind !== 'word' || covered(k) || !has(w, GROUP_NOUNS) || !w.parses.some((p) => p.pos === 'NOUN')) continue;
    let first = k;
    while (first - 1 >= s.first && !covered(first - 1)) {
      const p = infos[first - 1]!;
      if (p.token.kind === 'number' || p.lower === 'их' || p.parses.some((x) => x.pos === 'NUMR' || ((x.pos === 'ADJF' || x.pos === 'PRTF') && x.score > 0.3))) first--;
      else break;
    }
    // A quantity mention of the group ("пять лидеров") is taken whole.
    const q = f.all.find((m) => m.type === 'QUANTITY' && m.first <= k && k < m.last);
    const span = q ? { first: q.first, last: q.last } : { first, last: k + 1 };
    // "лидер группировки": one group, the second noun completing the first.
    const prev = out[out.length - 1];
    if (prev && prev.last >= span.first) prev.last = Math.max(prev.last, span.last);
    else out.push(span);
  }
  return out;
}

/** The events of a Russian text. */
export function findRussianEvents(input: RussianEventInput): ExtractedEvent[] {
  const { infos, text, relations, referenceDate } = input;
  const officials = new Set<string>();
  const holders = new Map<string, EventMention[]>();
  for (const r of relations) {
    if (r.type !== 'HOLDS_POSITION') continue;
    const person = input.mentions[r.source];
    if (!person || person.type !== 'PERSON') continue;
    officials.add(lastWord(person.norm ?? person.text));
    const position = foldYo((r.props?.position ?? '').toLowerCase()).split(/\s+/)[0] ?? '';
    const list = holders.get(position);
    if (list) list.push(person);
    else holders.set(position, [person]);
  }
  for (const list of holders.values()) list.sort((a, b) => a.start - b.start);
  const nested = new Set<number>();
  const sorted = [...input.mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  let outer: EventMention | undefined;
  for (const m of sorted) {
    if (outer && m.start >= outer.start && m.end <= outer.end && m !== outer) nested.add(m.index);
    else outer = m;
  }

  const out: ExtractedEvent[] = [];
  let cursor = 0;
  for (const ctx of input.contexts) {
    const s = ctx.sentence;
    if (s.last - s.first > MAX_EVENT_SENTENCE_TOKENS) continue;
    const triggers = findTriggers(infos, s);
    if (triggers.length === 0) continue;
    while (cursor < sorted.length && sorted[cursor]!.first < s.first) cursor++;
    const all: EventMention[] = [];
    for (let k = cursor; k < sorted.length && sorted[k]!.first < s.last; k++) if (sorted[k]!.last <= s.last) all.push(sorted[k]!);
    const inS = all.filter((m) => !nested.has(m.index));
    const f: SentenceFrame = { input, ctx, mentions: inS, all, triggers, officials, holders };
    const actions = triggers.filter((t) => t.subtype !== 'statement');
    // A participant goes to the nearest trigger that takes its role ("задержали X и изъяли Y": X to
    // the detention even when "изъяли" is nearer).
    const patientTakers = actions.filter((t) => PATIENT_SUBTYPES.has(t.subtype));
    const objectTakers = actions.filter((t) => OBJECT_SUBTYPES.has(t.subtype));
    const owner = (span: { first: number; last: number }) => nearestTrigger(span, actions);
    const ownerOf = (m: EventMention) =>
      m.type === 'PERSON' || (m.type === 'ORGANIZATION' && m.subtype === 'criminal_group') ? nearestTrigger(m, patientTakers) : m.type === 'DRUG' ? nearestTrigger(m, objectTakers) : owner(m);
    const groups = groupSpans(f);
    const terms = [...text.slice(s.start, s.end).matchAll(TERM)].map((m) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length }));
    const evidence: [number, number] = [s.start, s.end];

    for (const t of triggers) {
      const args = [];
      let date: string | undefined;
      // A term's "8 годам" is a DATE mention to the fact rules, not the date of the event.
      const dates = inS.filter((m) => m.type === 'DATE' && isPointInTime(m) && nearestTrigger(m, triggers) === t && !terms.some((x) => x.start <= m.start && m.end <= x.end));
      for (const d of dates) {
        args.push(mentionArgument('date', d));
        date ??= mentionDate(d, referenceDate, monthOf);
      }
      if (dates.length === 0) date = spokenDay(infos, s, t, triggers, referenceDate);
      if (t.subtype === 'statement') {
        const agent = statementAgent(f, t);
        if (!agent) continue; // only an official or an agency makes a statement
        args.push(agent);
        out.push(makeEvent(text, t, evidence, args, date));
        continue;
      }
      const mine = inS.filter((m) => ownerOf(m) === t);
      // The addressee of a request: an agency after "в / во" ("В МВД России направлены запросы").
      const addressees = t.subtype === 'request' ? mine.filter((m) => isAgency(m) && ['в', 'во'].includes(prepositionBefore(infos, m) ?? '')) : [];
      for (const m of addressees) args.push(mentionArgument('patient', m));
      // Cooperation: every partner acts ("совместно с Минфином": Минфин and whoever works with it).
      const partners = t.subtype === 'cooperation' ? inS.filter((m) => (isAgency(m) || m.type === 'PERSON') && ['с', 'со'].includes(prepositionBefore(infos, m) ?? '')) : [];
      for (const m of partners) args.push(mentionArgument('agent', m));
      // ... and whoever works with the partner: an agency in the nominative ("Совместно с Интерполом МВД провело ...").
      if (partners.length > 0) {
        const other = inS.find((m) => isAgency(m) && !partners.includes(m) && !prepositionBefore(infos, m) && isCase(infos, m, 'nomn'));
        if (other) partners.push(other), args.push(mentionArgument('agent', other));
      }
      const exclude = new Set<number>([...addressees, ...partners].map((m) => m.index));
      const agents = actionAgents(f, t, exclude);
      args.push(...agents);
      const agentIndex = new Set(agents.map((a) => a.entity));
      for (const m of mine) {
        if (agentIndex.has(m.index) || exclude.has(m.index)) continue;
        if (PATIENT_SUBTYPES.has(t.subtype) && ((m.type === 'PERSON' && !isOfficial(f, m) && canBePatient(infos, m)) || (m.type === 'ORGANIZATION' && m.subtype === 'criminal_group'))) args.push(mentionArgument('patient', m));
        else if (m.type === 'DRUG' && OBJECT_SUBTYPES.has(t.subtype)) args.push(mentionArgument('object', m, quantityOf(f, m)));
        else if (m.type === 'CHANNEL') args.push(mentionArgument('instrument', m));
        else if (m.type === 'LOCATION' && PLACE_PREPOSITIONS.includes(prepositionBefore(infos, m) ?? '')) args.push(mentionArgument('place', m));
      }
      if (PATIENT_SUBTYPES.has(t.subtype)) {
        for (const g of groups) {
          if (nearestTrigger(g, patientTakers) !== t || inS.some((m) => m.type !== 'QUANTITY' && m.first <= g.first && g.last <= m.last)) continue;
          const start = infos[g.first]!.token.start;
          const end = infos[g.last - 1]!.token.end;
          args.push(textArgument('patient', start, end, text.slice(start, end)));
        }
      }
      if (t.subtype === 'sentence') for (const term of terms) args.push(textArgument('term', term.start, term.end, text.slice(term.start, term.end)));
      out.push(makeEvent(text, t, evidence, args, date));
    }
  }
  return out;
}

/** "вчера", "сегодня", "в пятницу" near the trigger, resolved against the article date. */
function spokenDay(infos: readonly TokenInfo[], s: Sentence, t: Trigger, triggers: readonly Trigger[], referenceDate: string | undefined): string | undefined {
  for (let k = s.first; k < s.last; k++) {
    const w = infos[k]!;
    let date: string | undefined;
    if (w.lower === 'вчера') date = dayOffset(-1, referenceDate);
    else if (w.lower === 'позавчера') date = dayOffset(-2, referenceDate);
    else if (w.lower === 'сегодня') date = dayOffset(0, referenceDate);
    else if ((infos[k - 1]?.lower === 'в' || infos[k - 1]?.lower === 'во') && k - 1 >= s.first) {
      const day = WEEKDAYS.find(([re]) => re.test(w.lower));
      if (day) date = weekdayOnOrBefore(day[1], referenceDate);
    }
    if (date !== undefined && nearestTrigger({ first: k, last: k + 1 }, triggers) === t) return date;
  }
  return undefined;
}
