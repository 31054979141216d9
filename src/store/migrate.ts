/**
 * Versioned schema migrations (Kysely's Migrator over MIGRATIONS in schema.ts),
 * applied when a store is opened. A store that a newer kg has migrated further
 * is refused: reading it with an older schema could lose what it does not know.
 */
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { FormatError, KgError } from '../model/errors';
import { MIGRATIONS, type Database } from './schema';

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

export const MIGRATION_TABLE = 'kysely_migration';

/** The migrations this store has had (none for a new store). */
async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Brings the store's schema up to date; `location` names it in messages. */
export async function migrateStore(db: Kysely<Database>, location: string, options: { isBusy?: (err: unknown) => boolean } = {}): Promise<void> {
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0) {
    throw new FormatError('store', `${location} has a newer schema (migration ${unknown.join(', ')}) than this kg knows: upgrade kg to open it`);
  }
  if (applied.length === Object.keys(MIGRATIONS).length) return;
  const migrator = new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE });
  // Two processes opening a new store at once: the loser's migration fails (busy, or
  // "table already exists" once the winner committed). Wait for the winner, then
  // find the migrations applied.
  const total = Object.keys(MIGRATIONS).length;
  let lastError: unknown;
  for (let attempt = 0; attempt < 50; attempt++) {
    const { error } = await migrator.migrateToLatest();
    if (!error) return;
    lastError = error;
    await new Promise((resolve) => setTimeout(resolve, 50 + attempt * 20));
    if ((await appliedMigrations(db).catch(() => [])).length === total) return;
    if (!options.isBusy?.(error) && !/already exists/i.test(String((error as Error)?.message))) break;
  }
  throw new KgError('store', `cannot migrate ${location}: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
