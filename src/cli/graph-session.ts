/** Opening the graph store for a command (Node-only). */
import { resolve } from 'node:path';
import { PROJECT_ROOT } from '../node/resources';
import { isPostgresUrl, openStore, redactUrl } from '../store/open';
import { displayPath } from '../ingest/files';
import type { SqlGraphStore } from '../store/sql-store';

/** The default store: $KG_GRAPH, else graph-data/kg.sqlite. */
export function defaultStore(): string {
  return process.env.KG_GRAPH?.trim() || resolve(PROJECT_ROOT, 'graph-data', 'kg.sqlite');
}

export const GRAPH_OPTION_HELP = 'the graph store: an SQLite file or a postgres:// URL (default: $KG_GRAPH, else graph-data/kg.sqlite)';

/**
 * Opens the store, runs `use`, and closes it whatever happens. `create`: a missing
 * SQLite file is created (commands that add to the graph); otherwise it is an error.
 */
export async function withStore<T>(spec: string, options: { create: boolean }, use: (store: SqlGraphStore) => Promise<T>): Promise<T> {
  const store = await openStore(spec, { create: options.create });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A store as a user should see it in messages: a path relative to here, or a URL without its password. */
export function displayStore(spec: string): string {
  return isPostgresUrl(spec) ? redactUrl(spec) : displayPath(resolve(spec));
}
