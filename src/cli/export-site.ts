/**
 * `kg export --format site DIR`: a read-only snapshot to share, that any static
 * file host serves: the built explorer (a copy of dist/) with the graph as of
 * now in graph-data/graph.json (what the page loads), and the summary at
 * api/summary for a page that reads that instead.
 *
 * DIR is emptied first, so only a directory this command wrote before (it leaves
 * a marker file) or an empty one is accepted: anything else could be someone's work.
 */
import { toWire } from '../model/summary-wire';
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import type { Summary } from '../model/api';

export const SITE_MARKER = '.kg-site.json';
const SITE_TYPE = 'kg-news-explorer/site';

async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new InputError('export', `${dir} is a file, not a directory`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return readdir(dir);
}

export async function exportSite(dir: string, content: { graphText: string; summary: Summary }, distDir: string): Promise<void> {
  const entries = await entriesOf(dir);
  if (entries && entries.length > 0 && !entries.includes(SITE_MARKER)) {
    throw new InputError('export', `${dir} is not empty and is not a site kg exported before (no ${SITE_MARKER}): give a new or empty directory`);
  }
  if ((await entriesOf(distDir)) === undefined) throw new InputError('export', 'the explorer is not built (no dist/): run `npm run build` first');
  if (entries && entries.length > 0) {
    for (const entry of entries) await rm(join(dir, entry), { recursive: true, force: true });
  }
  await mkdir(dir, { recursive: true });
  await cp(distDir, dir, { recursive: true });
  await mkdir(join(dir, 'graph-data'), { recursive: true });
  await writeFile(join(dir, 'graph-data', 'graph.json'), content.graphText);
  await mkdir(join(dir, 'api'), { recursive: true });
  await writeFile(join(dir, 'api', 'summary'), JSON.stringify(toWire(content.summary)));
  const marker = { type: SITE_TYPE, revision: content.summary.revision, articles: content.summary.articles.length, exported: new Date().toISOString() };
  await writeFile(join(dir, SITE_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}
