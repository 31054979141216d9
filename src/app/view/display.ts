/**
 * What Sigma's reducers read. The page draws its first frame before the
 * explorer's code has loaded (main.ts), with a plain display model; the
 * explorer then takes over the same renderer through the delegate, so the
 * canvas is never created twice.
 */
import type { ArticleRecord } from '../../model/graph-file';
import type { KnowledgeGraph } from '../data/graph-io';
import type { DisplayModel } from '../sigma/renderer';
import type { ViewState } from '../state/view-state';
import { mentionsOf, sizeByValue, typeColorOf } from './appearance';
import { readableDefault } from './readable-default';
import { computeVisibility } from './visibility';

export class DisplayDelegate implements DisplayModel {
  constructor(private target: DisplayModel) {}

  /** From now on the reducers read `target` (call the renderer's refresh if the picture changes). */
  use(target: DisplayModel): void {
    this.target = target;
  }

  visibility() {
    return this.target.visibility();
  }
  colorOf(node: string) {
    return this.target.colorOf(node);
  }
  sizeOf(node: string) {
    return this.target.sizeOf(node);
  }
  selected() {
    return this.target.selected();
  }
  path() {
    return this.target.path();
  }
  fresh() {
    return this.target.fresh();
  }
}

/**
 * The first frame: the state's filters and focus, colours by type, sizes by
 * mentions, nothing selected. The explorer redraws when the state asks for
 * more (community colours, metric sizes, a path, a selection).
 */
export function firstFrameDisplay(graph: KnowledgeGraph, articles: readonly ArticleRecord[], state: ViewState): DisplayModel {
  const restrict = state.showAll ? null : readableDefault(graph);
  const visibility = computeVisibility(graph, new Map(articles.map((a) => [a.id, a])), state.filters, state.focus, restrict);
  const sizeOf = sizeByValue(graph, (node) => mentionsOf(graph, node));
  const none = { nodes: new Set<string>(), edges: new Set<string>() };
  return {
    visibility: () => visibility,
    colorOf: (node) => typeColorOf(graph, node),
    sizeOf,
    selected: () => null,
    path: () => null,
    fresh: () => none,
  };
}

/** Whether the first frame already shows `state` as the explorer would draw it. */
export function firstFrameMatches(state: ViewState): boolean {
  return state.colorBy === 'type' && state.sizeBy === 'mentions' && !state.path && !state.selected;
}
