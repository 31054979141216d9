/**
 * The explorer's controller: owns the graph, the view state and the derived
 * display data, and connects the UI modules to each other. Sigma is reached only
 * through GraphView (src/app/sigma).
 */
import type { ArticleRecord, GraphFile, Overrides } from '../model/graph-file';
import { ENTITY_TYPES, type EntityType, type RelationType } from '../model/vocabulary';
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS } from '../graph/export-formats';
import { downloadExport } from './data/downloads';
import { fileFromGraph, graphFromText, type KnowledgeGraph } from './data/graph-io';
import { serverGraphFile } from './data/server-file';
import { isApiSource } from './data/source';
import { lang, setLang, t } from './i18n';
import { LayoutRunner } from './layout/layout-worker';
import { ensurePositions } from './layout/positions';
import { downloadPng } from './sigma/export-png';
import { debounceHover, type GraphView } from './sigma/renderer';
import { UrlSync } from './state/url-sync';
import { defaultViewState, type ColorMode, type Filters, type PathOptions, type SizeMode, type ViewState } from './state/view-state';
import { byId, clear, el, markedText } from './ui/dom';
import { renderFilters, renderLegend } from './ui/filters';
import { renderCommunityLegend } from './ui/community-legend';
import { mountEdgeTooltip } from './ui/edge-tooltip';
import { DEFAULT_LIST_SORT, renderListView, type ListSort } from './ui/list-view';
import { uncoveredInsets } from './ui/overlays';
import { pathOptionsControl } from './ui/path-options';
import { renderScaleNotice } from './ui/scale-notice';
import { renderZoomControls } from './ui/zoom-controls';
import { relationEvidence } from './ui/evidence-loader';
import { renderDetails } from './ui/panel';
import { EntitySearch, mountSearchBox, type SearchBox, type SearchHit } from './ui/search';
import { searchEntities } from './data/api-client';
import { communityColor, communityPalette, mentionsOf, sizeByValue, typeColorOf } from './view/appearance';
import { firstFrameMatches, type DisplayDelegate } from './view/display';
import type { Metrics } from './view/metrics';
import { MetricsClient } from './view/metrics-client';
import { shortestPath, type ShortestPath } from './view/path';
import { readableDefault, type ReadableDefault } from './view/readable-default';
import { computeVisibility, type Visibility } from './view/visibility';

export interface ExplorerOptions {
  graph: KnowledgeGraph;
  /** The renderer that drew the first frame (main.ts), and the delegate its reducers read through. */
  view: GraphView;
  display: DisplayDelegate;
  /** The graph had no saved layout and is too large to lay out before the first frame. */
  needsWorkerLayout?: boolean;
  articles: ArticleRecord[];
  overrides?: Overrides;
  initialState: ViewState;
  /** A message to show once the page is up (e.g. "no graph yet"). */
  notice?: string;
}

export class Explorer {
  readonly graph: KnowledgeGraph;
  articles: ArticleRecord[];
  private articleMap = new Map<string, ArticleRecord>();
  private overrides: Overrides | undefined;
  state: ViewState;
  private visibility: Visibility = { nodes: new Set(), edges: new Set(), typeCounts: new Map() };
  /** Betweenness, communities and PageRank, computed in a worker and cached until the graph changes. */
  private readonly metricsClient: MetricsClient;
  /** The large-graph default's node sets; undefined until computed for the current graph. */
  private restrict: ReadableDefault | null | undefined;
  private listSort: ListSort = DEFAULT_LIST_SORT;
  private palette: { community: ReadonlyMap<string, number>; colorOf: (id: number) => string } | null = null;
  /** The view state in the URL and the browser's history (Back/Forward). */
  private readonly urlSync: UrlSync;
  private search: EntitySearch | null = null;
  private searchBox!: SearchBox;
  readonly view: GraphView;
  private readonly layout: LayoutRunner;
  /** A link's selection, focus or path that named nodes not in the graph yet (see resolvePendingLink). */
  private pendingLink: Pick<ViewState, 'selected' | 'focus' | 'path'> | null = null;
  private history: string[] = [];
  private historyIndex = -1;
  private pathStart: string | null = null;
  private path: ShortestPath | null = null;
  private pathSets: { nodes: Set<string>; edges: Set<string> } | null = null;
  fresh = { nodes: new Set<string>(), edges: new Set<string>() };
  private sizeOfNode: (node: string) => number = () => 6;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private listeners: Array<() => void> = [];
  private replacedListeners: Array<() => void> = [];
  private languageListeners: Array<() => void> = [];

  constructor(options: ExplorerOptions) {
    this.graph = options.graph;
    this.articles = options.articles;
    this.overrides = options.overrides;
    this.state = options.initialState;
    this.metricsClient = new MetricsClient(options.graph, () => this.renderAll());
    this.indexArticles();
    this.recomputeAppearance();
    this.recomputeVisibility();

    this.view = options.view;
    options.display.use({
      visibility: () => this.visibility,
      colorOf: (node) => this.colorOf(node),
      sizeOf: (node) => this.sizeOfNode(node),
      selected: () => this.state.selected,
      path: () => this.pathSets,
      fresh: () => this.fresh,
    });
    debounceHover(this.view);
    this.layout = new LayoutRunner(this.graph, () => this.renderAppearanceControls());

    this.view.onClickNode((node) => this.select(node));
    this.view.onClickStage(() => {
      this.fresh = { nodes: new Set(), edges: new Set() };
      if (this.state.selected) this.clearSelection();
      else this.view.refresh();
    });
    this.view.onCameraChange((camera) => {
      this.state.camera = camera;
      this.scheduleUrlUpdate();
    });
    // Structural changes (articles added or removed, another file loaded) rebuild indices lazily.
    this.graph.on('nodeAdded', () => this.invalidateDerived());
    this.graph.on('nodeDropped', () => this.invalidateDerived());
    this.graph.on('edgeAdded', () => this.invalidateDerived());
    this.graph.on('edgeDropped', () => this.invalidateDerived());
    this.graph.on('cleared', () => this.invalidateDerived());
    // An added article raises the weights of relations it repeats: the metrics weigh them.
    this.graph.on('edgeAttributesUpdated', () => this.metricsClient.invalidate());
    // Replaced node attributes (an article synced in) may change mention counts, and so the readable default;
    // positions written by the layout are not replacements.
    this.graph.on('nodeAttributesUpdated', ({ type }) => {
      if (type === 'replace') this.restrict = undefined;
    });

    this.mountChrome();
    this.urlSync = new UrlSync(() => this.state, (state) => this.applyState(state));
    this.urlSync.whileRestoring(() => this.applyState(this.state, { firstFrame: true }));
    if (options.needsWorkerLayout) this.layout.start(10_000);
    if (options.notice) this.notify(options.notice);
  }

  /** Subscribe to "the graph or view changed" (the list view and article manager listen). */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Shows a view state (from the URL): filters, focus, path, selection, camera. */
  applyState(state: ViewState, options: { firstFrame?: boolean } = {}): void {
    this.state = state;
    this.pathStart = null;
    this.path = null;
    this.pathSets = null;
    const missing = (node: string) => !this.graph.hasNode(node);
    const names = [state.selected, state.focus?.node, ...(state.path ?? [])].filter((n): n is string => Boolean(n));
    this.pendingLink = names.some(missing) ? { selected: state.selected, focus: state.focus, path: state.path } : null;
    if (state.focus && missing(state.focus.node)) state.focus = null;
    if (state.path?.some(missing)) state.path = null;
    const selected = state.selected && this.graph.hasNode(state.selected) ? state.selected : null;
    state.selected = null;
    if (state.path) this.showPath(state.path[0], state.path[1]);
    // The first frame may already show this very state: then the side panels need rendering, the canvas does not.
    else this.renderAll({ redraw: !(options.firstFrame && firstFrameMatches(state)) });
    if (selected) this.select(selected, { moveCamera: !state.camera && !state.path });
    if (state.camera) this.view.setCamera(state.camera);
    else if (this.path) this.framePath();
  }

  /**
   * After nodes were dropped from the graph (an article added or removed): what
   * pointed at a node that was re-keyed or merged now points at its successor,
   * what pointed at a node that is gone lets go. The caller re-renders.
   */
  followSuccessors(successors: ReadonlyMap<string, string>): void {
    const follow = (node: string): string | null => {
      const next = successors.get(node) ?? node;
      return this.graph.hasNode(next) ? next : null;
    };
    const { state } = this;
    if (state.selected) state.selected = follow(state.selected);
    if (state.focus) {
      const node = follow(state.focus.node);
      state.focus = node ? { ...state.focus, node } : null;
    }
    if (this.pathStart) this.pathStart = follow(this.pathStart);
    if (state.path) {
      const a = follow(state.path[0]);
      const b = follow(state.path[1]);
      state.path = a && b && a !== b ? [a, b] : null;
      this.path = state.path ? shortestPath(this.graph, state.path[0], state.path[1], state.pathOptions) : null;
      this.pathSets = this.path ? { nodes: new Set(this.path.nodes), edges: new Set(this.path.hops.map((h) => h.edge)) } : null;
    }
    // History keeps its places (back/forward skip what is gone), without two equal steps in a row.
    const current = this.history[this.historyIndex];
    const followed = this.history.map(follow);
    const history: string[] = [];
    let index = -1;
    followed.forEach((node, i) => {
      if (node !== null && history[history.length - 1] !== node) history.push(node);
      if (i === this.historyIndex) index = history.length - 1;
    });
    this.history = history;
    this.historyIndex = current === undefined ? -1 : index;
  }

  /**
   * Articles added in this browser are restored after the page has applied the
   * link, so a link may name an entity that exists only once they are back.
   * Called after the restore: applies what the link asked for if it exists now and
   * the user has not chosen something else meanwhile; either way, only once.
   */
  resolvePendingLink(): void {
    const link = this.pendingLink;
    this.pendingLink = null;
    if (!link || this.state.selected || this.state.focus || this.state.path) return;
    const exists = (node: string | undefined | null) => !node || this.graph.hasNode(node);
    if (!exists(link.selected) || !exists(link.focus?.node) || !(link.path ?? []).every(exists)) return;
    this.applyState({ ...this.state, ...link });
  }

  /** Subscribe to "another graph file was loaded". */
  onGraphReplaced(listener: () => void): void {
    this.replacedListeners.push(listener);
  }

  onLanguageChange(listener: () => void): void {
    this.languageListeners.push(listener);
  }

  // ---- derived data -------------------------------------------------------

  private invalidateDerived(): void {
    this.metricsClient.invalidate();
    this.restrict = undefined;
    this.search?.dispose();
    this.search = null;
  }

  private indexArticles(): void {
    this.articleMap = new Map(this.articles.map((a) => [a.id, a]));
  }

  /** The metrics if computed; otherwise null, and the worker starts on them (the page re-renders when they arrive). */
  private metricsOrRequest(): Metrics | null {
    const metrics = this.metricsClient.get();
    if (!metrics && this.graph.order > 0) this.metricsClient.request();
    return metrics;
  }

  /** Metrics computed elsewhere (kg serve's api/metrics) for the graph as it is now; a change to the graph drops them. */
  useMetrics(metrics: Metrics): void {
    this.metricsClient.provide(metrics);
    this.renderAll();
  }

  private colorOf(node: string): string {
    if (this.state.colorBy === 'community') {
      // Until the communities arrive the nodes keep their type colours.
      const community = this.metricsClient.get()?.community;
      if (community) return this.communityColorOf(community)(community.get(node) ?? 0);
    }
    return typeColorOf(this.graph, node);
  }

  /** The palette for one metrics result (recomputed only when new metrics arrive). */
  private communityColorOf(community: ReadonlyMap<string, number>): (id: number) => string {
    if (this.palette?.community !== community) this.palette = { community, colorOf: communityPalette(community) };
    return this.palette.colorOf;
  }

  private recomputeAppearance(): void {
    const mode = this.state.sizeBy;
    const metrics = mode === 'mentions' || this.graph.order === 0 ? null : this.metricsOrRequest();
    if (this.state.colorBy === 'community') this.metricsOrRequest();
    // Until the metrics arrive nodes keep their mention sizes.
    const valueOf = !metrics
      ? (node: string) => mentionsOf(this.graph, node)
      : mode === 'degree'
        ? (node: string) => metrics.degree.get(node) ?? 0
        : (node: string) => metrics.pagerank.get(node) ?? 0;
    this.sizeOfNode = sizeByValue(this.graph, valueOf);
  }

  private recomputeVisibility(): void {
    if (this.restrict === undefined) this.restrict = readableDefault(this.graph);
    const restrict = this.state.showAll ? null : this.restrict;
    this.visibility = computeVisibility(this.graph, this.articleMap, this.state.filters, this.state.focus, restrict);
    if (restrict && !this.state.focus) this.revealSelected();
    if (this.pathSets) {
      for (const node of this.pathSets.nodes) this.visibility.nodes.add(node);
      for (const edge of this.pathSets.edges) this.visibility.edges.add(edge);
    }
  }

  /**
   * An entity found by search may lie outside a large graph's readable default: it is shown
   * anyway, with its relations to what is shown, unless the user's own filters hide it.
   */
  private revealSelected(): void {
    const node = this.state.selected;
    const { nodes, edges } = this.visibility;
    if (!node || !this.graph.hasNode(node) || nodes.has(node)) return;
    const attrs = this.graph.getNodeAttributes(node);
    const { filters } = this.state;
    if (filters.hiddenTypes.includes(attrs.type) || attrs.mentions < filters.minMentions) return;
    nodes.add(node);
    this.graph.forEachEdge(node, (edge, e, source, target) => {
      if (filters.hiddenRelations.includes(e.type) || (e.type === 'MENTIONED_WITH' && e.weight < filters.minCooccurrence)) return;
      if (nodes.has(source === node ? target : source)) edges.add(edge);
    });
  }

  // ---- rendering ----------------------------------------------------------

  /** After any change: recompute what is visible, redraw, re-render the side UI. */
  renderAll(options: { redraw?: boolean } = {}): void {
    this.indexArticles();
    this.recomputeAppearance();
    this.recomputeVisibility();
    if (options.redraw !== false) this.view?.refresh();
    this.renderSidebar();
    this.renderPanel();
    this.renderPathPanel();
    this.renderTitle();
    this.scheduleUrlUpdate();
    for (const listener of this.listeners) listener();
    this.renderList();
  }

  private renderSidebar(): void {
    const typeTotals = new Map<EntityType, number>();
    this.graph.forEachNode((_n, attrs) => typeTotals.set(attrs.type, (typeTotals.get(attrs.type) ?? 0) + 1));
    const relationTotals = new Map<RelationType, number>();
    this.graph.forEachEdge((_e, attrs) => relationTotals.set(attrs.type, (relationTotals.get(attrs.type) ?? 0) + 1));
    const input = {
      filters: this.state.filters,
      typeCounts: this.visibility.typeCounts,
      typeTotals,
      relationTotals,
      articles: this.articles,
      colorByType: this.state.colorBy === 'type',
    };
    const apply = (filters: Filters) => this.setFilters(filters);
    renderLegend(byId('legend'), input, apply);
    const communities = byId('community-legend');
    communities.hidden = this.state.colorBy !== 'community';
    if (!communities.hidden) {
      const community = this.metricsClient.get()?.community ?? null;
      renderCommunityLegend(communities, community, this.metricsClient.status(), community ? this.communityColorOf(community) : communityColor);
    }
    renderFilters(byId('filters'), input, apply);
    this.renderAppearanceControls();
    renderScaleNotice(
      byId('scale-notice'),
      { large: this.restrict !== null && this.restrict !== undefined, showAll: this.state.showAll, shown: this.visibility.nodes.size, total: this.graph.order },
      (all) => this.setShowAll(all),
    );
  }

  private renderTitle(): void {
    const s = t();
    const count = s.visible(this.visibility.nodes.size, this.graph.order, this.visibility.edges.size, this.graph.size);
    byId('visible-count').textContent = count;
    document.title = `${count} — ${s.appTitle}`;
  }

  private renderAppearanceControls(): void {
    const s = t();
    const container = byId('appearance');
    clear(container);
    const colorSelect = el(
      'select',
      { attrs: { id: 'color-by' } },
      el('option', { attrs: { value: 'type' } }, s.byType),
      el('option', { attrs: { value: 'community' } }, s.byCommunity),
    );
    colorSelect.value = this.state.colorBy;
    colorSelect.addEventListener('change', () => this.setColorMode(colorSelect.value as ColorMode));
    const sizeSelect = el(
      'select',
      { attrs: { id: 'size-by' } },
      el('option', { attrs: { value: 'mentions' } }, s.byMentions),
      el('option', { attrs: { value: 'degree' } }, s.byDegree),
      el('option', { attrs: { value: 'pagerank' } }, s.byPagerank),
    );
    sizeSelect.value = this.state.sizeBy;
    sizeSelect.addEventListener('change', () => this.setSizeMode(sizeSelect.value as SizeMode));
    const running = this.layout?.current().kind === 'running';
    const layoutButton = el(
      'button',
      { attrs: { type: 'button', id: 'layout-toggle', 'aria-pressed': String(running) }, on: { click: () => (running ? this.layout.stop() : this.layout.start()) } },
      running ? s.layoutStop : s.layoutStart,
    );
    const noverlapButton = el('button', { attrs: { type: 'button', id: 'layout-noverlap' }, on: { click: () => this.removeOverlaps() } }, s.noverlap);
    container.append(
      el('h2', {}, s.layout),
      el('label', { attrs: { for: 'color-by' } }, s.colorBy),
      colorSelect,
      el('label', { attrs: { for: 'size-by' } }, s.sizeBy),
      sizeSelect,
      el('div', { class: 'button-row' }, layoutButton, noverlapButton),
    );
  }

  private renderPanel(): void {
    const panel = byId('panel');
    const node = this.state.selected;
    if (!node || !this.graph.hasNode(node)) {
      panel.hidden = true;
      clear(panel);
      return;
    }
    panel.hidden = false;
    const metrics = this.metricsOrRequest();
    renderDetails(panel, node, {
      graph: this.graph,
      articles: this.articleMap,
      metrics,
      metricsStatus: this.metricsClient.status(),
      hiddenRelations: this.state.filters.hiddenRelations,
      minCooccurrence: this.state.filters.minCooccurrence,
      canBack: this.historyIndex > 0,
      canForward: this.historyIndex < this.history.length - 1,
      focus: this.state.focus,
      actions: {
        navigate: (next) => this.select(next),
        back: () => this.goHistory(-1),
        forward: () => this.goHistory(1),
        close: () => this.clearSelection(),
        focus: (n, hops) => this.setFocus({ node: n, hops }),
        clearFocus: () => this.setFocus(null),
        pathFrom: (n) => this.startPath(n),
      },
    });
  }

  private renderPathPanel(): void {
    const box = byId('path-panel');
    clear(box);
    const s = t();
    if (this.pathStart && !this.path) {
      box.hidden = false;
      box.append(el('p', { attrs: { 'data-testid': 'path-hint' } }, s.pathPick), this.pathOptions(), this.closePathButton());
      return;
    }
    if (!this.state.path) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const [a, b] = this.state.path;
    const label = (n: string) => (this.graph.hasNode(n) ? this.graph.getNodeAttribute(n, 'label') : n);
    box.append(el('h2', {}, `${s.path}: ${label(a)} → ${label(b)}`), this.pathOptions());
    if (!this.path) {
      box.append(el('p', { attrs: { 'data-testid': 'path-none' } }, s.pathNone), this.closePathButton());
      return;
    }
    const list = el('ol', { class: 'path-hops', attrs: { 'data-testid': 'path-hops' } });
    for (const hop of this.path.hops) {
      const attrs = this.graph.getEdgeAttributes(hop.edge);
      const evidence = attrs.evidence[0];
      list.append(
        el(
          'li',
          {},
          el('button', { class: 'node-link', attrs: { type: 'button' }, on: { click: () => this.select(hop.from) } }, label(hop.from)),
          ` — ${s.relationTypes[attrs.type]} — `,
          el('button', { class: 'node-link', attrs: { type: 'button' }, on: { click: () => this.select(hop.to) } }, label(hop.to)),
          relationEvidence(hop.edge, evidence),
        ),
      );
    }
    box.append(list, this.closePathButton());
  }

  private pathOptions(): HTMLElement {
    return pathOptionsControl(this.state.pathOptions, (options) => this.setPathOptions(options));
  }

  private closePathButton(): HTMLButtonElement {
    return el('button', { attrs: { type: 'button', 'data-testid': 'path-clear' }, on: { click: () => this.clearPath() } }, t().clearPath);
  }

  // ---- actions ------------------------------------------------------------

  select(node: string, options: { pushHistory?: boolean; moveCamera?: boolean } = {}): void {
    if (!this.graph.hasNode(node)) return;
    let pathMade = false;
    if (this.pathStart && this.pathStart !== node) {
      const start = this.pathStart;
      this.pathStart = null;
      this.showPath(start, node, { frame: false, push: false });
      pathMade = true;
    }
    if (options.pushHistory !== false && this.history[this.historyIndex] !== node) {
      this.history = this.history.slice(0, this.historyIndex + 1);
      this.history.push(node);
      this.historyIndex = this.history.length - 1;
    }
    this.state.selected = node;
    this.renderAll();
    this.pushView();
    // The path just found is what the user wants to see, not its last end alone.
    if (pathMade && this.path) this.framePath();
    else if (options.moveCamera !== false) void this.view.focusNode(node);
    byId('panel').querySelector<HTMLElement>('#panel-title')?.focus({ preventScroll: true });
  }

  clearSelection(): void {
    if (!this.state.selected) return;
    this.state.selected = null;
    this.renderAll();
    this.pushView();
  }

  private goHistory(delta: number): void {
    const index = this.historyIndex + delta;
    const node = this.history[index];
    if (node === undefined || !this.graph.hasNode(node)) return;
    this.historyIndex = index;
    this.select(node, { pushHistory: false });
  }

  setFilters(filters: Filters): void {
    this.state.filters = filters;
    this.renderAll();
  }

  setFocus(focus: ViewState['focus']): void {
    this.state.focus = focus;
    this.renderAll();
    this.pushView();
  }

  /** A large graph: everything, or back to its readable default (view/readable-default.ts). */
  setShowAll(all: boolean): void {
    this.state.showAll = all;
    this.renderAll();
  }

  setPathOptions(options: PathOptions): void {
    this.state.pathOptions = options;
    if (this.state.path) {
      const [a, b] = this.state.path;
      this.showPath(a, b, { push: false });
    } else this.renderAll();
  }

  /** Camera over the visible graph, in the part of the canvas no panel covers. */
  fitVisible(): Promise<void> {
    return this.view.fitNodes(this.visibility.nodes, uncoveredInsets(byId('graph')));
  }

  private framePath(): void {
    if (this.path) void this.view.fitNodes(this.path.nodes, uncoveredInsets(byId('graph')));
  }

  setColorMode(mode: ColorMode): void {
    this.state.colorBy = mode;
    this.renderAll();
  }

  setSizeMode(mode: SizeMode): void {
    this.state.sizeBy = mode;
    this.renderAll();
  }

  startPath(node: string): void {
    this.pathStart = node;
    this.path = null;
    this.pathSets = null;
    this.state.path = null;
    this.renderPathPanel();
    // The box still shows the first end's name: empty it so the other end can be typed.
    this.searchBox.clear();
    this.searchBox.focus();
  }

  showPath(a: string, b: string, options: { frame?: boolean; push?: boolean } = {}): void {
    this.state.path = [a, b];
    this.path = shortestPath(this.graph, a, b, this.state.pathOptions);
    this.pathSets = this.path ? { nodes: new Set(this.path.nodes), edges: new Set(this.path.hops.map((h) => h.edge)) } : null;
    this.renderAll();
    if (options.push !== false) this.pushView();
    if (options.frame !== false && !this.urlSync.restoring) this.framePath();
  }

  clearPath(): void {
    this.pathStart = null;
    this.path = null;
    this.pathSets = null;
    this.state.path = null;
    this.renderAll();
    this.pushView();
  }

  private removeOverlaps(): void {
    const sigma = this.view.sigma;
    const { width } = sigma.getDimensions();
    // Graph units per screen pixel at the current zoom.
    const a = sigma.viewportToGraph({ x: 0, y: 0 });
    const b = sigma.viewportToGraph({ x: width, y: 0 });
    const perPixel = Math.hypot(b.x - a.x, b.y - a.y) / Math.max(width, 1);
    this.layout.removeOverlaps((node) => this.sizeOfNode(node), perPixel);
  }

  /** The graph as the versioned file, with current positions. */
  toFile(): Promise<GraphFile> {
    // Served by kg serve, the graph holds no evidence: the file is the server's.
    if (isApiSource()) return serverGraphFile(this.graph);
    return fileFromGraph(this.graph, this.articles, this.overrides);
  }

  /** Replaces the whole graph with a validated file (dropped by the user). Throws before touching anything if invalid. */
  async loadFileText(text: string, name: string): Promise<void> {
    const { file, graph } = await graphFromText(text, name);
    this.layout.stop();
    this.graph.clear();
    this.graph.import(graph.export());
    this.articles = file.articles;
    this.overrides = file.overrides;
    ensurePositions(this.graph);
    this.state = { ...defaultViewState(), colorBy: this.state.colorBy, sizeBy: this.state.sizeBy };
    this.history = [];
    this.historyIndex = -1;
    this.path = null;
    this.pathSets = null;
    this.fresh = { nodes: new Set(), edges: new Set() };
    this.renderAll();
    void this.view.sigma.getCamera().animatedReset();
    for (const listener of this.replacedListeners) listener();
  }

  /** Info messages fade after a while; errors stay until the next message or a click on them. */
  /** The initial file failed validation after it was drawn: show nothing of it, say why. */
  dropInvalidGraph(message: string): void {
    this.layout.stop();
    this.graph.clear();
    this.articles = [];
    this.overrides = undefined;
    this.state = defaultViewState();
    this.renderAll();
    this.notify(message, 'error');
  }

  notify(message: string, kind: 'info' | 'error' = 'info'): void {
    const status = byId('status');
    status.textContent = message;
    status.dataset['kind'] = kind;
    status.hidden = false;
    status.onclick = () => {
      status.hidden = true;
    };
    clearTimeout(this.statusTimer);
    if (kind === 'info') this.statusTimer = setTimeout(() => (status.hidden = true), 8000);
  }

  private scheduleUrlUpdate(): void {
    // Before the constructor made it, there is nothing to write yet (the first frame's state came from the URL).
    this.urlSync?.replace();
  }

  private pushView(): void {
    this.urlSync.push();
  }

  /** Search hits for the box: the server's when it serves the graph, else the page's own index. */
  private async findEntities(query: string): Promise<SearchHit[]> {
    if (!query.trim()) return [];
    if (isApiSource()) {
      const { hits } = await searchEntities(query);
      return hits.filter((hit) => this.graph.hasNode(hit.id)).map(({ id, label, type }) => ({ id, label, type }));
    }
    const index = this.getSearch();
    await index.ready;
    return index.search(query);
  }

  getSearch(): EntitySearch {
    this.search ??= new EntitySearch(this.graph);
    return this.search;
  }

  // ---- page chrome --------------------------------------------------------

  private mountChrome(): void {
    const input = byId<HTMLInputElement>('search');
    this.searchBox = mountSearchBox(input, byId('search-results'), (query) => this.findEntities(query), (node) => this.select(node));
    this.mountStageControls();
    // Build the search index when the browser is idle, not before the first frame.
    const idle = (window as Window & { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
    // (Served graphs are searched on the server: nothing to build.)
    if (idle) idle(() => !isApiSource() && this.getSearch());

    // One button per format of the exporter registry, the formats `kg export` writes.
    const png = byId('export-png');
    for (const format of EXPORT_FORMATS) {
      const button = el('button', { attrs: { type: 'button', id: `export-${format}` } }, EXPORT_FORMAT_LABELS[format]);
      button.addEventListener('click', () => void this.toFile().then((file) => downloadExport(format, file)));
      png.before(button);
    }
    byId('export-png').addEventListener('click', () => void downloadPng(this.view.sigma));
    byId('lang-toggle').addEventListener('click', () => {
      setLang(lang() === 'ru' ? 'en' : 'ru');
      this.applyStaticStrings();
      this.renderAll();
      for (const listener of this.languageListeners) listener();
    });
    byId('toggle-list').addEventListener('click', () => this.toggleList());

    document.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        this.searchBox.focus();
      } else if (event.key === 'Escape') {
        this.closeTopmost();
      }
    });
    this.applyStaticStrings();
  }

  /** Controls over the canvas and the sidebar's community legend, created here so index.html stays the first frame's. */
  private mountStageControls(): void {
    const stage = byId('graph').parentElement ?? document.body;
    const zoom = el('div', { class: 'zoom-controls', attrs: { id: 'zoom-controls', role: 'group' } });
    const notice = el('div', { class: 'scale-notice', attrs: { id: 'scale-notice', 'aria-live': 'polite' } });
    notice.hidden = true;
    const tooltip = el('div', { class: 'edge-tooltip', attrs: { id: 'edge-tooltip', role: 'tooltip', 'data-testid': 'edge-tooltip' } });
    tooltip.hidden = true;
    stage.append(zoom, notice, tooltip);
    const communities = el('div', { class: 'legend', attrs: { id: 'community-legend' } });
    communities.hidden = true;
    byId('legend').after(communities);
    const renderZoom = () => renderZoomControls(zoom, this.view, () => void this.fitVisible());
    renderZoom();
    this.onLanguageChange(renderZoom);
    mountEdgeTooltip(tooltip, this.view, this.graph);
  }

  /** Escape closes one thing at a time: the add-article panel, the list, the path, then the details. */
  private closeTopmost(): void {
    const add = byId('add-panel');
    if (!add.hidden) {
      add.hidden = true;
      byId('toggle-add').setAttribute('aria-expanded', 'false');
      return;
    }
    const list = byId('list-view');
    if (!list.hidden) {
      this.toggleList(false);
      return;
    }
    if (this.pathStart || this.state.path) {
      this.clearPath();
      return;
    }
    this.clearSelection();
  }

  private toggleList(open?: boolean): void {
    const list = byId('list-view');
    const show = open ?? list.hidden;
    list.hidden = !show;
    byId('toggle-list').setAttribute('aria-expanded', String(show));
    if (show) this.renderList();
  }

  private renderList(): void {
    const list = byId('list-view');
    if (list.hidden) return;
    renderListView(list, this.graph, this.visibility.nodes, this.state.selected, (node) => this.select(node), this.listSort, (sort) => {
      this.listSort = sort;
      this.renderList();
    });
  }

  applyStaticStrings(): void {
    const s = t();
    document.documentElement.lang = lang();
    byId('app-title').textContent = s.appTitle;
    const input = byId<HTMLInputElement>('search');
    input.placeholder = s.searchPlaceholder;
    input.setAttribute('aria-label', s.searchLabel);
    byId('lang-toggle').textContent = s.language;
    byId('export-label').textContent = s.download;
    byId('export-json').textContent = s.downloadJson;
    byId('export-png').textContent = s.downloadPng;
    byId('toggle-list').textContent = s.listView;
    byId('toggle-add').textContent = s.addArticles;
  }

  /** Called by listeners after renderAll, e.g. the open list view. */
  refreshList(): void {
    this.renderList();
  }

  typesPresent(): EntityType[] {
    return ENTITY_TYPES.filter((type) => this.graph.someNode((_n, a) => a.type === type));
  }
}
