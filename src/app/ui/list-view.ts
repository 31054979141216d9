/**
 * The accessible alternative to the canvas: a table of the visible entities,
 * each name a button that selects it, so screen-reader and keyboard users can
 * reach every node. Every column header sorts; a second click reverses.
 */
import type { KnowledgeGraph } from '../data/graph-io';
import { t } from '../i18n';
import { clear, el } from './dom';

const MAX_ROWS = 500;

export const LIST_COLUMNS = ['name', 'type', 'mentions', 'degree'] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];
export interface ListSort {
  column: ListColumn;
  descending: boolean;
}
/** Most-mentioned first, as the list opened before it could be sorted. */
export const DEFAULT_LIST_SORT: ListSort = { column: 'mentions', descending: true };

export function renderListView(
  container: HTMLElement,
  graph: KnowledgeGraph,
  visible: ReadonlySet<string>,
  selected: string | null,
  onSelect: (node: string) => void,
  sort: ListSort = DEFAULT_LIST_SORT,
  onSort: (sort: ListSort) => void = () => undefined,
): void {
  clear(container);
  const s = t();
  const nodes = [...visible].filter((n) => graph.hasNode(n));
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const typeName = (node: string) => s.entityTypes[graph.getNodeAttribute(node, 'type')];
  const compare: Record<ListColumn, (a: string, b: string) => number> = {
    name: (a, b) => collator.compare(graph.getNodeAttribute(a, 'label'), graph.getNodeAttribute(b, 'label')),
    type: (a, b) => collator.compare(typeName(a), typeName(b)),
    mentions: (a, b) => graph.getNodeAttribute(a, 'mentions') - graph.getNodeAttribute(b, 'mentions'),
    degree: (a, b) => graph.degree(a) - graph.degree(b),
  };
  const sign = sort.descending ? -1 : 1;
  // Ties fall back to the name, so equal rows keep a stable, readable order.
  nodes.sort((a, b) => sign * compare[sort.column](a, b) || compare.name(a, b));
  const rows = nodes.slice(0, MAX_ROWS).map((node) => {
    const attrs = graph.getNodeAttributes(node);
    return el(
      'tr',
      { attrs: node === selected ? { 'aria-current': 'true' } : {} },
      el('th', { attrs: { scope: 'row' } }, el('button', { class: 'node-link', attrs: { type: 'button', 'data-node': node }, on: { click: () => onSelect(node) } }, attrs.label)),
      el('td', {}, s.entityTypes[attrs.type]),
      el('td', { class: 'num' }, String(attrs.mentions)),
      el('td', { class: 'num' }, String(graph.degree(node))),
    );
  });
  const titles: Record<ListColumn, string> = { name: s.name, type: s.type, mentions: s.mentionsLabel, degree: s.degree };
  const header = (column: ListColumn) => {
    const active = sort.column === column;
    const attrs: Record<string, string> = { scope: 'col' };
    if (active) attrs['aria-sort'] = sort.descending ? 'descending' : 'ascending';
    const next: ListSort = { column, descending: active ? !sort.descending : column === 'mentions' || column === 'degree' };
    return el(
      'th',
      { attrs },
      el(
        'button',
        { class: 'sort-button', attrs: { type: 'button', 'data-sort': column }, on: { click: () => onSort(next) } },
        titles[column],
        active ? el('span', { attrs: { 'aria-hidden': 'true' } }, sort.descending ? ' ▼' : ' ▲') : null,
      ),
    );
  };
  const caption = nodes.length > MAX_ROWS ? `${s.listCaption} (${MAX_ROWS} / ${nodes.length})` : s.listCaption;
  container.append(
    el(
      'table',
      { attrs: { 'data-testid': 'entity-list' } },
      el('caption', {}, `${caption} — ${titles[sort.column]}, ${sort.descending ? s.sortDescending : s.sortAscending}`),
      el('thead', {}, el('tr', {}, ...LIST_COLUMNS.map(header))),
      el('tbody', {}, ...rows),
    ),
  );
}
