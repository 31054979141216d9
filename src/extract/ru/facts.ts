/**
 * MONEY, QUANTITY and DATE with parsed values: numbers in digits ("19,4", "1 400")
 * or words ("пять", "десять"), multipliers (тысяча, млн), comparators (свыше, около),
 * currencies and units by lemma; dates as ISO dates, day-month-year, month with
 * "этого/прошлого года" (resolved against the reference date), years, and periods
 * ("10 месяцев 2019 года").
 */
import type { FactValue } from '../../model/extraction';
import type { Sentence } from '../tokens';
import { memoSlot, type TokenInfo } from './analysis';

export interface FactSpan {
  first: number;
  last: number;
  start: number;
  end: number;
  type: 'MONEY' | 'QUANTITY' | 'DATE';
  value: FactValue;
}

const NUMBER_WORDS: Record<string, number> = {
  один: 1, одна: 1, два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10,
  одиннадцать: 11, двенадцать: 12, тринадцать: 13, четырнадцать: 14, пятнадцать: 15, шестнадцать: 16, семнадцать: 17,
  восемнадцать: 18, девятнадцать: 19, двадцать: 20, тридцать: 30, сорок: 40, пятьдесят: 50, шестьдесят: 60, семьдесят: 70,
  восемьдесят: 80, девяносто: 90, сто: 100, двести: 200, триста: 300, четыреста: 400, пятьсот: 500, шестьсот: 600,
  семьсот: 700, восемьсот: 800, девятьсот: 900, полтора: 1.5, полторы: 1.5,
};
const MULTIPLIERS: Record<string, number> = { тысяча: 1e3, тыс: 1e3, миллион: 1e6, млн: 1e6, миллиард: 1e9, млрд: 1e9, триллион: 1e12, трлн: 1e12 };
const COMPARATORS: Record<string, '>' | '<' | '~'> = {
  свыше: '>', более: '>', больше: '>', превышать: '>', около: '~', порядка: '~', примерно: '~', приблизительно: '~', почти: '<', менее: '<', меньше: '<', до: '<',
};
const CURRENCIES: Record<string, string> = {
  тенге: 'KZT', рубль: 'RUB', руб: 'RUB', доллар: 'USD', долл: 'USD', евро: 'EUR', гривна: 'UAH', сом: 'KGS', сум: 'UZS', юань: 'CNY', фунт: 'GBP', лари: 'GEL', драм: 'AMD', манат: 'AZN', сомони: 'TJS', иена: 'JPY', франк: 'CHF', биткоин: 'BTC',
  $: 'USD', '€': 'EUR', '₽': 'RUB', '₸': 'KZT', '£': 'GBP',
};
const UNITS: Record<string, string> = {
  тонна: 't', т: 't', килограмм: 'kg', кг: 'kg', килограм: 'kg', грамм: 'g', г: 'g', гр: 'g', миллиграмм: 'mg', мг: 'mg', центнер: 'q',
  литр: 'l', л: 'l', миллилитр: 'ml', мл: 'ml', штука: 'pcs', шт: 'pcs', доза: 'dose', таблетка: 'tablet', ампула: 'ampoule', куст: 'plant', растение: 'plant',
  гектар: 'ha', га: 'ha', километр: 'km', км: 'km', метр: 'm', процент: '%', '%': '%',
};
const PERIOD_UNITS: Record<string, string> = { год: 'year', месяц: 'month', мес: 'month', неделя: 'week', день: 'day', сутки: 'day', час: 'hour', квартал: 'quarter', полугодие: 'half-year' };
const MONTHS: Record<string, number> = {
  январь: 1, февраль: 2, март: 3, апрель: 4, май: 5, июнь: 6, июль: 7, август: 8, сентябрь: 9, октябрь: 10, ноябрь: 11, декабрь: 12,
};

/** Memoised per word form (TokenInfo.memo): the entry each table gives it, or null. */
const FACT_SLOT = memoSlot();
const TABLES: object[] = [];

function keyIn<T>(info: TokenInfo | undefined, table: Record<string, T>): [string, T] | undefined {
  if (!info) return undefined;
  let t = TABLES.indexOf(table);
  if (t < 0) t = TABLES.push(table) - 1;
  let perTable = info.memo[FACT_SLOT] as Array<[string, unknown] | null | undefined> | undefined;
  if (!perTable) info.memo[FACT_SLOT] = perTable = [];
  const hit = perTable[t];
  if (hit !== undefined) return (hit ?? undefined) as [string, T] | undefined;
  let found: [string, T] | null = null;
  for (const k of info.keys) {
    const v = Object.hasOwn(table, k) ? table[k] : undefined;
    if (v !== undefined) {
      found = [k, v];
      break;
    }
  }
  perTable[t] = found;
  return found ?? undefined;
}

/** A number starting at token i: its value and the token after it. */
function numberAt(infos: readonly TokenInfo[], i: number, end: number): { value: number; next: number } | undefined {
  const info = infos[i];
  if (!info || i >= end) return undefined;
  if (info.token.kind === 'number') {
    let digits = info.token.text;
    let j = i + 1;
    // "1 400", "10 000 000": groups of three digits after a space.
    while (j < end && infos[j]!.token.kind === 'number' && /^\d{3}$/.test(infos[j]!.token.text) && infos[j]!.token.spaceBefore && !infos[j]!.token.newlineBefore && /^\d{1,3}$/.test(infos[i]!.token.text))
      digits += infos[j++]!.token.text;
    if (/^\d+[.:]\d+[.:]\d+$/.test(digits)) return undefined; // a date or time, not a number
    const value = Number(digits.replace(/\s/g, '').replace(',', '.'));
    if (!Number.isFinite(value)) return undefined;
    return { value, next: j };
  }
  if (info.token.kind === 'word' && !info.cap) {
    let total = 0;
    let j = i;
    while (j < end) {
      const w = keyIn(infos[j], NUMBER_WORDS);
      if (!w) break;
      total += w[1];
      j++;
    }
    if (j > i) return { value: total, next: j };
  }
  return undefined;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export interface FactOptions {
  /** ISO date the article was published: resolves "в апреле этого года". */
  referenceDate?: string;
}

export function findFacts(infos: readonly TokenInfo[], sentences: readonly Sentence[], options: FactOptions = {}): FactSpan[] {
  const out: FactSpan[] = [];
  const refYear = options.referenceDate ? Number(options.referenceDate.slice(0, 4)) : undefined;
  const span = (first: number, last: number, type: FactSpan['type'], value: FactValue): FactSpan => ({
    first,
    last,
    start: infos[first]!.token.start,
    end: infos[last - 1]!.token.end,
    type,
    value,
  });
  for (const s of sentences) {
    for (let i = s.first; i < s.last; i++) {
      const info = infos[i]!;
      // ISO dates (tokenised as one number "2019-11-01" is three numbers and two dashes).
      if (info.token.kind === 'number' && /^\d{4}$/.test(info.token.text)) {
        const t = infos.slice(i, i + 5).map((x) => x.token);
        if (t.length === 5 && t[1]!.text === '-' && t[3]!.text === '-' && /^\d{2}$/.test(t[2]!.text) && /^\d{2}$/.test(t[4]!.text) && t.every((x) => !x.spaceBefore || x === t[0])) {
          out.push(span(i, i + 5, 'DATE', { kind: 'date', date: `${t[0]!.text}-${t[2]!.text}-${t[4]!.text}` }));
          i += 4;
          continue;
        }
      }
      // dd.mm.yyyy
      if (info.token.kind === 'number' && /^\d{1,2}\.\d{1,2}\.\d{4}$/.test(info.token.text)) {
        const [d, m, y] = info.token.text.split('.');
        out.push(span(i, i + 1, 'DATE', { kind: 'date', date: `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` }));
        continue;
      }
      // Month names: "1 ноября 2019 года", "в апреле этого года", "в апреле 2019 года".
      const month = keyIn(info, MONTHS);
      if (month && info.token.kind === 'word') {
        let first = i;
        let day: number | undefined;
        const prev = infos[i - 1];
        if (prev && i - 1 >= s.first && prev.token.kind === 'number' && /^\d{1,2}$/.test(prev.token.text) && Number(prev.token.text) <= 31) {
          first = i - 1;
          day = Number(prev.token.text);
          // the day was emitted as a number fact? numbers alone are not facts: nothing to undo
        }
        let last = i + 1;
        let year: number | undefined;
        const n = infos[i + 1];
        if (n && n.token.kind === 'number' && /^\d{4}$/.test(n.token.text)) {
          year = Number(n.token.text);
          last = i + 2;
          if (infos[last]?.keys.has('год') || infos[last]?.lower === 'г') last++;
        } else if (n && ['этот', 'текущий', 'прошлый', 'прошедший', 'следующий'].some((k) => n.keys.has(k)) && infos[i + 2]?.keys.has('год')) {
          const shift = n.keys.has('прошлый') || n.keys.has('прошедший') ? -1 : n.keys.has('следующий') ? 1 : 0;
          if (refYear !== undefined) year = refYear + shift;
          last = i + 3;
        }
        const mm = String(month[1]).padStart(2, '0');
        const date = year !== undefined ? (day !== undefined ? `${year}-${mm}-${String(day).padStart(2, '0')}` : `${year}-${mm}`) : undefined;
        out.push(span(first, last, 'DATE', date !== undefined ? { kind: 'date', date } : { kind: 'date' }));
        i = last - 1;
        continue;
      }
      // "12 марта": the day belongs to the date that starts at the month.
      if (info.token.kind === 'number' && keyIn(infos[i + 1], MONTHS) && infos[i + 1]!.token.kind === 'word') continue;
      // Comparator + number + multiplier + unit/currency/period.
      let first = i;
      let comparator: '>' | '<' | '~' | undefined;
      const cmp = info.token.kind === 'word' ? keyIn(info, COMPARATORS) : undefined;
      let k = i;
      if (cmp) {
        comparator = cmp[1];
        k = i + 1;
        if (infos[k]?.lower === 'чем') k++;
      }
      const num = numberAt(infos, k, s.last);
      if (!num) continue;
      // A year: "2019 года", "в 2019 году", "2019 г.".
      const after = infos[num.next];
      if (!comparator && infos[k]!.token.kind === 'number' && /^(19|20)\d\d$/.test(infos[k]!.token.text) && after && (after.keys.has('год') || after.lower === 'г')) {
        let last = num.next + 1;
        if (after.lower === 'г' && infos[last]?.token.text === '.') last++;
        out.push(span(k, last, 'DATE', { kind: 'date', date: infos[k]!.token.text }));
        i = last - 1;
        continue;
      }
      let value = num.value;
      let j = num.next;
      const mult = keyIn(infos[j], MULTIPLIERS);
      if (mult && j < s.last) {
        value *= mult[1];
        j++;
        if (infos[j]?.token.text === '.' && mult[0].length <= 4) j++;
      }
      // "25 тысяч разовых доз", "262 уголовных правонарушения": adjectives before the noun.
      let u = j;
      while (u < s.last && u < j + 2 && infos[u]!.token.kind === 'word' && !infos[u]!.cap && infos[u]!.parses[0]?.pos === 'ADJF' && !keyIn(infos[u], CURRENCIES) && !keyIn(infos[u], UNITS)) u++;
      if (u > j && infos[u]?.parses.some((p) => p.pos === 'NOUN')) j = u;
      const unitInfo = infos[j];
      if (!unitInfo || j >= s.last) {
        i = Math.max(i, j - 1);
        continue;
      }
      const cur = keyIn(unitInfo, CURRENCIES);
      const unit = keyIn(unitInfo, UNITS);
      const period = keyIn(unitInfo, PERIOD_UNITS);
      first = cmp ? i : k;
      if (cur) {
        out.push(span(first, j + 1, 'MONEY', { kind: 'money', amount: round(value), currency: cur[1], ...(comparator ? { comparator } : {}) }));
        i = j;
      } else if (period && !comparator && !cur) {
        // "10 месяцев 2019 года": a period of a year.
        let last = j + 1;
        let year: number | undefined;
        const y = infos[last];
        if (y && y.token.kind === 'number' && /^(19|20)\d\d$/.test(y.token.text)) {
          year = Number(y.token.text);
          last++;
          if (infos[last]?.keys.has('год')) last++;
        }
        out.push(span(first, last, 'DATE', { kind: 'date', period: { amount: round(value), unit: period[1], ...(year !== undefined ? { year } : {}) } }));
        i = last - 1;
      } else if (unit && !(unit[0].length <= 2 && unitInfo.token.kind === 'word' && unitInfo.parses.some((p) => p.known && p.pos !== 'NOUN' && p.score > 0.5))) {
        let last = j + 1;
        if (infos[last]?.token.text === '.' && unit[0].length <= 3) last++;
        out.push(span(first, last, 'QUANTITY', { kind: 'quantity', amount: round(value), unit: unit[1], ...(comparator ? { comparator } : {}) }));
        i = last - 1;
      } else if (unitInfo.token.kind === 'word' && !unitInfo.cap && unitInfo.parses.some((p) => p.pos === 'NOUN' && (p.case === 'gent' || p.case === 'nomn' || p.case === 'accs'))) {
        // A count of things: "1878 наркопреступлений", "85 граждан".
        const noun = unitInfo.parses.find((p) => p.pos === 'NOUN')!;
        out.push(span(first, j + 1, 'QUANTITY', { kind: 'quantity', amount: round(value), unit: noun.lemma, ...(comparator ? { comparator } : {}) }));
        i = j;
      }
    }
  }
  return out;
}
