/**
 * Entry point: loads graph-data/graph.json (when it exists), builds the
 * explorer, restores the view from the URL.
 */
import './styles.css';
import { emptyGraph, fetchGraphFile } from './data/graph-io';
import { Explorer } from './explorer';
import { setLang, lang, t } from './i18n';
import { decodeViewState } from './state/url-state';
import { mountDropZone } from './ui/drop';

/** Readiness and timing for the browser tests and the UI benchmark. */
interface KgProbe {
  ready: boolean;
  firstFrameMs: number | null;
  explorer: Explorer | null;
  /** Milliseconds since navigation at each startup step (for bench-ui). */
  timings: Record<string, number>;
}
declare global {
  interface Window {
    __kg: KgProbe;
  }
}

async function main(): Promise<void> {
  const timings: Record<string, number> = {};
  window.__kg = { ready: false, firstFrameMs: null, explorer: null, timings };
  setLang(lang());
  timings['start'] = performance.now();
  const loaded = await fetchGraphFile('graph-data/graph.json', timings);
  timings['loaded'] = performance.now();
  const graph = loaded.kind === 'loaded' ? loaded.graph : emptyGraph();
  const notice = loaded.kind === 'missing' ? t().noGraph : loaded.kind === 'failed' ? t().graphLoadFailed(loaded.message) : undefined;
  const explorer = new Explorer({
    graph,
    articles: loaded.kind === 'loaded' ? loaded.file.articles : [],
    overrides: loaded.kind === 'loaded' ? loaded.file.overrides : undefined,
    initialState: decodeViewState(location.hash),
    notice,
  });
  window.__kg.explorer = explorer;
  timings['explorer'] = performance.now();
  // Sigma draws synchronously in its constructor; the next animation frame is when the page shows it.
  requestAnimationFrame(() => {
    window.__kg.firstFrameMs = performance.now();
  });
  if (loaded.kind === 'loaded') {
    try {
      await loaded.validated;
    } catch (err) {
      explorer.dropInvalidGraph(t().graphLoadFailed((err as Error).message));
    }
    timings['validated'] = performance.now();
  }
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
