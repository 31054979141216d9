/**
 * The seed article end to end: every entity DESIGN.md lists for it, with its type and
 * canonical form, the facts with values, and the relations an analyst reads from it.
 * Run with and without the trained NER model: the rules alone must already get it right.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../src/model/extraction';
import { PROJECT_ROOT } from '../../src/node/resources';
import { byText, extractor, relationsOf, rulesExtractor } from './helpers';

const SEED = readFileSync(join(PROJECT_ROOT, 'graph-data', 'articles', '000_85c1dee59fd444ef.txt'), 'utf8');

for (const [label, make] of [
  ['default extractor', extractor],
  ['rules only', rulesExtractor],
] as const) {
  describe(`seed article (${label})`, () => {
    let r: ExtractionResult;
    beforeAll(async () => {
      r = (await make()).extract(SEED);
    }, 60_000);

    const has = (type: string, norm: string) => r.entities.some((e) => e.type === type && e.norm === norm);

    it('is Russian, with sentences and offsets that slice the text exactly', () => {
      expect(r.lang).toBe('ru');
      expect(r.sentences.length).toBeGreaterThan(10);
      for (const e of r.entities) expect(SEED.slice(e.start, e.end)).toBe(e.text);
      for (const rel of r.relations) {
        expect(r.entities[rel.source]).toBeDefined();
        expect(r.entities[rel.target]).toBeDefined();
        expect(rel.evidence[0]).toBeLessThan(rel.evidence[1]);
      }
    });

    it('finds the people in nominative canonical form', () => {
      expect(has('PERSON', 'Тлеген Маткенов')).toBe(true);
      expect(has('PERSON', 'Касым-Жомарт Токаев')).toBe(true);
      expect(has('PERSON', 'Ботагоз Айтжанова')).toBe(true);
      // "По словам Тлегена Маткенова" is the same man in the genitive.
      expect(byText(r, 'Тлегена Маткенова').map((e) => e.norm)).toEqual(['Тлеген Маткенов']);
      // Job titles are not people.
      expect(r.entities.filter((e) => e.type === 'PERSON' && /президент|начальник/i.test(e.text))).toEqual([]);
    });

    it('finds the organisations, with МВД and МВД России as different ones', () => {
      expect(has('ORGANIZATION', 'Департамент по противодействию наркопреступности')).toBe(true);
      expect(byText(r, 'Минфином')[0]).toMatchObject({ type: 'ORGANIZATION', norm: 'Минфин', ref: 'org:minfin' });
      expect(byText(r, 'Tengrinews.kz')[0]).toMatchObject({ type: 'ORGANIZATION', subtype: 'media' });
      expect(byText(r, 'ОПГ')[0]).toMatchObject({ type: 'ORGANIZATION', subtype: 'criminal_group' });
      const mvd = byText(r, 'МВД')[0];
      const mvdRussia = byText(r, 'МВД России')[0];
      expect(mvd).toMatchObject({ type: 'ORGANIZATION', norm: 'МВД', ref: 'org:mvd' });
      expect(mvdRussia).toMatchObject({ type: 'ORGANIZATION', norm: 'МВД России' });
      expect(mvdRussia!.ref).not.toBe(mvd!.ref);
      expect(mvdRussia!.ref).toContain('loc:russia');
    });

    it('finds the places', () => {
      expect(byText(r, 'Казахстане')[0]).toMatchObject({ type: 'LOCATION', norm: 'Казахстан', subtype: 'country' });
      // Россия is named only inside "МВД России": it qualifies that organisation.
      expect(r.entities.some((e) => e.ref?.endsWith('@loc:russia'))).toBe(true);
    });

    it('finds the drugs by lemma, and "синтетики" as the same drug class', () => {
      expect(byText(r, 'героина')[0]).toMatchObject({ type: 'DRUG', norm: 'героин', ref: 'drug:heroin' });
      expect(byText(r, 'гашиша')[0]).toMatchObject({ type: 'DRUG', norm: 'гашиш', ref: 'drug:hashish' });
      expect(byText(r, 'синтетических наркотиков')[0]).toMatchObject({ type: 'DRUG', norm: 'синтетические наркотики', ref: 'drug:synthetic' });
      expect(byText(r, 'синтетические наркотики')[0]?.ref).toBe('drug:synthetic');
      expect(byText(r, 'синтетики')[0]).toMatchObject({ type: 'DRUG', ref: 'drug:synthetic' });
    });

    it('finds the channels, Telegram written with a Cyrillic Т included', () => {
      const tg = r.entities.find((e) => e.ref === 'channel:telegram');
      expect(tg).toMatchObject({ type: 'CHANNEL', norm: 'Telegram', text: 'Тelegram' });
      expect(tg!.text.charCodeAt(0)).toBe(0x0422); // as written: Cyrillic Т
      const refs = new Set(r.entities.filter((e) => e.type === 'CHANNEL').map((e) => e.ref));
      for (const ref of ['channel:website', 'channel:online-shop', 'channel:qr-code', 'channel:payment-system', 'channel:phone']) expect(refs).toContain(ref);
      expect(byText(r, 'QR-коды')[0]?.norm).toBe('QR-код');
      expect(byText(r, 'электронных платежных систем')[0]?.ref).toBe('channel:payment-system');
      expect(byText(r, 'номеров сотовой связи')[0]?.ref).toBe('channel:phone');
    });

    it('parses money, quantities and dates', () => {
      expect(byText(r, '19,4 тонны')[0]?.value).toEqual({ kind: 'quantity', amount: 19.4, unit: 't' });
      expect(byText(r, '19 килограммов')[0]?.value).toEqual({ kind: 'quantity', amount: 19, unit: 'kg' });
      expect(byText(r, 'свыше 80 миллионов тенге')[0]).toMatchObject({ type: 'MONEY', value: { kind: 'money', amount: 80_000_000, currency: 'KZT', comparator: '>' } });
      expect(byText(r, '1878 наркопреступлений')[0]).toMatchObject({ type: 'QUANTITY', value: { amount: 1878 } });
      expect(byText(r, '10 месяцев 2019 года')[0]).toMatchObject({ type: 'DATE', value: { kind: 'date', period: { amount: 10, unit: 'month', year: 2019 } } });
      // "в апреле этого года", relative to the publication date in the header.
      expect(r.entities.find((e) => e.type === 'DATE' && e.text.startsWith('апреле'))?.value).toEqual({ kind: 'date', date: '2019-04' });
    });

    it('marks the class words (наркотики, сайт, QR-код) generic, and named things not', () => {
      const generic = (norm: string) => r.entities.filter((e) => e.norm === norm).map((e) => e.generic === true);
      for (const word of ['наркотики', 'сайт', 'QR-код', 'интернет']) expect(new Set(generic(word)), word).toEqual(new Set([true]));
      for (const name of ['героин', 'Telegram', 'Тлеген Маткенов', 'МВД']) expect(new Set(generic(name)), name).toEqual(new Set([false]));
    });

    it('links Маткенов to the department he heads, and the other typed relations', () => {
      const holds = relationsOf(r, 'HOLDS_POSITION');
      expect(holds).toContainEqual({
        source: expect.objectContaining({ norm: 'Тлеген Маткенов' }),
        target: expect.objectContaining({ norm: 'Департамент по противодействию наркопреступности' }),
        props: { position: 'начальник' },
      });
      // "… Президент заявил … . Касым-Жомарт Токаев подчеркнул …": the title one sentence before the name.
      expect(holds).toContainEqual({
        source: expect.objectContaining({ norm: 'Касым-Жомарт Токаев' }),
        target: expect.objectContaining({ norm: 'Казахстан' }),
        props: { position: 'президент' },
      });
      const seized = relationsOf(r, 'SEIZED').map((x) => `${x.target.norm}:${x.props?.quantity ?? ''}`);
      expect(seized).toContain('героин:19 килограммов');
      expect(seized).toContain('гашиш:370 килограммов');
      expect(relationsOf(r, 'DISTRIBUTED_VIA').map((x) => `${x.source.norm}->${x.target.norm}`)).toContain('синтетические наркотики->сайт');
      expect(relationsOf(r, 'STATED').map((x) => `${x.source.norm}->${x.target.norm}`)).toContain('Тлеген Маткенов->МВД');
      expect(relationsOf(r, 'SENT_REQUEST_TO').map((x) => x.target.norm)).toContain('МВД России');
      expect(relationsOf(r, 'COOPERATES_WITH').map((x) => x.target.norm)).toContain('Минфин');
    });

    it('keeps the evidence sentence of a relation', () => {
      const rel = r.relations.find((x) => x.type === 'HOLDS_POSITION')!;
      const sentence = SEED.slice(rel.evidence[0], rel.evidence[1]);
      // The source has a no-break space before the name: match any whitespace.
      expect(sentence).toMatch(/начальник\s+Департамента\s+по\s+противодействию\s+наркопреступности\s+Тлеген\s+Маткенов/);
    });
  });
}
