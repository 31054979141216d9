/**
 * Nominal mentions (issue 11): a descriptor noun ("министерство", "ведомство", "компания",
 * "президент") joins the named entity of the article it stands for, adding its sentence as
 * evidence; when it fits no entity, or two, it is dropped and never makes an entity of its own.
 * Invented sentences only.
 */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/graph/knowledge-base';
import { extractArticle, parseArticle } from '../../src/ingest';
import type { EntityMention, ExtractionResult } from '../../src/model/extraction';
import { resolveWithinDocument } from '../../src/resolve/within-document';
import { predictedNerSpans } from '../../src/eval/evaluate';
import { extractor } from '../extract/helpers';

async function resolved(text: string): Promise<ExtractionResult> {
  return resolveWithinDocument((await extractor()).extract(text, { lang: 'ru' }));
}

function at(result: ExtractionResult, text: string, word: string, occurrence = 0): EntityMention | undefined {
  let from = 0;
  let start = -1;
  for (let k = 0; k <= occurrence; k++) {
    start = text.indexOf(word, from);
    from = start + 1;
  }
  return result.entities.find((e) => e.start === start && e.end === start + word.length);
}

function entityOf(result: ExtractionResult, norm: string): string | undefined {
  return result.entities.find((e) => !e.nominal && e.norm === norm)?.entity;
}

describe('an organisation descriptor', () => {
  it('joins the organisation whose name has it as a word', async () => {
    const text = 'Министерство финансов Узбекистана опубликовало отчёт о бюджете. Позднее министерство уточнило данные.';
    const r = await resolved(text);
    const nominal = at(r, text, 'министерство');
    expect(nominal).toMatchObject({ type: 'ORGANIZATION', nominal: true, norm: 'министерство' });
    expect(nominal!.entity).toBe(r.entities.find((e) => e.text.startsWith('Министерство финансов'))!.entity);
  });

  it('joins an organisation of its kind in any case form ("в ведомстве" -> the agency)', async () => {
    const text = 'МВД Киргизии сообщило о задержании группы. В ведомстве добавили, что следствие продолжается.';
    const r = await resolved(text);
    const nominal = at(r, text, 'ведомстве');
    expect(nominal).toMatchObject({ nominal: true, norm: 'ведомство' });
    expect(nominal!.entity).toBe(at(r, text, 'МВД Киргизии')?.entity ?? at(r, text, 'МВД')!.entity);
  });

  it('is dropped when two organisations it fits are named in the same sentence', async () => {
    const text = 'Министерство финансов и Министерство юстиции Узбекистана подписали соглашение. Министерство сообщило об этом в пятницу.';
    const r = await resolved(text);
    expect(at(r, text, 'Министерство', 2)).toBeUndefined();
    expect(r.entities.some((e) => e.nominal)).toBe(false);
    // With one ministry named, the same descriptor is resolved.
    const one = 'Министерство юстиции Узбекистана подписало соглашение. Министерство сообщило об этом в пятницу.';
    const r1 = await resolved(one);
    expect(at(r1, one, 'Министерство', 1)).toMatchObject({ nominal: true, entity: at(r1, one, 'Министерство юстиции Узбекистана')!.entity });
  });

  it('prefers an organisation of its kind to a nearer one of unknown kind', async () => {
    const text = 'Сделку с компанией «Восход» обсуждали давно. Об этом пишет блог Zorvex. В компании подтвердили переговоры.';
    const r = await resolved(text);
    const nominal = at(r, text, 'компании');
    expect(nominal).toMatchObject({ nominal: true, norm: 'компания' });
    expect(nominal!.entity).toBe(at(r, text, 'Восход')!.entity);
  });

  it('is not linked to an organisation of another kind, and makes no entity', async () => {
    const text = 'Компания «Восход» открыла новый завод под Самарой. В ведомстве от комментариев отказались.';
    const r = await resolved(text);
    expect(at(r, text, 'ведомстве')).toBeUndefined();
    expect(r.entities.filter((e) => e.nominal)).toEqual([]);
  });

  it('is no descriptor when a word qualifies it ("российская компания", "суд присяжных")', async () => {
    const text = 'Компания «Восход» открыла завод. Российская компания также вынесла дело на суд присяжных.';
    const r = await resolved(text);
    expect(r.entities.filter((e) => e.nominal)).toEqual([]);
  });
});

describe('a person title', () => {
  it('joins the one person the article gave that title', async () => {
    const text = 'Президент Чили Андрес Сальгадо прибыл в Москву с визитом. Президент провёл переговоры в Кремле.';
    const r = await resolved(text);
    const nominal = at(r, text, 'Президент', 1);
    expect(nominal).toMatchObject({ type: 'PERSON', nominal: true, norm: 'президент' });
    expect(nominal!.entity).toBe(entityOf(r, 'Андрес Сальгадо'));
  });

  it('is dropped when two people hold the title', async () => {
    const text = 'Президент Чили Андрес Сальгадо встретился с президентом Перу Мануэлем Рохасом. Президент заявил о новом соглашении.';
    const r = await resolved(text);
    expect(at(r, text, 'Президент', 1)).toBeUndefined();
  });

  it('is no mention of the holder when it names the office ("с поста президента")', async () => {
    const text = 'Президент Чили Андрес Сальгадо прибыл в Москву с визитом. Он не собирается уходить с поста президента.';
    const r = await resolved(text);
    expect(at(r, text, 'президента')).toBeUndefined();
  });

  it('is not linked to a person holding another title', async () => {
    const text = 'Президент Чили Андрес Сальгадо прибыл в Москву с визитом. Губернатор провёл переговоры в Кремле.';
    const r = await resolved(text);
    expect(at(r, text, 'Губернатор')).toBeUndefined();
  });
});

describe('nominal mentions downstream', () => {
  it('are not scored as named-entity spans', async () => {
    const text = 'Министерство финансов Узбекистана опубликовало отчёт о бюджете. Позднее министерство уточнило данные.';
    const r = await resolved(text);
    const nominal = at(r, text, 'министерство')!;
    expect(predictedNerSpans(r).some((s) => s.start === nominal.start)).toBe(false);
  });

  it('add evidence to the named node and never become its label or an alias', async () => {
    const text = 'Министерство финансов Узбекистана опубликовало отчёт о бюджете.\n\nПозднее министерство уточнило данные.';
    const article = parseArticle(text, { file: 'minfin.txt' });
    const extraction = extractArticle(await extractor(), article);
    const kb = new KnowledgeBase();
    kb.addArticle(article, extraction);
    const file = kb.toFile();
    const node = file.graph.nodes.find((n) => n.attributes.evidence.some((ev) => ev.nominal))!;
    expect(node).toBeDefined();
    expect(node.attributes.label).toBe('Министерство финансов Узбекистана');
    expect(node.attributes.aliases.map((a) => a.toLowerCase())).not.toContain('министерство');
    const evidence = node.attributes.evidence.find((ev) => ev.nominal)!;
    expect(evidence.sentence).toBe('Позднее министерство уточнило данные.');
    expect(evidence.text).toBe('министерство');
    expect(file.graph.nodes.filter((n) => n.attributes.label.toLowerCase() === 'министерство')).toEqual([]);
  });
});

describe('a subject pronoun', () => {
  it('joins the one person named in the sentence before, of its gender', async () => {
    const text = 'Глава района Сергей Ковалёв провёл совещание с фермерами. Он пообещал отремонтировать дорогу.';
    const r = await resolved(text);
    expect(at(r, text, 'Он')).toMatchObject({ type: 'PERSON', nominal: true, norm: 'он', entity: entityOf(r, 'Сергей Ковалёв') });
  });

  it('is dropped when the person before is of the other gender', async () => {
    const text = 'Глава района Сергей Ковалёв провёл совещание с фермерами. Она пообещала отремонтировать дорогу.';
    const r = await resolved(text);
    expect(at(r, text, 'Она')).toBeUndefined();
  });

  it('is dropped when two people of its gender are named before', async () => {
    const text = 'Сергей Ковалёв встретился с Андреем Морозовым. Он пообещал отремонтировать дорогу.';
    const r = await resolved(text);
    expect(at(r, text, 'Он')).toBeUndefined();
  });

  it('is dropped after a speaker label, which is no subject', async () => {
    const text = 'Какой была реакция министра? Сергей Ковалёв: Положительная была реакция! Он сказал, что поддержит нас.';
    const r = await resolved(text);
    expect(at(r, text, 'Он')).toBeUndefined();
  });

  it('is dropped when a noun of its gender could be meant instead', async () => {
    const text = 'Сергей Ковалёв сказал, что закон уже готов. Он вступит в силу летом.';
    const r = await resolved(text);
    expect(at(r, text, 'Он')).toBeUndefined();
  });
});
