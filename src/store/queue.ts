/**
 * The ingestion queue of a PostgreSQL graph store: articles waiting to be added,
 * kept by pg-boss 10 in the store's own database (pg-boss creates and migrates
 * its schema, `pgboss`, next to the store's tables). `enqueueArticles` queues
 * texts; any number of `runWorker` calls, in any number of processes on any
 * machines, take them and hand each to a `process` function (parse, extract,
 * store.addArticle).
 *
 * - One job per distinct text: the job id is derived from the text's SHA-256, the
 *   hash the article id is cut from, so queueing a text that is already queued
 *   (or done, while pg-boss keeps the finished job: 12 hours by default) adds
 *   nothing. Past that, a re-queued text is processed again and the store,
 *   which knows every article id, answers 'known'.
 * - A job whose `process` throws is retried (RETRY_LIMIT times, after a short
 *   growing delay), then moved to the dead-letter queue DEAD_LETTER_QUEUE by
 *   pg-boss. An InputError (the text is empty, binary, too large: retrying
 *   cannot help) moves it there at once, with its message as the reason; the
 *   other jobs go on.
 * - Every message that names the database shows the URL without its password
 *   (redactUrl), and a database that cannot be reached gives one line
 *   (InputError) within CONNECT_TIMEOUT_MS.
 *
 * Workers fetch and complete jobs themselves (pg-boss's fetch/complete/fail)
 * rather than through pg-boss's work(): work() fetches at most once per polling
 * interval even while jobs are queued, completes a job without awaiting the
 * database (a finished job can still look active, and a failed completion is an
 * unhandled rejection), and has no moment at which "the queue is empty" can be
 * checked for `drain`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { InputError, KgError } from '../model/errors';
import { ARTICLE_ID_LENGTH } from '../ingest/sha256';
import { isPostgresUrl, redactUrl } from './url';

/** The queue of articles to ingest. */
export const QUEUE = 'kg-ingest';
/** Jobs that failed for good: invalid input at once, other errors after RETRY_LIMIT retries. */
export const DEAD_LETTER_QUEUE = 'kg-ingest-failed';
/** Retries after a first failed attempt (pg-boss: RETRY_LIMIT + 1 attempts in all). */
export const RETRY_LIMIT = 3;
/** Seconds before the first retry; pg-boss's backoff doubles it each time, with jitter (1-2 s, 2-4 s, 4-8 s). */
const RETRY_DELAY_SECONDS = 1;
/**
 * A job active for longer is taken as abandoned (its worker died) and retried by
 * pg-boss's maintenance (pg-boss's default; an article takes seconds). It is
 * also how long a draining worker may wait for a job a killed worker held.
 */
const EXPIRE_IN_SECONDS = 15 * 60;
/** Dead letters stay readable for a month before pg-boss archives them. */
const DEAD_LETTER_RETENTION_MINUTES = 30 * 24 * 60;
/** A database that has not answered by then is reported as unreachable. */
export const CONNECT_TIMEOUT_MS = 5000;
/** pg-boss's own lower bound for polling (it refuses less in work()). */
const MIN_POLLING_INTERVAL_SECONDS = 0.5;
/** Key of the advisory lock that serializes pg-boss's schema install and queue creation across processes. */
const SETUP_LOCK_KEY = 0x6b67_7175; // "kgqu"

export interface QueuedArticle {
  /** File name (or any label): kept with the job, shown in events and dead letters. */
  file: string;
  text: string;
}

/**
 * A job's data. PostgreSQL's jsonb cannot hold U+0000 or a lone UTF-16
 * surrogate, and a binary file read as text has them: such a text travels as
 * base64 of its UTF-16 code units (exact, unlike UTF-8), so it can still be
 * queued and then refused by the worker with a proper reason.
 */
interface JobData {
  file: string;
  /** The article id of the text (what parseArticle will compute). */
  articleId: string;
  text?: string;
  textUtf16Base64?: string;
}

interface DeadLetterData extends JobData {
  reason: string;
}

/** What a worker reports as it goes (for a progress line or a log). */
export type WorkerEvent =
  | { type: 'started'; location: string; concurrency: number; drain: boolean }
  | { type: 'processed'; file: string; articleId: string; result: 'added' | 'known' }
  /** `process` threw; the job is retried after a delay (`attempt` of RETRY_LIMIT + 1 failed). */
  | { type: 'retrying'; file: string; articleId: string; attempt: number; error: string }
  | { type: 'dead-lettered'; file: string; articleId: string; reason: string }
  /** Drain mode: nothing to take right now, but `pending` jobs are active elsewhere or wait for a retry. */
  | { type: 'waiting'; pending: number }
  /** A background problem that does not stop the worker (pg-boss maintenance, a dropped idle connection). */
  | { type: 'warning'; message: string }
  | { type: 'stopped'; reason: 'drained' | 'aborted' | 'signal' | 'error' };

export interface WorkerOptions {
  /** Exit once no job is queued, active or waiting for a retry (default: keep polling until stopped). */
  drain?: boolean;
  /** Jobs processed at the same time by this call (default 1; extraction is CPU-bound, so more helps only while `process` waits on I/O). */
  concurrency?: number;
  /** Ingests one article; throw InputError for input that no retry can fix. */
  process?: (job: QueuedArticle) => Promise<'added' | 'known'>;
  /**
   * Ingests several articles at once (what `batchSize` fetched), e.g. in one store
   * transaction; per job, its outcome or the error it failed with (InputError: no
   * retry can fix it). Given instead of `process`.
   */
  processBatch?: (jobs: QueuedArticle[]) => Promise<JobOutcome[]>;
  /** Jobs a slot takes from the queue at once (default 1). */
  batchSize?: number;
  onEvent?: (event: WorkerEvent) => void;
  /** Stops the worker: no new jobs are taken, the jobs in hand are finished. */
  signal?: AbortSignal;
  /** Seconds between polls of an empty queue (default 2, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** Stop like `signal` on the first SIGINT or SIGTERM (default true); a second one kills the process as usual. */
  handleSignals?: boolean;
}

export type JobOutcome = { outcome: 'added' | 'known' } | { error: unknown };

export interface WorkerResult {
  /** Jobs completed by this worker ('added' or 'known'). */
  processed: number;
  /** Attempts whose `process` threw an error other than InputError (each retried, or dead-lettered at the last). */
  failed: number;
  /** Jobs this worker moved to the dead-letter queue (invalid input, or a last failed attempt). */
  deadLettered: number;
}

export interface DeadLetter {
  file: string;
  articleId: string;
  reason: string;
  deadLetteredOn: Date;
}

/**
 * Queues articles for the workers, one job per distinct text. Texts are not
 * checked here: an invalid one is refused by the worker and dead-lettered with
 * its reason, as it would be by `kg ingest`.
 */
export async function enqueueArticles(url: string, articles: ReadonlyArray<QueuedArticle>): Promise<{ queued: number; duplicates: number }> {
  const connection = await connectQueue(url, { max: 2, supervise: false });
  try {
    let queued = 0;
    let duplicates = 0;
    // One send per article: pg-boss's bulk insert does not say which jobs already
    // existed. Sequential, so memory holds one 20 MB article's JSON at a time.
    for (const article of articles) {
      const { jobId, data } = jobFor(article);
      const id = await connection.run('queue articles', () => connection.boss.send(QUEUE, data, { id: jobId }));
      if (id === null) duplicates++;
      else queued++;
    }
    return { queued, duplicates };
  } finally {
    await connection.close();
  }
}

/**
 * Takes jobs from the queue and calls `options.process` for each until stopped
 * (`signal`, SIGINT/SIGTERM) or, with `drain`, until the queue is empty and no
 * job is active or waiting for a retry anywhere. Jobs in hand are finished
 * before it returns. Rejects with one line (KgError) when the database cannot
 * be reached or is lost.
 *
 * Each job is processed by one worker at a time: pg-boss hands out a job by
 * switching it to `active` in a `SELECT ... FOR UPDATE SKIP LOCKED` statement, so
 * two workers never get the same active job (pg-boss's exactly-once delivery of
 * an active job). A job comes back only through a retry: after its `process`
 * failed, or after its worker vanished (killed, or lost its connection) and the
 * job outlived its expiration (EXPIRE_IN_SECONDS). Then the article may already
 * be stored, and the store's addArticle, keyed by the content id, answers 'known'.
 */
export async function runWorker(url: string, options: WorkerOptions): Promise<WorkerResult> {
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InputError('queue', `concurrency must be a whole number of at least 1, not ${concurrency}`);
  const pollingSeconds = options.pollingIntervalSeconds ?? 2;
  if (!(pollingSeconds >= MIN_POLLING_INTERVAL_SECONDS)) {
    throw new InputError('queue', `pollingIntervalSeconds must be at least ${MIN_POLLING_INTERVAL_SECONDS}, not ${pollingSeconds}`);
  }
  const emit = (event: WorkerEvent) => options.onEvent?.(event);
  const result: WorkerResult = { processed: 0, failed: 0, deadLettered: 0 };

  const connection = await connectQueue(url, { max: concurrency + 2, supervise: true, onWarning: (message) => emit({ type: 'warning', message }) });
  const { boss } = connection;

  // Stopping: slots take no new job and their sleeps end at once.
  const stop = new AbortController();
  let stopReason: 'drained' | 'aborted' | 'signal' | 'error' | undefined;
  const requestStop = (reason: NonNullable<typeof stopReason>) => {
    stopReason ??= reason;
    stop.abort();
  };
  const onAbort = () => requestStop('aborted');
  if (options.signal?.aborted) requestStop('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const onSignal = () => {
    removeSignalHandlers();
    requestStop('signal');
  };
  const removeSignalHandlers = () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  if (options.handleSignals ?? true) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }

  const batchSize = options.batchSize ?? 1;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError('queue', `batchSize must be a whole number of at least 1, not ${batchSize}`);
  const single = options.process;
  const processBatch =
    options.processBatch ??
    (single
      ? (jobs: QueuedArticle[]) => Promise.all(jobs.map((job) => single(job).then((outcome): JobOutcome => ({ outcome }), (error: unknown): JobOutcome => ({ error }))))
      : undefined);
  if (!processBatch) throw new InputError('queue', 'a worker needs process or processBatch');

  let lastWaiting = 0;
  const fileOf = (job: PgBoss.JobWithMetadata<JobData>) => (typeof job.data?.file === 'string' ? job.data.file : `job ${job.id}`);
  const handleBatch = async (jobs: Array<PgBoss.JobWithMetadata<JobData>>) => {
    let outcomes: JobOutcome[];
    try {
      outcomes = await processBatch(jobs.map((job) => ({ file: fileOf(job), text: jobText(job) })));
    } catch (error) {
      outcomes = jobs.map(() => ({ error }));
    }
    for (const [i, job] of jobs.entries()) await settle(job, outcomes[i] ?? { error: new Error('no outcome for this job') });
  };
  const settle = async (job: PgBoss.JobWithMetadata<JobData>, done: JobOutcome) => {
    const file = fileOf(job);
    const articleId = typeof job.data?.articleId === 'string' ? job.data.articleId : '';
    if ('error' in done) {
      const { error } = done;
      const reason = oneLine(error);
      if (error instanceof InputError) {
        // Straight to the dead letters, in one transaction with the completion;
        // the dead letter's id is the job's, so a repeat after a crash adds nothing.
        const data: DeadLetterData = { ...job.data, file, articleId, reason };
        await connection.run('dead-letter a job', () =>
          connection.transaction(async (db) => {
            await boss.send(DEAD_LETTER_QUEUE, data, { id: job.id, db });
            await boss.complete(QUEUE, job.id, { deadLettered: reason }, { db });
          }),
        );
        result.deadLettered++;
        emit({ type: 'dead-lettered', file, articleId, reason });
        return;
      }
      // pg-boss retries it, or after the last attempt moves it to the dead letters
      // (the queue's deadLetter) with this output as the reason.
      await connection.run('fail a job', () => boss.fail(QUEUE, job.id, { message: reason }));
      result.failed++;
      if (job.retryCount >= job.retryLimit) {
        result.deadLettered++;
        emit({ type: 'dead-lettered', file, articleId, reason });
      } else {
        emit({ type: 'retrying', file, articleId, attempt: job.retryCount + 1, error: reason });
      }
      return;
    }
    await connection.run('complete a job', () => boss.complete(QUEUE, job.id, { result: done.outcome }));
    result.processed++;
    emit({ type: 'processed', file, articleId, result: done.outcome });
  };

  const slot = async () => {
    while (!stop.signal.aborted) {
      const jobs = await boss.fetch<JobData>(QUEUE, { batchSize, includeMetadata: true });
      if (jobs.length > 0) {
        await handleBatch(jobs);
        continue;
      }
      // pg-boss's fetch returns nothing on any error, a lost database included:
      // counting the jobs still to do is both the drain test and a liveness check.
      const pending = await connection.run('read the queue', () => boss.getQueueSize(QUEUE, { before: 'completed' }));
      if (options.drain && pending === 0) {
        requestStop('drained');
        break;
      }
      if (options.drain && Date.now() - lastWaiting >= 10_000) {
        lastWaiting = Date.now();
        emit({ type: 'waiting', pending });
      }
      await sleep(pollingSeconds * 1000, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  };

  emit({ type: 'started', location: connection.location, concurrency, drain: options.drain ?? false });
  let failure: unknown;
  try {
    // A failing slot stops the others, which finish the job in hand first.
    await Promise.all(
      Array.from({ length: concurrency }, () =>
        slot().catch((error: unknown) => {
          failure ??= error;
          requestStop('error');
        }),
      ),
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    removeSignalHandlers();
    await connection.close();
  }
  emit({ type: 'stopped', reason: stopReason ?? 'aborted' });
  if (failure !== undefined) throw failure instanceof KgError ? failure : new KgError('queue', `worker failed: ${oneLine(failure)}`);
  return result;
}

/** The dead letters waiting in the queue's database, oldest first (a month's worth; older ones are archived). */
export async function listDeadLetters(url: string): Promise<DeadLetter[]> {
  const connection = await connectQueue(url, { max: 2, supervise: false });
  try {
    // pg-boss 10 has no call to list a queue's jobs: its job table is read directly.
    const { rows } = await connection.run('read the dead letters', () =>
      connection.pool.query<{ data: Partial<DeadLetterData> | null; output: { message?: unknown; value?: { message?: unknown } } | null; created_on: Date }>(
        'SELECT data, output, created_on FROM pgboss.job WHERE name = $1 ORDER BY created_on, id',
        [DEAD_LETTER_QUEUE],
      ),
    );
    return rows.map((row) => ({
      file: row.data?.file ?? '',
      articleId: row.data?.articleId ?? '',
      // Ours carry `reason`; those pg-boss moved after the last retry carry the failed attempt's output.
      reason: row.data?.reason ?? String(row.output?.message ?? row.output?.value?.message ?? 'unknown reason'),
      deadLetteredOn: row.created_on,
    }));
  } finally {
    await connection.close();
  }
}

/** The job for an article: its id (from the content hash) and data. */
function jobFor(article: QueuedArticle): { jobId: string; data: JobData } {
  // parseArticle hashes the text without a leading BOM: so do we, so that the
  // job id starts with the article id.
  const content = article.text.charCodeAt(0) === 0xfeff ? article.text.slice(1) : article.text;
  // Node's SHA-256 of the UTF-8 bytes: the digest articleId() computes, in full
  // (src/ingest/sha256.ts is synchronous TypeScript, slow on a 20 MB text).
  const hex = createHash('sha256').update(content, 'utf8').digest('hex');
  const jobId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const data: JobData = { file: article.file, articleId: hex.slice(0, ARTICLE_ID_LENGTH) };
  if (UNSTORABLE_IN_JSONB.test(article.text)) data.textUtf16Base64 = Buffer.from(article.text, 'utf16le').toString('base64');
  else data.text = article.text;
  return { jobId, data };
}

/** U+0000 or a lone surrogate: what PostgreSQL's jsonb refuses. */
const UNSTORABLE_IN_JSONB = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function jobText(job: PgBoss.Job<JobData>): string {
  const data = job.data;
  if (typeof data?.text === 'string') return data.text;
  if (typeof data?.textUtf16Base64 === 'string') return Buffer.from(data.textUtf16Base64, 'base64').toString('utf16le');
  throw new InputError('queue', `job ${job.id} carries no article text`);
}

/** An error as one line, for events, dead letters and job outputs. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || (error instanceof Error ? error.name : 'unknown error');
}

interface QueueConnection {
  boss: PgBoss;
  pool: pg.Pool;
  /** The URL without its password. */
  location: string;
  /** Runs a database call; its failure becomes one line naming the database. */
  run<T>(what: string, call: () => Promise<T>): Promise<T>;
  transaction(body: (db: PgBoss.Db) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/**
 * A started pg-boss on a pool of our own (pg-boss's `db` option): we set the
 * connection timeout, see every connection error, and close the pool ourselves
 * even when pg-boss failed to start (its stop() does nothing then). The queues
 * are created here (pg-boss 10 refuses to send to a queue that does not exist).
 */
async function connectQueue(url: string, options: { max: number; supervise: boolean; onWarning?: (message: string) => void }): Promise<QueueConnection> {
  // At least two connections: one holds the setup lock while pg-boss starts on another.
  if (options.max < 2) throw new Error('queue: connectQueue needs a pool of at least 2');
  if (!isPostgresUrl(url)) throw new InputError('queue', `the ingestion queue needs a postgres:// URL, not ${JSON.stringify(redactUrl(url))}`);
  const location = redactUrl(url);
  const scrub = (message: string) => scrubPassword(message, url);
  const pool = new pg.Pool({ connectionString: url, max: options.max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'kg-queue' });
  // An idle connection the server drops emits 'error' on the pool: without a
  // listener that would crash the process. The next query reports it properly.
  pool.on('error', (error) => options.onWarning?.(scrub(`queue: database connection lost (${location}): ${oneLine(error)}`)));
  const closePool = () => pool.end().catch(() => undefined);

  const db: PgBoss.Db = { executeSql: (text, values) => pool.query(text, values) };
  const boss = new PgBoss({
    db,
    // Cron scheduling is not used; maintenance (expiring abandoned jobs, archiving)
    // runs in workers only, every two minutes in one of them at a time.
    schedule: false,
    supervise: options.supervise,
    migrate: true,
  });
  boss.on('error', (error: unknown) => options.onWarning?.(scrub(`queue: pg-boss: ${oneLine(error)}`)));

  // Connect first, for a clear error; this client then holds the setup lock.
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await closePool();
    throw new InputError('queue', scrub(`cannot connect to ${location}: ${connectionProblem(error)}`));
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK_KEY]);
    await boss.start();
    await boss.createQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retentionMinutes: DEAD_LETTER_RETENTION_MINUTES });
    await boss.createQueue(QUEUE, {
      name: QUEUE,
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: EXPIRE_IN_SECONDS,
      deadLetter: DEAD_LETTER_QUEUE,
    });
    await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK_KEY]);
    client.release();
  } catch (error) {
    // Destroys the connection, and with it the session's advisory lock.
    client.release(true);
    await boss.stop({ graceful: false }).catch(() => undefined);
    await closePool();
    throw new KgError('queue', scrub(`cannot set up the ingestion queue in ${location}: ${oneLine(error)}`));
  }

  const run = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw new KgError('queue', scrub(`cannot ${what} in ${location}: ${connectionProblem(error)}`));
    }
  };
  const transaction = async (body: (db: PgBoss.Db) => Promise<void>) => {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await body({ executeSql: (text, values) => tx.query(text, values) });
      await tx.query('COMMIT');
      tx.release();
    } catch (error) {
      // A connection in an unknown state is not returned to the pool.
      tx.release(true);
      throw error;
    }
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await closePool();
  };
  return { boss, pool, location, run, transaction, close };
}

/** A connection error as a few words ("connection refused"), or the server's own message. */
function connectionProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'ECONNRESET':
      return 'connection reset';
  }
  const message = oneLine(error);
  // node-postgres: "timeout expired" (pool), "Connection terminated due to connection timeout" (client).
  if (/timeout expired|connection timeout/i.test(message)) return `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  // Server errors (wrong password, no such database, ...) say it well themselves.
  return message;
}

/** Masks the URL's password wherever a message might have picked it up. */
function scrubPassword(message: string, url: string): string {
  let password = '';
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message;
  }
  return password.length >= 3 ? message.split(password).join('***') : message;
}
