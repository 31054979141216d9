/** kg serve's read API over an SQLite store of real news: what the page loads and asks for. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../src/graph/serialize';
import type { ArticleResponse, EntityResponse, MetricsResponse, NeighbourhoodResponse, PathResponse, SearchResponse, Summary, SummaryResponse } from '../../src/model/api';
import { fromWire } from '../../src/model/summary-wire';
import type { GraphFile } from '../../src/model/graph-file';
import type { KgServer } from '../../src/server/app';
import { findHubs, GraphView } from '../../src/server/graph-view';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { extractItems, fill, serve, sqliteStore, type Item } from './support';

let items: Item[];
let store: SqlGraphStore;
let server: KgServer;
let file: GraphFile;
let summary: Summary;

const get = async <T>(url: string) => {
  const res = await server.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json<T>(), headers: res.headers, raw: res.body };
};

beforeAll(async () => {
  items = await extractItems(16);
  store = await fill(await sqliteStore(), items);
  server = await serve(store);
  file = await store.exportFile();
  summary = fromWire((await get<SummaryResponse>('/api/summary')).body);
}, 180_000);

afterAll(async () => {
  await server?.app.close();
  await store?.close();
});

/** Nodes in different connected components (ignoring direction), for the no-path case. */
function components(s: Summary): Map<string, number> {
  const parent = new Map(s.nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const e of s.edges) parent.set(find(e.source), find(e.target));
  const ids = new Map<string, number>();
  const out = new Map<string, number>();
  for (const n of s.nodes) {
    const root = find(n.id);
    if (!ids.has(root)) ids.set(root, ids.size);
    out.set(n.id, ids.get(root)!);
  }
  return out;
}

describe('GET /api/summary', () => {
  it('lists every node and edge of the graph with its label, aliases and articles, and no evidence', () => {
    expect(summary.revision).toBe(String(items.length));
    expect(summary.articles.map((a) => a.id)).toEqual(file.articles.map((a) => a.id).sort());
    expect(summary.nodes).toHaveLength(file.graph.nodes.length);
    expect(summary.edges).toHaveLength(file.graph.edges.length);
    const byId = new Map(summary.nodes.map((n) => [n.id, n]));
    for (const { key, attributes } of file.graph.nodes) {
      const node = byId.get(key)!;
      expect(node.label).toBe(attributes.label);
      expect(node.aliases).toEqual(attributes.aliases);
      expect(node.mentions).toBe(attributes.mentions);
      expect(node.articles.map((i) => summary.articles[i]!.id).sort()).toEqual([...attributes.articles].sort());
      expect(node.possibleSameAs ?? []).toEqual([...(attributes.possibleSameAs ?? [])].sort());
      expect(node.subtype).toBe(attributes.subtype);
    }
    const json = JSON.stringify(summary);
    expect(json).not.toContain('"evidence"');
    expect(json).not.toContain('"sentence"');
  });

  it('is a small fraction of the full export the page used to load, and reads back as the summary', async () => {
    const raw = (await get('/api/summary')).raw;
    const summaryBytes = Buffer.byteLength(raw);
    const exportBytes = Buffer.byteLength(serializeGraphFile(file));
    // Edges go as [source, target, relation, weight, articles] by index (ids follow
    // from them): the summary is what the page draws, about a fifth of the export here.
    expect(summaryBytes / exportBytes).toBeLessThan(0.25);
    const wire = JSON.parse(raw) as SummaryResponse;
    expect(fromWire(wire).edges.map((e) => e.id).sort()).toEqual(file.graph.edges.map((e) => e.key).sort());
  });

  it('answers a repeated request with 304 while the revision is the same', async () => {
    const first = await get('/api/summary');
    const again = await server.app.inject({ method: 'GET', url: '/api/summary', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});

describe('GET /api/entities/:id', () => {
  it('pages the evidence of a much-mentioned entity, each with its sentence', async () => {
    const node = [...summary.nodes].sort((a, b) => b.mentions - a.mentions)[0]!;
    expect(node.mentions).toBeGreaterThan(4);
    const first = await get<EntityResponse>(`/api/entities/${encodeURIComponent(node.id)}?limit=2`);
    const second = await get<EntityResponse>(`/api/entities/${encodeURIComponent(node.id)}?offset=2&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.node).toEqual(node);
    expect(first.body.total).toBe(node.mentions);
    expect(first.body.evidence).toHaveLength(2);
    expect(second.body.offset).toBe(2);
    const expected = file.graph.nodes.find((n) => n.key === node.id)!.attributes.evidence;
    const order = [...expected].sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.start - b.start || a.end - b.end));
    expect([...first.body.evidence, ...second.body.evidence]).toEqual(order.slice(0, 4));
    for (const ev of first.body.evidence) expect(ev.sentence.slice(ev.start - ev.sentenceStart, ev.end - ev.sentenceStart)).toBe(ev.text);
  });

  it('caps a page at 200 and says which parameter is wrong', async () => {
    const res = await get<{ error: string }>(`/api/entities/${encodeURIComponent(summary.nodes[0]!.id)}?limit=5000`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/limit/);
  });

  it('is a 404 for an id that is not in the graph', async () => {
    const res = await get<{ error: string }>('/api/entities/person:nobody-at-all');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/no entity with id "person:nobody-at-all"/);
  });
});

describe('GET /api/edges/:id and /api/articles/:id', () => {
  it('gives a relation with its evidence sentences', async () => {
    const edge = [...summary.edges].sort((a, b) => b.weight - a.weight)[0]!;
    const res = await get<{ edge: { id: string }; evidence: Array<{ sentence: string }>; total: number }>(`/api/edges/${encodeURIComponent(edge.id)}`);
    expect(res.status).toBe(200);
    expect(res.body.edge.id).toBe(edge.id);
    expect(res.body.total).toBe(file.graph.edges.find((e) => e.key === edge.id)!.attributes.evidence.length);
    expect(res.body.evidence[0]!.sentence.length).toBeGreaterThan(0);
  });

  it('gives an article with its whole text, as JSON', async () => {
    const item = items[3]!;
    const res = await get<ArticleResponse>(`/api/articles/${item.article.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.text).toBe(item.article.text);
    expect(res.body.article.title).toBe(item.article.title);
    expect((await get('/api/articles/0000000000000000')).status).toBe(404);
  });
});

describe('GET /api/search', () => {
  it('finds an entity by an inflected form, whatever its case, and says which alias matched', async () => {
    // A surname written in a case form other than the label's (Russian inflection: "Лужкова" for Юрий Лужков).
    const inflected = (label: string, alias: string) => {
      const word = alias.split(' ').pop()!;
      return word.length > 4 && !label.split(' ').includes(word) && label.split(' ').some((w) => w.length > 4 && w.slice(0, 4) === word.slice(0, 4));
    };
    const node = summary.nodes.find((n) => n.type === 'PERSON' && n.aliases.some((a) => inflected(n.label, a)))!;
    const form = node.aliases.find((a) => inflected(node.label, a))!.split(' ').pop()!;
    const res = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(form.toLowerCase())}`);
    expect(res.status).toBe(200);
    const hit = res.body.hits.find((h) => h.id === node.id);
    expect(hit, `${form} should find ${node.label}`).toBeDefined();
    expect(hit!.label).toBe(node.label);
    expect(hit!.matched!.toLowerCase()).toContain(form.toLowerCase());
  });

  it('finds by the start of a name (prefix) and gives nothing for an empty query', async () => {
    const node = summary.nodes.find((n) => n.type === 'PERSON' && n.label.length > 8)!;
    const word = node.label.split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
    const res = await get<SearchResponse>(`/api/search?q=${encodeURIComponent(word.slice(0, 5))}`);
    expect(res.body.hits.map((h) => h.id)).toContain(node.id);
    expect((await get<SearchResponse>('/api/search?q=')).body.hits).toEqual([]);
    expect((await get('/api/search')).status).toBe(400);
  });
});

describe('graph questions', () => {
  it('gives the neighbourhood of a node, one or two hops out', async () => {
    const node = [...summary.nodes].sort((a, b) => b.mentions - a.mentions)[0]!;
    const one = (await get<NeighbourhoodResponse>(`/api/neighbourhood/${encodeURIComponent(node.id)}?hops=1`)).body;
    const two = (await get<NeighbourhoodResponse>(`/api/neighbourhood/${encodeURIComponent(node.id)}?hops=2`)).body;
    const direct = new Set(summary.edges.flatMap((e) => (e.source === node.id ? [e.target] : e.target === node.id ? [e.source] : [])));
    expect(new Set(one.nodes)).toEqual(new Set([node.id, ...direct]));
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    expect((await get(`/api/neighbourhood/${encodeURIComponent(node.id)}?hops=3`)).status).toBe(400);
  });

  it('finds a shortest path, each hop with the edge between its two nodes', async () => {
    const from = [...summary.nodes].sort((a, b) => b.mentions - a.mentions)[0]!.id;
    const one = new Set((await get<NeighbourhoodResponse>(`/api/neighbourhood/${encodeURIComponent(from)}?hops=1`)).body.nodes);
    const to = (await get<NeighbourhoodResponse>(`/api/neighbourhood/${encodeURIComponent(from)}?hops=2`)).body.nodes.find((n) => !one.has(n))!;
    const res = await get<PathResponse>(`/api/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(res.status).toBe(200);
    expect(res.body.nodes).toHaveLength(3);
    expect(res.body.nodes[0]).toBe(from);
    expect(res.body.nodes[2]).toBe(to);
    const edges = new Map(summary.edges.map((e) => [e.id, e]));
    res.body.edges.forEach((id, i) => {
      const e = edges.get(id)!;
      expect(new Set([e.source, e.target])).toEqual(new Set([res.body.nodes[i], res.body.nodes[i + 1]]));
    });
  });

  it('typed paths use no co-occurrence edge, and avoidHubs never goes through a hub', async () => {
    const view = new GraphView(summary);
    const from = [...summary.nodes].sort((a, b) => b.mentions - a.mentions)[0]!.id;
    const edges = new Map(summary.edges.map((e) => [e.id, e]));
    for (const to of summary.nodes.slice(0, 40).map((n) => n.id)) {
      const typed = await get<PathResponse>(`/api/path?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&typed=1&avoidHubs=1`);
      if (typed.status !== 200) continue;
      for (const id of typed.body.edges) expect(edges.get(id)!.type).not.toBe('MENTIONED_WITH');
      const hubs = view.hubs(true);
      for (const inner of typed.body.nodes.slice(1, -1)) expect(hubs.has(inner)).toBe(false);
    }
  });

  it('never goes through a class word (наркотики, сайт), which may still be an end', () => {
    // Маткенов - наркотики - Токаев is the shortest, Маткенов - МВД - Казахстан - Токаев the one that says something.
    const node = (id: string, generic?: true) => ({ id, label: id, type: 'PERSON' as const, aliases: [], mentions: 1, articles: [0], ...(generic ? { generic } : {}) });
    const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, type: 'MENTIONED_WITH' as const, weight: 1, articles: [0] });
    const view = new GraphView({
      ...summary,
      nodes: [node('matkenov'), node('narcotics', true), node('tokayev'), node('mvd'), node('kazakhstan')],
      edges: [edge('matkenov', 'narcotics'), edge('narcotics', 'tokayev'), edge('matkenov', 'mvd'), edge('mvd', 'kazakhstan'), edge('kazakhstan', 'tokayev')],
    });
    expect(view.path('matkenov', 'tokayev', { typed: false, avoidHubs: false })?.nodes).toEqual(['matkenov', 'mvd', 'kazakhstan', 'tokayev']);
    expect(view.path('narcotics', 'tokayev', { typed: false, avoidHubs: false })?.nodes).toEqual(['narcotics', 'tokayev']);
    // Asked again (the pruned graph is kept), and with both ends class words.
    expect(view.path('matkenov', 'tokayev', { typed: false, avoidHubs: false })?.nodes).toHaveLength(4);
    expect(view.classWordsOnlyPath('matkenov', 'tokayev', { typed: false, avoidHubs: false })).toEqual([]);
  });

  it('names the class word when a path would have to pass through one', () => {
    const node = (id: string, generic?: true) => ({ id, label: id, type: 'PERSON' as const, aliases: [], mentions: 1, articles: [0], ...(generic ? { generic } : {}) });
    const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target, type: 'MENTIONED_WITH' as const, weight: 1, articles: [0] });
    const view = new GraphView({
      ...summary,
      nodes: [node('courier'), node('site', true), node('shop'), node('drugs', true), node('loner')],
      edges: [edge('courier', 'site'), edge('site', 'shop'), edge('drugs', 'site')],
    });
    const options = { typed: false, avoidHubs: false };
    expect(view.path('courier', 'shop', options)).toBeUndefined();
    expect(view.classWordsOnlyPath('courier', 'shop', options)).toEqual(['site']);
    // Two class words as ends: the one between them may not be a step either.
    expect(view.path('drugs', 'site', options)?.nodes).toEqual(['drugs', 'site']);
    expect(view.classWordsOnlyPath('courier', 'loner', options)).toEqual([]);
  });

  it('says there is no path between nodes in different components (404)', async () => {
    const comp = components(summary);
    const a = summary.nodes[0]!.id;
    const b = summary.nodes.find((n) => comp.get(n.id) !== comp.get(a))!;
    const res = await get<{ error: string }>(`/api/path?from=${encodeURIComponent(a)}&to=${encodeURIComponent(b.id)}`);
    expect(res.status).toBe(404);
    expect(res.body.error).toMatch(/^no path between .+ and /);
    expect(res.body.error).toContain(b.label);
    expect((await get(`/api/path?from=${encodeURIComponent(a)}&to=nobody`)).status).toBe(404);
  });

  it('calls a node a hub only when its degree is far above the rest', () => {
    const star: Summary = {
      ...summary,
      nodes: Array.from({ length: 60 }, (_, i) => ({ id: `n${i}`, label: `n${i}`, type: 'PERSON' as const, aliases: [], mentions: 1, articles: [] })),
      edges: [
        ...Array.from({ length: 50 }, (_, i) => ({ id: `h${i}`, source: 'n0', target: `n${i + 1}`, type: 'MENTIONED_WITH' as const, weight: 1, articles: [] })),
        ...Array.from({ length: 58 }, (_, i) => ({ id: `c${i}`, source: `n${i + 1}`, target: `n${i + 2}`, type: 'MENTIONED_WITH' as const, weight: 1, articles: [] })),
      ],
    };
    const view = new GraphView(star);
    expect([...findHubs(view.projection(false).graph)]).toEqual(['n0']);
    expect(view.path('n1', 'n40', { typed: false, avoidHubs: false })!.nodes).toEqual(['n1', 'n0', 'n40']);
    expect(view.path('n1', 'n40', { typed: false, avoidHubs: true })!.nodes).toHaveLength(40);
  });
});

describe('GET /api/metrics', () => {
  it('gives every node its degree, PageRank, betweenness and community', async () => {
    const res = await get<MetricsResponse>('/api/metrics');
    expect(res.status).toBe(200);
    expect(res.body.revision).toBe(summary.revision);
    expect(Object.keys(res.body.nodes).sort()).toEqual(summary.nodes.map((n) => n.id).sort());
    const top = [...summary.nodes].sort((a, b) => b.mentions - a.mentions)[0]!;
    expect(res.body.nodes[top.id]!.degree).toBeGreaterThan(0);
    const ranks = Object.values(res.body.nodes).map((m) => m.pagerank);
    expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(res.body.communities).toBeGreaterThan(1);
  });
});

it('serves the whole graph file as kg export writes it (for the page until it reads the summary)', async () => {
  const res = await get<GraphFile>('/graph-data/graph.json');
  expect(res.status).toBe(200);
  expect(res.raw).toBe(serializeGraphFile(file));
});
