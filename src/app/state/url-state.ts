/**
 * The view state in the URL's hash, so a link restores what its sender saw.
 * Decoding is forgiving: an unknown type, a bad number or a stray parameter is
 * dropped, never an error (links get truncated and hand-edited).
 *
 *   #sel=<node>&ht=DATE,MONEY&art=<id>&from=2019-01-01&to=2019-12-31&min=2
 *    &hr=MENTIONED_WITH&iso=1&focus=<node>&hops=2&pa=<node>&pb=<node>&cam=0.5,0.5,1.2
 *    &color=community&size=pagerank&mw=2&all=1&pt=1&ph=1
 */
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type RelationType } from '../../model/vocabulary';
import { COLOR_MODES, SIZE_MODES, defaultViewState, type ColorMode, type SizeMode, type ViewState } from './view-state';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function round(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}

export function encodeViewState(state: ViewState): string {
  const params = new URLSearchParams();
  const { filters } = state;
  if (state.selected) params.set('sel', state.selected);
  if (filters.hiddenTypes.length) params.set('ht', filters.hiddenTypes.join(','));
  if (filters.article) params.set('art', filters.article);
  if (filters.dateFrom) params.set('from', filters.dateFrom);
  if (filters.dateTo) params.set('to', filters.dateTo);
  if (filters.minMentions > 0) params.set('min', String(filters.minMentions));
  if (filters.hiddenRelations.length) params.set('hr', filters.hiddenRelations.join(','));
  if (filters.hideIsolated) params.set('iso', '1');
  if (filters.showClassWords) params.set('cls', '1');
  if (filters.minCooccurrence > 0) params.set('mw', String(filters.minCooccurrence));
  if (state.focus) {
    params.set('focus', state.focus.node);
    params.set('hops', String(state.focus.hops));
  }
  if (state.path) {
    params.set('pa', state.path[0]);
    params.set('pb', state.path[1]);
  }
  if (state.camera) params.set('cam', [state.camera.x, state.camera.y, state.camera.ratio].map(round).join(','));
  if (state.colorBy !== 'type') params.set('color', state.colorBy);
  if (state.sizeBy !== 'mentions') params.set('size', state.sizeBy);
  if (state.showAll) params.set('all', '1');
  if (state.pathOptions.typedOnly) params.set('pt', '1');
  if (state.pathOptions.avoidHubs) params.set('ph', '1');
  return params.toString();
}

function listOf<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const seen = new Set<T>();
  for (const part of value.split(',')) {
    if ((allowed as readonly string[]).includes(part)) seen.add(part as T);
  }
  return [...seen];
}

function nonEmpty(value: string | null): string | null {
  return value && value.length > 0 ? value : null;
}

export function decodeViewState(hash: string): ViewState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state = defaultViewState();
  state.selected = nonEmpty(params.get('sel'));
  state.filters.hiddenTypes = listOf<EntityType>(params.get('ht'), ENTITY_TYPES);
  state.filters.article = nonEmpty(params.get('art'));
  const from = params.get('from');
  const to = params.get('to');
  state.filters.dateFrom = from && ISO_DATE.test(from) ? from : null;
  state.filters.dateTo = to && ISO_DATE.test(to) ? to : null;
  const min = Number(params.get('min'));
  state.filters.minMentions = Number.isInteger(min) && min > 0 ? Math.min(min, 1_000_000) : 0;
  state.filters.hiddenRelations = listOf<RelationType>(params.get('hr'), RELATION_TYPES);
  state.filters.hideIsolated = params.get('iso') === '1';
  state.filters.showClassWords = params.get('cls') === '1';
  const minWeight = Number(params.get('mw'));
  state.filters.minCooccurrence = Number.isInteger(minWeight) && minWeight > 0 ? Math.min(minWeight, 1_000_000) : 0;
  const focus = nonEmpty(params.get('focus'));
  if (focus) state.focus = { node: focus, hops: params.get('hops') === '2' ? 2 : 1 };
  const pathA = nonEmpty(params.get('pa'));
  const pathB = nonEmpty(params.get('pb'));
  if (pathA && pathB) state.path = [pathA, pathB];
  const cam = params.get('cam')?.split(',').map(Number);
  if (cam && cam.length === 3 && cam.every(Number.isFinite) && cam[2]! > 0) {
    state.camera = { x: cam[0]!, y: cam[1]!, ratio: cam[2]! };
  }
  const color = params.get('color');
  if (color && (COLOR_MODES as readonly string[]).includes(color)) state.colorBy = color as ColorMode;
  const size = params.get('size');
  if (size && (SIZE_MODES as readonly string[]).includes(size)) state.sizeBy = size as SizeMode;
  state.showAll = params.get('all') === '1';
  state.pathOptions = { typedOnly: params.get('pt') === '1', avoidHubs: params.get('ph') === '1' };
  return state;
}
