/**
 * Node-only: reading article files and walking directories. The parsing itself
 * (parse.ts) is isomorphic; this module adds fs and turns file-system failures
 * into InputErrors that name the path.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import type { ParsedArticle } from '../model/article';
import { InputError } from '../model/errors';
import { MAX_ARTICLE_BYTES } from './decode';
import { parseArticle } from './parse';

export const ARTICLE_EXTENSIONS: readonly string[] = ['.md', '.txt'];

function describeFsError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new InputError('ingest', `${path} does not exist`);
  if (code === 'EACCES' || code === 'EPERM') return new InputError('ingest', `${path} cannot be read (permission denied)`);
  if (code === 'EISDIR') return new InputError('ingest', `${path} is a directory, not an article file`);
  return new InputError('ingest', `${path} cannot be read: ${(err as Error).message}`);
}

/** Reads and parses one article file. The size is checked before reading. */
export async function readArticleFile(path: string): Promise<ParsedArticle> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (err) {
    throw describeFsError(path, err);
  }
  if (size > MAX_ARTICLE_BYTES) {
    throw new InputError('ingest', `${path} is too large (${size} bytes; the limit is ${MAX_ARTICLE_BYTES} bytes)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    throw describeFsError(path, err);
  }
  return parseArticle(bytes, { file: path });
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // editor temp files, .git
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile() && ARTICLE_EXTENSIONS.includes(extname(entry.name).toLowerCase())) out.push(path);
  }
}

/**
 * Expands the command line's files and directories (recursively, .md and .txt)
 * into a sorted, de-duplicated list of files. Files named explicitly are kept
 * whatever their extension: the user asked for them.
 */
export async function collectArticleFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      throw describeFsError(path, err);
    }
    if (info.isDirectory()) {
      const inDir: string[] = [];
      await walk(path, inDir);
      for (const file of inDir.sort()) found.push(file); // not push(...): a directory may hold more files than a call has arguments
    } else found.push(path);
  }
  return [...new Set(found)];
}

/** Path shown to users and stored in the graph: relative to the working directory when inside it. */
export function displayPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}
