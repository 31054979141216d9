/** `kg export --format site DIR`: the built explorer and the graph, as a static snapshot; someone else's directory is refused. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { exportSite, SITE_MARKER } from '../../src/cli/export-site';
import { serializeGraphFile } from '../../src/graph/serialize';
import type { Summary, SummaryResponse } from '../../src/model/api';
import { fromWire } from '../../src/model/summary-wire';
import { readSummary } from '../../src/store/read-model';
import { runKg } from '../support/run-kg';
import { extractItems, fill, sqliteStore } from './support';

let content: { graphText: string; summary: Summary };
let storePath: string;
let dist: string;

beforeAll(async () => {
  const store = await fill(await sqliteStore(), await extractItems(2));
  storePath = store.location;
  content = { graphText: serializeGraphFile(await store.exportFile()), summary: await store.read(readSummary) };
  await store.close();
  dist = await mkdtemp(join(tmpdir(), 'kg-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>kg</title>');
  await writeFile(join(dist, 'assets', 'app-1.js'), '');
}, 180_000);

it('writes the app and the graph, and writes over its own earlier export', async () => {
  const dir = join(await mkdtemp(join(tmpdir(), 'kg-site-')), 'site');
  await exportSite(dir, content, dist);
  expect((await readdir(dir)).sort()).toEqual([SITE_MARKER, 'api', 'assets', 'graph-data', 'index.html']);
  expect(await readFile(join(dir, 'graph-data', 'graph.json'), 'utf8')).toBe(content.graphText);
  expect(fromWire(JSON.parse(await readFile(join(dir, 'api', 'summary'), 'utf8')) as SummaryResponse)).toEqual(content.summary);

  // Again, after a rebuild renamed the bundle: the old file is gone, not left beside the new one.
  await writeFile(join(dist, 'assets', 'app-2.js'), '');
  await rm(join(dist, 'assets', 'app-1.js'));
  await exportSite(dir, content, dist);
  expect(await readdir(join(dir, 'assets'))).toEqual(['app-2.js']);
});

it('refuses a non-empty directory it did not write, with a clear message, and touches nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'kg-site-'));
  await writeFile(join(dir, 'thesis.tex'), 'my work');
  await expect(exportSite(dir, content, dist)).rejects.toThrow(/is not empty and is not a site kg exported before/);
  const run = await runKg(['export', '--format', 'site', dir, '--graph', storePath]);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^kg: export: .* is not empty and is not a site kg exported before/);
  expect(await readdir(dir)).toEqual(['thesis.tex']);
}, 60_000);
