/**
 * The extraction client never leaves a request hanging (runs in Node with a
 * fake worker and fake timers; the browser test in articles.test.ts covers a
 * real worker whose script throws).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExtractionClient, type WorkerLike } from '../../../src/app/articles/extraction-client';
import type { ExtractRequest, ExtractResponse } from '../../../src/app/workers/protocol';

class FakeWorker extends EventTarget implements WorkerLike {
  received: ExtractRequest[] = [];
  transferred: Transferable[][] = [];
  terminated = false;

  postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
    this.received.push(message as ExtractRequest);
    this.transferred.push(Array.isArray(transfer) ? transfer : []);
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(message: ExtractResponse): void {
    this.dispatchEvent(new MessageEvent('message', { data: message }));
  }

  fail(message: string): void {
    this.dispatchEvent(Object.assign(new Event('error'), { message }));
  }
}

const WATCHDOG_MS = 60_000;
let workers: FakeWorker[];
let client: ExtractionClient;

beforeEach(() => {
  vi.useFakeTimers();
  workers = [];
  client = new ExtractionClient({
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    watchdogMs: WATCHDOG_MS,
  });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Settles a promise into a value the test can inspect without awaiting forever. */
function track<T>(promise: Promise<T>): { state: 'pending' | 'resolved' | 'rejected'; error?: Error } {
  const box: { state: 'pending' | 'resolved' | 'rejected'; error?: Error } = { state: 'pending' };
  promise.then(
    () => (box.state = 'resolved'),
    (error: Error) => Object.assign(box, { state: 'rejected', error }),
  );
  return box;
}

const article = { id: 'a', title: 't', lang: 'ru' as const, text: 'x', bodyStart: 0, length: 1 };

describe('extraction client', () => {
  it('answers requests from the worker, with progress', async () => {
    const stages: string[] = [];
    const result = client.extract('a.txt', 'текст', (stage) => stages.push(stage));
    const worker = workers[0]!;
    const { id } = worker.received[0]!;
    worker.reply({ type: 'progress', id, stage: 'parsing' });
    worker.reply({ type: 'done', id, article: article as never, extraction: { entities: [], relations: [], sentences: [] } as never });
    await expect(result).resolves.toMatchObject({ article: { id: 'a' } });
    expect(stages).toEqual(['parsing']);
    expect(client.pendingCount).toBe(0);
  });

  it('transfers the bytes of a file instead of copying them', () => {
    const bytes = new Uint8Array([0xcf, 0xf0, 0xe8]);
    void client.extract('cp1251.txt', bytes, () => undefined).catch(() => undefined);
    expect(workers[0]!.received[0]!.input).toBe(bytes);
    expect(workers[0]!.transferred[0]).toEqual([bytes.buffer]);
  });

  it('rejects every pending request with a readable message when the worker fails, and starts a new worker next time', async () => {
    const first = track(client.extract('a.txt', 'one', () => undefined));
    const second = track(client.extract('b.txt', 'two', () => undefined));
    workers[0]!.fail('SyntaxError: Unexpected token');
    await vi.advanceTimersByTimeAsync(0);
    expect(first.state).toBe('rejected');
    expect(second.state).toBe('rejected');
    expect(first.error?.message).toContain('SyntaxError: Unexpected token');
    expect(workers[0]!.terminated).toBe(true);
    void client.extract('c.txt', 'three', () => undefined).catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('rejects on a message the page cannot read', async () => {
    const request = track(client.extract('a.txt', 'one', () => undefined));
    workers[0]!.dispatchEvent(new Event('messageerror'));
    await vi.advanceTimersByTimeAsync(0);
    expect(request.state).toBe('rejected');
    expect(request.error?.message).toMatch(/could not be read/);
  });

  it('gives up on a silent worker after the watchdog period, restarts it, and ignores the old worker later', async () => {
    const request = track(client.extract('a.txt', 'one', () => undefined));
    const { id } = workers[0]!.received[0]!;
    // Progress keeps it alive ...
    await vi.advanceTimersByTimeAsync(WATCHDOG_MS - 1000);
    workers[0]!.reply({ type: 'progress', id, stage: 'loading', detail: 'az/words.dawg' });
    await vi.advanceTimersByTimeAsync(WATCHDOG_MS - 1000);
    expect(request.state).toBe('pending');
    // ... silence does not.
    await vi.advanceTimersByTimeAsync(2000);
    expect(request.state).toBe('rejected');
    expect(request.error?.message).toMatch(/no sign of progress for 60 s/);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.pendingCount).toBe(0);
    // A late answer from the dead worker changes nothing; the next request runs on a new worker.
    workers[0]!.reply({ type: 'failed', id, message: 'late' });
    const next = track(client.extract('b.txt', 'two', () => undefined));
    expect(workers).toHaveLength(2);
    const worker = workers[1]!;
    worker.reply({ type: 'failed', id: worker.received[0]!.id, message: 'b.txt is empty' });
    await vi.advanceTimersByTimeAsync(0);
    expect(next.error?.message).toBe('b.txt is empty');
  });

  it('does not time out while idle', async () => {
    const result = client.extract('a.txt', 'one', () => undefined);
    const worker = workers[0]!;
    worker.reply({ type: 'done', id: worker.received[0]!.id, article: article as never, extraction: { entities: [], relations: [], sentences: [] } as never });
    await result;
    await vi.advanceTimersByTimeAsync(WATCHDOG_MS * 3);
    expect(worker.terminated).toBe(false);
  });
});
