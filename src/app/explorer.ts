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
import { createDerived, type Derived } from './state/derived';
import * as producers from './state/explorer-state';
import { initialExplorerState, viewOf, type ExplorerState } from './state/explorer-state';
import { Store, shallowEqual, type Producer } from './state/store';
import { UrlSync } from './state/url-sync';
import type { ColorMode, Filters, PathOptions, SizeMode, ViewState } from './state/view-state';
import { byId, clear, el } from './ui/dom';
import { renderFilters, renderLegend, updateFilters, updateLegend } from './ui/filters';
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
import { communityColor, communityPalette, typeColorOf } from './view/appearance';
import { firstFrameMatches, type DisplayDelegate } from './view/display';
import type { Metrics } from './view/metrics';
import { MetricsClient } from './view/metrics-client';
import { classWordsOnlyPath, type ShortestPath } from './view/path';
import type { Visibility } from './view/visibility';

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
  /** The explorer's state: changed only by dispatching producers (state/explorer-state.ts). */
  readonly store: Store<ExplorerState>;
  /** Visibility, sizes, the path: memoised on the state they read. */
  readonly derived: Derived;
  private overrides: Overrides | undefined;
  /** Betweenness, communities and PageRank, computed in a worker and cached until the graph changes. */
  private readonly metricsClient: MetricsClient;
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
  /** What the reducers read, taken from the store when the canvas redraws (not looked up per node). */
  private shown: { visibility: Visibility; sizeOf: (node: string) => number };
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private replacedListeners: Array<() => void> = [];
  private languageListeners: Array<() => void> = [];
  readonly has = (node: string): boolean => this.graph.hasNode(node);

  constructor(options: ExplorerOptions) {
    this.graph = options.graph;
    this.overrides = options.overrides;
    this.store = new Store(initialExplorerState(options.initialState, options.articles, lang()));
    this.metricsClient = new MetricsClient(options.graph, () => this.dispatch(producers.metricsChanged));
    this.derived = createDerived(this.graph, () => this.metricsClient.get());
    this.shown = { visibility: this.derived.visibility(this.state), sizeOf: this.derived.sizeOf(this.state) };

    this.view = options.view;
    options.display.use({
      visibility: () => this.shown.visibility,
      colorOf: (node) => this.colorOf(node),
      sizeOf: (node) => this.shown.sizeOf(node),
      selected: () => this.state.selected,
      path: () => this.derived.pathSets(this.state),
      fresh: () => this.state.fresh,
    });
    debounceHover(this.view);
    this.layout = new LayoutRunner(this.graph, () => this.renderAppearanceControls());

    this.view.onClickNode((node) => this.select(node));
    this.view.onClickStage(() => {
      this.dispatch(producers.clearFresh);
      this.clearSelection();
    });
    this.view.onCameraChange((camera) => this.dispatch(producers.setCamera, camera));
    // Structural changes (articles added or removed, another file loaded) drop what was computed on the old graph;
    // whoever changed the graph then dispatches graphChanged, which re-derives the rest.
    this.graph.on('nodeAdded', () => this.invalidateDerived());
    this.graph.on('nodeDropped', () => this.invalidateDerived());
    this.graph.on('edgeAdded', () => this.invalidateDerived());
    this.graph.on('edgeDropped', () => this.invalidateDerived());
    this.graph.on('cleared', () => this.invalidateDerived());
    // An added article raises the weights of relations it repeats: the metrics weigh them.
    this.graph.on('edgeAttributesUpdated', () => this.metricsClient.invalidate());

    this.mountChrome();
    this.subscribePanels();
    this.urlSync = new UrlSync(() => viewOf(this.state), (state) => this.applyState(state));
    this.urlSync.whileRestoring(() => this.applyState(options.initialState));
    // The first frame drew type colours and mention sizes: anything else needs the reducers run again.
    if (!firstFrameMatches(options.initialState)) this.view.refresh();
    if (options.needsWorkerLayout) this.layout.start(10_000);
    if (options.notice) this.notify(options.notice);
  }

  get state(): ExplorerState {
    return this.store.get();
  }

  get articles(): readonly ArticleRecord[] {
    return this.state.articles;
  }

  dispatch<A extends readonly unknown[]>(producer: Producer<ExplorerState, A>, ...args: A): void {
    this.store.dispatch(producer, ...args);
  }

  /**
   * Each part of the page listens to its slice of the state and re-renders only
   * when that slice changes; the controls are updated in place, so the one in use
   * keeps its focus.
   */
  private subscribePanels(): void {
    const { derived } = this;
    const watch = <T extends readonly unknown[]>(select: (s: ExplorerState) => T, render: (value: T, previous: T | null) => void) => {
      render(select(this.state), null);
      this.store.subscribe(select, render, shallowEqual);
    };
    // The canvas (no first call: the first frame is already drawn).
    this.store.subscribe(
      (s) => [s.graphRevision, derived.visibility(s), s.colorBy, s.colorBy === 'community' ? s.metricsRevision : -1, derived.sizeOf(s), s.selected, derived.pathSets(s), s.fresh] as const,
      (next, previous) => this.redraw(next, previous),
      shallowEqual,
    );
    // Metrics are asked for when something shows them (the panel asks on its own).
    watch(
      (s) => [s.graphRevision, s.sizeBy, s.colorBy] as const,
      ([, sizeBy, colorBy]) => {
        if (sizeBy !== 'mentions' || colorBy === 'community') this.metricsOrRequest();
      },
    );
    watch((s) => [derived.totals(s), s.colorBy === 'type', s.lang] as const, () => this.renderLegendBox());
    watch((s) => [derived.visibility(s).typeCounts, s.filters] as const, ([counts, filters]) => updateLegend(byId('legend'), filters, counts));
    watch((s) => [derived.totals(s), s.articles, s.lang] as const, () => this.renderFilterBox());
    watch((s) => [s.filters] as const, ([filters]) => updateFilters(byId('filters'), filters));
    watch((s) => [s.colorBy, s.metricsRevision, s.lang] as const, () => this.renderCommunityLegend());
    watch((s) => [s.lang] as const, () => this.renderAppearanceControls());
    watch((s) => [s.colorBy, s.sizeBy] as const, ([colorBy, sizeBy]) => {
      byId<HTMLSelectElement>('color-by').value = colorBy;
      byId<HTMLSelectElement>('size-by').value = sizeBy;
    });
    watch((s) => [derived.restrict(s), s.showAll, derived.visibility(s), s.graphRevision, s.lang] as const, () => this.renderScaleNotice());
    watch(
      (s) => [s.selected, s.graphRevision, s.metricsRevision, s.filters.hiddenRelations, s.filters.minCooccurrence, s.history, s.historyIndex, s.focus, s.articles, s.lang] as const,
      () => this.renderPanel(),
    );
    watch((s) => [s.pathStart, s.path, derived.path(s), s.pathOptions, s.graphRevision, s.lang] as const, () => this.renderPathPanel());
    watch((s) => [derived.visibility(s), s.graphRevision, s.lang] as const, () => this.renderTitle());
    watch((s) => [derived.visibility(s), s.selected, s.graphRevision, s.lang] as const, () => this.renderList());
    // Every view change rewrites the current history entry; steps (selection, focus, path) push their own.
    this.store.subscribe((s) => viewOf(s), () => this.scheduleUrlUpdate(), (a, b) => shallowEqual(Object.values(a), Object.values(b)));
  }

  /**
   * Redraws the canvas for what changed: only the nodes and edges whose visibility
   * changed after a filter, only node colours after a colour mode, only what is
   * shown after a click, everything (the reducers over the whole graph) otherwise:
   * on 50,000 entities a full pass takes seconds.
   */
  private redraw(next: readonly unknown[], previous: readonly unknown[]): void {
    const state = this.state;
    const visibility = this.derived.visibility(state);
    const before = this.shown.visibility;
    this.shown = { visibility, sizeOf: this.derived.sizeOf(state) };
    const changed = (i: number) => !Object.is(next[i], previous[i]);
    const onlyVisibility = changed(1) && [0, 2, 3, 4, 5, 6, 7].every((i) => !changed(i));
    const onlyColour = (changed(2) || changed(3)) && [0, 1, 4, 5, 6, 7].every((i) => !changed(i));
    const onlyEmphasis = (changed(5) || changed(7)) && [0, 1, 2, 3, 4, 6].every((i) => !changed(i));
    if (onlyVisibility) {
      const nodes: string[] = [];
      const edges: string[] = [];
      for (const node of visibility.nodes) if (!before.nodes.has(node)) nodes.push(node);
      for (const node of before.nodes) if (!visibility.nodes.has(node)) nodes.push(node);
      for (const edge of visibility.edges) if (!before.edges.has(edge)) edges.push(edge);
      for (const edge of before.edges) if (!visibility.edges.has(edge)) edges.push(edge);
      this.view.refresh({ nodes, edges, layoutUnchanged: false });
    } else if (onlyColour) {
      this.view.refresh({ nodes: [...visibility.nodes], edges: [], layoutUnchanged: true });
    } else if (onlyEmphasis) {
      // A click dims or lights what is shown; hidden items look the same, and nothing moves.
      this.view.refresh({ nodes: [...visibility.nodes], edges: [...visibility.edges], layoutUnchanged: true });
    } else this.view.refresh();
  }

  /** Shows a view state (from the URL): filters, focus, path, selection, camera. */
  applyState(state: ViewState): void {
    const names = [state.selected, state.focus?.node, ...(state.path ?? [])].filter((n): n is string => Boolean(n));
    this.pendingLink = names.some((n) => !this.has(n)) ? { selected: state.selected, focus: state.focus, path: state.path } : null;
    const selected = state.selected && this.has(state.selected) ? state.selected : null;
    this.dispatch(producers.applyView, state, this.has);
    if (selected) this.select(selected, { moveCamera: !state.camera && !this.state.path });
    if (state.camera) this.view.setCamera(state.camera);
    else if (this.state.path && !this.urlSync?.restoring) this.framePath();
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
    const state = this.state;
    if (!link || state.selected || state.focus || state.path) return;
    const exists = (node: string | undefined | null) => !node || this.has(node);
    if (!exists(link.selected) || !exists(link.focus?.node) || !(link.path ?? []).every(exists)) return;
    this.applyState({ ...viewOf(state), ...link });
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
    this.search?.dispose();
    this.search = null;
  }

  /** The metrics if computed; otherwise null, and the worker starts on them (the state changes when they arrive). */
  private metricsOrRequest(): Metrics | null {
    const metrics = this.metricsClient.get();
    if (!metrics && this.graph.order > 0) this.metricsClient.request();
    return metrics;
  }

  /** Metrics computed elsewhere (kg serve's api/metrics) for the graph as it is now; a change to the graph drops them. */
  useMetrics(metrics: Metrics): void {
    this.metricsClient.provide(metrics);
    this.dispatch(producers.metricsChanged);
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

  private get path(): ShortestPath | null {
    return this.derived.path(this.state);
  }

  // ---- rendering ----------------------------------------------------------

  private filterInputs() {
    const state = this.state;
    const totals = this.derived.totals(state);
    return {
      filters: state.filters,
      typeCounts: this.derived.visibility(state).typeCounts,
      typeTotals: totals.types,
      relationTotals: totals.relations,
      articles: state.articles,
      colorByType: state.colorBy === 'type',
    };
  }

  private renderLegendBox(): void {
    renderLegend(byId('legend'), this.filterInputs(), () => this.state.filters, (filters) => this.setFilters(filters));
  }

  private renderFilterBox(): void {
    renderFilters(byId('filters'), this.filterInputs(), () => this.state.filters, (filters) => this.setFilters(filters));
  }

  private renderCommunityLegend(): void {
    const communities = byId('community-legend');
    communities.hidden = this.state.colorBy !== 'community';
    if (communities.hidden) return;
    const community = this.metricsClient.get()?.community ?? null;
    renderCommunityLegend(communities, community, this.metricsClient.status(), community ? this.communityColorOf(community) : communityColor);
  }

  private renderScaleNotice(): void {
    const state = this.state;
    renderScaleNotice(
      byId('scale-notice'),
      { large: this.derived.restrict(state) !== null, showAll: state.showAll, shown: this.derived.visibility(state).nodes.size, total: this.graph.order },
      (all) => this.setShowAll(all),
    );
  }

  private renderTitle(): void {
    const s = t();
    const visibility = this.derived.visibility(this.state);
    const count = s.visible(visibility.nodes.size, this.graph.order, visibility.edges.size, this.graph.size);
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
    const state = this.state;
    const node = state.selected;
    if (!node || !this.has(node)) {
      panel.hidden = true;
      clear(panel);
      return;
    }
    panel.hidden = false;
    const metrics = this.metricsOrRequest();
    renderDetails(panel, node, {
      graph: this.graph,
      articles: this.derived.articleMap(state),
      metrics,
      metricsStatus: this.metricsClient.status(),
      hiddenRelations: state.filters.hiddenRelations,
      minCooccurrence: state.filters.minCooccurrence,
      canBack: state.historyIndex > 0,
      canForward: state.historyIndex < state.history.length - 1,
      focus: state.focus,
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
    const state = this.state;
    const path = this.path;
    if (state.pathStart && !state.path) {
      box.hidden = false;
      box.append(el('p', { attrs: { 'data-testid': 'path-hint' } }, s.pathPick), this.pathOptions(), this.closePathButton());
      return;
    }
    if (!state.path) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    const [a, b] = state.path;
    const label = (n: string) => (this.has(n) ? this.graph.getNodeAttribute(n, 'label') : n);
    box.append(el('h2', {}, `${s.path}: ${label(a)} → ${label(b)}`), this.pathOptions());
    if (!path) {
      const through = classWordsOnlyPath(this.graph, a, b, state.pathOptions).map((n) => `«${label(n)}»`);
      box.append(el('p', { attrs: { 'data-testid': 'path-none' } }, s.pathNone), this.closePathButton());
      if (through.length > 0) box.append(el('p', { attrs: { 'data-testid': 'path-class-words' } }, s.pathOnlyThroughClassWords(through.join(', '))));
      return;
    }
    const list = el('ol', { class: 'path-hops', attrs: { 'data-testid': 'path-hops' } });
    for (const hop of path.hops) {
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
    if (!this.has(node)) return;
    const pathMade = Boolean(this.state.pathStart && this.state.pathStart !== node);
    this.dispatch(producers.select, node, options.pushHistory !== false);
    this.afterSelect(node, pathMade, options.moveCamera !== false);
  }

  private afterSelect(node: string, pathMade: boolean, moveCamera: boolean): void {
    this.pushView();
    // The path just found is what the user wants to see, not its last end alone.
    if (pathMade && this.path) this.framePath();
    else if (moveCamera) void this.view.focusNode(node);
    byId('panel').querySelector<HTMLElement>('#panel-title')?.focus({ preventScroll: true });
  }

  clearSelection(): void {
    if (!this.state.selected) return;
    this.dispatch(producers.clearSelection);
    this.pushView();
  }

  private goHistory(delta: number): void {
    const before = this.state;
    this.dispatch(producers.goHistory, delta, this.has);
    if (this.state !== before && this.state.selected) this.afterSelect(this.state.selected, false, true);
  }

  setFilters(filters: Filters): void {
    this.dispatch(producers.setFilters, filters);
  }

  setFocus(focus: ViewState['focus']): void {
    this.dispatch(producers.setFocus, focus);
    this.pushView();
  }

  /** A large graph: everything, or back to its readable default (view/readable-default.ts). */
  setShowAll(all: boolean): void {
    this.dispatch(producers.setShowAll, all);
  }

  setPathOptions(options: PathOptions): void {
    this.dispatch(producers.setPathOptions, options);
    if (this.state.path && !this.urlSync.restoring) this.framePath();
  }

  /** Camera over the visible graph, in the part of the canvas no panel covers. */
  fitVisible(): Promise<void> {
    return this.view.fitNodes(this.derived.visibility(this.state).nodes, uncoveredInsets(byId('graph')));
  }

  private framePath(): void {
    const path = this.path;
    if (path) void this.view.fitNodes(path.nodes, uncoveredInsets(byId('graph')));
  }

  setColorMode(mode: ColorMode): void {
    this.dispatch(producers.setColorMode, mode);
  }

  setSizeMode(mode: SizeMode): void {
    this.dispatch(producers.setSizeMode, mode);
  }

  startPath(node: string): void {
    this.dispatch(producers.startPath, node);
    // The box still shows the first end's name: empty it so the other end can be typed.
    this.searchBox.clear();
    this.searchBox.focus();
  }

  showPath(a: string, b: string, options: { frame?: boolean; push?: boolean } = {}): void {
    this.dispatch(producers.showPath, a, b);
    if (options.push !== false) this.pushView();
    if (options.frame !== false && !this.urlSync.restoring) this.framePath();
  }

  clearPath(): void {
    this.dispatch(producers.clearPath);
    this.pushView();
  }

  private removeOverlaps(): void {
    const sigma = this.view.sigma;
    const { width } = sigma.getDimensions();
    // Graph units per screen pixel at the current zoom.
    const a = sigma.viewportToGraph({ x: 0, y: 0 });
    const b = sigma.viewportToGraph({ x: width, y: 0 });
    const perPixel = Math.hypot(b.x - a.x, b.y - a.y) / Math.max(width, 1);
    const sizeOf = this.derived.sizeOf(this.state);
    this.layout.removeOverlaps((node) => sizeOf(node), perPixel);
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
    this.overrides = file.overrides;
    ensurePositions(this.graph);
    this.dispatch(producers.graphReplaced, file.articles);
    void this.view.sigma.getCamera().animatedReset();
    for (const listener of this.replacedListeners) listener();
  }

  /** Info messages fade after a while; errors stay until the next message or a click on them. */
  /** The initial file failed validation after it was drawn: show nothing of it, say why. */
  dropInvalidGraph(message: string): void {
    this.layout.stop();
    this.graph.clear();
    this.overrides = undefined;
    this.dispatch(producers.graphDropped);
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
      this.dispatch(producers.setLanguage, lang());
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
    if (this.state.pathStart || this.state.path) {
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
    renderListView(list, this.graph, this.derived.visibility(this.state).nodes, this.state.selected, (node) => this.select(node), this.listSort, (sort) => {
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

  typesPresent(): EntityType[] {
    return ENTITY_TYPES.filter((type) => this.graph.someNode((_n, a) => a.type === type));
  }
}
