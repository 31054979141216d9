/**
 * Each English relation rule (src/extract/en/relations.ts) alone, on invented sentences whose
 * mentions are marked by hand: "[PER Tlegen Matkenov], head of the [ORG Interior Ministry|org:mvd]".
 * A mark is [TYPE[/subtype] text[|ref]]; TYPE is PER, ORG, LOC, DRUG, CHAN or QTY; the norm is
 * the text. Tokens and the lexicon layer (position words) are the pipeline's own. Each test checks
 * what the rule returns and that the context and mentions are as they were (frozen, and compared).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../src/extract/en/draft';
import { loadEnglishLexicons, type EnglishLexicons } from '../../src/extract/en/lexicon';
import { findLexiconMentions } from '../../src/extract/en/lexicon-mentions';
import {
  appositivePosition,
  departmentOf,
  distributedVia,
  findRelations,
  isPositionOf,
  MENTION_RULES,
  organisationInPlace,
  placeCommaCountry,
  positionOfBeforeName,
  possessivePartOf,
  qualifiedByPlace,
  relationContexts,
  requestSentTo,
  SENTENCE_RULES,
  seized,
  stated,
  titleBeforeName,
  whoHeads,
  type FoundRelation,
  type RelationContext,
} from '../../src/extract/en/relations';
import { tokenizeEnglish } from '../../src/extract/en/tokens';
import { nodeResources } from '../../src/node/resources';

let lexicons: EnglishLexicons;
beforeAll(async () => {
  lexicons = await loadEnglishLexicons(nodeResources());
});

const TYPES: Record<string, Draft['type']> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION', DRUG: 'DRUG', CHAN: 'CHANNEL', QTY: 'QUANTITY' };
const MARK = /\[(PER|ORG|LOC|DRUG|CHAN|QTY)(?:\/(\w+))? ([^\]|]+)(?:\|([^\]]+))?\]/g;

interface Marked {
  /** The context of each sentence with mentions, in order. */
  contexts: RelationContext[];
  mentions: Draft[];
  /** Mention by its text. */
  m: (text: string) => Draft;
}

function marked(source: string, edit?: (mentions: Draft[]) => void): Marked {
  let text = '';
  let from = 0;
  const spans: Array<{ start: number; end: number; type: Draft['type']; subtype?: string; ref?: string }> = [];
  for (const x of source.matchAll(MARK)) {
    text += source.slice(from, x.index);
    const start = text.length;
    text += x[3]!;
    spans.push({ start, end: text.length, type: TYPES[x[1]!]!, ...(x[2] ? { subtype: x[2] } : {}), ...(x[4] ? { ref: x[4] } : {}) });
    from = x.index! + x[0].length;
  }
  text += source.slice(from);
  const doc = tokenizeEnglish(text);
  const layer = findLexiconMentions(doc, lexicons);
  const mentions: Draft[] = spans.map((sp) => {
    const first = doc.tokens.findIndex((t) => t.start >= sp.start);
    let last = first;
    while (last < doc.tokens.length && doc.tokens[last]!.end <= sp.end) last++;
    if (first < 0 || last === first) throw new Error(`mark "${text.slice(sp.start, sp.end)}" covers no token`);
    return { first, last, start: sp.start, end: sp.end, type: sp.type, ...(sp.subtype ? { subtype: sp.subtype } : {}), ...(sp.ref ? { ref: sp.ref } : {}), norm: text.slice(sp.start, sp.end) };
  });
  edit?.(mentions);
  for (const d of mentions) Object.freeze(d);
  const contexts = relationContexts(doc, layer, Object.freeze(mentions));
  return { contexts, mentions, m: (t) => mentions.find((d) => d.norm === t) ?? assertFound(t) };
}

function assertFound(t: string): never {
  throw new Error(`no mention "${t}"`);
}

/** Relations as "TYPE source -> target (props)". */
const show = (found: readonly FoundRelation[]) => found.map((r) => `${r.type} ${r.source.norm} -> ${r.target.norm}${r.props ? ' ' + JSON.stringify(r.props) : ''}`);

/** Runs a mention rule on every mention of every sentence, checking the input is left as it was. */
function fromMentions(x: Marked, rule: (ctx: RelationContext, d: Draft) => FoundRelation[]): string[] {
  const before = structuredClone(x.contexts);
  const out = x.contexts.flatMap((ctx) => ctx.mentions.flatMap((d) => rule(ctx, d)));
  expect(x.contexts).toEqual(before);
  return show(out);
}

/** Runs a sentence rule on every sentence, checking the input is left as it was. */
function fromSentences(x: Marked, rule: (ctx: RelationContext) => FoundRelation[]): string[] {
  const before = structuredClone(x.contexts);
  const out = x.contexts.flatMap((ctx) => rule(ctx));
  expect(x.contexts).toEqual(before);
  return show(out);
}

describe('relationContexts', () => {
  it('one context per sentence with mentions, its mentions in order, the mention at each token', () => {
    const x = marked('[PER Tlegen Matkenov] spoke. Nothing here. The [ORG Interior Ministry] and [LOC Almaty] agreed.');
    expect(x.contexts.map((c) => c.mentions.map((d) => d.norm))).toEqual([['Tlegen Matkenov'], ['Interior Ministry', 'Almaty']]);
    const ctx = x.contexts[1]!;
    expect(ctx.at[x.m('Almaty').first]).toBe(x.m('Almaty'));
    expect(ctx.at[x.m('Almaty').first - 1]).toBeUndefined();
  });
});

describe('HOLDS_POSITION mention rules', () => {
  it('title-before-name: "anti-drug department head Tlegen Matkenov"', () => {
    expect(fromMentions(marked('[ORG anti-drug department] head [PER Tlegen Matkenov] spoke.'), titleBeforeName)).toEqual(['HOLDS_POSITION Tlegen Matkenov -> anti-drug department {"position":"head"}']);
    // No organisation before the title.
    expect(fromMentions(marked('The head [PER Tlegen Matkenov] spoke in [LOC Almaty].'), titleBeforeName)).toEqual([]);
  });

  it('appositive-position: "Tlegen Matkenov, the head of the Interior Ministry"', () => {
    expect(fromMentions(marked('[PER Tlegen Matkenov], the head of the [ORG Interior Ministry], spoke.'), appositivePosition)).toEqual(['HOLDS_POSITION Tlegen Matkenov -> Interior Ministry {"position":"head"}']);
    // Without the comma it is no appositive.
    expect(fromMentions(marked('[PER Tlegen Matkenov] met the head of the [ORG Interior Ministry].'), appositivePosition)).toEqual([]);
  });

  it('who-heads: "John Smith, who heads the Financial Monitoring Agency"', () => {
    expect(fromMentions(marked('[PER John Smith], who heads the [ORG Financial Monitoring Agency], spoke.'), whoHeads)).toEqual(['HOLDS_POSITION John Smith -> Financial Monitoring Agency {"position":"head"}']);
    expect(fromMentions(marked('[PER John Smith], who visited the [ORG Financial Monitoring Agency], spoke.'), whoHeads)).toEqual([]);
  });

  it('is-position-of: "Anna Brown is the head of the Drug Control Agency"', () => {
    expect(fromMentions(marked('[PER Anna Brown] is the head of the [ORG Drug Control Agency].'), isPositionOf)).toEqual(['HOLDS_POSITION Anna Brown -> Drug Control Agency {"position":"head"}']);
    expect(fromMentions(marked('[PER Anna Brown] met the head of the [ORG Drug Control Agency].'), isPositionOf)).toEqual([]);
  });

  it('position-of-before-name: "the head of the National Security Committee, Ermek Sagimbayev"', () => {
    expect(fromMentions(marked('The head of the [ORG National Security Committee], [PER Ermek Sagimbayev], spoke.'), positionOfBeforeName)).toEqual([
      'HOLDS_POSITION Ermek Sagimbayev -> National Security Committee {"position":"head"}',
    ]);
    // Words between the organisation and the name: not the name's title.
    expect(fromMentions(marked('The head of the [ORG National Security Committee] later met [PER Ermek Sagimbayev].'), positionOfBeforeName)).toEqual([]);
  });
});

describe('PART_OF and LOCATED_IN mention rules', () => {
  it('department-of: "the anti-drug department of the Interior Ministry", not for a lexicon organisation', () => {
    expect(fromMentions(marked('The [ORG anti-drug department] of the [ORG Interior Ministry|org:mvd] acted.'), departmentOf)).toEqual(['PART_OF anti-drug department -> Interior Ministry']);
    expect(fromMentions(marked('The [ORG Customs Committee|org:customs] of the [ORG Finance Ministry|org:minfin] acted.'), departmentOf)).toEqual([]);
  });

  it('possessive-part-of: "the Interior Ministry\'s anti-drug department"', () => {
    expect(fromMentions(marked("The [ORG Interior Ministry's|org:mvd] [ORG anti-drug department] acted."), possessivePartOf)).toEqual(["PART_OF anti-drug department -> Interior Ministry's"]);
    expect(fromMentions(marked('The [ORG Interior Ministry|org:mvd] [ORG anti-drug department] acted.'), possessivePartOf)).toEqual([]);
  });

  it('qualified-by-place: the place that qualifies an organisation ("Kazakhstan\'s Interior Ministry")', () => {
    const x = marked("[LOC/country Kazakhstan's|loc:kazakhstan] [ORG Interior Ministry|org:mvd] acted.", (ms) => {
      ms[1]!.qualifier = { id: 'loc:kazakhstan', name: 'Kazakhstan', draft: ms[0]! };
    });
    expect(fromMentions(x, qualifiedByPlace)).toEqual(["LOCATED_IN Interior Ministry -> Kazakhstan's"]);
    expect(fromMentions(marked("[LOC/country Kazakhstan's|loc:kazakhstan] [ORG Interior Ministry|org:mvd] acted."), qualifiedByPlace)).toEqual([]);
  });

  it('organisation-in-place: "the police department in Almaty"', () => {
    expect(fromMentions(marked('The [ORG police department] in [LOC Almaty] acted.'), organisationInPlace)).toEqual(['LOCATED_IN police department -> Almaty']);
    expect(fromMentions(marked('The [ORG police department] in central [LOC Almaty] acted.'), organisationInPlace)).toEqual([]);
  });

  it('place-comma-country: "Shymkent, Kazakhstan", not a country before another', () => {
    expect(fromMentions(marked('Police in [LOC/city Shymkent], [LOC/country Kazakhstan] acted.'), placeCommaCountry)).toEqual(['PART_OF Shymkent -> Kazakhstan']);
    expect(fromMentions(marked('Police in [LOC/country Russia], [LOC/country Kazakhstan] acted.'), placeCommaCountry)).toEqual([]);
  });
});

describe('sentence rules', () => {
  it('seized: the acting agency, every drug, the quantity written before a drug', () => {
    const x = marked('The [ORG/government_agency Customs Committee] seized [QTY 12 kilograms] of [DRUG cocaine] and [DRUG hashish].');
    expect(fromSentences(x, seized)).toEqual(['SEIZED Customs Committee -> cocaine {"quantity":"12 kilograms"}', 'SEIZED Customs Committee -> hashish']);
    // "by the X" names the agent even after the verb.
    expect(fromSentences(marked('[DRUG Heroin] was seized in [LOC Almaty] by the [ORG Police Department].'), seized)).toEqual(['SEIZED Police Department -> Heroin']);
    expect(fromSentences(marked('The [ORG/government_agency Customs Committee] talked about [DRUG cocaine].'), seized)).toEqual([]);
  });

  it('distributed-via: a word of selling, every drug with every channel', () => {
    expect(fromSentences(marked('[DRUG Heroin] was sold via [CHAN Telegram] and [CHAN WhatsApp].'), distributedVia)).toEqual(['DISTRIBUTED_VIA Heroin -> Telegram', 'DISTRIBUTED_VIA Heroin -> WhatsApp']);
    expect(fromSentences(marked('[DRUG Heroin] and [CHAN Telegram] were both mentioned.'), distributedVia)).toEqual([]);
  });

  it('stated: the speaker and the organisation told or where it was said, before any "that"', () => {
    expect(fromSentences(marked('[PER Tlegen Matkenov] said at a briefing in the [ORG Interior Ministry] that prices rose.'), stated)).toEqual(['STATED Tlegen Matkenov -> Interior Ministry']);
    expect(fromSentences(marked('[PER Tlegen Matkenov] told [ORG Reuters] about it.'), stated)).toEqual(['STATED Tlegen Matkenov -> Reuters']);
    expect(fromSentences(marked('[PER Tlegen Matkenov] said that the [ORG Interior Ministry] acted.'), stated)).toEqual([]);
  });

  it('request-sent-to: who sent a request to whom, not who reported it', () => {
    expect(fromSentences(marked('The [ORG Interior Ministry] sent requests to [ORG Interpol].'), requestSentTo)).toEqual(['SENT_REQUEST_TO Interior Ministry -> Interpol']);
    expect(fromSentences(marked('[PER Tlegen Matkenov] said requests were sent to [ORG Interpol].'), requestSentTo)).toEqual([]);
  });
});

describe('findRelations', () => {
  it('runs the mention rules, then the sentence rules, and keeps the first of each type, source and target', () => {
    expect(MENTION_RULES.map((r) => r.name)).toEqual([
      'title-before-name',
      'appositive-position',
      'who-heads',
      'is-position-of',
      'position-of-before-name',
      'department-of',
      'possessive-part-of',
      'qualified-by-place',
      'organisation-in-place',
      'place-comma-country',
    ]);
    expect(SENTENCE_RULES.map((r) => r.name)).toEqual(['seized', 'distributed-via', 'stated', 'request-sent-to']);
    const source = '[PER Tlegen Matkenov], the head of the [ORG Interior Ministry], told [ORG Reuters] about it. [DRUG Heroin] was sold via [CHAN Telegram]. The [ORG police department] in [LOC Almaty] acted.';
    const x = marked(source);
    const text = source.replace(MARK, '$3');
    const doc = tokenizeEnglish(text);
    const relations = findRelations(doc, findLexiconMentions(doc, lexicons), x.mentions);
    const names = x.mentions.map((d) => d.norm);
    // The mention rules of the third sentence come before the sentence rules of the first.
    expect(relations.map((r) => `${r.type} ${names[r.source]} -> ${names[r.target]}`)).toEqual([
      'HOLDS_POSITION Tlegen Matkenov -> Interior Ministry',
      'LOCATED_IN police department -> Almaty',
      'STATED Tlegen Matkenov -> Reuters',
      'DISTRIBUTED_VIA Heroin -> Telegram',
    ]);
    const first = doc.sentences[0]!;
    expect(relations[0]).toEqual({ type: 'HOLDS_POSITION', source: 0, target: 1, evidence: [first.start, first.end], props: { position: 'head' } });
  });
});
