import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityMention, ExtractionResult } from '../../src/model/extraction';
import { createEnglishExtractor, type EnglishExtractor } from '../../src/extract/en/index';
import { PROJECT_ROOT, nodeResources } from '../../src/node/resources';

let shared: Promise<EnglishExtractor> | undefined;
export function englishExtractor(): Promise<EnglishExtractor> {
  shared ??= createEnglishExtractor(nodeResources());
  return shared;
}

export function readArticle(name: string): string {
  // Written for the tests (not real news), so they stay out of the bundled corpus.
  return readFileSync(join(PROJECT_ROOT, 'tests', 'fixtures', 'articles', name), 'utf8');
}

export function byNorm(result: ExtractionResult, norm: string): EntityMention[] {
  return result.entities.filter((e) => e.norm === norm);
}

export function relationsOf(result: ExtractionResult, type: string): Array<{ source: EntityMention; target: EntityMention; props?: Record<string, string> }> {
  return result.relations
    .filter((r) => r.type === type)
    .map((r) => ({ source: result.entities[r.source]!, target: result.entities[r.target]!, ...(r.props ? { props: r.props } : {}) }));
}

/** Offsets are exact, in order, inside the text, and relations point at real mentions and sentences. */
export function expectWellFormed(text: string, result: ExtractionResult): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  for (const e of result.entities) {
    if (!(e.start >= 0 && e.end > e.start && e.end <= text.length)) problems.push(`bad offsets ${e.start}-${e.end}`);
    if (text.slice(e.start, e.end) !== e.text) problems.push(`text mismatch at ${e.start}: ${JSON.stringify(e.text)}`);
    if (e.start < previousEnd) problems.push(`overlap at ${e.start}`);
    if (!e.norm) problems.push(`empty norm at ${e.start}`);
    previousEnd = e.end;
  }
  for (const r of result.relations) {
    if (!result.entities[r.source] || !result.entities[r.target]) problems.push(`relation ${r.type} points nowhere`);
    const [s, e] = r.evidence;
    if (!(s >= 0 && e > s && e <= text.length)) problems.push(`relation ${r.type} has bad evidence ${s}-${e}`);
  }
  for (const [s, e] of result.sentences) if (!(s >= 0 && e > s && e <= text.length)) problems.push(`bad sentence ${s}-${e}`);
  return problems;
}
