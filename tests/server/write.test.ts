/** kg serve's changes: adding an article (a job extracted on the server), removing, merging, splitting; metrics follow. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobResponse, MergeResponse, RemoveArticleResponse, SplitResponse, SummaryResponse } from '../../src/model/api';
import { fromWire } from '../../src/model/summary-wire';
import type { KgServer } from '../../src/server/app';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { extractItems, fill, serve, sqliteStore, type Item } from './support';

let items: Item[];
let extra: Item[];
let store: SqlGraphStore;
let server: KgServer;

beforeAll(async () => {
  items = await extractItems(10);
  extra = await extractItems(1, 40);
  store = await fill(await sqliteStore(), items);
  server = await serve(store);
}, 180_000);

afterAll(async () => {
  await server?.app.close();
  await store?.close();
});

const inject = async <T>(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object | string | Buffer, headers: Record<string, string> = {}) => {
  const res = await server.app.inject({ method, url, ...(payload !== undefined ? { payload } : {}), headers });
  return { status: res.statusCode, body: res.json<T>() };
};
const summary = async () => fromWire((await inject<SummaryResponse>('GET', '/api/summary')).body);

async function untilFinished(id: string): Promise<JobResponse> {
  for (let i = 0; i < 600; i++) {
    const job = (await inject<JobResponse>('GET', `/api/jobs/${id}`)).body;
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the job did not finish');
}

it('adds a pasted article: 202 with a job, the job reaches done, and its new entities are in the summary', async () => {
  const before = await summary();
  const article = extra[0]!.article;
  const posted = await inject<JobResponse>('POST', '/api/articles', { text: article.text, title: 'Pasted news' });
  expect(posted.status).toBe(202);
  expect(posted.body.state).toBe('queued');
  const job = await untilFinished(posted.body.id);
  expect(job.error).toBeUndefined();
  expect(job.state).toBe('done');
  expect(job.progress).toBe(1);
  expect(job.result!.article).toBe(article.id);
  expect(job.result!.alreadyInGraph).toBe(false);
  expect(job.result!.newEntities.length).toBeGreaterThan(0);
  const after = await summary();
  expect(after.revision).not.toBe(before.revision);
  const ids = new Set(after.nodes.map((n) => n.id));
  for (const e of job.result!.newEntities) expect(ids.has(e.id)).toBe(true);
  expect(after.articles.find((a) => a.id === article.id)!.title).toBe('Pasted news');

  // The same text again changes nothing.
  const again = await untilFinished((await inject<JobResponse>('POST', '/api/articles', { text: article.text })).body.id);
  expect(again.result!.alreadyInGraph).toBe(true);
  expect((await summary()).revision).toBe(after.revision);
}, 120_000);

it('keeps answering while a long article is extracted (extraction runs off the event loop)', async () => {
  const long = `# Сводка\n\n${(await extractItems(12, 60)).map((i) => i.article.text).join('\n\n')}`;
  const posted = await inject<JobResponse>('POST', '/api/articles', { text: long });
  let answeredWhileExtracting = 0;
  for (let i = 0; i < 2000; i++) {
    const job = (await inject<JobResponse>('GET', `/api/jobs/${posted.body.id}`)).body;
    if (job.state === 'done' || job.state === 'failed') {
      expect(job.state).toBe('done');
      break;
    }
    if (job.state === 'extracting') {
      expect((await inject('GET', '/api/summary')).status).toBe(200);
      answeredWhileExtracting++;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  expect(answeredWhileExtracting).toBeGreaterThan(2);
}, 120_000);

it('takes an uploaded file as text/plain, and refuses a binary one with a clear 400', async () => {
  const text = '# Задержан курьер\n\nВ Алматы полиция задержала курьера интернет-магазина с партией гашиша.\n';
  const posted = await inject<JobResponse>('POST', '/api/articles?file=courier.md', Buffer.from(text), { 'content-type': 'text/plain' });
  expect(posted.status).toBe(202);
  expect((await untilFinished(posted.body.id)).state).toBe('done');

  const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00, 0x01]);
  const refused = await inject<{ error: string }>('POST', '/api/articles?file=photo.png', binary, { 'content-type': 'application/octet-stream' });
  expect(refused.status).toBe(400);
  expect(refused.body.error).toMatch(/photo\.png .*(not text|binary)/);
  const pastedBinary = await inject<{ error: string }>('POST', '/api/articles', { text: 'abc\u0000\u0001def' });
  expect(pastedBinary.status).toBe(400);
  expect(pastedBinary.body.error).toMatch(/binary/);
}, 120_000);

it('removes an article: the entities only it supported disappear; removing it again is a 404', async () => {
  const id = items[9]!.article.id;
  const res = await inject<RemoveArticleResponse>('DELETE', `/api/articles/${id}`);
  expect(res.status).toBe(200);
  const after = await summary();
  expect(after.articles.map((a) => a.id)).not.toContain(id);
  const ids = new Set(after.nodes.map((n) => n.id));
  for (const gone of res.body.removedEntities) expect(ids.has(gone)).toBe(false);
  expect((await inject('DELETE', `/api/articles/${id}`)).status).toBe(404);
});

it('merges two entities and records the override; unknown ids are 404, different types 400', async () => {
  const before = await summary();
  const people = before.nodes.filter((n) => n.type === 'PERSON');
  const [keep, absorb] = [people[0]!, people[1]!];
  const res = await inject<MergeResponse>('POST', '/api/merge', { keep: keep.id, absorb: absorb.id });
  expect(res.status).toBe(200);
  expect(res.body.id).toBe(keep.id);
  const after = await summary();
  expect(after.nodes.map((n) => n.id)).not.toContain(absorb.id);
  expect(after.nodes.find((n) => n.id === keep.id)!.mentions).toBe(keep.mentions + absorb.mentions);
  expect(after.overrides.merges).toContainEqual([keep.id, absorb.id]);
  expect((await inject('POST', '/api/merge', { keep: keep.id, absorb: 'person:nobody' })).status).toBe(404);
  const place = after.nodes.find((n) => n.type === 'LOCATION')!;
  const mixed = await inject<{ error: string }>('POST', '/api/merge', { keep: keep.id, absorb: place.id });
  expect(mixed.status).toBe(400);
  expect(mixed.body.error).toMatch(/different types/);
});

it('splits the mentions written as an alias into a new entity', async () => {
  const file = await store.exportFile();
  const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
  let target: { id: string; alias: string } | undefined;
  for (const { key, attributes } of file.graph.nodes) {
    for (const text of new Set(attributes.evidence.map((e) => e.text))) {
      const moving = attributes.evidence.filter((e) => fold(e.text) === fold(text) || fold(e.norm ?? e.text) === fold(text)).length;
      if (moving > 0 && moving < attributes.evidence.length) target ??= { id: key, alias: text };
    }
  }
  expect(target).toBeDefined();
  const res = await inject<SplitResponse>('POST', '/api/split', { id: target!.id, aliases: [target!.alias] });
  expect(res.status).toBe(200);
  const after = await summary();
  const created = after.nodes.find((n) => n.id === res.body.id)!;
  expect(created.aliases).toContain(target!.alias);
  expect(after.overrides.splits).toContainEqual({ id: target!.id, aliases: [target!.alias] });
  const empty = await inject<{ error: string }>('POST', '/api/split', { id: target!.id, aliases: [] });
  expect(empty.status).toBe(400);
  expect(empty.body.error).toMatch(/aliases/);
});

it('computes metrics once per revision and again after a change', async () => {
  const ctx = server.context;
  const first = await ctx.metrics.get();
  const again = await ctx.metrics.get();
  expect(again).toBe(first);
  const computed = ctx.metricsComputations;
  expect((await inject<{ revision: string }>('GET', '/api/metrics')).body.revision).toBe(first.revision);
  expect(ctx.metricsComputations).toBe(computed);

  await inject('DELETE', `/api/articles/${items[8]!.article.id}`);
  const next = await ctx.metrics.get();
  expect(next).not.toBe(first);
  expect(next.revision).not.toBe(first.revision);
  expect(ctx.metricsComputations).toBe(computed + 1);
});
