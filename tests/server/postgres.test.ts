/**
 * The read API over PostgreSQL answers exactly what it answers over SQLite for the
 * same articles: the read model's queries are portable.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ArticleResponse, EdgeResponse, EntityResponse, PathResponse, SearchResponse, SummaryResponse } from '../../src/model/api';
import { fromWire } from '../../src/model/summary-wire';
import type { KgServer } from '../../src/server/app';
import { openStore } from '../../src/store/open';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';
import { extractItems, fill, serve, sqliteStore, type Item } from './support';

let items: Item[];
let cluster: PgCluster;
const stores: SqlGraphStore[] = [];
const servers: KgServer[] = [];

beforeAll(async () => {
  items = await extractItems(8);
  cluster = await startPgCluster();
}, 180_000);

afterAll(async () => {
  for (const s of servers) await s.app.close();
  for (const s of stores) await s.close();
  await cluster?.stop();
});

async function both(): Promise<[KgServer, KgServer]> {
  const sqlite = await fill(await sqliteStore(), items);
  const pg = await fill(await openStore(await cluster.createDatabase()), items);
  stores.push(sqlite, pg);
  const pair: [KgServer, KgServer] = [await serve(sqlite), await serve(pg)];
  servers.push(...pair);
  return pair;
}

const get = async <T>(server: KgServer, url: string) => {
  const res = await server.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json<T>() };
};

it('gives the same summary, evidence, articles, search hits and paths on PostgreSQL as on SQLite', async () => {
  const [sqlite, pg] = await both();
  const summary = fromWire((await get<SummaryResponse>(pg, '/api/summary')).body);
  expect(summary.nodes.length).toBeGreaterThan(20);
  expect(summary).toEqual(fromWire((await get<SummaryResponse>(sqlite, '/api/summary')).body));

  const node = [...summary.nodes].sort((a, b) => b.mentions - a.mentions)[0]!;
  const edge = [...summary.edges].sort((a, b) => b.weight - a.weight)[0]!;
  const second = summary.nodes.find((n) => n.id !== node.id && summary.edges.some((e) => (e.source === n.id && e.target === node.id) || (e.target === n.id && e.source === node.id)))!;
  const urls = [
    `/api/entities/${encodeURIComponent(node.id)}?offset=1&limit=3`,
    `/api/edges/${encodeURIComponent(edge.id)}`,
    `/api/articles/${items[2]!.article.id}`,
    `/api/search?q=${encodeURIComponent(node.label.slice(0, 4))}`,
    `/api/path?from=${encodeURIComponent(node.id)}&to=${encodeURIComponent(second.id)}`,
  ];
  for (const url of urls) {
    const fromPg = await get<EntityResponse | EdgeResponse | ArticleResponse | SearchResponse | PathResponse>(pg, url);
    expect(fromPg.status, url).toBe(200);
    expect(fromPg.body, url).toEqual((await get(sqlite, url)).body);
  }
  const entity = (await get<EntityResponse>(pg, urls[0]!)).body;
  expect(entity.total).toBe(node.mentions);
  expect(entity.evidence.length).toBe(Math.min(3, node.mentions - 1));
  expect((await get<PathResponse>(pg, urls[4]!)).body.nodes).toEqual([node.id, second.id]);
}, 180_000);
