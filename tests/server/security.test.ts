/**
 * kg serve is secure by default: bad input gets a JSON 4xx and never a crash or a
 * stack; other origins and other hosts are refused; off loopback, changes need
 * the token; bodies are limited; the app runs under a restrictive CSP.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe } from '../../src/cli/serve';
import type { KgServer } from '../../src/server/app';
import type { SqlGraphStore } from '../../src/store/sql-store';
import { extractItems, fill, serve, sqliteStore, type Item } from './support';

let items: Item[];
let store: SqlGraphStore;
let server: KgServer;
let storePath: string;

beforeAll(async () => {
  items = await extractItems(3);
  store = await fill(await sqliteStore(), items);
  storePath = store.location;
  server = await serve(store);
}, 180_000);

afterAll(async () => {
  await server?.app.close();
  await store?.close();
});

type Method = 'GET' | 'POST' | 'DELETE' | 'OPTIONS';
const inject = async (method: Method, url: string, options: { payload?: string | Buffer | object; headers?: Record<string, string> } = {}) => {
  const res = await server.app.inject({ method, url, ...options });
  return { status: res.statusCode, headers: res.headers, text: res.body, json: () => res.json<{ error: string }>() };
};

describe('bad input is a JSON 4xx with a message, never a crash', () => {
  it('malformed JSON is a 400', async () => {
    const res = await inject('POST', '/api/merge', { payload: '{"keep": "a",', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ error: 'the request body is not valid JSON' });
  });

  it('a body that does not fit the request is a 400 naming the field', async () => {
    const res = await inject('POST', '/api/merge', { payload: { keep: 'person:a', absorb: 42 } });
    expect(res.status).toBe(400);
    expect(res.json().error).toMatch(/^invalid merge: absorb: /);
    const extraField = await inject('POST', '/api/articles', { payload: { text: 'Новость', colour: 'red' } });
    expect(extraField.status).toBe(400);
    expect(extraField.json().error).toMatch(/colour/);
  });

  it('a wrong content type is a 415', async () => {
    const res = await inject('POST', '/api/merge', { payload: '<merge/>', headers: { 'content-type': 'application/xml' } });
    expect(res.status).toBe(415);
    expect(res.json().error).toMatch(/unsupported content type/);
  });

  it('unknown ids and endpoints are 404s', async () => {
    expect((await inject('GET', '/api/entities/person:nobody')).status).toBe(404);
    expect((await inject('GET', '/api/edges/nothing')).status).toBe(404);
    expect((await inject('GET', '/api/jobs/no-such-job')).status).toBe(404);
    const unknown = await inject('GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.json().error).toMatch(/not found/);
  });

  it('an internal failure is a 500 without internals', async () => {
    const broken = await sqliteStore();
    const app = await serve(broken);
    await broken.close();
    const res = await app.app.inject({ method: 'GET', url: '/api/summary' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal error (see the server log)' });
    expect(res.body).not.toMatch(/\bat .+:\d+:\d+/);
    await app.app.close();
  });

  it('a body over the limit is a 413 that says the limit', async () => {
    const huge = 'Наркотики. '.repeat(700_000); // about 7 MiB as UTF-8
    const res = await inject('POST', '/api/articles', { payload: { text: huge } });
    expect(res.status).toBe(413);
    expect(res.json().error).toBe('the request body is too large (the limit is 6 MiB)');
    const bigMerge = await inject('POST', '/api/merge', { payload: { keep: 'a'.repeat(100_000), absorb: 'b' } });
    expect(bigMerge.status).toBe(413);
    expect(bigMerge.json().error).toMatch(/64 KiB/);
  });
});

describe('other sites and other hosts', () => {
  it('refuses a request from another origin, and never sends CORS headers', async () => {
    const res = await inject('GET', '/api/summary', { headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expect(res.json().error).toMatch(/cross-origin/);
    const post = await inject('POST', '/api/merge', { payload: { keep: 'a', absorb: 'b' }, headers: { origin: 'https://evil.example' } });
    expect(post.status).toBe(403);
    const preflight = await inject('OPTIONS', '/api/merge', { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    const crossSite = await inject('GET', '/api/summary', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    for (const r of [res, post, preflight, crossSite, await inject('GET', '/api/summary')]) {
      expect(Object.keys(r.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('answers its own origin', async () => {
    const res = await inject('GET', '/api/summary', { headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } });
    expect(res.status).toBe(200);
  });

  it('on loopback, refuses a request addressed to another host name (DNS rebinding)', async () => {
    const res = await inject('GET', '/api/summary', { headers: { host: 'attacker.example:5173' } });
    expect(res.status).toBe(403);
    expect(res.json().error).toMatch(/only requests to localhost/);
  });
});

describe('the built app', () => {
  it('is served with nosniff and a CSP that allows only itself; API responses say nosniff too', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'kg-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><script type="module" src="./assets/app.js"></script>');
    await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const withApp = await serve(store, { distDir: dist });
    const page = await withApp.app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<script');
    const csp = String(page.headers['content-security-policy']);
    for (const directive of ["script-src 'self'", "worker-src 'self' blob:", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const script = await withApp.app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(script.headers['content-type']).toMatch(/javascript/);
    // The live graph, not the copy the build made.
    const graph = await withApp.app.inject({ method: 'GET', url: '/graph-data/graph.json' });
    expect(graph.json<{ articles: unknown[] }>().articles).toHaveLength(items.length);
    await withApp.app.close();

    const api = await inject('GET', `/api/articles/${items[0]!.article.id}`);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-type']).toMatch(/^application\/json/);
  });

  it('without dist/, says to run npm run build, and the API still works', async () => {
    const res = await inject('GET', '/');
    expect(res.status).toBe(503);
    expect(res.json().error).toMatch(/npm run build/);
    expect((await inject('GET', '/api/summary')).status).toBe(200);
  });
});

describe('kg serve listening', () => {
  it('binds 127.0.0.1 by default and takes changes there without a token', async () => {
    const lines: string[] = [];
    const running = await startServe({ graph: storePath, host: '127.0.0.1', port: 0, print: (l) => lines.push(l) });
    try {
      const address = running.server.app.server.address() as AddressInfo;
      expect(address.address).toBe('127.0.0.1');
      expect(running.token).toBeUndefined();
      expect(lines.join('\n')).toContain(`http://127.0.0.1:${address.port}`);
      const res = await fetch(`${running.url}/api/merge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ keep: 'person:x', absorb: 'person:y' }) });
      expect(res.status).toBe(404); // past the token check, to the store: no such entity
    } finally {
      await running.close();
    }
  });

  it('on another address, every change needs the printed token (401 without it or with a wrong one); reading does not', async () => {
    const lines: string[] = [];
    const running = await startServe({ graph: storePath, host: '0.0.0.0', port: 0, print: (l) => lines.push(l), env: {} });
    try {
      const token = running.token!;
      expect(token.length).toBeGreaterThanOrEqual(32);
      expect(lines.join('\n')).toContain(`Authorization: Bearer ${token}`);
      const port = (running.server.app.server.address() as AddressInfo).port;
      const url = `http://127.0.0.1:${port}`;
      const merge = (headers: Record<string, string>) =>
        fetch(`${url}/api/merge`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ keep: 'person:x', absorb: 'person:y' }) });
      const none = await merge({});
      expect(none.status).toBe(401);
      expect(((await none.json()) as { error: string }).error).toMatch(/Bearer/);
      expect((await merge({ authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await fetch(`${url}/api/articles/abc`, { method: 'DELETE' })).status).toBe(401);
      expect((await merge({ authorization: `Bearer ${token}` })).status).toBe(404);
      expect((await fetch(`${url}/api/summary`)).status).toBe(200);
    } finally {
      await running.close();
    }
    const fromEnv = await startServe({ graph: storePath, host: '0.0.0.0', port: 0, print: () => undefined, env: { KG_TOKEN: 'team-secret-token' } });
    expect(fromEnv.token).toBe('team-secret-token');
    await fromEnv.close();
  });
});
