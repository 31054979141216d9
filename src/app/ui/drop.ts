/**
 * Files dropped on the page: a graph .json replaces the current graph (only
 * after it validated), .md/.txt articles go to the article panel. Anything else
 * is refused with a message; nothing is lost.
 */
import type { Explorer } from '../explorer';
import { t } from '../i18n';

/** A graph file larger than this is refused before reading it (the tab would freeze). */
export const MAX_GRAPH_FILE_BYTES = 200 * 1024 * 1024;

export type ArticleFileHandler = (files: File[]) => void;
let articleHandler: ArticleFileHandler | null = null;

/** The article panel registers itself here; dropped articles go to it. */
export function onArticleFiles(handler: ArticleFileHandler): void {
  articleHandler = handler;
}

export async function loadGraphFileFromUser(explorer: Explorer, file: File): Promise<void> {
  try {
    if (file.size > MAX_GRAPH_FILE_BYTES) throw new Error(`${file.name}: ${Math.round(file.size / 1e6)} MB is too large`);
    await explorer.loadFileText(await file.text(), file.name);
    explorer.notify(t().graphLoaded(file.name));
  } catch (err) {
    explorer.notify(t().graphRefused((err as Error).message), 'error');
  }
}

export function mountDropZone(target: HTMLElement, explorer: Explorer): void {
  target.addEventListener('dragover', (event) => {
    event.preventDefault();
    target.classList.add('dragging');
  });
  target.addEventListener('dragleave', () => target.classList.remove('dragging'));
  target.addEventListener('drop', (event) => {
    event.preventDefault();
    target.classList.remove('dragging');
    const files = [...(event.dataTransfer?.files ?? [])];
    void handleFiles(files, explorer);
  });
}

export async function handleFiles(files: File[], explorer: Explorer): Promise<void> {
  const articles: File[] = [];
  for (const file of files) {
    const name = file.name.toLowerCase();
    if (name.endsWith('.json')) await loadGraphFileFromUser(explorer, file);
    else if (name.endsWith('.md') || name.endsWith('.txt')) articles.push(file);
    else explorer.notify(t().unsupportedFile(file.name), 'error');
  }
  if (articles.length && articleHandler) articleHandler(articles);
}
