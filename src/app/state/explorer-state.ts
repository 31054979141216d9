/**
 * The explorer's whole state and the producers that change it. Each producer is
 * pure, `(state, ...args) => state`, returning the same object when nothing
 * changes, so subscribers (panels, the canvas, the URL) run only on real
 * changes. Whether a node exists is asked through `has`, never by reading the graph.
 */
import type { ArticleRecord } from '../../model/graph-file';
import { defaultViewState, type CameraView, type ColorMode, type Filters, type Focus, type PathOptions, type SizeMode, type ViewState } from './view-state';

export interface Highlight {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export const NO_HIGHLIGHT: Highlight = { nodes: new Set(), edges: new Set() };

export interface ExplorerState extends ViewState {
  /** The first end of a path being picked (the second is the next entity selected). */
  pathStart: string | null;
  /** What was clicked, for the panel's back and forward. */
  history: readonly string[];
  historyIndex: number;
  /** Nodes and edges an added article just brought: drawn highlighted. */
  fresh: Highlight;
  articles: readonly ArticleRecord[];
  /** Advanced whenever the graph's nodes or edges change: everything derived from the graph is keyed on it. */
  graphRevision: number;
  /** Advanced when metrics arrive or are dropped. */
  metricsRevision: number;
  lang: string;
}

type Has = (node: string) => boolean;

export function initialExplorerState(view: ViewState, articles: readonly ArticleRecord[], lang: string): ExplorerState {
  return { ...view, pathStart: null, history: [], historyIndex: -1, fresh: NO_HIGHLIGHT, articles, graphRevision: 0, metricsRevision: 0, lang };
}

/** The part of the state that is the view (the URL's). */
export function viewOf(state: ExplorerState): ViewState {
  const { selected, filters, focus, path, camera, colorBy, sizeBy, showAll, pathOptions } = state;
  return { selected, filters, focus, path, camera, colorBy, sizeBy, showAll, pathOptions };
}

/** Selects a node; a pending path start makes the path to it. History gets a step unless `pushHistory` is false. */
export function select(state: ExplorerState, node: string, pushHistory = true): ExplorerState {
  let next: ExplorerState = { ...state, selected: node };
  if (state.pathStart && state.pathStart !== node) next = { ...next, path: [state.pathStart, node], pathStart: null };
  if (pushHistory && state.history[state.historyIndex] !== node) {
    const history = [...state.history.slice(0, state.historyIndex + 1), node];
    next = { ...next, history, historyIndex: history.length - 1 };
  }
  return next;
}

export function clearSelection(state: ExplorerState): ExplorerState {
  return state.selected ? { ...state, selected: null } : state;
}

/** Back (-1) or forward (+1) through what was clicked, skipping nothing: a missing step is no step. */
export function goHistory(state: ExplorerState, delta: number, has: Has): ExplorerState {
  const index = state.historyIndex + delta;
  const node = state.history[index];
  if (node === undefined || !has(node)) return state;
  return { ...select(state, node, false), historyIndex: index };
}

export function setFilters(state: ExplorerState, filters: Filters): ExplorerState {
  return { ...state, filters };
}

export function setFocus(state: ExplorerState, focus: Focus | null): ExplorerState {
  return { ...state, focus };
}

export function setShowAll(state: ExplorerState, showAll: boolean): ExplorerState {
  return state.showAll === showAll ? state : { ...state, showAll };
}

export function setPathOptions(state: ExplorerState, pathOptions: PathOptions): ExplorerState {
  return { ...state, pathOptions };
}

export function setColorMode(state: ExplorerState, colorBy: ColorMode): ExplorerState {
  return state.colorBy === colorBy ? state : { ...state, colorBy };
}

export function setSizeMode(state: ExplorerState, sizeBy: SizeMode): ExplorerState {
  return state.sizeBy === sizeBy ? state : { ...state, sizeBy };
}

export function setCamera(state: ExplorerState, camera: CameraView): ExplorerState {
  const c = state.camera;
  return c && c.x === camera.x && c.y === camera.y && c.ratio === camera.ratio ? state : { ...state, camera };
}

export function setLanguage(state: ExplorerState, lang: string): ExplorerState {
  return state.lang === lang ? state : { ...state, lang };
}

export function startPath(state: ExplorerState, node: string): ExplorerState {
  return { ...state, pathStart: node, path: null };
}

export function showPath(state: ExplorerState, a: string, b: string): ExplorerState {
  return { ...state, path: [a, b], pathStart: null };
}

export function clearPath(state: ExplorerState): ExplorerState {
  return state.path || state.pathStart ? { ...state, path: null, pathStart: null } : state;
}

export function clearFresh(state: ExplorerState): ExplorerState {
  return state.fresh.nodes.size === 0 && state.fresh.edges.size === 0 ? state : { ...state, fresh: NO_HIGHLIGHT };
}

/** Metrics arrived, or were dropped because the graph changed. */
export function metricsChanged(state: ExplorerState): ExplorerState {
  return { ...state, metricsRevision: state.metricsRevision + 1 };
}

/**
 * A view from the URL (Back, Forward, a pasted link). What names a node the graph
 * lacks is let go (the caller keeps it as a pending link); the selection is applied
 * apart, by `select`, so it takes its history step.
 */
export function applyView(state: ExplorerState, view: ViewState, has: Has): ExplorerState {
  const focus = view.focus && has(view.focus.node) ? view.focus : null;
  const path = view.path && view.path.every(has) ? view.path : null;
  return { ...state, ...view, selected: null, focus, path, pathStart: null };
}

/**
 * The graph changed under the view (an article added or removed, the summary
 * read again): what pointed at a re-keyed or merged node follows its successor,
 * what pointed at a node that is gone lets go; history keeps its places without
 * two equal steps in a row.
 */
export function graphChanged(
  state: ExplorerState,
  change: { articles: readonly ArticleRecord[]; successors: ReadonlyMap<string, string>; fresh?: Highlight },
  has: Has,
): ExplorerState {
  const follow = (node: string): string | null => {
    const next = change.successors.get(node) ?? node;
    return has(next) ? next : null;
  };
  const focusNode = state.focus ? follow(state.focus.node) : null;
  let path: [string, string] | null = null;
  if (state.path) {
    const a = follow(state.path[0]);
    const b = follow(state.path[1]);
    path = a && b && a !== b ? [a, b] : null;
  }
  const history: string[] = [];
  let historyIndex = -1;
  state.history.forEach((node, i) => {
    const followed = follow(node);
    if (followed !== null && history[history.length - 1] !== followed) history.push(followed);
    if (i === state.historyIndex) historyIndex = history.length - 1;
  });
  return {
    ...state,
    selected: state.selected ? follow(state.selected) : null,
    focus: state.focus && focusNode ? { ...state.focus, node: focusNode } : null,
    pathStart: state.pathStart ? follow(state.pathStart) : null,
    path,
    history,
    historyIndex: state.historyIndex < 0 ? -1 : historyIndex,
    articles: change.articles,
    fresh: change.fresh ?? state.fresh,
    graphRevision: state.graphRevision + 1,
  };
}

/** Another graph replaced this one: a fresh view that keeps only how nodes are coloured and sized. */
export function graphReplaced(state: ExplorerState, articles: readonly ArticleRecord[]): ExplorerState {
  return {
    ...state,
    ...defaultViewState(),
    colorBy: state.colorBy,
    sizeBy: state.sizeBy,
    pathStart: null,
    history: [],
    historyIndex: -1,
    fresh: NO_HIGHLIGHT,
    articles,
    graphRevision: state.graphRevision + 1,
  };
}

/** The initial graph failed validation after it was drawn: nothing of it is shown. */
export function graphDropped(state: ExplorerState): ExplorerState {
  return { ...graphReplaced(state, []), ...defaultViewState() };
}
