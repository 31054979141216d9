/**
 * Each relation rule of src/extract/ru/relations.ts alone, on invented sentences whose
 * mentions are marked by hand (rule-context.ts): what the rule finds, and what it must not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adjacentMentions,
  cooperatesWith,
  distributedVia,
  findRelations,
  holdsPosition,
  RELATION_RULES,
  relationContexts,
  requestSentTo,
  seized,
  statedAtEvent,
  type FoundRelation,
  type RelationContext,
} from '../../src/extract/ru/relations';
import { marked, ruleLexicons } from './rule-context';

let lex: Awaited<ReturnType<typeof ruleLexicons>>;
beforeAll(async () => {
  lex = await ruleLexicons();
});

/** The context of sentence `si` of a marked text. */
function ctxOf(text: string, si = 0): RelationContext {
  const all = [...relationContexts(marked(text, lex))];
  if (!all[si]) throw new Error(`no sentence ${si}: ${all.length} sentences`);
  return all[si]!;
}

const shown = (found: readonly FoundRelation[]) => found.map((r) => [r.type, r.source.norm, r.target.norm, ...(r.props ? [r.props] : [])]);
const run = (rule: (ctx: RelationContext) => FoundRelation[], text: string, si = 0) => shown(rule(ctxOf(text, si)));

describe('the rule list', () => {
  it('runs in a fixed order under its names', () => {
    expect(RELATION_RULES.map((r) => r.name)).toEqual(['holds-position', 'adjacent-mentions', 'stated-at-event', 'request-sent-to', 'cooperates-with', 'seized', 'distributed-via']);
  });
});

describe('relationContexts', () => {
  it('keeps the speaker for two more sentences, with the organisation of their title', () => {
    const text = 'Начальник [ORG ГУВД] [PER Иван Петров] сообщил о деле. Было тихо. Шёл дождь. Дул ветер.';
    const ctxs = [...relationContexts(marked(text, lex))];
    expect(ctxs.map((c) => c.speaker?.norm)).toEqual(['Иван Петров', 'Иван Петров', 'Иван Петров', undefined]);
    expect(ctxs.map((c) => c.speakerOrg?.norm)).toEqual(['ГУВД', 'ГУВД', 'ГУВД', undefined]);
  });

  it('finds the speaker of "по словам X" and of a quoted paragraph', () => {
    expect(ctxOf('По словам [PER Ивана Петрова], всё спокойно.').speaker?.norm).toBe('Ивана Петрова');
    expect(ctxOf('Всё спокойно. «Мы работаем», — сообщил [PER Иван Петров].').speaker?.norm).toBe('Иван Петров');
    expect(ctxOf('[PER Иван Петров] приехал в город.').speaker).toBeUndefined();
  });

  it('keeps the government agency named last for five sentences', () => {
    const text = '[ORG/government_agency МВД] провело рейд. Было тихо. Шёл дождь. Дул ветер. Пели птицы. Светило солнце. Наступил вечер.';
    const ctxs = [...relationContexts(marked(text, lex))];
    expect(ctxs.map((c) => c.recentAgency?.norm)).toEqual([undefined, 'МВД', 'МВД', 'МВД', 'МВД', 'МВД', undefined]);
  });
});

describe('holds-position', () => {
  it('gives HOLDS_POSITION with the title', () => {
    expect(run(holdsPosition, 'Начальник [ORG Департамента полиции] [PER Иван Петров] уехал.')).toEqual([['HOLDS_POSITION', 'Иван Петров', 'Департамента полиции', { position: 'начальник' }]]);
    expect(run(holdsPosition, '[PER Иван Петров] посетил [ORG Департамент полиции].')).toEqual([]);
  });
});

describe('adjacent-mentions', () => {
  it('an organisation of two words or more right before another is part of it', () => {
    expect(run(adjacentMentions, 'Вчера [ORG Департамент полиции] [ORG МВД] сообщил о деле.')).toEqual([['PART_OF', 'Департамент полиции', 'МВД']]);
    expect(run(adjacentMentions, 'Вчера [ORG МВД] [ORG ФСБ] сообщили о деле.')).toEqual([]);
    expect(run(adjacentMentions, 'Вчера [ORG Департамент полиции] и [ORG МВД] сообщили о деле.')).toEqual([]);
  });

  it('an organisation "в" a place, and a place, a comma and a country, are located there', () => {
    expect(run(adjacentMentions, 'Вчера [ORG ООО «Ромашка»] в [LOC Самаре] закрылось.')).toEqual([['LOCATED_IN', 'ООО «Ромашка»', 'Самаре']]);
    expect(run(adjacentMentions, 'Вчера в [LOC/city Самаре], [LOC/country Россия], шёл дождь.')).toEqual([['LOCATED_IN', 'Самаре', 'Россия']]);
    expect(run(adjacentMentions, 'Вчера [ORG ООО «Ромашка»] из [LOC Самары] закрылось.')).toEqual([]);
    expect(run(adjacentMentions, 'Вчера [LOC/country Франция], [LOC/country Россия] и другие страны подписали договор.')).toEqual([]);
    expect(run(adjacentMentions, 'Вчера [LOC/city Самара] и [LOC/country Россия] подписали договор.')).toEqual([]);
  });

  it('keeps the order of the mentions', () => {
    expect(run(adjacentMentions, 'Вчера [ORG Отдел полиции] [ORG ГУВД] в [LOC Самаре] сообщил о деле.')).toEqual([
      ['PART_OF', 'Отдел полиции', 'ГУВД'],
      ['LOCATED_IN', 'ГУВД', 'Самаре'],
    ]);
  });
});

describe('stated-at-event', () => {
  it('a speaker, an event word and the organisation where it took place', () => {
    expect(run(statedAtEvent, '[PER Иван Петров] сообщил на брифинге в [ORG МВД].')).toEqual([['STATED', 'Иван Петров', 'МВД', { event: 'брифинг' }]]);
  });

  it('needs a speech verb, a person, and the organisation within four words of the event', () => {
    expect(run(statedAtEvent, '[PER Иван Петров] был на брифинге в [ORG МВД].')).toEqual([]);
    expect(run(statedAtEvent, 'Сообщили на брифинге в [ORG МВД].')).toEqual([]);
    expect(run(statedAtEvent, '[PER Иван Петров] сообщил на брифинге о делах, которые ведёт [ORG МВД].')).toEqual([]);
  });
});

describe('request-sent-to', () => {
  it('a request and a sending word, and an agency after "в"', () => {
    expect(run(requestSentTo, '[PER Иван Петров] направил запрос в [ORG МВД].')).toEqual([['SENT_REQUEST_TO', 'Иван Петров', 'МВД']]);
  });

  it('sent by the speaker\'s organisation when the speaker sends it', () => {
    const text = 'Начальник [ORG ГУВД] [PER Иван Петров] сообщил о деле. В [ORG ФСБ] направлены запросы.';
    expect(run(requestSentTo, text, 1)).toEqual([['SENT_REQUEST_TO', 'ГУВД', 'ФСБ']]);
  });

  it('not without a request word, nor to an organisation not after "в"', () => {
    expect(run(requestSentTo, '[PER Иван Петров] направил документы в [ORG МВД].')).toEqual([]);
    expect(run(requestSentTo, '[PER Иван Петров] направил запрос, [ORG МВД] ответило.')).toEqual([]);
    expect(run(requestSentTo, 'В [ORG МВД] направлены запросы.')).toEqual([]);
  });
});

describe('cooperates-with', () => {
  it('"совместно с" an organisation, with another agency of the sentence', () => {
    expect(run(cooperatesWith, '[ORG МВД] совместно с [ORG ФСБ] задержало курьера.')).toEqual([['COOPERATES_WITH', 'МВД', 'ФСБ']]);
    expect(run(cooperatesWith, 'Курьера задержали при содействии [ORG ФСБ] сотрудники [ORG МВД].')).toEqual([['COOPERATES_WITH', 'МВД', 'ФСБ']]);
  });

  it('not without "с", not with a person, not with the organisation alone', () => {
    expect(run(cooperatesWith, '[ORG МВД] вместе [ORG ФСБ] задержали курьера.')).toEqual([]);
    expect(run(cooperatesWith, '[ORG МВД] совместно с [PER Иваном Петровым] задержало курьера.')).toEqual([]);
    expect(run(cooperatesWith, 'Совместно с [ORG ФСБ] задержан курьер.')).toEqual([]);
  });
});

describe('seized', () => {
  it('the agency, every drug, and the quantity right before it', () => {
    expect(run(seized, 'Сотрудники [ORG МВД] изъяли [QTY 5 кг] [DRUG героина] и [DRUG гашиш].')).toEqual([
      ['SEIZED', 'МВД', 'героина', { quantity: '5 кг' }],
      ['SEIZED', 'МВД', 'гашиш'],
    ]);
  });

  it('an agency named in the five sentences before, not a medium, not without a seizure word', () => {
    expect(run(seized, '[ORG МВД] провело рейд. Изъято [DRUG героин].', 1)).toEqual([['SEIZED', 'МВД', 'героин']]);
    expect(run(seized, '[ORG МВД] провело рейд. Было тихо. Шёл дождь. Дул ветер. Пели птицы. Светило солнце. Изъято [DRUG героин].', 6)).toEqual([]);
    expect(run(seized, 'Как пишет [ORG/media «Вестник»], изъят [DRUG героин].')).toEqual([]);
    expect(run(seized, 'Сотрудники [ORG МВД] нашли [DRUG героин] в лесу и продали.')).toEqual([]);
  });
});

describe('distributed-via', () => {
  it('a selling word, every drug with every channel', () => {
    expect(run(distributedVia, '[DRUG Мефедрон] продавали через [CHAN Telegram].')).toEqual([['DISTRIBUTED_VIA', 'Мефедрон', 'Telegram']]);
    expect(run(distributedVia, '[DRUG Мефедрон] обсуждали в [CHAN Telegram].')).toEqual([]);
  });
});

describe('findRelations', () => {
  it('numbers what the rules find by mention, with the sentence as evidence, in rule order', () => {
    const input = marked('Вчера [ORG Департамент полиции] [ORG МВД] сообщил о деле. Начальник [ORG Департамента полиции] [PER Иван Петров] уехал.', lex);
    const rels = findRelations(input);
    const s1 = input.sentences[1]!;
    expect(rels).toEqual([
      { type: 'PART_OF', source: 0, target: 1, evidence: [input.sentences[0]!.start, input.sentences[0]!.end] },
      { type: 'HOLDS_POSITION', source: 3, target: 2, evidence: [s1.start, s1.end], props: { position: 'начальник' } },
    ]);
  });
});
