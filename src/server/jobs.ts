/**
 * Articles added through POST /api/articles, one at a time: extracted by the same
 * code as `kg ingest` (in a worker thread by default, see extraction.ts) and
 * written with store.addArticle in one transaction. The request returns at once
 * (202) with a job the page polls at GET /api/jobs/:id.
 *
 * One job runs at a time: the machine's cores are few, and articles added one
 * after another resolve against each other in a fixed order.
 */
import { randomUUID } from 'node:crypto';
import type { JobResponse } from '../model/api';
import type { ParsedArticle } from '../model/article';
import type { SqlGraphStore } from '../store/sql-store';
import { HttpError } from './errors';
import type { Extract } from '../node/extraction-thread';

/** More articles waiting than this is a client in a loop, not a user: 429. */
export const MAX_PENDING_JOBS = 32;
/** Finished jobs kept for polling; the oldest are forgotten first. */
const KEPT_FINISHED = 256;

export class JobQueue {
  private readonly jobs = new Map<string, JobResponse>();
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private closing = false;

  constructor(
    private readonly store: SqlGraphStore,
    private readonly extract: Extract,
  ) {}

  get(id: string): JobResponse | undefined {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  submit(article: ParsedArticle): JobResponse {
    if (this.closing) throw new HttpError(503, 'the server is shutting down');
    if (this.pending >= MAX_PENDING_JOBS) throw new HttpError(429, `${this.pending} articles are already waiting to be added; try again when they are done`);
    const job: JobResponse = { id: randomUUID(), state: 'queued', progress: 0 };
    this.jobs.set(job.id, job);
    this.pending++;
    this.chain = this.chain.then(() => this.run(job, article));
    this.forgetOld();
    return structuredClone(job);
  }

  /** Waits for the running job; jobs still queued fail with a message saying why. */
  async close(): Promise<void> {
    this.closing = true;
    await this.chain;
  }

  private async run(job: JobResponse, article: ParsedArticle): Promise<void> {
    try {
      if (this.closing) throw new Error('the server stopped before this article was added');
      job.state = 'extracting';
      job.progress = 0.1;
      if (await this.store.hasArticle(article.id)) {
        this.finish(job, article.id, undefined);
        return;
      }
      const extraction = await this.extract(article);
      job.state = 'writing';
      job.progress = 0.8;
      const summary = await this.store.addArticle(article, extraction);
      this.finish(job, article.id, summary);
    } catch (err) {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
    } finally {
      this.pending--;
    }
  }

  private finish(job: JobResponse, articleId: string, summary: Awaited<ReturnType<SqlGraphStore['addArticle']>>): void {
    job.state = 'done';
    job.progress = 1;
    job.result = summary
      ? { article: summary.id, newEntities: summary.newEntities, knownEntities: summary.knownEntities, relations: summary.relations, alreadyInGraph: false }
      : { article: articleId, newEntities: [], knownEntities: 0, relations: 0, alreadyInGraph: true };
  }

  private forgetOld(): void {
    if (this.jobs.size <= KEPT_FINISHED + MAX_PENDING_JOBS) return;
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= KEPT_FINISHED) break;
      if (job.state === 'done' || job.state === 'failed') this.jobs.delete(id);
    }
  }
}
