/** `--graph <store>`: a file path (SQLite) or a postgres:// URL (PostgreSQL). */
import { resolve } from 'node:path';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { SqlGraphStore } from './sql-store';
import { isPostgresUrl } from './url';

export { isPostgresUrl, redactUrl } from './url';

export interface OpenStoreOptions {
  /** Create a missing SQLite file (commands that write); readers refuse a missing store. */
  create?: boolean;
}

export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<SqlGraphStore> {
  if (isPostgresUrl(spec)) return openPostgresStore(spec);
  return openSqliteStore(resolve(spec), { create: options.create ?? false });
}
