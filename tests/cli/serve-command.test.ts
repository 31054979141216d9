/**
 * `kg serve` started as a user starts it (bin/kg.mjs, so from the CLI bundle, not through
 * vitest's loader): its lazily loaded server, path finding and metrics worker all load.
 * The server tests in tests/server build the app in-process and cannot see a module the
 * bundle fails to resolve.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { KG, ROOT, runKg } from '../support/run-kg';

let child: ChildProcess | undefined;

afterAll(() => {
  child?.kill('SIGTERM');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

it('serves the summary, a path and the metrics of an ingested store', async () => {
  const store = join(await mkdtemp(join(tmpdir(), 'kg-serve-cmd-')), 'kg.sqlite');
  expect((await runKg(['ingest', '--graph', store, join(ROOT, 'graph-data', 'articles')])).code).toBe(0);
  const port = await freePort();
  child = spawn(process.execPath, [KG, 'serve', '--graph', store, '--port', String(port)], { cwd: ROOT, env: { ...process.env, FORCE_COLOR: '0' } });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const started = Date.now();
  while (!output.includes(`127.0.0.1:${port}`)) {
    if (child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`kg serve did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  expect((await get('/api/summary')).status).toBe(200);
  const path = await get(`/api/path?from=${encodeURIComponent('person:matkenov-tlegen')}&to=${encodeURIComponent('organization:mvd@kazakhstan')}`);
  expect(path.status).toBe(200);
  expect((path.body.nodes as string[])[0]).toBe('person:matkenov-tlegen');
  let metrics = await get('/api/metrics');
  while (metrics.status === 202 && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 200));
    metrics = await get('/api/metrics');
  }
  expect(metrics.status).toBe(200);
  expect(Object.keys(metrics.body.nodes as object)).toContain('person:matkenov-tlegen');
}, 120_000);
