import { describe, expect, it } from 'vitest';
import { lookupsOf, prepareArticle } from '../../src/graph/prepare-article';
import { parseArticle } from '../../src/ingest';
import { extraction } from './fixtures';

const TEXT =
  '# Токаев поручил МВД\n\nПрезидент Казахстана Касым-Жомарт Токаев поручил МВД усилить борьбу с наркопреступностью. Министр Ерлан Тургумбаев доложил Токаеву о работе. Изъято 2 тонны героина.';
const parsed = parseArticle(TEXT, { file: 'inline.md' });
const result = extraction(
  parsed.text,
  [
    /* 0 */ { type: 'LOCATION', text: 'Казахстана', norm: 'Казахстан', subtype: 'country' },
    /* 1 */ { type: 'PERSON', text: 'Касым-Жомарт Токаев', norm: 'Касым-Жомарт Токаев' },
    /* 2 */ { type: 'ORGANIZATION', text: 'МВД', norm: 'МВД', subtype: 'government_agency', nth: 1 },
    /* 3 */ { type: 'PERSON', text: 'Ерлан Тургумбаев', norm: 'Ерлан Тургумбаев' },
    /* 4 */ { type: 'PERSON', text: 'Токаеву', norm: 'Токаев' },
    /* 5 */ { type: 'DRUG', text: 'героина', norm: 'героин', ref: 'drug:heroin' },
    /* 6 */ { type: 'QUANTITY', text: '2 тонны', norm: '2 тонны' },
  ],
  [{ type: 'HOLDS_POSITION', source: 3, target: 2, props: { position: 'министр' } }],
);

const groupOf = (prepared: ReturnType<typeof prepareArticle>, text: string) =>
  prepared.groups.find((g) => g.indices.some((i) => prepared.resolved.entities[i]!.text === text));

describe('preparing an article', () => {
  it('gives an inflected short name and the full name of one person one group', () => {
    const prepared = prepareArticle(parsed, result);
    const full = groupOf(prepared, 'Касым-Жомарт Токаев')!;
    expect(groupOf(prepared, 'Токаеву')).toBe(full);
    expect(full.indices.map((i) => prepared.resolved.entities[i]!.text).sort()).toEqual(['Касым-Жомарт Токаев', 'Токаеву']);
    expect(prepared.groups.filter((g) => g.profile.type === 'PERSON')).toHaveLength(2);
  });

  it('scopes an agency named without its country to the country the article is about', () => {
    const mvd = groupOf(prepareArticle(parsed, result), 'МВД')!;
    expect(mvd.proposedId).toMatch(/^organization:mvd@/);
    expect(mvd.profile.scope).toBe(mvd.proposedId.slice(mvd.proposedId.indexOf('@')));
    expect(mvd.subtype).toBe('government_agency');
  });

  it('keeps facts on the article record, not as entities to resolve', () => {
    const prepared = prepareArticle(parsed, result);
    expect(prepared.record).toMatchObject({ id: parsed.id, title: parsed.title, lang: parsed.lang, length: parsed.text.length, file: 'inline.md' });
    expect(prepared.record.facts).toEqual([expect.objectContaining({ type: 'QUANTITY', text: '2 тонны' })]);
    expect(prepared.groups.some((g) => g.profile.type === 'QUANTITY')).toBe(false);
  });

  it('drops mentions whose offsets do not slice the text, and the relations that named them, keeping the rest in place', () => {
    const broken = { ...result, entities: [{ ...result.entities[0]!, start: -5 }, ...result.entities.slice(1), { ...result.entities[1]!, end: parsed.text.length + 10 }] };
    const prepared = prepareArticle(parsed, broken);
    expect(prepared.skipped).toBe(2);
    expect(prepared.resolved.entities.some((m) => m.text === 'Казахстана')).toBe(false);
    // The relation's ends were renumbered to the kept mentions.
    const [relation] = prepared.resolved.relations.filter((r) => r.type === 'HOLDS_POSITION');
    expect(prepared.resolved.entities[relation!.source]!.text).toBe('Ерлан Тургумбаев');
    expect(prepared.resolved.entities[relation!.target]!.text).toBe('МВД');
  });

  it('orders groups by key, so the same article always resolves in the same order', () => {
    const keys = prepareArticle(parsed, result).groups.map((g) => g.proposedId);
    expect(keys).toEqual([...keys].sort());
    expect(prepareArticle(parsed, result).groups.map((g) => g.proposedId)).toEqual(keys);
  });

  it('names, for a store to load first, every proposed node and its match keys', () => {
    const prepared = prepareArticle(parsed, result);
    const { keys, nodes } = lookupsOf(prepared);
    expect(nodes).toEqual(prepared.groups.map((g) => g.proposedId));
    for (const group of prepared.groups) {
      expect(keys).toContain(`id:${group.proposedId}`);
      for (const key of [...group.keys.strong, ...group.keys.weak]) expect(keys).toContain(key);
    }
    // A full name reads the short-name keys it could rival another full name for.
    const tokayev = groupOf(prepared, 'Касым-Жомарт Токаев')!;
    const rivalKeys = tokayev.keys.indexed.filter((k) => k.startsWith('w:'));
    expect(rivalKeys.length).toBeGreaterThan(0);
    for (const key of rivalKeys) expect(keys).toContain(key);
  });
});
