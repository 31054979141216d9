/**
 * MONEY, QUANTITY and DATE mentions with parsed values, from compromise's number and
 * date tags: "19.4 tonnes" -> 19.4 t, "over 80 million tenge" -> > 80,000,000 KZT,
 * "the first 10 months of 2019" -> a 10-month period of 2019, "1 November 2019" ->
 * 2019-11-01.
 *
 * Dates are parsed here rather than by compromise-dates: that plugin anchors dates
 * without a year to today ("in April" -> next April), which is wrong for news that may
 * be years old, so only dates the text fully writes get a value.
 */
import type { FactValue } from '../../model/extraction';
import type { Draft } from './draft';
import type { EnDocument, EnToken } from './tokens';

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14,
  fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80,
  ninety: 90, a: 1, dozen: 12,
};
const SCALE: Record<string, number> = {
  hundred: 100, thousand: 1e3, k: 1e3, million: 1e6, mln: 1e6, mn: 1e6, m: 1e6, billion: 1e9, bln: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12,
};

const CURRENCY_WORDS: Record<string, string> = {
  tenge: 'KZT', kzt: 'KZT', ruble: 'RUB', rouble: 'RUB', rub: 'RUB', dollar: 'USD', usd: 'USD', euro: 'EUR', eur: 'EUR', pound: 'GBP', sterling: 'GBP', gbp: 'GBP',
  yuan: 'CNY', renminbi: 'CNY', cny: 'CNY', som: 'KGS', kgs: 'KGS', sum: 'UZS', uzs: 'UZS', hryvnia: 'UAH', hryvnias: 'UAH', uah: 'UAH', manat: 'AZN', azn: 'AZN',
  lari: 'GEL', gel: 'GEL', dram: 'AMD', amd: 'AMD', somoni: 'TJS', tjs: 'TJS', rupee: 'INR', yen: 'JPY', lira: 'TRY', byn: 'BYN', franc: 'CHF',
};
const CURRENCY_SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '₸': 'KZT', '₽': 'RUB', '¥': 'CNY', '₴': 'UAH' };

const MEASURE_UNITS: Record<string, string> = {
  kg: 'kg', kilogram: 'kg', kilogramme: 'kg', kilo: 'kg', kilos: 'kg', g: 'g', gr: 'g', gram: 'g', gramme: 'g', mg: 'mg', milligram: 'mg', t: 't', ton: 't',
  tonne: 't', tons: 't', l: 'l', litre: 'l', liter: 'l', ml: 'ml', millilitre: 'ml', milliliter: 'ml', lb: 'lb', pound: 'lb', ounce: 'oz', oz: 'oz',
  percent: '%', 'per cent': '%', hectare: 'ha', ha: 'ha', km: 'km', kilometre: 'km', kilometer: 'km', metre: 'm', meter: 'm',
};

const COMPARATORS: Array<[string[], '>' | '<' | '~']> = [
  [['more', 'than'], '>'], [['over'], '>'], [['above'], '>'], [['exceeding'], '>'], [['in', 'excess', 'of'], '>'], [['upwards', 'of'], '>'], [['at', 'least'], '>'],
  [['less', 'than'], '<'], [['fewer', 'than'], '<'], [['under'], '<'], [['below'], '<'], [['up', 'to'], '<'], [['at', 'most'], '<'], [['nearly'], '<'], [['almost'], '<'],
  [['about'], '~'], [['around'], '~'], [['approximately'], '~'], [['roughly'], '~'], [['some'], '~'], [['an', 'estimated'], '~'], [['estimated'], '~'], [['close', 'to'], '~'],
  [['circa'], '~'], [['approx'], '~'],
];

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9,
  sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const PERIOD_UNITS: Record<string, string> = { month: 'month', week: 'week', day: 'day', year: 'year', quarter: 'quarter' };

interface NumberSpan {
  first: number;
  last: number;
  value: number;
  /** Currency written in or right before the number ("$205,000", "USD 5 million"). */
  currency?: string;
  /** Only digits, no scale word ("2019"): a year candidate. */
  plainInteger: boolean;
  wordsOnly: boolean;
}

export function findValues(doc: EnDocument): Draft[] {
  const { tokens } = doc;
  const drafts: Draft[] = [];
  let i = 0;
  while (i < tokens.length) {
    const date = readDate(tokens, i);
    if (date) {
      drafts.push(date);
      i = date.last;
      continue;
    }
    const num = readNumber(tokens, i);
    if (!num) {
      i++;
      continue;
    }
    const fact = readFact(tokens, num);
    if (fact) drafts.push(fact);
    i = fact ? fact.last : num.last;
  }
  return drafts;
}

/** Parses a number written in digits, with an optional currency symbol and scale suffix. */
export function parseNumeral(raw: string): { value: number; currency?: string; scaled: boolean } | undefined {
  const m = /^([$€£₸₽¥₴])?(\d{1,3}(?:[,\s]\d{3})+|\d+)(?:[.,](\d+))?(k|m|mn|mln|bn|b|tn)?$/iu.exec(raw.replace(/\u00a0|\u202f/g, ' '));
  if (!m) return undefined;
  const intPart = m[2]!;
  let value: number;
  if (/[,\s]/.test(intPart)) value = Number(intPart.replace(/[,\s]/g, ''));
  else value = Number(intPart);
  if (m[3] !== undefined) value = Number(`${value}.${m[3]}`);
  const scale = m[4] ? SCALE[m[4].toLowerCase()] : undefined;
  if (scale) value *= scale;
  const result: { value: number; currency?: string; scaled: boolean } = { value, scaled: !!scale };
  if (m[1]) result.currency = CURRENCY_SYMBOLS[m[1]]!;
  return result;
}

function readNumber(tokens: readonly EnToken[], at: number): NumberSpan | undefined {
  const first = tokens[at]!;
  const digits = parseNumeral(first.text.replace(/[()]|%$/g, ''));
  if (digits) {
    let value = digits.value;
    let last = at + 1;
    let scaled = digits.scaled;
    const next = tokens[last];
    if (next && SCALE[next.key] && next.sentence === first.sentence && !/[,;]/.test(first.post)) {
      value *= SCALE[next.key]!;
      last++;
      scaled = true;
    }
    const span: NumberSpan = { first: at, last, value, plainInteger: !scaled && !digits.currency && /^\d+$/.test(first.text), wordsOnly: false };
    if (digits.currency) span.currency = digits.currency;
    return span;
  }
  if (!first.tags.has('TextValue') || first.tags.has('Ordinal')) return undefined;
  // Words: "five", "twenty-five", "two hundred thousand".
  let total = 0;
  let current = 0;
  let last = at;
  let any = false;
  while (last < tokens.length) {
    const t = tokens[last]!;
    const parts = t.key.split('-');
    if (!parts.every((p) => SMALL[p] !== undefined || SCALE[p] !== undefined) || (t.key === 'a' && !SCALE[tokens[last + 1]?.key ?? ''])) break;
    if (t.key === 'm' || t.key === 'k' || t.key === 'b') break;
    for (const p of parts) {
      const small = SMALL[p];
      if (small !== undefined) current += small;
      else if (p === 'hundred') current = (current || 1) * 100;
      else {
        total += (current || 1) * SCALE[p]!;
        current = 0;
      }
    }
    any = true;
    last++;
    if (/[,;.]/.test(t.post)) break;
  }
  if (!any) return undefined;
  return { first: at, last, value: total + current, plainInteger: false, wordsOnly: true };
}

function readFact(tokens: readonly EnToken[], num: NumberSpan): Draft | undefined {
  const numberToken = tokens[num.first]!;
  // "a 24-year-old man": the number is part of an adjective.
  if (/^[-‐‑]$/.test(tokens[num.last - 1]!.post)) return undefined;
  const sentence = numberToken.sentence;
  let first = num.first;
  let last = num.last;
  // Currency code before: "USD 5 million", "KZT 80 mln".
  let currency = num.currency;
  const before = tokens[first - 1];
  if (!currency && before && before.allCaps && CURRENCY_WORDS[before.key] && before.sentence === sentence) {
    currency = CURRENCY_WORDS[before.key];
    first--;
  }
  const after = tokens[last];
  const lastNumberToken = tokens[last - 1]!;
  const joined = after && after.sentence === sentence && !/[,;:()]/.test(lastNumberToken.post);
  let value: FactValue | undefined;
  if (!currency && joined && after) {
    const usDollar = after.key === 'us' && tokens[last + 1] && CURRENCY_WORDS[tokens[last + 1]!.lemma];
    const word = usDollar ? tokens[last + 1]!.lemma : after.lemma;
    if (CURRENCY_WORDS[word] ?? CURRENCY_WORDS[after.key]) {
      currency = CURRENCY_WORDS[word] ?? CURRENCY_WORDS[after.key];
      last += usDollar ? 2 : 1;
    }
  }
  if (currency) value = { kind: 'money', amount: num.value, currency };
  else if (joined && after) {
    const unit = MEASURE_UNITS[after.key] ?? MEASURE_UNITS[after.lemma] ?? (after.key === 'per' && tokens[last + 1]?.key === 'cent' ? '%' : undefined);
    if (unit && !(unit === 'm' && after.key !== 'metre' && after.key !== 'meter')) {
      value = { kind: 'quantity', amount: num.value, unit };
      last += after.key === 'per' ? 2 : 1;
    } else if (/%$/.test(numberToken.text) || after.text === '%') {
      value = { kind: 'quantity', amount: num.value, unit: '%' };
      if (after.text === '%') last++;
    } else if (!(num.plainInteger && isYear(num.value)) && !(num.wordsOnly && num.value <= 1)) {
      // A count: "1,878 drug crimes", "32 Telegram chats", "five leaders".
      const head = countedNoun(tokens, last);
      if (head !== undefined) {
        value = { kind: 'quantity', amount: num.value, unit: tokens[head]!.lemma };
        last = head + 1;
      }
    }
  } else if (/%$/.test(numberToken.text)) {
    value = { kind: 'quantity', amount: num.value, unit: '%' };
  }
  if (!value) return undefined;
  // Comparator words before the number belong to the mention: "over 80 million tenge".
  for (const [words, comparator] of COMPARATORS) {
    const from = first - words.length;
    if (from < 0) continue;
    if (words.every((w, k) => tokens[from + k]!.key === w && tokens[from + k]!.sentence === sentence)) {
      if (value.kind !== 'date') value.comparator = comparator;
      first = from;
      break;
    }
  }
  const start = tokens[first]!.start + (tokens[first]!.text.startsWith('(') ? 1 : 0);
  const endToken = tokens[last - 1]!;
  return {
    first,
    last,
    start,
    end: endToken.end - (/[)]$/.test(endToken.text) ? 1 : 0),
    type: value.kind === 'money' ? 'MONEY' : 'QUANTITY',
    norm: describe(value),
    value,
  };
}

/** The noun a count counts: the next noun, past at most two modifiers ("32 Telegram chats"). */
function countedNoun(tokens: readonly EnToken[], at: number): number | undefined {
  const sentence = tokens[at]?.sentence;
  for (let j = at; j < tokens.length && j < at + 3; j++) {
    const t = tokens[j]!;
    if (t.sentence !== sentence) return undefined;
    const noun = t.tags.has('Noun') && !t.tags.has('Pronoun') && !t.tags.has('ProperNoun') && !t.tags.has('Date');
    if (noun && (t.tags.has('Plural') || tokens[j + 1]?.tags.has('Noun') !== true)) return j;
    if (!(t.tags.has('Adjective') || t.tags.has('ProperNoun') || (t.tags.has('Noun') && !t.tags.has('Pronoun')))) return undefined;
    if (/[,;:()]/.test(t.post)) return undefined;
  }
  return undefined;
}

function isYear(n: number): boolean {
  return Number.isInteger(n) && n >= 1900 && n <= 2100;
}

function readDate(tokens: readonly EnToken[], at: number): Draft | undefined {
  const t = tokens[at]!;
  const sentence = t.sentence;
  const same = (j: number): EnToken | undefined => (tokens[j]?.sentence === sentence ? tokens[j] : undefined);
  const yearAt = (j: number): number | undefined => {
    const y = same(j);
    return y && /^\d{4}$/.test(y.key) && isYear(Number(y.key)) ? Number(y.key) : undefined;
  };
  const dayAt = (j: number): number | undefined => {
    const d = same(j);
    const m = d && /^(\d{1,2})(st|nd|rd|th)?$/.exec(d.key);
    return m && Number(m[1]) >= 1 && Number(m[1]) <= 31 ? Number(m[1]) : undefined;
  };
  const monthAt = (j: number): number | undefined => {
    const m = same(j);
    return m && m.capitalised && m.tags.has('Month') ? MONTHS[m.key.replace(/\.$/, '')] : undefined;
  };
  const make = (first: number, last: number, value: FactValue): Draft => ({
    first,
    last,
    start: tokens[first]!.start,
    end: tokens[last - 1]!.end,
    type: 'DATE',
    norm: value.kind === 'date' ? (value.date ?? `${value.period?.amount} ${value.period?.unit}s of ${value.period?.year}`) : '',
    value,
  });
  const pad = (n: number) => String(n).padStart(2, '0');
  // ISO date written as one token.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t.text);
  if (iso && isYear(Number(iso[1]))) return make(at, at + 1, { kind: 'date', date: t.text });
  // 1 November 2019
  const day = dayAt(at);
  if (day !== undefined) {
    const month = monthAt(at + 1);
    const ofSkip = same(at + 2)?.key === 'of' ? 1 : 0;
    const year = month !== undefined ? yearAt(at + 2 + ofSkip) : undefined;
    if (month !== undefined && year !== undefined) return make(at, at + 3 + ofSkip, { kind: 'date', date: `${year}-${pad(month)}-${pad(day)}` });
  }
  // November 1, 2019 / November 2019 / November of 2019
  const month = monthAt(at);
  if (month !== undefined) {
    const d = dayAt(at + 1);
    if (d !== undefined) {
      const year = yearAt(at + 2);
      if (year !== undefined) return make(at, at + 3, { kind: 'date', date: `${year}-${pad(month)}-${pad(d)}` });
      return undefined;
    }
    const ofSkip = same(at + 1)?.key === 'of' ? 1 : 0;
    const year = yearAt(at + 1 + ofSkip);
    if (year !== undefined) return make(at, at + 2 + ofSkip, { kind: 'date', date: `${year}-${pad(month)}` });
    return undefined;
  }
  // "(the first) 10 months of 2019"
  const num = readNumber(tokens, at);
  if (num) {
    const unitToken = same(num.last);
    const unit = unitToken && PERIOD_UNITS[unitToken.lemma];
    if (unit && same(num.last + 1)?.key === 'of') {
      const year = yearAt(num.last + 2);
      if (year !== undefined) {
        let first = at;
        if (same(at - 1)?.key === 'first' || same(at - 1)?.key === 'last') first--;
        if (same(first - 1)?.key === 'the') first--;
        return make(first, num.last + 3, { kind: 'date', period: { amount: num.value, unit, year } });
      }
    }
  }
  // A year on its own, after a preposition or "year": "in 2019", "since 2015".
  const year = yearAt(at);
  if (year !== undefined) {
    const prev = same(at - 1);
    const next = same(at + 1);
    const unitAfter = next && (MEASURE_UNITS[next.key] || CURRENCY_WORDS[next.lemma] || (next.tags.has('Noun') && next.tags.has('Plural')));
    if (!unitAfter && prev && /^(in|since|of|by|until|till|during|before|after|year|from|through|for)$/.test(prev.key)) return make(at, at + 1, { kind: 'date', date: String(year) });
  }
  return undefined;
}

function describe(value: FactValue): string {
  const comparator = 'comparator' in value && value.comparator ? `${value.comparator} ` : '';
  if (value.kind === 'money') return `${comparator}${value.amount} ${value.currency}`;
  if (value.kind === 'quantity') return `${comparator}${value.amount} ${value.unit}`;
  return value.date ?? '';
}
