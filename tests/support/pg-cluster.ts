/**
 * A throwaway PostgreSQL 15 cluster for tests: its own data directory in a temp
 * dir, a superuser with a password (scram-sha-256 over TCP, as a real shared
 * server would ask), a free port on 127.0.0.1 and the unix socket inside the temp
 * dir, so it never meets the system's server or another test run's.
 *
 * Debian's binaries (package postgresql-15; scripts/test.sh installs it) refuse
 * to run as root, so as root every server command runs as the `postgres` system
 * user that the package creates, and the temp dir is handed to that user.
 *
 * A cluster is stopped by stop(); if the test process exits without calling it,
 * an exit hook stops it, and if the process dies without running any code
 * (SIGKILL, a crash), a small watchdog shell started with the cluster notices
 * within a second and stops the server and removes its directory.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where Debian's postgresql-15 puts initdb and pg_ctl; KG_PG_BIN overrides it. */
export const PG_BIN = process.env.KG_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PgCluster {
  /** `postgres://user:password@127.0.0.1:port/db` of the cluster's first database. */
  url: string;
  /** The same URL with a wrong password, for the authentication-error tests. */
  urlWithWrongPassword: string;
  port: number;
  user: string;
  password: string;
  /** Creates another empty database on the cluster and returns its URL (name: letters, digits, `_`; generated when omitted). */
  createDatabase(name?: string): Promise<string>;
  /** Stops the server (immediate mode: a test cluster has nothing to flush) and removes its directory; idempotent. */
  stop(): Promise<void>;
}

export interface PgClusterOptions {
  /** Name of the first database (default `kg`). */
  database?: string;
}

const USER = 'kg';
const DB_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Settings for speed, not durability: a test cluster is thrown away. */
const SETTINGS = [
  "listen_addresses = '127.0.0.1'",
  'fsync = off',
  'synchronous_commit = off',
  'full_page_writes = off',
  'shared_buffers = 16MB',
  'max_connections = 100',
  // No per-query noise in the log; it is read only when start fails.
  "log_min_messages = 'warning'",
];

const asRoot = () => process.getuid?.() === 0;

/** A command line, run as the `postgres` user when we are root. */
function command(file: string, args: readonly string[]): [string, string[]] {
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, [...args]];
}

function run(file: string, args: readonly string[], cwd: string): Promise<string> {
  const [cmd, argv] = command(file, args);
  return new Promise((resolve, reject) => {
    execFile(cmd, argv, { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pg-cluster: ${[file.split('/').pop(), ...args.slice(0, 2)].join(' ')} failed: ${(stderr || error.message).trim().split('\n').slice(-3).join(' | ')}`));
      else resolve(stdout);
    });
  });
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error("pg-cluster: running as root needs the 'postgres' system user (created by Debian's postgresql-15 package: apt-get install -y postgresql-15)");
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/** A port that was free a moment ago (the OS picks it); start() retries if someone takes it meanwhile. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('pg-cluster: no free port'))));
    });
  });
}

/** Clusters of this process still running: the exit hook stops them. */
const running = new Set<{ stopSync(): void }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // 'exit' handlers must be synchronous: spawnSync-based stopSync.
  process.on('exit', () => {
    for (const cluster of running) cluster.stopSync();
  });
}

export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const database = options.database ?? 'kg';
  if (!DB_NAME.test(database)) throw new Error(`pg-cluster: bad database name ${JSON.stringify(database)}`);
  const initdb = join(PG_BIN, 'initdb');
  const pgCtl = join(PG_BIN, 'pg_ctl');
  if (!existsSync(initdb) || !existsSync(pgCtl)) {
    throw new Error(`pg-cluster: ${initdb} not found: install Debian's postgresql-15 (apt-get install -y postgresql-15; scripts/test.sh does it as root)`);
  }

  const dir = await mkdtemp(join(tmpdir(), 'kg-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const pwfile = join(dir, 'pwfile');
  // Hex: nothing to escape in a URL.
  const password = randomBytes(12).toString('hex');
  let watchdog: ReturnType<typeof spawn> | undefined;
  let stopped = false;

  /** Marks the cluster stopped and kills the watchdog; false when it was already stopped. */
  const beginStop = (): boolean => {
    if (stopped) return false;
    stopped = true;
    running.delete(handle);
    if (watchdog?.pid !== undefined) {
      try {
        process.kill(watchdog.pid);
      } catch {
        // already gone
      }
    }
    return true;
  };
  const serverRunning = () => existsSync(join(data, 'postmaster.pid'));
  const stopArgs = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  // For the exit hook, where only synchronous code runs.
  const stopSync = () => {
    if (!beginStop()) return;
    if (serverRunning()) {
      const [cmd, argv] = command(pgCtl, stopArgs);
      try {
        execFileSync(cmd, argv, { cwd: dir, stdio: 'ignore', timeout: 30_000 });
      } catch {
        // not running after all
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const stop = async () => {
    if (!beginStop()) return;
    if (serverRunning()) await run(pgCtl, stopArgs, dir).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };
  const handle = { stopSync };

  try {
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (asRoot()) {
      const { uid, gid } = postgresIds();
      await chown(dir, uid, gid);
      await chown(pwfile, uid, gid);
    }
    await run(initdb, ['-D', data, '-U', USER, `--pwfile=${pwfile}`, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'], dir);
    await appendFile(join(data, 'postgresql.conf'), `\n# kg test cluster\n${SETTINGS.join('\n')}\nunix_socket_directories = '${dir}'\n`);

    installExitHook();
    running.add(handle);

    // The port is free when found but another process may take it before the
    // server binds it: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await run(pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', `-p ${port}`, 'start'], dir);
        break;
      } catch (error) {
        const tail = existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n').slice(-3).join(' | ') : '';
        if (attempt >= 3 || !/could not bind|address already in use/i.test(tail)) {
          throw new Error(`${(error as Error).message}${tail ? ` (log: ${tail})` : ''}`);
        }
      }
    }

    // Watchdog: outlives this process if it is killed, then stops the server.
    const [stopCmd, stopArgv] = command(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    // sh -c SCRIPT pid dir cmd...: $0 is our pid, $1 the dir, then the stop command.
    const script = 'while kill -0 "$0" 2>/dev/null; do sleep 1; done; dir=$1; shift; "$@" >/dev/null 2>&1; rm -rf "$dir"';
    watchdog = spawn('sh', ['-c', script, String(process.pid), dir, stopCmd, ...stopArgv], {
      // Its own process group: a test runner that kills ours does not kill it.
      detached: true,
      stdio: 'ignore',
      cwd: '/',
    });
    watchdog.unref();

    const urlFor = (db: string, pass = password) => `postgres://${USER}:${pass}@127.0.0.1:${port}/${db}`;
    const createDatabase = async (name = `db_${randomBytes(6).toString('hex')}`): Promise<string> => {
      if (!DB_NAME.test(name)) throw new Error(`pg-cluster: bad database name ${JSON.stringify(name)}`);
      const client = new pg.Client({ connectionString: urlFor('postgres'), connectionTimeoutMillis: 10_000 });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    };
    await createDatabase(database);

    return {
      url: urlFor(database),
      urlWithWrongPassword: urlFor(database, `${password}-wrong`),
      port,
      user: USER,
      password,
      createDatabase,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
