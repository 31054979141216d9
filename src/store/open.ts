/** `--graph <store>`: a file path (SQLite) or a postgres:// URL (PostgreSQL). */
import { resolve } from 'node:path';
import { openSqliteStore } from './sqlite';
import type { SqlGraphStore } from './sql-store';
import { isPostgresUrl } from './url';

export { isPostgresUrl, redactUrl } from './url';

export interface OpenStoreOptions {
  /** Create a missing SQLite file (commands that write); readers refuse a missing store. */
  create?: boolean;
}

export async function openStore(spec: string, options: OpenStoreOptions = {}): Promise<SqlGraphStore> {
  // pg is loaded only for a PostgreSQL store: an SQLite command starts without it.
  if (isPostgresUrl(spec)) return (await import('./postgres')).openPostgresStore(spec);
  return openSqliteStore(resolve(spec), { create: options.create ?? false });
}
