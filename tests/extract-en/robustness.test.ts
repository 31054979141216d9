/**
 * English news the extractor was not written for, and hostile input. The news
 * snippets check what a reader would notice at a glance (who, where, which
 * organisation); bad input must give a result, never an exception.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractionResult } from '../../src/model/extraction';
import type { EnglishExtractor } from '../../src/extract/en/index';
import { englishExtractor, expectWellFormed, readArticle } from './helpers';

let extractor: EnglishExtractor;
beforeAll(async () => {
  extractor = await englishExtractor();
});

function typed(result: ExtractionResult, type: string): string[] {
  return result.entities.filter((e) => e.type === type).map((e) => e.norm);
}

describe('general English news', () => {
  it('politics: people without their titles, places, no title taken for a name', () => {
    const text = 'German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Tuesday to discuss energy prices, a government spokesman said.';
    const result = extractor.extract(text);
    expect(typed(result, 'PERSON').sort()).toEqual(['Emmanuel Macron', 'Olaf Scholz']);
    expect(typed(result, 'LOCATION')).toEqual(['Paris']);
    expect(expectWellFormed(text, result)).toEqual([]);
  });

  it('business: a company, a chief executive, money and a percentage, the news agency', () => {
    const text = "Apple Inc. said on Thursday its quarterly revenue rose 8% to $94.8 billion, beating analysts' expectations, chief executive Tim Cook told Reuters.";
    const result = extractor.extract(text);
    expect(typed(result, 'PERSON')).toEqual(['Tim Cook']);
    expect(typed(result, 'ORGANIZATION')).toContain('Reuters');
    expect(result.entities.find((e) => e.type === 'ORGANIZATION' && e.text.startsWith('Apple'))).toBeDefined();
    expect(result.entities.map((e) => e.value)).toContainEqual({ kind: 'money', amount: 94_800_000_000, currency: 'USD' });
    expect(result.entities.map((e) => e.value)).toContainEqual({ kind: 'quantity', amount: 8, unit: '%' });
    expect(expectWellFormed(text, result)).toEqual([]);
  });

  it('a seizure elsewhere: drug, quantity, date, and an institution that is not a person', () => {
    const text = 'Mexican authorities seized 1.5 tons of cocaine hidden in a shipment of bananas, the Navy said in a statement on March 3, 2023.';
    const result = extractor.extract(text);
    expect(result.entities.find((e) => e.ref === 'drug:cocaine')).toBeDefined();
    expect(result.entities.map((e) => e.value)).toContainEqual({ kind: 'quantity', amount: 1.5, unit: 't' });
    expect(result.entities.map((e) => e.value)).toContainEqual({ kind: 'date', date: '2023-03-03' });
    expect(typed(result, 'PERSON')).toEqual([]);
  });

  it('a cartel, an agency qualified by its country, a messenger', () => {
    const text = 'The U.S. Drug Enforcement Administration said the Sinaloa Cartel uses WhatsApp and encrypted messaging apps to coordinate fentanyl shipments.';
    const result = extractor.extract(text);
    expect(result.entities.find((e) => e.ref === 'org:dea@loc:usa')?.text).toBe('Drug Enforcement Administration');
    expect(result.entities.find((e) => e.norm === 'Sinaloa Cartel')?.subtype).toBe('criminal_group');
    expect(result.entities.map((e) => e.ref)).toEqual(expect.arrayContaining(['channel:whatsapp', 'drug:fentanyl']));
  });

  it('everyday words that are also lexicon forms count only where drugs are the subject', () => {
    const kitchen = extractor.extract('Add a pinch of spice and leave the site of the picnic before the courier arrives.');
    expect(kitchen.entities.filter((e) => e.type === 'DRUG' || e.type === 'CHANNEL')).toEqual([]);
    const drugs = extractor.extract('Police seized spice and heroin that a courier had left at a site near the station.');
    expect(drugs.entities.map((e) => e.ref)).toEqual(expect.arrayContaining(['drug:spice', 'drug:heroin', 'channel:courier', 'channel:website']));
  });
});

describe('bad input', () => {
  const cases: Array<[string, string]> = [
    ['empty', ''],
    ['whitespace', ' \n\t\n  '],
    ['no letters', '1234 5678 !!! ??? --- 99.9% ... $$$ \n 2019 2020'],
    ['control characters', 'Heroin\u0000was\u0007seized\u001b[31m by the FSB\u0085 in \uFFFDMoscow.\u2028Tlegen\u200BMatkenov said.'],
    ['HTML markup', '<html><head><script>var Tokayev = "President";</script></head><body><p class="Interior Ministry">Police in <b>Almaty</b> seized 5 kg of heroin.</p></body></html>'],
    ['mixed scripts', 'Police found 32 Тelegram chats run from Россия and Kazakhstan.'],
    ['emoji and astral characters', '🚨 BREAKING 🚨 Police in 𝐀𝐥𝐦𝐚𝐭𝐲 seized heroin 💊 via Telegram 📱 — Tlegen Matkenov said.'],
  ];
  for (const [name, text] of cases) {
    it(`${name}: returns a well-formed result`, () => {
      const result = extractor.extract(text);
      expect(result.lang).toBe('en');
      expect(expectWellFormed(text, result)).toEqual([]);
    });
  }

  it('finds nothing in text without letters, and nothing inside markup', () => {
    expect(extractor.extract('1234 5678 !!! ??? ---').entities.filter((e) => e.type !== 'QUANTITY')).toEqual([]);
    const html = extractor.extract(cases[4]![1]);
    expect(html.entities.map((e) => e.text)).not.toContain('Tokayev');
    expect(html.entities.map((e) => e.text)).not.toContain('Interior Ministry');
    expect(html.entities.map((e) => e.ref)).toEqual(expect.arrayContaining(['loc:almaty', 'drug:heroin']));
  });

  it('reads a homoglyph Telegram as Telegram and keeps the text as written', () => {
    const text = cases[5]![1];
    const telegram = extractor.extract(text).entities.find((e) => e.ref === 'channel:telegram');
    expect(telegram?.text).toBe('Тelegram chats');
    expect(telegram?.norm).toBe('Telegram');
  });

  it('a very long sentence without punctuation', () => {
    const words = 'police in almaty said Tlegen Matkenov and the Interior Ministry seized heroin sold on Telegram for 80 million tenge ';
    const text = words.repeat(2000); // about 230,000 characters, no full stop
    const result = extractor.extract(text);
    expect(expectWellFormed(text, result)).toEqual([]);
    expect(result.entities.filter((e) => e.ref === 'drug:heroin')).toHaveLength(2000);
  }, 120_000);

  it('a 5 MB page of mostly markup with an article inside', () => {
    const article = readArticle('en-kazakhstan-drug-gangs-dismantled.md');
    const filler = '<div class="ad"><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB"></div>\n'.repeat(60_000);
    const text = `${filler}${article}${filler}`;
    expect(text.length).toBeGreaterThan(5_000_000);
    const result = extractor.extract(text);
    expect(expectWellFormed(text, result)).toEqual([]);
    expect(result.entities.some((e) => e.norm === 'Tlegen Matkenov')).toBe(true);
  }, 120_000);

  it('does not throw on a non-string given by a careless caller', () => {
    expect(extractor.extract(undefined as unknown as string).entities).toEqual([]);
  });
});
