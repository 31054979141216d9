/**
 * The Russian extractor's third pass, on sentences written for these tests: organisation
 * phrases that stop where the name stops, model designations that are not organisations,
 * the weakest organisation rule left to the rules-only pipeline, place heads ("реки X",
 * "город X"), new organisation heads and media, and a place before a person's name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import { byText, extractor, norms, rulesExtractor } from './helpers';

let rules: Extractor;
let full: Extractor;
beforeAll(async () => {
  rules = await rulesExtractor();
  full = await extractor();
}, 60_000);

const orgTexts = (ex: Extractor, text: string): string[] => ex.extract(text).entities.filter((e) => e.type === 'ORGANIZATION').map((e) => e.text);

describe('organisation phrases by rule', () => {
  it('do not swallow a conjunction, a preposition or a verb after the head', () => {
    for (const ex of [rules, full]) {
      for (const t of orgTexts(ex, 'Демонстранты столкнулись с полицией и военными, а Лондонская полиция в своём блоге сообщила об арестах.')) {
        expect(t).not.toMatch(/ и$| в$/);
      }
      for (const t of orgTexts(ex, 'Утром автобусы с милицией стали подъезжать к площади.')) expect(t).not.toMatch(/стали/);
    }
  });

  it('a lower-case "парламент страны" or "администрация президента" is a description, not a name', () => {
    expect(orgTexts(rules, 'Партия победила на выборах в парламент страны, но администрация президента не признала итоги.')).toEqual([]);
  });

  it('a spacecraft or aircraft designation is not an organisation', () => {
    for (const ex of [rules, full]) {
      const r = ex.extract('Экипаж вернулся на корабле «Союз ТМА-14», а груз доставил самолёт Ил-76.');
      expect(byText(r, 'ТМА-14').filter((e) => e.type === 'ORGANIZATION')).toEqual([]);
      expect(byText(r, 'Ил-76').filter((e) => e.type === 'ORGANIZATION')).toEqual([]);
    }
  });

  it('a government head alone is not kept when a place takes its tail', () => {
    const r = full.extract('На прошлой неделе Правительство Норвегии объявило о новых мерах.');
    expect(norms(r, 'ORGANIZATION')).not.toContain('Правительство');
  });
});
