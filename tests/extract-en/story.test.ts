/**
 * The English articles about the same events as the Russian seed: people, agencies,
 * places, drugs, channels, values and relations, with the refs that link them to the
 * Russian mentions of the same things.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../src/model/extraction';
import { byNorm, englishExtractor, expectWellFormed, readArticle, relationsOf } from './helpers';

describe('English article on the Kazakhstan drug-gang story', () => {
  let text: string;
  let result: ExtractionResult;
  beforeAll(async () => {
    text = readArticle('en-kazakhstan-drug-gangs-dismantled.md');
    result = (await englishExtractor()).extract(text);
  });

  it('returns English, well-formed offsets and sentences', () => {
    expect(result.lang).toBe('en');
    expect(expectWellFormed(text, result)).toEqual([]);
    expect(result.sentences.length).toBeGreaterThanOrEqual(12);
  });

  it('finds the people by full name, also where only the surname is written', () => {
    const people = new Set(result.entities.filter((e) => e.type === 'PERSON').map((e) => e.norm));
    expect(people).toContain('Tlegen Matkenov');
    expect(people).toContain('Kassym-Jomart Tokayev');
    const surnameOnly = result.entities.filter((e) => e.type === 'PERSON' && e.text === 'Matkenov');
    expect(surnameOnly.length).toBeGreaterThanOrEqual(3);
    expect(surnameOnly.every((e) => e.norm === 'Tlegen Matkenov')).toBe(true);
    expect(result.entities.find((e) => e.text === 'Tokayev')?.norm).toBe('Kassym-Jomart Tokayev');
    // Titles and months are not people.
    expect(people).not.toContain('President');
    expect(people).not.toContain('April');
  });

  it("keeps Kazakhstan's and Russia's interior ministries apart, both linked to the shared agency id", () => {
    const kz = result.entities.filter((e) => e.ref === 'org:mvd@loc:kazakhstan');
    const ru = result.entities.filter((e) => e.ref === 'org:mvd@loc:russia');
    expect(kz.length).toBeGreaterThanOrEqual(1);
    expect(ru.length).toBe(1);
    expect(kz[0]!.text).toBe('Interior Ministry');
    expect(kz[0]!.norm).toBe('Interior Ministry of Kazakhstan');
    expect(ru[0]!.norm).toBe('Interior Ministry of Russia');
    expect(kz[0]!.subtype).toBe('government_agency');
    expect(byNorm(result, 'Finance Ministry')[0]?.ref).toBe('org:minfin');
  });

  it('finds the anti-drug department, the criminal groups and strips possessives from places', () => {
    const dept = byNorm(result, 'Department for Combating Drug Crime');
    expect(dept).toHaveLength(1);
    expect(dept[0]!.type).toBe('ORGANIZATION');
    const groups = result.entities.find((e) => e.text === 'organised criminal groups');
    expect(groups?.type).toBe('ORGANIZATION');
    expect(groups?.subtype).toBe('criminal_group');
    const kazakhstan = result.entities.find((e) => e.text === 'Kazakhstan' && text.slice(e.end, e.end + 2) === "'s");
    expect(kazakhstan?.type).toBe('LOCATION');
    expect(kazakhstan?.norm).toBe('Kazakhstan');
    expect(kazakhstan?.ref).toBe('loc:kazakhstan');
    expect(result.entities.some((e) => e.ref === 'loc:russia' && e.norm === 'Russia')).toBe(true);
  });

  it('finds drugs and channels in any inflection, with the refs the Russian lexicons use', () => {
    const refs = new Set(result.entities.map((e) => e.ref));
    for (const ref of ['drug:heroin', 'drug:hashish', 'drug:synthetic', 'channel:telegram', 'channel:website', 'channel:qr-code', 'channel:online-shop', 'channel:payment-system', 'channel:phone', 'channel:internet']) {
      expect(refs, ref).toContain(ref);
    }
    expect(result.entities.find((e) => e.text === 'QR codes')?.norm).toBe('QR code');
    expect(result.entities.find((e) => e.text === 'websites')?.type).toBe('CHANNEL');
    expect(result.entities.find((e) => e.text === 'Telegram chats')?.norm).toBe('Telegram');
  });

  it('parses quantities, money and the reporting period', () => {
    const values = result.entities.filter((e) => e.value).map((e) => e.value);
    expect(values).toContainEqual({ kind: 'quantity', amount: 19.4, unit: 't' });
    expect(values).toContainEqual({ kind: 'quantity', amount: 370, unit: 'kg' });
    expect(values).toContainEqual({ kind: 'quantity', amount: 1878, unit: 'crime' });
    expect(values).toContainEqual({ kind: 'money', amount: 80_000_000, currency: 'KZT', comparator: '>' });
    expect(values).toContainEqual({ kind: 'money', amount: 206_000, currency: 'USD' });
    expect(values).toContainEqual({ kind: 'date', period: { amount: 10, unit: 'month', year: 2019 } });
  });

  it('links Matkenov to his department, the department to the ministry, and the request to Russia', () => {
    const holds = relationsOf(result, 'HOLDS_POSITION');
    const matkenov = holds.find((r) => r.source.norm === 'Tlegen Matkenov');
    expect(matkenov?.target.norm).toBe('Department for Combating Drug Crime');
    expect(matkenov?.props?.position).toBe('head');
    const partOf = relationsOf(result, 'PART_OF').map((r) => [r.source.norm, r.target.norm]);
    expect(partOf).toContainEqual(['Department for Combating Drug Crime', 'Interior Ministry of Kazakhstan']);
    const requests = relationsOf(result, 'SENT_REQUEST_TO').map((r) => r.target.ref);
    expect(requests).toContain('org:mvd@loc:russia');
    const via = relationsOf(result, 'DISTRIBUTED_VIA').map((r) => [r.source.ref, r.target.ref]);
    expect(via).toContainEqual(['drug:synthetic', 'channel:telegram']);
    // Evidence is the sentence that says it.
    const evidence = result.relations.find((r) => r.type === 'HOLDS_POSITION')!.evidence;
    expect(text.slice(evidence[0], evidence[1])).toMatch(/^Tlegen Matkenov, head of .*2019\.$/);
  });
});

describe('English article on an Almaty Telegram drug shop', () => {
  let result: ExtractionResult;
  beforeAll(async () => {
    result = (await englishExtractor()).extract(readArticle('en-almaty-telegram-shop-raid.md'));
  });

  it('names the police department by its city, with its deputy chief and its seizures', () => {
    const holds = relationsOf(result, 'HOLDS_POSITION').map((r) => [r.source.norm, r.target.norm, r.props?.position]);
    expect(holds).toContainEqual(['Yerlan Abdrakhmanov', 'Almaty police department', 'deputy chief']);
    expect(holds).toContainEqual(['Nurlan Bekov', 'National Security Committee', 'spokesman']);
    const seized = relationsOf(result, 'SEIZED').map((r) => [r.source.norm, r.target.ref, r.props?.quantity]);
    expect(seized).toContainEqual(['Almaty police department', 'drug:mephedrone', '4.5 kg']);
    expect(seized).toContainEqual(['Almaty police department', 'drug:spice', '> 2000 dose']);
  });

  it('reads an abbreviation and the full name of an agency as the same agency', () => {
    const knb = result.entities.filter((e) => e.ref === 'org:knb');
    expect(knb.map((e) => e.text).sort()).toEqual(['KNB', 'National Security Committee']);
  });

  it('finds messengers, payment channels and the date of the raid', () => {
    const refs = new Set(result.entities.map((e) => e.ref));
    for (const ref of ['channel:telegram', 'channel:whatsapp', 'channel:cryptocurrency', 'channel:payment-system', 'channel:dead-drop', 'drug:mephedrone', 'drug:spice', 'loc:almaty', 'loc:novosibirsk']) {
      expect(refs, ref).toContain(ref);
    }
    expect(result.entities.find((e) => e.type === 'DATE')?.value).toEqual({ kind: 'date', date: '2019-12-09' });
    // "a 24-year-old citizen" is an age, not a count of citizens.
    expect(result.entities.some((e) => e.type === 'QUANTITY' && e.text.includes('year-old'))).toBe(false);
  });
});
