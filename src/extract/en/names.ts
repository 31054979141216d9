/**
 * Names the lexicons do not know: people, organisations and places found as runs of
 * capitalised words (compromise's tags, the org-head and position lexicons and the
 * words around the run decide which), plus lower-case agency names with a qualifying
 * modifier ("the anti-drug department").
 */
import type { Draft } from './draft';
import type { LexiconMatch } from './lexicon';
import { entityHit, type LexiconLayer } from './lexicon-mentions';
import type { EnDocument, EnToken } from './tokens';
import {
  HONORIFICS,
  MONTH_NAMES,
  NAME_CONNECTORS,
  NAME_PARTICLES,
  PLACE_PREPOSITIONS,
  PLACE_SUFFIXES,
  SPEECH_VERBS,
  hasPersonTag,
  hasPlaceTag,
  hasSurnameShape,
  isCommonWord,
  isFunctionWord,
} from './words';

/** Breaks a run of name words: punctuation written between two words. */
const BREAK_AFTER = /[,;:()[\]"“”«»!?…]|\.\s|—|–/;

export function findNames(doc: EnDocument, layer: LexiconLayer): Draft[] {
  const { tokens, sentences } = doc;
  const lowerWords = lowerCaseVocabulary(tokens);
  const taken = new Array<boolean>(tokens.length).fill(false);
  for (const d of layer.drafts) for (let i = d.first; i < d.last; i++) taken[i] = true;
  const drafts: Draft[] = [];
  const placeEndingAt = new Map<number, Draft>();
  for (const d of layer.drafts) if (d.type === 'LOCATION' && d.ref) placeEndingAt.set(d.last, d);
  for (const sentence of sentences) {
    const titleCase = isTitleCaseLine(tokens, sentence.first, sentence.last);
    let i = sentence.first;
    while (i < sentence.last) {
      if (taken[i] || !isNameWord(tokens, i, sentence.first, titleCase, lowerWords)) {
        i++;
        continue;
      }
      const end = extendRun(doc, layer, i, sentence.last, taken, titleCase, lowerWords);
      for (const d of classifyRun(doc, layer, i, end, sentence.first)) drafts.push(withPlaceBefore(doc, layer, placeEndingAt, d));
      i = end;
    }
  }
  // A loop, not push(...spread): a huge article would overflow the stack with arguments.
  for (const d of findLowerCaseAgencies(doc, layer, taken, drafts)) drafts.push(d);
  return drafts;
}

/** Words the text itself also writes in lower case: capitalised, they are not names. */
function lowerCaseVocabulary(tokens: readonly EnToken[]): Set<string> {
  const words = new Set<string>();
  for (const t of tokens) if (!t.capitalised && /^\p{Ll}/u.test(t.text)) words.add(t.key);
  return words;
}

/** A headline in Title Case: capitals there say nothing about names. */
function isTitleCaseLine(tokens: readonly EnToken[], first: number, last: number): boolean {
  let words = 0;
  let capitalised = 0;
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    if (!/\p{L}/u.test(t.text) || t.text.length < 4) continue;
    words++;
    if (t.capitalised) capitalised++;
  }
  return words >= 4 && capitalised / words > 0.7;
}

function isNameWord(tokens: readonly EnToken[], i: number, sentenceFirst: number, titleCase: boolean, lowerWords: Set<string>): boolean {
  const t = tokens[i]!;
  if (!t.capitalised || !/\p{L}{2,}|^\p{Lu}\.?$/u.test(t.text)) return false;
  if (t.tags.has('Url') || t.tags.has('Email')) return false;
  // compromise also knows "April" and "May" as given names; in news they are months.
  if (t.tags.has('Month') || t.tags.has('WeekDay') || t.tags.has('Date')) return false;
  if (MONTH_NAMES.has(t.key) && (/[,.;:]/.test(t.post) || !tokens[i + 1]?.capitalised || tokens[i + 1]?.tags.has('Honorific'))) return false;
  const atStart = i === sentenceFirst || /["“«(]/.test(t.pre);
  if (isFunctionWord(t) && !hasPersonTag(t) && !hasPlaceTag(t)) return false;
  if (atStart || titleCase) {
    if (hasPersonTag(t) || hasPlaceTag(t) || t.tags.has('ProperNoun')) return !isCommonWord(t) || hasPersonTag(t) || hasPlaceTag(t);
    if (isCommonWord(t) || lowerWords.has(t.key)) return false;
    return true;
  }
  // Inside a sentence a capital is a strong signal, unless the word is an ordinary
  // word the text also writes in lower case (a title written "Head of ...").
  return !(lowerWords.has(t.key) && !t.tags.has('ProperNoun') && isCommonWord(t));
}

function extendRun(
  doc: EnDocument,
  layer: LexiconLayer,
  from: number,
  limit: number,
  taken: boolean[],
  titleCase: boolean,
  lowerWords: Set<string>,
): number {
  const { tokens } = doc;
  let end = from + 1;
  let hasHead = isOrgHead(layer, from);
  while (end < limit) {
    const prev = tokens[end - 1]!;
    if (prev.possessive || BREAK_AFTER.test(prev.post)) break;
    const next = tokens[end]!;
    if (/["“«(]/.test(next.pre)) break;
    if (!taken[end] && isNameWord(tokens, end, -1, titleCase, lowerWords)) {
      hasHead ||= isOrgHead(layer, end);
      end++;
      continue;
    }
    // Connectors: "Ministry of Internal Affairs", "Bank of America", "Abu Bakr al Baghdadi".
    let j = end;
    while (j < limit && j - end < 2 && (NAME_CONNECTORS.has(tokens[j]!.text) || NAME_PARTICLES.has(tokens[j]!.text)) && !BREAK_AFTER.test(tokens[j]!.post)) j++;
    if (j === end || j >= limit) break;
    const connectors = tokens.slice(end, j).map((t) => t.text);
    const particle = connectors.every((c) => NAME_PARTICLES.has(c));
    const after = tokens[j]!;
    if (!after.capitalised || !(taken[j] || isNameWord(tokens, j, -1, titleCase, lowerWords))) break;
    if (!particle && !hasHead) break;
    // "and" joins two names more often than it continues one: only inside an organisation name with "of".
    if (connectors.includes('and') && !tokens.slice(from, end).some((t) => t.text === 'of')) break;
    if (connectors.includes('in') && !hasHead) break;
    end = j + 1;
    hasHead ||= isOrgHead(layer, j);
  }
  return end;
}

/**
 * "Shymkent City Court", "Almaty Police Department": a lexicon place written right before a
 * capitalised organisation name with its own head (no possessive, no punctuation between) is part of
 * the name; the place stays a mention of its own, nested in it, and qualifies it (LOCATED_IN).
 */
function withPlaceBefore(doc: EnDocument, layer: LexiconLayer, placeEndingAt: ReadonlyMap<number, Draft>, d: Draft): Draft {
  if (d.type !== 'ORGANIZATION' || !runHasOrgHead(layer, d.first, d.last)) return d;
  const { tokens } = doc;
  const place = placeEndingAt.get(d.first);
  if (!place || tokens[place.first]!.sentence !== tokens[d.first]!.sentence) return d;
  const before = tokens[place.last - 1]!;
  if (before.possessive || BREAK_AFTER.test(before.post) || /[-‐‑]/.test(before.post)) return d;
  return { ...d, first: place.first, start: place.start, norm: `${place.norm} ${d.norm}`, qualifier: { id: place.ref!, name: place.norm, draft: place } };
}

function isOrgHead(layer: LexiconLayer, i: number): boolean {
  const m = layer.covering[i];
  return !!m && m.hits.some((h) => h.kind === 'org-head') && m.last - 1 === i;
}

function positionMatch(layer: LexiconLayer, i: number): LexiconMatch | undefined {
  const m = layer.matchAt.get(i);
  return m && m.hits.some((h) => h.kind === 'position') ? m : undefined;
}

/** Classifies one run of capitalised words (it may hold several mentions). */
function classifyRun(doc: EnDocument, layer: LexiconLayer, first: number, last: number, sentenceFirst: number): Draft[] {
  const { tokens } = doc;
  // Leading "The" and honorifics / titles are not part of a name.
  let from = first;
  let title: string | undefined;
  let titleFirst: number | undefined;
  let honorific = false;
  while (from < last) {
    const t = tokens[from]!;
    if (t.key === 'the') {
      from++;
      continue;
    }
    if (HONORIFICS.has(t.key) && from + 1 < last) {
      honorific = true;
      from++;
      continue;
    }
    // A country adjective before a title: "French President Emmanuel Macron".
    const adjective = layer.covering[from];
    if (adjective && adjective.first === from && adjective.hits.every((h) => h.adjective) && positionMatch(layer, adjective.last) && adjective.last < last) {
      from = adjective.last;
      continue;
    }
    const position = positionMatch(layer, from);
    if (position && position.last < last && !runHasOrgHead(layer, position.last, last)) {
      title = words(tokens, from, position.last).toLowerCase();
      titleFirst ??= from;
      from = position.last;
      continue;
    }
    break;
  }
  if (from >= last) return [];
  // Split at lexicon entity mentions inside the run (already mentions themselves),
  // unless the run is one organisation name that contains them ("Almaty City Court").
  const headEnd = lastOrgHeadEnd(layer, from, last);
  if (headEnd > from) {
    return [organisation(doc, layer, from, last)];
  }
  const drafts: Draft[] = [];
  let segStart = from;
  for (let i = from; i <= last; i++) {
    const m = i < last ? layer.covering[i] : undefined;
    const isEntity = m && entityHit(m) && !entityHit(m)!.adjective;
    if (i === last || isEntity) {
      if (i > segStart) {
        const d = classifySegment(doc, layer, segStart, i, sentenceFirst, segStart === from ? title : undefined, segStart === from && honorific);
        if (d?.title !== undefined && titleFirst !== undefined) d.titleFirst = titleFirst;
        if (d) drafts.push(d);
      }
      if (isEntity) {
        i = m.last - 1;
        segStart = m.last;
      }
    }
  }
  return drafts;
}

function runHasOrgHead(layer: LexiconLayer, from: number, last: number): boolean {
  return lastOrgHeadEnd(layer, from, last) > from;
}

/** End of the last org-head word in [from, last), or `from` when there is none. */
function lastOrgHeadEnd(layer: LexiconLayer, from: number, last: number): number {
  let end = from;
  for (let i = from; i < last; i++) if (isOrgHead(layer, i)) end = i + 1;
  return end;
}

function organisation(doc: EnDocument, layer: LexiconLayer, first: number, last: number): Draft {
  const { tokens } = doc;
  let head: string | undefined;
  for (let i = first; i < last; i++) {
    const m = layer.covering[i];
    const h = m?.hits.find((x) => x.kind === 'org-head');
    if (h && m!.last - 1 === i) {
      head = h.entry.subtype;
      // The head of "Ministry of X" is the first head word; of "Almaty City Court", the last.
      if (tokens[i + 1]?.key === 'of' || tokens[i + 1]?.key === 'for') break;
    }
  }
  const draft: Draft = {
    first,
    last,
    start: tokens[first]!.start,
    end: wordEnd(tokens[last - 1]!),
    type: 'ORGANIZATION',
    norm: words(tokens, first, last),
  };
  if (head) draft.subtype = head;
  return draft;
}

function classifySegment(
  doc: EnDocument,
  layer: LexiconLayer,
  first: number,
  last: number,
  sentenceFirst: number,
  title: string | undefined,
  honorific: boolean,
): Draft | undefined {
  const { tokens } = doc;
  const segment = tokens.slice(first, last);
  // Country adjectives ("Russian") qualify; on their own they are not names.
  if (segment.every((_, k) => layer.covering[first + k]?.hits.some((h) => h.adjective))) return undefined;
  const base = { first, last, start: tokens[first]!.start, end: wordEnd(tokens[last - 1]!), norm: words(tokens, first, last) };
  const next = tokens[last];
  const prev = tokens[first - 1];
  // Web addresses written as names: "Tengrinews.kz" is an outlet.
  if (segment.length === 1 && /^\p{Lu}[\p{L}\d-]*\.(kz|ru|com|org|net|uz|kg|ua|by|info|news|io|co\.uk)$/u.test(segment[0]!.text)) {
    return { ...base, type: 'ORGANIZATION', subtype: 'media' };
  }
  // "<Name> region / city / district"
  if (next && !next.capitalised && PLACE_SUFFIXES[next.key] && !BREAK_AFTER.test(tokens[last - 1]!.post)) {
    return { ...base, last: last + 1, end: wordEnd(next), type: 'LOCATION', subtype: PLACE_SUFFIXES[next.key]!, norm: `${base.norm} ${next.key === 'oblast' ? 'Region' : capitalise(next.key)}` };
  }
  // "the Navy said": people are not written with "the".
  if (prev?.key === 'the' && title === undefined && !honorific && next && SPEECH_VERBS.has(next.key) && !segment.some((t) => hasPersonTag(t))) {
    return { ...base, type: 'ORGANIZATION' };
  }
  const personEvidence =
    title !== undefined ||
    honorific ||
    segment.some((t) => hasPersonTag(t)) ||
    segment.some((t) => hasSurnameShape(t) && !hasPlaceTag(t)) ||
    (next !== undefined && SPEECH_VERBS.has(next.key) && next.tags.has('Verb')) ||
    (prev !== undefined && SPEECH_VERBS.has(prev.key) && prev.tags.has('Verb') && first - 1 > sentenceFirst);
  const placeEvidence = segment.every((t) => hasPlaceTag(t) || NAME_CONNECTORS.has(t.key));
  if (placeEvidence && title === undefined && !honorific && !segment.some((t) => hasPersonTag(t) && !hasPlaceTag(t))) {
    return { ...base, type: 'LOCATION', subtype: placeSubtype(segment) };
  }
  if (personEvidence) return { ...base, type: 'PERSON', norm: personName(tokens, first, last), ...(title ? { title } : {}) };
  if (segment.length === 1 && segment[0]!.allCaps && segment[0]!.text.length <= 6 && !segment[0]!.tags.has('Unit')) {
    return { ...base, type: 'ORGANIZATION' };
  }
  if (prev && PLACE_PREPOSITIONS.has(prev.key) && segment.length <= 3 && !segment.some((t) => t.tags.has('Date'))) {
    return { ...base, type: 'LOCATION' };
  }
  if (segment.length >= 2 && segment.length <= 4 && segment.every((t) => !isCommonWord(t) && !t.tags.has('Date'))) {
    return { ...base, type: 'PERSON', norm: personName(tokens, first, last) };
  }
  return undefined;
}

function placeSubtype(segment: readonly EnToken[]): string | undefined {
  const last = segment[segment.length - 1]!;
  if (last.tags.has('Country')) return 'country';
  if (last.tags.has('City')) return 'city';
  if (last.tags.has('Region')) return 'region';
  return undefined;
}

/**
 * Lower-case agencies: an org head after a qualifying modifier ("the anti-drug
 * department", "the counter-narcotics police", "the drug control agency"), with a
 * "for/on <gerund> ..." tail when written ("department for combating drug crime").
 */
function findLowerCaseAgencies(doc: EnDocument, layer: LexiconLayer, taken: boolean[], found: Draft[]): Draft[] {
  const { tokens } = doc;
  const busy = [...taken];
  for (const d of found) for (let i = d.first; i < d.last; i++) busy[i] = true;
  const drafts: Draft[] = [];
  const placeEndingAt = new Map<number, Draft>();
  for (const d of [...layer.drafts, ...found]) if (d.type === 'LOCATION') placeEndingAt.set(d.last, d);
  for (let i = 1; i < tokens.length; i++) {
    if (busy[i] || !isOrgHead(layer, i) || tokens[i]!.capitalised) continue;
    const m = layer.covering[i]!;
    let first = m.first;
    while (first > 0 && isAgencyModifier(tokens[first - 1]!) && tokens[first - 1]!.sentence === tokens[i]!.sentence && !busy[first - 1]) first--;
    // "the Almaty police department", "Kazakhstan police": a place names the agency.
    const place = placeEndingAt.get(first);
    if (place && tokens[place.first]!.sentence === tokens[i]!.sentence && !tokens[place.last - 1]!.possessive) first = place.first;
    if (first === m.first) continue;
    let last = i + 1;
    const tail = tokens[last];
    if (tail && (tail.key === 'for' || tail.key === 'on') && tokens[last + 1]?.tags.has('Gerund')) {
      let j = last + 2;
      while (j < tokens.length && j - last < 6 && tokens[j]!.tags.has('Noun') && !tokens[j]!.tags.has('Pronoun') && !BREAK_AFTER.test(tokens[j - 1]!.post)) j++;
      if (j > last + 2) last = j;
    }
    const head = m.hits.find((h) => h.kind === 'org-head')!;
    const draft: Draft = {
      first,
      last,
      start: tokens[first]!.start,
      end: wordEnd(tokens[last - 1]!),
      type: 'ORGANIZATION',
      norm: agencyName(tokens, first, last, place !== undefined && first === place.first),
    };
    if (head.entry.subtype) draft.subtype = head.entry.subtype;
    drafts.push(draft);
    for (let k = first; k < last; k++) busy[k] = true;
  }
  return drafts;
}

/** "Anti-drug department" at a sentence start -> "anti-drug department"; a place keeps its capital. */
function agencyName(tokens: readonly EnToken[], first: number, last: number, startsWithPlace: boolean): string {
  const name = words(tokens, first, last);
  return startsWithPlace ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

function isAgencyModifier(token: EnToken): boolean {
  return /^(anti|counter)-/.test(token.key) || /^(drug|narcotic|narcotics|anti|counter|control|enforcement|crime|criminal|organised|organized|investigation|investigative|security|customs|border|police|traffic)$/.test(token.key);
}

/** The words of a token range as written, without a final possessive and outer punctuation. */
export function words(tokens: readonly EnToken[], first: number, last: number): string {
  let out = '';
  for (let i = first; i < last; i++) {
    const t = tokens[i]!;
    let word = t.text;
    if (i === last - 1) word = word.replace(/['’]s?$/u, '');
    word = word.replace(/[.,;:!?"“”)]+$/u, (p) => (i === last - 1 || p !== '.' ? '' : p));
    out += word;
    if (i < last - 1) out += /[-‐‑]$/.test(t.post.trim()) || t.post === '-' ? '-' : ' ';
  }
  return out.trim();
}

/** A person's canonical name: as written, capitalised word by word when written in capitals. */
export function personName(tokens: readonly EnToken[], first: number, last: number): string {
  const name = words(tokens, first, last);
  return name.replace(/\p{L}+/gu, (w) => (w.length > 1 && w === w.toUpperCase() ? w[0] + w.slice(1).toLowerCase() : w));
}

/** End of a word's span: a possessive ending is not part of the name. */
export function wordEnd(token: EnToken): number {
  const m = /(['’]s?|[.,;:!?]+)$/u.exec(token.text);
  // Abbreviations keep their final point: "U.S.", "Inc.", "J.".
  if (m?.[0] === '.' && (/^(\p{L}\.)+$/u.test(token.text) || /^(inc|ltd|corp|co|jr|sr|st)\.$/i.test(token.text) || /^\p{Lu}\.$/u.test(token.text))) return token.end;
  if (m && m.index > 0) return token.end - m[0].length;
  return token.end;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
