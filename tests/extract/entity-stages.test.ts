/**
 * The stages of the Russian entity pipeline (ru/entity-stages.ts, ru/tagger-spans.ts,
 * consolidateSurnames, withPersonReadings), each alone on invented sentences with candidates
 * made by hand: what each returns, and that it leaves its inputs as they were (the inputs are
 * frozen, so a stage that writes to them throws, and compared with a copy taken before).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadLexicon, type LexiconFile } from '../../src/extract/lexicon';
import { splitSentences, tokenize, type Sentence, type Token } from '../../src/extract/tokens';
import { analyzeTokens, type TokenInfo } from '../../src/extract/ru/analysis';
import { personCandidate, withPersonReadings, type Candidate } from '../../src/extract/ru/candidates';
import { attachPlaceAdjectives, chooseMentions, dropNestedLexiconTerms, inheritLexiconInfo, lexiconTerms, nestedPlaces, personBlocks, selectNonOverlapping } from '../../src/extract/ru/entity-stages';
import { compileGazetteer, type Gazetteer } from '../../src/extract/ru/gazetteer';
import type { NerSpan } from '../../src/extract/ru/ner/types';
import { consolidateSurnames, findPersons, type PersonSpan } from '../../src/extract/ru/persons';
import { PRIORITY } from '../../src/extract/ru/priority';
import { applyTaggerSpans, taggerSpans } from '../../src/extract/ru/tagger-spans';
import { createMorphology } from '../../src/extract/ru/morph';
import { WordAnalyser } from '../../src/extract/ru/analysis';
import { nodeResources } from '../../src/node/resources';
import { ruleLexicons } from './rule-context';

let analyser: WordAnalyser;
let countryAdjectives: ReadonlyMap<string, string>;
let gaz: { drugs: Gazetteer; channels: Gazetteer; positions: Gazetteer; orgHeads: Gazetteer };
beforeAll(async () => {
  const lex = await ruleLexicons();
  analyser = lex.analyser;
  countryAdjectives = lex.countryAdjectives;
  const resources = nodeResources();
  const morph = await createMorphology(resources);
  const [drugs, channels] = (await Promise.all(['drugs', 'channels'].map((n) => loadLexicon(resources, n)))) as LexiconFile[];
  gaz = { drugs: compileGazetteer(drugs!, morph), channels: compileGazetteer(channels!, morph), positions: lex.positions, orgHeads: lex.heads };
});

interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
  infos: TokenInfo[];
}

function doc(text: string): Doc {
  const tokens = tokenize(text);
  return { text, tokens, sentences: splitSentences(tokens), infos: analyzeTokens(tokens, analyser) };
}

/** Token range of the n-th occurrence of `words` in the text. */
function range(d: Doc, words: string, nth = 0): { first: number; last: number; start: number; end: number } {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = d.text.indexOf(words, at + 1);
  if (at < 0) throw new Error(`"${words}" not in the text`);
  const first = d.tokens.findIndex((t) => t.start >= at);
  let last = first;
  while (last < d.tokens.length && d.tokens[last]!.end <= at + words.length) last++;
  return { first, last, start: d.tokens[first]!.start, end: d.tokens[last - 1]!.end };
}

/** A candidate over `words`, its norm the words unless given. */
function cand(d: Doc, words: string, props: Partial<Candidate> & Pick<Candidate, 'type' | 'priority'>, nth = 0): Candidate {
  return { ...range(d, words, nth), norm: words, ...props };
}

/** Freezes the list and every candidate in it (and its person span), so writing to them throws. */
function frozen<T extends object>(list: T[]): readonly T[] {
  for (const x of list) {
    const p = (x as { person?: PersonSpan }).person;
    if (p) Object.freeze(Object.freeze(p).readings);
    Object.freeze(x);
  }
  return Object.freeze(list);
}

/** What a list of candidates or spans looks like, for comparing before and after a stage. */
const snapshot = (list: readonly object[]) => JSON.parse(JSON.stringify(list, (k, v) => (k === 'info' ? undefined : v)));

describe('lexiconTerms', () => {
  it('gives the lexicon drugs and channels of every sentence, with refs and canonical names', () => {
    const d = doc('Героин продавали через Telegram. Полицейские изъяли гашиш.');
    const terms = lexiconTerms(d.infos, d.sentences, gaz);
    expect(terms.map((c) => [c.type, c.ref, d.text.slice(c.start, c.end)])).toEqual([
      ['DRUG', 'drug:heroin', 'Героин'],
      ['CHANNEL', 'channel:telegram', 'Telegram'],
      ['DRUG', 'drug:hashish', 'гашиш'],
    ]);
    expect(terms.every((c) => c.priority === PRIORITY.LEXICON_DRUG_OR_CHANNEL)).toBe(true);
  });
});

describe('personBlocks', () => {
  it('blocks the tokens of things found by rule and position words, and marks the positions', () => {
    const d = doc('Начальник департамента Иван Петров посетил Самару и Уфу.');
    const things = frozen([cand(d, 'Самару', { type: 'LOCATION', priority: PRIORITY.RULE }), cand(d, 'Уфу', { type: 'LOCATION', priority: PRIORITY.WEAK_RULE })]);
    const before = snapshot(things);
    const { blocked, position } = personBlocks(d.infos, d.sentences, things, gaz.positions);
    const marked = (a: Uint8Array) => d.tokens.filter((_, i) => a[i] === 1).map((t) => t.text);
    expect(marked(position)).toEqual(['Начальник']);
    // A weak rule's place does not block a name.
    expect(marked(blocked)).toEqual(['Начальник', 'Самару']);
    expect(snapshot(things)).toEqual(before);
  });
});

describe('taggerSpans and applyTaggerSpans', () => {
  const fakeTagger = (spans: NerSpan[]) => ({ tag: () => spans });

  it('returns the tagger people, places and organisations, and a platform that acts as a company, without touching the candidates', () => {
    const d = doc('Telegram объявил о новых правилах. Иван Петров посетил Белград. Мефедрон продавали в Telegram.');
    const terms = lexiconTerms(d.infos, d.sentences, gaz);
    const candidates = frozen(terms);
    const before = snapshot(candidates);
    const telegram = range(d, 'Telegram');
    const petrov = range(d, 'Иван Петров');
    const belgrade = range(d, 'Белград');
    const inTelegram = range(d, 'Telegram', 1);
    const spans: NerSpan[] = [
      { first: telegram.first, last: telegram.last, type: 'ORG' },
      { first: petrov.first, last: petrov.last, type: 'PER' },
      { first: belgrade.first, last: belgrade.last, type: 'PER' },
      { first: inTelegram.first, last: inTelegram.last, type: 'ORG' },
    ];
    const sentenceOf = new Int32Array(d.tokens.length);
    d.sentences.forEach((s, k) => sentenceOf.fill(k, s.first, s.last));
    const tagged = taggerSpans(fakeTagger(spans), { text: d.text, tokens: d.tokens, sentences: d.sentences, sentenceOf, infos: d.infos, position: new Uint8Array(d.tokens.length), orgHeads: gaz.orgHeads, candidates });

    expect(tagged.people.map((p) => p.norm)).toEqual(['Иван Петров']);
    // "посетил Белград": a word the dictionary knows only as a place is the place.
    expect(tagged.candidates.map((c) => [c.type, c.norm, c.priority >= PRIORITY.TAGGER])).toEqual([
      ['PERSON', 'Иван Петров', true],
      ['LOCATION', 'Белград', true],
    ]);
    // "Telegram объявил": the company; "в Telegram": still the channel, not retyped.
    const channel = candidates.find((c) => c.first === telegram.first)!;
    expect([...tagged.retyped.keys()]).toEqual([channel]);
    expect(tagged.retyped.get(channel)).toMatchObject({ type: 'ORGANIZATION', subtype: 'company', ref: 'org:telegram', first: telegram.first });
    expect(snapshot(candidates)).toEqual(before);

    const all = applyTaggerSpans(candidates, tagged);
    expect(all.map((c) => [c.type, c.ref ?? c.norm])).toEqual([
      ['ORGANIZATION', 'org:telegram'],
      ['DRUG', 'drug:mephedrone'],
      ['CHANNEL', 'channel:telegram'],
      ['PERSON', 'Иван Петров'],
      ['LOCATION', 'Белград'],
    ]);
    expect(all).not.toBe(candidates);
    expect(snapshot(candidates)).toEqual(before);
  });

  it('a title alone is not a person, and a lexicon place is not a person', () => {
    const d = doc('Президент посетил Алматы.');
    const almaty = cand(d, 'Алматы', { type: 'LOCATION', ref: 'loc:almaty', priority: PRIORITY.LEXICON_ORGANIZATION });
    const position = new Uint8Array(d.tokens.length);
    position[0] = 1;
    const spans: NerSpan[] = [
      { first: 0, last: 1, type: 'PER' },
      { first: almaty.first, last: almaty.last, type: 'PER' },
    ];
    const tagged = taggerSpans(fakeTagger(spans), { text: d.text, tokens: d.tokens, sentences: d.sentences, sentenceOf: new Int32Array(d.tokens.length), infos: d.infos, position, orgHeads: gaz.orgHeads, candidates: frozen([almaty]) });
    expect(tagged).toEqual({ candidates: [], people: [], retyped: new Map() });
  });
});

describe('consolidateSurnames and withPersonReadings', () => {
  it('reads a lone surname as the same surname of a full name elsewhere, as new spans', () => {
    const d = doc('Анна Маткенова выступила на брифинге. Журналисты поблагодарили Маткенову.');
    const people = findPersons(d.infos, d.sentences, { blocked: () => false, isPosition: () => false });
    expect(people.map((p) => d.text.slice(d.tokens[p.first]!.start, d.tokens[p.last - 1]!.end))).toEqual(['Анна Маткенова', 'Маткенову']);
    const lone = people[1]!;
    // Alone, "Маткенову" reads best as a man (Маткенов); the full name says Маткенова.
    expect(lone.norm).toBe('Маткенов');
    const input = frozen(people);
    const before = snapshot(input);
    const reread = consolidateSurnames(input);
    expect([...reread.keys()]).toEqual([lone]);
    expect(reread.get(lone)!.norm).toBe('Маткенова');
    expect(reread.get(lone)!.readings.map((r) => r.norm)).toEqual(['Маткенова', 'Маткенов']);
    expect(snapshot(input)).toEqual(before);

    const candidates = frozen(people.map((p) => personCandidate(d.infos, p, PRIORITY.RULE)));
    const rebuilt = withPersonReadings(candidates, reread);
    expect(rebuilt.map((c) => c.norm)).toEqual(['Анна Маткенова', 'Маткенова']);
    // The unchanged candidate is kept as it was; the re-read one is new.
    expect(rebuilt[0]).toBe(candidates[0]);
    expect(rebuilt[1]!.person).toBe(reread.get(lone));
    expect(snapshot(input)).toEqual(before);
    expect(withPersonReadings(candidates, new Map())).toBe(candidates);
  });

  it('leaves a surname alone when the article has no confident reading of it', () => {
    const d = doc('Журналисты поблагодарили Маткенову.');
    const people = findPersons(d.infos, d.sentences, { blocked: () => false, isPosition: () => false });
    expect(consolidateSurnames(frozen(people)).size).toBe(0);
  });
});

describe('chooseMentions, dropNestedLexiconTerms and selectNonOverlapping', () => {
  it('drops a drug word inside a longer organisation name', () => {
    const d = doc('Управление по борьбе с наркотиками провело рейд.');
    const org = cand(d, 'Управление по борьбе с наркотиками', { type: 'ORGANIZATION', priority: PRIORITY.RULE });
    const drug = cand(d, 'наркотиками', { type: 'DRUG', ref: 'drug:narcotics', priority: PRIORITY.LEXICON_DRUG_OR_CHANNEL });
    const input = frozen([drug, org]);
    expect(dropNestedLexiconTerms(input, d.tokens.length)).toEqual([org]);
    expect(input).toEqual([drug, org]);
  });

  it('resolves overlaps by priority then length, in text order, and cuts an organisation phrase to its free head', () => {
    const d = doc('Сотрудники Министерства внутренних дел РФ посетили Самару.');
    const phrase = cand(d, 'Министерства внутренних дел РФ', { type: 'ORGANIZATION', priority: PRIORITY.RULE, norm: 'Министерство внутренних дел РФ' });
    const place = cand(d, 'РФ', { type: 'LOCATION', ref: 'loc:russia', priority: PRIORITY.TAGGER, norm: 'Россия' });
    const samara = cand(d, 'Самару', { type: 'LOCATION', priority: PRIORITY.RULE, norm: 'Самара' });
    const input = frozen([samara, phrase, place]);
    const before = snapshot(input);
    const chosen = chooseMentions(input, d.infos, d.tokens, d.text);
    expect(chosen.map((c) => [c.type, c.norm, d.text.slice(c.start, c.end)])).toEqual([
      ['ORGANIZATION', 'Министерство внутренних дел', 'Министерства внутренних дел'],
      ['LOCATION', 'Россия', 'РФ'],
      ['LOCATION', 'Самара', 'Самару'],
    ]);
    expect(snapshot(input)).toEqual(before);
    // Without a head to keep, the loser is dropped.
    expect(selectNonOverlapping(input, d.tokens.length, () => undefined).map((c) => c.norm)).toEqual(['Россия', 'Самара']);
  });

  it('takes no top-level domain for a place', () => {
    const d = doc('Сайты в зоне .РФ заблокированы.');
    const zone = cand(d, 'РФ', { type: 'LOCATION', ref: 'loc:russia', priority: PRIORITY.TAGGER });
    expect(chooseMentions(frozen([zone]), d.infos, d.tokens, d.text)).toEqual([]);
  });
});

describe('inheritLexiconInfo', () => {
  it('gives a chosen span without a ref the ref, subtype and norm of a lexicon match of the same range and type, as a new candidate', () => {
    const d = doc('Сотрудники Минздрава и Минфина провели проверку.');
    const tagged = cand(d, 'Минздрава', { type: 'ORGANIZATION', priority: PRIORITY.TAGGER, norm: 'Минздрав' });
    // A span that has a subtype of its own keeps it, and its norm.
    const other = cand(d, 'Минфина', { type: 'ORGANIZATION', subtype: 'government_agency', priority: PRIORITY.TAGGER, norm: 'Минфин' });
    const otherLexicon = cand(d, 'Минфина', { type: 'ORGANIZATION', ref: 'org:minfin', priority: PRIORITY.RULE, norm: 'Министерство финансов' });
    const lexicon = cand(d, 'Минздрава', { type: 'ORGANIZATION', ref: 'org:minzdrav', subtype: 'government_agency', priority: PRIORITY.RULE, norm: 'Министерство здравоохранения' });
    const sameRangeOtherType = cand(d, 'Минфина', { type: 'LOCATION', ref: 'loc:nowhere', priority: PRIORITY.RULE });
    const chosen = frozen([tagged, other]);
    const all = frozen([lexicon, sameRangeOtherType, otherLexicon, tagged, other]);
    const before = snapshot(all);
    const out = inheritLexiconInfo(chosen, all);
    expect(out[0]).toEqual({ ...tagged, ref: 'org:minzdrav', subtype: 'government_agency', norm: 'Министерство здравоохранения' });
    expect(out[1]).toBe(other);
    expect(snapshot(all)).toEqual(before);
  });
});

describe('attachPlaceAdjectives', () => {
  it('joins a lower-case country adjective that agrees with an organisation, and makes a lexicon organisation that country\'s body', () => {
    const d = doc('Представитель японского МИДа заявил протест.');
    const mid = cand(d, 'МИДа', { type: 'ORGANIZATION', ref: 'org:mid', subtype: 'government_agency', priority: PRIORITY.LEXICON_ORGANIZATION, norm: 'МИД' });
    const chosen = frozen([mid]);
    const out = attachPlaceAdjectives(d.infos, chosen, countryAdjectives, d.text);
    expect(out[0]).toMatchObject({ first: range(d, 'японского').first, start: range(d, 'японского').start, norm: 'японский МИД', ref: 'org:mid@loc:japan' });
    expect(chosen[0]).toBe(mid);
    expect(mid).toMatchObject({ first: range(d, 'МИДа').first, norm: 'МИД', ref: 'org:mid' });
  });

  it('leaves an organisation alone after a word that is no country adjective, or one already taken', () => {
    const d = doc('Представитель японского МИДа заявил протест. Сотрудник нового МИДа выступил.');
    const adjective = cand(d, 'японского', { type: 'LOCATION', priority: PRIORITY.RULE });
    const mid = cand(d, 'МИДа', { type: 'ORGANIZATION', ref: 'org:mid', priority: PRIORITY.LEXICON_ORGANIZATION, norm: 'МИД' });
    const mid2 = cand(d, 'МИДа', { type: 'ORGANIZATION', ref: 'org:mid', priority: PRIORITY.LEXICON_ORGANIZATION, norm: 'МИД' }, 1);
    const chosen = frozen([adjective, mid, mid2]);
    expect(attachPlaceAdjectives(d.infos, chosen, countryAdjectives, d.text)).toEqual([adjective, mid, mid2]);
  });
});

describe('nestedPlaces', () => {
  it('finds a lexicon place inside a chosen organisation, not inside a quoted name', () => {
    const d = doc('МВД России и партия «Единая Россия» провели встречу.');
    const mvd = cand(d, 'МВД России', { type: 'ORGANIZATION', ref: 'org:mvd@loc:russia', priority: PRIORITY.LEXICON_ORGANIZATION });
    const party = cand(d, 'партия «Единая Россия»', { type: 'ORGANIZATION', priority: PRIORITY.TAGGER });
    const russia = cand(d, 'России', { type: 'LOCATION', ref: 'loc:russia', priority: PRIORITY.RULE });
    const russia2 = cand(d, 'Россия', { type: 'LOCATION', ref: 'loc:russia', priority: PRIORITY.RULE });
    const chosen = frozen([mvd, party]);
    const candidates = frozen([mvd, russia, party, russia2]);
    expect(nestedPlaces(d.infos, chosen, candidates, d.tokens.length)).toEqual([{ org: mvd, place: russia }]);
  });
});
