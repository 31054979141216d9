/**
 * The ingestion queue against a real PostgreSQL (a throwaway cluster, one fresh
 * database per test): concurrent workers process each article once, a text
 * queued twice is one job, invalid input goes to the dead letters with its
 * reason without holding up the rest, a transient failure is retried, and a
 * database that cannot be reached is one line, quickly, without the password.
 */
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/ingest/parse';
import { articleId } from '../../src/ingest/sha256';
import { InputError } from '../../src/model/errors';
import { enqueueArticles, listDeadLetters, runWorker, type QueuedArticle, type WorkerEvent, type WorkerOptions } from '../../src/store/queue';
import { startPgCluster, type PgCluster } from '../support/pg-cluster';

let cluster: PgCluster;

beforeAll(async () => {
  cluster = await startPgCluster();
}, 60_000);

afterAll(() => cluster?.stop());

const article = (i: number): QueuedArticle => ({
  file: `article-${i}.md`,
  text: `# Статья ${i}\n\nPublished at: **2024-05-0${(i % 9) + 1}**\n\nМВД сообщило о задержании ${i} человек в Москве.\n`,
});

/** Worker options for tests: drain, fast polling, no signal handlers (vitest owns the process). */
const testWorker = (process: WorkerOptions['process'], extra: Partial<WorkerOptions> = {}): WorkerOptions => ({
  drain: true,
  pollingIntervalSeconds: 0.5,
  handleSignals: false,
  process,
  ...extra,
});

/** A `process` that parses (as the real one does, so invalid text throws InputError) and records each call. */
function recorder(delayMs = 0) {
  const calls: string[] = [];
  const process = async ({ file, text }: QueuedArticle): Promise<'added'> => {
    const parsed = parseArticle(text, { file });
    calls.push(parsed.id);
    if (delayMs) await sleep(delayMs);
    return 'added';
  };
  return { calls, process };
}

describe('enqueueArticles', () => {
  it('makes one job of a text queued twice (same text, other file name, with a BOM, or in a later call)', async () => {
    const url = await cluster.createDatabase();
    const a = article(1);
    expect(await enqueueArticles(url, [a, { file: 'copy.md', text: a.text }, { file: 'bom.md', text: `\ufeff${a.text}` }, article(2)])).toEqual({ queued: 2, duplicates: 2 });
    expect(await enqueueArticles(url, [a, article(3)])).toEqual({ queued: 1, duplicates: 1 });

    const { calls, process } = recorder();
    const events: WorkerEvent[] = [];
    const result = await runWorker(url, testWorker(process, { onEvent: (e) => events.push(e) }));
    expect(result).toEqual({ processed: 3, failed: 0, deadLettered: 0 });
    expect(calls.sort()).toEqual([a.text, article(2).text, article(3).text].map(articleId).sort());
    // The job carries the article id parseArticle computes.
    const processed = events.filter((e) => e.type === 'processed');
    expect(processed.map((e) => e.articleId).sort()).toEqual([...calls].sort());
    expect(events.at(-1)).toEqual({ type: 'stopped', reason: 'drained' });
  }, 30_000);
});

describe('runWorker', () => {
  it('processes each article exactly once with 4 concurrent workers', async () => {
    const url = await cluster.createDatabase();
    const articles = Array.from({ length: 40 }, (_, i) => article(i));
    expect(await enqueueArticles(url, articles)).toEqual({ queued: 40, duplicates: 0 });

    const { calls, process } = recorder(10);
    const t0 = Date.now();
    const results = await Promise.all(Array.from({ length: 4 }, () => runWorker(url, testWorker(process))));
    const elapsed = Date.now() - t0;

    expect(calls).toHaveLength(40);
    expect(new Set(calls).size).toBe(40);
    expect(calls.sort()).toEqual(articles.map((a) => articleId(a.text)).sort());
    expect(results.reduce((sum, r) => sum + r.processed, 0)).toBe(40);
    // The work was shared, not done by one worker while the others idled.
    expect(results.filter((r) => r.processed > 0).length).toBeGreaterThan(1);
    expect(elapsed).toBeLessThan(15_000);
    // Drained: a new worker finds nothing.
    expect(await runWorker(url, testWorker(process))).toEqual({ processed: 0, failed: 0, deadLettered: 0 });
  }, 30_000);

  it('moves invalid input to the dead letters at once, with its reason, and processes the rest', async () => {
    const url = await cluster.createDatabase();
    const valid = [article(1), article(2), article(3)];
    const invalid: QueuedArticle[] = [
      { file: 'empty.md', text: '' },
      { file: 'blank.md', text: ' \n\t\n' },
      // U+0000 cannot be stored in jsonb: the job carries it encoded.
      { file: 'binary.bin', text: `PK\u0003\u0004\u0000\u0000${'\u0000'.repeat(50)}data` },
    ];
    expect(await enqueueArticles(url, [invalid[0]!, valid[0]!, invalid[1]!, valid[1]!, invalid[2]!, valid[2]!])).toEqual({ queued: 6, duplicates: 0 });

    const { calls, process } = recorder();
    let attempts = 0;
    const events: WorkerEvent[] = [];
    const results = await Promise.all(
      [1, 2].map(() =>
        runWorker(
          url,
          testWorker(
            async (job) => {
              attempts++;
              return process(job);
            },
            { onEvent: (e) => events.push(e) },
          ),
        ),
      ),
    );
    expect(results.reduce((sum, r) => sum + r.processed, 0)).toBe(3);
    expect(results.reduce((sum, r) => sum + r.deadLettered, 0)).toBe(3);
    expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    expect(attempts).toBe(6); // no retries of invalid input
    expect(calls.sort()).toEqual(valid.map((a) => articleId(a.text)).sort());

    const dead = (await listDeadLetters(url)).sort((x, y) => x.file.localeCompare(y.file));
    expect(dead.map(({ file, articleId: id, reason }) => ({ file, id, reason }))).toEqual([
      { file: 'binary.bin', id: articleId(invalid[2]!.text), reason: 'ingest: binary.bin looks like binary data, not an article' },
      { file: 'blank.md', id: articleId(invalid[1]!.text), reason: 'ingest: blank.md contains only whitespace' },
      { file: 'empty.md', id: articleId(''), reason: 'ingest: empty.md is empty' },
    ]);
    expect(events.filter((e) => e.type === 'dead-lettered').map((e) => e.type === 'dead-lettered' && e.file).sort()).toEqual(['binary.bin', 'blank.md', 'empty.md']);
  }, 30_000);

  it('retries a transient failure, which then succeeds', async () => {
    const url = await cluster.createDatabase();
    const articles = [article(1), article(2), article(3)];
    await enqueueArticles(url, articles);
    const flaky = articleId(articles[1]!.text);
    const { calls, process } = recorder();
    let thrown = 0;
    const events: WorkerEvent[] = [];
    const result = await runWorker(
      url,
      testWorker(
        async (job) => {
          if (articleId(job.text) === flaky && thrown === 0) {
            thrown++;
            throw new Error('connection reset by the store\n    at a stack line');
          }
          return process(job);
        },
        { onEvent: (e) => events.push(e), concurrency: 2 },
      ),
    );
    expect(result).toEqual({ processed: 3, failed: 1, deadLettered: 0 });
    expect(calls.filter((id) => id === flaky)).toHaveLength(1);
    expect(events).toContainEqual({ type: 'retrying', file: 'article-2.md', articleId: flaky, attempt: 1, error: 'connection reset by the store' });
    expect(await listDeadLetters(url)).toEqual([]);
  }, 30_000);

  it('dead-letters a job that keeps failing after its retries, with the last error', async () => {
    const url = await cluster.createDatabase();
    await enqueueArticles(url, [article(7)]);
    let attempts = 0;
    const result = await runWorker(
      url,
      testWorker(async () => {
        attempts++;
        throw new Error(`store unavailable (attempt ${attempts})`);
      }),
    );
    // 1 attempt + 3 retries (pg-boss's backoff: about 1-2 s, 2-4 s, 4-8 s).
    expect(attempts).toBe(4);
    expect(result).toEqual({ processed: 0, failed: 4, deadLettered: 1 });
    const dead = await listDeadLetters(url);
    expect(dead.map(({ file, articleId: id, reason }) => ({ file, id, reason }))).toEqual([{ file: 'article-7.md', id: articleId(article(7).text), reason: 'store unavailable (attempt 4)' }]);
  }, 40_000);

  it('stops on abort, finishing the job in hand', async () => {
    const url = await cluster.createDatabase();
    const controller = new AbortController();
    const { calls, process } = recorder(300);
    const events: WorkerEvent[] = [];
    // Not draining: it waits for work until aborted.
    const worker = runWorker(url, {
      pollingIntervalSeconds: 0.5,
      handleSignals: false,
      signal: controller.signal,
      process: async (job) => {
        const done = process(job);
        controller.abort(); // abort while this job is in hand
        return done;
      },
      onEvent: (e) => events.push(e),
    });
    await sleep(300);
    await enqueueArticles(url, [article(1), article(2)]);
    const result = await worker;
    expect(result).toEqual({ processed: 1, failed: 0, deadLettered: 0 });
    expect(calls).toHaveLength(1);
    expect(events.at(-1)).toEqual({ type: 'stopped', reason: 'aborted' });
    // The other article is still queued for the next worker.
    const next = recorder();
    expect(await runWorker(url, testWorker(next.process))).toMatchObject({ processed: 1 });
  }, 30_000);
});

describe('bad connection strings', () => {
  let silent: Server;
  let silentPort = 0;

  beforeAll(async () => {
    // Accepts connections, reads and never answers: a hung server. (Reading lets
    // it see the client hang up, so close() does not wait for those sockets.)
    silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(() => new Promise<void>((resolve) => silent.close(() => resolve())));

  /** The error of `call`, with how long it took. */
  async function failure(call: () => Promise<unknown>): Promise<{ error: unknown; ms: number }> {
    const t0 = Date.now();
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error, ms: Date.now() - t0 };
  }

  const noop = testWorker(async () => 'added');

  it('an unreachable server: one line, at once, no password', async () => {
    const url = 'postgres://kg:s3cret@127.0.0.1:1/kg';
    for (const call of [() => enqueueArticles(url, [article(1)]), () => runWorker(url, noop), () => listDeadLetters(url)]) {
      const { error, ms } = await failure(call);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe('queue: cannot connect to postgres://kg:***@127.0.0.1:1/kg: connection refused');
      expect(ms).toBeLessThan(3000);
    }
  });

  it('a server that never answers: one line after the connection timeout', async () => {
    const { error, ms } = await failure(() => runWorker(`postgres://kg:s3cret@127.0.0.1:${silentPort}/kg`, noop));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`queue: cannot connect to postgres://kg:***@127.0.0.1:${silentPort}/kg: no answer within 5 s`);
    expect(ms).toBeLessThan(8000);
  }, 15_000);

  it('a wrong password: one line naming the user, not the password', async () => {
    const { error, ms } = await failure(() => enqueueArticles(cluster.urlWithWrongPassword, [article(1)]));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`queue: cannot connect to postgres://kg:***@127.0.0.1:${cluster.port}/kg: password authentication failed for user "kg"`);
    expect((error as Error).message).not.toContain(cluster.password);
    expect(ms).toBeLessThan(3000);
  });

  it('a file path instead of a URL', async () => {
    await expect(enqueueArticles('graph.db', [])).rejects.toThrow('queue: the ingestion queue needs a postgres:// URL, not "graph.db"');
  });
});
