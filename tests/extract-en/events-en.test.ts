/**
 * English events (src/extract/en/events.ts) on invented sentences: subtype, trigger, roles,
 * dates against the article date, negated and future actions left out, no invented participant.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnglishExtractor } from '../../src/extract/en/index';
import { eventIndicesValid } from '../../src/extract/events/core';
import type { ExtractedEvent, ExtractionResult } from '../../src/model/extraction';
import { englishExtractor } from './helpers';

let ex: EnglishExtractor;
beforeAll(async () => {
  ex = await englishExtractor();
}, 60_000);

const run = (text: string, referenceDate?: string) => ex.extract(text, referenceDate ? { referenceDate } : {});
const ofType = (r: ExtractionResult, subtype: string) => (r.events ?? []).filter((e) => e.subtype === subtype);
function roles(e: ExtractedEvent): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of e.arguments) (out[a.role] ??= []).push(a.text);
  return out;
}

describe('English events on invented sentences', () => {
  it('a detention with its agent, a group as text, its place, and "on Monday" resolved', () => {
    // 2020-03-12 is a Thursday: the Monday before is 2020-03-09.
    const r = run('The Financial Police detained five members of a gang in Shymkent on Monday.', '2020-03-12');
    const [e] = ofType(r, 'detention');
    expect(e!.trigger.text).toBe('detained');
    expect(roles(e!)).toEqual({ agent: ['Financial Police'], patient: ['five members of a gang'], place: ['Shymkent'] });
    expect(e!.arguments.find((a) => a.role === 'patient')!.entity).toBeUndefined();
    expect(e!.date).toBe('2020-03-09');
    expect(eventIndicesValid(r.events!, r.entities)).toBe(true);
  });

  it('a seizure by the agency with the drug and its quantity', () => {
    const r = run('The National Security Committee seized 3 kg of cocaine.');
    const [e] = ofType(r, 'seizure');
    expect(roles(e!)).toEqual({ agent: ['National Security Committee'], object: ['cocaine'] });
    const object = e!.arguments.find((a) => a.role === 'object')!;
    expect(r.entities[object.quantity!]!.text).toBe('3 kg');
  });

  it('skips negated, planned and future actions', () => {
    expect(run('Police in Almaty did not arrest the suspects.').events).toEqual([]);
    expect(run('The agency plans to block the site.').events).toEqual([]);
    expect(ofType(run('John Smith will be sentenced next month.'), 'sentence')).toEqual([]);
  });

  it('a sentence with its term and the person sentenced', () => {
    const [e] = ofType(run('A judge sentenced John Smith to eight years in prison.'), 'sentence');
    expect(e!.trigger.text).toBe('sentenced');
    expect(roles(e!)).toMatchObject({ patient: ['John Smith'], term: ['eight years in prison'] });
  });

  it('cooperation between two agencies; a statement only from an official or an agency', () => {
    expect(roles(ofType(run('Interpol cooperated with the Interior Ministry.'), 'cooperation')[0]!).agent).toEqual(['Interpol', 'Interior Ministry']);
    expect(ofType(run('Local resident Tom Brown said he saw nothing.'), 'statement')).toEqual([]);
    const [s] = ofType(run('The Interior Ministry said on Friday that the lab was closed.', '2020-03-15'), 'statement');
    expect(roles(s!)).toEqual({ agent: ['Interior Ministry'] });
    expect(s!.date).toBe('2020-03-13');
  });

  it('a relative date with no article date gives no date, and nobody is invented', () => {
    const [e] = ofType(run('Two couriers were arrested on Friday.'), 'arrest');
    expect(e!.date).toBeUndefined();
    expect(e!.arguments.filter((a) => a.role === 'agent')).toEqual([]);
  });
});
