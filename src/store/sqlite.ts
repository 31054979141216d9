/**
 * The embedded store: one SQLite file (graph-data/kg.sqlite by default) through
 * better-sqlite3. WAL journal: the explorer reading never waits for an ingest
 * writing. A write transaction starts with BEGIN IMMEDIATE, so concurrent writers
 * (several `kg ingest` at once) queue on SQLite's own lock, with a generous busy
 * timeout, instead of failing half-way.
 */
import { mkdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import { FormatError, InputError, KgError } from '../model/errors';
import { MIGRATION_TABLE, migrateStore } from './migrate';
import type { Database } from './schema';
import { SqlGraphStore, type Db, type SqlBackend } from './sql-store';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** How long a writer waits for another to finish (a long rebuild holds the lock throughout). */
const BUSY_TIMEOUT_MS = 10 * 60 * 1000;

export interface OpenOptions {
  /** Create the store when it does not exist (writers); readers get a clear error instead. */
  create: boolean;
}

export async function openSqliteStore(path: string, options: OpenOptions): Promise<SqlGraphStore> {
  const exists = fileSize(path);
  if (exists === undefined) {
    if (!options.create) throw new InputError('store', `${path} does not exist (build it with "kg ingest <files>")`);
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (err) {
      throw new InputError('store', `cannot create ${path}: ${(err as Error).message}`);
    }
  } else if (exists > 0 && !hasSqliteHeader(path)) {
    throw new FormatError('store', `${path} is not a kg store (not an SQLite database)`);
  }

  let native: BetterSqlite3.Database;
  try {
    native = new BetterSqlite3(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw describeOpenError(path, err);
  }
  try {
    // Before anything writes to it (WAL mode rewrites the header): is it ours?
    const tables = (native.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((t) => t.name);
    if (tables.length > 0 && !tables.includes(MIGRATION_TABLE)) {
      throw new FormatError('store', `${path} is an SQLite database but not a kg store (it has tables ${tables.slice(0, 5).join(', ')})`);
    }
    native.pragma('journal_mode = WAL');
    native.pragma('synchronous = NORMAL');
    native.pragma('foreign_keys = OFF');
  } catch (err) {
    native.close();
    throw err instanceof KgError ? err : describeOpenError(path, err);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  try {
    await migrateStore(db, path, { isBusy });
  } catch (err) {
    await db.destroy();
    throw err instanceof KgError ? err : describeOpenError(path, err);
  }

  let queue = Promise.resolve();
  const backend: SqlBackend = {
    kind: 'sqlite',
    location: path,
    db,
    writeTransaction: <T>(fn: (trx: Db) => Promise<T>) => exclusive(() => transaction(db, 'begin immediate', fn)),
    readTransaction: <T>(fn: (trx: Db) => Promise<T>) => exclusive(() => transaction(db, 'begin', fn)),
    close: () => db.destroy(),
  };
  // One connection: transactions of this process run one after another.
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }
  return new SqlGraphStore(backend);
}

async function transaction<T>(db: Kysely<Database>, begin: 'begin' | 'begin immediate', fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(begin).execute(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

function isBusy(err: unknown): boolean {
  return (err as { code?: string })?.code === 'SQLITE_BUSY';
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

function hasSqliteHeader(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(16);
    return readSync(fd, buffer, 0, 16, 0) === 16 && buffer.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

function describeOpenError(path: string, err: unknown): KgError {
  const code = (err as { code?: string })?.code ?? '';
  const message = (err as Error)?.message ?? String(err);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new FormatError('store', `${path} is corrupted or not a kg store (${message})`);
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') return new InputError('store', `cannot open ${path} for writing (${message})`);
  return new KgError('store', `cannot open ${path}: ${message}`);
}

/**
 * Kysely prepares every query anew; an ingest runs the same few statements for
 * every article, and preparing them was a fifth of the store's time. Statements
 * are kept by their SQL (a bounded, least-recently-used set) and reused.
 */
function withStatementCache(native: BetterSqlite3.Database, size = 256): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => native.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = native.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}
