/**
 * Entry point. The first frame depends on as little code as possible: the graph
 * file is fetched and imported, Sigma draws it (colours by type, sizes by
 * mentions, the URL's filters). Everything else (the explorer's controller,
 * search, panels, filters, metrics, layout worker, translations, the file
 * validator, the article panel) loads after that frame.
 */
import './styles.css';
import { emptyGraph, fetchGraphFile, type GraphLoad, type KnowledgeGraph } from './data/graph-io';
import { isApiSource } from './data/source';
import { fetchSummary, loadFromSummary } from './data/summary-graph';
import type { Explorer } from './explorer';
import { createGraphView } from './sigma/renderer';
import { decodeViewState } from './state/url-state';
import { byId } from './ui/dom';
import { DisplayDelegate, firstFrameDisplay } from './view/display';

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

function hasPosition(graph: KnowledgeGraph, node: string): boolean {
  const { x, y } = graph.getNodeAttributes(node);
  return typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y);
}

/** Resolves at the next animation frame: the browser shows what was drawn before it. */
const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

async function main(): Promise<void> {
  const timings: Record<string, number> = {};
  window.__kg = { ready: false, firstFrameMs: null, explorer: null, timings };
  timings['start'] = performance.now();
  const initialState = decodeViewState(location.hash);
  // kg serve answers with the summary (evidence comes later, when asked for); a static host has only the file.
  const served = await fetchSummary();
  const loaded: GraphLoad =
    served.kind === 'summary'
      ? loadFromSummary(served.summary)
      : served.kind === 'failed'
        ? { kind: 'failed', message: served.message }
        : await fetchGraphFile('graph-data/graph.json', timings);
  timings['loaded'] = performance.now();
  const graph = loaded.kind === 'loaded' ? loaded.graph : emptyGraph();
  const articles = loaded.kind === 'loaded' ? loaded.file.articles : [];
  let needsWorkerLayout = false;
  // Saved files carry positions; only a file without them needs the layout code before drawing.
  if (!graph.everyNode((node) => hasPosition(graph, node))) {
    const { ensurePositions } = await import('./layout/positions');
    needsWorkerLayout = ensurePositions(graph).needsWorkerLayout;
  }
  const display = new DisplayDelegate(firstFrameDisplay(graph, articles, initialState));
  const view = createGraphView(byId('graph'), graph, display);
  if (initialState.camera) view.setCamera(initialState.camera);
  timings['sigma'] = performance.now();
  window.__kg.firstFrameMs = await nextFrame();
  // Let the browser paint that frame before anything else runs.
  await new Promise((resolve) => setTimeout(resolve, 0));

  // After the first frame: validation in its worker, the explorer's code meanwhile.
  const validated = loaded.kind === 'loaded' ? loaded.validate() : Promise.resolve();
  validated.catch(() => undefined);
  const [{ Explorer }, { setLang, lang, t }, { mountDropZone }, { mountOpenGraphButton }] = await Promise.all([
    import('./explorer'),
    import('./i18n'),
    import('./ui/drop'),
    import('./ui/open-graph'),
  ]);
  setLang(lang());
  // What the link asked to select, before the explorer lets go of a node it does not know.
  const linkedNode = initialState.selected;
  const notice = loaded.kind === 'missing' ? t().noGraph : loaded.kind === 'failed' ? t().graphLoadFailed(loaded.message) : undefined;
  const explorer = new Explorer({
    graph,
    view,
    display,
    needsWorkerLayout,
    articles,
    overrides: loaded.kind === 'loaded' ? loaded.file.overrides : undefined,
    initialState,
    notice,
  });
  window.__kg.explorer = explorer;
  timings['explorer'] = performance.now();
  try {
    await validated;
  } catch (err) {
    explorer.dropInvalidGraph(t().graphLoadFailed((err as Error).message));
  }
  timings['validated'] = performance.now();
  mountDropZone(document.body, explorer);
  mountOpenGraphButton(document.querySelector<HTMLElement>('.toolbar') ?? document.body, explorer);
  try {
    const { mountArticlePanel } = await import('./ui/articles');
    await mountArticlePanel(explorer);
  } catch (err) {
    explorer.notify((err as Error).message, 'error');
  }
  // A link may name an entity that only the restored articles bring back.
  explorer.resolvePendingLink();
  if (isApiSource()) {
    const { startApiSession } = await import('./data/api-session');
    startApiSession(explorer, linkedNode);
  }
  window.__kg.ready = true;
}

void main();
