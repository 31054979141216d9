/**
 * Articles added from the page: extraction in the worker, merge through the
 * knowledge base (src/graph), persistence in IndexedDB, removal. The displayed
 * graph is updated in place (sync.ts), new nodes highlighted and placed next to
 * their neighbours.
 */
import { KnowledgeBase } from '../../graph/knowledge-base';
import type { Explorer } from '../explorer';
import { t } from '../i18n';
import { graphChanged } from '../state/explorer-state';
import { placeNearNeighbours } from '../layout/positions';
import { MAX_ARTICLE_CHARS, type ExtractStage } from '../workers/protocol';
import { ExtractionClient } from './extraction-client';
import { deleteStoredArticle, listStoredArticles, saveArticle, type StoredArticle } from './store';
import { syncGraph } from './sync';

/** Pasted text above this many characters is refused before anything else happens (decoded files: in the worker). */
export { MAX_ARTICLE_CHARS };

/** A dropped file larger than this is refused before it is read (the parser's limit, MAX_ARTICLE_BYTES in src/ingest). */
export const MAX_ARTICLE_FILE_BYTES = 20 * 1024 * 1024;

export type Progress = (message: string) => void;

export class ArticleManager {
  private kb: KnowledgeBase | null = null;
  private readonly client = new ExtractionClient({ messages: { failed: (detail) => t().workerFailed(detail), stalled: (seconds) => t().workerStalled(seconds) } });
  stored: StoredArticle[] = [];

  constructor(private readonly explorer: Explorer) {}

  /** Restores the articles saved in this browser (no extraction needed: results are stored). */
  async restore(): Promise<void> {
    try {
      this.stored = await listStoredArticles();
    } catch {
      this.stored = [];
      return;
    }
    if (this.stored.length === 0) return;
    const kb = await this.base();
    for (const record of this.stored) {
      if (!kb.hasArticle(record.id)) kb.addArticle(record.article, record.extraction);
    }
    this.apply(kb, false);
  }

  /** The graph file currently shown, as a knowledge base (built on first use). */
  private async base(): Promise<KnowledgeBase> {
    this.kb ??= KnowledgeBase.fromFile(await this.explorer.toFile());
    return this.kb;
  }

  /** The displayed graph was replaced (a file was dropped): re-merge this browser's articles into it. */
  async rebase(): Promise<void> {
    this.kb = null;
    await this.restore();
  }

  /**
   * Extracts and merges one article: pasted text, or a file's bytes, which the
   * worker decodes with the CLI's parser (so a Windows-1251 file reads the same
   * in the page as in `kg ingest`).
   */
  async add(name: string, input: string | Uint8Array, progress: Progress): Promise<void> {
    const s = t();
    if (typeof input === 'string') {
      if (input.length > MAX_ARTICLE_CHARS) throw new Error(s.tooLarge((input.length / 1e6).toFixed(1)));
      if (input.trim().length === 0) throw new Error(s.emptyText);
    } else if (input.byteLength > MAX_ARTICLE_FILE_BYTES) {
      throw new Error(s.fileTooLarge(name, (input.byteLength / 1e6).toFixed(1)));
    }
    const stageText = (stage: ExtractStage) => (stage === 'loading' ? s.stageLoading : stage === 'parsing' ? s.stageParsing : s.stageExtracting);
    const { article, extraction } = await this.client.extract(name, input, (stage) => progress(s.extracting(name, stageText(stage))));
    const kb = await this.base();
    if (kb.hasArticle(article.id)) {
      progress(`${name}: ${article.title} — ${s.alreadyAdded}`);
      return;
    }
    kb.addArticle(article, extraction);
    const record: StoredArticle = { id: article.id, name, addedAt: Date.now(), article, extraction };
    try {
      await saveArticle(record);
    } catch (err) {
      progress(`${name}: ${(err as Error).message}`);
    }
    this.stored = [...this.stored.filter((r) => r.id !== record.id), record];
    const { nodes, edges, merged } = this.apply(kb, true);
    progress(s.added(nodes, edges, merged));
  }

  /** Stops the extraction under way (its worker is restarted on the next request). */
  cancel(): void {
    this.client.dispose();
  }

  async remove(id: string): Promise<void> {
    const kb = await this.base();
    if (kb.hasArticle(id)) kb.removeArticle(id);
    await deleteStoredArticle(id);
    this.stored = this.stored.filter((r) => r.id !== id);
    this.apply(kb, false);
  }

  private apply(kb: KnowledgeBase, highlight: boolean): { nodes: number; edges: number; merged: number } {
    const file = kb.toFile();
    const result = syncGraph(this.explorer.graph, file);
    placeNearNeighbours(this.explorer.graph, result.addedNodes.filter((node) => !result.placedNodes.has(node)));
    // Selection, focus, path and history follow re-keyed entities (and let go of removed ones).
    const fresh = highlight ? { nodes: new Set(result.addedNodes), edges: new Set(result.addedEdges) } : undefined;
    this.explorer.dispatch(graphChanged, { articles: file.articles, successors: result.successors, fresh }, this.explorer.has);
    return { nodes: result.addedNodes.length, edges: result.addedEdges.length, merged: result.droppedNodes.length };
  }
}
