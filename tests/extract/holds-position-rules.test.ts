/**
 * Each HOLDS_POSITION rule of src/extract/ru/holds-position.ts alone, on invented sentences
 * whose mentions are marked by hand (rule-context.ts): what the rule finds, and what it must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appointedToTitle,
  articleContext,
  countryAdjectiveBeforeTitle,
  countryAdjectiveInTail,
  findHoldsPositions,
  headOfStateAlone,
  framedByOrganisation,
  inThePersonOf,
  leadsOrganisation,
  NAME_RULES,
  nameAfterTitle,
  nameBeforeTitle,
  namedAfterTitle,
  namedInNextSentence,
  organisationAfterName,
  organisationNoun,
  POSITION_RULES,
  sentenceContext,
  stateNoun,
  subjectOfPreviousSentence,
  TARGET_RULES,
  targetOf,
  titleChains,
  titleTail,
  townNoun,
  type HoldsPosition,
  type PositionMention,
  type SentenceContext,
  type TargetAnswer,
  type TitleChain,
  type TitleGroup,
  type TitleTail,
} from '../../src/extract/ru/holds-position';
import { marked, ruleLexicons } from './rule-context';

let lex: Awaited<ReturnType<typeof ruleLexicons>>;
beforeAll(async () => {
  lex = await ruleLexicons();
});

/** The context of sentence `si` of a marked text. */
function ctxOf(text: string, si = 0): SentenceContext {
  return sentenceContext(articleContext(marked(text, lex)), si);
}

/** The sentence's title that starts with `word` (its first one when omitted). */
function title(ctx: SentenceContext, word?: string): TitleGroup {
  const t = ctx.titles.find((g) => word === undefined || ctx.article.infos[g.first]!.lower === word);
  if (!t) throw new Error(`no title ${word ?? ''}`);
  return t;
}

/** A target rule's answer for a title, as a norm (null: applies and finds nothing; undefined: does not apply). */
function target(rule: (ctx: SentenceContext, t: TitleGroup, tail: TitleTail) => TargetAnswer, text: string, si: number, word?: string): string | null | undefined {
  const ctx = ctxOf(text, si);
  const t = title(ctx, word);
  const answer = rule(ctx, t, titleTail(ctx, t));
  return answer === null ? null : answer?.norm;
}

/** A one-title chain at the title starting with `word`. */
function chainOf(ctx: SentenceContext, word?: string, found: HoldsPosition[] = []): TitleChain {
  const t = title(ctx, word);
  const tail = titleTail(ctx, t);
  return { links: [{ title: t, tail, target: targetOf(ctx, t, tail) }], titleIndex: ctx.titles.indexOf(t), found, foundInSentence: [] };
}

function name(rule: (ctx: SentenceContext, chain: TitleChain) => PositionMention | undefined, text: string, si = 0, word?: string): string | undefined {
  const ctx = ctxOf(text, si);
  return rule(ctx, chainOf(ctx, word))?.norm;
}

const triples = (hs: readonly HoldsPosition[]) => hs.map((h) => [h.person.norm, h.target.norm, h.position]);
const holds = (text: string) => triples(findHoldsPositions(marked(text, lex)));

describe('the rule lists', () => {
  it('run in a fixed order under their names', () => {
    expect(POSITION_RULES.map((r) => r.name)).toEqual(['leads-organisation', 'title-chain']);
    expect(TARGET_RULES.map((r) => r.name)).toEqual(['named-after-title', 'country-adjective-in-tail', 'country-adjective-before-title', 'in-the-person-of', 'state-noun', 'town-noun', 'organisation-noun', 'framed-by-organisation', 'head-of-state-alone']);
    expect(NAME_RULES.map((r) => r.name)).toEqual(['name-after-title', 'name-before-title', 'appointed-to-title', 'subject-of-previous-sentence', 'named-in-next-sentence']);
  });

  it('the sentence context holds the sentence\'s titles, adjacent ones merged', () => {
    const ctx = ctxOf('Вчера заместитель начальника [ORG Департамента полиции] [PER Иван Петров] уехал.');
    expect(ctx.titles.map((t) => t.name)).toEqual(['заместитель начальника']);
  });
});

describe('leads-organisation', () => {
  it('finds a name, a leading verb or participle and the organisation after it', () => {
    expect(triples(leadsOrganisation(ctxOf('[PER Иван Петров] возглавляет [ORG ООО «Ромашка»] с 2010 года.')))).toEqual([['Иван Петров', 'ООО «Ромашка»', 'руководитель']]);
    expect(triples(leadsOrganisation(ctxOf('[PER Иван Петров], ранее возглавлявший [ORG ООО «Ромашка»], уехал.')))).toEqual([['Иван Петров', 'ООО «Ромашка»', 'руководитель']]);
  });

  it('needs the verb right after the name and an organisation or place right after the verb', () => {
    expect(leadsOrganisation(ctxOf('[PER Иван Петров] посетил [ORG ООО «Ромашка»].'))).toEqual([]);
    expect(leadsOrganisation(ctxOf('[PER Иван Петров] вчера в Самаре возглавил [ORG ООО «Ромашка»].'))).toEqual([]);
    expect(leadsOrganisation(ctxOf('[PER Иван Петров] возглавляет [PER Сергея Сидорова].'))).toEqual([]);
  });
});

describe('title-chain', () => {
  it('gives every title of a chain to the one name after it', () => {
    const ctx = ctxOf('Вчера депутат [ORG Госдумы], председатель [ORG партии «Рассвет»] [PER Иван Петров] выступил.');
    expect(triples(titleChains(ctx, []))).toEqual([
      ['Иван Петров', 'Госдумы', 'депутат'],
      ['Иван Петров', 'партии «Рассвет»', 'председатель'],
    ]);
  });

  it('does not chain titles of different cases, and skips plural titles', () => {
    expect(triples(titleChains(ctxOf('Встреча с директором [ORG «Ромашки»], лидер [ORG «Рассвета»] [PER Иван Петров] рассказал о ней.'), []))).toEqual([['Иван Петров', '«Рассвета»', 'лидер']]);
    expect(titleChains(ctxOf('Вчера депутаты [ORG Госдумы] [PER Иван Петров] и [PER Сергей Сидоров] уехали.'), [])).toEqual([]);
  });

  it('gives no position to a title without a target', () => {
    expect(titleChains(ctxOf('Вчера генерал [PER Иван Петров] уехал.'), [])).toEqual([]);
  });
});

describe('titleTail', () => {
  const tail = (text: string, word?: string) => {
    const ctx = ctxOf(text);
    const t = titleTail(ctx, title(ctx, word));
    return { position: t.position, targets: t.targets.map((m) => m.norm), generic: t.generic };
  };

  it('keeps the title\'s own complement in the position, up to its noun', () => {
    expect(tail('Вчера министр связи и коммуникаций [LOC/country России|loc:russia] [PER Иван Петров] уехал.')).toEqual({ position: 'министр связи и коммуникаций', targets: ['России'], generic: undefined });
    expect(tail('Вчера уполномоченный по правам человека [LOC Самарской области] [PER Иван Петров] уехал.').position).toBe('уполномоченный по правам человека');
  });

  it('takes every organisation named after the title, over quotes', () => {
    expect(tail('Вчера начальник [ORG Департамента полиции] [ORG МВД] [PER Иван Петров] уехал.').targets).toEqual(['Департамента полиции', 'МВД']);
    expect(tail('Вчера директор компании «[ORG Ромашка]» [PER Иван Петров] уехал.')).toEqual({ position: 'директор', targets: ['Ромашка'], generic: 'org' });
  });

  it('passes over the capitalised kind or legal form of a quoted organisation to the organisation itself', () => {
    expect(tail('Вчера глава ОАО «[ORG Ромашка]» [PER Иван Петров] уехал.').targets).toEqual(['Ромашка']);
    expect(tail('Вчера руководитель [ORG НПК] „[ORG Звезда]“ [PER Иван Петров] уехал.').targets).toEqual(['Звезда']);
    // Not quoted: the abbreviation is the organisation.
    expect(tail('Вчера глава [ORG НПК] [PER Иван Петров] уехал.').targets).toEqual(['НПК']);
  });

  it('notes a generic noun after the title, and nothing after a person', () => {
    expect(tail('Вчера мэр города [PER Иван Петров] уехал.')).toEqual({ position: 'мэр', targets: [], generic: 'town' });
    expect(tail('Вчера президент страны [PER Иван Петров] уехал.').generic).toBe('state');
    expect(tail('Вчера генерал [PER Иван Петров] из [ORG НАТО] уехал.')).toEqual({ position: 'генерал', targets: [], generic: undefined });
  });
});

describe('target rules', () => {
  it('named-after-title: the first organisation after the title, else does not apply', () => {
    expect(target(namedAfterTitle, 'Вчера начальник [ORG Департамента полиции] [ORG МВД] [PER Иван Петров] уехал.', 0)).toBe('Департамента полиции');
    expect(target(namedAfterTitle, 'Вчера мэр города [PER Иван Петров] уехал.', 0)).toBeUndefined();
  });

  it('country-adjective-in-tail: the country of "российского государства", or no target at all', () => {
    const text = '[LOC/country Россия|loc:russia] и [LOC/country Франция|loc:france] подписали договор. Глава российского государства [PER Иван Петров] выступил.';
    expect(target(countryAdjectiveInTail, text, 1)).toBe('Россия');
    // Not the country named last (the state-noun rule's answer): the one the adjective names.
    expect(triples(findHoldsPositions(marked(text, lex)))).toEqual([['Иван Петров', 'Россия', 'глава']]);
    // The article never names Russia: no target, and no later rule is asked.
    const other = '[LOC/country Франция|loc:france] подписала договор. Глава российского государства [PER Иван Петров] выступил.';
    expect(target(countryAdjectiveInTail, other, 1)).toBeNull();
    expect(holds(other)).toEqual([]);
    expect(target(countryAdjectiveInTail, 'Глава государства [PER Иван Петров] выступил.', 0)).toBeUndefined();
  });

  it('country-adjective-before-title: "украинский президент X" is Ukraine\'s, as the article names it', () => {
    const text = '[LOC/country Украина|loc:ukraine] ждёт гостей. Вчера украинский президент [PER Иван Петров] прибыл в [LOC/country Францию|loc:france].';
    expect(target(countryAdjectiveBeforeTitle, text, 1)).toBe('Украина');
    expect(holds(text)).toEqual([['Иван Петров', 'Украина', 'президент']]);
    expect(target(countryAdjectiveBeforeTitle, 'Вчера украинский президент [PER Иван Петров] прибыл в [LOC/country Францию|loc:france].', 0)).toBeNull();
    expect(target(countryAdjectiveBeforeTitle, 'Вчера новый президент [PER Иван Петров] прибыл в [LOC/country Францию|loc:france].', 0)).toBeUndefined();
  });

  it('in-the-person-of: the organisation before "в лице", not a person', () => {
    expect(target(inThePersonOf, 'Договор подписала [ORG компания «Ромашка»] в лице директора [PER Ивана Петрова].', 0)).toBe('компания «Ромашка»');
    expect(target(inThePersonOf, 'Договор подписал [PER Сергей Сидоров] в лице директора [PER Ивана Петрова].', 0)).toBeUndefined();
    expect(target(inThePersonOf, 'Договор подписала [ORG компания «Ромашка»] и директор [PER Иван Петров].', 0)).toBeUndefined();
  });

  it('state-noun: the country named last, else none (not an organisation named before)', () => {
    expect(target(stateNoun, '[LOC/country Франция|loc:france] ответила. Президент страны [PER Жан Дюпон] заявил о мире.', 1)).toBe('Франция');
    expect(target(stateNoun, '[ORG «Ромашка»] ответила. Президент страны [PER Жан Дюпон] заявил о мире.', 1)).toBeNull();
    expect(target(stateNoun, 'Президент [ORG «Ромашки»] [PER Жан Дюпон] заявил о мире.', 0)).toBeUndefined();
  });

  it('town-noun: the place (not a country) named shortly before', () => {
    expect(target(townNoun, 'В [LOC/city Самаре|loc:samara] прошёл форум. Мэр города [PER Иван Петров] выступил.', 1)).toBe('Самаре');
    expect(target(townNoun, 'Во [LOC/country Франции|loc:france] прошёл форум. Мэр города [PER Иван Петров] выступил.', 1)).toBeNull();
  });

  it('organisation-noun: the organisation named in this sentence or the three before, not a medium', () => {
    expect(target(organisationNoun, '[ORG «Ромашка»] отчиталась. Глава компании [PER Иван Петров] выступил.', 1)).toBe('«Ромашка»');
    expect(target(organisationNoun, '[ORG/media «Вестник»] отчитался. Глава компании [PER Иван Петров] выступил.', 1)).toBeNull();
    expect(target(organisationNoun, '[ORG «Ромашка»] отчиталась. Было тихо. Шёл дождь. Дул ветер. Глава компании [PER Иван Петров] выступил.', 4)).toBeNull();
  });

  it('framed-by-organisation: a sentence opening with "в" and an organisation sets a bare title in it', () => {
    expect(target(framedByOrganisation, 'В [ORG Сенате], где демократы сохранили большинство, спикер [PER Иван Петров] заявил о планах.', 0)).toBe('Сенате');
    // A title with its own target, a place or another organisation between, or no opening preposition: not this rule.
    expect(target(framedByOrganisation, 'В [ORG Сенате] спикер [ORG Палаты] [PER Иван Петров] заявил о планах.', 0)).toBeUndefined();
    expect(target(framedByOrganisation, 'В [ORG Сенате] после визита в [LOC Москву] спикер [PER Иван Петров] заявил о планах.', 0)).toBeUndefined();
    expect(target(framedByOrganisation, '[ORG Сенат] собрался, и спикер [PER Иван Петров] заявил о планах.', 0)).toBeUndefined();
  });

  it('head-of-state-alone: the article\'s main country for a head of state in the nominative', () => {
    const france = '[LOC/country Франция|loc:france] готовится к выборам. Во [LOC/country Франции|loc:france] тепло. ';
    // The country's mention nearest before the title.
    expect(target(headOfStateAlone, france + 'Премьер-министр [PER Жан Дюпон] заявил о мире.', 2)).toBe('Франции');
    // An oblique case often speaks of another country's leader.
    expect(target(headOfStateAlone, france + 'Администрация премьер-министра [PER Жана Дюпона] молчит.', 2)).toBeUndefined();
    // No main country: mentioned once, or not more than all others together.
    expect(target(headOfStateAlone, '[LOC/country Франция|loc:france] ждёт. Премьер-министр [PER Жан Дюпон] заявил о мире.', 1)).toBeUndefined();
    expect(target(headOfStateAlone, france + '[LOC/country Италия|loc:italy] и [LOC/country Испания|loc:spain] молчат. Премьер-министр [PER Жан Дюпон] заявил о мире.', 3)).toBeUndefined();
  });
});

describe('name rules', () => {
  it('name-after-title: the name right after the tail, over a comma or a prepositional phrase after an organisation', () => {
    expect(name(nameAfterTitle, 'Вчера начальник [ORG Департамента полиции] [PER Иван Петров] уехал.')).toBe('Иван Петров');
    expect(name(nameAfterTitle, 'Вчера спикер [ORG палаты представителей], [PER Иван Петров], уехал.')).toBe('Иван Петров');
    expect(name(nameAfterTitle, 'Вчера представитель [ORG Следственного комитета] при прокуратуре [PER Иван Петров] уехал.')).toBe('Иван Петров');
    expect(name(nameAfterTitle, 'Вчера начальник [ORG Департамента полиции] уехал к [PER Ивану Петрову].')).toBeUndefined();
  });

  it('name-after-title: in a list the name before the title holds, not the next one after a comma', () => {
    const text = 'Вчера [PER Иван Петров] — директор [ORG «Ромашки»], [PER Сергей Сидоров] — директор [ORG «Лютика»].';
    const ctx = ctxOf(text);
    expect(nameAfterTitle(ctx, chainOf(ctx))).toBeUndefined();
    expect(holds(text)).toEqual([
      ['Иван Петров', '«Ромашки»', 'директор'],
      ['Сергей Сидоров', '«Лютика»', 'директор'],
    ]);
  });

  it('name-before-title: a name, then a comma, dash or bracket, then the title', () => {
    expect(name(nameBeforeTitle, 'Вчера [PER Иван Петров], начальник [ORG Департамента полиции], уехал.')).toBe('Иван Петров');
    expect(name(nameBeforeTitle, 'Вчера [PER Иван Петров] (начальник [ORG Департамента полиции]) уехал.')).toBe('Иван Петров');
    expect(name(nameBeforeTitle, 'Вчера [PER Иван Петров] встретил начальника [ORG Департамента полиции].')).toBeUndefined();
  });

  it('name-before-title: over a description joined to the title by "и", so a name after the next comma does not take it', () => {
    expect(name(nameBeforeTitle, 'Пришли [PER Иван Петров] — политик и лидер партии «[ORG Заря]», [PER Пётр Сидоров] — директор.')).toBe('Иван Петров');
    expect(holds('Пришли [PER Иван Петров] — политик и лидер партии «[ORG Заря]», [PER Пётр Сидоров] — директор компании «[ORG Ромашка]».')).toEqual([
      ['Иван Петров', 'Заря', 'лидер'],
      ['Пётр Сидоров', 'Ромашка', 'директор'],
    ]);
    // A capitalised word or a mention between is no description.
    expect(name(nameBeforeTitle, 'Вчера [PER Иван Петров] встретил Марию и лидера партии «[ORG Заря]».')).toBeUndefined();
  });

  it('appointed-to-title: the name before an appointment or copular verb', () => {
    expect(name(appointedToTitle, '[PER Иван Петров] назначен начальником [ORG Департамента полиции].')).toBe('Иван Петров');
    expect(name(appointedToTitle, '[PER Иван Петров] назначен на должность начальника [ORG Департамента полиции].')).toBe('Иван Петров');
    expect(name(appointedToTitle, '[PER Иван Петров] стал министром финансов [LOC/country Франции|loc:france].')).toBe('Иван Петров');
    expect(name(appointedToTitle, '[PER Иван Петров] поговорил с начальником [ORG Департамента полиции].')).toBeUndefined();
    expect(holds('[PER Иван Петров] назначен на должность начальника [ORG Департамента полиции].')).toEqual([['Иван Петров', 'Департамента полиции', 'начальник']]);
  });

  it('subject-of-previous-sentence: a titled subject opening a sentence with no name', () => {
    const text = 'Сенатор [PER Иван Петров] прибыл в [LOC Самару]. Председатель [ORG Комитета по обороне] провёл встречу.';
    expect(name(subjectOfPreviousSentence, text, 1)).toBe('Иван Петров');
    expect(holds(text)).toEqual([['Иван Петров', 'Комитета по обороне', 'председатель']]);
    // A new paragraph, a title not opening the sentence, or no organisation after it: not the same subject.
    expect(name(subjectOfPreviousSentence, 'Сенатор [PER Иван Петров] прибыл в [LOC Самару].\nПредседатель [ORG Комитета по обороне] провёл встречу.', 1)).toBeUndefined();
    expect(name(subjectOfPreviousSentence, 'Сенатор [PER Иван Петров] прибыл в [LOC Самару]. Вчера председатель [ORG Комитета по обороне] провёл встречу.', 1)).toBeUndefined();
    expect(name(subjectOfPreviousSentence, 'Сенатор [PER Иван Петров] прибыл в [LOC Самару]. Председатель провёл встречу.', 1)).toBeUndefined();
  });

  it('named-in-next-sentence: a full name opening the next sentence introduces the last title', () => {
    const text = 'Вчера президент [ORG компании «Ромашка»] заявил о сделке. [PER Иван Петров] подчеркнул, что она выгодна.';
    expect(name(namedInNextSentence, text)).toBe('Иван Петров');
    expect(holds(text)).toEqual([['Иван Петров', 'компании «Ромашка»', 'президент']]);
  });

  it('named-in-next-sentence: not a name with a title of its own, a single word, a name inside the sentence, or a title someone held already', () => {
    expect(name(namedInNextSentence, 'Вчера президент [ORG компании «Ромашка»] заявил о сделке. Позже [PER Иван Петров] подчеркнул, что она выгодна.')).toBeUndefined();
    expect(name(namedInNextSentence, 'Вчера президент [ORG компании «Ромашка»] заявил о сделке. [PER Иван Петров] — директор [ORG «Лютика»].')).toBeUndefined();
    expect(name(namedInNextSentence, 'Вчера президент [ORG компании «Ромашка»] заявил о сделке. [PER Петров] подчеркнул, что она выгодна.')).toBeUndefined();
    const held = 'Президент [ORG компании «Ромашка»] [PER Сергей Сидоров] приехал. Вчера президент [ORG компании «Ромашка»] заявил о сделке. [PER Иван Петров] подчеркнул, что она выгодна.';
    expect(holds(held)).toEqual([['Сергей Сидоров', 'компании «Ромашка»', 'президент']]);
    const ctx = ctxOf(held, 1);
    const found = findHoldsPositions(marked(held, lex));
    expect(namedInNextSentence(ctx, chainOf(ctx, 'президент', found))).toBeUndefined();
    expect(namedInNextSentence(ctx, chainOf(ctx, 'президент', []))?.norm).toBe('Иван Петров');
  });

  it('organisation-in-brackets after a name next to a title with no target', () => {
    const text = 'Вчера архиепископ [PER Лонгин Клинский] ([ORG РПЦ МП]) заявил о мире.';
    const ctx = ctxOf(text);
    const chain = chainOf(ctx);
    expect(organisationAfterName(ctx, chain, nameAfterTitle(ctx, chain)!)?.norm).toBe('РПЦ МП');
    expect(holds(text)).toEqual([['Лонгин Клинский', 'РПЦ МП', 'архиепископ']]);
    // Not when the title has a target already.
    expect(holds('Вчера архиепископ [ORG Самарской епархии] [PER Лонгин Клинский] ([ORG РПЦ МП]) заявил о мире.')).toEqual([['Лонгин Клинский', 'Самарской епархии', 'архиепископ']]);
  });
});
