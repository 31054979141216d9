/**
 * Hand-made extraction results for graph tests: the extractor is developed in
 * parallel, and the graph must be tested on known input anyway. Mentions are
 * located by searching their text in the article, so offsets are real.
 */
import { readFileSync } from 'node:fs';
import type { ParsedArticle } from '../../src/model/article';
import type { EntityMention, ExtractedRelation, ExtractionResult } from '../../src/model/extraction';
import type { EntityType, RelationType } from '../../src/model/vocabulary';
import { parseArticle } from '../../src/ingest';

export const SEED_PATH = new URL('../../graph-data/articles/000_85c1dee59fd444ef.txt', import.meta.url).pathname;

export interface MentionSpec {
  type: EntityType;
  text: string;
  norm: string;
  /** Which occurrence of `text` (0 = first). */
  nth?: number;
  subtype?: string;
  ref?: string;
}

export interface RelationSpec {
  type: RelationType;
  source: number;
  target: number;
  props?: Record<string, string>;
}

/** Sentences split at . ! ? followed by a space or a line break (good enough for fixtures). */
export function roughSentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[^.!?\n]+(?:[.!?]+|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].trim() === '') continue;
    const start = m.index + (m[0].length - m[0].trimStart().length);
    out.push([start, m.index + m[0].length]);
  }
  return out;
}

export function extraction(text: string, specs: MentionSpec[], relations: RelationSpec[] = []): ExtractionResult {
  const entities: EntityMention[] = specs.map((spec) => {
    let at = -1;
    for (let n = 0; n <= (spec.nth ?? 0); n++) {
      at = text.indexOf(spec.text, at + 1);
      if (at === -1) throw new Error(`fixture: "${spec.text}" (#${spec.nth ?? 0}) not in the text`);
    }
    const mention: EntityMention = { start: at, end: at + spec.text.length, type: spec.type, text: spec.text, norm: spec.norm };
    if (spec.subtype) mention.subtype = spec.subtype;
    if (spec.ref) mention.ref = spec.ref;
    return mention;
  });
  const sentences = roughSentences(text);
  const rels: ExtractedRelation[] = relations.map((r) => {
    const s = entities[r.source]!;
    const sentence = sentences.find(([a, b]) => a <= s.start && s.end <= b) ?? [0, text.length];
    const relation: ExtractedRelation = { type: r.type, source: r.source, target: r.target, evidence: [sentence[0], sentence[1]] };
    if (r.props) relation.props = r.props;
    return relation;
  });
  return { lang: 'ru', entities, relations: rels, sentences };
}

export function seedArticle(): ParsedArticle {
  return parseArticle(readFileSync(SEED_PATH), { file: 'graph-data/articles/000_85c1dee59fd444ef.txt' });
}

/** A hand-made extraction of the seed article (a subset of what the real extractor should find). */
export function seedExtraction(article: ParsedArticle): ExtractionResult {
  return extraction(
    article.text,
    [
      /* 0 */ { type: 'LOCATION', text: 'Казахстане', norm: 'Казахстан', subtype: 'country' },
      /* 1 */ { type: 'PERSON', text: 'Ботагоз Айтжанова', norm: 'Ботагоз Айтжанова' },
      /* 2 */ { type: 'ORGANIZATION', text: 'Tengrinews.kz', norm: 'Tengrinews.kz', subtype: 'media', nth: 0 },
      /* 3 */ { type: 'ORGANIZATION', text: 'организованных преступных групп', norm: 'организованная преступная группа', subtype: 'criminal_group' },
      /* 4 */ { type: 'ORGANIZATION', text: 'Департамента по противодействию наркопреступности', norm: 'Департамент по противодействию наркопреступности', subtype: 'government_agency' },
      /* 5 */ { type: 'PERSON', text: 'Тлеген Маткенов', norm: 'Тлеген Маткенов' },
      /* 6 */ { type: 'ORGANIZATION', text: 'Tengrinews.kz', norm: 'Tengrinews.kz', subtype: 'media', nth: 1 },
      /* 7 */ { type: 'DRUG', text: 'героина', norm: 'героин', ref: 'drug:heroin' },
      /* 8 */ { type: 'DRUG', text: 'гашиша', norm: 'гашиш', ref: 'drug:hashish' },
      /* 9 */ { type: 'ORGANIZATION', text: 'ОПГ', norm: 'ОПГ', subtype: 'criminal_group' },
      /* 10 */ { type: 'PERSON', text: 'Тлеген Маткенов', norm: 'Тлеген Маткенов', nth: 1 },
      /* 11 */ { type: 'ORGANIZATION', text: 'МВД', norm: 'МВД', subtype: 'government_agency' },
      /* 12 */ { type: 'QUANTITY', text: '19,4 тонны', norm: '19,4 тонны' },
    ],
    [{ type: 'HOLDS_POSITION', source: 5, target: 4, props: { position: 'начальник' } }],
  );
}
