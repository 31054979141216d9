/**
 * The shared store: PostgreSQL (15 here), for a team's graph and for ingestion
 * workers on many machines. Writers serialise on one transaction-scoped advisory
 * lock: resolution then sees every earlier article, so two workers that meet the
 * same new name at the same moment create one node, not two, and the graph is the
 * same whatever order the articles arrived in. Extraction, the expensive part,
 * runs outside the lock, in parallel. Readers take a repeatable-read snapshot.
 */
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { InputError, KgError } from '../model/errors';
import { migrateStore } from './migrate';
import type { Database } from './schema';
import { SqlGraphStore, type Db, type SqlBackend } from './sql-store';
import { redactUrl } from './url';

/** The key of the store's write lock (pg_advisory_xact_lock takes a bigint). */
const WRITE_LOCK = 0x6b67_7772; // "kgwr"

export async function openPostgresStore(url: string): Promise<SqlGraphStore> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000 });
  // An idle client losing its server must not crash the process: the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw new InputError('store', `cannot connect to ${location}: ${connectionProblem(err)}`);
  }
  try {
    await migrateStore(db, location);
  } catch (err) {
    await db.destroy();
    throw err instanceof KgError ? err : new KgError('store', `cannot prepare ${location}: ${(err as Error).message}`);
  }
  const backend: SqlBackend = {
    kind: 'postgres',
    location,
    db,
    writeTransaction: <T>(fn: (trx: Db) => Promise<T>) =>
      db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(trx);
        return fn(trx);
      }),
    readTransaction: <T>(fn: (trx: Db) => Promise<T>) => db.transaction().setIsolationLevel('repeatable read').execute(fn),
    close: () => db.destroy(),
  };
  return new SqlGraphStore(backend);
}

/** A connection failure in words, never with the connection string. */
export function connectionProblem(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code === 'ECONNREFUSED') return 'connection refused (is PostgreSQL running there?)';
  if (e?.code === '28P01' || /password authentication failed/i.test(e?.message ?? '')) return 'password authentication failed';
  if (e?.code === '3D000') return 'the database does not exist';
  if (e?.code === 'ENOTFOUND') return 'host not found';
  if (/timeout/i.test(e?.message ?? '')) return 'connection timed out';
  return (e?.message ?? String(err)).replace(/postgres(ql)?:\/\/\S+/gi, (m) => redactUrl(m));
}
