/**
 * Builds the input of the relation and position rules from a sentence with its mentions
 * marked by hand, so a rule is tested alone, whatever the mention rules and the tagger would
 * find: "[ORG/government_agency МВД] [LOC/country России|loc:russia] сообщил [PER Иван Петров]".
 * A mark is [TYPE[/subtype] text[|ref]]; TYPE is PER, ORG, LOC, DRUG, CHAN or QTY; the norm is the text.
 * Tokens, sentences, morphology and the position, organisation-head and country-adjective
 * lexicons are the pipeline's own.
 */
import { loadLexicon, type LexiconFile } from '../../src/extract/lexicon';
import { splitSentences, tokenize } from '../../src/extract/tokens';
import { analyzeTokens, foldYo, WordAnalyser } from '../../src/extract/ru/analysis';
import { compileGazetteer, type Gazetteer } from '../../src/extract/ru/gazetteer';
import { createMorphology } from '../../src/extract/ru/morph';
import type { PositionInput } from '../../src/extract/ru/holds-position';
import type { RelMention } from '../../src/extract/ru/relations';
import { nodeResources } from '../../src/node/resources';

interface Lexicons {
  analyser: WordAnalyser;
  positions: Gazetteer;
  heads: Gazetteer;
  countryAdjectives: ReadonlyMap<string, string>;
}

let shared: Promise<Lexicons> | undefined;
/** Morphology and lexicons, loaded once per test file. */
export function ruleLexicons(): Promise<Lexicons> {
  shared ??= (async () => {
    const resources = nodeResources();
    const morph = await createMorphology(resources);
    const [positions, heads, locations] = await Promise.all(['positions', 'org-heads', 'locations'].map((n) => loadLexicon(resources, n)));
    const countryAdjectives = new Map<string, string>();
    for (const e of (locations as LexiconFile).entries) for (const a of e.adjectives ?? []) countryAdjectives.set(foldYo(a.toLowerCase()), e.id);
    return { analyser: new WordAnalyser(morph), positions: compileGazetteer(positions!, morph), heads: compileGazetteer(heads!, morph), countryAdjectives };
  })();
  return shared;
}

const TYPES: Record<string, string> = { PER: 'PERSON', ORG: 'ORGANIZATION', LOC: 'LOCATION', DRUG: 'DRUG', CHAN: 'CHANNEL', QTY: 'QUANTITY' };
const MARK = /\[(PER|ORG|LOC|DRUG|CHAN|QTY)(?:\/(\w+))? ([^\]|]+)(?:\|([^\]]+))?\]/g;

export interface MarkedText extends PositionInput {
  text: string;
  mentions: RelMention[];
}

/** The rules' input for a marked text (see the file's comment). */
export function marked(source: string, lex: Lexicons): MarkedText {
  let text = '';
  let from = 0;
  const spans: Array<{ start: number; end: number; type: string; subtype?: string; ref?: string }> = [];
  for (const m of source.matchAll(MARK)) {
    text += source.slice(from, m.index);
    const start = text.length;
    text += m[3]!;
    spans.push({ start, end: text.length, type: TYPES[m[1]!]!, ...(m[2] ? { subtype: m[2] } : {}), ...(m[4] ? { ref: m[4] } : {}) });
    from = m.index! + m[0].length;
  }
  text += source.slice(from);
  const tokens = tokenize(text);
  const sentences = splitSentences(tokens);
  const infos = analyzeTokens(tokens, lex.analyser);
  const mentions: RelMention[] = spans.map((sp, index) => {
    const first = tokens.findIndex((t) => t.start >= sp.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.end <= sp.end) last++;
    if (first < 0 || last === first) throw new Error(`mark "${text.slice(sp.start, sp.end)}" covers no token`);
    const words = text.slice(sp.start, sp.end);
    return { index, first, last, type: sp.type, ...(sp.subtype ? { subtype: sp.subtype } : {}), ...(sp.ref ? { ref: sp.ref } : {}), norm: words, text: words };
  });
  return { text, infos, sentences, mentions, positions: lex.positions, heads: lex.heads, countryAdjectives: lex.countryAdjectives };
}
