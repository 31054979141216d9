/**
 * The English lexicons: shared ids with the Russian side (so an English and a Russian
 * article meet in one node), and inflected forms matched through normalisation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EnglishExtractor } from '../../src/extract/en/index';
import { parseEnglishLexicon } from '../../src/extract/en/lexicon';
import { LEXICONS_DIR } from '../../src/node/resources';
import { englishExtractor } from './helpers';

function ids(path: string): Set<string> {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: Array<{ id: string }> };
  return new Set(file.entries.map((e) => e.id));
}

describe('English lexicons', () => {
  let extractor: EnglishExtractor;
  beforeAll(async () => {
    extractor = await englishExtractor();
  });

  it('use the same ids as the Russian lexicons for the core drugs, channels, agencies and places', () => {
    const core: Record<string, string[]> = {
      drugs: ['drug:heroin', 'drug:hashish', 'drug:marijuana', 'drug:cocaine', 'drug:mephedrone', 'drug:spice', 'drug:synthetic', 'drug:psychotropic'],
      channels: ['channel:telegram', 'channel:whatsapp', 'channel:website', 'channel:online-shop', 'channel:darknet', 'channel:qr-code', 'channel:payment-system', 'channel:cryptocurrency', 'channel:phone'],
      organizations: ['org:mvd', 'org:fsb', 'org:knb', 'org:minfin', 'org:opg'],
      locations: ['loc:kazakhstan', 'loc:russia', 'loc:almaty', 'loc:astana'],
    };
    for (const [file, wanted] of Object.entries(core)) {
      const russian = ids(join(LEXICONS_DIR, `${file}.json`));
      const english = ids(join(LEXICONS_DIR, 'en', `${file}.json`));
      for (const id of wanted) {
        expect(russian, `${id} in Russian ${file}`).toContain(id);
        expect(english, `${id} in English ${file}`).toContain(id);
      }
    }
  });

  it('match plurals and inflections through normalisation', () => {
    const text = 'Dealers sold amphetamines, opiates and designer drugs through online stores, darknet markets and e-wallets, using SIM cards.';
    const refs = extractor.extract(text).entities.map((e) => e.ref);
    expect(refs).toEqual(
      expect.arrayContaining(['drug:amphetamine', 'drug:opium', 'drug:synthetic', 'channel:online-shop', 'channel:darknet', 'channel:payment-system', 'channel:phone']),
    );
  });

  it('respect case: an abbreviation in capitals only, a common word is not a country', () => {
    const refs = extractor.extract('Tell us what the FSB and the fsb-like agencies did in Turkey; the turkey was roasted.').entities.map((e) => [e.text, e.ref]);
    expect(refs).toContainEqual(['FSB', 'org:fsb']);
    expect(refs).toContainEqual(['Turkey', 'loc:turkey']);
    expect(refs.filter(([, ref]) => ref === 'loc:usa')).toEqual([]);
    expect(refs.filter(([text]) => text === 'turkey')).toEqual([]);
  });

  it('reject a malformed lexicon file with a message naming it', () => {
    expect(() => parseEnglishLexicon('drug', { format: 'kg-lexicon', version: 1, entries: [{ id: 'drug:x' }] })).toThrow(/lexicons\/en\/drugs\.json entry 0/);
    expect(() => parseEnglishLexicon('channel', [])).toThrow(/channels\.json/);
  });
});
