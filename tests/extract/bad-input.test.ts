/**
 * Hostile and malformed text: the extractor returns a result (possibly empty) and never
 * throws. Speed on big inputs is measured by scripts/bench, not here: these only check
 * that a result comes back and is well-formed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Extractor } from '../../src/extract/index';
import type { ExtractionResult } from '../../src/model/extraction';
import { resolveWithinDocument } from '../../src/resolve/within-document';
import { extractor } from './helpers';

let ex: Extractor;
beforeAll(async () => {
  ex = await extractor();
}, 60_000);

function wellFormed(text: string, r: ExtractionResult): void {
  for (const e of r.entities) {
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(e.start, e.end)).toBe(e.text);
  }
  for (const rel of r.relations) {
    expect(r.entities[rel.source]).toBeDefined();
    expect(r.entities[rel.target]).toBeDefined();
  }
}

describe('bad input', () => {
  it('handles empty and whitespace-only text', () => {
    for (const text of ['', '   ', '\n\n\t', '\u00a0\u2029']) {
      const r = ex.extract(text);
      expect(r.entities).toEqual([]);
      expect(r.relations).toEqual([]);
    }
  });

  it('handles text with no Cyrillic, forced to Russian', () => {
    const text = 'Police seized 20 kg of heroin in Almaty, said John Smith. 12345 !!! ###';
    const r = ex.extract(text, { lang: 'ru' });
    expect(r.lang).toBe('ru');
    wellFormed(text, r);
  });

  it('folds mixed-script words and keeps the text as written', () => {
    const text = 'Наркотики продавали через Тelegram и WhatsАpp, пишет Ноmер.'; // Cyrillic Т, А, Н, о in Latin words
    const r = ex.extract(text);
    wellFormed(text, r);
    expect(r.entities.filter((e) => e.type === 'CHANNEL').map((e) => [e.text, e.ref])).toEqual([
      ['Тelegram', 'channel:telegram'],
      ['WhatsАpp', 'channel:whatsapp'],
    ]);
  });

  it('handles HTML markup as plain text', () => {
    const text = '<p>Глава <b>МВД</b> <script>alert("x")</script> Ерлан Тургумбаев сообщил об изъятии <i>героина</i>.</p>';
    const r = ex.extract(text);
    wellFormed(text, r);
    expect(r.entities.map((e) => e.norm)).toEqual(expect.arrayContaining(['МВД', 'героин']));
    expect(r.entities.some((e) => e.text.includes('<') || e.text.includes('>'))).toBe(false);
  });

  it('handles control characters, lone surrogates and odd Unicode', () => {
    const text = 'МВД\u0000 изъяло\u0007 героин\u200b у\uFEFF жителя \ud800Алматы\u0301. Касым-Жомарт\u00adТокаев \u202eподчеркнул.';
    const r = ex.extract(text);
    wellFormed(text, r);
    expect(r.entities.some((e) => e.ref === 'drug:heroin')).toBe(true);
  });

  it('handles a 5,000-word sentence without punctuation', () => {
    const words = ['героин', 'изъяли', 'сотрудники', 'КНБ', 'в', 'Алматы', 'Иван', 'Петров', 'сообщил', 'пять', 'килограммов'];
    const text = Array.from({ length: 5000 }, (_, i) => words[i % words.length]).join(' ');
    const r = ex.extract(text);
    wellFormed(text, r);
    expect(r.entities.filter((e) => e.ref === 'drug:heroin').length).toBeGreaterThan(400);
  });

  it('handles a 5 MB article', () => {
    const paragraph = 'Начальник департамента Тлеген Маткенов сообщил, что в Алматы изъято 19,4 тонны гашиша и 300 граммов героина на сумму свыше 80 миллионов тенге.\n';
    const text = paragraph.repeat(Math.ceil((5 * 1024 * 1024) / paragraph.length));
    const r = ex.extract(text);
    expect(r.sentences.length).toBeGreaterThan(30_000);
    expect(r.entities.length).toBeGreaterThan(200_000);
    const last = r.entities[r.entities.length - 1]!;
    expect(text.slice(last.start, last.end)).toBe(last.text);
  }, 300_000);
});

describe('a huge article through within-document resolution (as kg ingest runs it)', () => {
  it('joins thousands of repeated names, Latin appositives and lone surnames into a few people', () => {
    const paragraph = 'Вчера Иван Петров встретил Джона Смита (John Smith). Петров сказал, что Смит прав. Затем Анна Ким и Ли Сун Бок (Lee Sun Bok) пришли.\n';
    const text = paragraph.repeat(Math.ceil((2 * 1024 * 1024) / paragraph.length));
    const resolved = resolveWithinDocument(ex.extract(text));
    const people = resolved.entities.filter((e) => e.type === 'PERSON');
    expect(people.length).toBeGreaterThan(50_000);
    // Петров, Смит / John Smith, Анна Ким, Ли Сун Бок / Lee Sun Bok: a handful of entities, not one per mention.
    expect(new Set(people.map((e) => e.entity)).size).toBeLessThan(10);
  }, 300_000);
});

describe('language dispatch', () => {
  it('sends English text to the English pipeline and Russian text to the Russian one', () => {
    const en = ex.extract('President Kassym-Jomart Tokayev said the police seized 20 kg of heroin.');
    expect(en.lang).toBe('en');
    expect(en.entities.some((e) => e.ref === 'drug:heroin')).toBe(true);
    const ru = ex.extract('Президент Касым-Жомарт Токаев заявил, что полиция изъяла 20 кг героина.');
    expect(ru.lang).toBe('ru');
    expect(ru.entities.some((e) => e.ref === 'drug:heroin')).toBe(true);
  });
});
