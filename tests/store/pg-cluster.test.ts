/**
 * The throwaway PostgreSQL cluster the store and queue tests run against: it
 * starts, answers through `pg` with password authentication, refuses a wrong
 * password, gives isolated extra databases, and stop() leaves no server and no
 * directory behind.
 */
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startPgCluster', () => {
  let cluster: PgCluster;
  let started = 0;

  beforeAll(async () => {
    const t0 = Date.now();
    cluster = await startPgCluster();
    started = Date.now() - t0;
  }, 60_000);

  afterAll(() => cluster?.stop());

  it('starts quickly on a free port and answers select 1 with the password', async () => {
    expect(started).toBeLessThan(20_000);
    expect(cluster.url).toBe(`postgres://kg:${cluster.password}@127.0.0.1:${cluster.port}/kg`);
    expect(await query<{ one: number }>(cluster.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    const [row] = await query<{ db: string; user: string; version: string }>(cluster.url, 'select current_database() as db, current_user as user, version() as version');
    expect(row).toMatchObject({ db: 'kg', user: 'kg' });
    expect(row!.version).toMatch(/^PostgreSQL 15\./);
  });

  it('refuses a wrong password with an authentication error', async () => {
    const error = await query(cluster.urlWithWrongPassword, 'select 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code?: string }).code).toBe('28P01'); // invalid_password
    expect((error as Error).message).toMatch(/password authentication failed for user "kg"/);
  });

  it('creates extra databases, isolated from each other', async () => {
    const a = await cluster.createDatabase('extra_a');
    const b = await cluster.createDatabase();
    expect(a).toBe(`postgres://kg:${cluster.password}@127.0.0.1:${cluster.port}/extra_a`);
    await query(a, 'create table t (x int)');
    expect(await query(b, "select to_regclass('t') as t")).toEqual([{ t: null }]);
    await expect(cluster.createDatabase('bad; drop')).rejects.toThrow(/bad database name/);
  });

  it('stops: the port is closed and the directory removed', async () => {
    const other = await startPgCluster({ database: 'other' });
    expect(other.port).not.toBe(cluster.port);
    expect(await listening(other.port)).toBe(true);
    const dir = (await query<{ dir: string }>(other.url, "select current_setting('data_directory') as dir"))[0]!.dir;
    expect(existsSync(dir)).toBe(true);
    await other.stop();
    expect(await listening(other.port)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    await other.stop(); // idempotent
  }, 60_000);
});
