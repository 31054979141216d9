/**
 * What the user is looking at: filters, focus, selection, camera, colour and
 * size modes. One plain value, so it can live in the URL (see url-state.ts).
 */
import type { EntityType, RelationType } from '../../model/vocabulary';

export interface Filters {
  hiddenTypes: EntityType[];
  /** Show only what this article mentions. */
  article: string | null;
  /** Inclusive ISO dates (YYYY-MM-DD) on the articles' publication dates. */
  dateFrom: string | null;
  dateTo: string | null;
  minMentions: number;
  hiddenRelations: RelationType[];
  hideIsolated: boolean;
  /** Show class words' nodes ("наркотики", "сайт": EntityNodeAttributes.generic), hidden by default. */
  showClassWords: boolean;
  /** Co-occurrence (MENTIONED_WITH) edges below this weight are hidden; typed relations are never hidden by it. */
  minCooccurrence: number;
}

export interface Focus {
  node: string;
  hops: 1 | 2;
}

export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

export const COLOR_MODES = ['type', 'community'] as const;
export type ColorMode = (typeof COLOR_MODES)[number];
export const SIZE_MODES = ['mentions', 'degree', 'pagerank'] as const;
export type SizeMode = (typeof SIZE_MODES)[number];

export interface ViewState {
  selected: string | null;
  filters: Filters;
  focus: Focus | null;
  /** Two ends of a shortest path to show. */
  path: [string, string] | null;
  camera: CameraView | null;
  colorBy: ColorMode;
  sizeBy: SizeMode;
  /** A large graph opens on its readable default (view/readable-default.ts); true shows everything. */
  showAll: boolean;
  pathOptions: PathOptions;
}

/** How a shortest path may run (view/path.ts states the rules). */
export interface PathOptions {
  typedOnly: boolean;
  avoidHubs: boolean;
}

export function defaultFilters(): Filters {
  return { hiddenTypes: [], article: null, dateFrom: null, dateTo: null, minMentions: 0, hiddenRelations: [], hideIsolated: false, showClassWords: false, minCooccurrence: 0 };
}

export function defaultViewState(): ViewState {
  return { selected: null, filters: defaultFilters(), focus: null, path: null, camera: null, colorBy: 'type', sizeBy: 'mentions', showAll: false, pathOptions: { typedOnly: false, avoidHubs: false } };
}
