/**
 * A small hand-annotated document in the factRuEval format, written to a temp
 * directory, so the scorers can be checked against numbers computed by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityMention } from '../../src/model/extraction';
import type { EntityType } from '../../src/model/vocabulary';

export { DEFAULT_FACTRU_DIR as REAL_DEV_DIR } from '../../src/eval/cli';

export const SYNTHETIC_TEXT =
  'Глава департамента МВД Тлеген Маткенов заявил, что в Казахстане ликвидированы ОПГ. ' +
  'По словам Маткенова, операцию одобрил Касым-Жомарт Токаев. Об этом сообщил Пётр Королёв.';

/** [span id, span type, text, occurrence of that text (0 = first)] */
const SPANS: Array<[string, string, string, number]> = [
  ['1', 'org_name', 'МВД', 0],
  ['2', 'loc_name', 'Казахстане', 0],
  ['3', 'name', 'Тлеген', 0],
  ['4', 'surname', 'Маткенов', 0],
  ['5', 'surname', 'Маткенова', 0],
  ['6', 'name', 'Касым-Жомарт', 0],
  ['7', 'surname', 'Токаев', 0],
  ['8', 'job', 'Глава', 0],
  ['9', 'org_descr', 'департамента', 0],
  ['20', 'name', 'Пётр', 0],
  ['21', 'surname', 'Королёв', 0],
];

export function locate(text: string, needle: string, occurrence = 0): { start: number; end: number } {
  let from = 0;
  for (let i = 0; ; i++) {
    const start = text.indexOf(needle, from);
    if (start < 0) throw new Error(`fixture: ${needle} #${occurrence} not in text`);
    if (i === occurrence) return { start, end: start + needle.length };
    from = start + 1;
  }
}

function spansFile(text: string): string {
  return SPANS.map(([id, type, needle, occurrence]) => {
    const { start, end } = locate(text, needle, occurrence);
    return `${id} ${type} ${start} ${end - start} 0 1  # 0 ${needle}`;
  }).join('\n');
}

const OBJECTS = ['10 Org 1 9 # МВД департамента', '11 LocOrg 2 # Казахстане', '12 Person 3 4 # Тлеген Маткенов', '13 Person 5 # Маткенова', '14 Person 6 7 # Касым-Жомарт Токаев', '15 Person 20 21 # Пётр Королёв'].join('\n');

const COREF = [
  '100 10\ndescriptor департамент\nname МВД',
  '101 11\nname Казахстан\nwikidata',
  '102 12 13\nfirstname Тлеген\nlastname Маткенов',
  '103 14\nfirstname Касым-Жомарт\nlastname Токаев',
  '104 15\nfirstname Пётр\nlastname Королёв',
].join('\n\n');

const FACTS = ['1-0 Occupation\nWho obj102 Маткенов Тлеген\nPosition span8 глава\nWhere obj100 МВД', '1-1 Meeting\nParticipant obj102 Маткенов Тлеген\nParticipant obj103 Токаев Касым-Жомарт'].join('\n\n');

export interface TempDir {
  dir: string;
  remove(): void;
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'kg-eval-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes book_1 (the synthetic document) into `dir`; `omit` leaves files out. */
export function writeSyntheticDocument(dir: string, omit: readonly string[] = []): void {
  const files: Record<string, string> = {
    txt: SYNTHETIC_TEXT,
    spans: spansFile(SYNTHETIC_TEXT),
    objects: OBJECTS,
    coref: COREF,
    facts: FACTS,
  };
  for (const [ext, content] of Object.entries(files)) {
    if (!omit.includes(ext)) writeFileSync(join(dir, `book_1.${ext}`), `${content}\n`, 'utf8');
  }
}

/** A predicted mention at the given occurrence of `text` in the synthetic document. */
export function mention(type: EntityType, text: string, norm: string, extra: Partial<EntityMention> = {}, occurrence = 0): EntityMention {
  const { start, end } = locate(SYNTHETIC_TEXT, text, occurrence);
  return { start, end, type, text, norm, ...extra };
}
