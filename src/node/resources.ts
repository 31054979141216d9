/**
 * Node adapter for the extraction core's resources: reads the az dictionaries
 * from the installed package and the lexicons from graph-data/lexicons.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractorResources, ResourceKind } from '../extract/resources';

const here = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = resolve(here, '..', '..');
const require = createRequire(import.meta.url);
export const AZ_DICTS_DIR = join(dirname(require.resolve('az/package.json')), 'dicts');
export const LEXICONS_DIR = join(PROJECT_ROOT, 'graph-data', 'lexicons');

export function resolveResourcePath(name: string): string {
  if (name.startsWith('az/')) return join(AZ_DICTS_DIR, name.slice(3));
  if (name.startsWith('lexicons/')) return join(LEXICONS_DIR, name.slice(9));
  if (name.startsWith('models/')) return join(PROJECT_ROOT, 'graph-data', name);
  throw new Error(`resources: unknown resource ${JSON.stringify(name)}`);
}

export function nodeResources(): ExtractorResources {
  return {
    async load(name: string, kind: ResourceKind) {
      const path = resolveResourcePath(name);
      const data = await readFile(path);
      if (kind === 'json') return JSON.parse(data.toString('utf8')) as unknown;
      // A fresh ArrayBuffer: Buffer.buffer may be a shared pool larger than the file.
      return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
    },
  };
}
