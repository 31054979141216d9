/**
 * Node-only: reading, locking and atomically writing graph files.
 *  - a write goes to a temp file in the same directory, is flushed to disk, then
 *    renamed over the old file: a crash or a kill leaves the old file or the new
 *    one, never half of one;
 *  - a read-modify-write holds a lock (proper-lockfile), so two `kg ingest` runs
 *    take turns instead of losing each other's articles.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { GraphFile } from '../model/graph-file';
import { FormatError, InputError } from '../model/errors';
import { parseGraphFileTextAnyVersion as parseAnyVersion } from '../model/validate';
import { emptyGraphFile } from './knowledge-base';
import { serializeGraphFile } from './serialize';

/** Reads and validates a graph file. `missing: 'empty'` starts a new graph when the file does not exist. */
export async function readGraphFile(path: string, options: { missing: 'empty' | 'error' } = { missing: 'error' }): Promise<GraphFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && options.missing === 'empty') return emptyGraphFile();
    if (code === 'ENOENT') throw new InputError('graph-file', `${path} does not exist (build it with "kg ingest <files>")`);
    throw new InputError('graph-file', `${path} cannot be read: ${(err as Error).message}`);
  }
  if (text.trim() === '') throw new FormatError('graph-file', `${path} is empty`);
  return parseGraphFileTextAnyVersion(text, path);
}

/** Validates graph-file text, reading version 1 files too (see parseGraphFileTextAnyVersion). */
export function parseGraphFileTextAnyVersion(text: string, path: string): GraphFile {
  return parseAnyVersion(text, path, (note) => process.stderr.write(`kg: note: ${note}\n`));
}

/** Writes text to `path` atomically (temp file in the same directory, fsync, rename). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw new InputError('graph-file', `cannot write ${path}: ${(err as Error).message}`);
  }
  await removeStaleTempFiles(path);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/**
 * A process killed between writing its temp file and renaming it leaves the temp
 * file behind. It never replaces anything (the rename did not happen); the next
 * successful write of the same file removes those of processes that no longer run.
 */
async function removeStaleTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || processAlive(pid)) continue;
    await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

export async function writeGraphFile(path: string, file: GraphFile): Promise<void> {
  await writeFileAtomic(path, serializeGraphFile(file));
}

/**
 * Runs `task` while holding the graph file's lock (a `<file>.lock` directory).
 * Another process waits (up to about two minutes) rather than failing; a lock
 * left by a killed process goes stale after 20 s without updates.
 */
export async function withGraphLock<T>(path: string, task: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      realpath: false,
      stale: 20_000,
      update: 5_000,
      retries: { retries: 120, factor: 1, minTimeout: 250, maxTimeout: 1_000 },
    });
  } catch (err) {
    throw new InputError('graph-file', `${path} is locked by another kg process: ${(err as Error).message}`);
  }
  try {
    return await task();
  } finally {
    await release().catch(() => undefined);
  }
}
