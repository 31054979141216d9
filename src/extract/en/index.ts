/**
 * The English extraction pipeline: compromise tokens and tags -> lexicon mentions
 * (drugs, channels, named agencies, places, with shared refs) -> names from runs of
 * capitalised words -> values (money, quantities, dates) -> people by full name ->
 * typed relations. Pure and isomorphic: the lexicons come through `resources`.
 */
import type { EntityMention, ExtractionResult } from '../../model/extraction';
import type { ExtractorResources } from '../resources';
import { resolveDefiniteReferences } from './anaphora';
import type { Draft } from './draft';
import { loadEnglishLexicons, type EnglishLexicons } from './lexicon';
import { findLexiconMentions } from './lexicon-mentions';
import { findNames } from './names';
import { resolvePeople } from './persons';
import { findRelations } from './relations';
import { findEnglishEvents } from './events';
import type { EventMention } from '../events/core';

/** The first ISO date near the top of the text: the article date when none is given (as in the Russian pipeline). */
const ISO_DATE = /\b((?:19|20)\d\d-[01]\d-[0-3]\d)/;
import { tokenizeEnglish } from './tokens';
import { findValues } from './values';

export interface EnglishExtractOptions {
  /** ISO date of publication: resolves "on Friday" for events. */
  referenceDate?: string;
}

export interface EnglishExtractor {
  extract(text: string, options?: EnglishExtractOptions): ExtractionResult;
}

export async function createEnglishExtractor(resources: ExtractorResources): Promise<EnglishExtractor> {
  const lexicons = await loadEnglishLexicons(resources);
  return { extract: (text, options) => extractEnglish(text, lexicons, options) };
}

export function extractEnglish(text: string, lexicons: EnglishLexicons, options: EnglishExtractOptions = {}): ExtractionResult {
  if (typeof text !== 'string' || text.length === 0) return { lang: 'en', entities: [], relations: [], events: [], sentences: [] };
  const doc = tokenizeEnglish(text);
  const layer = findLexiconMentions(doc, lexicons);
  const drafts: Draft[] = [...layer.drafts, ...findNames(doc, layer)];
  const occupied = new Uint8Array(doc.tokens.length);
  for (const d of drafts) occupied.fill(1, d.first, d.last);
  for (const value of findValues(doc)) {
    if (!occupied.subarray(value.first, value.last).includes(1)) drafts.push(value);
  }
  const resolved = resolvePeople(doc, drafts)
    .filter((d) => d.end > d.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const named = dropOverlaps(resolved);
  const mentions = [...named, ...resolveDefiniteReferences(doc, layer, named)].sort((a, b) => a.start - b.start);
  const relations = findRelations(doc, layer, mentions);
  const entities = mentions.map((d) => toMention(text, d, lexicons.categories));
  const eventMentions: EventMention[] = mentions.map((d, index) => ({ index, first: d.first, last: d.last, start: d.start, end: d.end, type: d.type, ...(d.subtype ? { subtype: d.subtype } : {}), text: entities[index]!.text, norm: d.norm, ...(d.value ? { value: d.value } : {}) }));
  const referenceDate = options.referenceDate ?? ISO_DATE.exec(text.slice(0, 2000))?.[1];
  const events = findEnglishEvents({ doc, mentions: eventMentions, relations, ...(referenceDate ? { referenceDate } : {}) });
  return { lang: 'en', entities, relations, events, sentences: doc.sentences.map((s) => [s.start, s.end] as [number, number]) };
}

/**
 * Keeps the first (longest at equal start) of overlapping mentions; input sorted by start. The place
 * that qualifies a kept organisation from inside its name ("Shymkent" in "Shymkent City Court") is
 * kept too, nested in it, right after it.
 */
function dropOverlaps(sorted: Draft[]): Draft[] {
  const kept: Draft[] = [];
  let end = -1;
  let last: Draft | undefined;
  for (const d of sorted) {
    if (d.start < end) {
      if (last?.qualifier?.draft === d && d.end <= last.end) kept.push(d);
      continue;
    }
    kept.push(d);
    end = d.end;
    last = d;
  }
  return kept;
}

function toMention(text: string, d: Draft, categories: ReadonlySet<string>): EntityMention {
  const mention: EntityMention = { start: d.start, end: d.end, type: d.type, text: text.slice(d.start, d.end), norm: d.norm };
  if (d.subtype) mention.subtype = d.subtype;
  if (d.ref) mention.ref = d.ref;
  if (d.ref && categories.has(d.ref)) mention.generic = true;
  if (d.value) mention.value = d.value;
  return mention;
}
