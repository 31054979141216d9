/**
 * Reader for a directory in the factRuEval-2016 format (book_<id>.txt plus
 * .tokens, .spans, .objects, .coref, .facts) and the two scoring files added
 * next to it (naeval-gold.jsonl, razdel-tokens.jsonl).
 *
 * Only the .txt is required for a document; every other file is optional and
 * read as empty when absent. A malformed file is an InputError that names the
 * file and line, never a silently half-read document.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { deriveGoldNerSpans, type NerSpan, isNerType } from './ner-score';
import { tokenizeForScoring } from './tokenizer';

export interface FactRuToken {
  id: string;
  start: number;
  /** Exclusive. */
  end: number;
  text: string;
  /** Index of the sentence the token is in (sentences are blank-line separated in .tokens). */
  sentence: number;
}

export interface FactRuSpan {
  id: string;
  /** name, surname, patronymic, nickname, org_name, org_descr, loc_name, loc_descr, geo_adj, job, ... */
  type: string;
  start: number;
  /** Exclusive. */
  end: number;
}

export interface FactRuObject {
  id: string;
  /** Person, Org, Location, LocOrg, Project, Facility */
  type: string;
  /**
   * The spans the object is made of. A span id that occurs on several lines of
   * .spans (e.g. one token typed both surname and nickname) contributes every line.
   */
  spans: FactRuSpan[];
  /** Text order extent of the spans: min start, max end. */
  start: number;
  end: number;
}

export interface FactRuCorefSlot {
  /** firstname, firstname1, lastname, patronymic, nickname, name, descriptor, wikidata, ... */
  key: string;
  value: string;
}

export interface FactRuCorefEntity {
  /** The id facts refer to as `obj<id>`. */
  id: string;
  objectIds: string[];
  slots: FactRuCorefSlot[];
}

export interface FactRuFactValue {
  /** `obj123` refers to coref entity 123, `span456` to span 456. */
  ref?: { kind: 'obj' | 'span'; id: string };
  text: string;
}

export interface FactRuFactSlot {
  /** Who, Where, Position, Participant, Company, Owner, Property, Type, ... */
  name: string;
  /** Alternatives separated by ` | ` in the file. */
  values: FactRuFactValue[];
}

export interface FactRuFact {
  id: string;
  /** Occupation, isPartOf, Meeting, Deal, Ownership, ... */
  type: string;
  slots: FactRuFactSlot[];
}

export interface FactRuDocument {
  id: string;
  text: string;
  /** From .tokens (empty when the file is absent). */
  tokens: FactRuToken[];
  /** Token boundaries used by the NER score: razdel's when available, else ours. */
  scoringTokens: Array<[number, number]>;
  scoringTokensSource: 'razdel-tokens.jsonl' | 'builtin-tokenizer';
  spans: FactRuSpan[];
  objects: FactRuObject[];
  entities: FactRuCorefEntity[];
  facts: FactRuFact[];
  /** PER/LOC/ORG gold spans of the published adaptation. */
  goldNer: NerSpan[];
  goldNerSource: 'naeval-gold.jsonl' | 'derived';
}

export interface FactRuDataset {
  dir: string;
  documents: FactRuDocument[];
  /** Whether the directory had naeval-gold.jsonl / razdel-tokens.jsonl at all. */
  hasGoldFile: boolean;
  hasTokenFile: boolean;
}

export interface LoadOptions {
  /** Read only the first N documents (sorted by id). */
  limit?: number;
}

export const GOLD_FILE = 'naeval-gold.jsonl';
export const TOKEN_FILE = 'razdel-tokens.jsonl';

const MODULE = 'eval';

function fail(file: string, line: number | undefined, message: string): never {
  const where = line === undefined ? file : `${file}:${line}`;
  throw new InputError(MODULE, `${where}: ${message}`);
}

/** Numeric ids compare as numbers, others as strings: 5 < 42 < 100. */
export function compareDocumentIds(a: string, b: string): number {
  const na = /^\d+$/.test(a) ? Number(a) : NaN;
  const nb = /^\d+$/.test(b) ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function splitLines(content: string): string[] {
  return content.split(/\r?\n/);
}

function parseInteger(value: string | undefined, file: string, line: number, what: string): number {
  if (value === undefined || !/^-?\d+$/.test(value)) fail(file, line, `expected an integer ${what}, got ${JSON.stringify(value)}`);
  return Number(value);
}

function checkRange(start: number, end: number, textLength: number, file: string, line: number): void {
  if (start < 0 || end < start || end > textLength) {
    fail(file, line, `offsets [${start}, ${end}) are outside the text (length ${textLength})`);
  }
}

export function parseTokens(content: string, file: string, textLength: number): FactRuToken[] {
  const tokens: FactRuToken[] = [];
  let sentence = 0;
  let sawTokenInSentence = false;
  splitLines(content).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') {
      if (sawTokenInSentence) sentence += 1;
      sawTokenInSentence = false;
      return;
    }
    const [id, startText, lengthText, ...rest] = line.split(/\s+/);
    const start = parseInteger(startText, file, lineNo, 'token start');
    const end = start + parseInteger(lengthText, file, lineNo, 'token length');
    checkRange(start, end, textLength, file, lineNo);
    tokens.push({ id: id ?? '', start, end, text: rest.join(' '), sentence });
    sawTokenInSentence = true;
  });
  return tokens;
}

export function parseSpans(content: string, file: string, textLength: number): FactRuSpan[] {
  const spans: FactRuSpan[] = [];
  splitLines(content).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.split('#')[0]!.trim();
    if (line === '') return;
    const [id, type, startText, lengthText] = line.split(/\s+/);
    if (!id || !type) fail(file, lineNo, 'expected "span_id type start length ..."');
    const start = parseInteger(startText, file, lineNo, 'span start');
    const end = start + parseInteger(lengthText, file, lineNo, 'span length');
    checkRange(start, end, textLength, file, lineNo);
    spans.push({ id, type, start, end });
  });
  return spans;
}

export function parseObjects(content: string, file: string, spans: readonly FactRuSpan[]): FactRuObject[] {
  const spansById = new Map<string, FactRuSpan[]>();
  for (const span of spans) {
    const list = spansById.get(span.id);
    if (list) list.push(span);
    else spansById.set(span.id, [span]);
  }
  const objects: FactRuObject[] = [];
  splitLines(content).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.split('#')[0]!.trim();
    if (line === '') return;
    const [id, type, ...spanIds] = line.split(/\s+/);
    if (!id || !type) fail(file, lineNo, 'expected "object_id type span_ids..."');
    if (spanIds.length === 0) fail(file, lineNo, `object ${id} has no spans`);
    const objectSpans: FactRuSpan[] = [];
    for (const spanId of spanIds) {
      const found = spansById.get(spanId);
      if (!found) fail(file, lineNo, `object ${id} refers to span ${spanId}, which is not in the .spans file`);
      objectSpans.push(...found);
    }
    objects.push({
      id,
      type,
      spans: objectSpans,
      start: Math.min(...objectSpans.map((s) => s.start)),
      end: Math.max(...objectSpans.map((s) => s.end)),
    });
  });
  return objects;
}

/** A trimmed non-blank line and its 1-based number. */
interface NumberedLine {
  line: string;
  lineNo: number;
}

/**
 * The blank-line separated blocks of a .coref or .facts file: each block's first line
 * (the entity or fact) and the lines under it (its slots).
 */
function readBlocks(content: string): Array<{ head: NumberedLine; body: NumberedLine[] }> {
  const blocks: Array<{ head: NumberedLine; body: NumberedLine[] }> = [];
  let current: { head: NumberedLine; body: NumberedLine[] } | undefined;
  splitLines(content).forEach((raw, index) => {
    const line = raw.trim();
    const numbered = { line, lineNo: index + 1 };
    if (line === '') current = undefined;
    else if (current) current.body.push(numbered);
    else blocks.push((current = { head: numbered, body: [] }));
  });
  return blocks;
}

export function parseCoref(content: string, file: string, objects: readonly FactRuObject[]): FactRuCorefEntity[] {
  const objectIds = new Set(objects.map((o) => o.id));
  return readBlocks(content).map(({ head, body }) => {
    const [id, ...members] = head.line.split(/\s+/);
    if (!id || !/^\d+$/.test(id)) fail(file, head.lineNo, `expected "entity_id object_ids...", got ${JSON.stringify(head.line)}`);
    for (const member of members) {
      if (!objectIds.has(member)) fail(file, head.lineNo, `entity ${id} refers to object ${member}, which is not in the .objects file`);
    }
    const entity: FactRuCorefEntity = { id, objectIds: members, slots: [] };
    for (const { line } of body) {
      const space = line.search(/\s/);
      // A key with no value ("wikidata", "lastname") carries nothing: skip it, as the reference reader does.
      if (space < 0) continue;
      const value = line.slice(space + 1).trim();
      if (value !== '') entity.slots.push({ key: line.slice(0, space), value });
    }
    return entity;
  });
}

function parseFactValue(text: string): FactRuFactValue {
  const match = /^(obj|span)(\d+)\b\s*(.*)$/.exec(text);
  if (!match) return { text };
  return { ref: { kind: match[1] as 'obj' | 'span', id: match[2]! }, text: match[3] ?? '' };
}

export function parseFacts(content: string, file: string): FactRuFact[] {
  return readBlocks(content).map(({ head, body }) => {
    const space = head.line.search(/\s/);
    if (space < 0) fail(file, head.lineNo, `expected "fact_id FactType", got ${JSON.stringify(head.line)}`);
    const fact: FactRuFact = { id: head.line.slice(0, space), type: head.line.slice(space + 1).trim(), slots: [] };
    for (const { line } of body) {
      const at = line.search(/\s/);
      if (at < 0) continue; // a slot name without a value
      const values = line
        .slice(at + 1)
        .split(' | ')
        .map((v) => parseFactValue(v.trim()));
      fact.slots.push({ name: line.slice(0, at), values });
    }
    return fact;
  });
}

interface JsonlRecords<T> {
  present: boolean;
  byId: Map<string, T>;
}

async function readJsonl<T>(path: string, file: string, parse: (value: unknown, line: number) => T): Promise<JsonlRecords<T>> {
  const content = await readOptional(path);
  const byId = new Map<string, T>();
  if (content === undefined) return { present: false, byId };
  splitLines(stripBom(content)).forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      fail(file, lineNo, `invalid JSON (${(error as Error).message})`);
    }
    const id = (value as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' && typeof id !== 'number') fail(file, lineNo, 'each line needs an "id"');
    byId.set(String(id), parse(value, lineNo));
  });
  return { present: true, byId };
}

function parseOffsetPairs(list: unknown, file: string, line: number, key: string): unknown[][] {
  if (!Array.isArray(list)) fail(file, line, `"${key}" must be an array`);
  return list.map((item) => {
    if (!Array.isArray(item) || typeof item[0] !== 'number' || typeof item[1] !== 'number') {
      fail(file, line, `each of "${key}" must be [start, stop, ...] with integer offsets`);
    }
    return item as unknown[];
  });
}

function parseGoldLine(value: unknown, file: string, line: number): NerSpan[] {
  return parseOffsetPairs((value as { spans?: unknown }).spans, file, line, 'spans').map((item) => {
    const type = item[2];
    if (!isNerType(type)) fail(file, line, `span type must be PER, LOC or ORG, got ${JSON.stringify(type)}`);
    return { start: item[0] as number, end: item[1] as number, type };
  });
}

function parseTokenLine(value: unknown, file: string, line: number): Array<[number, number]> {
  return parseOffsetPairs((value as { tokens?: unknown }).tokens, file, line, 'tokens').map(
    (item) => [item[0] as number, item[1] as number] as [number, number],
  );
}

async function loadDocument(
  dir: string,
  id: string,
  gold: JsonlRecords<NerSpan[]>,
  razdel: JsonlRecords<Array<[number, number]>>,
): Promise<FactRuDocument> {
  const base = `book_${id}`;
  const text = stripBom(await readFile(join(dir, `${base}.txt`), 'utf8'));
  const read = async (ext: string) => readOptional(join(dir, `${base}.${ext}`));
  const [tokensText, spansText, objectsText, corefText, factsText] = await Promise.all(
    ['tokens', 'spans', 'objects', 'coref', 'facts'].map(read),
  );
  const tokens = tokensText === undefined ? [] : parseTokens(tokensText, `${base}.tokens`, text.length);
  const spans = spansText === undefined ? [] : parseSpans(spansText, `${base}.spans`, text.length);
  const objects = objectsText === undefined ? [] : parseObjects(objectsText, `${base}.objects`, spans);
  const entities = corefText === undefined ? [] : parseCoref(corefText, `${base}.coref`, objects);
  const facts = factsText === undefined ? [] : parseFacts(factsText, `${base}.facts`);

  const razdelTokens = razdel.byId.get(id);
  const scoringTokens = razdelTokens ?? tokenizeForScoring(text);
  const goldSpans = gold.byId.get(id);
  return {
    id,
    text,
    tokens,
    scoringTokens,
    scoringTokensSource: razdelTokens ? 'razdel-tokens.jsonl' : 'builtin-tokenizer',
    spans,
    objects,
    entities,
    facts,
    goldNer: goldSpans ?? deriveGoldNerSpans(objects, scoringTokens),
    goldNerSource: goldSpans ? 'naeval-gold.jsonl' : 'derived',
  };
}

/** Lists the document ids of a factRuEval directory (book_<id>.txt), sorted by id. */
export async function listDocumentIds(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(MODULE, `${dir}: not a directory`);
    throw error;
  }
  const ids = names.flatMap((name) => {
    const match = /^book_(.+)\.txt$/.exec(name);
    return match ? [match[1]!] : [];
  });
  return ids.sort(compareDocumentIds);
}

export async function loadFactRuDirectory(dir: string, options: LoadOptions = {}): Promise<FactRuDataset> {
  let ids = await listDocumentIds(dir);
  if (ids.length === 0) throw new InputError(MODULE, `${dir}: no factRuEval documents (book_<id>.txt) found`);
  if (options.limit !== undefined) ids = ids.slice(0, Math.max(0, options.limit));
  const gold = await readJsonl(join(dir, GOLD_FILE), GOLD_FILE, (v, line) => parseGoldLine(v, GOLD_FILE, line));
  const razdel = await readJsonl(join(dir, TOKEN_FILE), TOKEN_FILE, (v, line) => parseTokenLine(v, TOKEN_FILE, line));
  const documents = await Promise.all(ids.map((id) => loadDocument(dir, id, gold, razdel)));
  return { dir, documents, hasGoldFile: gold.present, hasTokenFile: razdel.present };
}
