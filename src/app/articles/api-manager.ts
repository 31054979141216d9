/**
 * Articles added from the page when kg serve is behind it: the server extracts
 * and stores them (POST api/articles, then its job is polled), and the page
 * reads the summary again and updates the graph in place. Nothing is kept in
 * the browser: the server's store is the graph.
 */
import type { JobResponse } from '../../model/api';
import { deleteArticle, fetchJob, postArticle, postArticleFile } from '../data/api-client';
import { reloadSummary } from '../data/api-session';
import { setGraphSource } from '../data/source';
import type { Explorer } from '../explorer';
import { t } from '../i18n';
import { apiStrings } from '../ui/api-strings';
import { MAX_ARTICLE_CHARS } from '../workers/protocol';
import { ArticleManager } from './manager';

/** What the article panel lists: an article added from this page. */
export interface ListedArticle {
  id: string;
  name: string;
  article: { title: string };
}

/** What the article panel needs of a manager (ArticleManager in file mode, ApiArticleManager here). */
export interface ArticleManagerLike {
  readonly stored: readonly ListedArticle[];
  restore(): Promise<void>;
  rebase(): Promise<void>;
  add(name: string, input: string | Uint8Array, progress: (message: string) => void): Promise<void>;
  remove(id: string): Promise<void>;
  /** Stops waiting for what is being added (an article the server already has stays). */
  cancel(): void;
}

/** How often a running job is asked about: extraction takes a second or more, a poll costs little. */
const POLL_MS = 300;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiArticleManager implements ArticleManagerLike {
  private served: ListedArticle[] = [];
  /** Once a graph file dropped on the page replaced the served graph, articles go into that file, in this browser. */
  private local: ArticleManager | null = null;

  /** Adds started, and the last one Cancel stopped waiting for. */
  private ticket = 0;
  private cancelledUpTo = 0;

  constructor(private readonly explorer: Explorer) {}

  cancel(): void {
    if (this.local) this.local.cancel();
    this.cancelledUpTo = this.ticket;
  }

  get stored(): readonly ListedArticle[] {
    return this.local ? this.local.stored : this.served;
  }

  /** The server holds every article: nothing to restore in the browser. */
  async restore(): Promise<void> {}

  /** A dropped graph file replaced the served graph: from now on the page works as on a static host. */
  async rebase(): Promise<void> {
    setGraphSource({ kind: 'file' });
    this.local ??= new ArticleManager(this.explorer);
    await this.local.rebase();
  }

  async add(name: string, input: string | Uint8Array, progress: (message: string) => void): Promise<void> {
    if (this.local) return this.local.add(name, input, progress);
    const s = t();
    if (typeof input === 'string') {
      if (input.length > MAX_ARTICLE_CHARS) throw new Error(s.tooLarge((input.length / 1e6).toFixed(1)));
      if (input.trim().length === 0) throw new Error(s.emptyText);
    }
    const ticket = ++this.ticket;
    let job = typeof input === 'string' ? await postArticle({ text: input }) : await postArticleFile(name, input);
    while (job.state !== 'done' && job.state !== 'failed') {
      if (ticket <= this.cancelledUpTo) return;
      progress(apiStrings().jobState(name, job.state, job.progress));
      await sleep(POLL_MS);
      job = await fetchJob(job.id);
    }
    if (job.state === 'failed' || !job.result) throw new Error(apiStrings().jobFailed(name, job.error ?? job.state));
    await this.finish(name, job.result, progress);
  }

  private async finish(name: string, result: NonNullable<JobResponse['result']>, progress: (message: string) => void): Promise<void> {
    const s = t();
    const update = await reloadSummary(this.explorer, { highlight: !result.alreadyInGraph });
    const title = this.explorer.articles.find((a) => a.id === result.article)?.title || name;
    if (result.alreadyInGraph) {
      progress(`${name}: ${title} — ${s.alreadyAdded}`);
      return;
    }
    this.served = [...this.served.filter((a) => a.id !== result.article), { id: result.article, name, article: { title } }];
    progress(update ? s.added(update.addedNodes, update.addedEdges, update.merged) : s.added(result.newEntities.length, result.relations, 0));
  }

  async remove(id: string): Promise<void> {
    if (this.local) return this.local.remove(id);
    await deleteArticle(id);
    this.served = this.served.filter((a) => a.id !== id);
    await reloadSummary(this.explorer, { highlight: false });
  }
}
