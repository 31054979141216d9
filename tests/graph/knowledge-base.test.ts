import { describe, expect, it } from 'vitest';
import { KnowledgeBase, serializeGraphFile } from '../../src/graph';
import { parseArticle } from '../../src/ingest';
import { parseGraphFileText } from '../../src/model/validate';
import { NotFoundError } from '../../src/model/errors';
import { extraction, seedArticle, seedExtraction, type MentionSpec, type RelationSpec } from './fixtures';

function article(text: string, specs: MentionSpec[], relations: RelationSpec[] = [], lang: 'ru' | 'en' = 'ru') {
  const parsed = parseArticle(text, { file: 'inline.md' });
  return { parsed, result: { ...extraction(parsed.text, specs, relations), lang } };
}

type Fixture = ReturnType<typeof article>;

const RU = article(
  '# Токаев поручил МВД\n\nПрезидент Казахстана Касым-Жомарт Токаев поручил МВД усилить борьбу с наркопреступностью. Министр внутренних дел Ерлан Тургумбаев доложил Токаеву о работе. В Казахстане изъято 2 тонны героина.',
  [
    { type: 'PERSON', text: 'Токаев', norm: 'Токаев' },
    { type: 'ORGANIZATION', text: 'МВД', norm: 'МВД', subtype: 'government_agency' },
    { type: 'LOCATION', text: 'Казахстана', norm: 'Казахстан', subtype: 'country' },
    { type: 'PERSON', text: 'Касым-Жомарт Токаев', norm: 'Касым-Жомарт Токаев' },
    { type: 'ORGANIZATION', text: 'МВД', norm: 'МВД', subtype: 'government_agency', nth: 1 },
    { type: 'PERSON', text: 'Ерлан Тургумбаев', norm: 'Ерлан Тургумбаев' },
    { type: 'PERSON', text: 'Токаеву', norm: 'Токаев' },
    { type: 'LOCATION', text: 'Казахстане', norm: 'Казахстан', subtype: 'country' },
    { type: 'DRUG', text: 'героина', norm: 'героин', ref: 'drug:heroin' },
    { type: 'QUANTITY', text: '2 тонны', norm: '2 тонны' },
  ],
  [{ type: 'HOLDS_POSITION', source: 5, target: 4, props: { position: 'министр' } }],
);

const EN = article(
  "# Tokayev orders crackdown\n\nKazakhstan's President Kassym-Jomart Tokayev ordered the interior ministry to fight drug crime. Tokayev said heroin seizures doubled.",
  [
    { type: 'LOCATION', text: 'Kazakhstan', norm: 'Kazakhstan', subtype: 'country' },
    { type: 'PERSON', text: 'Kassym-Jomart Tokayev', norm: 'Kassym-Jomart Tokayev' },
    { type: 'PERSON', text: 'Tokayev', norm: 'Tokayev', nth: 2 },
    { type: 'DRUG', text: 'heroin', norm: 'heroin', ref: 'drug:heroin' },
  ],
  [],
  'en',
);

const RUSSIA = article(
  '# МВД России и Казахстан\n\nМВД России направило запрос в МВД Казахстана. В России задержан курьер. Министр Владимир Колокольцев рассказал об этом.',
  [
    { type: 'ORGANIZATION', text: 'МВД России', norm: 'МВД России', subtype: 'government_agency' },
    { type: 'LOCATION', text: 'Казахстан', norm: 'Казахстан', subtype: 'country' },
    { type: 'ORGANIZATION', text: 'МВД России', norm: 'МВД России', subtype: 'government_agency', nth: 1 },
    { type: 'ORGANIZATION', text: 'МВД Казахстана', norm: 'МВД Казахстана', subtype: 'government_agency' },
    { type: 'LOCATION', text: 'России', norm: 'Россия', subtype: 'country', nth: 2 },
    { type: 'PERSON', text: 'Владимир Колокольцев', norm: 'Владимир Колокольцев' },
  ],
);

const ALL: Fixture[] = [RU, EN, RUSSIA];

function build(fixtures: Fixture[]): KnowledgeBase {
  const kb = new KnowledgeBase();
  for (const f of fixtures) kb.addArticle(f.parsed, f.result);
  return kb;
}

const bytes = (kb: KnowledgeBase) => serializeGraphFile(kb.toFile());
const nodeByLabel = (kb: KnowledgeBase, label: string) => kb.graph.findNode((_, a) => a.label === label);

describe('KnowledgeBase on the seed article', () => {
  it('makes one node per entity with aliases, mentions, evidence and typed edges', () => {
    const seed = seedArticle();
    const kb = new KnowledgeBase();
    const summary = kb.addArticle(seed, seedExtraction(seed));
    kb.flush();
    const matkenov = kb.graph.getNodeAttributes('person:matkenov-tlegen');
    expect(matkenov.label).toBe('Тлеген Маткенов');
    expect(matkenov.mentions).toBe(2);
    expect(matkenov.articles).toEqual([seed.id]);
    for (const ev of matkenov.evidence) {
      expect(seed.text.slice(ev.start, ev.end)).toBe(ev.text);
      expect(ev.sentence.slice(ev.start - ev.sentenceStart, ev.end - ev.sentenceStart)).toBe(ev.text);
    }
    const department = nodeByLabel(kb, 'Департамент по противодействию наркопреступности')!;
    const edge = kb.graph.edges('person:matkenov-tlegen', department)[0];
    expect(edge).toBeDefined();
    expect(kb.graph.getEdgeAttributes(edge!)).toMatchObject({ type: 'HOLDS_POSITION', weight: 1, props: { position: 'начальник' } });
    // ОПГ and "организованная преступная группа" are one node, scoped to this article.
    const groups = kb.graph.filterNodes((_, a) => a.aliases.includes('ОПГ'));
    expect(groups).toHaveLength(1);
    expect(kb.graph.getNodeAttribute(groups[0]!, 'aliases')).toContain('организованных преступных групп');
    // Facts are not nodes; they are kept on the article.
    expect(kb.graph.filterNodes((_, a) => ['MONEY', 'QUANTITY', 'DATE'].includes(a.type))).toHaveLength(0);
    expect(kb.toFile().articles[0]!.facts).toEqual([expect.objectContaining({ type: 'QUANTITY', text: '19,4 тонны' })]);
    expect(summary.newEntities.length).toBe(kb.graph.order);
  });

  it('links co-occurring entities without a typed relation by a weighted MENTIONED_WITH', () => {
    const seed = seedArticle();
    const kb = new KnowledgeBase();
    kb.addArticle(seed, seedExtraction(seed));
    kb.flush();
    const edges = kb.graph.edges('drug:hashish', 'drug:heroin');
    expect(edges).toHaveLength(1);
    expect(kb.graph.getEdgeAttributes(edges[0]!)).toMatchObject({ type: 'MENTIONED_WITH', weight: 1 });
    expect(kb.graph.isUndirected(edges[0]!)).toBe(true);
    // No MENTIONED_WITH where a typed relation exists in the same sentence.
    const department = nodeByLabel(kb, 'Департамент по противодействию наркопреступности')!;
    const types = kb.graph.edges('person:matkenov-tlegen', department).map((e) => kb.graph.getEdgeAttribute(e, 'type'));
    expect(types).toEqual(['HOLDS_POSITION']);
  });
});

describe('resolution across articles', () => {
  it('links a Russian and an English article about the same people to the same nodes', () => {
    const kb = build([RU, EN]);
    kb.flush();
    const tokayev = kb.graph.filterNodes((_, a) => a.type === 'PERSON' && a.aliases.includes('Tokayev'));
    expect(tokayev).toHaveLength(1);
    const attributes = kb.graph.getNodeAttributes(tokayev[0]!);
    expect(attributes.aliases).toEqual(expect.arrayContaining(['Касым-Жомарт Токаев', 'Kassym-Jomart Tokayev', 'Токаеву']));
    expect(attributes.articles).toEqual([RU.parsed.id, EN.parsed.id].sort());
    expect(kb.graph.filterNodes((_, a) => a.type === 'LOCATION')).toHaveLength(1);
    expect(kb.graph.filterNodes((_, a) => a.type === 'DRUG')).toEqual(['drug:heroin']);
  });

  it('keeps the МВД of an article about Kazakhstan apart from МВД России', () => {
    const kb = build(ALL);
    kb.flush();
    const mvd = kb.graph.filterNodes((_, a) => a.type === 'ORGANIZATION' && a.aliases.some((x) => x.startsWith('МВД')));
    const labels = mvd.map((id) => kb.graph.getNodeAttribute(id, 'label')).sort();
    expect(labels).toEqual(['МВД', 'МВД Казахстана', 'МВД России']);
    expect(mvd.find((id) => kb.graph.getNodeAttribute(id, 'label') === 'МВД')).toMatch(/@kazahstan$/);
  });

  it('never merges two different full names that share a surname, and records an ambiguous short name', () => {
    const a = article('# A\n\nАлександр Петров задержан. Петров отрицает вину.', [
      { type: 'PERSON', text: 'Александр Петров', norm: 'Александр Петров' },
      { type: 'PERSON', text: 'Петров', norm: 'Петров', nth: 1 },
    ]);
    const b = article('# B\n\nСергей Петров назначен прокурором.', [{ type: 'PERSON', text: 'Сергей Петров', norm: 'Сергей Петров' }]);
    const c = article('# C\n\nПетров дал интервью.', [{ type: 'PERSON', text: 'Петров', norm: 'Петров' }]);
    for (const order of [[a, b, c], [c, b, a], [b, c, a]]) {
      const kb = build(order);
      kb.flush();
      const people = kb.graph.nodes().sort();
      expect(people).toEqual(['person:aleksandr-petrov', 'person:petrov', 'person:petrov-sergei']);
      expect(kb.graph.getNodeAttribute('person:petrov', 'possibleSameAs')).toEqual(['person:aleksandr-petrov', 'person:petrov-sergei']);
    }
  });

  it('merges a lone surname into the only full name that fits, whichever came first', () => {
    const full = article('# A\n\nТлеген Маткенов выступил.', [{ type: 'PERSON', text: 'Тлеген Маткенов', norm: 'Тлеген Маткенов' }]);
    const short = article('# B\n\nMatkenov said.', [{ type: 'PERSON', text: 'Matkenov', norm: 'Matkenov' }], [], 'en');
    expect(bytes(build([full, short]))).toBe(bytes(build([short, full])));
    expect(build([short, full]).graph.nodes()).toEqual(['person:matkenov-tlegen']);
  });
});

describe('determinism, removal and corrections', () => {
  it('gives the same bytes whatever order the articles were added in', () => {
    const seed = seedArticle();
    const seedFixture = { parsed: seed, result: seedExtraction(seed) };
    const orders = [
      [seedFixture, RU, EN, RUSSIA],
      [RUSSIA, EN, RU, seedFixture],
      [EN, seedFixture, RUSSIA, RU],
    ];
    const outputs = orders.map((order) => bytes(build(order)));
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
  });

  it('round-trips through the file format byte for byte', () => {
    const kb = build(ALL);
    const text = bytes(kb);
    const reloaded = KnowledgeBase.fromFile(parseGraphFileText(text));
    expect(bytes(reloaded)).toBe(text);
  });

  it('removing an article gives the graph that never had it', () => {
    const kb = build([RU, RUSSIA, EN]);
    kb.removeArticle(EN.parsed.id);
    expect(bytes(kb)).toBe(bytes(build([RU, RUSSIA])));
    kb.removeArticle(RUSSIA.parsed.id);
    expect(bytes(kb)).toBe(bytes(build([RU])));
    expect(() => kb.removeArticle('0000000000000000')).toThrow(NotFoundError);
  });

  it('keeps a user merge when the merged entity comes back in a re-ingested article', () => {
    const kb = build([RU, RUSSIA]);
    const kolokoltsev = 'person:kolokolcev-vladimir';
    const turgumbaev = 'person:erlan-turgumbaev';
    kb.mergeNodes(turgumbaev, kolokoltsev);
    expect(kb.graph.hasNode(kolokoltsev)).toBe(false);
    kb.removeArticle(RUSSIA.parsed.id);
    kb.addArticle(RUSSIA.parsed, RUSSIA.result);
    const reloaded = KnowledgeBase.fromFile(parseGraphFileText(bytes(kb)));
    reloaded.flush();
    expect(reloaded.graph.hasNode(kolokoltsev)).toBe(false);
    expect(reloaded.graph.getNodeAttribute(turgumbaev, 'aliases')).toContain('Владимир Колокольцев');
    expect(reloaded.getOverrides().merges).toEqual([[turgumbaev, kolokoltsev]]);
  });

  it('keeps a user split when the article is ingested again', () => {
    const kb = build([RU]);
    const tokayev = 'person:jomart-kasim-tokaev';
    const newId = kb.splitNode(tokayev, ['Токаеву']);
    kb.flush();
    expect(kb.graph.getNodeAttribute(newId, 'aliases')).toEqual(['Токаев', 'Токаеву']);
    expect(kb.graph.getNodeAttribute(tokayev, 'aliases')).not.toContain('Токаеву');
    kb.removeArticle(RU.parsed.id);
    kb.addArticle(RU.parsed, RU.result);
    kb.flush();
    expect(kb.graph.hasNode(newId)).toBe(true);
    expect(kb.graph.getNodeAttribute(newId, 'mentions')).toBe(1);
    expect(kb.graph.getNodeAttribute(tokayev, 'aliases')).not.toContain('Токаеву');
  });

  it('refuses corrections that name a missing entity, with a clear message', () => {
    const kb = build([RU]);
    expect(() => kb.mergeNodes('person:jomart-kasim-tokaev', 'person:nobody')).toThrow(/no entity with id "person:nobody"/);
    expect(() => kb.splitNode('person:nobody', ['X'])).toThrow(/no entity with id "person:nobody"/);
    expect(() => kb.splitNode('person:jomart-kasim-tokaev', ['Иванов'])).toThrow(/none of "Иванов" is a form of/);
  });
});
