/** One extractor per test file: loading az and the lexicons takes about a second. */
import { createExtractor, type Extractor } from '../../src/extract/index';
import type { EntityMention, ExtractionResult } from '../../src/model/extraction';
import { nodeResources } from '../../src/node/resources';

let shared: Promise<Extractor> | undefined;
export function extractor(): Promise<Extractor> {
  shared ??= createExtractor(nodeResources());
  return shared;
}

/** Rules only, without the trained NER model: what every environment can count on. */
let rulesOnly: Promise<Extractor> | undefined;
export function rulesExtractor(): Promise<Extractor> {
  rulesOnly ??= createExtractor(nodeResources(), { ner: false });
  return rulesOnly;
}

export function byText(result: ExtractionResult, text: string): EntityMention[] {
  return result.entities.filter((e) => e.text === text);
}

/** The norms of the named mentions of a type (descriptor candidates, `nominal`, are no names). */
export function norms(result: ExtractionResult, type: string): string[] {
  return result.entities.filter((e) => e.type === type && !e.nominal).map((e) => e.norm);
}

export function relationsOf(result: ExtractionResult, type: string): Array<{ source: EntityMention; target: EntityMention; props?: Record<string, string> }> {
  return result.relations
    .filter((r) => r.type === type)
    .map((r) => ({ source: result.entities[r.source]!, target: result.entities[r.target]!, ...(r.props ? { props: r.props } : {}) }));
}
