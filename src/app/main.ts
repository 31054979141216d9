/**
 * Entry point: loads graph-data/graph.json (when it exists), builds the
 * explorer, restores the view from the URL.
 */
import './styles.css';
import { emptyGraph, fetchGraphFile, graphFromFile } from './data/graph-io';
import { Explorer } from './explorer';
import { setLang, lang, t } from './i18n';
import { decodeViewState } from './state/url-state';
import { mountDropZone } from './ui/drop';

/** Readiness and timing for the browser tests and the UI benchmark. */
interface KgProbe {
  ready: boolean;
  firstFrameMs: number | null;
  explorer: Explorer | null;
}
declare global {
  interface Window {
    __kg: KgProbe;
  }
}

async function main(): Promise<void> {
  window.__kg = { ready: false, firstFrameMs: null, explorer: null };
  setLang(lang());
  const loaded = await fetchGraphFile('graph-data/graph.json');
  const graph = loaded.kind === 'loaded' ? graphFromFile(loaded.file) : emptyGraph();
  const notice = loaded.kind === 'missing' ? t().noGraph : loaded.kind === 'failed' ? t().graphLoadFailed(loaded.message) : undefined;
  const explorer = new Explorer({
    graph,
    articles: loaded.kind === 'loaded' ? loaded.file.articles : [],
    overrides: loaded.kind === 'loaded' ? loaded.file.overrides : undefined,
    initialState: decodeViewState(location.hash),
    notice,
  });
  window.__kg.explorer = explorer;
  // Sigma draws synchronously in its constructor; the next animation frame is when the page shows it.
  requestAnimationFrame(() => {
    window.__kg.firstFrameMs = performance.now();
  });
  mountDropZone(document.body, explorer);
  // The article panel (knowledge base, resolution, worker client) is not needed for the first frame.
  try {
    const { mountArticlePanel } = await import('./ui/articles');
    await mountArticlePanel(explorer);
  } catch (err) {
    explorer.notify((err as Error).message, 'error');
  }
  window.__kg.ready = true;
}

void main();
