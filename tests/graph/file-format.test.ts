import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, canonicalGraphFile, expandStoredSentences, graphFileJsonSchema, serializeGraphFile, toCsv, toGexf, toGraphml } from '../../src/graph';
import { readGraphFile, withGraphLock, writeFileAtomic, writeGraphFile } from '../../src/graph/file-io';
import { FormatError } from '../../src/model/errors';
import { GRAPH_FILE_VERSION } from '../../src/model/graph-file';
import { seedArticle, seedExtraction } from './fixtures';

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'kg-graph-'));
}

function seedGraph(): KnowledgeBase {
  const seed = seedArticle();
  const kb = new KnowledgeBase();
  kb.addArticle(seed, seedExtraction(seed));
  return kb;
}

describe('graph file on disk', () => {
  it('writes and reads back the same graph', async () => {
    const path = join(await tempDir(), 'graph.json');
    const file = seedGraph().toFile();
    await writeGraphFile(path, file);
    const text = await readFile(path, 'utf8');
    expect(serializeGraphFile(await readGraphFile(path))).toBe(text);
  });

  it.each([
    ['not JSON', '{"type": ', /graph\.json is not valid JSON/],
    ['another tool', '{"type": "something-else", "version": 1}', /is not a graph file of this tool: "type" is "something-else"/],
    ['another version', JSON.stringify({ type: 'kg-news-explorer/graph', version: GRAPH_FILE_VERSION + 1 }), new RegExp(`has version ${GRAPH_FILE_VERSION + 1}; this build reads version ${GRAPH_FILE_VERSION}`)],
    ['empty', '', /is empty/],
  ])('refuses a file that is %s, saying what is wrong', async (_label, content, message) => {
    const path = join(await tempDir(), 'graph.json');
    await writeFile(path, content);
    const attempt = readGraphFile(path);
    await expect(attempt).rejects.toThrow(FormatError);
    await expect(readGraphFile(path)).rejects.toThrow(message);
  });

  it('says where a malformed file is wrong', async () => {
    const path = join(await tempDir(), 'graph.json');
    const file = seedGraph().toFile();
    (file.graph.nodes[2]!.attributes as { mentions: unknown }).mentions = 'many';
    await writeFile(path, JSON.stringify(file));
    await expect(readGraphFile(path)).rejects.toThrow(/malformed at graph\.nodes\[2\]\.attributes\.mentions/);
    // An edge to a node that does not exist.
    const broken = seedGraph().toFile();
    broken.graph.edges[0]!.target = 'person:nobody';
    await writeFile(path, JSON.stringify(broken));
    await expect(readGraphFile(path)).rejects.toThrow(/graph\.edges\[\d+\]: node "person:nobody" does not exist/);
  });

  it('leaves the previous file intact and no temp file behind when a write fails', async () => {
    const dir = await tempDir();
    const path = join(dir, 'graph.json');
    await writeFile(path, 'previous content');
    // Renaming a file over a non-empty directory fails: the write must not touch `path`'s sibling.
    const blocked = join(dir, 'blocked');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new content')).rejects.toThrow(/cannot write/);
    expect(await readFile(path, 'utf8')).toBe('previous content');
    expect((await readdir(dir)).sort()).toEqual(['blocked', 'graph.json']);
  });

  it('serialises concurrent read-modify-write cycles with the lock', async () => {
    const path = join(await tempDir(), 'counter.json');
    await writeFile(path, '0');
    const increment = () =>
      withGraphLock(path, async () => {
        const value = Number(await readFile(path, 'utf8'));
        await new Promise((r) => setTimeout(r, 20));
        await writeFileAtomic(path, String(value + 1));
      });
    await Promise.all([increment(), increment(), increment()]);
    expect(await readFile(path, 'utf8')).toBe('3');
  });

  it('generates a JSON Schema from the zod types', () => {
    const schema = graphFileJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['type', 'version', 'articles', 'graph', 'overrides']));
    expect(schema.required).toEqual(expect.arrayContaining(['type', 'version', 'articles', 'graph']));
  });
});

describe('graph file version 2: sentences stored once per article', () => {
  it('writes each quoted sentence once and evidence by index, and reads back every sentence with its mentions', async () => {
    const seed = seedArticle();
    const file = seedGraph().toFile();
    const text = serializeGraphFile(file);
    const stored = JSON.parse(text) as {
      articles: Array<{ sentences: Array<[number, string]> }>;
      graph: { nodes: Array<{ attributes: { evidence: Array<{ sentence: unknown; sentenceStart?: unknown }> } }> };
    };
    const sentences = stored.articles[0]!.sentences;
    expect(sentences.length).toBeGreaterThan(3);
    for (const [start, sentence] of sentences) {
      expect(seed.text.slice(start, start + sentence.length)).toBe(sentence);
      // Written once in the whole file, however many mentions and pairs quote it.
      expect(text.split(JSON.stringify(sentence)).length - 1).toBe(1);
    }
    for (const node of stored.graph.nodes) {
      for (const ev of node.attributes.evidence) {
        expect(typeof ev.sentence).toBe('number');
        expect(ev.sentenceStart).toBeUndefined();
      }
    }
    const path = join(await tempDir(), 'graph.json');
    await writeFile(path, text);
    const read = await readGraphFile(path);
    expect(read).toEqual(JSON.parse(JSON.stringify(canonicalGraphFile(file))));
    const matkenov = read.graph.nodes.find((n) => n.key === 'person:matkenov-tlegen')!;
    for (const ev of matkenov.attributes.evidence) {
      expect(ev.sentence.slice(ev.start - ev.sentenceStart, ev.end - ev.sentenceStart)).toBe(ev.text);
    }
  });

  it('can be expanded without the validator (the page parses with JSON.parse and validates in a worker)', async () => {
    const file = seedGraph().toFile();
    const text = serializeGraphFile(file);
    const path = join(await tempDir(), 'graph.json');
    await writeFile(path, text);
    expect(expandStoredSentences(JSON.parse(text))).toEqual(await readGraphFile(path));
    // Inline evidence passes through unchanged.
    const inline = JSON.parse(JSON.stringify(canonicalGraphFile(file))) as unknown;
    expect(expandStoredSentences(structuredClone(inline))).toEqual(inline);
  });

  it('reads evidence written inline (the in-memory shape), as a page download writes it', async () => {
    const file = seedGraph().toFile();
    const path = join(await tempDir(), 'graph.json');
    await writeFile(path, JSON.stringify(file));
    expect(serializeGraphFile(await readGraphFile(path))).toBe(serializeGraphFile(file));
  });

  it('reads a version 1 file without losing anything, and says so', async () => {
    const file = seedGraph().toFile();
    file.overrides = { merges: [], splits: [{ id: 'person:matkenov-tlegen', aliases: ['Маткенов'] }] };
    const path = join(await tempDir(), 'graph.json');
    await writeFile(path, JSON.stringify({ ...file, version: 1 }));
    const read = await readGraphFile(path);
    expect(read.version).toBe(GRAPH_FILE_VERSION);
    expect(serializeGraphFile(read)).toBe(serializeGraphFile(file));
    // A version 1 file that does not read as version 2 says how to get a new one.
    await writeFile(path, JSON.stringify({ ...file, version: 1, articles: 'none' }));
    await expect(readGraphFile(path)).rejects.toThrow(/version 1 .*rebuild it with kg ingest --rebuild/);
  });

  it('says which evidence names a sentence that does not exist', async () => {
    const stored = JSON.parse(serializeGraphFile(seedGraph().toFile())) as { graph: { nodes: Array<{ attributes: { evidence: Array<{ sentence: number; article: string }> } }> } };
    stored.graph.nodes[1]!.attributes.evidence[0]!.sentence = 999;
    const path = join(await tempDir(), 'graph.json');
    await writeFile(path, JSON.stringify(stored));
    await expect(readGraphFile(path)).rejects.toThrow(/malformed at graph\.nodes\[1\]\.attributes\.evidence\[0\]\.sentence: sentence 999 is out of range/);
    stored.graph.nodes[1]!.attributes.evidence[0]!.article = 'ffffffffffffffff';
    await writeFile(path, JSON.stringify(stored));
    await expect(readGraphFile(path)).rejects.toThrow(/article "ffffffffffffffff" is not in "articles"/);
  });
});

describe('exports', () => {
  it('GEXF loads back into graphology with flat, typed attributes', () => {
    const file = seedGraph().toFile();
    const graph = parseGexf(Graph, toGexf(file));
    expect(graph.order).toBe(file.graph.nodes.length);
    expect(graph.size).toBe(file.graph.edges.length);
    const matkenov = graph.getNodeAttributes('person:matkenov-tlegen');
    expect(matkenov).toMatchObject({ label: 'Тлеген Маткенов', entity_type: 'PERSON', mentions: 2, aliases: 'Тлеген Маткенов' });
    const holds = graph.findEdge((_, a) => a.relation === 'HOLDS_POSITION');
    expect(graph.getEdgeAttributes(holds!)).toMatchObject({ weight: 1, prop_position: 'начальник' });
    for (const key of graph.edges()) expect(graph.isDirected(key)).toBe(graph.getEdgeAttribute(key, 'relation') !== 'MENTIONED_WITH');
  });

  it('GraphML loads back into graphology with the same nodes, edges and attribute types', () => {
    const file = seedGraph().toFile();
    const graph = parseGraphml(Graph, toGraphml(file));
    expect(graph.order).toBe(file.graph.nodes.length);
    expect(graph.size).toBe(file.graph.edges.length);
    expect(graph.getNodeAttributes('person:matkenov-tlegen')).toMatchObject({ label: 'Тлеген Маткенов', entity_type: 'PERSON', mentions: 2 });
    const mentionedWith = graph.findEdge((_, a) => a.relation === 'MENTIONED_WITH');
    expect(graph.isUndirected(mentionedWith!)).toBe(true);
    expect(typeof graph.getEdgeAttribute(mentionedWith!, 'weight')).toBe('number');
  });

  it('CSV gives a nodes file and an edges file, one row each, quoted where needed', () => {
    const file = seedGraph().toFile();
    const { nodes, edges } = toCsv(file);
    const nodeLines = nodes.trimEnd().split('\r\n');
    expect(nodeLines[0]).toBe('key,label,entity_type,subtype,aliases,mentions,article_count,articles,possible_same_as,generic,first_evidence');
    expect(nodeLines).toHaveLength(file.graph.nodes.length + 1);
    expect(edges.split('\r\n')[0]).toMatch(/^key,source,target,directed,relation,weight,evidence_count,first_evidence,prop_position/);
    // Evidence sentences contain commas and quotes: they must be quoted and doubled.
    expect(nodes).toMatch(/"[^"]*""[^"]*/);
  });
});
