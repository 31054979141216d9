/**
 * Russian events (src/extract/ru/events.ts) on invented sentences, and the seed article end to
 * end: what a reader of the event list would notice (subtype, trigger, who did what to whom,
 * dates resolved against the article date, negated and planned actions left out).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventIndicesValid, plausibleDate, weekdayOnOrBefore, monthOnOrBefore } from '../../src/extract/events/core';
import type { ExtractedEvent, ExtractionResult } from '../../src/model/extraction';
import type { Extractor } from '../../src/extract/index';
import { PROJECT_ROOT } from '../../src/node/resources';
import { extractor } from './helpers';

let ex: Extractor;
beforeAll(async () => {
  ex = await extractor();
}, 60_000);

const run = (text: string, referenceDate?: string) => ex.extract(text, referenceDate ? { referenceDate } : {});

/** The events as a reader sees them: role -> texts, with the entity each argument names. */
function view(r: ExtractionResult, e: ExtractedEvent) {
  const roles: Record<string, string[]> = {};
  for (const a of e.arguments) (roles[a.role] ??= []).push(a.text);
  return { subtype: e.subtype, trigger: e.trigger.text, roles, date: e.date };
}
const ofType = (r: ExtractionResult, subtype: string) => (r.events ?? []).filter((e) => e.subtype === subtype);

describe('Russian events on invented sentences', () => {
  it('a detention and a seizure with their agent, patient, place and drug with its quantity', () => {
    const r = run('Сотрудники ФСБ задержали в Новосибирске Игоря Семенова и изъяли у него 1,5 кг героина.');
    const [detention] = ofType(r, 'detention');
    expect(view(r, detention!)).toMatchObject({ trigger: 'задержали', roles: { agent: ['ФСБ'], patient: ['Игоря Семенова'], place: ['Новосибирске'] } });
    const [seizure] = ofType(r, 'seizure');
    expect(view(r, seizure!)).toMatchObject({ trigger: 'изъяли', roles: { agent: ['ФСБ'], object: ['героина'] } });
    const object = seizure!.arguments.find((a) => a.role === 'object')!;
    expect(r.entities[object.entity!]!.type).toBe('DRUG');
    expect(r.entities[object.quantity!]!.text).toBe('1,5 кг');
    expect(eventIndicesValid(r.events!, r.entities)).toBe(true);
  });

  it('skips negated and planned actions', () => {
    expect(run('В сентябре 2019 года полиция Алматы не задержала подозреваемых.').events).toEqual([]);
    expect(run('Власти планируют заблокировать Telegram-канал, через который продавали мефедрон.').events).toEqual([]);
    expect(ofType(run('Подозреваемые будут арестованы в ближайшие дни.'), 'arrest')).toEqual([]);
  });

  it('a sentence with its term, and no date taken from the term', () => {
    const r = run('Суд приговорил Андрея Ковалева к 8 годам лишения свободы.');
    const [sentence] = ofType(r, 'sentence');
    expect(view(r, sentence!)).toEqual({ subtype: 'sentence', trigger: 'приговорил', roles: { patient: ['Андрея Ковалева'], term: ['8 годам лишения свободы'] }, date: undefined });
    expect(sentence!.arguments.find((a) => a.role === 'term')!.entity).toBeUndefined();
  });

  it('resolves "в апреле этого года" against the article date, and a weekday to the day before publication', () => {
    const r = run('В апреле этого года МВД Казахстана сообщило о ликвидации двух ОПГ в Караганде.', '2021-06-18');
    const [statement] = ofType(r, 'statement');
    expect(view(r, statement!)).toMatchObject({ trigger: 'сообщило', roles: { agent: ['МВД Казахстана'] }, date: '2021-04' });
    const [raid] = ofType(r, 'raid');
    expect(view(r, raid!)).toMatchObject({ trigger: 'ликвидации', roles: { agent: ['МВД Казахстана'], patient: ['ОПГ'], place: ['Караганде'] } });
    // 2021-06-20 is a Sunday: "в пятницу" is 2021-06-18.
    const [detention] = ofType(run('В пятницу в Самаре был задержан мужчина.', '2021-06-20'), 'detention');
    expect(detention!.date).toBe('2021-06-18');
    expect(detention!.arguments.find((a) => a.role === 'patient')).toMatchObject({ text: 'мужчина' });
  });

  it('a relative date with no article date gives no date; a future or ancient date is dropped, the event kept', () => {
    const [statement] = ofType(run('В апреле этого года МВД Казахстана сообщило о рейде.'), 'statement');
    expect(statement!.date).toBeUndefined();
    const [raid] = ofType(run('В 2035 году МВД Казахстана ликвидировало лабораторию.', '2021-06-18'), 'raid');
    expect(raid).toBeDefined();
    expect(raid!.date).toBeUndefined();
  });

  it('invents no participant: a passive with nobody named has only its trigger and what is named', () => {
    const r = run('В Самаре была ликвидирована нарколаборатория.');
    const [raid] = ofType(r, 'raid');
    expect(raid!.trigger.text).toBe('ликвидирована');
    expect(raid!.arguments.filter((a) => a.role === 'agent')).toEqual([]);
  });

  it('blocking, a case opened, a request to an agency and cooperation', () => {
    const r = run('Роскомнадзор заблокировал сайт, на котором продавали кокаин. Следственный комитет возбудил уголовное дело.');
    expect(view(r, ofType(r, 'blocking')[0]!)).toMatchObject({ trigger: 'заблокировал', roles: { agent: ['Роскомнадзор'], instrument: ['сайт'] } });
    expect(view(r, ofType(r, 'charge')[0]!)).toMatchObject({ trigger: 'возбудил уголовное дело', roles: { agent: ['Следственный комитет'] } });
    const q = run('Министр внутренних дел Ерлан Тургумбаев заявил на брифинге, что в МВД России направлен запрос. Совместно с Интерполом МВД провело операцию.');
    expect(view(q, ofType(q, 'request')[0]!)).toMatchObject({ trigger: 'направлен запрос', roles: { patient: ['МВД России'] } });
    expect(view(q, ofType(q, 'cooperation')[0]!).roles.agent).toEqual(['Интерполом', 'МВД']);
    expect(view(q, ofType(q, 'statement')[0]!)).toMatchObject({ trigger: 'заявил', roles: { agent: ['Ерлан Тургумбаев'] } });
  });

  it('a statement needs an official or an agency: a passer-by saying something is none', () => {
    expect(ofType(run('Местный житель Иван Кузнецов сообщил соседям, что видел пожар.'), 'statement')).toEqual([]);
  });

  it('keeps the quantity adjacent to the drug when another is stated after it', () => {
    const r = run('Полицейские Казахстана изъяли 2 кг героина общим весом 3 кг.');
    const object = ofType(r, 'seizure')[0]!.arguments.find((a) => a.role === 'object')!;
    expect(r.entities[object.quantity!]!.text).toBe('2 кг');
  });
});

describe('event dates (events/core.ts)', () => {
  it('checks plausibility against the article date at the stated precision', () => {
    expect(plausibleDate('2019-11', '2019-11-01')).toBe('2019-11');
    expect(plausibleDate('2019-12', '2019-11-01')).toBeUndefined();
    expect(plausibleDate('1899', '2019-11-01')).toBeUndefined();
    expect(plausibleDate('2019-04', undefined)).toBe('2019-04');
    expect(weekdayOnOrBefore(5, '2019-11-02')).toBe('2019-11-01');
    expect(weekdayOnOrBefore(5, undefined)).toBeUndefined();
    expect(monthOnOrBefore(12, '2019-11-01')).toBe('2018-12');
  });
});

describe('the seed article', () => {
  const SEED = readFileSync(join(PROJECT_ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt'), 'utf8');
  let r: ExtractionResult;
  beforeAll(() => {
    r = run(SEED);
  });
  const entityOf = (e: ExtractedEvent, role: string) => e.arguments.filter((a) => a.role === role && a.entity !== undefined).map((a) => r.entities[a.entity!]!);

  it('has valid indices', () => {
    expect(eventIndicesValid(r.events!, r.entities)).toBe(true);
  });

  it('the liquidation of five ОПГ is a raid by the department', () => {
    const raid = ofType(r, 'raid').find((e) => e.trigger.text === 'Ликвидирована')!;
    expect(entityOf(raid, 'agent').map((m) => m.norm)).toEqual([expect.stringMatching(/^Департамент по противодействию наркопреступности$/i)]);
    expect(entityOf(raid, 'patient').map((m) => m.text)).toEqual(['ОПГ']);
  });

  it('seizures of героин, гашиш and синтетические наркотики, each with its quantity', () => {
    const objects = ofType(r, 'seizure').flatMap((e) => e.arguments.filter((a) => a.role === 'object'));
    for (const [drug, quantity] of [
      ['героина', '19 килограммов'],
      ['гашиша', '370 килограммов'],
      ['синтетических наркотиков', '9 килограммов'],
    ]) {
      const o = objects.find((a) => a.text === drug);
      expect(o, drug).toBeDefined();
      expect(r.entities[o!.quantity!]!.text).toBe(quantity);
    }
  });

  it('blocking of the sites, a request to МВД России, and Токаев\'s statement of April 2019', () => {
    const blocking = ofType(r, 'blocking');
    expect(blocking.some((e) => entityOf(e, 'instrument').some((m) => m.type === 'CHANNEL' && m.text === 'сайтов'))).toBe(true);
    const request = ofType(r, 'request')[0]!;
    expect(entityOf(request, 'patient').map((m) => m.text)).toEqual(['МВД России']);
    const statement = ofType(r, 'statement').find((e) => e.date === '2019-04')!;
    expect(statement.trigger.text).toBe('заявил');
    expect(entityOf(statement, 'agent').map((m) => m.norm)).toEqual(['Касым-Жомарт Токаев']);
  });
});

describe('Russian events: who speaks and who is acted on', () => {
  it('a person after "с" in a statement is no speaker, but a partner of cooperation; a group noun with its complement is one patient', () => {
    const r = run('Президент Казахстана Касым-Жомарт Токаев заявил о сотрудничестве с Виктором Януковичем.');
    expect(ofType(r, 'statement').map((e) => view(r, e).roles.agent)).toEqual([['Касым-Жомарт Токаев']]);
    expect(view(r, ofType(r, 'cooperation')[0]!).roles.agent).toContain('Виктором Януковичем');
    const g = run('Лидер группировки был арестован в Омске.');
    expect(view(g, ofType(g, 'arrest')[0]!).roles).toEqual({ patient: ['Лидер группировки'], place: ['Омске'] });
  });

  it('a participle naming people is no event; a duration is no date', () => {
    expect(run('Родственники задержанных пришли к зданию суда.').events).toEqual([]);
    const [e] = ofType(run('Подозреваемого задерживали два дня назад в Омске.'), 'detention');
    expect(e!.arguments.filter((a) => a.role === 'date')).toEqual([]);
  });
});

describe('events under the factru projection', () => {
  it('an argument naming a narrowed mention takes its narrowed span; indices stay', async () => {
    const { loadConventionLexicon, projectEvents, projectMentions } = await import('../../src/extract/conventions');
    const { nodeResources } = await import('../../src/node/resources');
    const text = 'В МВД России направлены запросы.';
    const r = run(text);
    const entities = projectMentions(text, r.entities, 'factru', await loadConventionLexicon(nodeResources()));
    const events = projectEvents(r.events, r.entities, entities)!;
    const patient = events[0]!.arguments.find((a) => a.role === 'patient')!;
    expect(patient.text).toBe('МВД');
    expect(entities[patient.entity!]!.text).toBe('МВД');
    expect(text.slice(patient.start, patient.end)).toBe('МВД');
  });
});
